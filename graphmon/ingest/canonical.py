"""The canonical events table (SPEC §1) in CSV, TSV, Parquet or JSON Lines, long or wide.

Long: one event a row, with an ``object_id`` column. Wide: several object columns a row, named
by `objects` and melted into one event per non-empty cell by `graphmon.ingest.wide`.
`mapping` renames input columns: ``{"account_id": "author_id"}`` reads the input column
``author_id`` as ``account_id``. ``timestamp_share`` is read as ``timestamp``, and ``post_id``
as ``content_id``, when the canonical column is absent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from graphmon.errors import ConfigError, InputError
from graphmon.events import EVENT_SCHEMA, REQUIRED_EVENT_COLUMNS
from graphmon.ingest import wide
from graphmon.ingest.checks import INDEX, as_text, drop_empty, plural
from graphmon.ingest.files import Source
from graphmon.ingest.part import Part, conform_events
from graphmon.ingest.tables import read_table, table_columns
from graphmon.ingest.timestamps import to_unix_seconds

ALIASES = {"timestamp": "timestamp_share", "content_id": "post_id"}
NOT_OBJECTS = ("account_id", "content_id", "post_id")
OPTIONAL = ("object_type", "content_id", "platform", "text")


def read_events_table(
    source: Source, *, mapping: Mapping[str, str] | None = None, objects: Sequence[str] = ()
) -> Part:
    """Read one events table (see the module docstring)."""
    found = table_columns(source)
    try:
        names = input_columns(found, mapping or {}, objects, source)
    except InputError:
        if source.kind != "jsonl":
            raise
        # a JSON Lines column may first appear after the sampled records: look at every record
        names = input_columns(table_columns(source, every_record=True), mapping or {}, objects, source)
    if source.kind == "jsonl":  # JSON Lines columns come from a sample: read optional ones anyway
        names |= {
            name: name for name in OPTIONAL if name not in names and not (objects and name == "object_type")
        }
    frame = read_table(source, list(dict.fromkeys([*names.values(), *objects])))
    rows_read = frame.height
    frame = frame.select(
        pl.col(INDEX),
        *(pl.col(column).alias(name) for name, column in names.items()),
        *(pl.col(column).alias(wide.slot(i)) for i, column in enumerate(objects)),
    )
    labels = {name: column for name, column in names.items()} | {wide.slot(i): c for i, c in enumerate(objects)}
    frame = frame.with_columns(
        as_text(frame, name, source, label=labels.get(name)) for name in frame.columns if name not in (INDEX, "timestamp")
    )
    frame, notes = _drop_blank_rows(frame, source)
    required = ["account_id"] if objects else ["account_id", "object_id"]
    frame, skipped = drop_empty(frame, required, source)
    frame = frame.with_columns(to_unix_seconds(frame, "timestamp", source, label=names["timestamp"]))
    if objects:
        frame, without = wide.melt(frame, objects)
        if without:
            skipped.append(
                f"{source.path}: {plural(without, 'row')} with no value in {', '.join(objects)} gave no event"
            )
    return Part(conform_events(frame), rows_read=rows_read, notes=tuple(notes + skipped))


def input_columns(
    found: Sequence[str], mapping: Mapping[str, str], objects: Sequence[str], source: Source
) -> dict[str, str]:
    """Which input column gives each canonical column present: {canonical: input column}.

    Raises `ConfigError` for a mapping onto an unknown column, `InputError` for missing columns.
    """
    unknown = sorted(set(mapping) - set(EVENT_SCHEMA))
    if unknown:
        raise ConfigError(
            f"cannot map onto {', '.join(unknown)}: events have the columns {', '.join(EVENT_SCHEMA)}"
        )
    if objects and {"object_id", "object_type"} & set(mapping):
        raise ConfigError(
            "objects= sets object_id and object_type from the object columns; do not also map them"
        )
    listed = ", ".join(repr(name) for name in found)
    for name, column in mapping.items():
        if column not in found:
            raise source.error(
                f"has no column {column!r} to read as {name} (found: {listed})",
                row=source.header_row,
                column=column,
            )
    for column in objects:
        if column not in found:
            raise source.error(
                f"has no object column {column!r} (found: {listed})", row=source.header_row, column=column
            )
    names = {name: mapping.get(name, name) for name in EVENT_SCHEMA}
    names = {name: column if column in found else ALIASES.get(name, column) for name, column in names.items()}
    names = {name: column for name, column in names.items() if column in found}
    if objects:
        names.pop("object_id", None)
        names.pop("object_type", None)
    for name in REQUIRED_EVENT_COLUMNS:
        if name not in names and not (objects and name == "object_id"):
            raise missing_column(name, found, source)
    return names


def missing_column(name: str, found: Sequence[str], source: Source) -> Exception:
    """The error for a missing required column, hinting at --map (or --objects, for wide tables)."""
    listed = ", ".join(repr(column) for column in found)
    candidates = [column for column in found if column.endswith("_id") and column not in NOT_OBJECTS]
    if name == "object_id" and candidates:
        hint = (
            f"for a table with one column per kind of object, pass --objects "
            f"{','.join(candidates)} (objects=...) to read each as an object, or map one with "
            "--map object_id=COLUMN"
        )
    else:
        hint = f"rename one or map it with --map {name}=COLUMN"
    return source.error(f"has no {name} column (found: {listed}); {hint}", row=source.header_row, column=name)


def _drop_blank_rows(frame: pl.DataFrame, source: Source) -> tuple[pl.DataFrame, list[str]]:
    blank = pl.all_horizontal(pl.exclude(INDEX).is_null())
    count = frame.select(blank.sum()).item()
    if not count:
        return frame, []
    return frame.filter(~blank), [f"{source.path}: {plural(count, 'blank row')} skipped"]
