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
