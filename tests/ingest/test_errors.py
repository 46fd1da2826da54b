"""Bad input: one InputError naming the file, the row and the column, with the fix."""

from __future__ import annotations

import gzip
import json

import polars as pl
import pytest

from graphmon.errors import InputError
from graphmon.ingest import read_events
from graphmon.ingest.checks import MAX_FIELD_BYTES
from tests.ingest import DATA

HEADER = "account_id,object_id,timestamp\n"


def failure(path, **options) -> InputError:
    with pytest.raises(InputError) as caught:
        read_events([path], **options)
    return caught.value


def assert_at(err: InputError, path, row: int | None, column: str | None, message: str) -> None:
    assert (err.path, err.row, err.column) == (str(path), row, column)
    where = ":".join([str(path)] + ([str(row)] if row is not None else []) + ([column] if column else []))
    assert str(err).startswith(f"{where}: "), str(err)
    assert message in err.message, err.message
    assert "\n" not in str(err)


@pytest.mark.parametrize(
    ("name", "content", "row", "column", "message"),
    [
        ("empty.csv", b"", None, None, "file is empty (0 bytes)"),
        ("blank.csv", "\n", None, None, "file is empty"),
        ("header.csv", HEADER, None, None, "has a header but no data rows"),
        ("empty.jsonl", "\n\n", None, None, "file is empty (no JSON records)"),
        (
            "nocol.csv",
            "user,object_id,timestamp\na,o,1\n",
            1,
            "account_id",
            "has no account_id column (found: 'user', 'object_id', 'timestamp'); "
            "rename one or map it with --map account_id=COLUMN",
        ),
        (
            "nocol.jsonl",
            '{"account_id": "a", "timestamp": 1}\n',
            None,
            "object_id",
            "has no object_id column (found: 'account_id', 'timestamp')",
        ),
        ("bom.jsonl", b'\xef\xbb\xbf{"account_id": "a", "object_id": "o", "timestamp": 1}\n', 1, None,
         "starts with a byte-order mark; save it as UTF-8 without one"),
        ("nan.jsonl", '{"account_id": "a", "object_id": "o", "timestamp": 1}\n{"account_id": "b", "object_id": "o", '
         '"timestamp": NaN}\n', 2, None, "record is not valid JSON (NaN is not a JSON value)"),
        ("huge.jsonl", '{"account_id": "a", "object_id": "o", "timestamp": 1e400}\n', 1, None,
         "record is not valid JSON (the number 1e400 is too large)"),
        ("utf16.csv", HEADER.encode("utf-16") + "a,o,1\n".encode("utf-16-le"), 1, None,
         "is UTF-16 text, not UTF-8; re-encode it"),
        ("far.csv", HEADER + "a,o,1\nb,o,9999-12-31T23:59:59Z\n", 3, "timestamp",
         "time '9999-12-31T23:59:59Z' is out of range (before the year 1 or after 5138)"),
        ("year0.csv", HEADER + "a,o,0000-06-01T00:00:00Z\n", 2, "timestamp", "is out of range (before the year 1"),
        ("bc.csv", HEADER + "a,o,-99999999999\n", 2, "timestamp", "time '-99999999999' is before the year 1"),
        ("underscores.csv", HEADER + "a,o,1_623_837_600\n", 2, "timestamp", "'1_623_837_600' is not a time"),
        ("cr.csv", HEADER.replace("\n", "\r") + "a,o,1\rb,o,2\r", 1, None, "ends its lines with CR alone"),
        ("twice.csv", "account_id,object_id,timestamp,timestamp\na,o,1,2\n", 1, "timestamp",
         "has the column 'timestamp' twice (columns 3 and 4); keep one"),
        (
            "garbage.csv",
            HEADER + 'a,o,1\nb,"two\nlines",2\nc,o,soon\n',
            5,
            "timestamp",
            "'soon' is not a time; give unix seconds or ISO 8601",
        ),
        (
            "crlf.csv",
            HEADER.replace("\n", "\r\n") + "a,o,1\r\nc,o,soon\r\n",
            3,
            "timestamp",
            "'soon' is not a time",
        ),
        (
            "naive.csv",
            HEADER + "a,o,2021-06-16T10:00:00Z\nb,o,2021-06-16T10:00:00\n",
            3,
            "timestamp",
            "time '2021-06-16T10:00:00' has no time zone; add one ('Z' for UTC or an offset like '+02:00')",
        ),
        (
            "ms.csv",
            HEADER + "a,o,1623837600000\n",
            2,
            "timestamp",
            "too large for unix seconds (milliseconds? divide by 1000)",
        ),
        ("nots.csv", HEADER + "a,o,1\nb,o,\n", 3, "timestamp", "the time is empty"),
        ("inf.csv", HEADER + "a,o,inf\n", 2, "timestamp", "is not a finite number"),
        (
            "alias.csv",
            "account_id,object_id,timestamp_share\na,o,x\n",
            2,
            "timestamp_share",
            "'x' is not a time",
        ),
        (
            "latin1.csv",
            (HEADER + "a,o,1\nb,caf\xe9,2\n").encode("latin-1"),
            3,
            "object_id",
            "text is not valid UTF-8; re-encode the file as UTF-8",
        ),
        (
            "latin1.jsonl",
            ('{"account_id": "a", "object_id": "o", "timestamp": 1}\n\n{"account_id": "caf\xe9"}\n').encode(
                "latin-1"
            ),
            3,
            None,
            "text is not valid UTF-8 (byte 0xE9)",
        ),
        (
            "latin1.json",
            '{"data": [{"id": "1", "text": "caf\xe9"}]}'.encode("latin-1"),
            1,
            None,
            "text is not valid UTF-8 (byte 0xE9)",
        ),
        (
            "unclosed.csv",
            HEADER + 'a,o,1\nb,"o,2\nc,o,3\n',
            3,
            None,
            "a quoted field starting on this row is never closed",
        ),
        (
            "ragged.csv",
            HEADER + "a,o,1\nb,o,2,3\n",
            3,
            None,
            "row has 4 fields but the header has 3; quote fields",
        ),
        (
            "bad.jsonl",
            '{"account_id": "a", "object_id": "o", "timestamp": 1}\n\n{"account_id": "a",\n',
            3,
            None,
            "record is not valid JSON (Expecting property name enclosed in double quotes at column 20)",
        ),
        (
            "array.jsonl",
            '{"account_id": "a", "object_id": "o", "timestamp": 1}\n[1, 2]\n',
            2,
            None,
            "record is a JSON array, not an object",
        ),
        (
            "bad.json",
            '{"data": [\n  {"id": "1",}\n]}',
            2,
            None,
            "is not valid JSON: Expecting property name enclosed in double quotes",
        ),
        ("what.json", '{"hello": "world"}', None, None, "is JSON of a kind graphmon does not know"),
        ("sheet.xlsx", "PK", None, None, "unknown file type '.xlsx'; graphmon reads .csv, .json, .jsonl"),
        ("plain.csv.gz", HEADER + "a,o,1\n", None, None, "ends in .gz but is not gzip-compressed"),
        ("broken.parquet", "PAR1 not really", None, None, "could not be read as Parquet"),
    ],
)
def test_bad_input_is_located(write, name, content, row, column, message) -> None:
    path = write(name, content)
    assert_at(failure(path), path, row, column, message)


def test_a_missing_file(tmp_path) -> None:
    assert_at(failure(tmp_path / "nope.csv"), tmp_path / "nope.csv", None, None, "no such file")


def test_a_mapped_column_that_is_not_there(write) -> None:
    path = write("m.csv", HEADER + "a,o,1\n")
    assert_at(
        failure(path, mapping={"account_id": "author"}),
        path,
        1,
        "author",
        "has no column 'author' to read as account_id (found: 'account_id', 'object_id', 'timestamp')",
    )


@pytest.mark.parametrize("keep", [0.99, 0.9, 0.5, 0.1])
def test_truncated_gzip(write, keep) -> None:
    whole = gzip.compress((HEADER + "".join(f"a{i},o{i},{i}\n" for i in range(5000))).encode())
    assert len(whole) > 10_000
    path = write("cut.csv.gz", whole[: int(len(whole) * keep)])
    assert_at(failure(path), path, None, None, "is a broken or truncated gzip file")


def test_corrupted_gzip(write) -> None:
    whole = bytearray(gzip.compress((HEADER + "".join(f"a{i},o{i},{i}\n" for i in range(5000))).encode()))
    whole[len(whole) // 2] ^= 0xFF
    path = write("bad.csv.gz", bytes(whole))
    assert_at(failure(path), path, None, None, "is a broken or truncated gzip file")


def test_a_gzip_that_holds_nothing(write) -> None:
    path = write("nothing.csv.gz", gzip.compress(b""))
    assert_at(failure(path), path, None, None, "file is empty (0 bytes once decompressed)")


def test_a_ten_megabyte_field_is_one_line_error(write) -> None:
    path = write("big.csv", HEADER + "a,o,1\n" + "b," + "x" * (10 * 1024 * 1024) + ",2\n")
    assert_at(
        failure(path),
        path,
        3,
        "object_id",
        f"field is 10,485,760 bytes long, over the limit of {MAX_FIELD_BYTES:,} bytes",
    )


def test_a_field_at_the_limit_is_accepted_and_one_over_is_not(write) -> None:
    at_limit = write(
        "ok.csv",
        HEADER + "".join(f"b,o,{i}\n" for i in range(4)) + "c," + "é" * (MAX_FIELD_BYTES // 2) + ",2\n",
    )
    assert read_events([at_limit]).events.height == 5
    over = write(
        "over.jsonl",
        json.dumps({"account_id": "a", "object_id": "o", "timestamp": 1})
        + "\n"
        + json.dumps(
            {"account_id": "a", "object_id": "o", "timestamp": 1, "text": "t" * (MAX_FIELD_BYTES + 1)}
        )
        + "\n",
    )
    assert_at(failure(over), over, 2, "text", f"field is {MAX_FIELD_BYTES + 1:,} bytes long")


def test_errors_in_tsv_and_parquet_name_the_row(tmp_path) -> None:
    tsv = tmp_path / "e.tsv"
    tsv.write_text("account_id\tobject_id\ttimestamp\na\to\t1\nb\to\tlater\n")
    assert_at(failure(tsv), tsv, 3, "timestamp", "'later' is not a time")
    parquet = tmp_path / "e.parquet"
    pl.DataFrame(
        {"account_id": ["a", "b"], "object_id": ["o", "o"], "timestamp": ["1", "2021-01-01"]}
    ).write_parquet(parquet)
    assert_at(failure(parquet), parquet, 2, "timestamp", "'2021-01-01' has no time zone")


def test_naive_parquet_datetimes_are_refused(tmp_path) -> None:
    from datetime import datetime

    path = tmp_path / "naive.parquet"
    pl.DataFrame(
        {"account_id": ["a"], "object_id": ["o"], "timestamp": [datetime(2021, 1, 1)]}
    ).write_parquet(path)
    assert_at(failure(path), path, 1, "timestamp", "date-time 2021-01-01 00:00:00 has no time zone")


def test_a_table_format_given_for_a_json_document() -> None:
    path = DATA / "twitter_v2_response.json"
    assert_at(
        failure(path, input_format="events"),
        path,
        None,
        None,
        "is a JSON document, but events input is a table",
    )


def test_a_json_format_given_for_a_csv() -> None:
    path = DATA / "events.csv"
    assert_at(
        failure(path, input_format="telegram"), path, None, None, "is a CSV file, but telegram input is JSON"
    )


def test_typed_parquet_columns_that_are_not_text_or_numbers(tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {"account_id": pa.array(["a", "b"]), "object_id": pa.array(["x", "x"]), "timestamp": [1.0, 2.0]}
    cases = [("object_id", pa.array([["x", "y"], ["x"]]), 1, "holds List(String) values, not text or numbers"),
             ("account_id", pa.array([b"a", b"\xff"]), 2, "holds bytes that are not UTF-8 text"),
             ("timestamp", pa.array([1, 2], pa.duration("s")), 1, "is not a time")]
    for column, values, row, message in cases:
        path = tmp_path / f"{column}.parquet"
        pq.write_table(pa.table({**columns, column: values}), path)
        assert_at(failure(path), path, row, column, message)


def test_a_float_id_column_with_a_gap_keeps_whole_ids_and_skips_the_gap(tmp_path) -> None:
    path = tmp_path / "f.parquet"
    pl.DataFrame({"account_id": [1.0, float("nan"), 2.0], "object_id": ["o", "o", "o"],
                  "timestamp": [1.0, 2.0, 3.0]}).write_parquet(path)
    result = read_events([path])
    assert result.events["account_id"].to_list() == ["1", "2"]
    assert result.notes == (f"{path}: 1 row with an empty account_id skipped",)
