"""The co-shares behind each reported edge, and per-edge figures drawn from them."""

from __future__ import annotations

import polars as pl

from graphmon.detect.pairs import co_shares

EVIDENCE_COLUMNS = (
    "account_a", "account_b", "object_type", "object_id",
    "content_id_a", "content_id_b", "timestamp_a", "timestamp_b", "delta_s",
)


def edge_evidence(events: pl.DataFrame, edges: pl.DataFrame, *, window_s: float) -> pl.DataFrame:
    """Every co-share within ``window_s`` between the two accounts of each edge of ``edges``
    (``account_a`` < ``account_b``). ``account_a``'s side is whichever account it is, not the older."""
    members = pl.concat([edges["account_a"], edges["account_b"]]).unique()
    subset = events.filter(pl.col("account_id").is_in(members.implode()))
    pairs = co_shares(subset, window_s=window_s)
    side = subset.select("account_id", "object_type", "object_id", "content_id", "timestamp").with_row_index("row")
    joined = pairs.select("row", "row_y").join(side, on="row").join(
        side.select(pl.all().name.suffix("_y")), on="row_y"
    )
    a_first = pl.col("account_id") < pl.col("account_id_y")
    oriented = joined.filter(pl.col("account_id") != pl.col("account_id_y")).select(
        pl.when(a_first).then("account_id").otherwise("account_id_y").alias("account_a"),
        pl.when(a_first).then("account_id_y").otherwise("account_id").alias("account_b"),
        "object_type",
        "object_id",
        pl.when(a_first).then("content_id").otherwise("content_id_y").alias("content_id_a"),
        pl.when(a_first).then("content_id_y").otherwise("content_id").alias("content_id_b"),
        pl.when(a_first).then("timestamp").otherwise("timestamp_y").alias("timestamp_a"),
        pl.when(a_first).then("timestamp_y").otherwise("timestamp").alias("timestamp_b"),
        (pl.col("timestamp_y") - pl.col("timestamp")).alias("delta_s"),
    )
    return oriented.join(edges.select("account_a", "account_b"), on=["account_a", "account_b"], how="semi").sort(
        "account_a", "account_b", "timestamp_a", "timestamp_b"
    )


def evidence_figures(evidence: pl.DataFrame) -> pl.DataFrame:
    """Per edge: ``co_shares``, ``min_delta_s``, ``median_delta_s``, ``mean_delta_s``,
    ``first_share``, ``last_share`` and ``object_types`` (``type:distinct objects`` joined by ``;``)."""
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
        .agg(pl.format("{}:{}", "object_type", "n").str.join(";").alias("object_types"))
    )
    return times.join(types, on=["account_a", "account_b"], how="left")
