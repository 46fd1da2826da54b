"""The account graph and its clusters (Leiden, seeded)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

import igraph as ig
import numpy as np
import polars as pl


def account_graph(edges: pl.DataFrame, *, n_accounts: int, weight: str) -> ig.Graph:
    """An undirected igraph graph on account codes ``0..n_accounts-1`` with ``weight`` as the
    edge attribute ``weight``."""
    graph = ig.Graph(n=n_accounts, directed=False)
    pairs = np.column_stack((edges["account"].to_numpy(), edges["account_y"].to_numpy()))
    graph.add_edges(pairs.tolist())
    graph.es["weight"] = edges[weight].to_numpy().astype(float).tolist()
    return graph


@contextmanager
def seeded_random(seed: int) -> Iterator[None]:
    """igraph draws from Python's global ``random``: seed it, and restore it afterwards."""
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)


def find_clusters(graph: ig.Graph, *, seed: int, resolution: float = 1.0, min_size: int = 2) -> list[list[int]]:
    """Clusters of at least ``min_size`` vertices: Leiden communities maximising weighted modularity
    (Traag, Waltman & van Eck 2019), largest first; ties ordered by smallest member.

    >>> g = ig.Graph([(0, 1), (1, 2), (0, 2), (3, 4)]); g.es["weight"] = [1.0] * 4
    >>> find_clusters(g, seed=1, min_size=3)
    [[0, 1, 2]]
    """
    if graph.ecount() == 0:
        return []
    with seeded_random(seed):
        partition = graph.community_leiden(
            objective_function="modularity", weights="weight", resolution=resolution, n_iterations=-1
        )
    groups = [sorted(members) for members in partition if len(members) >= min_size]
    return sorted(groups, key=lambda members: (-len(members), members[0]))
