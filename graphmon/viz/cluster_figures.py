"""Figures of one cluster: its co-share timeline, the objects it pushed, when its accounts were
created, why they look anonymous, and which account shared which object.

Each takes the cluster's shares (:func:`graphmon.viz.cluster.evidence_shares`) and/or members
(:func:`graphmon.viz.cluster.cluster_members`) and returns a small figure (plain plotly data, see
:data:`graphmon.viz.theme.Figure`); every string from the data is escaped first.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from graphmon.viz.cluster import account_labels, object_labels
from graphmon.viz.text import escape_text, shorten
from graphmon.viz.theme import PALETTE, Figure, base_layout, empty_figure, figure, update_layout

DAY_S = 86_400.0
NAMED_OBJECTS = 8


def timeline_figure(shares: pl.DataFrame, members: pl.DataFrame, *, max_accounts: int = 50,
                    max_marks: int = 3_000) -> Figure:
    """Account × time, one mark per share; shares of the same object line up in the same colour,
    so synchronised bursts show as vertical columns."""
    if shares.height == 0:
        return empty_figure("Co-share timeline", "No co-shares in the selected range.")
    labels = account_labels(members)
    active = shares.group_by("account_id").agg(pl.len().alias("n"), pl.col("timestamp").min().alias("first"))
    kept = active.sort(["n", "account_id"], descending=[True, False]).head(max_accounts).sort("first", "account_id")
    ranked = _object_rank(shares)
    marks = (shares.join(kept.select("account_id"), on="account_id", how="semi").join(ranked, on=["object_type", "object_id"])
             .sort("rank", "timestamp").head(max_marks))
    order = [labels.get(a, escape_text(a)) for a in kept["account_id"].to_list()]
    fig = figure(base_layout(height=min(140 + 16 * len(order), 900),
                             title=_title("Co-share timeline", marks.height, shares.height, "shares")))
    for rank in range(NAMED_OBJECTS + 1):
        part = marks.filter(pl.col("rank") == rank) if rank < NAMED_OBJECTS else marks.filter(pl.col("rank") >= rank)
        if part.height:
            fig["data"].append(_timeline_trace(part, labels, rank))
    return update_layout(fig, xaxis={"type": "date", "title": None},
                         yaxis={"type": "category", "categoryorder": "array", "categoryarray": order,
                                "autorange": "reversed", "automargin": True, "title": None},
                         legend={"title": {"text": "object"}, "font": {"size": 10}}, hovermode="closest")


def _object_rank(shares: pl.DataFrame) -> pl.DataFrame:
    return (shares.group_by("object_type", "object_id").agg(pl.len().alias("n"), pl.col("timestamp").min().alias("first"))
            .sort(["n", "first", "object_id"], descending=[True, False, False]).with_row_index("rank")
            .select("object_type", "object_id", pl.col("rank").cast(pl.Int64)))


def _timeline_trace(part: pl.DataFrame, labels: dict[str, str], rank: int) -> dict[str, Any]:
    y = [labels.get(a, escape_text(a)) for a in part["account_id"].to_list()]
    x = (part["timestamp"].to_numpy() * 1000.0).astype(np.float64)
    named = rank < NAMED_OBJECTS
    colour = PALETTE[rank % len(PALETTE)] if named else "#999"
    marker = {"size": 9, "opacity": 0.85, "symbol": "line-ns-open", "color": colour,
              "line": {"width": 2, "color": colour}}
    # Object ids reach the hover through ``text`` only: in the template, an id holding "%{…}"
    # would be filled in by plotly.
    hover = "%{y}<br>%{x|%Y-%m-%d %H:%M:%S}<br>%{text}<extra></extra>"
    if named:
        name = object_labels([part["object_id"][0]], limit=36)[0]
        return {"type": "scatter", "x": x, "y": y, "mode": "markers", "marker": marker, "name": name,
                "text": [name] * part.height, "hovertemplate": hover}
    ids = part["object_id"].to_list()
    distinct = list(dict.fromkeys(ids))
    label_of = dict(zip(distinct, object_labels(distinct, limit=60)))  # one label per object, not per share
    return {"type": "scatter", "x": x, "y": y, "mode": "markers", "marker": marker, "name": "other objects",
            "text": [label_of[o] for o in ids], "hovertemplate": hover}


def objects_figure(shares: pl.DataFrame, *, top: int = 15) -> Figure:
    """The objects the cluster pushed: how many of its accounts co-shared each, by object type."""
    if shares.height == 0:
        return empty_figure("Objects pushed", "No co-shares in the selected range.")
    counts = (shares.group_by("object_type", "object_id")
              .agg(pl.col("account_id").n_unique().alias("accounts"), pl.len().alias("shares"))
              .sort(["accounts", "shares", "object_id"], descending=[True, True, False]))
    shown = counts.head(top).with_columns(pl.Series("label", object_labels(counts.head(top)["object_id"].to_list())))
    title = _title("Objects pushed (accounts that co-shared each)", shown.height, counts.height, "objects")
    fig = figure(base_layout(height=max(220, 60 + 22 * shown.height), title=title))
    for i, ((kind,), part) in enumerate(shown.group_by(["object_type"], maintain_order=True)):
        full = [escape_text(shorten(o, 120)) for o in part["object_id"].to_list()]
        fig["data"].append({
            "type": "bar", "x": part["accounts"].to_numpy(), "y": part["label"].to_list(), "orientation": "h",
            "name": escape_text(kind), "marker": {"color": PALETTE[i % len(PALETTE)]},
            "customdata": [list(pair) for pair in zip(full, part["shares"].to_list())],
            "hovertemplate": "%{customdata[0]}<br>%{x} accounts, %{customdata[1]} shares<extra></extra>"})
    return update_layout(fig, yaxis={"type": "category", "categoryorder": "array",
                                     "categoryarray": shown["label"].to_list(), "autorange": "reversed",
                                     "automargin": True},
                         xaxis={"title": {"text": "accounts"}}, barmode="stack", legend={"title": {"text": "type"}})


def creation_figure(members: pl.DataFrame) -> Figure:
    """When the cluster's accounts were created (a burst of new accounts is a warning sign)."""
    created = members["created_at"].drop_nulls()
    if created.len() == 0:
        return empty_figure("Account creation", "No member's profile gives a creation date.")
    seconds = created.to_numpy().astype(float)
    step = _bin_step(float(seconds.max() - seconds.min()))
    starts, counts = np.unique(np.floor(seconds / step) * step, return_counts=True)
    title = f"Account creation ({created.len()} of {members.height} accounts with a date; bins of {_step_name(step)})"
    bars = {"type": "bar", "x": starts * 1000.0, "y": counts, "marker": {"color": PALETTE[0]},
            "width": step * 1000.0 * 0.9, "hovertemplate": "%{x|%Y-%m-%d}: %{y} accounts<extra></extra>"}
    return update_layout(figure(base_layout(height=260, title=title, legend=False), bars),
                         xaxis={"type": "date"}, yaxis={"title": {"text": "accounts"}}, bargap=0.05)


def _bin_step(span_s: float) -> float:
    if span_s <= 120 * DAY_S:
        return DAY_S
    if span_s <= 3 * 365 * DAY_S:
        return 7 * DAY_S
    return 30 * DAY_S


def _step_name(step: float) -> str:
    return {DAY_S: "a day", 7 * DAY_S: "a week"}.get(step, "30 days")


def anonymity_figure(members: pl.DataFrame) -> Figure:
    """The anonymity factors among the cluster's accounts: share of accounts showing each."""
    scored = members.filter(pl.col("anonymity_score").is_not_null())
    if scored.height == 0:
        return empty_figure("Anonymity factors", "No profile data: anonymity unknown.")
    factors = (scored.select(pl.col("anonymity_factors").fill_null("").str.split(";").alias("factor")).explode("factor")
               .filter(pl.col("factor") != "").group_by("factor").len()
               .sort(["len", "factor"], descending=[True, False]))
    mean = float(scored["anonymity_score"].mean())  # type: ignore[arg-type]
    title = f"Anonymity factors (mean score {mean:.2f}; {scored.height} of {members.height} accounts with a profile)"
    share = factors["len"].to_numpy() / scored.height
    bars = {"type": "bar", "x": share, "y": [escape_text(f.replace("_", " ")) for f in factors["factor"].to_list()],
            "orientation": "h", "marker": {"color": PALETTE[2]}, "customdata": factors["len"].to_numpy(),
            "hovertemplate": "%{y}: %{customdata} accounts (%{x:.0%})<extra></extra>"}
    return update_layout(figure(base_layout(height=max(220, 80 + 24 * factors.height), title=title, legend=False),
                                bars),
                         xaxis={"tickformat": ".0%", "range": [0, 1], "title": {"text": "share of accounts"}},
                         yaxis={"autorange": "reversed", "automargin": True})


def heatmap_figure(shares: pl.DataFrame, members: pl.DataFrame, *, max_accounts: int = 40,
                   max_objects: int = 40) -> Figure:
    """Account × object: how many times each account shared each object in co-shares."""
    if shares.height == 0:
        return empty_figure("Accounts × objects", "No co-shares in the selected range.")
    top_accounts = shares.group_by("account_id").len().sort(["len", "account_id"], descending=[True, False]).head(max_accounts)
    top_objects = (shares.group_by("object_type", "object_id").agg(pl.col("account_id").n_unique().alias("n"))
                   .sort(["n", "object_id"], descending=[True, False]).head(max_objects).with_row_index("col"))
    rows = top_accounts.select("account_id").with_row_index("row")
    cells = (shares.join(rows, on="account_id").join(top_objects, on=["object_type", "object_id"])
             .group_by("row", "col").len())
    z = np.zeros((rows.height, top_objects.height), dtype=np.int32)
    z[cells["row"].to_numpy(), cells["col"].to_numpy()] = cells["len"].to_numpy()
    labels = account_labels(members)
    y = [labels.get(a, escape_text(a)) for a in rows["account_id"].to_list()]
    x = object_labels(top_objects["object_id"].to_list(), limit=28)
    n_accounts, n_objects = shares["account_id"].n_unique(), shares.select("object_type", "object_id").n_unique()
    title = f"Accounts × objects (top {rows.height} of {n_accounts} accounts, {top_objects.height} of {n_objects} objects)"
    cells_trace = {"type": "heatmap", "z": z, "x": x, "y": y, "colorscale": "Blues", "zmin": 0, "xgap": 1, "ygap": 1,
                   "hovertemplate": "%{y}<br>%{x}<br>%{z} shares<extra></extra>", "colorbar": {"thickness": 10}}
    return update_layout(figure(base_layout(height=min(180 + 16 * len(y), 900), title=title, legend=False),
                                cells_trace),
                         xaxis={"type": "category", "tickangle": -45, "automargin": True, "showgrid": False},
                         yaxis={"type": "category", "autorange": "reversed", "automargin": True, "showgrid": False})


def _title(text: str, shown: int, total: int, noun: str) -> str:
    return text if shown >= total else f"{text}: {shown:,} of {total:,} {noun} shown"
