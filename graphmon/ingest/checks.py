"""Checks and clean-ups every reader shares: field sizes, empty ids, id columns as text.

Frames passed here carry ``_index``, the 0-based record number in the file, so that a problem
can be reported at its row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from graphmon.ingest.files import Source

INDEX = "_index"
MAX_FIELD_BYTES = 1_000_000


def plural(count: int, noun: str) -> str:
    """A count and its noun, in a note.

    >>> plural(1, "row"), plural(1200, "row")
    ('1 row', '1,200 rows')
    """
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def check_field_sizes(frame: pl.DataFrame, source: Source) -> None:
    """Raise at the first text field longer than `MAX_FIELD_BYTES` (1 MB)."""
    texts = [name for name, dtype in frame.schema.items() if dtype == pl.String()]
    if not texts or frame.height == 0:
        return
    longest = frame.select(pl.col(texts).str.len_bytes().max()).row(0)
    for name, size in zip(texts, longest, strict=True):
        if size is not None and size > MAX_FIELD_BYTES:
            position = frame.select(
                pl.col(name).str.len_bytes().gt(MAX_FIELD_BYTES).arg_true().first()
            ).item()
            raise source.error(
                f"field is {size:,} bytes long, over the limit of {MAX_FIELD_BYTES:,} bytes (1 MB); "
                "check for an unbalanced quote, or shorten the field",
                index=frame[INDEX][position],
                column=name,
            )


def is_empty(column: str) -> pl.Expr:
    """True where `column` is null or only whitespace."""
    return pl.col(column).is_null() | (pl.col(column).str.strip_chars() == "")


def drop_empty(
    frame: pl.DataFrame,
    columns: Sequence[str],
    source: Source,
    *,
    noun: str = "row",
    labels: Mapping[str, str] | None = None,
) -> tuple[pl.DataFrame, list[str]]:
    """Drop the records where any of `columns` is empty, with one note per column.

    `labels` gives the input's name of a column, for the notes.
    """
    masks = frame.select(is_empty(column).alias(column) for column in columns)
    counts = masks.select(pl.all().sum()).row(0)
    if not any(counts):
        return frame, []
    notes, dropped = [], pl.repeat(False, frame.height, eager=True)
    for column in columns:
        fresh = int((masks[column] & ~dropped).sum())
        if fresh:
            label = (labels or {}).get(column, column)
            notes.append(f"{source.path}: {plural(fresh, noun)} with an empty {label} skipped")
        dropped = dropped | masks[column]
    return frame.filter(~dropped), notes


def as_text(frame: pl.DataFrame, column: str, source: Source, *, label: str | None = None) -> pl.Series:
    """``frame[column]`` (an id or text column) as strings; whole floats (ids in a float column)
    lose their '.0'. Raises `InputError` at the first value that is not text or a number: a
    list, a struct, a duration, bytes that are not UTF-8 (typed Parquet or JSON input)."""
    series = frame[column]
    if series.dtype == pl.String():
        return series
    if series.dtype.is_float():
        series = series.fill_nan(None)  # NaN is how a float column holds a missing id: empty, not "NaN"
        finite = series.drop_nulls()
        if finite.is_finite().all() and (finite == finite.round(0)).all() and (finite.abs() < 2.0**63).all():
            return series.cast(pl.Int64).cast(pl.String)
    try:
        return series.cast(pl.String)
    except pl.exceptions.PolarsError:
        pass
    if series.dtype == pl.Binary():
        position = next(i for i, value in enumerate(series.to_list()) if value is not None and not _utf8(value))
        why = "holds bytes that are not UTF-8 text"
    else:
        position = int(series.is_not_null().arg_true()[0])
        why = f"holds {series.dtype} values, not text or numbers"
    raise source.error(f"{why}; give ids and texts as strings", index=frame[INDEX][position], column=label or column)


def _utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
