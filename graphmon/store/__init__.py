"""The Neo4j store (SPEC §4, §5) behind one small interface.

`StoreConfig.resolve` reads the connection from flags and the environment; `Neo4jStore`
implements the `Store` interface: ``ensure_schema``, ``load_events``, ``load_accounts``,
``stream_events``, ``stream_accounts``, ``write_run``, ``delete_run`` and ``run_query``.
Named queries live in ``queries/*.cypher`` (shipped as ``graphmon/queries``).
`write_import_files` writes the same graph as files for Neo4j's offline bulk importer.

The driver-backed names are imported on first use, so that commands that never touch Neo4j
(``graphmon analyze`` on files) do not pay for importing the driver.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from graphmon.store.bulk import ImportFiles, write_import_files
from graphmon.store.config import StoreConfig
from graphmon.store.named import NamedQuery, QueryParam, load_queries, parse_query

if TYPE_CHECKING:
    from graphmon.store.interface import Store
    from graphmon.store.neo4j import EventFilter, LoadCounts, Neo4jStore, QueryResult, RunCounts

_LAZY = {"Store": "graphmon.store.interface", "EventFilter": "graphmon.store.neo4j",
         "LoadCounts": "graphmon.store.neo4j", "Neo4jStore": "graphmon.store.neo4j",
         "QueryResult": "graphmon.store.neo4j", "RunCounts": "graphmon.store.neo4j"}

__all__ = ["EventFilter", "ImportFiles", "LoadCounts", "NamedQuery", "Neo4jStore", "QueryParam", "QueryResult",
           "RunCounts", "Store", "StoreConfig", "load_queries", "parse_query", "write_import_files"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
