"""A small seeded generator of share events with planted coordinated groups, for behaviour tests.

Organic accounts share objects of Zipf-distributed popularity at times spread over a week after
each object appears; a few viral objects burst within minutes; hyperactive accounts share much of
everything; fans retweet one star's posts within minutes. Planted groups share their own objects
within seconds of a trigger, with partial participation.
"""

from __future__ import annotations

import numpy as np
import polars as pl

WEEK_S = 7 * 86_400.0


def synthetic_events(*, seed: int, organic: int = 2000, events: int = 30_000, planted: tuple[int, ...] = (8, 12),
                     triggers: int = 15, participation: float = 0.8, delay_s: float = 20.0) -> tuple[pl.DataFrame, list[set[str]]]:
    """Events and the planted groups (sets of account ids)."""
    rng = np.random.default_rng(seed)
    parts = [_organic(rng, organic, events), _viral(rng, organic), _hyperactive(rng, organic), _fans(rng, organic)]
    groups: list[set[str]] = []
    for g, size in enumerate(planted):
        members = [f"g{g}_{i}" for i in range(size)]
        groups.append(set(members))
        parts.append(_planted(rng, g, members, triggers, participation, delay_s))
    table = pl.concat(parts).with_row_index("n").with_columns(pl.col("n").cast(pl.String).alias("content_id")).drop("n")
    return table.with_columns(pl.lit("tw").alias("platform"), pl.lit(None, pl.String).alias("text")), groups


def _frame(accounts: np.ndarray, objects: np.ndarray, times: np.ndarray, kind: str) -> pl.DataFrame:
    return pl.DataFrame({"account_id": accounts.astype(str), "object_id": objects.astype(str),
                         "object_type": kind, "timestamp": times.astype(float)})


def _organic(rng: np.random.Generator, organic: int, events: int) -> pl.DataFrame:
    activity = rng.pareto(1.5, organic) + 1
    who = rng.choice(organic, size=events, p=activity / activity.sum())
    n_objects = events // 4
    popularity = 1.0 / np.arange(1, n_objects + 1) ** 1.1
    what = rng.choice(n_objects, size=events, p=popularity / popularity.sum())
    born = rng.uniform(0, WEEK_S, n_objects)
    when = born[what] + rng.exponential(6 * 3600, events)
    return _frame(np.char.add("o", who.astype(str)), np.char.add("obj", what.astype(str)), when, "url")


def _viral(rng: np.random.Generator, organic: int) -> pl.DataFrame:
    rows = []
    for v in range(5):
        sharers = rng.choice(organic, size=400, replace=False)
        start = rng.uniform(0, WEEK_S)
        rows.append(_frame(np.char.add("o", sharers.astype(str)), np.array([f"viral{v}"] * 400),
                           start + rng.exponential(300, 400), "retweet"))
    return pl.concat(rows)


def _hyperactive(rng: np.random.Generator, organic: int) -> pl.DataFrame:
    n = 3000
    who = rng.integers(0, 5, n)
    return _frame(np.char.add("hyper", who.astype(str)), np.char.add("obj", rng.integers(0, 200, n).astype(str)),
                  rng.uniform(0, WEEK_S, n), "url")


def _fans(rng: np.random.Generator, organic: int) -> pl.DataFrame:
    posts, fans = 40, 60
    times = rng.uniform(0, WEEK_S, posts)
    who = np.repeat(np.arange(fans), posts)
    post = np.tile(np.arange(posts), fans)
    keep = rng.random(len(who)) < 0.7
    delay = rng.lognormal(np.log(120), 1.0, len(who))
    return _frame(np.char.add("fan", who[keep].astype(str)), np.char.add("star_post", post[keep].astype(str)),
                  times[post[keep]] + delay[keep], "retweet")


def _planted(rng: np.random.Generator, g: int, members: list[str], triggers: int, participation: float,
             delay_s: float) -> pl.DataFrame:
    times = rng.uniform(0, WEEK_S, triggers)
    who = np.repeat(np.array(members), triggers)
    obj = np.tile(np.arange(triggers), len(members))
    keep = rng.random(len(who)) < participation
    delay = rng.uniform(0, delay_s, len(who))
    return _frame(who[keep], np.char.add(f"g{g}_obj", obj[keep].astype(str)), times[obj[keep]] + delay[keep], "url")
