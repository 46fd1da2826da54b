"""Resumable ingestion: a load cut short (connection lost, server killed) completes when run again,
and the graph then equals a clean load, nothing duplicated and nothing lost."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from neo4j import Driver

from graphmon.errors import StoreError
from graphmon.ingest import read_events
from graphmon.store import Neo4jStore, StoreConfig
from tests.store.conftest import PASSWORD_ENV, Server, launcher, wipe
from tests.store.graph import snapshot
from tests.store.proxy import CuttableProxy

pytestmark = pytest.mark.neo4j
BATCH = 1_000


@pytest.fixture(scope="module")
def events(russian_path: Path) -> pl.DataFrame:
    return read_events([russian_path]).events.head(12_000)


@pytest.fixture(scope="module")
def clean_graph(neo4j_server: Server, driver: Driver, events: pl.DataFrame) -> Any:
    """The graph of one uninterrupted load."""
    wipe(driver, neo4j_server.config.database)
    with Neo4jStore.connect(neo4j_server.config, batch_size=BATCH) as store:
        store.ensure_schema()
        store.load_events(events)
    return snapshot(driver, neo4j_server.config.database)


def interrupt_after(rows: int, action: Any) -> Any:
    """A progress callback that fires ``action`` from another thread, a moment after ``rows`` share
    rows were written (so it usually lands inside the next transaction)."""
    fired = threading.Event()

    def progress(phase: str, done: int, total: int) -> None:
        if phase == "shares" and done >= rows and not fired.is_set():
            fired.set()
            threading.Timer(0.05, action).start()

    return progress


def test_connection_lost_mid_load_then_rerun_equals_clean_load(neo4j_server: Server, driver: Driver,
                                                              events: pl.DataFrame, clean_graph: Any) -> None:
    database = neo4j_server.config.database
    wipe(driver, database)
    port = int(neo4j_server.config.uri.rsplit(":", 1)[1])
    proxy = CuttableProxy(port)
    via_proxy = StoreConfig(uri=f"bolt://127.0.0.1:{proxy.port}", user=neo4j_server.config.user,
                            password=neo4j_server.config.password, database=database)
    with Neo4jStore.connect(via_proxy, batch_size=BATCH, max_retry_time_s=1.0, connection_timeout_s=2.0) as store:
        store.ensure_schema()
        with pytest.raises(StoreError) as failure:
            store.load_events(events, progress=interrupt_after(4_000, proxy.cut))
    message = str(failure.value)
    assert via_proxy.uri in message and "run the same command again" in message and "\n" not in message
    assert neo4j_server.config.password is None or neo4j_server.config.password not in message
    partial = snapshot(driver, database)
    assert 0 < sum(partial[1].values()) < sum(clean_graph[1].values())
    with Neo4jStore.connect(neo4j_server.config, batch_size=BATCH) as store:
        store.load_events(events)
    assert snapshot(driver, database) == clean_graph


def test_server_killed_mid_load_then_rerun_equals_clean_load(neo4j_server: Server, driver: Driver,
                                                            events: pl.DataFrame, clean_graph: Any) -> None:
    if neo4j_server.data_dir is None:
        pytest.skip("kills the server: runs on the local server the session started, not on GRAPHMON_NEO4J_URI")
    database = neo4j_server.config.database
    wipe(driver, database)
    pid = int((neo4j_server.data_dir / "neo4j.pid").read_text().strip())
    with (Neo4jStore.connect(neo4j_server.config, batch_size=BATCH, max_retry_time_s=1.0,
                             connection_timeout_s=2.0) as store, pytest.raises(StoreError) as failure):
        store.load_events(events, progress=interrupt_after(4_000, lambda: os.kill(pid, signal.SIGKILL)))
    assert neo4j_server.config.uri in str(failure.value)
    _wait_until_gone(pid)
    restarted = launcher("start", "--data", str(neo4j_server.data_dir), "--port", str(neo4j_server.port),
                         "--password-env", PASSWORD_ENV, env={PASSWORD_ENV: neo4j_server.config.password or ""})
    assert restarted.returncode == 0, restarted.stderr + neo4j_server.log_tail()
    partial = snapshot(driver, database)
    assert sum(partial[1].values()) < sum(clean_graph[1].values())
    with Neo4jStore.connect(neo4j_server.config, batch_size=BATCH) as store:
        store.load_events(events)
    assert snapshot(driver, database) == clean_graph


def _wait_until_gone(pid: int, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    raise AssertionError(f"server pid {pid} still alive after SIGKILL")
