"""Which coordination edges are more than chance: a configuration null model with FDR control.

Under the null, an account's co-shares fall on partners in proportion to how much co-sharing
each partner does at all, as in a configuration model on the co-share multigraph: the expected
number of co-shares of accounts a and b is ``s_a * s_b / (2 W)``, where ``s`` counts an account's
co-share partners over all its shares and ``W`` all co-shares (Chung & Lu 2002; the
noise-corrected backbone of Coscia & Neffke 2017 uses the same expectation). The observed figure
is the number of distinct objects co-shared, never more than the co-shares, so the test errs on
the side of caution. Hyperactive
accounts, fan bases retweeting one star and audiences live-posting a broadcast hashtag all have
large ``s`` and so a large expectation; a covert group's co-shares concentrate on few partners and
stand far above it. The observed count is tested with a one-sided Poisson tail, and the edges kept
are those that Benjamini-Hochberg accepts at the false-discovery rate ``fdr`` over every pair of
accounts that co-share at all. The null is conditional on ``s``, so a pair with an account of
``s = 0`` can never co-share under it (its p-value is 1 whatever happens) and is not counted, as
hypotheses that cannot reach significance are left out by Tarone (1990) for the family-wise error
and by Gilbert (2005) for the false-discovery rate.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from scipy import special


def expected_objects(edges: pl.DataFrame, activity: np.ndarray, total_pairs: int) -> np.ndarray:
    """Configuration-model expectation of co-shares for every edge: ``s_a * s_b / (2 W)``."""
    if total_pairs == 0:
        return np.zeros(edges.height)
    a = edges["account"].to_numpy()
    b = edges["account_y"].to_numpy()
    return np.asarray(activity[a] * activity[b] / (2.0 * total_pairs), dtype=np.float64)


def benjamini_hochberg(p_values: np.ndarray, fdr: float, *, hypotheses: float | None = None) -> np.ndarray:
    """Mask of the hypotheses rejected at false-discovery rate ``fdr``. ``hypotheses`` is the
    number of hypotheses in the family when ``p_values`` lists only some of them (the others
    having p = 1).

    >>> benjamini_hochberg(np.array([0.001, 0.02, 0.04, 0.9]), 0.05).tolist()
    [True, True, False, False]
    >>> benjamini_hochberg(np.array([0.001, 0.02, 0.04, 0.9]), 0.05, hypotheses=40).tolist()
    [True, False, False, False]
    """
    k = len(p_values)
    if k == 0:
        return np.zeros(0, dtype=bool)
    m = float(hypotheses) if hypotheses is not None else float(k)
    order = np.argsort(p_values, kind="stable")
    passed = p_values[order] <= fdr * np.arange(1, k + 1) / m
    accept = np.zeros(k, dtype=bool)
    if passed.any():
        accept[order[: int(np.flatnonzero(passed)[-1]) + 1]] = True
    return accept


def test_edges(edges: pl.DataFrame, *, activity: np.ndarray, total_pairs: int, min_participation: int,
               fdr: float) -> pl.DataFrame:
    """Add ``expected_objects``, ``p_value`` and ``significant`` to ``edges``.

    Edges need at least ``min_participation`` distinct co-shared objects (a single co-share is
    never evidence of coordination; the others get ``p_value`` 1). The family controlled by
    Benjamini-Hochberg is every pair of accounts with co-share partners (``activity > 0``): any
    such pair could have co-shared under the null.
    """
    n_accounts = int(np.count_nonzero(activity))
    expected = expected_objects(edges, activity, total_pairs)
    observed = edges["objects"].to_numpy().astype(np.float64)
    tested = observed >= min_participation
    p_values = np.ones(len(observed))
    p_values[tested] = special.pdtrc(observed[tested] - 1, np.maximum(expected[tested], 1e-12))  # P(X >= observed)
    significant = np.zeros(len(observed), dtype=bool)
    family = n_accounts * (n_accounts - 1) / 2.0
    significant[np.flatnonzero(tested)] = benjamini_hochberg(p_values[tested], fdr, hypotheses=family)
    return edges.with_columns(
        pl.Series("expected_objects", expected),
        pl.Series("p_value", p_values),
        pl.Series("significant", significant),
    )
