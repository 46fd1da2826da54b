"""Wide tables: several object columns a row, melted into one event per non-empty cell."""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter

import polars as pl
import pytest

from graphmon.errors import InputError
from graphmon.ingest import read_events
from graphmon.ingest.wide import object_type_of
from tests.ingest import DATA, SHARED

OBJECTS = ("url_id", "hashtag_id", "domain_id", "phash_id")


def test_melts_each_cell_in_row_then_column_order() -> None:
    result = read_events([DATA / "wide.csv"], objects=OBJECTS)
    assert result.events.select("account_id", "object_type", "object_id", "content_id").rows() == [
        ("fb_1", "url", "u10", "p1"),
        ("fb_1", "domain", "d3", "p1"),
        ("tw_2", "hashtag", "h7", "p2"),
        ("tw_2", "hashtag", "h8", "p2"),
        ("fb_3", "url", "u10", "p4"),
        ("fb_3", "hashtag", "h7", "p4"),
        ("fb_3", "domain", "d3", "p4"),
        ("fb_3", "phash", "ph9", "p4"),
    ]
    assert result.events["timestamp"].to_list()[:3] == [1629589836.0, 1629589836.0, 1629589840.0]
    assert result.rows_read == 5
    assert result.notes == (
        f"{DATA / 'wide.csv'}: 1 row with no value in url_id, hashtag_id, domain_id, phash_id gave no event",
    )


def test_only_the_named_columns_are_melted_in_the_order_given() -> None:
    events = read_events([DATA / "wide.csv"], objects=["phash_id", "url_id"]).events
    assert events.select("object_type", "object_id").rows() == [
        ("url", "u10"),
        ("phash", "ph9"),
        ("url", "u10"),
    ]


def test_object_type_strips_only_a_trailing_id() -> None:
    assert [object_type_of(name) for name in ("url_id", "phash_id", "domain", "id_card", "_id")] == [
        "url",
        "phash",
        "domain",
        "id_card",
        "_id",
    ]


def test_a_wide_table_without_objects_suggests_the_option() -> None:
    with pytest.raises(InputError) as caught:
        read_events([DATA / "wide.csv"])
    err = caught.value
    assert (err.path, err.row, err.column) == (str(DATA / "wide.csv"), 1, "object_id")
    assert "--objects url_id,hashtag_id,domain_id,phash_id" in str(err)


def test_a_missing_object_column_is_named(write) -> None:
    path = write("w.csv", "account_id,post_id,url_id,timestamp\na,p,u,1\n")
    with pytest.raises(InputError) as caught:
        read_events([path], objects=["url_id", "image_id"])
    assert str(caught.value).startswith(f"{path}:1:image_id: has no object column 'image_id'")


def test_a_json_lines_column_first_seen_after_the_sampled_records_is_read(write) -> None:
    lines = [json.dumps({"account_id": f"a{i}", "timestamp": i, "url_id": f"u{i}"}) for i in range(1500)]
    lines.append(json.dumps({"account_id": "late", "timestamp": 9, "hashtag_id": "#late"}))
    path = write("w.jsonl", "\n".join(lines) + "\n")
    events = read_events([path], objects=["url_id", "hashtag_id"]).events
    assert events.height == 1501
    assert events.filter(pl.col("object_type") == "hashtag").select("account_id", "object_id").rows() == [
        ("late", "#late")]
    with pytest.raises(InputError, match="has no object column 'image_id'"):
        read_events([path], objects=["url_id", "image_id"])


def test_german_elections_melts_to_one_event_per_non_empty_cell() -> None:
    path = SHARED / "german_elections.csv.gz"
    kept = read_events([path], objects=OBJECTS, keep_duplicates=True)
    assert kept.rows_read == 218_971
    assert kept.events.height == 195_261
    assert kept.events["object_type"].value_counts().sort("object_type").rows() == [
        ("domain", 73_214),
        ("hashtag", 51_194),
        ("phash", 20_068),
        ("url", 50_785),
    ]
    deduplicated = read_events([path], objects=OBJECTS)
    assert deduplicated.duplicates_dropped == 37_693
    assert deduplicated.events.height == 195_261 - 37_693
    assert (
        f"{path}: 99,351 rows with no value in url_id, hashtag_id, domain_id, phash_id gave no event"
        in deduplicated.notes
    )


def test_german_elections_cell_count_agrees_with_a_plain_csv_reading() -> None:
    path = SHARED / "german_elections.csv.gz"
    with gzip.open(path, "rt", newline="") as f:
        cells = Counter(column for row in csv.DictReader(f) for column in OBJECTS if row[column])
    assert cells == {"url_id": 50_785, "hashtag_id": 51_194, "domain_id": 73_214, "phash_id": 20_068}
    assert sum(cells.values()) == 195_261


def test_content_ids_by_moment_keep_a_rows_objects_in_one_post_however_split(write) -> None:
    header = "account_id,timestamp,url_id,hashtag_id\n"
    rows = ["a,100,u1,h1\n", "a,160,u2,h1\n", "b,100,u1,\n"]
    whole = read_events([write("all.csv", header + "".join(rows))], objects=["url_id", "hashtag_id"],
                        missing_content_ids="moment").events
    split = read_events([write("late.csv", header + rows[2] + rows[1]), write("early.csv", header + rows[0])],
                        objects=["url_id", "hashtag_id"], missing_content_ids="moment").events
    posts = whole.group_by("account_id", "content_id").agg(pl.col("object_id").sort()).sort("account_id", "content_id")
    assert posts.rows() == [("a", "@100.0", ["h1", "u1"]), ("a", "@160.0", ["h1", "u2"]), ("b", "@100.0", ["u1"])]
    key = ["account_id", "object_type", "object_id", "content_id"]
    assert whole.select(key).sort(key).equals(split.select(key).sort(key))
    by_row = read_events([write("rows.csv", header + "".join(rows))], objects=["url_id", "hashtag_id"]).events
    assert sorted(set(by_row["content_id"])) == ["1", "2", "3"]  # analyze's default: the row number (SPEC §1)
