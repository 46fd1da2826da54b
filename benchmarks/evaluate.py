"""Score a graphmon report against the planted ground truth of ``benchmarks/generate.py``.

Usage::

    python benchmarks/evaluate.py --truth DATA/truth.csv --clusters REPORT/clusters.json [--json]

Pairwise co-clustering scores. A pair of accounts is *reported* when both are in the same
reported cluster (``clusters[].accounts`` of SPEC §3) and *true* when both are in the same planted
group. For a set S of planted groups (all covert groups, the covert groups of one stealth level,
or all groups, covert and open):

- true pairs: the pairs inside a group of S;
- reported pairs *involving S*: the reported pairs with at least one account of a group of S
  (pairs of two unplanted accounts are left to the false-cluster count below, and pairs of
  accounts of groups outside S to those groups' scores);
- hits: reported pairs that are true pairs of S;
- precision = hits / reported pairs involving S, recall = hits / true pairs, F1 their harmonic
  mean (0 when nothing is found).

``strict_precision`` divides the hits by all reported pairs instead. The counts come from the
cluster x group contingency table (``sum C(n_cg, 2)``), never from enumerating pairs, so reports
with huge clusters are scored in milliseconds.

Also reported: how many groups of S a cluster recovers (best Jaccard overlap >= 0.5), and the
*false clusters*: reported clusters of at least ``--min-size`` (5) accounts containing no planted
account at all (``open_only_clusters`` counts those whose planted accounts are all open).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

TRUTH_SCHEMA = {"account_id": pl.String, "group_id": pl.String, "kind": pl.String, "stealth": pl.String}


def read_truth(path: Path) -> pl.DataFrame:
    """The ground truth: one row per planted account (``account_id, group_id, kind, stealth``)."""
    truth = pl.read_csv(path, schema_overrides=TRUTH_SCHEMA)
    if "stealth" not in truth.columns:
        truth = truth.with_columns(pl.lit(None, dtype=pl.String).alias("stealth"))
    return truth.with_columns(pl.col("stealth").fill_null(""))


def read_clusters(path: Path) -> list[list[str]]:
    """The accounts of each reported cluster of a ``clusters.json`` report."""
    report = json.loads(Path(path).read_text())
    return [[str(a) for a in cluster["accounts"]] for cluster in report["clusters"]]


def pairs(n: np.ndarray | pl.Series | int) -> Any:
    """Number of unordered pairs among ``n`` items."""
    return n * (n - 1) // 2


def membership(clusters: list[list[str]]) -> pl.DataFrame:
    """One row per (cluster, account) with the cluster's size."""
    sizes = [len(c) for c in clusters]
    return pl.DataFrame({
        "cluster": np.repeat(np.arange(len(clusters), dtype=np.int64), sizes),
        "account_id": [a for c in clusters for a in c],
    }, schema={"cluster": pl.Int64, "account_id": pl.String}).with_columns(
        pl.len().over("cluster").alias("cluster_size")
    )


def pair_scores(members: pl.DataFrame, truth: pl.DataFrame, groups: list[str]) -> dict[str, Any]:
    """Pairwise precision, recall and F1 for the planted groups ``groups``."""
    truth_s = truth.filter(pl.col("group_id").is_in(groups))
    true_pairs = int(pairs(truth_s.group_by("group_id").len()["len"]).sum())
    joined = members.join(truth_s.select("account_id", "group_id"), on="account_id", how="inner")
    cells = joined.group_by("cluster", "group_id").len()
    hits = int(pairs(cells["len"]).sum())
    per_cluster = joined.group_by("cluster").agg(pl.len().alias("n_s"), pl.first("cluster_size"))
    size, n_s = per_cluster["cluster_size"], per_cluster["n_s"]
    involving = int((pairs(size) - pairs(size - n_s)).sum())
    all_pairs = int(pairs(members.group_by("cluster").agg(pl.first("cluster_size"))["cluster_size"]).sum())
    precision = hits / involving if involving else None
    recall = hits / true_pairs if true_pairs else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return {
        "groups": len(groups),
        "accounts": truth_s.height,
        "true_pairs": true_pairs,
        "reported_pairs": involving,
        "hits": hits,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "strict_precision": hits / all_pairs if all_pairs else None,
        "groups_recovered": groups_recovered(cells, truth_s, members),
        "accounts_found": joined["account_id"].n_unique(),
    }


def groups_recovered(cells: pl.DataFrame, truth_s: pl.DataFrame, members: pl.DataFrame) -> int:
    """Groups whose best-matching cluster has Jaccard overlap >= 0.5 with them."""
    if cells.is_empty():
        return 0
    sizes = truth_s.group_by("group_id").len().rename({"len": "group_size"})
    cluster_sizes = members.group_by("cluster").agg(pl.first("cluster_size"))
    jac = (
        cells.join(sizes, on="group_id").join(cluster_sizes, on="cluster")
        .with_columns(
            (pl.col("len") / (pl.col("group_size") + pl.col("cluster_size") - pl.col("len"))).alias("j")
        )
        .group_by("group_id").agg(pl.max("j"))
    )
    return int((jac["j"] >= 0.5).sum())


def false_clusters(members: pl.DataFrame, truth: pl.DataFrame, *, min_size: int) -> dict[str, int]:
    """Reported clusters of at least ``min_size`` accounts with no (covert) planted account."""
    tagged = members.join(truth.select("account_id", "kind"), on="account_id", how="left")
    per = tagged.group_by("cluster").agg(
        pl.first("cluster_size"),
        (pl.col("kind") == "covert").sum().alias("covert"),
        pl.col("kind").is_not_null().sum().alias("planted"),
    ).filter(pl.col("cluster_size") >= min_size)
    return {
        "clusters_at_least_min_size": per.height,
        "false_clusters": int((per["planted"] == 0).sum()),
        "open_only_clusters": int(((per["planted"] > 0) & (per["covert"] == 0)).sum()),
        "largest_false_cluster": int(np.max(per.filter(pl.col("planted") == 0)["cluster_size"].to_numpy(),
                                            initial=0)),
    }


def evaluate(truth: pl.DataFrame, clusters: list[list[str]], *, min_size: int = 5) -> dict[str, Any]:
    """All scores of one report against one ground truth."""
    members = membership(clusters)
    covert = truth.filter(pl.col("kind") == "covert")
    result: dict[str, Any] = {
        "clusters": len(clusters),
        "clustered_accounts": members["account_id"].n_unique(),
        **false_clusters(members, truth, min_size=min_size),
        "min_size": min_size,
    }
    if truth.height:
        result["covert"] = pair_scores(members, truth, covert["group_id"].unique().sort().to_list())
        result["all_groups"] = pair_scores(members, truth, truth["group_id"].unique().sort().to_list())
        by_level = {}
        for level in sorted(covert["stealth"].unique().to_list()):
            groups = covert.filter(pl.col("stealth") == level)["group_id"].unique().sort().to_list()
            by_level[level or "unknown"] = pair_scores(members, truth, groups)
        result["covert_by_stealth"] = by_level
    return result


def format_scores(result: dict[str, Any]) -> str:
    """A short plain-text summary."""

    def fmt(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    lines = [
        f"clusters: {result['clusters']} ({result['clustered_accounts']} accounts); "
        f"false clusters (>= {result['min_size']} accounts, no planted account): {result['false_clusters']}"
    ]
    rows = []
    if "covert" in result:
        rows = [("covert", result["covert"]), ("all groups", result["all_groups"])]
        rows += [(f"covert {k}", v) for k, v in result["covert_by_stealth"].items()]
    for name, s in rows:
        lines.append(
            f"{name:<12} groups {s['groups']:>4} recovered {s['groups_recovered']:>4}  "
            f"P {fmt(s['precision'])}  R {fmt(s['recall'])}  F1 {fmt(s['f1'])}  "
            f"strict P {fmt(s['strict_precision'])}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score a graphmon report against planted groups.")
    parser.add_argument("--truth", type=Path, required=True, help="truth.csv of the data set")
    parser.add_argument("--clusters", type=Path, required=True, help="clusters.json of the report")
    parser.add_argument("--min-size", type=int, default=5, help="smallest false cluster counted")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    result = evaluate(read_truth(args.truth), read_clusters(args.clusters), min_size=args.min_size)
    print(json.dumps(result, indent=1) if args.json else format_scores(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
