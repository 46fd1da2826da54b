"""Coordination edges of the default method: co-shares aggregated per account pair.

Each distinct object two accounts co-shared within the window counts once towards ``objects``
and adds its rarity, ``idf = ln(accounts / accounts sharing the object)``, to ``idf_weight``
(the TF-IDF idea of Pacheco et al. 2021: sharing a rare object together says more than
sharing breaking news together). Objects shared by more than ``max_object_accounts`` accounts
(breaking news, a broadcast's hashtag) are not paired: a co-share of them is no evidence of
coordination, and they would dominate the work. They still count in every account's activity,
which the null model uses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from graphmon.detect.encode import EncodedEvents
from graphmon.detect.pairs import DEFAULT_CHUNK_PAIRS, pair_chunks, partner_counts, window_ends

EDGE_SCHEMA = {"account": pl.Int32, "account_y": pl.Int32, "objects": pl.UInt32, "idf_weight": pl.Float64}


@dataclass(frozen=True)
class CandidateEdges:
    """Every pair of distinct accounts with a co-share of a paired object (``account`` <
    ``account_y``, codes of the encoded events), and what the null model needs:
    ``activity`` (per account, co-share partners summed over all its shares, all objects
    included) and ``total_pairs`` (all co-shares)."""

    edges: pl.DataFrame
    activity: np.ndarray
    total_pairs: int
    paired_objects: np.ndarray  # per object code: True when its co-shares were paired

    @property
    def unpaired_objects(self) -> int:
        return int((~self.paired_objects).sum())


def object_sharers(encoded: EncodedEvents) -> np.ndarray:
    """Distinct accounts that shared each object code."""
    pairs = pl.DataFrame({"obj": encoded.obj, "account": encoded.account}).unique()
    return np.bincount(pairs["obj"].to_numpy(), minlength=encoded.n_objects)


def coordination_edges(
    encoded: EncodedEvents, *, window_s: float, max_object_accounts: int, max_pairs: int = DEFAULT_CHUNK_PAIRS
) -> CandidateEdges:
    """Aggregate the co-shares of ``encoded`` into candidate edges."""
    ends = window_ends(encoded.obj, encoded.timestamp, window_s)
    activity = np.bincount(encoded.account, weights=partner_counts(ends), minlength=encoded.n_accounts)
    total_pairs = int((ends - np.arange(1, len(ends) + 1)).sum())
    sharers = object_sharers(encoded)
    idf = np.log(max(encoded.n_accounts, 1) / np.maximum(sharers, 1))
    paired = sharers[encoded.obj] <= max_object_accounts
    removed_before = np.cumsum(~paired) - (~paired)
    sub_ends = (ends - removed_before)[paired]
    obj, account = encoded.obj[paired], encoded.account[paired]
    repeated = _repeated_shares(obj, account)
    parts = [
        _aggregate_chunk(older, newer, obj=obj, account=account, repeated=repeated, idf=idf,
                         n_accounts=encoded.n_accounts)
        for older, newer in pair_chunks(obj, encoded.timestamp[paired], window_s, max_pairs=max_pairs,
                                        ends=sub_ends)
    ]
    return CandidateEdges(edges=_combine(parts, encoded.n_accounts), activity=activity,
                          total_pairs=total_pairs, paired_objects=sharers <= max_object_accounts)


def _repeated_shares(obj: np.ndarray, account: np.ndarray) -> np.ndarray:
    """True where the account shared the same object more than once: only pairs touching such a
    share can repeat an (account pair, object) and need de-duplication."""
    frame = pl.DataFrame({"obj": obj, "account": account})
    return frame.select(pl.len().over("obj", "account") > 1).to_series().to_numpy()


def _aggregate_chunk(older: np.ndarray, newer: np.ndarray, *, obj: np.ndarray, account: np.ndarray,
                     repeated: np.ndarray, idf: np.ndarray, n_accounts: int) -> pl.DataFrame:
    a, b = account[older], account[newer]
    distinct = a != b
    older, a, b = older[distinct], a[distinct], b[distinct]
    key = np.minimum(a, b).astype(np.int64) * n_accounts + np.maximum(a, b)
    frame = pl.DataFrame({"key": key, "obj": obj[older]})
    dedupe = repeated[older] | repeated[newer[distinct]]
    if dedupe.any():
        frame = pl.concat([frame.filter(~pl.Series(dedupe)), frame.filter(pl.Series(dedupe)).unique()])
    return frame.with_columns(pl.Series("idf", idf[frame["obj"].to_numpy()])).group_by("key").agg(
        pl.len().alias("objects"), pl.col("idf").sum().alias("idf_weight")
    )


def _combine(parts: list[pl.DataFrame], n_accounts: int) -> pl.DataFrame:
    if not parts:
        return pl.DataFrame(schema=EDGE_SCHEMA)
    combined = parts[0] if len(parts) == 1 else pl.concat(parts).group_by("key").agg(
        pl.col("objects").sum(), pl.col("idf_weight").sum()
    )
    n = np.int64(n_accounts)
    return combined.select(
        (pl.col("key") // n).cast(pl.Int32).alias("account"),
        (pl.col("key") % n).cast(pl.Int32).alias("account_y"),
        pl.col("objects").cast(pl.UInt32),
        "idf_weight",
    )
