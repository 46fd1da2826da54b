"""``--method coortweet`` reproduces CooRTweet 2.1.3's own outputs on both example datasets."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from graphmon.detect.coortweet import coordinated_network, detect_groups, kept_edges
from graphmon.ingest import read_events
from tests.conftest import REFERENCE

PAIR_KEY = ["object_id", "content_id", "content_id_y", "time_delta", "account_id", "account_id_y"]


def reference_pairs(name: str) -> pl.DataFrame:
    table = pl.read_csv(REFERENCE / f"{name}.pairs.csv.gz", infer_schema_length=0)
    return table.with_columns(
        pl.col("object_id").str.replace("^url_", ""),  # the reference prefixed melted url ids
        pl.col("time_delta").cast(pl.Float64),
    ).select(PAIR_KEY).sort(PAIR_KEY)


def reference_edges(name: str, suffix: str) -> pl.DataFrame:
    table = pl.read_csv(REFERENCE / f"{name}.{suffix}.csv.gz", infer_schema_length=0)
    return table.select(
        pl.min_horizontal("from", "to").alias("from"), pl.max_horizontal("from", "to").alias("to"),
        pl.col("weight").cast(pl.Int64), pl.col("avg_time_delta").cast(pl.Float64),
        pl.col("n_content_id").cast(pl.Int64), pl.col("n_content_id_y").cast(pl.Int64),
        pl.col("edge_symmetry_score").cast(pl.Float64), pl.col("weight_threshold").cast(pl.Int64),
    ).sort("from", "to")


def assert_edges_equal(mine: pl.DataFrame, theirs: pl.DataFrame) -> None:
    mine = mine.select(theirs.columns).with_columns(pl.col(pl.Int8, pl.UInt32).cast(pl.Int64)).sort("from", "to")
    assert mine.select("from", "to").rows() == theirs.select("from", "to").rows()
    for column in ("weight", "n_content_id", "n_content_id_y", "weight_threshold"):
        assert mine[column].cast(pl.Int64).to_list() == theirs[column].to_list(), column
    for column in ("avg_time_delta", "edge_symmetry_score"):
        assert (mine[column] - theirs[column]).abs().max() < 1e-9, column  # type: ignore[operator]


CASES = [
    ("russian_coord_tweets_retweet_tw60", "russian_coord_tweets.csv.gz", {}, 60, 0.5, (3791, 3721, 60)),
    ("german_elections_url_tw30", "german_elections.csv.gz", {"object_id": "url_id", "content_id": "post_id"},
     30, 0.25, (5658, 1453, 948)),
]


@pytest.mark.parametrize("name, data, mapping, window_s, edge_weight, counts", CASES)
def test_pairs_and_edges_equal_coortweet(name: str, data: str, mapping: dict[str, str], window_s: int,
                                         edge_weight: float, counts: tuple[int, int, int]) -> None:
    path = Path(__file__).resolve().parents[2] / "examples" / "data" / data
    events = read_events([path], mapping=mapping, keep_duplicates=(name.startswith("russian"))).events
    pairs = detect_groups(events, window_s=window_s, min_participation=2)
    network = coordinated_network(pairs, edge_weight=edge_weight)
    mine = pairs.select(PAIR_KEY).with_columns(pl.col("time_delta").cast(pl.Float64)).sort(PAIR_KEY)
    assert mine.equals(reference_pairs(name))
    assert_edges_equal(network, reference_edges(name, "full.edges"))
    assert_edges_equal(kept_edges(network), reference_edges(name, "edges"))
    assert (pairs.height, network.height, kept_edges(network).height) == counts
