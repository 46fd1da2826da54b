"""JSON inputs of the platform adapters: JSON Lines (one record a line) or one JSON document.

Records are decoded by polars, from the file, into a given struct type: fields not in it are
ignored and absent ones are null. Python's json module is used only to tell what a file holds,
from its beginning (the first record, or a document's members up to the one that tells), and to
locate errors: a multi-gigabyte export is never decoded into Python objects.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Collection
from typing import Any

import polars as pl

from graphmon.errors import InputError
from graphmon.ingest import locate
from graphmon.ingest.checks import INDEX
from graphmon.ingest.files import Source
from graphmon.ingest.misfit import Misfit, first_misfit
from graphmon.ingest.tables import bad_utf8_error, polars_errors


def sniff(source: Source, *, telling: Collection[str] = ()) -> Any:
    """The first record of a JSON Lines file, or a sample of a JSON document, as Python values.

    The sample of a document is its first element when it is a list; when it is an object, its
    members in order up to the first whose key is in ``telling``, whose value is then left out
    (an empty ``{}`` or ``[]`` of its kind, else None). Only as much of the file is read as that takes.
    """
    if source.kind == "jsonl":
        with source.local.open("rb") as f:
            first = next((raw for raw in f if raw.strip()), b"")
        if not first:
            raise source.error("file is empty (no JSON records)")
        try:
            return json.loads(first)
        except RecursionError as err:
            raise _limit_error(source, err) from None
        except (ValueError, UnicodeDecodeError):  # JSONDecodeError, or a number too long
            with polars_errors(source):
                pl.scan_ndjson(source.local, schema={"_": pl.String()}).collect()
            raise source.error("could not be read as JSON Lines") from None
    size = SAMPLE_BYTES
    while True:
        with source.local.open("rb") as f:
            head = f.read(size)
        whole = len(head) < size
        try:
            text = codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)
        except UnicodeDecodeError:
            raise bad_utf8_error(source) from None
        try:
            return _sample(text.removeprefix("\ufeff"), frozenset(telling))  # polars reads past a BOM too
        except json.JSONDecodeError as err:
            if whole:
                raise _syntax_error(source, err) from None
            del head, text
            size *= 8  # the sample runs past what was read: read more
        except (ValueError, RecursionError) as err:  # a number too long, nesting too deep
            raise _limit_error(source, err) from None


SAMPLE_BYTES = 1 << 16
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def _sample(text: str, telling: frozenset[str]) -> Any:
    """See `sniff`; raises `json.JSONDecodeError` where the text is not JSON (or ends)."""

    def skip(at: int) -> int:
        return _SPACE.match(text, at).end()  # type: ignore[union-attr]  # matches the empty string

    def expect(at: int, char: str, what: str) -> int:
        if not text.startswith(char, at):
            raise json.JSONDecodeError(f"Expecting {what}", text, at)
        return skip(at + 1)

    at = skip(0)
    if text.startswith("[", at):
        at = skip(at + 1)
        return [] if text.startswith("]", at) else [_DECODER.raw_decode(text, at)[0]]
    if not text.startswith("{", at):
        value, end = _DECODER.raw_decode(text, at)
        if skip(end) != len(text):
            raise json.JSONDecodeError("Extra data", text, skip(end))
        return value
    members: dict[str, Any] = {}
    at = skip(at + 1)
    if text.startswith("}", at):
        return members
    while True:
        if not text.startswith('"', at):
            raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, at)
        key, at = _DECODER.raw_decode(text, at)
        at = expect(skip(at), ":", "':' delimiter")
        if key in telling:
            members[key] = {} if text.startswith("{", at) else [] if text.startswith("[", at) else None
            return members
        members[key], at = _DECODER.raw_decode(text, at)
        at = skip(at)
        if text.startswith("}", at):
            return members
        at = expect(at, ",", "',' delimiter")


def read_records(source: Source, record: pl.Struct) -> pl.DataFrame:
    """The records of `source` as columns of `record`'s fields, plus ``_index``.

    JSON Lines: one record a line. A JSON document: each element of a top-level array, or the
    top-level object as the one record.
    """
    if source.kind == "jsonl":
        with polars_errors(source):
            try:
                frame = (
                    pl.scan_ndjson(source.local, schema=dict(record.to_schema())).with_row_index(INDEX).collect()
                )
            except pl.exceptions.PolarsError:
                _raise_misfit_line(source, record)
                raise
    elif source.kind == "json":
        try:  # polars reads a list of records as rows, an object as one row
            frame = pl.read_json(source.local, schema=dict(record.to_schema())).with_row_index(INDEX)
        except pl.exceptions.PolarsError:
            document = _parse_document(source, _document_text(source))  # raises at a syntax error, if any
            listed = isinstance(document, list)
            # a member that is not an object (null too, which alone would read as an empty record)
            stray = next((i for i, member in enumerate(document) if not isinstance(member, dict)), None) \
                if listed else None
            found = Misfit(record=stray, path="", value=document[stray], expected=record) if stray is not None \
                else first_misfit(document if listed else [document], record, lines=False)
            if found:
                where = (f"[{found.record}]" + (f".{found.path}" if found.path else "")) if listed else found.path
                raise source.error(found.describe(), column=where) from None
            raise source.error("has a JSON value where an object or a list of objects belongs") from None
    else:
        raise source.error("is not JSON; give a .json or .jsonl file")
    if frame.height == 0:
        raise source.error("has no records")
    return frame.with_columns(pl.col(INDEX).cast(pl.Int64))


def _raise_misfit_line(source: Source, record: pl.Struct) -> None:
    """After polars refused a JSON Lines file: raise at the line and field whose value does not
    fit ``record``, when every line is a JSON object (else `polars_errors` locates the bad line)."""
    if locate.bad_json_line(source.local) is not None:
        return
    with source.local.open("rb") as f:
        numbered = [(line, json.loads(raw)) for line, raw in enumerate(f, 1) if raw.strip()]
    found = first_misfit([value for _, value in numbered], record, lines=True)
    if found:
        raise source.error(found.describe(), row=numbered[found.record][0], column=found.path or None)


def _document_text(source: Source) -> str:
    try:
        return source.local.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise bad_utf8_error(source) from None


def _parse_document(source: Source, text: str) -> Any:
    try:
        return json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as err:
        raise _syntax_error(source, err) from None
    except (ValueError, RecursionError) as err:
        raise _limit_error(source, err) from None


def _limit_error(source: Source, err: Exception) -> InputError:
    """A JSON value beyond Python's limits (nesting depth, digits of a number)."""
    return source.error(f"could not be read as JSON: {str(err).split(';')[0]}")


def _syntax_error(source: Source, err: json.JSONDecodeError) -> InputError:
    return InputError(source.path, f"is not valid JSON: {err.msg} (column {err.colno}); fix or re-export the file",
                      row=err.lineno)
