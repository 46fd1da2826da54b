"""JSON inputs of the platform adapters: JSON Lines (one record a line) or one JSON document.

Records are decoded by polars into a given struct type: fields not in it are ignored, absent
ones are null, and a nested value read as a string arrives as its JSON text. Python's json
module is used only to tell what a file holds and to locate errors.
"""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from graphmon.errors import InputError
from graphmon.ingest.checks import INDEX
from graphmon.ingest.files import Source
from graphmon.ingest.tables import bad_utf8_error, polars_errors


def sniff(source: Source) -> Any:
    """The first record of a JSON Lines file, or the whole JSON document, as Python values."""
    if source.kind == "jsonl":
        with source.local.open("rb") as f:
            first = next((raw for raw in f if raw.strip()), b"")
        if not first:
            raise source.error("file is empty (no JSON records)")
        try:
            return json.loads(first)
        except (json.JSONDecodeError, UnicodeDecodeError):
            with polars_errors(source):
                pl.scan_ndjson(source.local, schema={"_": pl.String()}).collect()
            raise source.error("could not be read as JSON Lines") from None
    return _parse_document(source, _document_text(source))


def read_records(source: Source, record: pl.Struct) -> pl.DataFrame:
    """The records of `source` as columns of `record`'s fields, plus ``_index``.

    JSON Lines: one record a line. A JSON document: each element of a top-level array, or the
    top-level object as the one record.
    """
    if source.kind == "jsonl":
        with polars_errors(source):
            frame = (
                pl.scan_ndjson(source.local, schema=dict(record.to_schema())).with_row_index(INDEX).collect()
            )
    elif source.kind == "json":
        text = _document_text(source)
        many = text.lstrip().startswith("[")
        try:
            decoded = pl.Series([text]).str.json_decode(pl.List(record) if many else record)
        except pl.exceptions.PolarsError:
            _parse_document(source, text)  # raises at the syntax error, if there is one
            raise source.error("has a JSON value where an object or a list of objects belongs") from None
        frame = (decoded.explode() if many else decoded).struct.unnest().with_row_index(INDEX)
    else:
        raise source.error("is not JSON; give a .json or .jsonl file")
    if frame.height == 0:
        raise source.error("has no records")
    return frame.with_columns(pl.col(INDEX).cast(pl.Int64))


def _document_text(source: Source) -> str:
    try:
        return source.local.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise bad_utf8_error(source) from None


def _parse_document(source: Source, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            source.path,
            f"is not valid JSON: {err.msg} (column {err.colno}); fix or re-export the file",
            row=err.lineno,
        ) from None
