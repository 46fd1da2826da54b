"""Where the Neo4j store is: the one place that reads the environment.

Precedence: a value given by the caller (a command-line flag), then the environment variable,
then the default (the local server that ``scripts/neo4j-local start`` runs).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from graphmon.errors import ConfigError

ENV_URI = "GRAPHMON_NEO4J_URI"
ENV_USER = "GRAPHMON_NEO4J_USER"
ENV_PASSWORD = "GRAPHMON_NEO4J_PASSWORD"
ENV_DATABASE = "GRAPHMON_NEO4J_DATABASE"
DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_BATCH_SIZE = 10_000
"""Rows per transaction of `graphmon ingest` (``--batch-size``)."""
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True)
class StoreConfig:
    """How to reach Neo4j. ``password`` None means no authentication (a local server started
    without ``--password-env``). The password never appears in ``repr`` or in messages.

    >>> StoreConfig.resolve(password="s3cret-pass", environ={})
    StoreConfig(uri='bolt://127.0.0.1:7687', user='neo4j', database='neo4j')
    >>> StoreConfig.resolve(environ={"GRAPHMON_NEO4J_URI": "neo4j://db:7687"}).uri
    'neo4j://db:7687'
    >>> StoreConfig.resolve(uri="bolt://other:7687", environ={"GRAPHMON_NEO4J_URI": "neo4j://db:7687"}).uri
    'bolt://other:7687'
    """

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str | None = field(default=None, repr=False)
    database: str = DEFAULT_DATABASE

    def __post_init__(self) -> None:
        scheme, sep, rest = self.uri.partition("://")
        if not sep or scheme not in SCHEMES or not rest:
            raise ConfigError(f"{self.uri!r} is not a Neo4j URI: use bolt://HOST:7687 (one server) or "
                              f"neo4j://HOST:7687 (neo4j+s:// for Aura) in --neo4j-uri or {ENV_URI}")
        if not self.database:
            raise ConfigError(f"the database name is empty: set --neo4j-database or {ENV_DATABASE}, e.g. neo4j")

    @classmethod
    def resolve(cls, *, uri: str | None = None, user: str | None = None, password: str | None = None,
                database: str | None = None, environ: Mapping[str, str] | None = None) -> StoreConfig:
        """The configuration from explicit values (flags), else the environment, else defaults."""
        env = os.environ if environ is None else environ

        def pick(value: str | None, name: str) -> str | None:
            return value if value not in (None, "") else (env.get(name) or None)

        return cls(uri=pick(uri, ENV_URI) or DEFAULT_URI, user=pick(user, ENV_USER) or DEFAULT_USER,
                   password=pick(password, ENV_PASSWORD), database=pick(database, ENV_DATABASE) or DEFAULT_DATABASE)

    @property
    def auth(self) -> tuple[str, str] | None:
        """The driver's ``auth`` argument."""
        return None if self.password is None else (self.user, self.password)
