"""Finding the value polars could not read into a record type, by asking polars itself.

Used on the error path only, after polars refused a whole JSON document or JSON Lines file: a
bisection over the records, then a descent through the failing record's fields, each step a
small polars read with the same reader and type, so the place named is the place polars refused.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from graphmon.ingest.locate import json_type

DataType = pl.DataType | pl.datatypes.DataTypeClass
Reader = Callable[..., pl.DataFrame]


@dataclass(frozen=True)
class Misfit:
    """Where (``record`` index, field ``path``) and what: the value and the type it should have."""

    record: int
    path: str
    value: Any
    expected: DataType

    def describe(self) -> str:
        """One phrase: the value, its JSON type and what belongs there."""
        shown = json.dumps(self.value, ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:40] + "…"
        return f"the value {shown} is a JSON {json_type(self.value)} where {_wanted(self.expected)} belongs"


def first_misfit(records: list[Any], record_type: pl.Struct, *, lines: bool) -> Misfit | None:
    """The first value of ``records`` that polars' JSON (``lines=False``) or JSON Lines reader
    cannot read as ``record_type``; None when each record alone reads (the failure is elsewhere)."""
    reader: Reader = pl.read_ndjson if lines else pl.read_json
    if _fits(records, pl.List(record_type), reader):
        return None
    low, high = 0, len(records)
    while high - low > 1:  # the first record that does not read, by bisection
        middle = (low + high) // 2
        if _fits(records[low:middle], pl.List(record_type), reader):
            low = middle
        else:
            high = middle
    path, value, expected = _descend(records[low], record_type, "", reader)
    return Misfit(record=low, path=path, value=value, expected=expected)


def _descend(value: Any, dtype: DataType, path: str, reader: Reader) -> tuple[str, Any, DataType]:
    """The innermost part of ``value`` (known not to read as ``dtype``) that does not read."""
    if isinstance(dtype, pl.Struct) and isinstance(value, dict):
        for field in dtype.fields:
            inner = value.get(field.name)
            if not _fits(inner, field.dtype, reader):
                return _descend(inner, field.dtype, f"{path}.{field.name}" if path else field.name, reader)
    if isinstance(dtype, pl.List) and isinstance(value, list):
        for position, item in enumerate(value):
            if not _fits(item, dtype.inner, reader):
                return _descend(item, dtype.inner, f"{path}[{position}]", reader)
    return path, value, dtype


def _fits(value: Any, dtype: DataType, reader: Reader) -> bool:
    try:
        reader(io.BytesIO(json.dumps({"v": value}).encode()), schema={"v": dtype})
    except pl.exceptions.PolarsError:
        return False
    return True


def _wanted(dtype: DataType) -> str:
    if isinstance(dtype, pl.Struct):
        return "an object"
    if isinstance(dtype, pl.List):
        return "a list"
    if dtype == pl.Boolean():
        return "true or false"
    if dtype.is_integer():
        return "a whole number"
    if dtype.is_float():
        return "a number"
    return "text"
