"""Times as found in inputs -> unix seconds (Float64), vectorised, with errors at the first bad row.

Accepted: unix seconds (int or float, as numbers or text), ISO 8601 with a zone
(``2021-06-16T10:00:00Z``, ``2021-06-16 12:00:00+02:00``, ``2021-06-16T10:00Z``, an offset of
hours alone as PostgreSQL writes it, ``2021-06-16 12:00:00+02``, the basic format
``20210616T100000Z``, a decimal comma ``10:00:00,5Z``), Twitter's
``Wed Oct 10 20:19:24 +0000 2018``, and zone-aware date-times (Parquet). A time without a zone
is an error: guessing one would shift every share by hours.
"""

from __future__ import annotations

import polars as pl

from graphmon.ingest.checks import INDEX
from graphmon.ingest.files import Source

ISO_8601 = "%+"
TWITTER_V1 = "%a %b %d %H:%M:%S %z %Y"
FALLBACKS = (
    TWITTER_V1,
    "%Y-%m-%dT%H:%M%#z", "%Y-%m-%d %H:%M%#z",  # ISO 8601 without seconds
    "%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%d %H:%M:%S%.f%#z",  # an offset of hours alone (+02)
    "%Y%m%dT%H%M%S%.f%#z",  # the basic format
)
DECIMAL_COMMA = (r"(\d{2}:?\d{2}:?\d{2}),(\d)", "${1}.${2}")
NAIVE_ISO = ("%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d")
MAX_UNIX_S = 1e11  # the year 5138: larger numbers are milliseconds or worse
MIN_UNIX_S = -62_135_596_800.0  # 0001-01-01T00:00:00Z, the first moment Python's datetime holds
HOW_TO = "give unix seconds or ISO 8601 with a zone, e.g. 2021-06-16T10:00:00Z"


def parse_unix_seconds(raw: pl.Series) -> pl.Series:
    """Unix seconds from `raw`, null where a value cannot be read (see the module docstring)."""
    dtype = raw.dtype
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone is None:
            return pl.repeat(None, raw.len(), dtype=pl.Float64, eager=True)
        return raw.dt.epoch("us").cast(pl.Float64) / 1e6
    if dtype.is_numeric():
        return raw.cast(pl.Float64)
    if dtype.is_nested() or isinstance(dtype, (pl.Duration, pl.Binary, pl.Date, pl.Time, pl.Object)):
        return pl.repeat(None, raw.len(), dtype=pl.Float64, eager=True)  # a date alone has no time of day
    seconds = raw.cast(pl.String).cast(pl.Float64, strict=False)
    if (seconds.is_null() & raw.is_not_null()).any():
        text = raw.cast(pl.String).str.strip_chars()
        seconds = text.cast(pl.Float64, strict=False)
        moments = _moments(text, seconds.is_null())
        if (moments.is_null() & seconds.is_null() & text.str.contains(",", literal=True)).any():
            moments = moments.fill_null(_moments(text.str.replace(*DECIMAL_COMMA), moments.is_null() & seconds.is_null()))
        seconds = seconds.fill_null(moments.dt.epoch("us").cast(pl.Float64) / 1e6)
    return seconds


def _moments(text: pl.Series, wanted: pl.Series) -> pl.Series:
    """Date-times (UTC) from ISO 8601 and the `FALLBACKS` layouts, each layout tried only while
    some ``wanted`` value is still unread."""
    moments = text.str.to_datetime(ISO_8601, strict=False, time_zone="UTC")
    for layout in FALLBACKS:
        if not (moments.is_null() & wanted & text.is_not_null()).any():
            break
        moments = moments.fill_null(text.str.to_datetime(layout, strict=False, time_zone="UTC"))
    return moments


def to_unix_seconds(
    frame: pl.DataFrame, column: str, source: Source, *, label: str | None = None, allow_null: bool = False
) -> pl.Series:
    """Parse `frame[column]`; raise `InputError` at the first value that is not a usable time.

    `label` names the column in messages (the input's name for it) and defaults to `column`.
    """
    raw = frame[column]
    seconds = parse_unix_seconds(raw)
    bad = seconds.is_null() | ~seconds.is_finite() | (seconds >= MAX_UNIX_S) | (seconds < MIN_UNIX_S)
    if allow_null:
        bad = bad & raw.is_not_null()
    if bad.any():
        position = int(bad.arg_true()[0])
        raise source.error(
            why_not_a_time(raw[position], raw.dtype), index=frame[INDEX][position], column=label or column
        )
    return seconds.rename(column)


def why_not_a_time(value: object, dtype: pl.DataType) -> str:
    """One sentence on why `value` is not a usable time, and how to fix it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return f"the time is empty; every row needs one ({HOW_TO})"
    if isinstance(dtype, pl.Datetime):
        return f"date-time {value} has no time zone; store it with one (e.g. UTC), or {HOW_TO}"
    text = str(value).strip()
    try:
        number = None if "_" in text else float(text)  # Python reads 1_000 as a number; polars does not
    except ValueError:
        number = None
    if number is not None:
        if number != number or number in (float("inf"), float("-inf")):
            return f"time {text!r} is not a finite number; {HOW_TO}"
        if number < 0:
            return f"time {text!r} is before the year 1; {HOW_TO}"
        return f"time {text!r} is too large for unix seconds (milliseconds? divide by 1000)"
    if parse_unix_seconds(pl.Series([text])).is_not_null().all():
        return f"time {_shorten(text)!r} is out of range (before the year 1 or after 5138); check it"
    if any(_parses(text, layout) for layout in NAIVE_ISO):
        return (
            f"time {_shorten(text)!r} has no time zone; add one ('Z' for UTC or an offset "
            "like '+02:00') or give unix seconds"
        )
    return f"{_shorten(text)!r} is not a time; {HOW_TO}"


def _parses(text: str, layout: str) -> bool:
    parsed = pl.Series([text]).str.to_datetime(layout, strict=False)
    return parsed.null_count() == 0


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
