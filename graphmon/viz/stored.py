"""The view tables of an analysis run stored in Neo4j (``graphmon analyze --to-neo4j``).

Clusters, members and edges are read as the run wrote them; a member's anonymity is the run's
own (on ``MEMBER_OF``), never the account's latest. The evidence (every co-share within the
run's window behind each edge) is not stored: it is recomputed from the members' stored shares
within the run's filters and input time span, by the function the run's method uses, so the
explorer shows what the file report does when the store holds the events the run was made from.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import polars as pl

from graphmon.detect import coortweet
from graphmon.detect.encode import encode_events
from graphmon.detect.evidence import EVIDENCE_COLUMNS as EVIDENCE_ORDER
from graphmon.detect.evidence import edge_evidence, pair_evidence
from graphmon.viz.data import ACCOUNT_COLUMNS, EDGE_COLUMNS, EVIDENCE_COLUMNS, ReportData, conform

if TYPE_CHECKING:
    from graphmon.store.neo4j import StoredRun

JSON_FIELDS = ("top_objects", "object_types", "params")
"""Properties written as JSON text because Neo4j cannot store maps or lists of maps."""
RUN_ONLY = ("run_id", "rank")
LATEST_RUN = ("anonymity_score", "anonymity_factors", "anonymity_run_id", "has_profile")
"""Account properties that the latest run (or load) set, not necessarily this run."""


def from_stored_run(run: StoredRun) -> ReportData:
    """The view tables of ``run`` (as `Neo4jStore.read_run` returns it)."""
    properties = {key: _decoded(key, value) for key, value in run.properties.items()}
    params = properties.get("params") or {}
    window_s = float(properties.get("window_s") or params.get("window_s") or 60.0)
    accounts = _members(run.members)
    edges = _edges(run.edges)
    members = dict(accounts.group_by("cluster_id").agg(pl.col("account_id").sort()).iter_rows())
    clusters = [_record(row, members.get(row["cluster_id"], [])) for row in run.clusters]
    document = {
        "run_id": run.run_id,
        "generated_at": properties.get("created_at"),
        "params": params,
        "input": {"source": properties.get("source"), "events": properties.get("input_events"),
                  "accounts": properties.get("input_accounts"), "first": properties.get("input_first"),
                  "last": properties.get("input_last")},
        "clusters": clusters,
    }
    return ReportData(document=document, accounts=conform(accounts, ACCOUNT_COLUMNS),
                      edges=conform(edges, EDGE_COLUMNS),
                      evidence=conform(_evidence(run.shares, edges, params, window_s), EVIDENCE_COLUMNS))


def _decoded(key: str, value: Any) -> Any:
    if key in JSON_FIELDS and isinstance(value, str):
        return json.loads(value)
    return value


def _record(row: dict[str, Any], members: list[str]) -> dict[str, Any]:
    record = {key: _decoded(key, value) for key, value in row["record"].items() if key not in RUN_ONLY}
    return {"cluster_id": row["cluster_id"], **record, "accounts": members}


def _members(rows: list[dict[str, Any]]) -> pl.DataFrame:
    flat = [{**{k: v for k, v in row["profile"].items() if k not in LATEST_RUN}, "anonymity_score": None,
             **row["figures"], "account_id": row["account_id"], "cluster_id": row["cluster_id"]} for row in rows]
    for member in flat:
        member.pop("run_id", None)
        factors = member.get("anonymity_factors")
        if isinstance(factors, list):
            member["anonymity_factors"] = ";".join(factors)
    if not flat:
        return pl.DataFrame(schema={"account_id": pl.String, "cluster_id": pl.Int64})
    return pl.DataFrame(flat, infer_schema_length=None)


def _edges(rows: list[dict[str, Any]]) -> pl.DataFrame:
    flat = [{**{k: v for k, v in row["figures"].items() if k != "run_id"}, "account_a": row["account_a"],
             "account_b": row["account_b"]} for row in rows]
    if not flat:
        return pl.DataFrame(schema={"account_a": pl.String, "account_b": pl.String})
    return pl.DataFrame(flat, infer_schema_length=None)


def _evidence(shares: pl.DataFrame, edges: pl.DataFrame, params: dict[str, Any], window_s: float) -> pl.DataFrame:
    if shares.height == 0 or edges.height == 0:
        return pl.DataFrame(schema={name: EVIDENCE_COLUMNS.get(name, pl.String()) for name in EVIDENCE_ORDER})
    if params.get("method") == "coortweet":
        pairs = coortweet.detect_groups(shares, window_s=window_s,
                                        min_participation=int(params.get("min_participation") or 2))
        return pair_evidence(pairs, shares)
    return edge_evidence(shares, encode_events(shares), edges.select("account_a", "account_b"), window_s=window_s)
