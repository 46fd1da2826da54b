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


def coordination_edges(
    encoded: EncodedEvents, *, window_s: float, max_object_accounts: int, min_objects: int = 1,
    max_pairs: int = DEFAULT_CHUNK_PAIRS,
) -> CandidateEdges:
    """Aggregate the co-shares of ``encoded`` into candidate edges.

    Accounts with fewer than ``min_objects`` distinct paired objects on which anyone else shared
    within the window cannot reach ``min_objects`` on any edge: their shares are not paired.
    """
    ends = window_ends(encoded.obj, encoded.timestamp, window_s)
    partners = partner_counts(ends)
    activity = np.bincount(encoded.account, weights=partners, minlength=encoded.n_accounts)
    total_pairs = int((ends - np.arange(1, len(ends) + 1)).sum())
    shares = _share_facts(encoded)
    paired_objects = shares.sharers <= max_object_accounts
    keep = paired_objects[encoded.obj]
    reach = np.bincount(encoded.account[keep & shares.first & (partners > 0)], minlength=encoded.n_accounts)
    keep &= reach[encoded.account] >= min_objects
    idf = np.log(max(encoded.n_accounts, 1) / np.maximum(shares.sharers, 1))
    obj, account, timestamp = encoded.obj[keep], encoded.account[keep], encoded.timestamp[keep]
    parts = [
        _aggregate_chunk(older, newer, obj=obj, account=account, repeated=shares.repeated[keep], idf=idf,
                         n_accounts=encoded.n_accounts)
        for older, newer in pair_chunks(obj, timestamp, window_s, max_pairs=max_pairs)
    ]
    return CandidateEdges(edges=_combine(parts, encoded.n_accounts), activity=activity,
                          total_pairs=total_pairs, paired_objects=paired_objects)


@dataclass(frozen=True)
class _ShareFacts:
    first: np.ndarray  # per position: the first share of this (object, account)
    repeated: np.ndarray  # per position: the account shared this object more than once
    sharers: np.ndarray  # per object code: distinct accounts


def _share_facts(encoded: EncodedEvents) -> _ShareFacts:
    """Per-position and per-object facts from one hash pass over (object, account) keys. Only
    pairs touching a repeated share can repeat an (account pair, object) and need de-duplication."""
    key = pl.Series("key", encoded.obj.astype(np.int64) * encoded.n_accounts + encoded.account)
    frame = pl.DataFrame({"key": key}).select(
        pl.col("key").is_first_distinct().alias("first"), (pl.len().over("key") > 1).alias("repeated")
    )
    first = frame["first"].to_numpy()
    sharers = np.bincount(encoded.obj[first], minlength=encoded.n_objects)
    return _ShareFacts(first=first, repeated=frame["repeated"].to_numpy(), sharers=sharers)


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
    n = int(n_accounts)
    return combined.select(
        (pl.col("key") // n).cast(pl.Int32).alias("account"),
        (pl.col("key") % n).cast(pl.Int32).alias("account_y"),
        pl.col("objects").cast(pl.UInt32),
        "idf_weight",
    )
