"""Exact duplicate rows, found fast.

Grouping ten million rows by several string columns is slow in polars on two cores; hashing the
rows and sorting the hashes is not. Only rows whose hash repeats are then compared exactly, so
a hash collision never drops a row.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

POSITION = "_position"


def first_occurrences(frame: pl.DataFrame, key: Sequence[str]) -> pl.Series:
    """True for each row whose `key` values were not seen in an earlier row.

    >>> frame = pl.DataFrame({"a": ["x", "y", "x", None, None], "b": [1, 1, 1, 2, 2]})
    >>> first_occurrences(frame, ["a", "b"]).to_list()
    [True, True, False, True, False]
    """
    hashes = frame.select(key).hash_rows()
    ordered = hashes.sort()
    repeated = ordered.filter(ordered == ordered.shift(1)).unique()
    keep = pl.repeat(True, frame.height, eager=True, dtype=pl.Boolean()).alias("first")
    if repeated.is_empty():
        return keep
    candidates = frame.select(key).with_row_index(POSITION).filter(hashes.is_in(repeated.implode()))
    later = candidates.filter(~pl.struct(key).is_first_distinct())[POSITION]
    return keep.scatter(later, False)
