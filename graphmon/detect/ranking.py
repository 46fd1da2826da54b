"""Cluster figures, scores and the ranking that puts organised anonymous networks first.

For each cluster, three coordination components in [0, 1]:
``density`` (share of member pairs joined by a reported edge), ``repetition``
(``1 - exp(-m / 5)`` for the median number m of distinct objects a linked pair co-shared) and
``synchrony`` (``1 - d / window`` for the median delay d between linked co-shares).
``coordination_score`` is their mean. The ranking score multiplies it by an anonymity factor
(``0.25 + 0.75 * a``, where ``a`` is the mean anonymity of the members, 0.5 standing in for each
member without a score) and a size factor
(``0.5 + 0.5 * (1 - 1/sqrt(size))``), so that a tight network of anonymous accounts ranks above
a newsroom's named pages co-posting in the open, and a large network above a pair.
``anonymity_score`` is the mean over the members with a score; the cluster's ``kind`` is judged
from it only when at least half of the members have one.

Each top object carries where it came from (as the ``cluster_objects`` query answers it from a
store): the account that shared it first among the events analysed (not only the members'),
ties going to the smaller account id (the likely source, in the cluster or not), when, how many
members shared it, and how many seconds after that first share each other member first shared it
(min, median, max).
"""

from __future__ import annotations

import math
from typing import Any

import polars as pl

from graphmon.events import iso_utc

UNKNOWN_ANONYMITY = 0.5
TOP_OBJECTS = 10


def membership_table(clusters: list[list[str]]) -> pl.DataFrame:
    """``account_id, cluster_id`` for clusters given in rank-independent order (``cluster_id``
    is the position)."""
    rows = [(account, cid) for cid, members in enumerate(clusters) for account in members]
    return pl.DataFrame(rows, schema={"account_id": pl.String, "cluster_id": pl.Int64}, orient="row")


def cluster_records(
    membership: pl.DataFrame,
    edges: pl.DataFrame,
    evidence: pl.DataFrame,
    accounts: pl.DataFrame,
    events: pl.DataFrame,
    *,
    window_s: float,
    every_event: pl.DataFrame | None = None,
) -> list[dict[str, Any]]:
    """One record per cluster (SPEC §3 fields plus the ranking components), ranked, with
    ``cluster_id`` renumbered by rank (0 = most suspicious). Every figure is one grouped pass
    over all clusters at once. ``events`` are the members' events; ``every_event`` all of them
    (where the top objects' first shares are looked up; ``events`` when not given)."""
    internal_edges = _internal_edges(membership, edges)
    internal_evidence = _internal_edges(membership, evidence.select(  # the columns used: less to copy in the joins
        "account_a", "account_b", "object_type", "object_id", "timestamp_a", "timestamp_b", "delta_s"))
    member_accounts = accounts.join(membership, on="account_id")
    member_events = events.join(membership, on="account_id")
    figures = _by_cluster(
        membership.group_by("cluster_id", maintain_order=True).agg(
            pl.len().alias("size"), pl.col("account_id").sort().alias("accounts")),
        internal_edges.group_by("cluster_id").agg(
            pl.len().alias("edges"), pl.col("objects").cast(pl.Float64).median().alias("median_objects"),
            pl.col("weight").sum().cast(pl.Float64).alias("total_weight")),
        internal_evidence.group_by("cluster_id").agg(
            pl.col("delta_s").cast(pl.Float64).median().alias("median_delay"),
            pl.min_horizontal(pl.col("timestamp_a").min(), pl.col("timestamp_b").min()).alias("first_share"),
            pl.max_horizontal(pl.col("timestamp_a").max(), pl.col("timestamp_b").max()).alias("last_share")),
        member_accounts.group_by("cluster_id").agg(pl.col("anonymity_score").mean().alias("anonymity"),
                                                   pl.col("anonymity_score").count().alias("profiled")),
        member_events.group_by("cluster_id").agg(pl.col("platform").drop_nulls().unique().sort().alias("platforms")),
    )
    types = _grouped_rows(internal_evidence.group_by("cluster_id", "object_type")
                          .agg(pl.col("object_id").n_unique().alias("n")).sort("cluster_id", "object_type"))
    top = _top_objects(internal_evidence, member_events)
    tops = _grouped_rows(_with_origins(top, member_events, events if every_event is None else every_event))
    factors = _grouped_rows(_common_factors(member_accounts))
    records = [
        _record(row, window_s=window_s,
                object_types={kind: int(n) for _, kind, n in types.get(row["cluster_id"], [])},
                top_objects=[_top_object(values) for _, *values in tops.get(row["cluster_id"], [])],
                factors=[factor for _, factor in factors.get(row["cluster_id"], [])])
        for row in figures.iter_rows(named=True)
    ]
    records.sort(key=lambda r: (-r["rank_score"], -r["size"], r["accounts"][0]))
    for rank, record in enumerate(records):
        record["cluster_id"] = rank
    return records


def _by_cluster(sizes: pl.DataFrame, *others: pl.DataFrame) -> pl.DataFrame:
    joined = sizes
    for table in others:
        joined = joined.join(table, on="cluster_id", how="left")
    return joined


def _grouped_rows(table: pl.DataFrame) -> dict[int, list[tuple[Any, ...]]]:
    """The rows of ``table`` (``cluster_id`` first) per cluster, in table order."""
    grouped: dict[int, list[tuple[Any, ...]]] = {}
    for row in table.iter_rows():
        grouped.setdefault(row[0], []).append(row)
    return grouped


def _internal_edges(membership: pl.DataFrame, edges: pl.DataFrame) -> pl.DataFrame:
    return (
        edges.join(membership.rename({"account_id": "account_a"}), on="account_a")
        .join(membership.rename({"account_id": "account_b", "cluster_id": "cluster_b"}), on="account_b")
        .filter(pl.col("cluster_id") == pl.col("cluster_b"))
    )


def _record(row: dict[str, Any], *, window_s: float, object_types: dict[str, int],
            top_objects: list[dict[str, Any]], factors: list[str]) -> dict[str, Any]:
    size = int(row["size"])
    edges = int(row["edges"] or 0)
    density = edges / (size * (size - 1) / 2)
    median_objects = float(row["median_objects"] or 0.0)
    median_delay = float(row["median_delay"] or 0.0)
    repetition = 1.0 - math.exp(-median_objects / 5.0)
    synchrony = min(max(1.0 - median_delay / window_s, 0.0), 1.0)
    coordination = (density + repetition + synchrony) / 3.0
    anonymity = row["anonymity"]
    profiled = int(row["profiled"] or 0)
    rank_anonymity = ((anonymity or 0.0) * profiled + UNKNOWN_ANONYMITY * (size - profiled)) / size
    size_factor = 1.0 - 1.0 / math.sqrt(size)
    rank_score = coordination * (0.25 + 0.75 * rank_anonymity) * (0.5 + 0.5 * size_factor)
    return {
        "cluster_id": -1,
        "size": size,
        "accounts": row["accounts"],
        "coordination_score": round(coordination, 6),
        "anonymity_score": None if anonymity is None else round(anonymity, 6),
        "edges": edges,
        "total_weight": float(row["total_weight"] or 0.0),
        "object_types": object_types,
        "top_objects": top_objects,
        "first_share": None if row["first_share"] is None else iso_utc(row["first_share"]),
        "last_share": None if row["last_share"] is None else iso_utc(row["last_share"]),
        "platforms": row["platforms"] or [],
        "rank_score": round(rank_score, 6),
        "density": round(density, 6),
        "median_edge_objects": median_objects,
        "median_delay_s": median_delay,
        "synchrony": round(synchrony, 6),
        "repetition": round(repetition, 6),
        "anonymity_factors": factors,
        "profiled_accounts": profiled,
        "kind": _kind(anonymity if 2 * profiled >= size else None),
        "reason": _reason(size, density, median_objects, median_delay, anonymity, profiled, factors),
    }


def _top_objects(evidence: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """``cluster_id, object_type, object_id, shares``: the objects each cluster co-shared, by
    how often its members shared them, at most ``TOP_OBJECTS`` per cluster."""
    keys = ["cluster_id", "object_type", "object_id"]
    pushed = evidence.select(keys).unique()
    return (
        events.join(pushed, on=keys, how="semi")
        .group_by(keys)
        .agg(pl.len().alias("shares"), pl.col("timestamp").min().alias("first"))
        .sort(["cluster_id", "shares", "first", "object_id"], descending=[False, True, False, False])
        .group_by("cluster_id", maintain_order=True).head(TOP_OBJECTS)
        .select(*keys, "shares")
    )


TOP_OBJECT_FIELDS = ("object_type", "object_id", "shares", "members", "likely_source", "source_in_cluster",
                     "first_shared", "min_delay_s", "median_delay_s", "max_delay_s")


def _with_origins(top: pl.DataFrame, member_events: pl.DataFrame, every_event: pl.DataFrame) -> pl.DataFrame:
    """``top`` (``cluster_id, object_type, object_id, shares``) with where each object came
    from; see the module docstring. Keeps ``top``'s order."""
    objects = ["object_type", "object_id"]
    first = (every_event.join(top.select(objects).unique(), on=objects, how="semi")
             .sort("timestamp", "account_id").group_by(objects, maintain_order=True).first()
             .select(*objects, pl.col("account_id").alias("likely_source"), pl.col("timestamp").alias("first_shared")))
    keys = ["cluster_id", *objects]
    followed = (
        member_events.join(top.select(keys), on=keys, how="semi")
        .group_by(*keys, "account_id").agg(pl.col("timestamp").min())
        .join(first, on=objects)
        .with_columns(pl.when(pl.col("account_id") != pl.col("likely_source"))
                      .then(pl.col("timestamp") - pl.col("first_shared")).alias("delay"))
        .group_by(keys).agg(
            pl.len().alias("members"),
            (pl.col("account_id") == pl.col("likely_source")).any().alias("source_in_cluster"),
            pl.col("delay").min().alias("min_delay_s"), pl.col("delay").median().alias("median_delay_s"),
            pl.col("delay").max().alias("max_delay_s"))
    )
    return (top.join(first, on=objects, how="left", maintain_order="left")
            .join(followed, on=keys, how="left", maintain_order="left")
            .select("cluster_id", *TOP_OBJECT_FIELDS))


def _top_object(values: list[Any]) -> dict[str, Any]:
    item = dict(zip(TOP_OBJECT_FIELDS, values))
    item["shares"], item["members"] = int(item["shares"]), int(item["members"])
    item["first_shared"] = iso_utc(item["first_shared"])
    return item


def _common_factors(accounts: pl.DataFrame) -> pl.DataFrame:
    """``cluster_id, factor``: the (at most four) anonymity factors at least half of each
    cluster's accounts show, most common first."""
    if "anonymity_factors" not in accounts.columns:
        return pl.DataFrame(schema={"cluster_id": pl.Int64, "factor": pl.String})
    half = accounts.group_by("cluster_id").agg((pl.len() / 2.0).clip(lower_bound=1.0).alias("half"))
    return (
        accounts.select("cluster_id", pl.col("anonymity_factors").str.split(";").alias("factor"))
        .drop_nulls("factor").explode("factor").filter(pl.col("factor").is_not_null() & (pl.col("factor") != ""))
        .group_by("cluster_id", "factor").len()
        .join(half, on="cluster_id").filter(pl.col("len") >= pl.col("half"))
        .sort(["cluster_id", "len", "factor"], descending=[False, True, False])
        .group_by("cluster_id", maintain_order=True).head(4)
        .select("cluster_id", "factor")
    )


def _kind(anonymity: float | None) -> str:
    if anonymity is None:
        return "unknown profiles"
    if anonymity >= 0.6:
        return "anonymous network"
    if anonymity < 0.35:
        return "open co-posting by named accounts"
    return "mixed"


def _reason(size: int, density: float, objects: float, delay: float, anonymity: float | None, profiled: int,
            factors: list[str]) -> str:
    parts = [f"{size} accounts", f"{density:.0%} of member pairs linked",
             f"median {objects:g} objects co-shared per linked pair", f"median delay {delay:.0f} s"]
    if anonymity is None:
        parts.append("anonymity unknown (no member's profile tells enough)")
    else:
        coverage = "" if profiled == size else f" from {profiled} of {size} profiles"
        parts.append(f"anonymity {anonymity:.2f}{coverage}" + (f" ({', '.join(factors)})" if factors else ""))
    return "; ".join(parts)
