"""A run written to Neo4j, read back as view tables and explored with ``graphmon explore --neo4j``:
the same clusters, members, edges and evidence as the report folder of the same analysis."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from click.testing import CliRunner
from playwright.sync_api import expect

from graphmon import __version__
from graphmon.analysis import analyze
from graphmon.cli import main
from graphmon.report import Report, build_report, write_report
from graphmon.store import Neo4jStore
from graphmon.viz.data import ReportData, from_report
from graphmon.viz.stored import from_stored_run
from tests.store.conftest import Server
from tests.viz.conftest import ROOT
from tests.viz.reports import sample_events, sample_profiles
from tests.viz.test_explorer import _free_port, _wait_for_port

pytestmark = pytest.mark.neo4j
RUN = "explore-run"
WHEN = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
VIEW_ACCOUNT_COLUMNS = ("account_id", "cluster_id", "shares", "strength", "degree", "anonymity_score",
                        "anonymity_factors", "screen_name", "display_name", "created_at", "first_share", "last_share")


@pytest.fixture(scope="module")
def stored(neo4j_server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Server]]:
    """The sample events analysed to a report folder, and loaded with the run into the store."""
    from tests.store.conftest import wipe  # the module's own emptying, without the per-test fixture
    from neo4j import GraphDatabase

    events, _ = sample_events()
    profiles = sample_profiles(events)
    result = analyze(events, accounts=profiles)
    assert len(result.clusters) == 3
    out = tmp_path_factory.mktemp("stored-run") / "report"
    write_report(result, build_report(result, generated_at=WHEN, version=__version__), out)
    config = neo4j_server.config
    with GraphDatabase.driver(config.uri, auth=config.auth) as driver:
        wipe(driver, config.database)
    with Neo4jStore.connect(config) as store:
        store.ensure_schema()
        store.load_events(events)
        store.load_accounts(profiles)
        store.write_run(result, RUN, created_at=WHEN, source="sample")
    yield out, neo4j_server


def _read(server: Server) -> ReportData:
    with Neo4jStore.connect(server.config) as store:
        return from_stored_run(store.read_run(RUN))


def _sorted(frame: pl.DataFrame, columns: tuple[str, ...]) -> pl.DataFrame:
    return frame.select(columns).sort(columns[:2])


def test_stored_run_gives_the_views_of_the_report_folder(stored: tuple[Path, Server]) -> None:
    out, server = stored
    from_store, from_folder = _read(server), from_report(Report.load(out))

    assert [c["cluster_id"] for c in from_store.clusters] == [c["cluster_id"] for c in from_folder.clusters]
    for mine, theirs in zip(from_store.clusters, from_folder.clusters):
        assert {k: mine.get(k) for k in theirs} == theirs
    clustered = from_folder.accounts.filter(pl.col("cluster_id").is_not_null())
    assert _sorted(from_store.accounts, VIEW_ACCOUNT_COLUMNS).equals(_sorted(clustered, VIEW_ACCOUNT_COLUMNS))
    edge_columns = ("account_a", "account_b", "weight", "co_shares", "median_delta_s", "object_types")
    assert _sorted(from_store.edges, edge_columns).equals(_sorted(from_folder.edges, edge_columns))
    evidence_columns = tuple(from_folder.evidence.columns)
    assert from_store.evidence.height > 0
    assert from_store.evidence.select(evidence_columns).sort(evidence_columns).equals(
        from_folder.evidence.sort(evidence_columns))


def test_unknown_run_is_one_line(stored: tuple[Path, Server]) -> None:
    _, server = stored
    result = CliRunner().invoke(main, ["explore", "--neo4j", "--run-id", "no-such-run"], env=server.env)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"graphmon: error: no run 'no-such-run' in Neo4j at {server.config.uri}; `graphmon query runs` lists the "
        "stored runs"]


@pytest.mark.parametrize("args", [["--neo4j"], ["--run-id", "x"], []])
def test_explore_needs_one_source(args: list[str]) -> None:
    result = CliRunner().invoke(main, ["explore", *args])
    assert result.exit_code == 2 and result.output.startswith("graphmon: error: ")


@pytest.mark.browser
def test_explorer_serves_a_stored_run(stored: tuple[Path, Server], open_page: Any) -> None:
    out, server = stored
    port = _free_port()
    command = [sys.executable, "-c", "from graphmon.cli import main; main()", "explore", "--neo4j", "--run-id", RUN,
               "--port", str(port)]
    env = {**os.environ, **server.env, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_port(port, process)
        url = f"http://127.0.0.1:{port}/"
        page, _ = open_page(allow=(url,))
        page.goto(url)
        expect(page.locator("#filter-note")).to_have_text("3 of 3 clusters match.", timeout=30_000)
        expect(page.locator("h2")).to_contain_text(f"run {RUN}")
        page.locator("#cluster-table td[data-dash-column=cluster_id]").filter(has_text="0").first.click()
        members = Report.load(out).members(0)
        expect(page.locator("#members-table td[data-dash-column=account_id]")).to_have_count(min(10, members.height))
        page.wait_for_function("(() => { const g = document.querySelector('#network .js-plotly-plot');"
                               " return g && g.data && g.data.some((d) => d.meta === 'accounts'); })()")
    finally:
        process.terminate()
        process.wait(timeout=10)
