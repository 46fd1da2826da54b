"""What the HTML report shows: the cluster table rows, the network and the top clusters' figures,
as plain values for the template (which escapes every string itself)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import polars as pl

from graphmon.viz.cluster import cluster_evidence, cluster_members, evidence_shares, origin_rows, source_handles
from graphmon.viz.cluster_figures import (anonymity_figure, creation_figure, heatmap_figure, objects_figure,
                                          timeline_figure)
from graphmon.viz.data import ReportData
from graphmon.viz.layout import cluster_layouts, pack_clusters
from graphmon.viz.network import NetworkLimits, network_figure, select_network
from graphmon.viz.text import shorten
from graphmon.viz.theme import Figure


@dataclass(frozen=True)
class PageLimits:
    """How much the report page shows; everything beyond is in the report's CSV and JSON files."""

    network: NetworkLimits = NetworkLimits()
    top_clusters: int = 10
    table_rows: int = 500
    members_listed: int = 200


def network_view(data: ReportData, limits: NetworkLimits) -> tuple[Figure, tuple[str, ...], int]:
    """The network figure of the whole report, the notes on what it leaves out, and how many
    accounts it draws."""
    selection = select_network(data, limits=limits)
    seed = int(data.document.get("params", {}).get("seed", 42))
    local = cluster_layouts(selection.nodes.select("account_id", "cluster_id"), selection.edges, seed=seed)
    positions = pack_clusters(local, selection.cluster_ids)
    return network_figure(selection, positions, limits=limits), selection.notes, selection.nodes.height


def table_rows(data: ReportData, limit: int, detailed: set[int]) -> list[dict[str, Any]]:
    """One row per cluster for the ranked table (raw strings: the template escapes them)."""
    rows = []
    for record in data.clusters[:limit]:
        top = record.get("top_objects") or []
        rows.append({
            "cluster_id": record["cluster_id"],
            "size": record["size"],
            "coordination": _number(record.get("coordination_score")),
            "anonymity": _number(record.get("anonymity_score")),
            "kind": record.get("kind", ""),
            "platforms": ", ".join(record.get("platforms") or []),
            "object_types": ", ".join(f"{k} {v}" for k, v in (record.get("object_types") or {}).items()),
            "first_share": _day(record.get("first_share")),
            "last_share": _day(record.get("last_share")),
            "top_object": shorten(str(top[0]["object_id"]), 40) if top else "",
            "top_object_full": str(top[0]["object_id"]) if top else "",
            "reason": record.get("reason", ""),
            "detailed": record["cluster_id"] in detailed,
        })
    return rows


def cluster_sections(data: ReportData, limits: PageLimits) -> list[dict[str, Any]]:
    """The detail section of each top cluster: its record, members and five figures."""
    sections = []
    top = data.clusters[: limits.top_clusters]
    handles = source_handles(data, top)  # sources outside the clusters too, before narrowing
    data = _narrowed(data, [record["cluster_id"] for record in top])
    for record in top:
        cid = record["cluster_id"]
        members = cluster_members(data, cid)
        shares = evidence_shares(cluster_evidence(data, cid))
        figures = {
            "timeline": timeline_figure(shares, members),
            "objects": objects_figure(shares),
            "heatmap": heatmap_figure(shares, members),
            "creation": creation_figure(members),
            "anonymity": anonymity_figure(members),
        }
        sections.append({"record": record, "figures": figures, "members": _member_rows(members, limits.members_listed),
                         "co_shares": shares.height, "origins": origin_rows(record, handles)})
    return sections


def _narrowed(data: ReportData, cluster_ids: list[int]) -> ReportData:
    """``data`` with only the accounts of ``cluster_ids`` and the evidence between them (one pass
    over the evidence instead of one per cluster)."""
    accounts = data.accounts.filter(pl.col("cluster_id").is_in(cluster_ids))
    ids = accounts.select("account_id")
    evidence = (data.evidence.join(ids.rename({"account_id": "account_a"}), on="account_a", how="semi")
                .join(ids.rename({"account_id": "account_b"}), on="account_b", how="semi"))
    return replace(data, accounts=accounts, evidence=evidence)


def _member_rows(members: pl.DataFrame, limit: int) -> dict[str, Any]:
    shown = members.head(limit).select("account_id", "handle", "display_name", "anonymity_score", "shares",
                                       "strength", "anonymity_factors")
    rows = [{**row, "anonymity": _number(row["anonymity_score"]),
             "factors": (row["anonymity_factors"] or "").replace(";", ", ").replace("_", " ")}
            for row in shown.iter_rows(named=True)]
    return {"rows": rows, "total": members.height}


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _day(iso: str | None) -> str:
    return "" if not iso else str(iso)[:16].replace("T", " ")
