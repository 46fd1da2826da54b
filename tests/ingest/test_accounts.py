"""The accounts table (SPEC §2)."""

from __future__ import annotations

import gzip
import json
import logging
from datetime import date

import polars as pl
import pytest

from graphmon.errors import InputError
from graphmon.events import ACCOUNT_SCHEMA
from graphmon.ingest import read_accounts, read_profiles
from tests.ingest import DATA


def test_csv_parses_every_column_and_the_last_row_wins() -> None:
    accounts = read_accounts(DATA / "accounts.csv")
    assert accounts.schema == pl.Schema(ACCOUNT_SCHEMA)
    assert accounts.rows() == [
        (
            "222",
            "jane_doe",
            "Jane <b>Doe</b>",
            "Reporter.\nViews my own.",
            1265169906.0,
            15000,
            300,
            42000,
            False,
            True,
            "tw",
        ),
        ("333", None, "", "", None, None, None, None, None, None, None),  # empty name and bio cells: empty
        ("111", "patriot_4821", "Patriot Renamed", "", 1619827200.0, 4, 812, 5022, True, False, "tw"),
    ]


def test_gz_parquet_and_jsonl_read_the_same(tmp_path) -> None:
    expected = read_accounts(DATA / "accounts.csv")
    gz = tmp_path / "accounts.csv.gz"
    gz.write_bytes(gzip.compress((DATA / "accounts.csv").read_bytes()))
    parquet = tmp_path / "accounts.parquet"
    expected.write_parquet(parquet)
    jsonl = tmp_path / "accounts.jsonl"
    expected.write_ndjson(jsonl)
    for path in (gz, parquet, jsonl):
        assert read_accounts(path).equals(expected), path


def test_missing_optional_columns_are_null_and_unknown_ones_ignored(write) -> None:
    path = write("a.csv", "verified,account_id,favourite_colour\nYES,1,blue\nNo,2,red\n")
    accounts = read_accounts(path)
    assert accounts.columns == list(ACCOUNT_SCHEMA)
    assert accounts.select("account_id", "verified", "screen_name").rows() == [
        ("1", True, None),
        ("2", False, None),
    ]


def test_twitter_style_creation_dates_are_read(write, tmp_path) -> None:
    path = write("a.csv", "account_id,created_at\n1,Wed Oct 10 20:19:24 +0000 2018\n")
    assert read_accounts(path)["created_at"].to_list() == [1539202764.0]
    days = write("days.csv", "account_id,created_at\n1,2021-06-01\n2, 2021-06-02 \n3,\n")
    assert read_accounts(days)["created_at"].to_list() == [1622505600.0, 1622592000.0, None]
    typed = tmp_path / "days.parquet"
    pl.DataFrame({"account_id": ["1"], "created_at": [date(2021, 6, 1)]}).write_parquet(typed)
    assert read_accounts(typed)["created_at"].to_list() == [1622505600.0]


def test_rows_without_account_id_are_skipped_with_a_warning(write, caplog) -> None:
    path = write("a.csv", "account_id,screen_name\n,ghost\n1,real\n")
    with caplog.at_level(logging.WARNING, logger="graphmon.ingest"):
        accounts = read_accounts(path)
    assert accounts["screen_name"].to_list() == ["real"]
    assert f"{path}: 1 row with an empty account_id skipped" in caplog.text


@pytest.mark.parametrize(
    ("content", "row", "column", "message"),
    [
        (
            "user,screen_name\n1,a\n",
            1,
            "account_id",
            "has no account_id column (found: 'user', 'screen_name')",
        ),
        ("account_id,verified\n1,true\n2,maybe\n", 3, "verified", "'maybe' is not true or false"),
        ("account_id,followers_count\n1,12\n2,1.5\n", 3, "followers_count", "'1.5' is not a whole number"),
        ("account_id,friends_count\n1,-3\n", 2, "friends_count", "'-3' is not a whole number"),
        ("account_id,followers_count\n1,12\n2,1e20\n", 3, "followers_count", "'1e20' is not a whole number"),
        ("account_id,created_at\n1,2020-01-01\n2,2020-13-01\n", 3, "created_at", "'2020-13-01' is not a time"),
        (
            "account_id,created_at\n1,2020-01-01T00:00:00Z\n2,yesterday\n",
            3,
            "created_at",
            "'yesterday' is not a time",
        ),
    ],
)
def test_bad_values_name_row_and_column(write, content, row, column, message) -> None:
    path = write("accounts.csv", content)
    with pytest.raises(InputError) as caught:
        read_accounts(path)
    assert str(caught.value).startswith(f"{path}:{row}:{column}: ")
    assert message in str(caught.value)


def test_a_json_document_is_not_an_accounts_table() -> None:
    with pytest.raises(InputError, match="not a table"):
        read_accounts(DATA / "twitter_v2_response.json")


def test_json_lines_profiles_whose_account_id_first_appears_late_are_read(tmp_path) -> None:
    path = tmp_path / "accounts.jsonl"
    lines = [json.dumps({"screen_name": f"s{i}"}) for i in range(1200)] + [json.dumps({"account_id": "a", "screen_name": "x"})]
    path.write_text("\n".join(lines) + "\n")
    profiles, notes = read_profiles(path)
    assert profiles.select("account_id", "screen_name").rows() == [("a", "x")]
    assert notes == (f"{path}: 1,200 rows with an empty account_id skipped",)


def test_creation_times_without_a_zone_are_utc_and_counted(write) -> None:
    path = write("accounts.csv", "account_id,created_at\n1,2020-01-01T12:00:00\n2,2020-01-02\n3,2020-01-03 06:30\n"
                                 "4,2020-01-04T00:00:00+02:00\n5,\n")
    profiles, notes = read_profiles(path)
    assert profiles["created_at"].to_list() == [1577880000.0, 1577923200.0, 1578033000.0, 1578088800.0, None]
    assert notes == (f"{path}: 2 created_at values had no time zone; read as UTC",)
