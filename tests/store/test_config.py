"""Connection settings: flags over environment over defaults; the password never shows."""

from __future__ import annotations

import pytest

from graphmon.errors import ConfigError
from graphmon.store import StoreConfig
from graphmon.store.failures import translate

ENV = {"GRAPHMON_NEO4J_URI": "neo4j://db.example:7687", "GRAPHMON_NEO4J_USER": "analyst",
       "GRAPHMON_NEO4J_PASSWORD": "from-env-secret", "GRAPHMON_NEO4J_DATABASE": "collections"}


def test_defaults_are_the_local_server() -> None:
    config = StoreConfig.resolve(environ={})
    assert (config.uri, config.user, config.password, config.database) == (
        "bolt://127.0.0.1:7687", "neo4j", None, "neo4j")
    assert config.auth is None


def test_environment_then_flags() -> None:
    from_env = StoreConfig.resolve(environ=ENV)
    assert (from_env.uri, from_env.user, from_env.database, from_env.auth) == (
        "neo4j://db.example:7687", "analyst", "collections", ("analyst", "from-env-secret"))
    flags = StoreConfig.resolve(uri="bolt://other:7688", user="me", password="flag-secret", database="neo4j",
                                environ=ENV)
    assert (flags.uri, flags.user, flags.database, flags.auth) == ("bolt://other:7688", "me", "neo4j",
                                                                   ("me", "flag-secret"))
    assert StoreConfig.resolve(uri="", environ=ENV).uri == "neo4j://db.example:7687"


def test_password_never_in_repr_or_errors() -> None:
    config = StoreConfig.resolve(environ=ENV)
    assert "from-env-secret" not in repr(config) and "from-env-secret" not in str(config)
    error = translate(OSError("connection refused"), config, "connecting")
    assert "from-env-secret" not in str(error) and config.uri in str(error)


@pytest.mark.parametrize("uri", ["localhost:7687", "http://localhost:7474", "bolt://", "neo4j"])
def test_bad_uri(uri: str) -> None:
    with pytest.raises(ConfigError, match="is not a Neo4j URI: use bolt://HOST:7687"):
        StoreConfig.resolve(uri=uri, environ={})
