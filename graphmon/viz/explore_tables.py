"""Rows for the explorer's tables and its evidence exports (plain values: Dash shows them as text)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Literal

import polars as pl

from graphmon.viz.data import ReportData
from graphmon.viz.filters import ViewFilter, filter_evidence
from graphmon.viz.text import handle_expr

CLUSTER_COLUMNS = ("cluster_id", "size", "coordination", "anonymity", "kind", "platforms", "object_types",
                   "first_share", "last_share", "reason")
MEMBER_COLUMNS = ("account_id", "handle", "display_name", "anonymity", "factors", "shares", "strength")
ORIGIN_COLUMNS = {"object_id": "object", "object_type": "type", "shares": "shares", "members": "members",
                  "source": "likely source", "where": "source is", "first_shared": "first shared (UTC)",
                  "delays": "members followed after, s (min / median / max)"}


def cluster_rows(clusters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One table row per cluster record; ``id`` is the cluster id (Dash uses it as the row id)."""
    return [{
        "id": c["cluster_id"], "cluster_id": c["cluster_id"], "size": c["size"],
        "coordination": _round(c.get("coordination_score")), "anonymity": _round(c.get("anonymity_score")),
        "kind": c.get("kind", ""), "platforms": ", ".join(c.get("platforms") or []),
        "object_types": ", ".join(f"{k} {v}" for k, v in (c.get("object_types") or {}).items()),
        "first_share": (c.get("first_share") or "")[:16].replace("T", " "),
        "last_share": (c.get("last_share") or "")[:16].replace("T", " "), "reason": c.get("reason", ""),
    } for c in clusters]


def member_rows(members: pl.DataFrame) -> list[dict[str, Any]]:
    """One row per account of a cluster (from :func:`graphmon.viz.cluster.cluster_members`)."""
    table = members.select(
        pl.col("account_id").alias("id"), "account_id", "handle", pl.col("display_name").fill_null(""),
        pl.col("anonymity_score").round(2).alias("anonymity"),
        pl.col("anonymity_factors").fill_null("").str.replace_all(";", ", ").alias("factors"),
        "shares", pl.col("strength").round(2),
    )
    return table.to_dicts()


def account_profile(data: ReportData, account_id: str) -> dict[str, Any] | None:
    """The account's row of ``accounts.csv`` with its handle, or ``None`` when unknown."""
    found = data.accounts.filter(pl.col("account_id") == account_id).with_columns(handle_expr())
    return found.row(0, named=True) if found.height else None


def account_shares(data: ReportData, account_id: str, view: ViewFilter = ViewFilter()) -> list[dict[str, Any]]:
    """The account's co-shares: each of its shares in the evidence, with the accounts that
    shared the same object within the window, newest first."""
    evidence = filter_evidence(data.evidence, view)
    mine = pl.concat([
        evidence.filter(pl.col("account_a") == account_id).select(
            pl.col("content_id_a").alias("content_id"), "object_type", "object_id",
            pl.col("timestamp_a").alias("timestamp"), pl.col("account_b").alias("with")),
        evidence.filter(pl.col("account_b") == account_id).select(
            pl.col("content_id_b").alias("content_id"), "object_type", "object_id",
            pl.col("timestamp_b").alias("timestamp"), pl.col("account_a").alias("with")),
    ])
    grouped = (mine.group_by("content_id", "object_type", "object_id", "timestamp")
               .agg(pl.col("with").unique().sort().alias("with")).sort("timestamp", descending=True))
    return [{**row, "time": _iso(row["timestamp"]), "co_sharers": len(row["with"]), "with": ", ".join(row["with"][:20])}
            for row in grouped.drop_nulls("timestamp").iter_rows(named=True)]


def account_neighbours(data: ReportData, account_id: str) -> list[dict[str, Any]]:
    """The accounts joined to ``account_id`` by a reported edge, heaviest first."""
    edges = data.edges.filter((pl.col("account_a") == account_id) | (pl.col("account_b") == account_id))
    other = pl.when(pl.col("account_a") == account_id).then("account_b").otherwise("account_a")
    table = (edges.select(other.alias("account_id"), "weight", "co_shares", "median_delta_s")
             .join(data.accounts.select("account_id", "cluster_id", "screen_name"), on="account_id", how="left")
             .with_columns(handle_expr(), pl.col("median_delta_s").round(1))
             .sort(["weight", "account_id"], descending=[True, False]))
    return table.select("account_id", "handle", "cluster_id", "weight", "co_shares", "median_delta_s").to_dicts()


def evidence_export(evidence: pl.DataFrame, *, fmt: Literal["csv", "json"], meta: dict[str, Any]) -> str:
    """``evidence`` as CSV (the ``evidence.csv`` columns) or as JSON with ``meta`` (the cluster
    and the filters that were applied) beside the rows."""
    if fmt == "csv":
        return evidence.write_csv()
    return json.dumps({**meta, "rows": evidence.height, "evidence": evidence.to_dicts()}, ensure_ascii=False, indent=1)


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
