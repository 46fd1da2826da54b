"""The CooRTweet input table: ``object_id, account_id, content_id, timestamp_share``.

Read as canonical events (object_type ``object``, no platform or text). CooRTweet itself keeps
duplicate rows: pass ``keep_duplicates=True`` to `graphmon.ingest.read_events` to do the same.
"""

from __future__ import annotations

from graphmon.ingest.canonical import read_events_table
from graphmon.ingest.files import Source
from graphmon.ingest.part import Part
from graphmon.ingest.tables import columns_with, table_columns

COLUMNS = ("object_id", "account_id", "content_id", "timestamp_share")


def read_coortweet(source: Source) -> Part:
    """Read one CooRTweet input table; every one of `COLUMNS` must be there."""
    found = columns_with(source, table_columns(source), COLUMNS)
    missing = [column for column in COLUMNS if column not in found]
    if missing:
        listed = ", ".join(repr(column) for column in found)
        raise source.error(
            f"is not a CooRTweet table: it lacks {', '.join(missing)} (found: {listed}); "
            "CooRTweet tables have the columns " + ", ".join(COLUMNS),
            row=source.header_row,
            column=missing[0],
        )
    return read_events_table(source, mapping={"timestamp": "timestamp_share"})
