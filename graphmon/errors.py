"""Domain errors. The library raises these; only the CLI turns them into one line and an exit code."""

from __future__ import annotations


class GraphmonError(Exception):
    """Base of every error graphmon raises on purpose."""


class InputError(GraphmonError):
    """A problem in an input file, located by path, row (1-based, header = row 1) and column.

    >>> str(InputError("a.csv", "timestamp is not a time: 'soon'", row=3, column="timestamp"))
    "a.csv:3:timestamp: timestamp is not a time: 'soon'"
    """

    def __init__(self, path: str, message: str, *, row: int | None = None, column: str | None = None) -> None:
        self.path = str(path)
        self.row = row
        self.column = column
        self.message = message
        where = ":".join([self.path] + ([str(row)] if row is not None else []) + ([column] if column else []))
        super().__init__(f"{where}: {message}")


class ConfigError(GraphmonError):
    """A bad option, parameter or environment setting."""


class StoreError(GraphmonError):
    """The graph store failed; the message names the URI and the likely fix."""


class QueryError(GraphmonError):
    """A named query is unknown, or its parameters are missing, unknown or of the wrong type."""
