"""`read_accounts` / `read_profiles`: the optional accounts table (SPEC §2) -> ACCOUNT_SCHEMA."""

from __future__ import annotations

import logging
from pathlib import Path

import polars as pl

from graphmon.events import ACCOUNT_SCHEMA
from graphmon.ingest.checks import INDEX, as_text, drop_empty, plural
from graphmon.ingest.files import Source, open_source
from graphmon.ingest.part import conform_accounts
from graphmon.ingest.tables import columns_with, read_table, table_columns
from graphmon.ingest.timestamps import to_unix_seconds

log = logging.getLogger(__name__)
WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def read_accounts(path: str | Path) -> pl.DataFrame:
    """`read_profiles` without its notes, which are logged as warnings instead."""
    profiles, notes = read_profiles(path)
    for note in notes:
        log.warning(note)
    return profiles


def read_profiles(path: str | Path) -> tuple[pl.DataFrame, tuple[str, ...]]:
    """Read an accounts table (CSV, TSV, Parquet or JSON Lines, optionally .gz), and notes of
    what was skipped or overridden (for the report).

    Returns ACCOUNT_SCHEMA with one row per account_id: when an account_id appears more than
    once, its last row wins. Columns: account_id (required); screen_name, display_name,
    description; created_at (unix seconds or ISO 8601 with a zone); followers_count,
    friends_count, statuses_count (whole numbers); default_profile_image, verified
    (true/false, 1/0, yes/no, any case); platform. Other columns are ignored and missing ones
    are null. Rows with an empty account_id are skipped, and account ids given more than once
    counted, in the notes. Raises `graphmon.errors.InputError` at the first value that cannot be
    read.
    """
    with open_source(path) as source:
        found = columns_with(source, table_columns(source), ["account_id"])
        if "account_id" not in found:
            listed = ", ".join(repr(column) for column in found)
            raise source.error(
                f"has no account_id column (found: {listed}); name the column of account ids account_id",
                row=source.header_row,
                column="account_id",
            )
        wanted = [column for column in ACCOUNT_SCHEMA if column in found or source.kind == "jsonl"]
        frame = read_table(source, wanted)  # JSON Lines: keys first seen after the sample too
        frame, notes = drop_empty(frame.with_columns(as_text(frame, "account_id", source)), ["account_id"], source)
        repeated = frame.height - frame["account_id"].n_unique()
        if repeated:
            notes.append(f"{source.path}: {plural(repeated, 'profile row')} repeated an account id given before; "
                         "the last row of each account was used")
        return conform_accounts(frame.with_columns(_parsed(frame, source)), merge=False), tuple(notes)


def _parsed(frame: pl.DataFrame, source: Source) -> list[pl.Series]:
    columns = []
    for name, dtype in ACCOUNT_SCHEMA.items():
        if name not in frame.columns or name == "account_id":
            continue
        if name == "created_at":
            columns.append(to_unix_seconds(_dates_at_midnight(frame, name), name, source, allow_null=True))
        elif dtype == pl.Int64():
            columns.append(whole_numbers(frame, name, source))
        elif dtype == pl.Boolean():
            columns.append(flags(frame, name, source))
        else:
            columns.append(as_text(frame, name, source))
    return columns


def _dates_at_midnight(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """A creation date given as a day alone (``2021-06-01``, ISO 8601) is that day's 00:00 UTC:
    creation bursts are counted in days, so the zone does not matter here, unlike for shares."""
    if frame[column].dtype == pl.Date():
        return frame.with_columns(pl.col(column).cast(pl.Datetime("us", "UTC")))
    if frame[column].dtype != pl.String():
        return frame
    day = pl.col(column).str.strip_chars()
    is_day = day.str.contains(r"^\d{4}-\d{2}-\d{2}$") & day.str.to_date("%Y-%m-%d", strict=False).is_not_null()
    return frame.with_columns(pl.when(is_day).then(day + "T00:00:00Z").otherwise(pl.col(column)).alias(column))


def whole_numbers(frame: pl.DataFrame, column: str, source: Source) -> pl.Series:
    """A count column as Int64 (``12`` and ``12.0`` alike); raises at a value that is not one."""
    raw = frame[column]
    numbers = as_text(frame, column, source).str.strip_chars().cast(pl.Float64, strict=False)
    whole = numbers.is_finite() & (numbers == numbers.floor()) & (numbers >= 0) & (numbers < 2.0**63)
    bad = raw.is_not_null() & ~whole.fill_null(False)
    if raw.dtype == pl.String():
        bad = bad & (raw.str.strip_chars() != "")
    if bad.any():
        position = int(bad.arg_true()[0])
        raise source.error(
            f"{str(raw[position])[:60]!r} is not a whole number from 0 to 2^63 - 1; give counts as plain integers",
            index=frame[INDEX][position],
            column=column,
        )
    return numbers.cast(pl.Int64).rename(column)


def flags(frame: pl.DataFrame, column: str, source: Source) -> pl.Series:
    """A boolean column from true/false, 1/0, yes/no (any case); raises at anything else."""
    raw = frame[column]
    if raw.dtype == pl.Boolean():
        return raw
    text = raw.cast(pl.String).str.strip_chars().str.to_lowercase()
    value = text.replace_strict(WORDS, default=None, return_dtype=pl.Boolean())
    bad = value.is_null() & text.is_not_null() & (text != "")
    if bad.any():
        position = int(bad.arg_true()[0])
        raise source.error(
            f"{str(raw[position])[:60]!r} is not true or false; write true/false, 1/0 or yes/no",
            index=frame[INDEX][position],
            column=column,
        )
    return value
