"""Coordination edges of the default method: co-shares aggregated per account pair.

Each distinct object two accounts co-shared within the window counts once towards ``objects``
and adds its rarity, ``idf = ln(accounts / accounts sharing the object)``, to ``idf_weight``
(the TF-IDF idea of Pacheco et al. 2021: sharing a rare object together says more than
sharing breaking news together).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from graphmon.detect.encode import EncodedEvents
from graphmon.detect.pairs import DEFAULT_CHUNK_PAIRS, pair_chunks

EDGE_SCHEMA = {
    "account": pl.Int32,
    "account_y": pl.Int32,
    "objects": pl.UInt32,
    "co_shares": pl.UInt32,
    "idf_weight": pl.Float64,
    "min_delta_s": pl.Float64,
}


def object_idf(encoded: EncodedEvents) -> np.ndarray:
    """``ln(n_accounts / distinct accounts sharing the object)`` for every object code."""
    pairs = pl.DataFrame({"obj": encoded.obj, "account": encoded.account}).unique()
    sharers = np.bincount(pairs["obj"].to_numpy(), minlength=encoded.n_objects)
    return np.log(max(encoded.n_accounts, 1) / np.maximum(sharers, 1))


def coordination_edges(
    encoded: EncodedEvents, *, window_s: float, max_pairs: int = DEFAULT_CHUNK_PAIRS
) -> pl.DataFrame:
    """Every pair of distinct accounts with at least one co-share, aggregated (``account`` <
    ``account_y``, as codes of ``encoded``)."""
    idf = object_idf(encoded)
    parts = [
        _aggregate_chunk(encoded, older, newer, idf)
        for older, newer in pair_chunks(encoded, window_s, max_pairs=max_pairs)
    ]
    if not parts:
        return pl.DataFrame(schema=EDGE_SCHEMA)
    combined = parts[0] if len(parts) == 1 else pl.concat(parts).group_by("key").agg(
        pl.col("objects").sum(), pl.col("co_shares").sum(),
        pl.col("idf_weight").sum(), pl.col("min_delta_s").min(),
    )
    n = np.int64(encoded.n_accounts)
    return combined.select(
        (pl.col("key") // n).cast(pl.Int32).alias("account"),
        (pl.col("key") % n).cast(pl.Int32).alias("account_y"),
        pl.col("objects").cast(pl.UInt32),
        pl.col("co_shares").cast(pl.UInt32),
        "idf_weight",
        "min_delta_s",
    ).sort("account", "account_y")


def _aggregate_chunk(
    encoded: EncodedEvents, older: np.ndarray, newer: np.ndarray, idf: np.ndarray
) -> pl.DataFrame:
    a = encoded.account[older]
    b = encoded.account[newer]
    distinct = a != b
    a, b, older, newer = a[distinct], b[distinct], older[distinct], newer[distinct]
    key = np.minimum(a, b).astype(np.int64) * encoded.n_accounts + np.maximum(a, b)
    frame = pl.DataFrame({
        "key": key,
        "obj": encoded.obj[older],
        "delta": encoded.timestamp[newer] - encoded.timestamp[older],
        "idf": idf[encoded.obj[older]],
    })
    per_object = frame.group_by("key", "obj").agg(
        pl.len().alias("n"), pl.col("delta").min(), pl.col("idf").first()
    )
    return per_object.group_by("key").agg(
        pl.len().alias("objects"),
        pl.col("n").sum().alias("co_shares"),
        pl.col("idf").sum().alias("idf_weight"),
        pl.col("delta").min().alias("min_delta_s"),
    )
