"""Driver failures -> graphmon errors, naming the URI and the likely fix (never a secret)."""

from __future__ import annotations

from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graphmon.errors import GraphmonError, QueryError, StoreError
from graphmon.store.config import (
    ENV_DATABASE,
    ENV_PASSWORD,
    ENV_URI,
    ENV_USER,
    StoreConfig,
)

START_HINT = f"start the server (scripts/neo4j-local start) or point --neo4j-uri / {ENV_URI} at a running one"
RERUN_HINT = "run the same command again: what was written stays and nothing is written twice"


def translate(exc: BaseException, config: StoreConfig, action: str, *, query_path: str | None = None,
              resumable: bool = False) -> GraphmonError:
    """The graphmon error for a failure of the driver or the server while doing ``action``."""
    uri = config.uri
    if isinstance(exc, AuthError) or _code(exc).startswith("Neo.ClientError.Security.Unauthorized"):
        return StoreError(f"Neo4j at {uri} rejected user {config.user!r} while {action}: wrong or missing password; "
                          f"set {ENV_PASSWORD} (or --neo4j-password) and {ENV_USER} (or --neo4j-user)")
    code = _code(exc)
    if code == "Neo.ClientError.Security.AuthenticationRateLimit":
        return StoreError(f"Neo4j at {uri} refuses logins for a while after failed ones; wait a few seconds, "
                          f"then retry with the right {ENV_PASSWORD}")
    if code in ("Neo.ClientError.Database.DatabaseNotFound", "Neo.ClientError.Statement.UnknownDatabase"):
        return StoreError(f"Neo4j at {uri} has no database {config.database!r}; set --neo4j-database or "
                          f"{ENV_DATABASE} to an existing one (SHOW DATABASES lists them; Community Edition "
                          "has only 'neo4j')")
    if code == "Neo.TransientError.General.DatabaseUnavailable":
        hint = f"; once it is, {RERUN_HINT}" if resumable else ""
        return StoreError(f"Neo4j at {uri} runs, but its database {config.database!r} is not available while {action}; "
                          f"the server's debug.log says why (local server: DATA/logs/debug.log){hint}")
    if isinstance(exc, (ServiceUnavailable, SessionExpired, OSError)) or code.startswith("Neo.TransientError.General"):
        if resumable:
            return StoreError(f"lost the connection to Neo4j at {uri} while {action} ({_first_line(exc)}); "
                              f"{RERUN_HINT} (if the server is down, {START_HINT})")
        return StoreError(f"cannot reach Neo4j at {uri} while {action} ({_first_line(exc)}); {START_HINT}")
    if query_path is not None and isinstance(exc, Neo4jError):
        if code.startswith("Neo.ClientError.Statement.SyntaxError"):
            return QueryError(f"{query_path}: Cypher syntax error: {_first_line(exc)}; fix the query file "
                              f"(Neo4j at {uri})")
        if code == "Neo.ClientError.Statement.AccessMode":
            return QueryError(f"{query_path}: named queries are read-only, but this one writes; make it a read "
                              f"query (Neo4j at {uri})")
        return QueryError(f"{query_path}: Neo4j at {uri} failed: {code}: {_first_line(exc)}")
    if isinstance(exc, ConfigurationError):
        return StoreError(f"cannot use {uri}: {_first_line(exc)}; check --neo4j-uri / {ENV_URI}")
    if code.startswith("Neo.ClientError.Schema.") and "AlreadyExists" in code:
        return StoreError(f"Neo4j at {uri} refused graphmon's constraints while {action}: {_first_line(exc)}; "
                          "an index or constraint of the database's own is in their way (SHOW INDEXES and "
                          "SHOW CONSTRAINTS list them): drop it (DROP INDEX name / DROP CONSTRAINT name) and rerun")
    if code.startswith(("Neo.ClientError.Schema.", "Neo.DatabaseError.Schema.ConstraintCreationFailed")):
        return StoreError(f"Neo4j at {uri} refused graphmon's constraints while {action}: {_first_line(exc)}; "
                          "the database holds data that breaks them (duplicate keys): use an empty database")
    if isinstance(exc, Neo4jError):
        hint = f"; {RERUN_HINT}" if resumable else ""
        return StoreError(f"Neo4j at {uri} failed while {action}: {code}: {_first_line(exc)}{hint}")
    if isinstance(exc, DriverError):
        return StoreError(f"the Neo4j driver failed on {uri} while {action}: {_first_line(exc)}")
    return StoreError(f"Neo4j at {uri} failed while {action}: {_first_line(exc)}")


def _code(exc: BaseException) -> str:
    return str(getattr(exc, "code", None) or "")


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(getattr(exc, "message", None) or exc).split()) or type(exc).__name__
    return text if len(text) <= 240 else text[:237] + "..."
