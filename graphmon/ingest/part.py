"""What one adapter reads from one file, in the canonical shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import polars as pl

from graphmon.events import ACCOUNT_SCHEMA, DEFAULT_OBJECT_TYPE, EVENT_SCHEMA, empty_accounts
from graphmon.ingest.checks import INDEX, is_empty, plural
from graphmon.ingest.files import Source

COUNTS = ("followers_count", "friends_count", "statuses_count")


@dataclass(frozen=True)
class Part:
    """One file's events (EVENT_SCHEMA then ``_index``; a null content_id means "use the row
    number"), the profiles it carried (ACCOUNT_SCHEMA), its record count and notes."""

    events: pl.DataFrame
    rows_read: int
    notes: tuple[str, ...] = ()
    accounts: pl.DataFrame = field(default_factory=empty_accounts)


def conform_events(frame: pl.DataFrame) -> pl.DataFrame:
    """EVENT_SCHEMA's columns in order, typed, missing ones null, then ``_index``."""
    columns = [
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in EVENT_SCHEMA.items()
    ]
    return frame.select(*columns, pl.col(INDEX).cast(pl.Int64)).with_columns(
        pl.col("object_type").fill_null(DEFAULT_OBJECT_TYPE)
    )


def conform_accounts(frame: pl.DataFrame, *, merge: bool = True) -> pl.DataFrame:
    """ACCOUNT_SCHEMA's columns in order, typed, missing ones null, one row per account_id
    (rows without one dropped).

    With `merge`, each field of an account is its last non-null value (profiles seen several
    times in an export, some with fewer fields); without, the account's last row wins whole.
    """
    columns = [
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in ACCOUNT_SCHEMA.items()
    ]
    accounts = frame.select(columns).filter(~is_empty("account_id"))
    if not merge:
        return accounts.unique(subset="account_id", keep="last", maintain_order=True)
    return (
        accounts.group_by("account_id", maintain_order=True)
        .agg(pl.all().drop_nulls().last())
        .select(list(ACCOUNT_SCHEMA))
    )


def unreadable_profile_values(profiles: pl.DataFrame, raw: Mapping[str, tuple[str, pl.Series]],
                              source: Source) -> tuple[pl.DataFrame, list[str]]:
    """Profiles a platform export carried (one row per record that held one, ``account_id``
    first), with what could not be read left empty and counted, by account, in notes: a value of
    ``raw`` (by column: the export's field and its values) that gave no value, and a negative
    count. A profile is context, not evidence, so it does not stop the reading, but nothing is
    dropped unsaid."""
    notes = []
    for column, (label, values) in raw.items():
        given = values.is_not_null()
        if values.dtype == pl.String():
            given = given & (values.str.strip_chars() != "")
        unread = profiles.filter(given & profiles[column].is_null())["account_id"].drop_nulls().n_unique()
        if unread:
            notes.append(f"{source.path}: {plural(unread, 'account')} had a {label} that could not be read; "
                         "left empty")
    negative = [column for column in COUNTS if column in profiles.columns and bool((profiles[column] < 0).any())]
    for column in negative:
        count = profiles.filter(pl.col(column) < 0)["account_id"].drop_nulls().n_unique()
        notes.append(f"{source.path}: {plural(count, 'account')} had a negative {column}; left empty")
    if negative:
        profiles = profiles.with_columns(pl.when(pl.col(c) >= 0).then(pl.col(c)).alias(c) for c in negative)
    return profiles, notes
