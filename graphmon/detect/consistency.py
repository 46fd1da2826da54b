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

EDGE_BATCH = 200_000


def incidence(encoded: EncodedEvents) -> sparse.csr_matrix:
    """Binary account x object matrix of who shared what."""
    data = np.ones(len(encoded.account), dtype=np.float32)
    matrix = sparse.csr_matrix((data, (encoded.account, encoded.obj)), shape=(encoded.n_accounts, encoded.n_objects))
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


def common_objects(matrix: sparse.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Number of distinct objects both accounts of each edge (a[i], b[i]) shared."""
    out = np.zeros(len(a), dtype=np.int64)
    for start in range(0, len(a), EDGE_BATCH):
        stop = start + EDGE_BATCH
        both = matrix[a[start:stop]].multiply(matrix[b[start:stop]])
        out[start:stop] = np.asarray(both.sum(axis=1)).ravel().astype(np.int64)
    return out


def add_consistency(edges: pl.DataFrame, encoded: EncodedEvents) -> pl.DataFrame:
    """Add ``common_objects`` and ``consistency`` to ``edges`` (codes of ``encoded``)."""
    if edges.height == 0:
        return edges.with_columns(pl.lit(0, pl.Int64).alias("common_objects"),
                                  pl.lit(0.0).alias("consistency"))
    common = common_objects(incidence(encoded), edges["account"].to_numpy(), edges["account_y"].to_numpy())
    return edges.with_columns(pl.Series("common_objects", common)).with_columns(
        (pl.col("objects").cast(pl.Float64) / pl.col("common_objects")).alias("consistency")
    )


def cluster_consistency(clusters: list[np.ndarray], candidates: pl.DataFrame, encoded: EncodedEvents) -> list[float]:
    """For each cluster (account codes): objects co-shared within the window summed over every
    pair of members, over objects both members shared, summed the same way. Unlike the per-edge
    figure this counts the member pairs whose edges did not pass, so a fan base whose strongest
    pairs pass by chance still scores low."""
    matrix = incidence(encoded)
    window = candidates.select(
        (pl.col("account").cast(pl.Int64) * encoded.n_accounts + pl.col("account_y")).alias("key"), "objects"
    )
    figures = []
    for members in clusters:
        a, b = np.triu_indices(len(members), k=1)
        low = np.minimum(members[a], members[b]).astype(np.int64)
        high = np.maximum(members[a], members[b]).astype(np.int64)
        keys = pl.DataFrame({"key": low * encoded.n_accounts + high})
        inside = keys.join(window, on="key", how="inner")["objects"].sum()
        common = common_objects(matrix, low, high).sum()
        figures.append(float(inside) / float(common) if common else 0.0)
    return figures
