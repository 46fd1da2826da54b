"""Connection options shared by ``ingest``, ``query`` and ``analyze --from-neo4j/--to-neo4j``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from graphmon.store import StoreConfig
from graphmon.store.config import ENV_DATABASE, ENV_PASSWORD, ENV_URI, ENV_USER


def neo4j_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--neo4j-uri/--neo4j-user/--neo4j-password/--neo4j-database``; each falls back to its
    GRAPHMON_NEO4J_* environment variable, then to the local server's defaults."""
    decorators = [
        click.option("--neo4j-uri", metavar="URI", help=f"Neo4j to use [env {ENV_URI}; default bolt://127.0.0.1:7687]."),
        click.option("--neo4j-user", metavar="USER", help=f"Neo4j user [env {ENV_USER}; default neo4j]."),
        click.option("--neo4j-password", metavar="PASSWORD",
                     help=f"Neo4j password [env {ENV_PASSWORD}, which keeps it out of the process list; "
                          "default: no authentication]."),
        click.option("--neo4j-database", metavar="NAME", help=f"Neo4j database [env {ENV_DATABASE}; default neo4j]."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def store_config(neo4j_uri: str | None, neo4j_user: str | None, neo4j_password: str | None,
                 neo4j_database: str | None) -> StoreConfig:
    """The connection from the flags, then the environment (read in `StoreConfig.resolve` only)."""
    return StoreConfig.resolve(uri=neo4j_uri, user=neo4j_user, password=neo4j_password, database=neo4j_database)
