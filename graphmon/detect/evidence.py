"""The co-shares behind each reported edge, and per-edge figures drawn from them."""

from __future__ import annotations

import polars as pl

import numpy as np

from graphmon.detect.encode import EncodedEvents
from graphmon.detect.pairs import pair_chunks

EVIDENCE_COLUMNS = (
    "account_a", "account_b", "object_type", "object_id",
    "content_id_a", "content_id_b", "timestamp_a", "timestamp_b", "delta_s",
)


def edge_evidence(events: pl.DataFrame, encoded: EncodedEvents, edges: pl.DataFrame, *,
                  window_s: float) -> pl.DataFrame:
    """Every co-share within ``window_s`` between the two accounts of each edge of ``edges``
    (``account_a`` < ``account_b``; ``encoded`` encodes ``events``). ``account_a``'s side is
    whichever account it is, not the older; rows are in `orient_pairs`' order.

    The pairs are oriented and ordered on integer codes (accounts by the rank of their id), and
    the strings are gathered once, so that the evidence of a big input is held in memory about
    twice rather than three times."""
    code_a, code_b = encoded.account_codes(edges["account_a"]), encoded.account_codes(edges["account_b"])
    n = np.int64(encoded.n_accounts)
    wanted = np.unique(np.minimum(code_a, code_b) * n + np.maximum(code_a, code_b))
    positions = np.flatnonzero(np.isin(encoded.account, np.union1d(code_a, code_b)))
    older_parts, newer_parts = [], []
    for older, newer in pair_chunks(encoded.obj[positions], encoded.timestamp[positions], window_s):
        a, b = encoded.account[positions[older]], encoded.account[positions[newer]]
        key = np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)
        keep = (a != b) & np.isin(key, wanted)
        older_parts.append(positions[older[keep]])
        newer_parts.append(positions[newer[keep]])
    older_at = np.concatenate(older_parts) if older_parts else np.zeros(0, dtype=np.int64)
    newer_at = np.concatenate(newer_parts) if newer_parts else np.zeros(0, dtype=np.int64)
    names = encoded.account_ids
    rank = np.empty(len(names), dtype=np.int64)
    rank[names.arg_sort().to_numpy()] = np.arange(len(names))
    older_rank, newer_rank = rank[encoded.account[older_at]], rank[encoded.account[newer_at]]
    a_first = older_rank < newer_rank
    at_a, at_b = np.where(a_first, older_at, newer_at), np.where(a_first, newer_at, older_at)
    row_a, row_b = encoded.row[at_a], encoded.row[at_b]
    pairs = pl.DataFrame({
        "rank_a": np.where(a_first, older_rank, newer_rank), "rank_b": np.where(a_first, newer_rank, older_rank),
        "timestamp_a": encoded.timestamp[at_a], "timestamp_b": encoded.timestamp[at_b],
        "object_type": events["object_type"].gather(row_a), "object_id": events["object_id"].gather(row_a),
        "content_id_a": events["content_id"].gather(row_a), "content_id_b": events["content_id"].gather(row_b),
        "delta_s": encoded.timestamp[newer_at] - encoded.timestamp[older_at],
    })
    del older_at, newer_at, at_a, at_b, row_a, row_b
    ordered = pairs.sort("rank_a", "rank_b", "timestamp_a", "timestamp_b",  # ties broken by every column
                         "object_type", "object_id", "content_id_a", "content_id_b", nulls_last=True)
    del pairs
    by_rank = names.sort()
    return ordered.select(by_rank.gather(ordered["rank_a"]).alias("account_a"),
                          by_rank.gather(ordered["rank_b"]).alias("account_b"), *EVIDENCE_COLUMNS[2:])


def pair_evidence(pairs: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """CooRTweet's pair table (:func:`graphmon.detect.coortweet.detect_groups`) as evidence rows,
    the older share's time taken from ``events``."""
    times = events.select("content_id", "account_id", "timestamp").unique(["content_id", "account_id"])
    return orient_pairs(pairs.join(times, on=["content_id", "account_id"], how="left").select(
        "account_id", "object_type", "object_id", "content_id", "timestamp",
        "account_id_y", pl.col("object_type").alias("object_type_y"), pl.col("object_id").alias("object_id_y"),
        "content_id_y", (pl.col("timestamp") + pl.col("time_delta")).alias("timestamp_y"),
    ))


def orient_pairs(joined: pl.DataFrame) -> pl.DataFrame:
    """Evidence rows from older/newer share pairs (``account_id, object_type, object_id,
    content_id, timestamp`` and the same with ``_y`` for the newer share), with the accounts put
    in order (``account_a`` < ``account_b``) and ``delta_s`` the newer minus the older time."""
    a_first = pl.col("account_id") < pl.col("account_id_y")
    return joined.select(
        pl.when(a_first).then("account_id").otherwise("account_id_y").alias("account_a"),
        pl.when(a_first).then("account_id_y").otherwise("account_id").alias("account_b"),
        "object_type",
        "object_id",
        pl.when(a_first).then("content_id").otherwise("content_id_y").alias("content_id_a"),
        pl.when(a_first).then("content_id_y").otherwise("content_id").alias("content_id_b"),
        pl.when(a_first).then("timestamp").otherwise("timestamp_y").alias("timestamp_a"),
        pl.when(a_first).then("timestamp_y").otherwise("timestamp").alias("timestamp_b"),
        (pl.col("timestamp_y") - pl.col("timestamp")).alias("delta_s"),
    ).sort("account_a", "account_b", "timestamp_a", "timestamp_b",  # ties broken by every column: one order
           "object_type", "object_id", "content_id_a", "content_id_b", nulls_last=True)


def evidence_figures(evidence: pl.DataFrame) -> pl.DataFrame:
    """Per edge: ``co_shares``, ``min_delta_s``, ``median_delta_s``, ``mean_delta_s``,
    ``first_share``, ``last_share``, ``object_types`` (``type:distinct objects`` joined by ``;``)
    and ``shared_objects`` (distinct objects co-shared)."""
    times = evidence.group_by("account_a", "account_b").agg(
        pl.len().cast(pl.Int64).alias("co_shares"),
        pl.col("delta_s").min().alias("min_delta_s"),
        pl.col("delta_s").median().alias("median_delta_s"),
        pl.col("delta_s").mean().alias("mean_delta_s"),
        pl.min_horizontal(pl.col("timestamp_a").min(), pl.col("timestamp_b").min()).alias("first_share"),
        pl.max_horizontal(pl.col("timestamp_a").max(), pl.col("timestamp_b").max()).alias("last_share"),
    )
    types = (
        evidence.group_by("account_a", "account_b", "object_type")
        .agg(pl.col("object_id").n_unique().alias("n"))
        .sort("account_a", "account_b", "object_type")
        .group_by("account_a", "account_b", maintain_order=True)
        .agg(pl.format("{}:{}", "object_type", "n").str.join(";").alias("object_types"),
             pl.col("n").sum().cast(pl.Int64).alias("shared_objects"))
    )
    return times.join(types, on=["account_a", "account_b"], how="left")
