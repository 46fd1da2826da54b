"""Canonical events tables: CSV, CSV.gz, TSV, Parquet, JSON Lines; mapping, aliases, defaults."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime

import polars as pl
import pytest

from graphmon.errors import ConfigError
from graphmon.events import EVENT_SCHEMA
from graphmon.ingest import ReadResult, read_events
from tests.ingest import DATA

EVENTS_CSV_ROWS = [
    ("acc_1", "https://example.org/a", "url", 1623837600.0, "post_1", "fb", "plain text"),
    ("acc_2", "https://example.org/a", "url", 1623837630.0, "post_2", "fb", "two\nlines, with a comma"),
    ("acc_3", "1404999999999999999", "retweet", 1623837645.5, "post_3", "tw", "<script>alert('x')</script>"),
    ("acc_1", "#wahl2021", "hashtag", 1623837700.0, "post_4", "tw", "'; DROP TABLE events; --"),
    (
        "acc_4",
        "https://example.org/a",
        "url",
        1623837720.0,
        "post_5",
        None,
        '\u202etxet desrever\u202c "quoted"',
    ),
]


def test_csv_gives_the_exact_schema_and_rows_in_input_order() -> None:
    result = read_events([DATA / "events.csv"])
    assert isinstance(result, ReadResult)
    assert result.events.schema == pl.Schema(EVENT_SCHEMA)
    assert result.events.rows() == EVENTS_CSV_ROWS
    assert (result.rows_read, result.duplicates_dropped, result.notes) == (5, 0, ())
    assert result.accounts.height == 0


def test_csv_gz_tsv_and_parquet_read_the_same(tmp_path) -> None:
    expected = read_events([DATA / "events.csv"]).events
    gz = tmp_path / "events.csv.gz"
    gz.write_bytes(gzip.compress((DATA / "events.csv").read_bytes()))
    tsv = tmp_path / "events.tsv"
    expected.with_columns(pl.col("timestamp").cast(pl.String)).write_csv(tsv, separator="\t")
    parquet = tmp_path / "events.parquet"
    expected.write_parquet(parquet)
    for path in (gz, tsv, parquet):
        assert read_events([path]).events.equals(expected), path


def test_parquet_keeps_ids_exact_and_reads_typed_columns(tmp_path) -> None:
    path = tmp_path / "typed.parquet"
    pl.DataFrame(
        {
            "account_id": [7, 8],
            "object_id": [1404999999999999999, 5],
            "timestamp": [
                datetime(2021, 6, 16, 10, tzinfo=UTC),
                datetime(2021, 6, 16, 10, 0, 30, tzinfo=UTC),
            ],
            "content_id": [1.0, 2.0],
        }
    ).write_parquet(path)
    events = read_events([path]).events
    assert events["account_id"].to_list() == ["7", "8"]
    assert events["object_id"].to_list() == ["1404999999999999999", "5"]
    assert events["content_id"].to_list() == ["1", "2"]
    assert events["timestamp"].to_list() == [1623837600.0, 1623837630.0]


def test_jsonl_reads_numbers_as_ids_and_skips_blank_lines() -> None:
    result = read_events([DATA / "events.jsonl"])
    assert result.events.select(
        "account_id", "object_type", "timestamp", "content_id", "platform", "text"
    ).rows() == [
        ("acc_1", "url", 1623837600.0, "post_1", None, "first"),
        ("42", "url", 1623837630.0, "post_2", None, None),
        ("acc_3", "hashtag", 1623837700.25, "3", "tw", None),
    ]
    assert result.rows_read == 3


def test_mapping_renames_input_columns_and_defaults_fill_in() -> None:
    result = read_events(
        [DATA / "events_minimal.csv"],
        mapping={"account_id": "author", "object_id": "shared", "timestamp": "time_utc"},
    )
    assert result.events.rows() == [
        ("u1", "obj_a", "object", 1623837600.0, "1", None, None),
        ("u2", "obj_a", "object", 1623837610.0, "2", None, None),
    ]
    assert result.rows_read == 5
    assert result.duplicates_dropped == 1
    assert result.notes == (
        f"{DATA / 'events_minimal.csv'}: 1 row with an empty account_id skipped",
        f"{DATA / 'events_minimal.csv'}: 1 row with an empty object_id skipped",
        f"{DATA / 'events_minimal.csv'}: 1 exact duplicate event dropped",
    )


def test_timestamp_share_is_an_alias_and_post_id_gives_content_id(write) -> None:
    path = write("alias.csv", "account_id,object_id,timestamp_share,post_id\na,o,10,p9\n")
    assert read_events([path]).events.select("timestamp", "content_id").row(0) == (10.0, "p9")


def test_several_files_are_concatenated_in_order_and_numbered_across(write) -> None:
    first = write("one.csv", "account_id,object_id,timestamp\na,o,1\nb,o,2\n")
    second = write("two.jsonl", '{"account_id": "c", "object_id": "o", "timestamp": 3}\n')
    result = read_events([second, first])
    assert result.events.select("account_id", "content_id").rows() == [("c", "1"), ("a", "2"), ("b", "3")]
    assert result.rows_read == 3


def test_duplicates_across_files_are_counted_against_the_later_file(write) -> None:
    first = write("one.csv", "account_id,object_id,timestamp,content_id\na,o,1,p\n")
    second = write("two.csv", "account_id,object_id,timestamp,content_id\na,o,1,p\nb,o,1,q\n")
    result = read_events([first, second])
    assert result.events["account_id"].to_list() == ["a", "b"]
    assert result.duplicates_dropped == 1
    assert result.notes == (f"{second}: 1 exact duplicate event dropped",)
    kept = read_events([first, second], keep_duplicates=True)
    assert (kept.events.height, kept.duplicates_dropped, kept.notes) == (3, 0, ())


def test_same_event_with_another_object_type_is_not_a_duplicate(write) -> None:
    path = write(
        "types.csv",
        "account_id,object_id,object_type,timestamp,content_id\n"
        "a,x,url,1,p\na,x,hashtag,1,p\na,x,url,1.0,p\n",
    )
    result = read_events([path])
    assert result.events["object_type"].to_list() == ["url", "hashtag"]
    assert result.duplicates_dropped == 1


def test_blank_lines_and_empty_object_types_are_reported_or_defaulted(write) -> None:
    path = write("blank.csv", "account_id,object_id,object_type,timestamp\na,o,,1\n\nb,o,url,2\n")
    result = read_events([path])
    assert result.events.select("account_id", "object_type").rows() == [("a", "object"), ("b", "url")]
    assert result.rows_read == 3
    assert result.notes == (f"{path}: 1 blank row skipped",)


def test_whitespace_only_ids_are_empty_but_other_values_are_kept_verbatim(write) -> None:
    path = write("space.csv", 'account_id,object_id,timestamp\n" ",o,1\n" a "," o"," 2 "\n')
    result = read_events([path])
    assert result.events.select("account_id", "object_id", "timestamp").rows() == [(" a ", " o", 2.0)]
    assert result.notes == (f"{path}: 1 row with an empty account_id skipped",)


def test_timestamps_in_every_accepted_form(write) -> None:
    path = write(
        "times.csv",
        "account_id,object_id,timestamp\n"
        + "".join(
            f"a,o{i},{value}\n"
            for i, value in enumerate(
                [
                    "1623837600",
                    "1623837600.25",
                    "2021-06-16T10:00:00Z",
                    "2021-06-16T12:00:00+02:00",
                    "2021-06-16 10:00:00.5+00:00",
                    "2021-06-16T05:00:00-0500",
                    "Wed Jun 16 10:00:00 +0000 2021",
                    "-1.5",
                    "2021-06-16T10:00Z",
                    "2021-06-16 12:00+02:00",
                    "2021-06-16 12:00:00+02",  # PostgreSQL's timestamptz
                    "2021-06-16T12:00:00.5+02",
                    "20210616T100000Z",
                    "20210616T120000+0200",
                    "\"2021-06-16T10:00:00,25Z\"",  # a decimal comma (quoted: a CSV field)
                    "\"2021-06-16 12:00:00,5+02\"",
                    "\"20210616T100000,5Z\"",
                ]
            )
        ),
    )
    assert read_events([path]).events["timestamp"].to_list() == [
        1623837600.0,
        1623837600.25,
        1623837600.0,
        1623837600.0,
        1623837600.5,
        1623837600.0,
        1623837600.0,
        -1.5,
        1623837600.0,
        1623837600.0,
        1623837600.0,
        1623837600.5,
        1623837600.0,
        1623837600.0,
        1623837600.25,
        1623837600.5,
        1623837600.5,
    ]


def test_bad_options_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="cannot map onto acount_id"):
        read_events([DATA / "events.csv"], mapping={"acount_id": "x"})
    with pytest.raises(ConfigError, match="unknown input format 'csv'"):
        read_events([DATA / "events.csv"], input_format="csv")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="no input files"):
        read_events([])
    with pytest.raises(ConfigError, match="not one string"):
        read_events(str(DATA / "events.csv"))
    with pytest.raises(ConfigError, match="events tables only"):
        read_events([DATA / "twitter_v1.jsonl"], input_format="twitter-v1", mapping={"account_id": "x"})
    with pytest.raises(ConfigError, match="do not also map them"):
        read_events([DATA / "wide.csv"], objects=["url_id"], mapping={"object_id": "post_id"})


def test_jsonl_columns_first_seen_late_are_still_read(write) -> None:
    lines = [{"account_id": "a", "object_id": "o", "timestamp": i} for i in range(1500)]
    lines[1400]["text"] = "late"
    path = write("late.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    events = read_events([path]).events
    assert events.height == 1500
    assert events["text"][1400] == "late"
    assert events["text"].null_count() == 1499
