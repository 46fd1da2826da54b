"""Wide tables: several object columns a row (``url_id``, ``hashtag_id``, …) -> one event a cell.

The object type is the column name without its ``_id`` ending (``url_id`` -> ``url``,
``phash_id`` -> ``phash``); a row's events share its content_id and follow the order of the
columns given.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from graphmon.ingest.objects import explode_objects


def object_type_of(column: str) -> str:
    """``url_id`` -> ``url``; a name without the ending is kept whole.

    >>> object_type_of("phash_id"), object_type_of("domain")
    ('phash', 'domain')
    """
    return column[: -len("_id")] if column.endswith("_id") and column != "_id" else column


def slot(position: int) -> str:
    """The name under which the object column at `position` is carried until it is melted."""
    return f"_object_{position}"


def melt(frame: pl.DataFrame, objects: Sequence[str]) -> tuple[pl.DataFrame, int]:
    """Melt the object columns (carried as `slot` names) into object_id/object_type rows.

    Returns the events and the number of rows that had no object.
    """
    lists = [(pl.col(slot(i)), object_type_of(column)) for i, column in enumerate(objects)]
    events, without = explode_objects(frame, lists)
    return events.drop(slot(i) for i in range(len(objects))), without
