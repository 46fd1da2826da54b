"""The whole graph as comparable multisets, for checking that two loads gave the same graph."""

from __future__ import annotations

from collections import Counter
from typing import Any

from neo4j import Driver


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


def snapshot(driver: Driver, database: str) -> tuple[Counter[Any], Counter[Any]]:
    """Nodes as (labels, properties) and relationships as (start node, type, properties, end node),
    each counted, so duplicates show."""
    records = driver.execute_query("MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props",
                                   database_=database).records
    keys = {r["id"]: (tuple(sorted(r["labels"])), _frozen(r["props"])) for r in records}
    nodes = Counter(keys.values())
    rels = Counter(
        (keys[r["a"]], r["type"], _frozen(r["props"]), keys[r["b"]])
        for r in driver.execute_query(
            "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS type, properties(r) AS props, elementId(b) AS b",
            database_=database).records)
    return nodes, rels


def counts(driver: Driver, database: str) -> dict[str, int]:
    """Nodes per label and relationships per type."""
    found: dict[str, int] = {}
    for record in driver.execute_query("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n",
                                       database_=database).records:
        found[record["label"]] = record["n"]
    for record in driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n",
                                       database_=database).records:
        found[record["type"]] = record["n"]
    return found
