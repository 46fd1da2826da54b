"""Report folders for the view tests: seeded synthetic events with planted groups and profiles
(the planted accounts look anonymous), and a hostile variant whose names and object ids are
markup and script."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import polars as pl

from graphmon.analysis import Analysis, analyze
from graphmon.events import ACCOUNT_SCHEMA
from graphmon.report import build_report, write_report
from graphmon.viz.html import write_html_report
from tests.synthetic import synthetic_events

PLANTED = (6, 9, 12)
DAY_S = 86_400.0
HOSTILE_NAMES = ("<img src=x onerror=alert(1)>", "<script>alert(2)</script>", "\"><svg onload=alert(5)>",
                 "&lt;b&gt;entity&lt;/b&gt; & 'quote'")
HOSTILE_OBJECT = "<script>alert(3)</script>"
HOSTILE_ACCOUNT = "<img src=y onerror=alert(6)>"


def sample_events(*, hostile: bool = False) -> tuple[pl.DataFrame, list[set[str]]]:
    """Small seeded events with three planted groups; ``hostile`` renames group 0's objects and
    one of its accounts to markup."""
    events, groups = synthetic_events(seed=7, organic=600, events=8_000, planted=PLANTED)
    if hostile:
        events = events.with_columns(
            pl.when(pl.col("object_id").str.starts_with("g0_obj"))
            .then(pl.lit(HOSTILE_OBJECT) + pl.col("object_id").str.slice(2)).otherwise(pl.col("object_id"))
            .alias("object_id"),
            pl.col("account_id").replace({"g0_0": HOSTILE_ACCOUNT}),
        )
        groups[0] = {HOSTILE_ACCOUNT if a == "g0_0" else a for a in groups[0]}
    return events, groups


def sample_profiles(events: pl.DataFrame, *, hostile: bool = False) -> pl.DataFrame:
    """Profiles for every account: planted ones anonymous (word+digits handles, default avatar,
    created the same week, few followers), organic ones named and old."""
    ids = events["account_id"].unique().sort().to_list()
    rng = np.random.default_rng(3)
    rows = []
    for n, account in enumerate(ids):
        planted = account.startswith("g") or account == HOSTILE_ACCOUNT
        rows.append({
            "account_id": account,
            "screen_name": f"patriot{40_000 + n}" if planted else f"user_{account}",
            "display_name": None if planted else f"Person {account}",
            "description": None if planted else "Local news, opinions my own.",
            "created_at": -30 * DAY_S + rng.uniform(0, 5) * DAY_S if planted else -rng.uniform(400, 3000) * DAY_S,
            "followers_count": int(rng.integers(0, 12)) if planted else int(rng.integers(200, 5000)),
            "friends_count": 20, "statuses_count": 100,
            "default_profile_image": planted, "verified": False, "platform": "tw",
        })
    profiles = pl.DataFrame(rows, schema=ACCOUNT_SCHEMA)
    if hostile:
        profiles = _hostile_profiles(profiles)
    return profiles


def _hostile_profiles(profiles: pl.DataFrame) -> pl.DataFrame:
    members = [f"g0_{i}" for i in range(1, len(HOSTILE_NAMES) + 1)]
    names = dict(zip(members, HOSTILE_NAMES))
    return profiles.with_columns(
        pl.col("account_id").replace_strict(names, default=pl.col("display_name")).alias("display_name"),
        pl.when(pl.col("account_id") == "g0_1").then(pl.lit("<b>bold</b>"))
        .when(pl.col("account_id") == HOSTILE_ACCOUNT).then(pl.lit(None, pl.String))
        .otherwise(pl.col("screen_name")).alias("screen_name"),
    )


def sample_analysis(*, hostile: bool = False) -> Analysis:
    """The analysis of the sample events and profiles."""
    events, _ = sample_events(hostile=hostile)
    return analyze(events, accounts=sample_profiles(events, hostile=hostile))


def write_sample_report(out: Path, *, hostile: bool = False) -> Path:
    """A full report folder (CSV, JSON and ``report.html``) of the sample data."""
    result = sample_analysis(hostile=hostile)
    document = build_report(result, generated_at=datetime(2024, 5, 1, tzinfo=timezone.utc), version="test")
    write_report(result, document, out)
    write_html_report(result, document, out)
    return out
