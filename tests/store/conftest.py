"""A real Neo4j for the store tests, one per session.

By default the session starts the repository's local server (``scripts/neo4j-local start``, which
builds it on first use) on a free port, in a temporary data folder, with authentication on, and
stops it at the end. When ``GRAPHMON_NEO4J_URI`` is set, that server is used instead (with
``GRAPHMON_NEO4J_USER/PASSWORD/DATABASE``); the tests delete everything in its database, so it
must be empty at the start (or ``GRAPHMON_NEO4J_TESTS_MAY_WIPE=1`` must say it may be wiped).
A server that cannot start fails the tests; they are never skipped. The server log is shown when
a test failed.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from graphmon.store import Neo4jStore, StoreConfig

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "scripts" / "neo4j-local"
DATA = ROOT / "tests" / "data" / "store"
PASSWORD_ENV = "GRAPHMON_TEST_NEO4J_PASSWORD"


@dataclass(frozen=True)
class Server:
    """The Neo4j the tests use: its connection, and its data folder when the session started it."""

    config: StoreConfig
    data_dir: Path | None
    port: int | None

    @property
    def env(self) -> dict[str, str]:
        """Environment for CLI runs against this server."""
        env = {"GRAPHMON_NEO4J_URI": self.config.uri, "GRAPHMON_NEO4J_USER": self.config.user,
               "GRAPHMON_NEO4J_DATABASE": self.config.database}
        if self.config.password is not None:
            env["GRAPHMON_NEO4J_PASSWORD"] = self.config.password
        return env

    def log_tail(self, lines: int = 60) -> str:
        """The end of the server log (local server only)."""
        if self.data_dir is None:
            return "(external server: see its own log)"
        log = self.data_dir / "neo4j.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"


def launcher(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run ``scripts/neo4j-local ARGS`` and return its result."""
    return subprocess.run([str(LAUNCHER), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, check=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_local(data_dir: Path, port: int, password: str) -> str:
    """Start the local server; fail the session (never skip) with its log when it cannot."""
    started = launcher("start", "--data", str(data_dir), "--port", str(port), "--password-env", PASSWORD_ENV,
                       env={PASSWORD_ENV: password})
    if started.returncode != 0:
        log = data_dir / "neo4j.log"
        pytest.fail(f"the local Neo4j did not start (scripts/neo4j-local start exit {started.returncode}):\n"
                    f"{started.stderr}\n--- {log} ---\n{log.read_text(errors='replace') if log.exists() else ''}",
                    pytrace=False)
    return started.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Server]:
    external = os.environ.get("GRAPHMON_NEO4J_URI")
    if external:
        server = Server(StoreConfig.resolve(), data_dir=None, port=None)
        _check_may_wipe(server.config)
        yield server
        return
    data_dir = tmp_path_factory.mktemp("neo4j")
    port = free_port()
    password = secrets.token_urlsafe(12)
    uri = start_local(data_dir, port, password)
    server = Server(StoreConfig(uri=uri, user="neo4j", password=password, database="neo4j"), data_dir, port)
    try:
        yield server
    finally:
        if request.session.testsfailed:
            reporter = request.config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None:
                reporter.write_line(f"\n--- Neo4j server log ({data_dir / 'neo4j.log'}), last lines ---")
                reporter.write_line(server.log_tail())
        launcher("stop", "--data", str(data_dir))


def _check_may_wipe(config: StoreConfig) -> None:
    with GraphDatabase.driver(config.uri, auth=config.auth) as driver:
        nodes = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=config.database).records[0]["n"]
    if nodes and os.environ.get("GRAPHMON_NEO4J_TESTS_MAY_WIPE") != "1":
        pytest.fail(f"{config.uri} database {config.database!r} holds {nodes} nodes and the store tests delete "
                    "everything: use an empty database, or set GRAPHMON_NEO4J_TESTS_MAY_WIPE=1", pytrace=False)


@pytest.fixture(scope="session")
def driver(neo4j_server: Server) -> Iterator[Driver]:
    """A plain driver, for the tests' own checks of the graph."""
    with GraphDatabase.driver(neo4j_server.config.uri, auth=neo4j_server.config.auth,
                              notifications_min_severity="OFF") as plain:
        yield plain


def wipe(driver: Driver, database: str) -> None:
    """Delete every node, relationship and graphmon constraint."""
    while driver.execute_query("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS deleted",
                               database_=database).records[0]["deleted"]:
        pass


@pytest.fixture
def empty_store(neo4j_server: Server, driver: Driver) -> Iterator[Neo4jStore]:
    """A connected store over an emptied database, with the schema in place."""
    wipe(driver, neo4j_server.config.database)
    with Neo4jStore.connect(neo4j_server.config, batch_size=2_000) as store:
        store.ensure_schema()
        yield store
