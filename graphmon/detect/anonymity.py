"""How anonymous an account looks, from its profile, with the reasons.

Each factor is a number in [0, 1]; an account's score is the weighted mean of the factors its
profile lets us judge (a missing field is not evidence either way: a bio or name that is null is
unknown, one that is an empty string is empty), and null when the known factors weigh less than
``MIN_KNOWN_WEIGHT`` (an empty bio alone is not a profile to judge).
Factors follow what investigators of inauthentic networks check first (Yang et al. 2019,
"Arming the public with AI to counter social bots"; Varol et al. 2017; DFRLab's #BotSpot
checklist): a default avatar, empty bio and name, handles that are a word plus digits or a
random string, a young account, few followers, creation dates bunched with cluster mates, and
no verification.
"""

from __future__ import annotations

import numpy as np
import polars as pl

DAY_S = 86_400.0
FACTOR_WEIGHTS: dict[str, float] = {
    "default_avatar": 1.0,
    "empty_bio": 0.75,
    "no_display_name": 0.75,
    "handle_word_digits": 1.0,
    "handle_random": 1.0,
    "young_account": 0.75,
    "few_followers": 0.75,
    "creation_burst": 1.0,
    "not_verified": 0.25,
}
HANDLE_PATTERNS = ("handle_word_digits", "handle_random")
WORD_DIGITS = r"^[A-Za-z]+_?[0-9]{4,}$"
YOUNG_DAYS = 90.0
FEW_FOLLOWERS = 50
BURST_DAYS = 7.0
MIN_KNOWN_WEIGHT = 2.0


def profile_factors(accounts: pl.DataFrame, *, first_share: pl.DataFrame) -> pl.DataFrame:
    """One row per account of ``accounts`` with a column per factor (null where unknown).

    ``first_share`` has ``account_id, first_share`` (unix seconds of its first share), against
    which account age is judged.
    """
    handle = pl.col("screen_name")
    name = pl.col("display_name")
    return accounts.join(first_share, on="account_id", how="left").select(
        "account_id",
        _flag(pl.col("default_profile_image")).alias("default_avatar"),
        _empty(pl.col("description")).alias("empty_bio"),
        pl.when(name.is_null()).then(None)
        .otherwise((_blank(name) | (name.str.to_lowercase() == handle.str.to_lowercase()).fill_null(False))
                   .cast(pl.Float64))
        .alias("no_display_name"),
        handle.str.contains(WORD_DIGITS).cast(pl.Float64).alias("handle_word_digits"),
        _random_handle(handle).alias("handle_random"),
        _young(pl.col("created_at"), pl.col("first_share")).alias("young_account"),
        _few_followers(pl.col("followers_count")).alias("few_followers"),
        _flag(pl.col("verified").not_()).alias("not_verified"),
    )


def _flag(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Float64)


def _blank(expr: pl.Expr) -> pl.Expr:
    return expr.is_null() | (expr.str.strip_chars() == "")


def _empty(expr: pl.Expr) -> pl.Expr:
    """1 for an empty or blank text, 0 for any other, null (unknown) for null."""
    return pl.when(expr.is_null()).then(None).otherwise(_blank(expr).cast(pl.Float64))


def _random_handle(handle: pl.Expr) -> pl.Expr:
    """Long handles mixing letters and digits with few vowels, like ``xk29fjq81z``."""
    letters = handle.str.count_matches(r"[A-Za-z]")
    vowels = handle.str.count_matches(r"[AEIOUaeiou]")
    digits = handle.str.count_matches(r"[0-9]")
    looks_random = (handle.str.len_chars() >= 8) & (digits >= 2) & (letters >= 3) & (vowels * 5 < letters)
    return looks_random.cast(pl.Float64)


def _young(created: pl.Expr, first_share: pl.Expr) -> pl.Expr:
    age_days = (first_share - created) / DAY_S
    return (1.0 - (age_days / YOUNG_DAYS)).clip(0.0, 1.0)


def _few_followers(followers: pl.Expr) -> pl.Expr:
    scale = float(np.log10(FEW_FOLLOWERS * 20))
    return (1.0 - (followers.cast(pl.Float64) + 1.0).log10() / scale).clip(0.0, 1.0)


def creation_burst(accounts: pl.DataFrame, membership: pl.DataFrame) -> pl.DataFrame:
    """``account_id, creation_burst``: the share of an account's cluster mates created within
    ``BURST_DAYS`` of it (1 = the whole cluster was created that week). ``membership`` has
    ``account_id, cluster_id``."""
    created = membership.join(accounts.select("account_id", "created_at"), on="account_id", how="inner")
    created = created.filter(pl.col("created_at").is_not_null())
    pairs = created.join(created, on="cluster_id", suffix="_mate").filter(
        pl.col("account_id") != pl.col("account_id_mate")
    )
    return pairs.group_by("account_id").agg(
        ((pl.col("created_at") - pl.col("created_at_mate")).abs() <= BURST_DAYS * DAY_S)
        .mean().cast(pl.Float64).alias("creation_burst")
    )


def anonymity_scores(factors: pl.DataFrame, *, top: int = 3) -> pl.DataFrame:
    """``account_id, anonymity_score, anonymity_factors``: the weighted mean of known factors
    (null when they weigh less than ``MIN_KNOWN_WEIGHT``), and the ``top`` factors that weigh
    most in it (``;``-separated)."""
    names = [name for name in FACTOR_WEIGHTS if name in factors.columns]
    handle = [n for n in HANDLE_PATTERNS if n in names]
    slots = [n for n in names if n not in HANDLE_PATTERNS]
    weighted = [pl.col(n) * FACTOR_WEIGHTS[n] for n in slots]
    known = [pl.col(n).is_not_null().cast(pl.Float64) * FACTOR_WEIGHTS[n] for n in slots]
    if handle:  # one handle, one judgement: a word+digits handle is not also expected to look random
        weighted.append(pl.max_horizontal(handle) * FACTOR_WEIGHTS[handle[0]])
        known.append(pl.any_horizontal([pl.col(n).is_not_null() for n in handle]).cast(pl.Float64)
                     * FACTOR_WEIGHTS[handle[0]])
    scored = factors.with_columns(
        (pl.sum_horizontal(weighted) / pl.sum_horizontal(known)).alias("anonymity_score")
    )
    reasons = (
        factors.unpivot(index="account_id", on=names, variable_name="factor", value_name="value")
        .with_columns((pl.col("value") * pl.col("factor").replace_strict(FACTOR_WEIGHTS)).alias("weight"))
        .filter(pl.col("weight") > 0.3)
        .sort(["account_id", "weight", "factor"], descending=[False, True, False])
        .group_by("account_id", maintain_order=True)
        .agg(pl.col("factor").head(top).str.join(";").alias("anonymity_factors"))
    )
    return scored.select(
        "account_id",
        pl.when(pl.sum_horizontal(known) >= MIN_KNOWN_WEIGHT).then(pl.col("anonymity_score")).alias("anonymity_score"),
    ).join(reasons, on="account_id", how="left").with_columns(
        pl.when(pl.col("anonymity_score").is_not_null()).then(pl.col("anonymity_factors")).alias("anonymity_factors"))
