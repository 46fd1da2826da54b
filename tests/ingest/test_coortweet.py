"""The CooRTweet input table, and the shared Russian retweets data set."""

from __future__ import annotations

import pytest

from graphmon.errors import InputError
from graphmon.ingest import read_events
from tests.ingest import DATA, SHARED


def test_coortweet_table_reads_as_events_dropping_the_duplicate() -> None:
    for input_format in ("auto", "coortweet"):
        result = read_events([DATA / "coortweet.csv"], input_format=input_format)
        assert result.events.rows() == [
            ("a1", "t100", "object", 1623881091.0, "t201", None, None),
            ("a2", "t100", "object", 1623881095.0, "t202", None, None),
            ("a3", "t101", "object", 1623881200.0, "t203", None, None),
        ]
        assert (result.rows_read, result.duplicates_dropped) == (4, 1)


def test_keep_duplicates_keeps_them_as_coortweet_does() -> None:
    result = read_events([DATA / "coortweet.csv"], input_format="coortweet", keep_duplicates=True)
    assert result.events["content_id"].to_list() == ["t201", "t202", "t202", "t203"]
    assert (result.duplicates_dropped, result.notes) == (0, ())


def test_coortweet_format_insists_on_its_columns(write) -> None:
    path = write("c.csv", "object_id,account_id,timestamp_share\no,a,1\n")
    with pytest.raises(InputError) as caught:
        read_events([path], input_format="coortweet")
    assert str(caught.value).startswith(f"{path}:1:content_id: is not a CooRTweet table: it lacks content_id")


def test_russian_coord_tweets() -> None:
    path = SHARED / "russian_coord_tweets.csv.gz"
    result = read_events([path])
    assert result.rows_read == 35_125
    assert result.events.height == 35_124
    assert result.duplicates_dropped == 1
    assert result.notes == (f"{path}: 1 exact duplicate event dropped",)
    assert result.events.row(0) == (
        "0fb4232d1b7b37069c13ee17579bd10e",
        "85d2d12251a735ce05255061f7f231e2",
        "object",
        1623881091.0,
        "114e22f1b2b648528277b76f0b0224e7",
        None,
        None,
    )
    assert read_events([path], keep_duplicates=True).events.height == 35_125
