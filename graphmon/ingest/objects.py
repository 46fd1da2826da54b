"""Records that share several objects -> one event per object, in record order.

An object list is a pair: the ids (a column, or a list column for several a record) and the
type (a name, or a list column as long as the ids). Each is exploded on its own and the results
are put back in record order, then in the order the lists were given; this is much faster in
polars than building lists of structs.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from graphmon.ingest.checks import is_empty, plural
from graphmon.ingest.files import Source

RECORD = "_record"
KIND = "_kind"
ObjectList = tuple[pl.Expr, str | pl.Expr]


def explode_objects(frame: pl.DataFrame, object_lists: Sequence[ObjectList]) -> tuple[pl.DataFrame, int]:
    """One row per non-empty object id in `object_lists`, carrying the record's other columns;
    and how many records had no object at all.

    Rows follow the records' order, then the order of `object_lists`, then the ids' order.
    """
    records = frame.with_row_index(RECORD)
    parts = [
        _one_list(records, ids, object_type, kind) for kind, (ids, object_type) in enumerate(object_lists)
    ]
    found = (
        pl.concat(parts)
        .filter(~is_empty("object_id") & pl.col("object_type").is_not_null())
        .sort(RECORD, KIND, maintain_order=True)
    )
    events = pl.concat(
        [frame.select(pl.all().gather(found[RECORD])), found.select("object_type", "object_id")],
        how="horizontal",
    )
    return events, frame.height - found[RECORD].n_unique()


def _one_list(records: pl.DataFrame, ids: pl.Expr, object_type: str | pl.Expr, kind: int) -> pl.DataFrame:
    types = pl.lit(object_type) if isinstance(object_type, str) else object_type
    part = records.select(RECORD, ids.alias("object_id"), types.alias("object_type"))
    lists = [name for name in ("object_id", "object_type") if isinstance(part.schema[name], pl.List)]
    if lists:
        part = part.explode(lists)
    return part.with_columns(pl.lit(kind, dtype=pl.Int32).alias(KIND))


def explode_with_note(frame: pl.DataFrame, object_lists: Sequence[ObjectList], source: Source, *,
                      noun: str, lacking: str) -> tuple[pl.DataFrame, list[str]]:
    """``explode_objects``, and the note that counts the records that gave no event."""
    events, without = explode_objects(frame, object_lists)
    notes = [f"{source.path}: {plural(without, noun)} without {lacking} gave no event"] if without else []
    return events, notes
