"""The Neo4j store (SPEC §4, §5) behind one small interface.

`StoreConfig.resolve` reads the connection from flags and the environment; `Neo4jStore`
implements the `Store` interface: ``ensure_schema``, ``load_events``, ``load_accounts``,
``stream_events``, ``stream_accounts``, ``write_run``, ``delete_run`` and ``run_query``.
Named queries live in ``queries/*.cypher`` (shipped as ``graphmon/queries``).
"""

from graphmon.store.config import StoreConfig
from graphmon.store.interface import Store
from graphmon.store.named import NamedQuery, QueryParam, load_queries, parse_query
from graphmon.store.neo4j import (
           EventFilter,
           LoadCounts,
           Neo4jStore,
           QueryResult,
           RunCounts,
)

__all__ = ["EventFilter", "LoadCounts", "NamedQuery", "Neo4jStore", "QueryParam", "QueryResult", "RunCounts",
           "Store", "StoreConfig", "load_queries", "parse_query"]
