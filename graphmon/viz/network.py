"""The coordination network: which accounts and edges to draw within stated limits, and the
figure (accounts coloured by cluster, sized by strength, clusters packed apart)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from graphmon.viz.data import ReportData
from graphmon.viz.text import escape_expr, handle_expr
from graphmon.viz.theme import PALETTE, Figure, base_layout, figure, palette_scale, update_layout

NODE_META = "accounts"
EDGE_META = "edges"
HOVER = ("%{text}<br>%{customdata[3]}<br>cluster #%{customdata[0]} · anonymity %{customdata[1]}"
         " · %{customdata[2]} shares<extra></extra>")


@dataclass(frozen=True)
class NetworkLimits:
    """How much of the network a figure draws.

    Clusters are taken in rank order until ``max_clusters`` or ``max_nodes`` accounts are
    reached (the first cluster is always drawn, cut to its ``max_nodes`` strongest accounts);
    of the edges inside the drawn clusters the ``max_edges`` heaviest are drawn. WebGL
    (``Scattergl``) is used from ``webgl_from`` accounts on.
    """

    max_clusters: int = 500
    max_nodes: int = 20_000
    max_edges: int = 40_000
    webgl_from: int = 1_000
    labelled_clusters: int = 20


@dataclass(frozen=True)
class NetworkSelection:
    """The accounts and edges to draw, and plain sentences saying what was left out."""

    nodes: pl.DataFrame
    edges: pl.DataFrame
    cluster_ids: list[int]
    notes: tuple[str, ...]


def select_network(data: ReportData, *, cluster_ids: Sequence[int] | None = None,
                   limits: NetworkLimits = NetworkLimits()) -> NetworkSelection:
    """The part of the network to draw: the clusters ``cluster_ids`` (default: all, in rank
    order) within ``limits``."""
    sizes = {c["cluster_id"]: c["size"] for c in data.clusters}
    wanted = list(sizes) if cluster_ids is None else [c for c in cluster_ids if c in sizes]
    chosen = _clusters_within(wanted, sizes, limits)
    members = _members(data.accounts, chosen, limits.max_nodes)
    inside = _internal(data.edges, members)
    drawn = inside.sort("weight", descending=True).head(limits.max_edges)
    notes = _left_out_notes(wanted, chosen, sizes, members.height, inside.height, drawn.height,
                            _between(data.edges, members))
    return NetworkSelection(nodes=members, edges=drawn, cluster_ids=chosen, notes=notes)


def _clusters_within(wanted: list[int], sizes: dict[int, int], limits: NetworkLimits) -> list[int]:
    chosen: list[int] = []
    total = 0
    for cid in wanted[: limits.max_clusters]:
        if chosen and total + sizes[cid] > limits.max_nodes:
            break
        chosen.append(cid)
        total += sizes[cid]
    return chosen


def _members(accounts: pl.DataFrame, chosen: list[int], max_nodes: int) -> pl.DataFrame:
    order = pl.DataFrame({"cluster_id": chosen}, schema={"cluster_id": pl.Int64}).with_row_index("slot")
    return (accounts.join(order, on="cluster_id").sort(["slot", "strength", "account_id"], descending=[False, True, False])
            .head(max_nodes).with_columns(handle_expr())
            .select("account_id", "cluster_id", "slot", "handle", "display_name", "anonymity_score", "shares", "strength"))


def _internal(edges: pl.DataFrame, members: pl.DataFrame) -> pl.DataFrame:
    ids = members.select("account_id", "cluster_id")
    return (edges.join(ids.rename({"account_id": "account_a"}), on="account_a")
            .join(ids.rename({"account_id": "account_b", "cluster_id": "cluster_b"}), on="account_b")
            .filter(pl.col("cluster_id") == pl.col("cluster_b")).select("account_a", "account_b", "weight"))


def _between(edges: pl.DataFrame, members: pl.DataFrame) -> int:
    ids = members.select("account_id", "cluster_id")
    joined = (edges.join(ids.rename({"account_id": "account_a"}), on="account_a")
              .join(ids.rename({"account_id": "account_b", "cluster_id": "cluster_b"}), on="account_b"))
    return int(joined.filter(pl.col("cluster_id") != pl.col("cluster_b")).height)


def _left_out_notes(wanted: list[int], chosen: list[int], sizes: dict[int, int], n_nodes: int,
                    n_inside: int, n_drawn: int, n_between: int) -> tuple[str, ...]:
    notes = []
    total = sum(sizes[c] for c in wanted)
    if len(chosen) < len(wanted) or n_nodes < total:
        notes.append(f"Drawn: the top {len(chosen):,} of {len(wanted):,} clusters, {n_nodes:,} of {total:,} "
                     f"clustered accounts; the rest are in clusters.json and accounts.csv.")
    if n_drawn < n_inside:
        notes.append(f"Edges: the {n_drawn:,} heaviest of {n_inside:,} edges inside the drawn clusters; "
                     f"all are in edges.csv.")
    if n_between:
        notes.append(f"{n_between:,} edges between different clusters are not drawn.")
    return tuple(notes)


def network_figure(selection: NetworkSelection, positions: pl.DataFrame, *, highlight: int | None = None,
                   limits: NetworkLimits = NetworkLimits(), height: int = 640, account_ids: bool = False) -> Figure:
    """The network of ``selection`` at ``positions`` (``account_id, x, y``, from
    :func:`graphmon.viz.layout.pack_clusters`); ``highlight`` rings one cluster's accounts.

    Each account's ``customdata`` is ``[cluster_id, anonymity, shares, display name]`` and, with
    ``account_ids``, its raw ``account_id`` fifth (for click handlers; never shown)."""
    nodes = selection.nodes.join(positions.select("account_id", "x", "y"), on="account_id")
    webgl = nodes.height >= limits.webgl_from
    fig = figure(base_layout(height=height, legend=False), _edge_trace(selection.edges, nodes, webgl=webgl),
                 _node_trace(nodes, webgl=webgl, account_ids=account_ids))
    if highlight is not None:
        fig["data"].append(_ring_trace(nodes.filter(pl.col("cluster_id") == highlight), webgl=webgl))
    return update_layout(fig, annotations=_cluster_labels(nodes, limits.labelled_clusters), dragmode="pan",
                         xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"},
                         margin={"l": 10, "r": 10, "t": 10, "b": 10})


def _scatter(webgl: bool, **kwargs: Any) -> dict[str, Any]:
    return {"type": "scattergl" if webgl else "scatter", **kwargs}


def _edge_trace(edges: pl.DataFrame, nodes: pl.DataFrame, *, webgl: bool) -> dict[str, Any]:
    xy = nodes.select("account_id", "x", "y")
    ends = (edges.join(xy.rename({"account_id": "account_a", "x": "xa", "y": "ya"}), on="account_a")
            .join(xy.rename({"account_id": "account_b", "x": "xb", "y": "yb"}), on="account_b"))
    gap = np.full(ends.height, np.nan)
    x = np.column_stack((ends["xa"].to_numpy(), ends["xb"].to_numpy(), gap)).ravel().astype(np.float32)
    y = np.column_stack((ends["ya"].to_numpy(), ends["yb"].to_numpy(), gap)).ravel().astype(np.float32)
    return _scatter(webgl, x=x, y=y, mode="lines", meta=EDGE_META, name="edges", hoverinfo="skip",
                    line={"width": 0.6, "color": "rgba(120,120,140,0.35)"}, showlegend=False)


def _node_trace(nodes: pl.DataFrame, *, webgl: bool, account_ids: bool) -> dict[str, Any]:
    strength = nodes["strength"].fill_null(0).to_numpy().astype(float)
    base, span = (3, 7) if nodes.height > 5_000 else (5, 13)  # smaller marks when many are drawn
    size = base + span * np.sqrt(strength / max(float(strength.max(initial=0.0)), 1.0))
    hover = nodes.select(
        escape_expr(pl.col("handle")).alias("text"),
        pl.col("cluster_id"),
        pl.col("anonymity_score").round(2).cast(pl.String).fill_null("n/a").alias("anonymity"),
        pl.col("shares").fill_null(0),
        escape_expr(pl.col("display_name")).alias("display"),
        pl.col("account_id"),
    )
    custom = ["cluster_id", "anonymity", "shares", "display"] + (["account_id"] if account_ids else [])
    return _scatter(
        webgl, x=nodes["x"].to_numpy().astype(np.float32), y=nodes["y"].to_numpy().astype(np.float32),
        mode="markers", meta=NODE_META, name="accounts", text=hover["text"].to_list(),
        customdata=hover.select(custom).rows(), hovertemplate=HOVER,
        marker={"size": size.astype(np.float32), "color": (nodes["slot"].to_numpy() % len(PALETTE)).astype(np.int8),
                "colorscale": palette_scale(), "cmin": 0, "cmax": len(PALETTE) - 1,
                "line": {"width": 0.5, "color": "white"}, "opacity": 0.9},
        unselected={"marker": {"opacity": 0.12}}, showlegend=False,
    )


def _ring_trace(nodes: pl.DataFrame, *, webgl: bool) -> dict[str, Any]:
    return _scatter(webgl, x=nodes["x"].to_numpy().astype(np.float32), y=nodes["y"].to_numpy().astype(np.float32),
                    mode="markers", meta="highlight", name="selected cluster", hoverinfo="skip", showlegend=False,
                    marker={"size": 16, "color": "rgba(0,0,0,0)", "line": {"width": 2, "color": "#111"}})


def _cluster_labels(nodes: pl.DataFrame, count: int) -> list[dict[str, Any]]:
    tops = (nodes.group_by("cluster_id", "slot").agg(pl.col("x").mean(), pl.col("y").max())
            .sort("slot").head(count))
    return [{"x": x, "y": y, "text": f"#{cid}", "showarrow": False, "yshift": 12,
             "font": {"size": 11, "color": "#333"}} for cid, _, x, y in tops.iter_rows()]
