"""`read_events`: files of any supported format -> one canonical events table."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Literal

import polars as pl

from graphmon.errors import ConfigError
from graphmon.events import EVENT_SCHEMA
from graphmon.ingest.canonical import read_events_table
from graphmon.ingest.checks import INDEX, plural
from graphmon.ingest.coortweet import read_coortweet
from graphmon.ingest.crowdtangle import read_crowdtangle
from graphmon.ingest.duplicates import first_occurrences
from graphmon.ingest.files import Source, open_source
from graphmon.ingest.formats import InputFormat, check_format_name, check_kind, detect_format
from graphmon.ingest.part import Part, conform_accounts
from graphmon.ingest.telegram import read_telegram
from graphmon.ingest.twitter_v1 import read_twitter_v1
from graphmon.ingest.twitter_v2 import read_twitter_v2

DEDUPLICATION_KEY = ("account_id", "object_type", "object_id", "content_id", "timestamp")
FILE = "_file"
ADAPTERS: dict[str, Callable[[Source], Part]] = {
    "coortweet": read_coortweet,
    "twitter-v2": read_twitter_v2,
    "twitter-v1": read_twitter_v1,
    "telegram": read_telegram,
    "crowdtangle": read_crowdtangle,
}


@dataclass(frozen=True)
class ReadResult:
    """What `read_events` read.

    events: exactly `graphmon.events.EVENT_SCHEMA`, in input order.
    accounts: `ACCOUNT_SCHEMA`: the profiles the input itself carried (Twitter user objects…),
        one row per account_id, else empty.
    rows_read: input rows or records seen (before melting).
    duplicates_dropped: exact duplicate events dropped.
    notes: one sentence per thing skipped or assumed.
    """

    events: pl.DataFrame
    accounts: pl.DataFrame
    rows_read: int
    duplicates_dropped: int
    notes: tuple[str, ...]


def read_events(
    paths: Sequence[str | Path],
    *,
    mapping: Mapping[str, str] | None = None,
    objects: Sequence[str] = (),
    input_format: InputFormat = "auto",
    keep_duplicates: bool = False,
    missing_content_ids: Literal["row", "moment"] = "row",
) -> ReadResult:
    """Read share events from files, concatenated in the order given.

    Parameters
    ----------
    paths : CSV, TSV, Parquet, JSON Lines or JSON files, each optionally gzip-compressed.
    mapping : canonical column -> input column, e.g. ``{"account_id": "author_id"}``
        (events tables only).
    objects : wide events tables: the columns melted into one event per non-empty cell, the
        object type being the column name without ``_id``.
    input_format : ``auto`` tells each file's format from its name and content.
    keep_duplicates : keep exact duplicate events (same account_id, object_type, object_id,
        content_id and timestamp), as CooRTweet does; by default they are dropped and counted.

    missing_content_ids : what an absent content_id becomes: ``row``, the 1-based number of the
        row among all rows read (SPEC §1); ``moment``, ``@`` and the unix seconds of the share,
        which stays the same however the files are split or ordered (a store keys posts by
        account and content id): all the objects an account shared at one moment (a wide
        table's row, a tweet's links and hashtags) are one post.

    Raises `graphmon.errors.InputError` for a bad file (naming its row and column) and
    `graphmon.errors.ConfigError` for bad options.
    """
    check_format_name(input_format)
    if not paths:
        raise ConfigError("no input files given")
    if isinstance(paths, (str, Path)):
        raise ConfigError("paths must be a list of files, not one string")
    parts = [
        _read_file(path, mapping=mapping, objects=tuple(objects), input_format=input_format) for path in paths
    ]
    if missing_content_ids not in ("row", "moment"):
        raise ConfigError(f"missing_content_ids must be 'row' or 'moment', got {missing_content_ids!r}")
    return _combine(parts, [str(path) for path in paths], keep_duplicates=keep_duplicates,
                    missing_content_ids=missing_content_ids)


def _read_file(
    path: str | Path, *, mapping: Mapping[str, str] | None, objects: tuple[str, ...], input_format: str
) -> Part:
    with open_source(path) as source:
        chosen = input_format
        if chosen == "auto":
            chosen = "events" if mapping or objects else detect_format(source)
        else:
            check_kind(source, chosen)
        if chosen == "events":
            return read_events_table(source, mapping=mapping, objects=objects)
        if mapping or objects:
            raise ConfigError(f"mapping and objects apply to events tables only, not to {chosen} input")
        return ADAPTERS[chosen](source)


def _combine(parts: list[Part], paths: list[str], *, keep_duplicates: bool,
             missing_content_ids: Literal["row", "moment"]) -> ReadResult:
    offsets = accumulate((part.rows_read for part in parts[:-1]), initial=0)
    events = pl.concat(
        [
            part.events.with_columns(pl.col(INDEX) + offset, pl.lit(number).alias(FILE))
            for number, (part, offset) in enumerate(zip(parts, offsets, strict=True))
        ]
    )
    notes = [note for part in parts for note in part.notes]
    dropped = 0
    if not keep_duplicates:
        first = first_occurrences(events, DEDUPLICATION_KEY)
        dropped = events.height - int(first.sum())
        if dropped:
            counts = events.filter(~first).group_by(FILE, maintain_order=True).len()
            notes += [
                f"{paths[number]}: {plural(count, 'exact duplicate event')} dropped"
                for number, count in counts.iter_rows()
            ]
            events = events.filter(first)
    if events["content_id"].null_count():
        generated = ((pl.col(INDEX) + 1).cast(pl.String) if missing_content_ids == "row" else
                     pl.format("@{}", pl.col("timestamp").cast(pl.String)))
        events = events.with_columns(pl.col("content_id").fill_null(generated))
    accounts = conform_accounts(pl.concat([part.accounts for part in parts]))
    return ReadResult(
        events=events.select(list(EVENT_SCHEMA)),
        accounts=accounts,
        rows_read=sum(part.rows_read for part in parts),
        duplicates_dropped=dropped,
        notes=tuple(notes),
    )
