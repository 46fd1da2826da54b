"""Finding where in a file a problem is. Used on the error path only, so plain loops are fine.

Rows are counted as polars counts them: in CSV every record after the header is one, blank lines
included; in JSON Lines blank lines are not records.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def _fields_of_any_size() -> Iterator[None]:
    previous = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def csv_records(path: Path, *, separator: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line, fields) for each CSV record, the header first.

    Bytes that are not UTF-8 come through as lone surrogates (``errors="surrogateescape"``).
    """
    with _fields_of_any_size(), path.open(encoding="utf-8", errors="surrogateescape", newline="") as f:
        reader = csv.reader(f, delimiter=separator)
        consumed = 0
        for fields in reader:
            yield consumed + 1, fields
            consumed = reader.line_num


def csv_line(path: Path, index: int, *, separator: str) -> int:
    """The line on which data record `index` (0-based, after the header) starts."""
    for number, (line, _) in enumerate(csv_records(path, separator=separator)):
        if number == index + 1:
            return line
    return index + 2


def jsonl_line(path: Path, index: int) -> int:
    """The line of JSON Lines record `index` (0-based; blank lines are not records)."""
    seen = -1
    with path.open("rb") as f:
        for line, raw in enumerate(f, 1):
            if raw.strip():
                seen += 1
                if seen == index:
                    return line
    return index + 1


def bad_utf8_line(path: Path) -> tuple[int, int] | None:
    """(line, offending byte) of the first byte sequence that is not UTF-8, if any."""
    with path.open("rb") as f:
        for line, raw in enumerate(f, 1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as err:
                return line, raw[err.start]
    return None


def bad_utf8_field(path: Path, *, separator: str) -> tuple[int, str | None] | None:
    """(line, column name) of the first CSV field that is not UTF-8, if any."""
    header: list[str] = []
    for line, fields in csv_records(path, separator=separator):
        if not header:
            header = fields
        for position, field in enumerate(fields):
            if any("\udc80" <= char <= "\udcff" for char in field):
                name = header[position] if position < len(header) and line > 1 else None
                return line, name
    return None


def ragged_record(path: Path, *, separator: str) -> tuple[int, int, int] | None:
    """(line, fields, header fields) of the first CSV record with more fields than the header."""
    width = -1
    for line, fields in csv_records(path, separator=separator):
        if width < 0:
            width = len(fields)
        elif len(fields) > width:
            return line, len(fields), width
    return None


def quoting_problem(path: Path, *, separator: str) -> tuple[int, str] | None:
    """(first line, what is wrong) of the first CSV record with broken quoting, if any."""
    with _fields_of_any_size(), path.open(encoding="utf-8", errors="surrogateescape", newline="") as f:
        reader = csv.reader(f, delimiter=separator, strict=True)
        consumed = 0
        try:
            for _ in reader:
                consumed = reader.line_num
        except csv.Error as err:
            if "unexpected end of data" in str(err):
                return consumed + 1, "a quoted field starting on this row is never closed"
            return consumed + 1, f"the quoting of this row is broken ({err})"
    return None


BOM = "starts with a byte-order mark"


def bad_json_line(path: Path) -> tuple[int, str] | None:
    """(line, what is wrong) for the first JSON Lines record that is not a JSON object."""
    with path.open("rb") as f:
        for line, raw in enumerate(f, 1):
            if line == 1 and raw.startswith(b"\xef\xbb\xbf"):
                return line, BOM
            if not raw.strip():
                continue
            try:
                value = json.loads(raw.rstrip(b"\r\n"), parse_constant=_not_json, parse_float=_finite)
            except UnicodeDecodeError:
                return line, "is not UTF-8"
            except json.JSONDecodeError as err:
                return line, f"is not valid JSON ({err.msg} at column {err.colno})"
            except ValueError as err:
                return line, f"is not valid JSON ({err})"
            if not isinstance(value, dict):
                return line, f"is a JSON {json_type(value)}, not an object"
    return None


def _not_json(constant: str) -> float:
    raise ValueError(f"{constant} is not a JSON value")


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text[:40]} is too large")
    return value


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type: object, array, string, number, boolean, null."""
    names = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
    return names.get(type(value), "null")

