"""Tables (CSV, TSV, Parquet, JSON Lines of flat records): their columns, and chosen columns read.

CSV is read with every column as text, so ids keep leading zeros and nothing is guessed; polars
reads lazily and only the columns asked for. Polars' failures become `InputError`s located by
`graphmon.ingest.locate`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import islice

import polars as pl

from graphmon.errors import InputError
from graphmon.ingest import locate
from graphmon.ingest.checks import INDEX, check_field_sizes
from graphmon.ingest.files import Source

SAMPLE_RECORDS = 1000  # JSON Lines: the columns are the keys seen in this many first records
TABLE_KINDS = ("csv", "tsv", "parquet", "jsonl")


def table_columns(source: Source, *, every_record: bool = False) -> list[str]:
    """The column names of a table, in file order. For JSON Lines: the keys of the first
    `SAMPLE_RECORDS` records, or with ``every_record`` of all of them (a pass over the file,
    for when a column asked for is not among the sampled keys)."""
    if source.kind not in TABLE_KINDS:
        raise source.error(
            "is a JSON document, not a table; give the table as CSV, Parquet "
            "or JSON Lines (one object a line)"
        )
    if source.kind == "jsonl":
        return _jsonl_keys(source, None if every_record else SAMPLE_RECORDS)
    if source.kind in ("csv", "tsv"):
        _check_text_layout(source)
    with polars_errors(source):
        names = _scan(source).collect_schema().names()
    if source.kind in ("csv", "tsv") and any("_duplicated_" in name for name in names):
        _check_repeated_names(source)  # polars renames a repeated header name to NAME_duplicated_N
    return names


def columns_with(source: Source, found: list[str], needed: Sequence[str]) -> list[str]:
    """``found`` (from `table_columns`), or, for JSON Lines where one of ``needed`` is not among
    the sampled keys, the keys of every record (it may first appear later)."""
    if source.kind == "jsonl" and any(name not in found for name in needed):
        return table_columns(source, every_record=True)
    return found


def _check_repeated_names(source: Source) -> None:
    """Refuse a CSV header that names a column twice (polars would read the first silently)."""
    header = next(locate.csv_records(source.local, separator=source.separator))[1]
    for position, name in enumerate(header):
        if header.index(name) < position:
            raise source.error(f"has the column {name!r} twice (columns {header.index(name) + 1} and {position + 1}); "
                               "keep one", row=source.header_row, column=name)


def _check_text_layout(source: Source) -> None:
    """UTF-16 text (a byte-order mark FF FE / FE FF, or NUL bytes in the header) would be read as
    garbled column names, and lines ended by CR alone as one long row: refuse both with the fix."""
    with source.local.open("rb") as handle:
        head = handle.read(65536)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head.split(b"\n", 1)[0]:
        raise source.error("is UTF-16 text, not UTF-8; re-encode it (e.g. iconv -f UTF-16 -t UTF-8)", row=1)
    if b"\r" in head and b"\n" not in head:
        raise source.error("ends its lines with CR alone (old Mac style); convert them, e.g. tr '\\r' '\\n'", row=1)


def read_table(source: Source, columns: Sequence[str]) -> pl.DataFrame:
    """`columns` of the table plus ``_index``, field sizes checked.

    CSV columns are strings; Parquet keeps its types and JSON Lines values arrive as text.

    Raises `InputError` when the table has no rows.
    """
    with polars_errors(source):
        if source.kind == "jsonl":
            lazy = pl.scan_ndjson(source.local, schema={name: pl.String() for name in columns})
        else:
            lazy = _scan(source).select(columns)
        frame = lazy.with_row_index(INDEX).collect()
    if frame.height == 0:
        what = "has a header but no data rows" if source.header_row else "has no rows"
        raise source.error(what)
    frame = frame.with_columns(pl.col(INDEX).cast(pl.Int64))
    check_field_sizes(frame, source)
    return frame


def _scan(source: Source) -> pl.LazyFrame:
    if source.kind == "parquet":
        return pl.scan_parquet(source.local)
    return pl.scan_csv(source.local, separator=source.separator, infer_schema=False, raise_if_empty=True)


def _jsonl_keys(source: Source, records: int | None) -> list[str]:
    """The keys of the first ``records`` records (None: of all, found by polars' schema inference
    over the whole file, or, where polars fails, record by record to name the bad line)."""
    if records is None:
        try:
            return pl.scan_ndjson(source.local, infer_schema_length=None).collect_schema().names()
        except pl.exceptions.PolarsError:
            pass
    keys: dict[str, None] = {}
    with source.local.open("rb") as f:
        for raw in islice((raw for raw in f if raw.strip()), records):
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                record = None
            if not isinstance(record, dict):
                raise _jsonl_error(source)
            keys.update(dict.fromkeys(record))
    if not keys:
        raise source.error("file is empty (no JSON records)")
    return list(keys)


@contextmanager
def polars_errors(source: Source) -> Iterator[None]:
    """Turn a polars failure while reading `source` into an `InputError` at its row."""
    try:
        yield
    except (pl.exceptions.PolarsError, OSError) as err:
        if isinstance(err, pl.exceptions.NoDataError):
            raise source.error("file is empty") from None
        raise located_error(source, err) from None


def located_error(source: Source, err: Exception) -> InputError:
    """The clearest `InputError` for a polars failure: found again by reading the file in Python."""
    message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    if "utf" in message.lower() and "8" in message:
        return bad_utf8_error(source)
    if source.kind in ("csv", "tsv"):
        ragged = locate.ragged_record(source.local, separator=source.separator)
        if ragged:
            line, fields, width = ragged
            return source.error(
                f"row has {fields} fields but the header has {width}; quote fields "
                "that contain the separator or a line break",
                row=line,
            )
        quoting = locate.quoting_problem(source.local, separator=source.separator)
        if quoting:
            return source.error(f'{quoting[1]}; a quote inside a quoted field is written ""', row=quoting[0])
    if source.kind == "jsonl":
        return _jsonl_error(source)
    kind = {"csv": "CSV", "tsv": "TSV", "parquet": "Parquet", "json": "JSON"}.get(source.kind, source.kind)
    return source.error(f"could not be read as {kind} ({message})")


def bad_utf8_error(source: Source) -> InputError:
    """The error for bytes that are not UTF-8, at their row (and column, in CSV)."""
    fix = "re-encode the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    if source.kind in ("csv", "tsv"):
        found = locate.bad_utf8_field(source.local, separator=source.separator)
        if found:
            return source.error(f"text is not valid UTF-8; {fix}", row=found[0], column=found[1])
    spot = locate.bad_utf8_line(source.local)
    if spot:
        return source.error(f"text is not valid UTF-8 (byte 0x{spot[1]:02X}); {fix}", row=spot[0])
    return source.error(f"text is not valid UTF-8; {fix}")


def _jsonl_error(source: Source) -> InputError:
    spot = locate.bad_json_line(source.local)
    if spot is None:
        return source.error("could not be read as JSON Lines")
    line, what = spot
    if what == "is not UTF-8":
        return bad_utf8_error(source)
    if what == locate.BOM:
        return source.error(f"{locate.BOM}; save it as UTF-8 without one (JSON Lines has none)", row=line)
    return source.error(f"record {what}; write one JSON object a line", row=line)
