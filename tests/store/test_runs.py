"""Runs written back to Neo4j and read with every named query, on a small hand-made fixture
whose answers are worked out by hand (tests/data/store/events.csv: x1, x2, x3 push four objects
within seconds; y1, y2 retweet the same three posts; s0 shared url 1 first; o1-o4 share hours apart).

Run A and run C: the coortweet method (edge_weight 0) finds the cluster {x1, x2, x3};
run B: the default method (fdr 0.5) finds {y1, y2} (p 0.002; the x edges have p 0.19).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import polars as pl
import pytest
from neo4j import Driver

from graphmon import Analysis, Params, analyze
from graphmon.errors import QueryError
from graphmon.ingest import read_accounts, read_events
from graphmon.store import Neo4jStore
from tests.store.conftest import DATA
from tests.store.graph import counts, snapshot

pytestmark = pytest.mark.neo4j
T0 = 1_700_000_000
URL = "https://a.example/"
WHEN = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
HOSTILE = "x' }) DETACH DELETE n //"


@pytest.fixture(scope="module")
def fixture_tables() -> tuple[pl.DataFrame, pl.DataFrame]:
    return read_events([DATA / "events.csv"]).events, read_accounts(DATA / "accounts.csv")


@pytest.fixture(scope="module")
def analyses(fixture_tables: tuple[pl.DataFrame, pl.DataFrame]) -> dict[str, Analysis]:
    events, accounts = fixture_tables
    x_run = analyze(events, accounts=accounts, params=Params(method="coortweet", edge_weight=0.0))
    y_run = analyze(events, accounts=accounts, params=Params(fdr=0.5))
    assert [c["accounts"] for c in x_run.clusters] == [["x1", "x2", "x3"]]
    assert [c["accounts"] for c in y_run.clusters] == [["y1", "y2"]]
    return {"A": x_run, "B": y_run, "C": x_run}


@pytest.fixture
def store(empty_store: Neo4jStore, fixture_tables: tuple[pl.DataFrame, pl.DataFrame],
          analyses: dict[str, Analysis]) -> Neo4jStore:
    events, accounts = fixture_tables
    empty_store.load_events(events)
    empty_store.load_accounts(accounts)
    for run_id, analysis in analyses.items():
        empty_store.write_run(analysis, run_id, created_at=WHEN, source="events.csv")
    return empty_store


def rows(store: Neo4jStore, name: str, **params: Any) -> list[dict[str, Any]]:
    return store.run_query(name, params).rows


def test_runs(store: Neo4jStore) -> None:
    found = rows(store, "runs")
    assert [(r["run_id"], r["status"], r["method"], r["clusters"], r["edges"], r["events"]) for r in found] == [
        ("A", "complete", "coortweet", 1, 3, 35), ("B", "complete", "default", 1, 1, 35),
        ("C", "complete", "coortweet", 1, 3, 35)]


def test_clusters_ranked(store: Neo4jStore, analyses: dict[str, Analysis]) -> None:
    found = rows(store, "clusters", run_id="A")
    record = analyses["A"].clusters[0]
    assert len(found) == 1
    assert found[0] | {"reason": None} == {
        "rank": 0, "cluster_id": 0, "size": 3, "coordination_score": record["coordination_score"],
        "anonymity_score": record["anonymity_score"], "rank_score": record["rank_score"], "kind": record["kind"],
        "edges": 3, "total_weight": 12.0, "first_share": "2023-11-14T22:13:30Z", "last_share": "2023-11-14T23:03:28Z",
        "reason": None}
    assert rows(store, "clusters", run_id="B")[0]["size"] == 2
    assert rows(store, "clusters", run_id="A", min_size=4) == []
    assert rows(store, "clusters", run_id="nope") == []


def test_cluster_members_with_profile_and_anonymity(store: Neo4jStore, analyses: dict[str, Analysis]) -> None:
    found = rows(store, "cluster_members", run_id="A", cluster_id=0)
    scores = dict(analyses["A"].accounts.select("account_id", "anonymity_score").iter_rows())
    assert [r["account_id"] for r in found] == ["x1", "x2", "x3"]
    for r in found:
        assert r["screen_name"] == f"user{r['account_id'][1]}84736251"
        assert r["created_at"] == "2023-11-01T00:00:00Z"
        assert (r["followers_count"], r["default_profile_image"], r["verified"]) == (2, True, False)
        assert r["anonymity_score"] == scores[r["account_id"]] and r["anonymity_score"] > 0.6
        assert "default_avatar" in r["anonymity_factors"]
        assert (r["degree"], r["strength"]) == (2, 8)
    assert [r["account_id"] for r in rows(store, "cluster_members", run_id="B", cluster_id=0)] == ["y1", "y2"]


def test_cluster_objects_sources_and_follow_speed(store: Neo4jStore, analyses: dict[str, Analysis]) -> None:
    found = rows(store, "cluster_objects", run_id="A", cluster_id=0)
    got = [(r["object_type"], r["object_id"], r["members"], r["member_shares"], r["likely_source"],
            r["source_in_cluster"], r["min_delay_s"], r["median_delay_s"], r["max_delay_s"]) for r in found]
    assert got == [
        ("hashtag", "h1", 3, 3, "x2", True, 3.0, 16.5, 30.0),
        ("url", URL + "1", 3, 3, "s0", False, 10.0, 15.0, 20.0),
        ("url", URL + "2", 3, 3, "x1", True, 5.0, 8.5, 12.0),
        ("url", URL + "3", 3, 3, "x3", True, 4.0, 6.0, 8.0),
    ]
    assert found[1]["first_shared"] == datetime.fromtimestamp(T0, tz=timezone.utc).isoformat().replace("+00:00", "Z")
    # the file report's top objects say the same
    origin = ("members", "likely_source", "source_in_cluster", "first_shared", "min_delay_s", "median_delay_s",
              "max_delay_s")
    reported = {(o["object_type"], o["object_id"]): o for o in analyses["A"].clusters[0]["top_objects"]}
    assert set(reported) == {(r["object_type"], r["object_id"]) for r in found}
    for r in found:
        assert tuple(reported[r["object_type"], r["object_id"]][k] for k in origin) == tuple(r[k] for k in origin)
    y_objects = rows(store, "cluster_objects", run_id="B", cluster_id=0)
    assert [(r["object_id"], r["likely_source"], r["max_delay_s"]) for r in y_objects] == [
        ("r1", "y1", 30.0), ("r2", "y2", 2.0), ("r3", "y1", 1.0)]


def test_edge_evidence_equals_the_analysis_evidence(store: Neo4jStore, analyses: dict[str, Analysis]) -> None:
    found = rows(store, "edge_evidence", run_id="A", account_a="x1", account_b="x2")
    assert [(r["object_id"], r["timestamp_a"] - T0, r["timestamp_b"] - T0, r["delta_s"]) for r in found] == [
        (URL + "1", 10.0, 15.0, 5.0), (URL + "2", 1000.0, 1005.0, 5.0), ("h1", 2003.0, 2000.0, -3.0),
        (URL + "3", 3004.0, 3008.0, 4.0)]
    evidence = analyses["A"].evidence.filter((pl.col("account_a") == "x1") & (pl.col("account_b") == "x2"))
    assert sorted(evidence.select("object_id", "timestamp_a", "timestamp_b").iter_rows()) == sorted(
        (r["object_id"], r["timestamp_a"], r["timestamp_b"]) for r in found)
    reversed_order = rows(store, "edge_evidence", run_id="A", account_a="x2", account_b="x1")
    assert len(reversed_order) == 4
    assert rows(store, "edge_evidence", run_id="B", account_a="x1", account_b="x2") == []


def test_account_neighbourhood(store: Neo4jStore) -> None:
    found = rows(store, "account_neighbourhood", account_id="x1", run_id="A")
    assert [(r["neighbour"], r["weight"], r["co_shares"], r["neighbour_cluster"], r["same_cluster"])
            for r in found] == [("x2", 4, 4, 0, True), ("x3", 4, 4, 0, True)]
    every_run = rows(store, "account_neighbourhood", account_id="x1")
    assert sorted((r["run_id"], r["neighbour"]) for r in every_run) == [
        ("A", "x2"), ("A", "x3"), ("C", "x2"), ("C", "x3")]
    assert [r["neighbour"] for r in rows(store, "account_neighbourhood", account_id="y2")] == ["y1"]


def test_queries_over_every_run_leave_out_runs_still_being_written(store: Neo4jStore, driver: Driver) -> None:
    driver.execute_query("MATCH (r:Run {run_id: 'C'}) SET r.status = 'writing'", database_=store.config.database)
    assert sorted((r["run_id"], r["neighbour"]) for r in rows(store, "account_neighbourhood", account_id="x1")) == [
        ("A", "x2"), ("A", "x3")]
    assert [r["run_id"] for r in rows(store, "anonymous_clusters", min_size=3, min_anonymity=0.6)] == ["A"]
    assert rows(store, "recurring_accounts", min_runs=2) == []


def test_recurring_accounts(store: Neo4jStore) -> None:
    found = rows(store, "recurring_accounts", min_runs=2)
    assert [(r["account_id"], r["runs"], r["clusters"]) for r in found] == [
        ("x1", 2, ["A:0", "C:0"]), ("x2", 2, ["A:0", "C:0"]), ("x3", 2, ["A:0", "C:0"])]
    assert len(rows(store, "recurring_accounts", min_runs=1)) == 5
    assert rows(store, "recurring_accounts", min_runs=3) == []


def test_anonymous_clusters(store: Neo4jStore) -> None:
    found = rows(store, "anonymous_clusters", min_size=3, min_anonymity=0.6)
    assert [(r["run_id"], r["cluster_id"], r["size"]) for r in found] == [("A", 0, 3), ("C", 0, 3)]
    assert rows(store, "anonymous_clusters", min_size=2, min_anonymity=0.0, run_id="B")[0]["size"] == 2
    assert rows(store, "anonymous_clusters", min_size=4, min_anonymity=0.0) == []
    assert found[0]["profiled_accounts"] == 3


def test_anonymous_clusters_need_half_of_the_members_profiled(store: Neo4jStore,
                                                             fixture_tables: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    events, accounts = fixture_tables
    one_profile = analyze(events, accounts=accounts.filter(pl.col("account_id") == "x1"),
                          params=Params(method="coortweet", edge_weight=0.0))
    assert (one_profile.clusters[0]["anonymity_score"] > 0.6, one_profile.clusters[0]["profiled_accounts"]) == (True, 1)
    store.write_run(one_profile, "D", created_at=WHEN, source="events.csv")
    assert rows(store, "anonymous_clusters", min_size=3, min_anonymity=0.6, run_id="D") == []
    assert [r["run_id"] for r in rows(store, "anonymous_clusters", min_size=3, min_anonymity=0.6)] == ["A", "C"]


def test_writing_a_run_again_replaces_it_and_runs_never_mix(store: Neo4jStore, driver: Driver,
                                                           analyses: dict[str, Analysis]) -> None:
    database = store.config.database
    before = snapshot(driver, database)
    store.write_run(analyses["C"], "C", created_at=WHEN, source="events.csv")  # the last run written, again
    assert snapshot(driver, database) == before
    store.write_run(analyses["B"], "A", created_at=WHEN, source="events.csv")
    assert [r["size"] for r in rows(store, "clusters", run_id="A")] == [2]
    assert [r["account_id"] for r in rows(store, "cluster_members", run_id="C", cluster_id=0)] == ["x1", "x2", "x3"]
    assert counts(driver, database)["COORDINATED_WITH"] == 1 + 1 + 3
    store.delete_run("A")
    assert [r["run_id"] for r in rows(store, "runs")] == ["B", "C"]


def test_accounts_gain_anonymity(store: Neo4jStore, driver: Driver) -> None:
    scored = {r["id"]: r["score"] for r in driver.execute_query(
        "MATCH (a:Account) RETURN a.account_id AS id, a.anonymity_score AS score").records}
    assert scored["x1"] > 0.6 and scored["y1"] < 0.3 and set(scored) == {
        "x1", "x2", "x3", "y1", "y2", "s0", "o1", "o2", "o3", "o4"}


def test_hostile_parameters_change_nothing(store: Neo4jStore, driver: Driver) -> None:
    database = store.config.database
    before = snapshot(driver, database)
    for query in store.queries.values():
        params: dict[str, Any] = {p.name: HOSTILE for p in query.params if p.type == "string"}
        params |= {p.name: 1 for p in query.params if p.type == "int"}
        params |= {p.name: 0.5 for p in query.params if p.type == "float"}
        found = store.run_query(query.name, params).rows
        if any(p.type == "string" for p in query.params):
            assert found == [], query.name  # the text matched nothing, and ran as nothing
    assert snapshot(driver, database) == before


def test_parameters_are_checked_against_the_header(store: Neo4jStore) -> None:
    with pytest.raises(QueryError, match="unknown parameter colour; it takes run_id string, min_size int = 2"):
        store.run_query("clusters", {"run_id": "A", "colour": "red"})
    with pytest.raises(QueryError, match=r"missing parameter run_id \(string\); add --param run_id=VALUE"):
        store.run_query("clusters", {})
    with pytest.raises(QueryError, match="parameter cluster_id must be an int, got 'zero'"):
        store.run_query("cluster_members", {"run_id": "A", "cluster_id": "zero"})
    with pytest.raises(QueryError, match="no query named 'clusterz'; known queries: account_neighbourhood"):
        store.run_query("clusterz", {})
    assert store.run_query("cluster_members", {"run_id": "A", "cluster_id": "0"}).rows
