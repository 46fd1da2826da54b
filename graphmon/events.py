"""The canonical tables every reader produces and every analysis step consumes.

Share events (SPEC §1): one row per act of sharing, as a polars DataFrame with exactly
these columns and types. ``object_type`` + ``object_id`` together name an object: a hashtag
and a URL that happen to share an id are different objects.

Accounts (SPEC §2): one row per account with profile columns; any may be null.
"""

from __future__ import annotations

from datetime import datetime, timezone

import polars as pl

EVENT_SCHEMA: dict[str, pl.DataType] = {
    "account_id": pl.String(),
    "object_id": pl.String(),
    "object_type": pl.String(),
    "timestamp": pl.Float64(),
    "content_id": pl.String(),
    "platform": pl.String(),
    "text": pl.String(),
}
REQUIRED_EVENT_COLUMNS = ("account_id", "object_id", "timestamp")
DEFAULT_OBJECT_TYPE = "object"

ACCOUNT_SCHEMA: dict[str, pl.DataType] = {
    "account_id": pl.String(),
    "screen_name": pl.String(),
    "display_name": pl.String(),
    "description": pl.String(),
    "created_at": pl.Float64(),  # unix seconds
    "followers_count": pl.Int64(),
    "friends_count": pl.Int64(),
    "statuses_count": pl.Int64(),
    "default_profile_image": pl.Boolean(),
    "verified": pl.Boolean(),
    "platform": pl.String(),
}


def empty_accounts() -> pl.DataFrame:
    """An accounts table with no rows."""
    return pl.DataFrame(schema=ACCOUNT_SCHEMA)


def iso_utc(seconds: float) -> str:
    """Unix seconds as ISO 8601 in UTC, as written into reports.

    >>> iso_utc(0)
    '1970-01-01T00:00:00Z'
    """
    return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat().replace("+00:00", "Z")
