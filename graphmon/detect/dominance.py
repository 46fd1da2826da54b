"""Whether a cluster *is* the burst or only part of a crowd.

An organised network makes the bursts it pushes: around the moments its members share an
object, nearly all shares of that object are theirs. A handful of fans picked out of a fan base,
or of a crowd live-posting a broadcast, are only a few of the many accounts sharing the same post
in the same minutes. ``dominance`` is the members' co-shares (member shares within the window of another member's
share of the same object) over all shares of those objects from one window before the first such
member share to one window after the last.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from graphmon.detect.encode import EncodedEvents


def cluster_dominance(clusters: list[np.ndarray], encoded: EncodedEvents, *, window_s: float) -> list[float]:
    """Dominance of each cluster (account codes of ``encoded``), in [0, 1]."""
    if not clusters:
        return []
    membership = pl.DataFrame({
        "account": np.concatenate(clusters).astype(np.int32),
        "cluster": np.repeat(np.arange(len(clusters)), [len(c) for c in clusters]),
    })
    shares = pl.DataFrame({"account": encoded.account, "obj": encoded.obj, "t": encoded.timestamp})
    pushed = (
        _burst_shares(shares.join(membership, on="account"), window_s)
        .group_by("cluster", "obj")
        .agg(pl.len().alias("members"), pl.col("t").min().alias("start"), pl.col("t").max().alias("end"))
    )
    around = (
        shares.join(pushed.select("cluster", "obj", "start", "end"), on="obj")
        .filter((pl.col("t") >= pl.col("start") - window_s) & (pl.col("t") <= pl.col("end") + window_s))
        .group_by("cluster", "obj").agg(pl.len().alias("all"))
    )
    totals = pushed.join(around, on=["cluster", "obj"]).group_by("cluster").agg(
        pl.col("members").sum().cast(pl.Float64), pl.col("all").sum().cast(pl.Float64)
    )
    ratio = dict(zip(totals["cluster"].to_list(), (totals["members"] / totals["all"]).to_list()))
    return [float(ratio.get(i, 0.0)) for i in range(len(clusters))]


def _burst_shares(member_shares: pl.DataFrame, window_s: float) -> pl.DataFrame:
    """The members' shares that lie within the window of another member's share of the same
    object: the co-shares the cluster was found by, not its members' other activity."""
    ordered = member_shares.sort("cluster", "obj", "t")
    group = ["cluster", "obj"]
    near_previous = ((pl.col("t") - pl.col("t").shift(1).over(group)) <= window_s) & (
        pl.col("account") != pl.col("account").shift(1).over(group))
    near_next = ((pl.col("t").shift(-1).over(group) - pl.col("t")) <= window_s) & (
        pl.col("account") != pl.col("account").shift(-1).over(group))
    return ordered.filter(near_previous.fill_null(False) | near_next.fill_null(False))
