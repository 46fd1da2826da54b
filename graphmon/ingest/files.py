"""Opening input files: the kind from the name, gzip by its magic bytes, emptiness, error locations.

A `Source` is one input file ready to read: the path as the user gave it (used in every
message), a local uncompressed copy to hand to polars, and its kind. Row numbers in errors
follow `graphmon.errors.InputError`: for CSV the line in the file (header = 1); for JSON Lines
the line of the record; for Parquet and JSON documents the 1-based record number.
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from graphmon.errors import InputError
from graphmon.ingest import locate

Kind = Literal["csv", "tsv", "parquet", "jsonl", "json"]

SUFFIX_KINDS: dict[str, Kind] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}
SEPARATORS = {"csv": ",", "tsv": "\t"}
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Source:
    """One input file: `path` as given (for messages), `local` uncompressed, and its `kind`."""

    path: str
    local: Path
    kind: Kind

    @property
    def separator(self) -> str:
        """The field separator of a CSV or TSV file."""
        return SEPARATORS.get(self.kind, ",")

    @property
    def header_row(self) -> int | None:
        """The row to name for a problem with the columns: the header line of a CSV file."""
        return 1 if self.kind in SEPARATORS else None

    def row_of(self, index: int) -> int:
        """The row to report for the record at 0-based `index` (see the module docstring)."""
        if self.kind in SEPARATORS:
            return locate.csv_line(self.local, index, separator=self.separator)
        if self.kind == "jsonl":
            return locate.jsonl_line(self.local, index)
        return index + 1

    def error(
        self, message: str, *, index: int | None = None, row: int | None = None, column: str | None = None
    ) -> InputError:
        """An `InputError` for this file, at record `index` (or an explicit `row`)."""
        if index is not None:
            row = self.row_of(index)
        return InputError(self.path, message, row=row, column=column)


def kind_of(path: Path) -> Kind:
    """The kind of file, from its name (a trailing ``.gz`` is looked through)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    kind = SUFFIX_KINDS.get(Path(name).suffix)
    if kind is None:
        known = ", ".join(sorted(SUFFIX_KINDS))
        raise InputError(
            str(path),
            f"unknown file type {Path(name).suffix or '(no ending)'!r}; "
            f"graphmon reads {known}, each optionally .gz",
        )
    return kind


@contextmanager
def open_source(path: str | Path) -> Iterator[Source]:
    """Check `path` and yield a `Source`; a gzip file is decompressed to a temporary file."""
    given = Path(path)
    name = str(path)
    if not given.exists():
        raise InputError(name, "no such file")
    if not given.is_file():
        raise InputError(name, "is not a regular file")
    kind = kind_of(given)
    if given.stat().st_size == 0:
        raise InputError(name, "file is empty (0 bytes)")
    with given.open("rb") as head:
        gzipped = head.read(2) == GZIP_MAGIC
    if not gzipped:
        if given.name.lower().endswith(".gz"):
            raise InputError(name, "ends in .gz but is not gzip-compressed; rename it without .gz")
        yield Source(name, given, kind)
        return
    with tempfile.TemporaryDirectory(prefix="graphmon-") as tmp:
        local = Path(tmp) / given.name.removesuffix(".gz").removesuffix(".GZ")
        gunzip(given, local, name=name)
        if local.stat().st_size == 0:
            raise InputError(name, "file is empty (0 bytes once decompressed)")
        yield Source(name, local, kind)


def gunzip(path: Path, target: Path, *, name: str) -> None:
    """Decompress `path` to `target` in chunks, checking the gzip CRC and length."""
    try:
        with gzip.open(path, "rb") as src, target.open("wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
    except (gzip.BadGzipFile, EOFError, zlib.error) as err:
        raise InputError(
            name, f"is a broken or truncated gzip file ({err}); download or compress it again"
        ) from None
