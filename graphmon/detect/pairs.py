"""Exact, output-sensitive windowed co-share pairs.

Two shares of the same object are a co-share when their times differ by at most ``window_s``
seconds (inclusive). Shares are sorted by (object, time); for each share a vectorised binary
search finds the last later share of the same object inside the window, so the work follows the
number of pairs that exist, not the square of an object's share count.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import polars as pl

from graphmon.detect.encode import encode_events

DEFAULT_CHUNK_PAIRS = 5_000_000


def window_ends(group: np.ndarray, t: np.ndarray, window_s: float) -> np.ndarray:
    """For each position i of arrays sorted by (group, t): one past the last j with the same
    group and ``t[j] - t[i] <= window_s``.

    >>> window_ends(np.array([0, 0, 0, 1]), np.array([0.0, 5.0, 11.0, 12.0]), 10.0).tolist()
    [2, 3, 3, 4]
    """
    n = len(t)
    ends = np.arange(1, n + 1, dtype=np.int64)
    if n < 2:
        return ends
    boundary = np.flatnonzero(group[1:] != group[:-1]) + 1
    starts = np.concatenate(([0], boundary))
    stops = np.concatenate((boundary, [n]))
    seg_stop = np.repeat(stops, stops - starts)
    has_next = (np.arange(n - 1) + 1 < seg_stop[:-1]) & (t[1:] - t[:-1] <= window_s)
    active = np.flatnonzero(has_next)
    lo = active + 2  # position i+1 is known to be inside the window
    hi = seg_stop[active]
    base = t[active]
    while True:
        open_ = lo < hi
        if not open_.any():
            break
        idx = np.flatnonzero(open_)
        mid = (lo[idx] + hi[idx]) // 2
        inside = t[mid] - base[idx] <= window_s
        lo[idx] = np.where(inside, mid + 1, lo[idx])
        hi[idx] = np.where(inside, hi[idx], mid)
    ends[active] = lo
    return ends


def pair_chunks(
    obj: np.ndarray, timestamp: np.ndarray, window_s: float, *, max_pairs: int = DEFAULT_CHUNK_PAIRS,
    ends: np.ndarray | None = None,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield (older, newer) positions of every co-share in arrays sorted by (object, time), in
    chunks of whole objects.

    A chunk never splits an object, so per-object facts (distinct objects of an edge) can be
    computed chunk by chunk. A single object with more pairs than ``max_pairs`` is one chunk.
    ``ends`` may pass ``window_ends(obj, timestamp, window_s)`` when already computed.
    """
    if ends is None:
        ends = window_ends(obj, timestamp, window_s)
    counts = ends - np.arange(1, len(ends) + 1)
    rows = np.flatnonzero(counts)
    if len(rows) == 0:
        return
    counts = counts[rows]
    cum = np.cumsum(counts)
    row_obj = obj[rows]
    last_of_object = np.concatenate((row_obj[1:] != row_obj[:-1], [True]))
    start = 0
    while start < len(rows):
        limit = (cum[start - 1] if start else 0) + max_pairs
        stop = int(np.searchsorted(cum, limit, side="right"))
        cut = np.flatnonzero(last_of_object[start:stop])
        stop = start + int(cut[-1]) + 1 if len(cut) else _next_object_end(last_of_object, start)
        yield _expand(rows[start:stop], counts[start:stop])
        start = stop


def partner_counts(ends: np.ndarray) -> np.ndarray:
    """For each position: how many other shares of its object lie within the window, before or
    after it (from ``window_ends``), without building the pairs.

    >>> partner_counts(np.array([2, 3, 3, 4])).tolist()
    [1, 2, 1, 0]
    """
    n = len(ends)
    positions = np.arange(n)
    forward = ends - positions - 1
    steps = np.zeros(n + 1, dtype=np.int64)
    np.add.at(steps, positions + 1, 1)
    np.add.at(steps, ends, -1)
    backward = np.cumsum(steps)[:n]
    return forward + backward


def _next_object_end(last_of_object: np.ndarray, start: int) -> int:
    return start + int(np.argmax(last_of_object[start:])) + 1


def _expand(rows: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions i repeated count times, and i+1 .. i+count beside them."""
    total = int(counts.sum())
    older = np.repeat(rows, counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    newer = older + 1 + (np.arange(total, dtype=np.int64) - first)
    return older, newer


def co_shares(events: pl.DataFrame, *, window_s: float) -> pl.DataFrame:
    """Every co-share of ``events``: pairs of shares of the same object at most ``window_s`` apart.

    Returns one row per pair with ``row`` and ``row_y`` (row indexes into ``events``; ``row`` is
    the older share, ties broken by input order of the accounts), ``time_delta`` (seconds, >= 0),
    and the accounts of both sides. Pairs of an account with itself are kept; callers decide.

    >>> ev = pl.DataFrame({"account_id": ["a", "b", "c"], "object_type": "url",
    ...     "object_id": ["x", "x", "x"], "timestamp": [0.0, 30.0, 100.0]})
    >>> co_shares(ev, window_s=60).select("account_id", "account_id_y", "time_delta").rows()
    [('a', 'b', 30.0)]
    """
    encoded = encode_events(events)
    parts = [
        pl.DataFrame(
            {
                "row": encoded.row[older],
                "row_y": encoded.row[newer],
                "time_delta": encoded.timestamp[newer] - encoded.timestamp[older],
                "account": encoded.account[older],
                "account_y": encoded.account[newer],
            }
        )
        for older, newer in pair_chunks(encoded.obj, encoded.timestamp, window_s)
    ]
    schema = {"row": pl.Int64, "row_y": pl.Int64, "time_delta": pl.Float64,
              "account": pl.Int32, "account_y": pl.Int32}
    pairs = pl.concat(parts) if parts else pl.DataFrame(schema=schema)
    names = encoded.account_ids
    return pairs.select(
        "row",
        "row_y",
        "time_delta",
        names.gather(pairs["account"]).alias("account_id"),
        names.gather(pairs["account_y"]).alias("account_id_y"),
    )
