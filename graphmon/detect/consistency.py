"""How consistently two accounts act together when they share the same thing.

``consistency = objects co-shared within the window / objects both accounts shared at all``.
Accounts run in concert act within seconds of each other nearly every time they push the same
object; fans who each retweet a star within minutes of a post, and organic users who happen to
share the same links, meet inside the window only on a fraction of the objects they have in
common. The count of common objects is computed only for edges that passed the null-model test,
as sparse row intersections of the account x object incidence matrix.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from scipy import sparse

from graphmon.detect.encode import EncodedEvents

ROW_BUDGET = 8_000_000


def incidence(encoded: EncodedEvents, paired_objects: np.ndarray) -> sparse.csr_matrix:
    """Binary account x object matrix of who shared which paired object."""
    keep = paired_objects[encoded.obj]
    data = np.ones(int(keep.sum()), dtype=np.float32)
    matrix = sparse.csr_matrix((data, (encoded.account[keep], encoded.obj[keep])),
                               shape=(encoded.n_accounts, encoded.n_objects))
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


def common_objects(matrix: sparse.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Number of distinct objects both accounts of each edge (a[i], b[i]) shared.

    For each edge the objects of the account with fewer are looked up among those of the other
    (a hash semi-join on ``(row, object)`` keys), so the work follows the smaller side of each
    edge, not the larger.
    """
    indptr, indices = matrix.indptr.astype(np.int64), matrix.indices.astype(np.int64)
    degree = np.diff(indptr)
    n_objects = np.int64(max(matrix.shape[1], 1))
    keys = pl.DataFrame({"key": np.repeat(np.arange(matrix.shape[0], dtype=np.int64), degree) * n_objects + indices})
    small = np.where(degree[a] <= degree[b], a, b).astype(np.int64)
    large = np.where(degree[a] <= degree[b], b, a).astype(np.int64)
    out = np.zeros(len(a), dtype=np.int64)
    work = np.cumsum(degree[small])
    start = 0
    while start < len(a):
        stop = max(int(np.searchsorted(work, (work[start - 1] if start else 0) + ROW_BUDGET, side="right")), start + 1)
        counts = degree[small[start:stop]]
        owner = np.repeat(np.arange(stop - start), counts)
        offsets = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
        objects = indices[np.repeat(indptr[small[start:stop]], counts) + offsets]
        wanted = pl.DataFrame({"owner": owner, "key": large[start:stop][owner] * n_objects + objects})
        found = wanted.join(keys, on="key", how="semi")["owner"].to_numpy()
        out[start:stop] = np.bincount(found, minlength=stop - start)
        start = stop
    return out


def add_consistency(edges: pl.DataFrame, matrix: sparse.csr_matrix) -> pl.DataFrame:
    """Add ``common_objects`` and ``consistency`` to ``edges`` (account codes)."""
    if edges.height == 0:
        return edges.with_columns(pl.lit(0, pl.Int64).alias("common_objects"), pl.lit(0.0).alias("consistency"))
    common = common_objects(matrix, edges["account"].to_numpy(), edges["account_y"].to_numpy())
    return edges.with_columns(pl.Series("common_objects", common)).with_columns(
        (pl.col("objects").cast(pl.Float64) / pl.col("common_objects")).alias("consistency")
    )


def cluster_consistency(clusters: list[np.ndarray], candidates: pl.DataFrame, matrix: sparse.csr_matrix,
                        n_accounts: int) -> list[float]:
    """For each cluster (account codes): objects co-shared within the window summed over every
    pair of members, over objects both members shared, summed the same way. Unlike the per-edge
    figure this counts the member pairs whose edges did not pass, so a fan base whose strongest
    pairs pass by chance still scores low."""
    if not clusters:
        return []
    keys, owners = [], []
    for index, members in enumerate(clusters):
        a, b = np.triu_indices(len(members), k=1)
        low = np.minimum(members[a], members[b]).astype(np.int64)
        high = np.maximum(members[a], members[b]).astype(np.int64)
        keys.append(low * n_accounts + high)
        owners.append(np.full(len(low), index, dtype=np.int64))
    pairs = pl.DataFrame({"key": np.concatenate(keys), "cluster": np.concatenate(owners)})
    window = candidates.select(
        (pl.col("account").cast(pl.Int64) * n_accounts + pl.col("account_y")).alias("key"), "objects"
    ).join(pairs.select("key"), on="key", how="semi")
    key = pairs["key"].to_numpy()
    pairs = pairs.with_columns(pl.Series("common", common_objects(matrix, key // n_accounts, key % n_accounts)))
    totals = pairs.join(window, on="key", how="left").group_by("cluster").agg(
        pl.col("objects").sum().cast(pl.Float64).alias("inside"), pl.col("common").sum().cast(pl.Float64)
    ).sort("cluster")
    inside = dict(zip(totals["cluster"].to_list(), totals["inside"].to_list()))
    common = dict(zip(totals["cluster"].to_list(), totals["common"].to_list()))
    return [inside[i] / common[i] if common[i] else 0.0 for i in range(len(clusters))]
