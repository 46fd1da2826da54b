"""A run written to Neo4j, read back as view tables and explored with ``graphmon explore --neo4j``:
the same clusters, members, edges and evidence as the report folder of the same analysis."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from click.testing import CliRunner
from neo4j import Driver, GraphDatabase
from playwright.sync_api import expect

from graphmon import __version__
from graphmon.analysis import analyze
from graphmon.cli import main
from graphmon.errors import ConfigError
from graphmon.params import Params
from graphmon.report import Report, build_report, write_report
from graphmon.store import EventFilter, Neo4jStore
from graphmon.viz.data import ReportData, from_report
from graphmon.viz.stored import from_stored_run
from tests.store.conftest import Server, wipe
from tests.viz.conftest import ROOT
from tests.viz.reports import sample_events, sample_profiles
from tests.viz.test_explorer import _free_port, _wait_for_port

pytestmark = pytest.mark.neo4j
RUN = "explore-run"
WHEN = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
VIEW_ACCOUNT_COLUMNS = ("account_id", "cluster_id", "shares", "strength", "degree", "anonymity_score",
                        "anonymity_factors", "screen_name", "display_name", "created_at", "first_share", "last_share")


@dataclass(frozen=True)
class StoredRuns:
    """Runs written to the store beside the report folder of the same analysis."""

    server: Server
    folders: dict[str, Path]


RUNS = {
    # run id: (method, only url events, with profiles); "no-profiles" is written first, so later
    # runs set the accounts' latest anonymity, which must not show through in it.
    "no-profiles": ("default", False, False),
    RUN: ("default", False, True),
    "coortweet-run": ("coortweet", False, True),
    "url-run": ("default", True, True),
}


@pytest.fixture(scope="module")
def stored(neo4j_server: Server, tmp_path_factory: pytest.TempPathFactory) -> StoredRuns:
    """The sample events analysed in four ways, each to a report folder and as a run in the store."""
    events, _ = sample_events()
    profiles = sample_profiles(events)
    config = neo4j_server.config
    with GraphDatabase.driver(config.uri, auth=config.auth) as driver:
        wipe(driver, config.database)
    folders = {}
    with Neo4jStore.connect(config) as store:
        store.ensure_schema()
        store.load_events(events)
        store.load_accounts(profiles)
        for run_id, (method, urls_only, with_profiles) in RUNS.items():
            chosen = events.filter(pl.col("object_type") == "url") if urls_only else events
            result = analyze(chosen, accounts=profiles if with_profiles else None, params=Params(method=method))
            assert result.clusters
            folders[run_id] = tmp_path_factory.mktemp(run_id) / "report"
            write_report(result, build_report(result, generated_at=WHEN, version=__version__), folders[run_id])
            store.write_run(result, run_id, created_at=WHEN, source="sample",
                            filters=EventFilter(object_types=("url",)) if urls_only else None)
    return StoredRuns(server=neo4j_server, folders=folders)


def _read(server: Server, run_id: str = RUN) -> ReportData:
    with Neo4jStore.connect(server.config) as store:
        return from_stored_run(store.read_run(run_id))


def _sorted(frame: pl.DataFrame, columns: tuple[str, ...]) -> pl.DataFrame:
    return frame.select(columns).sort(columns[:2])


def _internal(data: ReportData) -> pl.DataFrame:
    """The evidence between members of the same cluster (what the views draw)."""
    members = data.accounts.filter(pl.col("cluster_id").is_not_null()).select("account_id", "cluster_id")
    inside = (data.evidence.join(members.rename({"account_id": "account_a"}), on="account_a")
              .join(members.rename({"account_id": "account_b", "cluster_id": "cluster_b"}), on="account_b")
              .filter(pl.col("cluster_id") == pl.col("cluster_b")))
    columns = ("account_a", "account_b", "object_type", "object_id", "content_id_a", "content_id_b", "timestamp_a",
               "timestamp_b", "delta_s")
    return inside.select(columns).sort(columns)


@pytest.mark.parametrize("run_id", list(RUNS))
def test_stored_run_gives_the_views_of_the_report_folder(stored: StoredRuns, run_id: str) -> None:
    from_store, from_folder = _read(stored.server, run_id), from_report(Report.load(stored.folders[run_id]))

    assert [c["cluster_id"] for c in from_store.clusters] == [c["cluster_id"] for c in from_folder.clusters]
    for mine, theirs in zip(from_store.clusters, from_folder.clusters):
        assert {k: mine.get(k) for k in theirs} == theirs
    clustered = from_folder.accounts.filter(pl.col("cluster_id").is_not_null())
    # The store keeps the profiles it was given even for a run made without them: names may show.
    columns = tuple(c for c in VIEW_ACCOUNT_COLUMNS
                    if run_id != "no-profiles" or c not in ("screen_name", "display_name", "created_at"))
    assert _sorted(from_store.accounts, columns).equals(_sorted(clustered, columns))
    edge_columns = ("account_a", "account_b", "weight", "co_shares", "median_delta_s", "object_types")
    assert _sorted(from_store.edges, edge_columns).equals(_sorted(from_folder.edges, edge_columns))
    assert _internal(from_store).height > 0
    assert _internal(from_store).equals(_internal(from_folder))
    if run_id == "no-profiles":
        assert from_store.accounts["anonymity_score"].null_count() == from_store.accounts.height
    if run_id == "url-run":
        assert set(from_store.evidence["object_type"]) == {"url"}


def test_incomplete_run_is_refused(stored: StoredRuns, driver: Driver) -> None:
    config = stored.server.config
    driver.execute_query("MATCH (r:Run {run_id: $run_id}) SET r.status = 'writing'", run_id="url-run",
                         database_=config.database)
    try:
        with Neo4jStore.connect(config) as store, pytest.raises(ConfigError, match="is incomplete"):
            store.read_run("url-run")
    finally:
        driver.execute_query("MATCH (r:Run {run_id: $run_id}) SET r.status = 'complete'", run_id="url-run",
                             database_=config.database)


def test_unknown_run_is_one_line(stored: StoredRuns) -> None:
    server = stored.server
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
def test_explorer_serves_a_stored_run(stored: StoredRuns, open_page: Any) -> None:
    out, server = stored.folders[RUN], stored.server
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
