"""The default method finds planted groups, and nothing where none were planted."""

from __future__ import annotations

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


def test_same_input_same_clusters() -> None:
    events, _ = synthetic_events(seed=5)
    first = analyze(events, params=Params(seed=7)).clusters
    again = analyze(events.reverse(), params=Params(seed=7)).clusters
    assert [c["accounts"] for c in first] == [c["accounts"] for c in again]
    assert isinstance(events, pl.DataFrame)
