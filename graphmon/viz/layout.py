"""Positions for the coordination network: each cluster laid out on its own (igraph,
Fruchterman-Reingold), then the clusters packed row by row in rank order so they stay apart.

Local layouts are computed once and cached by callers; packing them is cheap, so a filtered view
re-packs only the clusters it shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import igraph as ig
import numpy as np
import polars as pl

from graphmon.detect.clusters import seeded_random

SMALL_CLUSTER = 100  # above this, FR uses its grid approximation and fewer iterations
LARGE_CLUSTER = 1_000  # above this, fewer still
GAP = 1.0  # space between packed clusters, in units of a cluster of one account
ASPECT = 1.6  # width / height of the packed area, about that of the network figure


def cluster_layouts(members: pl.DataFrame, edges: pl.DataFrame, *, seed: int = 42) -> pl.DataFrame:
    """``account_id, cluster_id, x, y``: each cluster's own layout, centred on 0 and scaled to a
    disc of radius ``sqrt(size)`` (so area grows with the number of accounts).

    ``members`` has ``account_id, cluster_id``; ``edges`` has ``account_a, account_b`` (edges
    between clusters are ignored).

    >>> m = pl.DataFrame({"account_id": ["a", "b", "c"], "cluster_id": [0, 0, 0]})
    >>> e = pl.DataFrame({"account_a": ["a", "b"], "account_b": ["b", "c"]})
    >>> cluster_layouts(m, e).height
    3
    """
    members = members.select("account_id", "cluster_id").unique("account_id", keep="first").sort("cluster_id", "account_id")
    coded = members.with_columns(pl.int_range(pl.len()).over("cluster_id").alias("local"))
    internal = _internal_edges(coded, edges)
    by_cluster = {key[0]: part for key, part in internal.partition_by("cluster_id", as_dict=True).items()}
    sizes = coded.group_by("cluster_id", maintain_order=True).len()
    blocks = []
    with seeded_random(seed):
        for cluster_id, size in sizes.iter_rows():
            part = by_cluster.get(cluster_id)
            pairs = np.empty((0, 2), dtype=np.int64) if part is None else part.select("a", "b").to_numpy()
            blocks.append(_local_layout(size, pairs, seed=seed + cluster_id))
    xy = np.vstack(blocks) if blocks else np.empty((0, 2))
    return coded.drop("local").with_columns(pl.Series("x", xy[:, 0]), pl.Series("y", xy[:, 1]))


def _internal_edges(coded: pl.DataFrame, edges: pl.DataFrame) -> pl.DataFrame:
    left = coded.rename({"account_id": "account_a", "local": "a"})
    right = coded.rename({"account_id": "account_b", "local": "b", "cluster_id": "cluster_b"})
    return (edges.select("account_a", "account_b").join(left, on="account_a").join(right, on="account_b")
            .filter(pl.col("cluster_id") == pl.col("cluster_b")).select("cluster_id", "a", "b"))


def _local_layout(size: int, pairs: np.ndarray, *, seed: int) -> np.ndarray:
    """Coordinates of one cluster, centred, in a disc of radius ``sqrt(size)``."""
    if size == 1:
        return np.zeros((1, 2))
    if size == 2:
        return np.array([[-0.7, 0.0], [0.7, 0.0]])
    graph = ig.Graph(n=size, edges=pairs.tolist(), directed=False)
    # Start spread over a box of side ~sqrt(size), as igraph does: FR's grid needs the spread.
    half = math.sqrt(size)
    start = np.random.default_rng(seed).uniform(-half, half, (size, 2)).tolist()
    if size <= SMALL_CLUSTER:
        coords = graph.layout_fruchterman_reingold(seed=start, niter=300, grid=False)
    else:
        niter = 150 if size <= LARGE_CLUSTER else 80
        coords = graph.layout_fruchterman_reingold(seed=start, niter=niter, grid=True)
    return _fit_disc(np.asarray(coords.coords, dtype=float), math.sqrt(size))


def _fit_disc(xy: np.ndarray, radius: float) -> np.ndarray:
    """``xy`` centred and scaled so that 90% of points lie within ``radius`` and the few far
    outliers (loosely tied accounts) sit on its rim instead of shrinking everyone else."""
    xy = xy - np.median(xy, axis=0)
    distance = np.sqrt((xy ** 2).sum(axis=1))
    scale = float(np.quantile(distance, 0.9)) or float(distance.max()) or 1.0
    xy = xy / scale
    distance = distance / scale
    far = distance > 1.0
    xy[far] /= distance[far, None]
    xy -= xy.mean(axis=0)
    return xy * (radius / max(float(np.sqrt((xy ** 2).sum(axis=1)).max()), 1e-9))


def pack_clusters(layouts: pl.DataFrame, order: Sequence[int]) -> pl.DataFrame:
    """``layouts`` (from :func:`cluster_layouts`) restricted to the clusters in ``order`` and moved
    so that they sit in rows, left to right and top to bottom in that order, none overlapping."""
    chosen = pl.DataFrame({"cluster_id": list(order)}, schema={"cluster_id": pl.Int64}).with_row_index("slot")
    parts = layouts.join(chosen, on="cluster_id")
    sizes = parts.group_by("cluster_id").len().join(chosen, on="cluster_id").sort("slot")
    radii = np.sqrt(sizes["len"].to_numpy().astype(float)) + GAP / 2
    offsets = _shelf_offsets(radii)
    shift = sizes.select("cluster_id", pl.Series("dx", offsets[:, 0]), pl.Series("dy", offsets[:, 1]))
    return (parts.join(shift, on="cluster_id").sort("slot", "account_id")
            .select("account_id", "cluster_id", pl.col("x") + pl.col("dx"), pl.col("y") + pl.col("dy")))


def _shelf_offsets(radii: np.ndarray, *, aspect: float = ASPECT) -> np.ndarray:
    """Centres for discs of ``radii`` placed in rows (shelves) of an area about ``aspect`` times
    as wide as high."""
    if len(radii) == 0:
        return np.empty((0, 2))
    width = max(2 * radii.max(), math.sqrt(float((4 * radii ** 2).sum()) * aspect) * 1.1)
    centres = np.empty((len(radii), 2))
    x = top = row_height = 0.0
    for i, r in enumerate(radii):
        if x > 0 and x + 2 * r > width:
            top, x, row_height = top + row_height, 0.0, 0.0
        centres[i] = (x + r, -(top + r))
        x += 2 * r
        row_height = max(row_height, 2 * r)
    return centres
