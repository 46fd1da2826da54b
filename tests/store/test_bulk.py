"""The offline bulk import (``graphmon ingest --import-files`` + ``scripts/neo4j-local import``)
builds the graph the online load builds: same counts, same nodes, relationships and properties
(hostile strings included), an online ingest on top creates nothing, and the analysis from the
imported graph equals the analysis of the file. The import runs on a second local server, started
once for this module, so the session's server is untouched."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from neo4j import Driver, GraphDatabase

from graphmon.cli import main
from graphmon.events import ACCOUNT_SCHEMA, EVENT_SCHEMA
from graphmon.ingest import read_accounts, read_events
from graphmon.store import Neo4jStore, StoreConfig
from graphmon.store.bulk import import_tables, write_import_files
from tests.store.conftest import DATA, PASSWORD_ENV, ROOT, Server, free_port, launcher
from tests.store.graph import counts, snapshot
from tests.store.test_ingest import GERMAN_OPTIONS, HOSTILE, expected_counts
from tests.synthetic import synthetic_events

pytestmark = pytest.mark.neo4j
TEXTS = ["", "   ", "cr\rlf\r\n", "trailing\\", "\\\"q", "a,b;c", "\"quoted\"", "x' }) DETACH DELETE n //"]


def hostile_events() -> pl.DataFrame:
    """Hostile strings everywhere, posts of several shares whose earliest has other text and
    platform, an account whose first event has no platform, and an exact duplicate."""
    n = len(HOSTILE)
    rows = {"account_id": HOSTILE, "object_id": list(reversed(HOSTILE)),
            "object_type": ["url", "Url) DETACH DELETE n //", *HOSTILE[2:]], "timestamp": [1e9 + i for i in range(n)],
            "content_id": HOSTILE, "platform": HOSTILE, "text": HOSTILE}
    extra = {"account_id": ["p1", "p1", "p1", "p1", "p2", "p2", "😀"], "object_id": ["u1", "u2", "u2", "u2", "u1", "u1", ""],
             "object_type": ["url", "hashtag", "hashtag", "hashtag", "url", "url", "text"],
             "timestamp": [5.5, 3.25, 3.25, 1623878691.1234567, 7.0, 8.0, 0.1],
             "content_id": ["c", "c", "c", "c", "c", "d", ""], "platform": ["tw", None, None, "fb", None, "tg", ""],
             "text": ["", "   ", "   ", *TEXTS[2:6]]}
    return pl.concat([pl.DataFrame(rows, schema=EVENT_SCHEMA), pl.DataFrame(extra, schema=EVENT_SCHEMA)])


def hostile_profiles() -> pl.DataFrame:
    """Profiles with hostile strings, one of an account without events, one overriding a platform."""
    return pl.DataFrame({"account_id": [HOSTILE[0], HOSTILE[4], "p1", "profile only"],
                         "screen_name": TEXTS[:4], "display_name": [HOSTILE[3], None, "🙂", "ünï"],
                         "description": TEXTS[4:], "created_at": [1.5, None, 1623878691.1234567, 0.0],
                         "followers_count": [0, None, 2**40, -1], "friends_count": [1, 2, None, 3],
                         "statuses_count": [None, None, None, None], "default_profile_image": [True, None, False, True],
                         "verified": [False, True, None, None], "platform": [None, "xx", "fb", None]},
                        schema=ACCOUNT_SCHEMA)


@pytest.fixture(scope="module")
def small() -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """The store fixture, the hostile events and synthetic events with planted groups; profiles."""
    synthetic, _ = synthetic_events(seed=7, organic=400, events=1_000, planted=(6, 9))
    events = pl.concat([read_events([DATA / "events.csv"]).events, hostile_events(),
                        synthetic.select(list(EVENT_SCHEMA)).cast(EVENT_SCHEMA)])  # type: ignore[arg-type]
    return events, [read_accounts(DATA / "accounts.csv"), hostile_profiles()]


@pytest.fixture(scope="module")
def german(german_path: Path) -> pl.DataFrame:
    return read_events([german_path], **GERMAN_OPTIONS).events


@pytest.fixture(scope="module")
def bulk_server(tmp_path_factory: pytest.TempPathFactory, small: tuple[pl.DataFrame, list[pl.DataFrame]],
                german: pl.DataFrame) -> Iterator[Server]:
    """A second local server holding the bulk import of the small tables and the German example."""
    events, profiles = small
    files = write_import_files(pl.concat([events, german]), tmp_path_factory.mktemp("import"), profiles=profiles)
    data_dir = tmp_path_factory.mktemp("neo4j-bulk")
    password = secrets.token_urlsafe(12)
    imported = launcher("import", str(files.directory), "--data", str(data_dir), "--port", str(free_port()),
                        "--password-env", PASSWORD_ENV, env={PASSWORD_ENV: password})
    if imported.returncode != 0:
        log = data_dir / "neo4j.log"
        pytest.fail(f"scripts/neo4j-local import failed (exit {imported.returncode}):\n{imported.stderr}\n"
                    f"--- {log} ---\n{log.read_text(errors='replace') if log.exists() else ''}", pytrace=False)
    uri = imported.stdout.strip().splitlines()[-1]
    try:
        yield Server(StoreConfig(uri=uri, user="neo4j", password=password, database="neo4j"), data_dir, None)
    finally:
        launcher("stop", "--data", str(data_dir))


@pytest.fixture(scope="module")
def bulk_driver(bulk_server: Server) -> Iterator[Driver]:
    with GraphDatabase.driver(bulk_server.config.uri, auth=bulk_server.config.auth,
                              notifications_min_severity="OFF") as plain:
        yield plain


def all_accounts(events: pl.DataFrame, profiles: list[pl.DataFrame]) -> list[str]:
    return pl.concat([events["account_id"], *(table["account_id"] for table in profiles)]).unique().to_list()


def test_import_files_of_the_german_example(german_path: Path, german: pl.DataFrame, tmp_path: Path) -> None:
    args = ["ingest", str(german_path), "--objects", ",".join(GERMAN_OPTIONS["objects"]), "--map", "content_id=post_id",
            "--import-files", str(tmp_path)]
    result = CliRunner().invoke(main, args, env={"GRAPHMON_NEO4J_URI": f"bolt://127.0.0.1:{free_port()}"})
    assert result.exit_code == 0, result.output  # no server needed
    expected = expected_counts(german)
    assert (f"{german.height:,} events written as import files to {tmp_path}: {expected['Account']:,} accounts, "
            f"{expected['Post']:,} posts, {expected['Object']:,} objects and "
            f"{expected['POSTED'] + expected['SHARES']:,} relationships") in result.output
    assert f"scripts/neo4j-local import {tmp_path}" in result.output
    command = next(line.strip() for line in result.output.splitlines() if "neo4j-admin database import full" in line)
    assert command.endswith(" --id-type=actual neo4j") and "--relationships=SHARES=shares.csv" in command
    assert (tmp_path / "import.sh").read_text().count("--nodes=") == 3
    assert {name: pl.read_csv(tmp_path / f"{name}.csv").height for name in ("accounts", "posts", "shares")} == {
        "accounts": expected["Account"], "posts": expected["Post"], "shares": expected["SHARES"]}


def test_writing_import_files_loads_neither_the_driver_nor_the_analysis(tmp_path: Path) -> None:
    probe = ("import sys; from graphmon.cli import main\n"
             "try:\n    main(['ingest', sys.argv[1], '--import-files', sys.argv[2]])\nexcept SystemExit as end:\n"
             "    assert not end.code, end.code\n"
             "print('loaded:', [m for m in ('neo4j', 'scipy', 'igraph', 'graphmon.analysis') if m in sys.modules], "
             "file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", probe, str(DATA / "events.csv"), str(tmp_path / "files")],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().splitlines()[-1] == "loaded: []" and (tmp_path / "files" / "shares.csv").exists()


def test_import_files_never_overwrite_the_inputs(tmp_path: Path) -> None:
    events, accounts = tmp_path / "shares.csv", tmp_path / "accounts.csv"
    events.write_bytes((DATA / "events.csv").read_bytes())
    accounts.write_bytes((DATA / "accounts.csv").read_bytes())
    for args, message in (([str(events), "--accounts", str(accounts), "--import-files", str(tmp_path)],
                           f"the output would overwrite the input {events} (as shares.csv)"),
                          ([str(events), "--import-files", str(events / "sub")], f"{events} is a file, not a folder")):
        done = subprocess.run([sys.executable, "-m", "graphmon", "ingest", *args], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 2 and done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
    assert events.read_bytes() == (DATA / "events.csv").read_bytes()
    assert accounts.read_bytes() == (DATA / "accounts.csv").read_bytes()


def test_keys_too_long_for_neo4j_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    long = tmp_path / "long.csv"
    pl.DataFrame({"account_id": ["a", "b"], "object_id": ["é" * 4_100, "x"], "timestamp": [1.0, 2.0]}).write_csv(long)
    done = subprocess.run([sys.executable, "-m", "graphmon", "ingest", str(long), "--import-files", str(tmp_path / "f")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "the Object key (object_type, object_id) is over 8,000 bytes, more than Neo4j can index" in done.stderr
    assert not (tmp_path / "f").exists()


def test_skipped_profile_rows_are_noted_by_ingest(tmp_path: Path) -> None:
    accounts = tmp_path / "accounts.csv"
    accounts.write_text("account_id,screen_name\n,nobody\nx1,one\nx1,again\n")
    done = subprocess.run([sys.executable, "-m", "graphmon", "ingest", str(DATA / "events.csv"), "--accounts",
                           str(accounts), "--import-files", str(tmp_path / "f")], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert f"note: {accounts}: 1 row with an empty account_id skipped" in done.stderr
    assert f"note: {accounts}: 1 profile row repeated an account id given before" in done.stderr


def test_the_launchers_training_import_is_what_graphmon_writes(tmp_path: Path) -> None:
    """neo4j-launcher/training/ is imported once per build to archive the server's classes: it
    must stay in the importer format graphmon writes, or the archive would miss the importer."""
    training = ROOT / "neo4j-launcher" / "training"
    events = pl.DataFrame({"account_id": ["a", "b"], "object_id": ["u1", "u1"], "object_type": ["url", "url"],
                           "timestamp": [1.0, 2.0], "content_id": ["url:u1@1.0", "url:u1@2.0"],
                           "platform": [None, None], "text": [None, None]}, schema=EVENT_SCHEMA)
    write_import_files(events, tmp_path)
    names = sorted(path.name for path in training.iterdir())
    assert names == sorted(["import.args", *(f"{name}.csv" for name in ("accounts", "objects", "posts", "posted",
                                                                          "shares"))])
    for name in names:
        assert (training / name).read_text() == (tmp_path / name).read_text(), name


def test_the_imported_server_maps_the_class_archive(bulk_server: Server) -> None:
    """The JVM of an import and start maps the launcher's class archive (made once per build) instead of loading
    every class from the jars again."""
    assert bulk_server.data_dir is not None
    pid = int((bulk_server.data_dir / "neo4j.pid").read_text().strip())
    archive = ROOT / "neo4j-launcher" / "target" / "graphmon-neo4j.jsa"
    assert archive.stat().st_size > 10_000_000
    assert str(archive) in Path(f"/proc/{pid}/maps").read_text()


def test_import_tables_of_no_events_hold_the_profiles_only() -> None:
    profiles = hostile_profiles()
    tables = import_tables(pl.DataFrame(schema=EVENT_SCHEMA), [profiles])
    assert {name: table.height for name, table in tables.items()} == {
        "accounts": profiles["account_id"].n_unique(), "objects": 0, "posts": 0, "posted": 0, "shares": 0}
    assert tables["accounts"][":ID"].to_list() == list(range(tables["accounts"].height))


def test_bulk_import_gives_the_counts_and_schema_of_the_online_load(
        bulk_server: Server, bulk_driver: Driver, driver: Driver, small: tuple[pl.DataFrame, list[pl.DataFrame]],
        german: pl.DataFrame, empty_store: Neo4jStore) -> None:
    events, profiles = small
    combined = pl.concat([events, german]).unique(maintain_order=True)
    expected = expected_counts(combined)
    expected["Account"] = len(all_accounts(combined, profiles))
    assert counts(bulk_driver, "neo4j") == expected

    def schema(plain: Driver) -> set[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
        return {(r["name"], r["type"], tuple(r["labelsOrTypes"] or ()), tuple(r["properties"] or ()))
                for r in plain.execute_query("SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state "
                                             "WHERE state = 'ONLINE' AND name STARTS WITH 'graphmon_'").records}

    assert schema(bulk_driver) == schema(driver) and len(schema(driver)) == 8


def test_online_ingest_after_bulk_import_creates_nothing_and_graphs_match(
        bulk_server: Server, bulk_driver: Driver, neo4j_server: Server, driver: Driver, empty_store: Neo4jStore,
        small: tuple[pl.DataFrame, list[pl.DataFrame]]) -> None:
    events, profiles = small
    accounts = all_accounts(events, profiles)
    empty_store.load_events(events)
    for table in profiles:
        empty_store.load_accounts(table)
    online = snapshot(driver, neo4j_server.config.database)
    assert snapshot(driver, neo4j_server.config.database, accounts) == online  # the part is the whole here
    assert snapshot(bulk_driver, "neo4j", accounts) == online
    with Neo4jStore.connect(bulk_server.config) as store:
        again = store.load_events(events)
        for table in profiles:
            again += store.load_accounts(table)
    assert not again.created_anything and again.labels_added == 0
    assert snapshot(bulk_driver, "neo4j", accounts) == online


def test_analysis_from_the_imported_graph_equals_the_file_analysis(
        bulk_server: Server, small: tuple[pl.DataFrame, list[pl.DataFrame]], tmp_path: Path) -> None:
    events, _ = small
    # A post's platform is that of its earliest share: p1's post "c" has none, so its tw share is not streamed.
    tw = events.filter((pl.col("platform") == "tw") & (pl.col("account_id") != "p1"))
    tw.write_parquet(tmp_path / "tw.parquet")
    read_accounts(DATA / "accounts.csv").write_parquet(tmp_path / "accounts.parquet")
    runner = CliRunner()
    from_file = runner.invoke(main, ["analyze", str(tmp_path / "tw.parquet"), "--accounts",
                                     str(tmp_path / "accounts.parquet"), "--out", str(tmp_path / "file")],
                              env=bulk_server.env)
    from_store = runner.invoke(main, ["analyze", "--from-neo4j", "--platform", "tw", "--out", str(tmp_path / "store")],
                               env=bulk_server.env)
    assert from_file.exit_code == 0 and from_store.exit_code == 0, from_file.output + from_store.output
    file_report = json.loads((tmp_path / "file" / "clusters.json").read_text())
    store_report = json.loads((tmp_path / "store" / "clusters.json").read_text())
    assert file_report["clusters"] == store_report["clusters"]
    planted = {frozenset(f"g0_{i}" for i in range(6)), frozenset(f"g1_{i}" for i in range(9))}
    assert {frozenset(cluster["accounts"]) for cluster in store_report["clusters"]} >= planted
    assert file_report["input"]["events"] == store_report["input"]["events"] == tw.height
    for name in ("edges.csv", "accounts.csv"):
        assert pl.read_csv(tmp_path / "file" / name).equals(pl.read_csv(tmp_path / "store" / name)), name


def test_import_refuses_to_replace_data_and_names_missing_files(bulk_server: Server, tmp_path: Path) -> None:
    assert bulk_server.data_dir is not None
    files = write_import_files(hostile_events(), tmp_path / "files")
    refused = launcher("import", str(files.directory), "--data", str(bulk_server.data_dir), "--password-env",
                       PASSWORD_ENV, env={PASSWORD_ENV: bulk_server.config.password or ""})
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines()[-1].endswith("and the import replaces it: add --force to do so")
    assert launcher("status", "--data", str(bulk_server.data_dir)).returncode == 0  # left running
    missing = launcher("import", str(tmp_path), "--data", str(tmp_path / "d"))
    assert missing.returncode == 1 and "has no import.args: write the files with graphmon ingest" in missing.stderr


def test_a_failed_forced_import_leaves_the_database_as_it_was(bulk_server: Server, bulk_driver: Driver,
                                                              tmp_path: Path) -> None:
    assert bulk_server.data_dir is not None
    before = counts(bulk_driver, "neo4j")
    files = write_import_files(hostile_events(), tmp_path / "files")
    shares = files.directory / "shares.csv"
    shares.write_text(shares.read_text(encoding="utf-8") + "1,2,soon\n", encoding="utf-8")
    env = {PASSWORD_ENV: bulk_server.config.password or ""}
    failed = launcher("import", str(files.directory), "--data", str(bulk_server.data_dir), "--force",
                      "--password-env", PASSWORD_ENV, env=env)
    assert failed.returncode == 1 and failed.stderr.strip().endswith("the database is as it was"), failed.stderr
    assert _start_and_count(bulk_server) == before
    assert not list(bulk_server.data_dir.glob("data/*/*.before-import"))
    # an import whose JVM died (killed, out of memory) after moving the database aside and
    # writing part of the new one: the next start puts the database back
    assert launcher("stop", "--data", str(bulk_server.data_dir)).returncode == 0
    for folder in ("databases", "transactions"):
        store = bulk_server.data_dir / "data" / folder / "neo4j"
        store.rename(store.with_name("neo4j.before-import"))
        store.mkdir()
        (store / "partial").write_text("half an import")
    assert _start_and_count(bulk_server) == before
    assert not list(bulk_server.data_dir.glob("data/*/neo4j.*"))


def _start_and_count(server: Server) -> dict[str, int]:
    """Start the (stopped) bulk server where it ran; its node and relationship counts."""
    assert server.data_dir is not None
    started = launcher("start", "--data", str(server.data_dir), "--port", server.config.uri.rsplit(":", 1)[1],
                       "--password-env", PASSWORD_ENV, env={PASSWORD_ENV: server.config.password or ""})
    assert started.returncode == 0, started.stderr
    with GraphDatabase.driver(server.config.uri, auth=server.config.auth) as driver:
        return counts(driver, "neo4j")


def test_forced_import_replaces_the_database_and_keeps_the_port(bulk_server: Server, tmp_path: Path) -> None:
    """Last in this module: it replaces the bulk server's database."""
    assert bulk_server.data_dir is not None
    events = hostile_events()
    files = write_import_files(events, tmp_path / "files")
    forced = launcher("import", str(files.directory), "--data", str(bulk_server.data_dir), "--force",
                      "--password-env", PASSWORD_ENV, env={PASSWORD_ENV: bulk_server.config.password or ""})
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.strip().splitlines()[-1] == bulk_server.config.uri  # restarted where it ran
    with GraphDatabase.driver(bulk_server.config.uri, auth=bulk_server.config.auth) as driver:
        # one SHARES per (post, object, time), as the online load keeps
        share_key = ["account_id", "content_id", "object_type", "object_id", "timestamp"]
        assert counts(driver, "neo4j") == expected_counts(events.unique(share_key))


def test_failed_import_says_why_in_one_line_and_leaves_no_server(tmp_path: Path) -> None:
    files = write_import_files(hostile_events(), tmp_path / "files")
    shares = files.directory / "shares.csv"
    lines = shares.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",soon"  # a share time that is not a number
    shares.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data_dir = tmp_path / "neo4j"
    failed = launcher("import", str(files.directory), "--data", str(data_dir), "--port", str(free_port()))
    assert failed.returncode == 1
    last = failed.stderr.strip().splitlines()[-1]
    assert last.startswith('neo4j-local: the import failed: Not a number: "soon" (field timestamp:double:3) in '), last
    assert f"{shares}, line 2 (log {data_dir}/import.log" in last  # the header is line 1
    assert launcher("status", "--data", str(data_dir)).returncode == 3
    assert not (data_dir / "data" / "databases" / "neo4j").exists()  # no half-imported database left to start
