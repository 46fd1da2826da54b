"""The store interface the CLI and scripts use; `graphmon.store.Neo4jStore` implements it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

import polars as pl

from graphmon.store.named import NamedQuery
from graphmon.store.neo4j import (
    EventFilter,
    LoadCounts,
    Progress,
    QueryResult,
    RunCounts,
)

if TYPE_CHECKING:
    from graphmon.analysis import Analysis


class Store(Protocol):
    """Where share events, profiles and analysis runs are kept (SPEC §4) and queried (SPEC §5)."""

    def ensure_schema(self) -> None:
        """Create the constraints and indexes the writes and queries rely on."""

    def load_events(self, events: pl.DataFrame, *, progress: Progress | None = None) -> LoadCounts:
        """Write canonical share events; idempotent and resumable."""

    def load_accounts(self, accounts: pl.DataFrame, *, progress: Progress | None = None) -> LoadCounts:
        """Write account profiles."""

    def stream_events(self, filters: EventFilter = ...) -> pl.DataFrame:
        """The stored events matching ``filters`` as the canonical events table."""

    def stream_accounts(self) -> pl.DataFrame:
        """The stored profiles as the accounts table."""

    def write_run(self, analysis: Analysis, run_id: str, *, created_at: datetime, source: str = "") -> RunCounts:
        """Write (or replace) analysis run ``run_id``."""

    def delete_run(self, run_id: str) -> None:
        """Delete analysis run ``run_id``."""

    def run_query(self, query: str | NamedQuery, parameters: Mapping[str, Any] | None = None) -> QueryResult:
        """Run a named read query with checked parameters."""

    def close(self) -> None:
        """Release connections."""
