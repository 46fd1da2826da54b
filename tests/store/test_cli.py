"""The Neo4j commands through the CLI runner: query --list / query NAME in every format, analyze
--from-neo4j/--to-neo4j (equal to the analysis of the same file), and one-line errors for a server
that is down, a wrong password, a wrong database and a query with a syntax error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner, Result
from neo4j import Driver

from graphmon.cli import main
from graphmon.store import Neo4jStore
from tests.store.conftest import DATA, Server, free_port, launcher
from tests.store.graph import snapshot
from tests.synthetic import synthetic_events

pytestmark = pytest.mark.neo4j
SHIPPED = {"runs", "clusters", "cluster_members", "cluster_objects", "edge_evidence", "account_neighbourhood",
           "recurring_accounts", "anonymous_clusters"}
FIXTURE_RUN = ["--method", "coortweet", "--edge-weight", "0"]


def run(args: list[str], server: Server, **env: str) -> Result:
    return CliRunner().invoke(main, args, env={**server.env, **env})


def one_line_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("graphmon: error: "), result.output
    return lines[0]


@pytest.fixture
def fixture_run(neo4j_server: Server, empty_store: Neo4jStore, tmp_path: Path) -> Path:
    """The fixture ingested and analysed from Neo4j, written back as run A."""
    ingested = run(["ingest", str(DATA / "events.csv"), "--accounts", str(DATA / "accounts.csv")], neo4j_server)
    assert ingested.exit_code == 0, ingested.output
    out = tmp_path / "report-a"
    analysed = run(["analyze", "--from-neo4j", "--to-neo4j", "--run-id", "A", "--out", str(out), *FIXTURE_RUN],
                   neo4j_server)
    assert analysed.exit_code == 0, analysed.output
    assert "run A written to" in analysed.output and "1 cluster, 3 memberships, 3 coordination edges" in analysed.output
    return out


def test_query_list_needs_no_server(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["query", "--list", "--format", "json"],
                                env={"GRAPHMON_NEO4J_URI": f"bolt://127.0.0.1:{free_port()}"})
    assert result.exit_code == 0, result.output
    listed = {q["name"]: q for q in json.loads(result.output)}
    assert set(listed) == SHIPPED
    assert listed["clusters"]["parameters"] == ["run_id string", "min_size int = 2", "limit int = 100"]
    table = CliRunner().invoke(main, ["query", "--list"])
    assert table.exit_code == 0 and "cluster_objects" in table.output


def test_query_formats(neo4j_server: Server, fixture_run: Path) -> None:
    as_json = run(["query", "cluster_members", "--param", "run_id=A", "--param", "cluster_id=0", "--format", "json"],
                  neo4j_server)
    assert as_json.exit_code == 0, as_json.output
    assert [r["account_id"] for r in json.loads(as_json.output)] == ["x1", "x2", "x3"]
    as_csv = run(["query", "cluster_objects", "--param", "run_id=A", "--param", "cluster_id=0", "--format", "csv"],
                 neo4j_server)
    assert as_csv.exit_code == 0, as_csv.output
    lines = as_csv.output.splitlines()
    assert lines[0].startswith("object_type,object_id,members,member_shares,likely_source,source_in_cluster")
    assert lines[2].startswith("url,https://a.example/1,3,3,s0,False")
    table = run(["query", "clusters", "--param", "run_id=A"], neo4j_server, COLUMNS="250")
    assert table.exit_code == 0 and "anonymous network" in table.output and "limit" not in table.output
    cut = run(["query", "cluster_objects", "--param", "run_id=A", "--param", "cluster_id=0", "--param", "limit=2"],
              neo4j_server, COLUMNS="250")
    assert cut.exit_code == 0 and "the first 2 rows only: the query's limit; add --param limit=N" in cut.output
    whole = run(["query", "cluster_objects", "--param", "run_id=A", "--param", "cluster_id=0", "--param", "limit=4"],
                neo4j_server, COLUMNS="250")  # the cluster pushed exactly four objects: nothing was cut
    assert whole.exit_code == 0 and "limit" not in whole.output and "4 rows" in whole.output, whole.output
    report = json.loads((fixture_run / "clusters.json").read_text())
    assert report["clusters"][0]["accounts"] == ["x1", "x2", "x3"]


def test_query_parameter_errors(neo4j_server: Server) -> None:
    assert "unknown parameter colour; it takes run_id string" in one_line_error(
        run(["query", "clusters", "--param", "run_id=A", "--param", "colour=red"], neo4j_server))
    assert "missing parameter run_id (string); add --param run_id=VALUE" in one_line_error(
        run(["query", "clusters"], neo4j_server))
    assert "parameter limit must be an int, got 'many'" in one_line_error(
        run(["query", "clusters", "--param", "run_id=A", "--param", "limit=many"], neo4j_server))
    assert "no query named 'nope'" in one_line_error(run(["query", "nope"], neo4j_server))
    assert "--param takes NAME=VALUE" in one_line_error(run(["query", "clusters", "--param", "run_id"], neo4j_server))


def test_hostile_cli_parameter_changes_nothing(neo4j_server: Server, fixture_run: Path, driver: Driver) -> None:
    before = snapshot(driver, neo4j_server.config.database)
    hostile = "x' }) DETACH DELETE n //"
    for args in (["account_neighbourhood", "--param", f"account_id={hostile}"],
                 ["edge_evidence", "--param", "run_id=A", "--param", f"account_a={hostile}",
                  "--param", "account_b=x1"]):
        result = run(["query", *args, "--format", "json"], neo4j_server)
        assert result.exit_code == 0 and json.loads(result.output) == [], result.output
    assert f"no run {hostile!r} in Neo4j" in one_line_error(
        run(["query", "clusters", "--param", f"run_id={hostile}"], neo4j_server))
    assert snapshot(driver, neo4j_server.config.database) == before


def test_queries_of_a_half_written_run_are_refused(neo4j_server: Server, fixture_run: Path, driver: Driver) -> None:
    assert run(["query", "clusters", "--param", "run_id=A", "--format", "json"], neo4j_server).exit_code == 0
    driver.execute_query("MATCH (r:Run {run_id: 'A'}) SET r.status = 'writing'",
                         database_=neo4j_server.config.database)
    for name in ("clusters", "cluster_members"):
        refused = one_line_error(run(["query", name, "--param", "run_id=A", "--param", "cluster_id=0"]
                                     if name == "cluster_members" else ["query", name, "--param", "run_id=A"],
                                     neo4j_server))
        assert "run 'A' in Neo4j at" in refused and "is incomplete (status 'writing')" in refused


def test_analysis_from_neo4j_equals_analysis_of_the_file(neo4j_server: Server, empty_store: Neo4jStore,
                                                         tmp_path: Path) -> None:
    events, groups = synthetic_events(seed=7, organic=600, events=8_000, planted=(6, 9))
    path = tmp_path / "events.parquet"
    events.write_parquet(path)
    assert run(["ingest", str(path)], neo4j_server).exit_code == 0
    from_file = run(["analyze", str(path), "--out", str(tmp_path / "file")], neo4j_server)
    from_store = run(["analyze", "--from-neo4j", "--out", str(tmp_path / "store")], neo4j_server)
    assert from_file.exit_code == 0 and from_store.exit_code == 0, from_file.output + from_store.output
    file_report = json.loads((tmp_path / "file" / "clusters.json").read_text())
    store_report = json.loads((tmp_path / "store" / "clusters.json").read_text())
    assert file_report["clusters"] == store_report["clusters"]
    assert {frozenset(c["accounts"]) for c in store_report["clusters"]} >= {frozenset(g) for g in groups}
    assert file_report["input"]["events"] == store_report["input"]["events"] == events.height
    for name in ("edges.csv", "accounts.csv"):
        assert pl.read_csv(tmp_path / "file" / name).equals(pl.read_csv(tmp_path / "store" / name)), name


def test_coortweet_from_neo4j_counts_each_stored_share_once(neo4j_server: Server, empty_store: Neo4jStore,
                                                           tmp_path: Path) -> None:
    """CooRTweet counts exact duplicate rows; the store keeps one: the analysis from Neo4j equals
    that of the file without its duplicates, and its report says why."""
    events, _ = synthetic_events(seed=3, organic=600, events=6_000, planted=(6,))
    doubled = pl.concat([events, events.filter(pl.col("account_id").str.starts_with("g0_"))])
    with_duplicates, without = tmp_path / "doubled.csv", tmp_path / "events.csv"
    doubled.write_csv(with_duplicates)
    events.write_csv(without)
    assert run(["ingest", str(with_duplicates)], neo4j_server).exit_code == 0
    reports = {}
    for name, source in (("doubled", [str(with_duplicates)]), ("once", [str(without)]), ("store", ["--from-neo4j"])):
        result = run(["analyze", *source, "--out", str(tmp_path / name), *FIXTURE_RUN], neo4j_server)
        assert result.exit_code == 0, result.output
        reports[name] = (pl.read_csv(tmp_path / name / "pairs.csv").sort(pl.all()),
                         json.loads((tmp_path / name / "clusters.json").read_text())["input"]["notes"])
    assert reports["store"][0].equals(reports["once"][0])
    assert not reports["store"][0].equals(reports["doubled"][0])
    assert any("stores each share once" in note for note in reports["store"][1])
    assert not any("stores each share once" in note for note in reports["doubled"][1] + reports["once"][1])


def test_events_without_content_ids_never_duplicate_however_the_files_are_split(
        neo4j_server: Server, empty_store: Neo4jStore, driver: Driver, tmp_path: Path) -> None:
    events = synthetic_events(seed=3, organic=600, events=6_000, planted=(6,))[0].drop("content_id", "text")
    whole, first, second = tmp_path / "whole.csv", tmp_path / "first.csv", tmp_path / "second.csv"
    events.write_csv(whole)
    events.head(2_500).write_csv(first)
    events.tail(events.height - 2_500).write_csv(second)
    for files in ([first], [second], [whole], [second, first]):
        assert run(["ingest", *map(str, files)], neo4j_server).exit_code == 0
        if files == [second]:
            once = snapshot(driver, neo4j_server.config.database)
    assert snapshot(driver, neo4j_server.config.database) == once
    stored = empty_store.stream_events()
    assert stored.height == events.unique().height
    assert stored.drop("content_id").sort(pl.all()).equals(
        events.unique().with_columns(pl.lit(None, pl.String).alias("text")).select(stored.drop("content_id").columns)
        .sort(pl.all()))


def test_analyze_filters_and_option_checks(neo4j_server: Server, fixture_run: Path, tmp_path: Path) -> None:
    filtered = run(["analyze", "--from-neo4j", "--object-type", "retweet", "--since", "2023-11-14T23:00:00Z",
                    "--out", str(tmp_path / "r")], neo4j_server)
    assert filtered.exit_code == 0, filtered.output
    report = json.loads((tmp_path / "r" / "clusters.json").read_text())
    assert report["input"]["events"] == 6 + 4  # y1/y2's six retweets, o1-o4's four
    assert "give INPUT files or --from-neo4j, not both" in one_line_error(
        run(["analyze", str(DATA / "events.csv"), "--from-neo4j", "--out", str(tmp_path / "x")], neo4j_server))
    assert "add --from-neo4j" in one_line_error(
        run(["analyze", str(DATA / "events.csv"), "--since", "2024-01-01", "--out", str(tmp_path / "x")], neo4j_server))
    assert "is not a time" in one_line_error(
        run(["analyze", "--from-neo4j", "--until", "soon", "--out", str(tmp_path / "x")], neo4j_server))
    nothing = one_line_error(run(["analyze", "--from-neo4j", "--object-type", "urls", "--out", str(tmp_path / "x")],
                                 neo4j_server))
    assert "no events in Neo4j" in nothing and "it holds object types domain, hashtag, retweet, url and platforms tw" in nothing, nothing


def test_server_down_is_one_line(tmp_path: Path) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    for args in (["query", "runs"], ["ingest", str(DATA / "events.csv")],
                 ["analyze", str(DATA / "events.csv"), "--to-neo4j", "--out", str(tmp_path / "r")]):
        line = one_line_error(CliRunner().invoke(main, args, env={"GRAPHMON_NEO4J_URI": uri}))
        assert f"cannot reach Neo4j at {uri}" in line and "scripts/neo4j-local start" in line, line
    assert not (tmp_path / "r").exists()


def test_wrong_password_is_one_line_without_the_password(neo4j_server: Server) -> None:
    if neo4j_server.config.password is None:
        pytest.skip("the server named by GRAPHMON_NEO4J_URI runs without authentication")
    wrong = "not-the-password-123"
    result = run(["query", "runs"], neo4j_server, GRAPHMON_NEO4J_PASSWORD=wrong)
    line = one_line_error(result)
    assert f"Neo4j at {neo4j_server.config.uri} rejected user 'neo4j'" in line and "GRAPHMON_NEO4J_PASSWORD" in line
    assert wrong not in result.output and neo4j_server.config.password not in result.output


def test_wrong_database_is_one_line(neo4j_server: Server) -> None:
    line = one_line_error(run(["query", "runs"], neo4j_server, GRAPHMON_NEO4J_DATABASE="nosuchdb"))
    assert f"Neo4j at {neo4j_server.config.uri} has no database 'nosuchdb'" in line
    assert "GRAPHMON_NEO4J_DATABASE" in line


def test_query_syntax_error_is_one_line(neo4j_server: Server, tmp_path: Path) -> None:
    (tmp_path / "broken.cypher").write_text("// A query with a typo.\nMATCH (n RETURN n\n")
    line = one_line_error(run(["query", "broken", "--queries-dir", str(tmp_path)], neo4j_server))
    assert str(tmp_path / "broken.cypher") in line and "Cypher syntax error" in line and "fix the query file" in line
    assert neo4j_server.config.uri in line


def test_a_query_that_writes_is_refused(neo4j_server: Server, empty_store: Neo4jStore, tmp_path: Path,
                                        driver: Driver) -> None:
    (tmp_path / "sneaky.cypher").write_text("// Creates a node.\nCREATE (n:Sneaky) RETURN n\n")
    line = one_line_error(run(["query", "sneaky", "--queries-dir", str(tmp_path)], neo4j_server))
    assert "named queries are read-only" in line
    assert driver.execute_query("MATCH (n:Sneaky) RETURN count(n) AS n").records[0]["n"] == 0


def _drop_schema(driver: Driver, database: str) -> None:
    """Drop every constraint, then every index but the token lookups (names come from the server)."""
    for kind, listing in (("CONSTRAINT", "SHOW CONSTRAINTS YIELD name"),
                          ("INDEX", "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'")):
        for record in driver.execute_query(listing, database_=database).records:
            driver.execute_query(f"DROP {kind} `{record['name']}`", database_=database)


def test_an_index_or_data_in_the_way_of_the_constraints_is_one_line_with_its_fix(
        neo4j_server: Server, empty_store: Neo4jStore, driver: Driver) -> None:
    database = neo4j_server.config.database
    try:
        _drop_schema(driver, database)
        driver.execute_query("CREATE INDEX theirs FOR (a:Account) ON (a.account_id)", database_=database)
        line = one_line_error(run(["ingest", str(DATA / "events.csv")], neo4j_server))
        assert "refused graphmon's constraints" in line and "DROP INDEX" in line and "duplicate" not in line, line
        _drop_schema(driver, database)
        driver.execute_query("CREATE (:Account {account_id: 'twin'}), (:Account {account_id: 'twin'})",
                             database_=database)
        line = one_line_error(run(["ingest", str(DATA / "events.csv")], neo4j_server))
        assert "refused graphmon's constraints" in line and "duplicate keys" in line, line
    finally:
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
        _drop_schema(driver, database)
        empty_store.ensure_schema()


def test_a_database_that_did_not_start_is_named_as_such(tmp_path: Path) -> None:
    data_dir, port = tmp_path / "neo4j", free_port()
    assert launcher("start", "--data", str(data_dir), "--port", str(port)).returncode == 0
    try:
        assert launcher("stop", "--data", str(data_dir)).returncode == 0
        shutil.rmtree(data_dir / "data" / "transactions" / "neo4j")  # the database cannot recover without them
        assert launcher("start", "--data", str(data_dir), "--port", str(port)).returncode == 0
        line = one_line_error(CliRunner().invoke(main, ["query", "runs"],
                                                 env={"GRAPHMON_NEO4J_URI": f"bolt://127.0.0.1:{port}"}))
        assert f"Neo4j at bolt://127.0.0.1:{port} runs, but its database 'neo4j' is not available" in line, line
        assert "debug.log" in line and "start the server" not in line
    finally:
        launcher("stop", "--data", str(data_dir))


def test_a_run_written_without_its_shares_in_the_store_says_so(neo4j_server: Server, empty_store: Neo4jStore,
                                                              tmp_path: Path) -> None:
    args = ["analyze", str(DATA / "events.csv"), "--to-neo4j", "--run-id", "F", *FIXTURE_RUN]
    bare = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "a")], env=neo4j_server.env)
    assert bare.exit_code == 0, bare.output
    assert "graphmon: warning: the store holds none of the shares behind this run's edges" in bare.output
    assert empty_store.run_query("edge_evidence", {"run_id": "F", "account_a": "x1", "account_b": "x2"}).rows == []
    assert run(["ingest", str(DATA / "events.csv")], neo4j_server).exit_code == 0
    loaded = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "b")], env=neo4j_server.env)
    assert loaded.exit_code == 0 and "warning" not in loaded.output, loaded.output
    assert len(empty_store.run_query("edge_evidence", {"run_id": "F", "account_a": "x1", "account_b": "x2"}).rows) == 4
    other = tmp_path / "other.csv"  # the same accounts sharing other links: the stored shares are not this run's
    other.write_text((DATA / "events.csv").read_text().replace("https://a.example/", "https://b.example/"))
    elsewhere = CliRunner().invoke(main, ["analyze", str(other), "--to-neo4j", "--run-id", "G", *FIXTURE_RUN, "--out",
                                          str(tmp_path / "c")], env=neo4j_server.env)
    assert elsewhere.exit_code == 0 and "warning: the store holds only" in elsewhere.output, elsewhere.output
