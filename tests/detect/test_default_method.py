"""The default method finds planted groups, and nothing where none were planted."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from graphmon.analysis import analyze
from graphmon.params import Params
from tests.synthetic import synthetic_events


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_finds_the_planted_groups_and_only_them(seed: int) -> None:
    events, groups = synthetic_events(seed=seed)
    found = [set(c["accounts"]) for c in analyze(events, params=Params(seed=seed)).clusters if c["size"] >= 3]
    assert sorted(map(sorted, found)) == sorted(map(sorted, groups))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_finds_no_cluster_without_planted_groups(seed: int) -> None:
    events, _ = synthetic_events(seed=seed, planted=())
    clusters = analyze(events, params=Params(seed=seed)).clusters
    assert [c["size"] for c in clusters if c["size"] >= 3] == []


def test_the_naive_method_is_fooled_where_the_default_is_not() -> None:
    events, groups = synthetic_events(seed=4, planted=())
    naive = analyze(events, params=Params(method="coortweet", edge_weight=0.5)).clusters
    assert any(c["size"] >= 3 for c in naive)  # fans and hyperactive accounts look coordinated to it


def viral_retweets_with_copied_entities(events: pl.DataFrame, *, seed: int, tweets: int = 20,
                                        audience: int = 100) -> pl.DataFrame:
    """Viral tweets, each retweeted by its own random organic audience within minutes, every
    retweet also sharing the original's two hashtags and link (as the Twitter adapters emit them):
    one retweet is four events of one post."""
    rng = np.random.default_rng(seed)
    organic = events.filter(pl.col("account_id").str.starts_with("o"))["account_id"].unique().sort().to_numpy()
    parts = []
    for tweet in range(tweets):
        sharers = rng.choice(organic, size=audience, replace=False)
        when = rng.uniform(0, 7 * 86_400) + rng.exponential(60, audience)
        posts = [f"rt{tweet}_{i}" for i in range(audience)]
        for kind, obj in [("retweet", f"viral{tweet}"), ("hashtag", f"#a{tweet}"), ("hashtag", f"#b{tweet}"),
                          ("url", f"https://news.example/{tweet}")]:
            parts.append(pl.DataFrame({"account_id": sharers, "object_id": obj, "object_type": kind, "timestamp": when,
                                       "content_id": posts, "platform": "tw", "text": None}, schema=events.schema))
    return pl.concat([events, *parts])


def test_retweet_bursts_carrying_copied_entities_are_not_coordination() -> None:
    """Each co-retweet of a viral tweet is four co-shared objects within seconds: the naive
    method joins the audiences into big clusters, the default method finds none."""
    events, _ = synthetic_events(seed=6, planted=())
    bursts = viral_retweets_with_copied_entities(events, seed=6)
    naive = analyze(bursts, params=Params(method="coortweet", edge_weight=0.5)).clusters
    assert sum(c["size"] >= 50 for c in naive) >= 10
    assert [c["size"] for c in analyze(bursts).clusters if c["size"] >= 3] == []


def test_planted_groups_are_found_among_retweet_bursts() -> None:
    events, groups = synthetic_events(seed=7)
    found = [set(c["accounts"]) for c in analyze(viral_retweets_with_copied_entities(events, seed=7)).clusters
             if c["size"] >= 3]
    assert sorted(map(sorted, found)) == sorted(map(sorted, groups))


def test_same_input_same_clusters() -> None:
    events, _ = synthetic_events(seed=5)
    first = analyze(events, params=Params(seed=7)).clusters
    again = analyze(events.reverse(), params=Params(seed=7)).clusters
    assert [c["accounts"] for c in first] == [c["accounts"] for c in again]
    assert isinstance(events, pl.DataFrame)


@pytest.mark.parametrize("method", ["default", "coortweet"])
def test_evidence_comes_in_one_order_whatever_the_row_order(method: str) -> None:
    """Posts that share two objects at once (a retweet and the original's link) give co-shares at
    equal times: ties that must not take the order of the input rows."""
    events, _ = synthetic_events(seed=7)
    planted = events.filter(pl.col("account_id").str.starts_with("g"))
    bursts = pl.concat([viral_retweets_with_copied_entities(events, seed=7),
                        planted.with_columns(pl.format("https://copy.example/{}", "object_id").alias("object_id"),
                                             pl.lit("url").alias("object_type"))])
    params = Params(method=method, edge_weight=0.5) if method == "coortweet" else Params()
    first = analyze(bursts, params=params).evidence
    ties = first.filter(pl.struct("account_a", "account_b", "timestamp_a", "timestamp_b").is_duplicated())
    assert ties.height > 0
    assert analyze(bursts.reverse(), params=params).evidence.equals(first)
    assert analyze(bursts.sample(fraction=1.0, shuffle=True, seed=3), params=params).evidence.equals(first)


def test_accounts_that_never_co_share_do_not_change_the_test() -> None:
    """Accounts that co-share with nobody cannot co-share under the null either: adding ten times
    as many of them as there are accounts must not raise the bar for the others (a group seen on
    only two objects sits near it)."""
    events, groups = synthetic_events(seed=5, planted=(6,), triggers=2, participation=1.0)
    start = float(events["timestamp"].min())
    loners = 10 * events["account_id"].n_unique()
    lonely = pl.DataFrame({
        "account_id": [f"loner{i}" for i in range(loners)],
        "object_id": [f"own{i}" for i in range(loners)],
        "object_type": ["url"] * loners,
        "timestamp": [start + 3_600.0 * i for i in range(loners)],
    }).with_columns(pl.lit(None, pl.String).alias(c) for c in ("content_id", "platform", "text"))
    padded = pl.concat([events, lonely.select(events.columns).cast(dict(events.schema))])
    plain, with_loners = analyze(events), analyze(padded)
    assert [set(c["accounts"]) for c in plain.clusters] == groups
    assert with_loners.edges.select("account_a", "account_b").equals(plain.edges.select("account_a", "account_b"))
    assert [c["accounts"] for c in with_loners.clusters] == [c["accounts"] for c in plain.clusters]


def test_edge_weight_counts_every_co_shared_object_the_evidence_shows() -> None:
    """An object too popular to be paired (``--max-object-accounts``) still counts in ``weight``
    when two members co-share it, as the evidence shows it; ``objects`` is what the test used."""
    events, groups = synthetic_events(seed=5, planted=(8,))
    members = sorted(groups[0])
    crowd = events.filter(pl.col("account_id").str.starts_with("o"))["account_id"].unique().sort().head(60)
    popular = pl.DataFrame({"account_id": members + crowd.to_list(), "object_id": "breaking",
                            "object_type": "url", "timestamp": 1_000.0 + np.arange(len(members) + crowd.len())})
    with_popular = pl.concat([events, popular.with_columns(
        pl.format("p{}", pl.int_range(pl.len())).alias("content_id"), pl.lit("tw").alias("platform"),
        pl.lit(None, pl.String).alias("text")).select(events.columns)])
    result = analyze(with_popular, params=Params(max_object_accounts=50))
    assert [sorted(c["accounts"]) for c in result.clusters if c["size"] >= 3] == [members]
    shown = result.evidence.group_by("account_a", "account_b").agg(
        pl.struct("object_type", "object_id").n_unique().alias("shown"),
        (pl.col("object_id") == "breaking").any().alias("popular"))
    edges = result.edges.join(shown, on=["account_a", "account_b"])
    assert edges.height == result.edges.height and (edges["weight"] == edges["shown"]).all()
    assert edges["popular"].any()
    assert (edges["objects"] == edges["weight"] - edges["popular"].cast(pl.Int64)).all()
