"""The whole graph (or the part of some accounts) as comparable multisets, for checking that two
loads gave the same graph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from neo4j import Driver

# The accounts named by $accounts, their posts and the objects those posts share; their POSTED and SHARES.
PART_NODES = """
MATCH (a:Account) WHERE a.account_id IN $accounts
OPTIONAL MATCH (a)-[:POSTED]->(p:Post)
OPTIONAL MATCH (p)-[:SHARES]->(o:Object)
WITH collect(DISTINCT a) + collect(DISTINCT p) + collect(DISTINCT o) AS found
UNWIND found AS n
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props
"""
PART_RELATIONSHIPS = """
MATCH (a:Account)-[r:POSTED]->(b) WHERE a.account_id IN $accounts
RETURN elementId(a) AS a, type(r) AS type, properties(r) AS props, elementId(b) AS b
UNION ALL
UNWIND $accounts AS account_id
MATCH (:Account {account_id: account_id})-[:POSTED]->(a:Post)-[r:SHARES]->(b)
RETURN elementId(a) AS a, type(r) AS type, properties(r) AS props, elementId(b) AS b
"""


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


def snapshot(driver: Driver, database: str, accounts: Sequence[str] | None = None) -> tuple[Counter[Any], Counter[Any]]:
    """Nodes as (labels, properties) and relationships as (start node, type, properties, end node),
    each counted, so duplicates show; with ``accounts``, only their part of the graph."""
    if accounts is None:
        nodes_query = "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props"
        relationships_query = ("MATCH (a)-[r]->(b) "
                               "RETURN elementId(a) AS a, type(r) AS type, properties(r) AS props, elementId(b) AS b")
    else:
        nodes_query, relationships_query = PART_NODES, PART_RELATIONSHIPS
    parameters = {"accounts": list(accounts or [])}
    records = driver.execute_query(nodes_query, parameters, database_=database).records
    keys = {r["id"]: (tuple(sorted(r["labels"])), _frozen(r["props"])) for r in records}
    nodes = Counter(keys.values())
    rels = Counter((keys[r["a"]], r["type"], _frozen(r["props"]), keys[r["b"]])
                   for r in driver.execute_query(relationships_query, parameters, database_=database).records)
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
