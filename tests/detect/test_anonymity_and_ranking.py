"""Anonymity factors on hand-made profiles, and the ranking of anonymous over named clusters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from rich.console import Console

from graphmon.analysis import analyze
from graphmon.cli.tables import cluster_table
from graphmon.detect.anonymity import anonymity_scores, creation_burst, profile_factors
from graphmon.events import ACCOUNT_SCHEMA
from graphmon.ingest import read_accounts
from graphmon.report.load import is_anonymous
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
    assert scores["d"]["anonymity_score"] is None and scores["d"]["anonymity_factors"] is None  # nothing known


def test_missing_fields_are_unknown_and_one_known_factor_is_not_a_score() -> None:
    table = profiles([
        # a verified, much-followed account whose table has no bio or name: nothing says anonymous
        {"account_id": "big", "screen_name": "tagesschau", "created_at": 0.0, "followers_count": 1_500_000,
         "default_profile_image": False, "verified": True},
        {"account_id": "bio", "description": ""},  # an empty bio alone: too little to judge
        {"account_id": "empty", "screen_name": "anna", "display_name": "", "description": ""},
    ])
    first = pl.DataFrame({"account_id": ["big", "bio", "empty"], "first_share": [1010 * DAY] * 3})
    factors = {r["account_id"]: r for r in profile_factors(table, first_share=first).iter_rows(named=True)}
    assert factors["big"]["empty_bio"] is None and factors["big"]["no_display_name"] is None
    assert factors["empty"]["empty_bio"] == 1.0 and factors["empty"]["no_display_name"] == 1.0
    scores = {r["account_id"]: r for r in anonymity_scores(profile_factors(table, first_share=first)).iter_rows(named=True)}
    assert scores["big"]["anonymity_score"] < 0.05 and scores["big"]["anonymity_factors"] is None
    assert scores["bio"]["anonymity_score"] is None
    assert scores["empty"]["anonymity_score"] == pytest.approx((0.75 + 0.75 + 0.0) / (0.75 + 0.75 + 1.0))  # bio, name, handle


def test_accounts_csv_empty_cell_is_empty_and_missing_column_unknown(tmp_path: Path) -> None:
    with_bio = tmp_path / "with_bio.csv"
    with_bio.write_text("account_id,screen_name,description,display_name\na,anna,,\nb,bert,Reporter,Bert B\n")
    without = tmp_path / "without.csv"
    without.write_text("account_id,screen_name\na,anna\n")
    read = {r["account_id"]: r for r in read_accounts(with_bio).iter_rows(named=True)}
    assert (read["a"]["description"], read["a"]["display_name"]) == ("", "")
    assert (read["b"]["description"], read["b"]["display_name"]) == ("Reporter", "Bert B")
    lacking = read_accounts(without).row(0, named=True)
    assert lacking["description"] is None and lacking["display_name"] is None


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


def test_a_cluster_with_few_profiles_is_not_called_anonymous() -> None:
    events, groups = synthetic_events(seed=21, planted=(10,), delay_s=5.0)
    members = sorted(next(iter(groups)))
    rows = [{"account_id": a, "screen_name": f"user{i}4471", "default_profile_image": True, "description": "",
             "followers_count": 2, "verified": False, "created_at": 1e6 + i * 3600} for i, a in enumerate(members)]
    full = analyze(events, accounts=profiles(rows), params=Params(seed=3)).clusters
    few = analyze(events, accounts=profiles(rows[:3]), params=Params(seed=3)).clusters
    assert [c["accounts"] for c in full] == [c["accounts"] for c in few] == [members]
    assert (full[0]["profiled_accounts"], full[0]["kind"]) == (10, "anonymous network")
    assert (few[0]["profiled_accounts"], few[0]["kind"]) == (3, "unknown profiles")
    assert few[0]["anonymity_score"] > 0.6 and "from 3 of 10 profiles" in few[0]["reason"]
    assert few[0]["rank_score"] < full[0]["rank_score"]  # the 7 without a profile count as 0.5
    assert is_anonymous(full[0]) and not is_anonymous(few[0])  # what clusters --anonymous lists
    console = Console(width=200, record=True)
    console.print(cluster_table(few + full))
    shown = console.export_text()
    unknown = next(line for line in shown.splitlines() if "unknown profiles" in line)
    anonymous = next(line for line in shown.splitlines() if "anonymous network" in line)
    assert f"{few[0]['anonymity_score']:.2f} (3/10)" in unknown and "/10)" not in anonymous
