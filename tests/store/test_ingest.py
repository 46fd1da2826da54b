"""Ingestion into a real Neo4j: counts match the input, loading twice changes nothing, events
and profiles round-trip exactly, hostile strings stay data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from click.testing import CliRunner
from neo4j import Driver

from graphmon.cli import main
from graphmon.ingest import read_accounts, read_events
from graphmon.store import EventFilter, Neo4jStore
from graphmon.store.labels import OBJECT_LABELS
from tests.store.conftest import DATA, Server
from tests.store.graph import counts, snapshot

pytestmark = pytest.mark.neo4j
GERMAN_OPTIONS: dict[str, Any] = {"objects": ("url_id", "hashtag_id", "domain_id", "phash_id"),
                                  "mapping": {"content_id": "post_id"}}
ORDER = ["timestamp", "account_id", "object_type", "object_id", "content_id"]


def expected_counts(events: pl.DataFrame) -> dict[str, int]:
    posts = events.select("account_id", "content_id").n_unique()
    found = {"Account": events["account_id"].n_unique(), "Post": posts,
             "Object": events.select("object_type", "object_id").n_unique(), "POSTED": posts, "SHARES": events.height}
    per_type = events.select("object_type", "object_id").unique().group_by("object_type").len()
    for object_type, n in per_type.iter_rows():
        if object_type in OBJECT_LABELS:
            label = OBJECT_LABELS[object_type]
            found[label] = found.get(label, 0) + n
    return found


@pytest.mark.parametrize("dataset", ["russian", "german"])
def test_ingest_counts_match_input_round_trip_and_twice_changes_nothing(
        dataset: str, russian_path: Path, german_path: Path, empty_store: Neo4jStore, driver: Driver) -> None:
    read = (read_events([russian_path]) if dataset == "russian" else read_events([german_path], **GERMAN_OPTIONS))
    database = empty_store.config.database
    first = empty_store.load_events(read.events)
    expected = expected_counts(read.events)
    assert counts(driver, database) == expected
    assert (first.accounts_created, first.posts_created, first.objects_created) == (
        expected["Account"], expected["Post"], expected["Object"])
    assert first.relationships_created == expected["POSTED"] + expected["SHARES"]
    assert empty_store.stream_events().equals(read.events.sort(ORDER))
    assert empty_store.stream_events(chunk_rows=997).equals(read.events.sort(ORDER))  # many chunks, same table
    before = snapshot(driver, database) if dataset == "russian" else None
    again = empty_store.load_events(read.events)
    assert not again.created_anything and again.properties_set == 0 and again.labels_added == 0
    assert counts(driver, database) == expected
    if before is not None:
        assert snapshot(driver, database) == before


def test_stream_filters(empty_store: Neo4jStore) -> None:
    events = read_events([DATA / "events.csv"]).events
    empty_store.load_events(events)
    t0 = 1_700_000_000
    since = empty_store.stream_events(EventFilter(since=t0 + 1000, until=t0 + 3000))
    assert since.equals(events.filter(pl.col("timestamp").is_between(t0 + 1000, t0 + 3000, closed="left")).sort(ORDER))
    retweets = empty_store.stream_events(EventFilter(object_types=("retweet", "hashtag")))
    assert set(retweets["object_type"]) == {"retweet", "hashtag"}
    assert retweets.height == events.filter(pl.col("object_type").is_in(["retweet", "hashtag"])).height
    assert empty_store.stream_events(EventFilter(platform="fb")).height == 0


def test_profiles_round_trip_and_label_allowlist(empty_store: Neo4jStore, driver: Driver) -> None:
    events = read_events([DATA / "events.csv"]).events
    accounts = read_accounts(DATA / "accounts.csv")
    empty_store.load_events(events)
    empty_store.load_accounts(accounts)
    assert empty_store.stream_accounts().equals(accounts.sort("account_id"))
    labels = {r["object_type"]: sorted(r["labels"]) for r in driver.execute_query(
        "MATCH (o:Object) RETURN DISTINCT o.object_type AS object_type, labels(o) AS labels").records}
    assert labels == {"url": ["Object", "Url"], "hashtag": ["Hashtag", "Object"], "retweet": ["Object", "Retweet"],
                      "domain": ["Domain", "Object"]}


def test_posts_of_different_accounts_never_merge(empty_store: Neo4jStore, driver: Driver) -> None:
    """Row numbers as content ids repeat across accounts and files; posts are keyed by account too."""
    first = pl.DataFrame({"account_id": ["a", "b"], "object_id": ["o1", "o1"], "object_type": ["url", "url"],
                          "timestamp": [1.0, 2.0], "content_id": ["1", "1"], "platform": [None, None],
                          "text": [None, None]}, schema=read_events([DATA / "events.csv"]).events.schema)
    empty_store.load_events(first)
    assert counts(driver, empty_store.config.database)["Post"] == 2
    assert empty_store.stream_events().height == 2


HOSTILE = ["x' }) DETACH DELETE n //", "\"; MATCH (n) DETACH DELETE n; //", "Url`) SET n:Admin //", "ünï\u200bcode 🙂",
           "back\\slash", "new\nline", "$param", "{x: 1}"]


def test_hostile_strings_are_data(empty_store: Neo4jStore, driver: Driver) -> None:
    n = len(HOSTILE)
    events = pl.DataFrame({"account_id": HOSTILE, "object_id": list(reversed(HOSTILE)),
                           "object_type": ["url", "Url) DETACH DELETE n //", *HOSTILE[2:]],
                           "timestamp": [float(i) for i in range(n)], "content_id": HOSTILE, "platform": HOSTILE,
                           "text": HOSTILE}, schema=read_events([DATA / "events.csv"]).events.schema)
    empty_store.load_events(events)
    assert empty_store.stream_events().equals(events.sort(ORDER))
    labels = {label for r in driver.execute_query("MATCH (n) RETURN labels(n) AS l").records for label in r["l"]}
    assert labels == {"Account", "Post", "Object", "Url"}


def test_cli_ingest_twice(neo4j_server: Server, empty_store: Neo4jStore, driver: Driver) -> None:
    runner = CliRunner()
    args = ["ingest", str(DATA / "events.csv"), "--accounts", str(DATA / "accounts.csv")]
    first = runner.invoke(main, args, env=neo4j_server.env)
    assert first.exit_code == 0, first.output
    assert "35 events and 10 profiles loaded into" in first.output
    assert "created 10 accounts, 35 posts, 9 objects and 70 relationships" in first.output
    before = snapshot(driver, neo4j_server.config.database)
    second = runner.invoke(main, args, env=neo4j_server.env)
    assert second.exit_code == 0, second.output
    assert "created nothing new (already loaded)" in second.output
    assert snapshot(driver, neo4j_server.config.database) == before
