"""`read_accounts` / `read_profiles`: the optional accounts table (SPEC §2) -> ACCOUNT_SCHEMA."""

from __future__ import annotations

import logging
from pathlib import Path

import polars as pl

from graphmon.events import ACCOUNT_SCHEMA
from graphmon.ingest.checks import INDEX, as_text, drop_empty, plural
from graphmon.ingest.files import SEPARATORS, Source, open_source
from graphmon.ingest.part import conform_accounts
from graphmon.ingest.tables import columns_with, read_table, table_columns
from graphmon.ingest.timestamps import NAIVE_ISO, parse_unix_seconds, to_unix_seconds

log = logging.getLogger(__name__)
WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
EMPTY_TEXT = ("description", "display_name")
"""Text columns whose emptiness is itself a sign (an empty bio, no name): in a CSV or TSV file,
where a cell cannot tell null from an empty string, an empty cell of a column the file has is
an empty string; a column the file lacks stays null, unknown."""


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
    description; created_at (unix seconds or ISO 8601; without a zone, UTC, counted in the
    notes); followers_count, friends_count, statuses_count (whole numbers);
    default_profile_image, verified (true/false, 1/0, yes/no, any case); platform. Other columns
    are ignored and missing ones are null (unknown); an empty description or display_name cell of
    a CSV/TSV file is an empty string (`EMPTY_TEXT`). Rows with an empty account_id are skipped,
    and account ids given more than once counted, in the notes. Raises `graphmon.errors.InputError` at the first value that cannot be
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
        frame = frame.with_columns(_parsed(frame, source, notes))
        if source.kind in SEPARATORS:
            frame = frame.with_columns(pl.col(c).fill_null("") for c in EMPTY_TEXT if c in frame.columns)
        return conform_accounts(frame, merge=False), tuple(notes)


def _parsed(frame: pl.DataFrame, source: Source, notes: list[str]) -> list[pl.Series]:
    columns = []
    for name, dtype in ACCOUNT_SCHEMA.items():
        if name not in frame.columns or name == "account_id":
            continue
        if name == "created_at":
            dated, naive = _creation_times_in_utc(frame, name)
            columns.append(to_unix_seconds(dated, name, source, allow_null=True))
            if naive:
                notes.append(f"{source.path}: {plural(naive, 'created_at value')} had no time zone; read as UTC")
        elif dtype == pl.Int64():
            columns.append(whole_numbers(frame, name, source))
        elif dtype == pl.Boolean():
            columns.append(flags(frame, name, source))
        else:
            columns.append(as_text(frame, name, source))
    return columns


def _creation_times_in_utc(frame: pl.DataFrame, column: str) -> tuple[pl.DataFrame, int]:
    """``frame`` with each creation time that has no zone (a day alone, ``2015-03-01T12:00:00``,
    a zone-less Parquet date-time) read as UTC, and how many such values there were with a time
    of day (a day alone is that day's 00:00 UTC). Creation bursts are counted in days, so the zone
    hardly matters here, unlike for shares."""
    values = frame[column]
    if isinstance(values.dtype, pl.Datetime) and values.dtype.time_zone is None:
        return frame.with_columns(pl.col(column).dt.replace_time_zone("UTC")), int(values.is_not_null().sum())
    if values.dtype == pl.Date():
        return frame.with_columns(pl.col(column).cast(pl.Datetime("us", "UTC"))), 0
    if values.dtype != pl.String():
        return frame, 0
    text = values.str.strip_chars()
    unread = parse_unix_seconds(text).is_null() & text.is_not_null() & (text != "")
    if not unread.any():
        return frame, 0
    naive = pl.select(pl.when(pl.lit(unread)).then(
        pl.coalesce([pl.lit(text).str.to_datetime(layout, strict=False) for layout in NAIVE_ISO]))).to_series()
    timed = int((naive.is_not_null() & ~text.str.contains(r"^\d{4}-\d{2}-\d{2}$")).sum())
    as_utc = naive.dt.replace_time_zone("UTC").dt.strftime("%Y-%m-%dT%H:%M:%S%.fZ")
    return frame.with_columns(as_utc.fill_null(values).alias(column)), timed


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
