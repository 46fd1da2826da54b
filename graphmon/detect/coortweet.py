"""CooRTweet 2.1.3 compatible detection (``--method coortweet``).

Reproduces ``detect_groups`` + ``generate_coordinated_network(subgraph = 1)`` as that code
behaves:

1. accounts with fewer than ``min_participation`` input rows are dropped before pairing;
2. within an object, every pair of rows at most ``window_s`` apart is a pair (inclusive);
3. loops are removed: the same account or the same content on both sides, or a content that is
   the object itself;
4. an account qualifies with at least ``min_participation`` input rows among the contents of the
   pair table; a pair stays when either side's content belongs to a qualifying account;
5. on equal times, the account that first appears earlier in the input is the older side;
6. edges aggregate pair rows per unordered account pair: ``weight`` (rows), ``avg_time_delta``,
   ``n_content_id``/``n_content_id_y`` (distinct older/newer contents), ``edge_symmetry_score``;
7. ``weight_threshold`` is ``weight > quantile(weight, edge_weight)`` (R's type 7 quantile).

Reference: Righetti & Balluff (2023), CooRTweet, https://CRAN.R-project.org/package=CooRTweet.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from graphmon.detect.pairs import co_shares

PAIR_COLUMNS = ("object_id", "content_id", "content_id_y", "time_delta", "account_id", "account_id_y")


def detect_groups(events: pl.DataFrame, *, window_s: float, min_participation: int) -> pl.DataFrame:
    """CooRTweet's pair table: ``object_id, content_id, content_id_y, time_delta, account_id,
    account_id_y`` (the ``_y`` side is the newer share)."""
    active = events.filter(pl.len().over("account_id") >= min_participation)
    raw = co_shares(active, window_s=window_s)
    sides = active.select("object_id", "content_id", "object_type").with_row_index("row")
    pairs = (
        raw.join(sides, on="row", how="left")
        .join(sides.select("row", pl.col("content_id").alias("content_id_y")).rename({"row": "row_y"}),
              on="row_y", how="left")
        .filter(
            (pl.col("account_id") != pl.col("account_id_y"))
            & (pl.col("content_id") != pl.col("content_id_y"))
            & (pl.col("object_id") != pl.col("content_id"))
            & (pl.col("object_id") != pl.col("content_id_y"))
        )
    )
    pairs = _keep_participating(active, pairs, min_participation)
    return pairs.select(*PAIR_COLUMNS, "object_type")


def _keep_participating(active: pl.DataFrame, pairs: pl.DataFrame, min_participation: int) -> pl.DataFrame:
    paired_contents = pl.concat([pairs["content_id"], pairs["content_id_y"]]).unique()
    rows = active.filter(pl.col("content_id").is_in(paired_contents.implode()))
    qualified = rows.filter(pl.len().over("account_id") >= min_participation)["content_id"].unique()
    keep = pl.col("content_id").is_in(qualified.implode()) | pl.col("content_id_y").is_in(qualified.implode())
    return pairs.filter(keep)


def coordinated_network(pairs: pl.DataFrame, *, edge_weight: float) -> pl.DataFrame:
    """CooRTweet's edge table before the threshold: one row per unordered account pair
    (``from`` < ``to``), with ``weight_threshold`` set as in ``generate_coordinated_network``."""
    edges = (
        pairs.with_columns(
            pl.min_horizontal("account_id", "account_id_y").alias("from"),
            pl.max_horizontal("account_id", "account_id_y").alias("to"),
        )
        .group_by("from", "to")
        .agg(
            pl.len().alias("weight"),
            pl.col("time_delta").mean().alias("avg_time_delta"),
            pl.col("content_id").n_unique().alias("n_content_id"),
            pl.col("content_id_y").n_unique().alias("n_content_id_y"),
        )
        .with_columns(
            (pl.min_horizontal("n_content_id", "n_content_id_y")
             / pl.max_horizontal("n_content_id", "n_content_id_y")).alias("edge_symmetry_score")
        )
        .sort("from", "to")
    )
    if edges.height == 0:
        return edges.with_columns(pl.lit(0, pl.Int8).alias("weight_threshold"))
    threshold = float(np.quantile(edges["weight"].to_numpy(), edge_weight))  # R type 7
    return edges.with_columns((pl.col("weight") > threshold).cast(pl.Int8).alias("weight_threshold"))


def kept_edges(network: pl.DataFrame) -> pl.DataFrame:
    """The ``subgraph = 1`` edges: those above the weight threshold."""
    return network.filter(pl.col("weight_threshold") == 1)
