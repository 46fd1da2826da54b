"""Telegram Desktop JSON exports (``result.json``): one chat (``messages`` at the top) or a full
export (``chats.list[*].messages``).

Each message (account = ``from_id``, content_id = ``CHAT_ID/MESSAGE_ID``, platform ``tg``, the
text of its ``text_entities``) gives one event per
- ``forwarded_from``: ``forward``, the object being the name of the forwarded chat or user;
- ``text_entities`` of type ``link`` (its text) or ``text_link`` (its href): ``url``;
- ``hashtag``: ``hashtag`` without ``#``, lower-cased; ``mention``: ``mention`` without ``@``,
  lower-cased.
The time is ``date_unixtime``; exports older than 2022 lack it, and then ``date`` (the local time
of the computer that exported) is read as UTC, with a note. Service messages are skipped. Senders
become accounts with their display name. Error rows: the message's number in the export.
"""

from __future__ import annotations

import polars as pl

from graphmon.ingest.checks import INDEX, check_field_sizes, drop_empty, plural
from graphmon.ingest.files import Source
from graphmon.ingest.jsondoc import read_records
from graphmon.ingest.objects import ObjectList, explode_with_note
from graphmon.ingest.part import Part, conform_accounts, conform_events
from graphmon.ingest.timestamps import to_unix_seconds

S = pl.String()
ENTITY = pl.Struct({"type": S, "text": S, "href": S})
MESSAGE = pl.Struct(
    {
        "id": S,
        "type": S,
        "date": S,
        "date_unixtime": S,
        "from": S,
        "from_id": S,
        "forwarded_from": S,
        "text_entities": pl.List(ENTITY),
    }
)
CHAT = {"name": S, "type": S, "id": S, "messages": pl.List(MESSAGE)}
EXPORT = pl.Struct({**CHAT, "chats": pl.Struct({"list": pl.List(pl.Struct(CHAT))})})


def read_telegram(source: Source) -> Part:
    """Read a Telegram Desktop export (see the module docstring)."""
    messages = _messages(source)
    rows_read = messages.height
    notes = []
    is_service = pl.col("type").fill_null("message") != "message"
    service = messages.filter(is_service).height
    if service:
        notes.append(f"{source.path}: {plural(service, 'service message')} skipped")
    messages = messages.filter(~is_service)
    messages, skipped = drop_empty(messages, ["from_id"], source, noun="message")
    undated = messages["date_unixtime"].null_count()
    if undated:
        notes.append(
            f"{source.path}: {plural(undated, 'message')} without date_unixtime: their date, "
            "the local time of the computer that exported them, was read as UTC"
        )
    messages = messages.with_columns(_time=pl.coalesce("date_unixtime", pl.col("date") + "Z"))
    messages = messages.with_columns(to_unix_seconds(messages, "_time", source, label="date_unixtime"))
    frame = messages.select(
        INDEX,
        "text_entities",
        "forwarded_from",
        account_id="from_id",
        timestamp="_time",
        platform=pl.lit("tg"),
        content_id=pl.concat_str("_chat_id", pl.lit("/"), "id"),
        text=pl.col("text_entities").list.eval(pl.element().struct.field("text")).list.join(""),
    )
    check_field_sizes(frame, source)
    events, empty = explode_with_note(frame, object_lists(), source, noun="message",
                                      lacking="a forward, link, hashtag or mention")
    skipped.extend(empty)
    accounts = conform_accounts(
        messages.select(account_id="from_id", display_name="from", platform=pl.lit("tg"))
    )
    return Part(conform_events(events), rows_read=rows_read, notes=tuple(notes + skipped), accounts=accounts)


def object_lists() -> list[ObjectList]:
    """A message's objects (ids, type), in event order."""
    kind, text, entities = (
        pl.element().struct.field("type"),
        pl.element().struct.field("text"),
        pl.col("text_entities"),
    )
    link = (
        pl.when(kind == "link").then(text).when(kind == "text_link").then(pl.element().struct.field("href"))
    )
    return [
        (pl.col("forwarded_from"), "forward"),
        (entities.list.eval(link), "url"),
        (
            entities.list.eval(
                pl.when(kind == "hashtag").then(text.str.strip_chars_start("#").str.to_lowercase())
            ),
            "hashtag",
        ),
        (
            entities.list.eval(
                pl.when(kind == "mention").then(text.str.strip_chars_start("@").str.to_lowercase())
            ),
            "mention",
        ),
    ]


def _messages(source: Source) -> pl.DataFrame:
    exports = read_records(source, EXPORT)
    listed = exports.select(pl.col("chats").struct.field("list")).explode("list").drop_nulls().unnest("list")
    chats = pl.concat([exports.select(list(CHAT)), listed]).drop_nulls("messages")
    messages = (
        chats.select(_chat_id="id", messages="messages")
        .explode("messages")
        .drop_nulls("messages")
        .unnest("messages")
    )
    if messages.height == 0:
        raise source.error("has no messages; is this a Telegram Desktop export (result.json)?")
    return messages.with_row_index(INDEX).with_columns(pl.col(INDEX).cast(pl.Int64))
