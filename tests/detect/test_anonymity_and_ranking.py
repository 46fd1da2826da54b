"""Anonymity factors on hand-made profiles, and the ranking of anonymous over named clusters."""

from __future__ import annotations

import numpy as np
import polars as pl

from graphmon.analysis import analyze
from graphmon.detect.anonymity import anonymity_scores, creation_burst, profile_factors
from graphmon.events import ACCOUNT_SCHEMA
from graphmon.params import Params
from tests.synthetic import synthetic_events

DAY = 86_400.0


def profiles(rows: list[dict[str, object]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=ACCOUNT_SCHEMA)


def test_factors_and_scores_by_hand() -> None:
    table = profiles([
        {"account_id": "a", "screen_name": "maria19871", "display_name": "", "description": "",
         "created_at": 1000 * DAY, "followers_count": 3, "default_profile_image": True, "verified": False},
        {"account_id": "b", "screen_name": "xk29fjq81z", "display_name": "xk29fjq81z", "description": None,
         "created_at": 1000 * DAY, "followers_count": None, "default_profile_image": None, "verified": None},
        {"account_id": "c", "screen_name": "tagesschau", "display_name": "tagesschau Redaktion",
         "description": "Nachrichten", "created_at": 0.0, "followers_count": 2_000_000,
         "default_profile_image": False, "verified": True},
        {"account_id": "d"},
    ])
    first = pl.DataFrame({"account_id": ["a", "b", "c", "d"], "first_share": [1010 * DAY] * 4})
    factors = profile_factors(table, first_share=first)
    row = {r["account_id"]: r for r in factors.iter_rows(named=True)}
    assert row["a"]["handle_word_digits"] == 1.0 and row["a"]["default_avatar"] == 1.0
    assert row["b"]["handle_random"] == 1.0 and row["b"]["no_display_name"] == 1.0
    assert row["a"]["young_account"] > 0.8 and row["c"]["young_account"] == 0.0
    assert row["b"]["default_avatar"] is None  # unknown, not evidence either way
    scores = {r["account_id"]: r for r in anonymity_scores(factors).iter_rows(named=True)}
    assert scores["a"]["anonymity_score"] > 0.85 and scores["c"]["anonymity_score"] < 0.05
    assert 0.0 <= scores["b"]["anonymity_score"] <= 1.0
    assert scores["a"]["anonymity_factors"].split(";")[0] in {"default_avatar", "handle_word_digits"}
    assert scores["d"]["anonymity_score"] is not None  # every field empty reads as empty bio and name


def test_creation_burst_counts_mates_created_the_same_week() -> None:
    table = profiles([{"account_id": x, "created_at": t} for x, t in
                      [("a", 0.0), ("b", 2 * DAY), ("c", 3 * DAY), ("d", 400 * DAY)]])
    membership = pl.DataFrame({"account_id": ["a", "b", "c", "d"], "cluster_id": [0, 0, 0, 0]})
    burst = dict(creation_burst(table, membership).iter_rows())
    assert burst["a"] == 2 / 3 and burst["d"] == 0.0


def test_anonymous_network_ranks_above_named_co_posters() -> None:
    events, groups = synthetic_events(seed=21, planted=(10, 10), delay_s=5.0)
    anonymous, named = sorted(groups, key=sorted)
    rows = [{"account_id": a, "screen_name": f"user{i}4471", "default_profile_image": True, "description": "",
             "followers_count": 2, "verified": False, "created_at": 1e6 + i * 3600}
            for i, a in enumerate(sorted(anonymous))]
    rows += [{"account_id": a, "screen_name": f"Newsroom Desk {i}", "display_name": f"City Daily desk {i}",
              "description": "Local news", "default_profile_image": False, "followers_count": 50_000,
              "verified": True, "created_at": 1e6 - 3000 * DAY} for i, a in enumerate(sorted(named))]
    result = analyze(events, accounts=profiles(rows), params=Params(seed=3))
    ranked = [set(c["accounts"]) for c in result.clusters]
    assert ranked == [anonymous, named]
    first, second = result.clusters
    assert first["kind"] == "anonymous network" and second["kind"] == "open co-posting by named accounts"
    assert "anonymity" in first["reason"] and np.isclose(first["cluster_id"], 0)
