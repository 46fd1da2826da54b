"""Exact windowed co-share pairs: hand-computed cases and properties against brute force."""

from __future__ import annotations

import itertools

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmon.detect.encode import encode_events
from graphmon.detect.pairs import co_shares, pair_chunks, partner_counts, window_ends


def events_table(rows: list[tuple[str, str, float]], object_type: str = "url") -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"account_id": pl.String, "object_id": pl.String, "timestamp": pl.Float64},
                        orient="row").with_columns(pl.lit(object_type).alias("object_type"))


def pair_set(events: pl.DataFrame, window_s: float) -> set[tuple[int, int]]:
    pairs = co_shares(events, window_s=window_s)
    return {tuple(sorted(p)) for p in pairs.select("row", "row_y").iter_rows()}  # type: ignore[misc]


def brute_force(events: pl.DataFrame, window_s: float) -> set[tuple[int, int]]:
    rows = list(events.select("object_type", "object_id", "timestamp").iter_rows())
    return {
        (i, j)
        for i, j in itertools.combinations(range(len(rows)), 2)
        if rows[i][:2] == rows[j][:2] and abs(rows[j][2] - rows[i][2]) <= window_s
    }


def test_hand_computed_pairs_and_deltas() -> None:
    ev = events_table([("a", "x", 0), ("b", "x", 10), ("c", "x", 70), ("a", "y", 5), ("d", "y", 65), ("e", "z", 1)])
    pairs = co_shares(ev, window_s=60).sort("row", "row_y")
    # a-b (10 s) and b-c (60 s, window inclusive) on x; a-d on y (60 s); a-c is 70 s apart; z alone.
    assert pairs.select("account_id", "account_id_y", "time_delta").rows() == [
        ("a", "b", 10.0), ("b", "c", 60.0), ("a", "d", 60.0)
    ]


def test_same_id_of_different_types_are_different_objects() -> None:
    ev = pl.concat([events_table([("a", "1", 0)], "url"), events_table([("b", "1", 0)], "hashtag")])
    assert co_shares(ev, window_s=60).height == 0


def test_equal_times_put_the_account_seen_first_on_the_older_side() -> None:
    ev = events_table([("b", "other", 0), ("a", "x", 5), ("b", "x", 5)])
    pair = co_shares(ev, window_s=60)
    assert pair.select("account_id", "account_id_y").rows() == [("b", "a")]


def test_viral_object_costs_follow_the_pairs_that_exist() -> None:
    n = 50_000  # one object shared 50,000 times over a day: 1.25e9 row pairs, few within 60 s
    t = np.sort(np.random.default_rng(1).uniform(0, 86_400, n))
    encoded = encode_events(pl.DataFrame({"account_id": [f"u{i}" for i in range(n)], "object_type": "url",
                                          "object_id": "viral", "timestamp": t}))
    ends = window_ends(encoded.obj, encoded.timestamp, 60.0)
    expected = sum(int(np.searchsorted(t, t[i] + 60.0, side="right")) - i - 1 for i in range(0, n, 997))
    sampled = sum(int(ends[i]) - i - 1 for i in range(0, n, 997))
    assert sampled == expected
    total = sum(len(older) for older, _ in pair_chunks(encoded.obj, encoded.timestamp, 60.0, max_pairs=100_000))
    assert total == int((ends - np.arange(1, n + 1)).sum())
    assert total < 2_000_000


share_rows = st.lists(
    st.tuples(st.sampled_from("abcdef"), st.sampled_from("xyz"), st.integers(0, 300).map(float)),
    min_size=0, max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(share_rows, st.sampled_from([0.0, 1.0, 30.0, 60.0, 500.0]))
def test_pairs_equal_brute_force(rows: list[tuple[str, str, float]], window_s: float) -> None:
    ev = events_table(rows)
    assert pair_set(ev, window_s) == brute_force(ev, window_s)


@settings(max_examples=100, deadline=None)
@given(share_rows, st.randoms(use_true_random=False))
def test_row_order_changes_nothing(rows: list[tuple[str, str, float]], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = rows[:]
    rnd.shuffle(shuffled)

    def account_pairs(r: list[tuple[str, str, float]]) -> list[tuple[str, str, str, float]]:
        p = co_shares(events_table(r), window_s=60)
        ev = events_table(r)
        objects = ev["object_id"].gather(p["row"])
        return sorted((*sorted((a, b)), o, d) for a, b, o, d in
                      zip(p["account_id"], p["account_id_y"], objects, p["time_delta"]))  # type: ignore[misc]

    assert account_pairs(rows) == account_pairs(shuffled)


@settings(max_examples=100, deadline=None)
@given(share_rows, st.floats(0, 200), st.floats(0, 200))
def test_a_wider_window_never_loses_a_pair(rows: list[tuple[str, str, float]], w1: float, w2: float) -> None:
    ev = events_table(rows)
    narrow, wide = sorted((w1, w2))
    assert pair_set(ev, narrow) <= pair_set(ev, wide)


@settings(max_examples=60, deadline=None)
@given(share_rows, st.integers(1, 5))
def test_chunking_never_splits_or_loses_pairs(rows: list[tuple[str, str, float]], max_pairs: int) -> None:
    encoded = encode_events(events_table(rows))
    chunked = [(int(o), int(n)) for older, newer in pair_chunks(encoded.obj, encoded.timestamp, 60.0, max_pairs=max_pairs)
               for o, n in zip(older, newer)]
    whole = [(int(o), int(n)) for older, newer in pair_chunks(encoded.obj, encoded.timestamp, 60.0) for o, n in zip(older, newer)]
    assert sorted(chunked) == sorted(whole) and len(chunked) == len(set(chunked))
    seen_objects: set[int] = set()
    for older, _ in pair_chunks(encoded.obj, encoded.timestamp, 60.0, max_pairs=max_pairs):
        objects = set(encoded.obj[older].tolist())
        assert not objects & seen_objects  # an object never spans two chunks
        seen_objects |= objects


@settings(max_examples=60, deadline=None)
@given(share_rows, st.sampled_from([0.0, 30.0, 60.0]))
def test_partner_counts_equal_pairs_per_share(rows: list[tuple[str, str, float]], window_s: float) -> None:
    encoded = encode_events(events_table(rows))
    counts = partner_counts(window_ends(encoded.obj, encoded.timestamp, window_s))
    expected = np.zeros(len(rows), dtype=np.int64)
    for older, newer in pair_chunks(encoded.obj, encoded.timestamp, window_s):
        np.add.at(expected, older, 1)
        np.add.at(expected, newer, 1)
    assert counts.tolist() == expected.tolist()


@settings(max_examples=50, deadline=None)
@given(share_rows)
def test_common_objects_equal_set_intersections(rows: list[tuple[str, str, float]]) -> None:
    from graphmon.detect.consistency import common_objects, incidence

    encoded = encode_events(events_table(rows))
    matrix = incidence(encoded, np.ones(encoded.n_objects, dtype=bool))
    a, b = np.triu_indices(encoded.n_accounts, k=1)
    shared = [set(encoded.obj[encoded.account == i].tolist()) for i in range(encoded.n_accounts)]
    assert common_objects(matrix, a, b).tolist() == [len(shared[i] & shared[j]) for i, j in zip(a, b)]
