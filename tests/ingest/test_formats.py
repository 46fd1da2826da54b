"""Telling formats apart, and reading compressed files of every kind."""

from __future__ import annotations

import gzip

import pytest

from graphmon.errors import InputError
from graphmon.ingest import read_events
from graphmon.ingest.files import open_source
from graphmon.ingest.formats import detect_format
from tests.ingest import DATA


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("events.csv", "events"),
        ("events.jsonl", "events"),
        ("wide.csv", "events"),
        ("coortweet.csv", "events"),
        ("twitter_v2_response.json", "twitter-v2"),
        ("twitter_v2_responses.jsonl", "twitter-v2"),
        ("twitter_v2_flat.jsonl", "twitter-v2"),
        ("twitter_v1.jsonl", "twitter-v1"),
        ("telegram_channel.json", "telegram"),
        ("telegram_full_export.json", "telegram"),
        ("crowdtangle.csv", "crowdtangle"),
    ],
)
def test_detect_format(name, expected) -> None:
    with open_source(DATA / name) as source:
        assert detect_format(source) == expected


@pytest.mark.parametrize(
    "name",
    [
        "twitter_v2_response.json",
        "twitter_v1.jsonl",
        "telegram_channel.json",
        "crowdtangle.csv",
        "events.jsonl",
    ],
)
def test_gzip_compressed_inputs_read_like_plain_ones(tmp_path, name) -> None:
    packed = tmp_path / f"{name}.gz"
    packed.write_bytes(gzip.compress((DATA / name).read_bytes()))
    plain, compressed = read_events([DATA / name]), read_events([packed])
    assert compressed.events.equals(plain.events)
    assert compressed.accounts.equals(plain.accounts)


def test_gzip_is_recognised_by_its_bytes_not_only_its_name(tmp_path) -> None:
    hidden = tmp_path / "events.csv"
    hidden.write_bytes(gzip.compress((DATA / "events.csv").read_bytes()))
    assert read_events([hidden]).events.equals(read_events([DATA / "events.csv"]).events)


def test_mixed_formats_in_one_call_keep_their_order(tmp_path) -> None:
    result = read_events([DATA / "telegram_channel.json", DATA / "coortweet.csv", DATA / "twitter_v1.jsonl"])
    assert result.events["platform"].to_list() == ["tg"] * 5 + [None] * 3 + ["tw"] * 8
    assert result.rows_read == 4 + 4 + 3
    assert result.accounts["platform"].to_list() == ["tg", "tw", "tw", "tw"]


def test_a_mapping_forces_the_events_format(write) -> None:
    path = write(
        "ct.csv", "User Name,Facebook Id,Post Created,Link,unix\nalice,1,2021-01-01 00:00:00 UTC,l,5\n"
    )
    assert read_events([path]).events["account_id"].to_list() == ["1"]
    events = read_events(
        [path], mapping={"account_id": "User Name", "object_id": "Link", "timestamp": "unix"}
    ).events
    assert events.select("account_id", "object_id", "timestamp", "platform").rows() == [
        ("alice", "l", 5.0, None)
    ]


def test_telegram_given_for_twitter_json_is_refused() -> None:
    with pytest.raises(InputError, match="looks like twitter-v2 input, not telegram"):
        read_events([DATA / "twitter_v2_response.json"], input_format="telegram")


def telegram_export(messages: int, *, name: str = "Daily Truth") -> dict:
    return {"name": name, "type": "public_channel", "id": 1500000001, "messages": [
        {"id": i, "type": "message", "date": "2022-02-24T07:00:00", "date_unixtime": str(1645686000 + i),
         "from": name, "from_id": "channel1500000001", "text": f"read https://example.org/{i % 50} #tag{i % 7}",
         "text_entities": [{"type": "link", "text": f"https://example.org/{i % 50}"},
                           {"type": "hashtag", "text": f"#tag{i % 7}"}]} for i in range(messages)]}


def test_a_large_export_is_told_from_its_beginning_and_a_late_syntax_error_is_located(write) -> None:
    import json

    text = json.dumps(telegram_export(20_000))
    assert len(text) > 4 * 65_536
    broken = write("result.json", text[:-3_000] + "}}]}")  # the end of the messages list is garbled
    with open_source(broken) as source:
        assert detect_format(source) == "telegram"  # from the members before "messages"
    with pytest.raises(InputError, match=r"result\.json:1: is not valid JSON: .* \(column \d+\); fix or re-export"):
        read_events([broken])


def test_a_document_whose_telling_member_comes_late_is_read_in_steps(write) -> None:
    import json

    export = {"about": "x" * 300_000, "personal_information": {"first_name": "Ünï", "bio": "é" * 50_000},
              "chats": {"list": [telegram_export(30, name="Ann")]}}
    path = write("result.json", json.dumps(export, ensure_ascii=False))
    with open_source(path) as source:
        assert detect_format(source) == "telegram"
    assert read_events([path]).events.height == 60  # a link and a hashtag per message


def test_a_character_cut_by_the_first_read_and_a_byte_order_mark_are_read(write) -> None:
    import json

    from graphmon.ingest.jsondoc import SAMPLE_BYTES

    opening = '\ufeff{"about": "'
    pad = SAMPLE_BYTES - len(opening.encode("utf-8")) - 1  # "é" takes the last byte read and the next
    text = opening + "a" * pad + 'é", ' + json.dumps({"chats": {"list": [telegram_export(3, name="Ann")]}})[1:]
    path = write("result.json", text)
    assert path.read_bytes()[SAMPLE_BYTES - 1:SAMPLE_BYTES + 1] == "é".encode("utf-8")
    with open_source(path) as source:
        assert detect_format(source) == "telegram"
    assert read_events([path]).events.height == 6


@pytest.mark.parametrize(("content", "message"), [
    (b"", r"doc\.json: file is empty"),
    (b"[" * 5_000 + b"]" * 5_000, r"doc\.json: could not be read as JSON: maximum recursion depth exceeded"),
    (b'{"id": ' + b"7" * 5_000 + b"}", r"doc\.json: could not be read as JSON: Exceeds the limit \(4300 digits\)"),
    (b"  ", r"doc\.json:1: is not valid JSON: Expecting value \(column 3\)"),
    (b'{"name": "a", "id": 1,, "messages": []}', r"doc\.json:1: is not valid JSON: Expecting property name"),
    (b'{"name": "caf\xe9"}', r"not valid UTF-8"),
    (b'[{"id": "1", "author_id": "a"}, ', r"doc\.json:1: is not valid JSON: Expecting value \(column 33\)"),
    (b'["a", ', r"doc\.json: is JSON of a kind graphmon does not know"),
])
def test_bad_json_documents_say_where(write, content: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_events([write("doc.json", content)])
