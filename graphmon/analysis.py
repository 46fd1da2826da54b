"""The analysis chain, from an events table to clusters, scores and evidence (no I/O)."""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl
from scipy import sparse

from graphmon.detect import anonymity, coortweet
from graphmon.detect.consistency import add_consistency, cluster_consistency, incidence
from graphmon.detect.clusters import account_graph, find_clusters
from graphmon.detect.dominance import cluster_dominance
from graphmon.detect.edges import CandidateEdges, coordination_edges
from graphmon.detect.encode import EncodedEvents, encode_events
from graphmon.detect.evidence import edge_evidence, evidence_figures, pair_evidence
from graphmon.detect.ranking import cluster_records, membership_table
from graphmon.detect.significance import test_edges
from graphmon.events import empty_accounts, iso_utc
from graphmon.params import Params

log = logging.getLogger(__name__)


@contextmanager
def _step(name: str) -> Iterator[None]:
    """Log how long a step of the analysis took."""
    start = time.perf_counter()
    yield
    log.info("%s: %.2f s", name, time.perf_counter() - start)


@dataclass(frozen=True)
class Analysis:
    """Everything a report is made of.

    ``edges``: the reported coordination edges (``account_a`` < ``account_b``), ``weight`` is the
    number of distinct objects co-shared within the window (CooRTweet's pair-row count with
    ``--method coortweet``). ``evidence``: the co-shares behind them. ``accounts``: per-account
    figures. ``clusters``: ranked cluster records (SPEC §3). ``pairs``: CooRTweet's pair table
    (coortweet method only).
    """

    params: Params
    input: dict[str, Any]
    edges: pl.DataFrame
    evidence: pl.DataFrame
    accounts: pl.DataFrame
    clusters: list[dict[str, Any]]
    pairs: pl.DataFrame | None = None
    candidate_edges: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)


def analyze(events: pl.DataFrame, *, accounts: pl.DataFrame | None = None, params: Params = Params(),
            notes: tuple[str, ...] = ()) -> Analysis:
    """Detect coordinated account clusters in ``events`` (the canonical table) and score them,
    using profiles from ``accounts`` (SPEC §2) where given."""
    profiles = empty_accounts() if accounts is None else accounts
    with _step("encoding"):
        encoded = encode_events(events)
    unmatched = profiles.height - int(profiles["account_id"].is_in(encoded.account_ids.implode()).sum())
    if unmatched == profiles.height > 0:
        notes = (*notes, f"none of the {profiles.height:,} profiles matches an account of the events; check that "
                         "both tables use the same account ids")
    elif unmatched:
        notes = (*notes, f"{unmatched:,} of {profiles.height:,} profiles match no account of the events (not used)")
    # Once the clusters are known, a second thread computes the per-account figures and anonymity
    # scores while this one collects the evidence (polars and most numpy work release the GIL).
    with ThreadPoolExecutor(max_workers=1) as background:
        if params.method == "coortweet":
            with _step("coortweet pairs and edges"):
                edges, pairs, candidates = _coortweet_edges(events, params)
                clusters = _clusters(edges, params)
                figures = background.submit(_account_figures, events, encoded, profiles, membership_table(clusters))
                evidence = pair_evidence(pairs, events)
        else:
            edges, candidates, clusters, unpaired = _default_detection(encoded, params)
            if unpaired:
                notes = (*notes, f"{unpaired} objects shared by more than {params.max_object_accounts} accounts "
                         "were not paired (no evidence of coordination); raise --max-object-accounts to pair them")
            with _step("evidence"):
                figures = background.submit(_account_figures, events, encoded, profiles, membership_table(clusters))
                evidence = edge_evidence(events, encoded, edges, window_s=params.window_s)
            pairs = None
        log.info("%d candidate edges, %d reported, %d clusters", candidates, edges.height, len(clusters))
        with _step("scores and ranking"):
            edges = _with_evidence_figures(edges, evidence, params)
            membership = membership_table(clusters)
            account_table = _account_table(*figures.result(), edges, profiles, membership)
            records = cluster_records(membership, edges, evidence, account_table,
                                      _member_events(events, encoded, membership), window_s=params.window_s,
                                      every_event=events)
            account_table = _renumber(account_table, records)
    return Analysis(params=params, input=input_summary(encoded, profiles), edges=edges, evidence=evidence,
                    accounts=account_table, clusters=records, pairs=pairs, candidate_edges=candidates,
                    notes=notes)


def _default_detection(encoded: EncodedEvents, params: Params) -> tuple[pl.DataFrame, int, list[list[str]], int]:
    """Clusters of significant, consistent edges whose members act together consistently and lead
    the bursts they join, and the edges among their members."""
    with _step("co-shares and candidate edges"):
        candidates = coordination_edges(encoded, window_s=params.window_s,
                                        max_object_accounts=params.max_object_accounts,
                                        min_objects=params.min_participation)
    with _step("edge tests"):
        matrix = incidence(encoded, candidates.paired_objects)
        edges = _default_edges(encoded, candidates, matrix, params)
    with _step("clusters"):
        clusters = _clusters(edges, params)
    with _step("cluster checks"):
        coded = _account_codes(encoded, clusters)
        dominance = cluster_dominance(coded, encoded, window_s=params.window_s)
        leading = [i for i, d in enumerate(dominance) if d >= params.min_dominance]
        consistency = cluster_consistency([coded[i] for i in leading], candidates.edges, matrix, encoded.n_accounts)
    kept = [clusters[i] for i, c in zip(leading, consistency) if c >= params.min_consistency]
    log.info("%d of %d clusters act together consistently and lead the bursts they join", len(kept), len(clusters))
    members = pl.Series([account for group in kept for account in group], dtype=pl.String).implode()
    edges = edges.filter(pl.col("account_a").is_in(members) & pl.col("account_b").is_in(members))
    return edges, candidates.edges.height, kept, candidates.unpaired_objects


def _with_evidence_figures(edges: pl.DataFrame, evidence: pl.DataFrame, params: Params) -> pl.DataFrame:
    """The edges with their evidence figures. With the default method, ``weight`` becomes the
    distinct objects co-shared within the window, the very popular ones the edge test leaves out
    (``--max-object-accounts``) included, so that it counts what the evidence shows; ``objects``
    stays the count the test used. CooRTweet's method keeps its own weight."""
    figures = edges.join(evidence_figures(evidence), on=["account_a", "account_b"], how="left")
    if params.method == "default":
        figures = figures.with_columns(pl.col("shared_objects").fill_null(pl.col("weight")).alias("weight"))
    return figures.drop("shared_objects")


def _member_events(events: pl.DataFrame, encoded: EncodedEvents, membership: pl.DataFrame) -> pl.DataFrame:
    """The events of clustered accounts, found through the integer codes rather than a string join."""
    rows = np.sort(encoded.row[np.isin(encoded.account, encoded.account_codes(membership["account_id"]))])
    return events[rows]


def _account_codes(encoded: EncodedEvents, clusters: list[list[str]]) -> list[np.ndarray]:
    """The account codes of each cluster's members."""
    values = encoded.account_codes([account for group in clusters for account in group])
    bounds = np.cumsum([0] + [len(group) for group in clusters])
    return [values[bounds[i]:bounds[i + 1]] for i in range(len(clusters))]


def _default_edges(encoded: EncodedEvents, candidates: CandidateEdges, matrix: sparse.csr_matrix,
                   params: Params) -> pl.DataFrame:
    tested = test_edges(candidates.edges, activity=candidates.activity, total_pairs=candidates.total_pairs,
                        min_participation=params.min_participation, fdr=params.fdr)
    kept = add_consistency(tested.filter(pl.col("significant")).drop("significant"), matrix)
    kept = kept.filter(pl.col("consistency") >= params.min_consistency)
    names = encoded.account_ids
    a = names.gather(kept["account"])
    b = names.gather(kept["account_y"])
    edges = kept.drop("account", "account_y").with_columns(a.alias("a"), b.alias("b")).select(
        pl.min_horizontal("a", "b").alias("account_a"),
        pl.max_horizontal("a", "b").alias("account_b"),
        pl.col("objects").cast(pl.Int64).alias("weight"),
        pl.col("objects").cast(pl.Int64),
        "common_objects", "consistency", "idf_weight", "expected_objects", "p_value",
    )
    return edges.sort("account_a", "account_b")


def _coortweet_edges(events: pl.DataFrame, params: Params) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    pairs = coortweet.detect_groups(events, window_s=params.window_s, min_participation=params.min_participation)
    network = coortweet.coordinated_network(pairs, edge_weight=params.edge_weight)
    kept = coortweet.kept_edges(network)
    objects = (
        pairs.with_columns(pl.min_horizontal("account_id", "account_id_y").alias("account_a"),
                           pl.max_horizontal("account_id", "account_id_y").alias("account_b"))
        .group_by("account_a", "account_b")
        .agg(pl.struct("object_type", "object_id").n_unique().alias("objects"))
    )
    edges = kept.rename({"from": "account_a", "to": "account_b"}).join(
        objects, on=["account_a", "account_b"], how="left"
    ).with_columns(pl.col("weight").cast(pl.Int64), pl.col("objects").cast(pl.Int64)).drop("weight_threshold")
    return edges.sort("account_a", "account_b"), pairs, network.height


def _clusters(edges: pl.DataFrame, params: Params) -> list[list[str]]:
    names = pl.concat([edges["account_a"], edges["account_b"]]).unique().sort()
    index = pl.DataFrame({"account_id": names}).with_row_index("code")
    coded = (
        edges.join(index.rename({"account_id": "account_a", "code": "account"}), on="account_a")
        .join(index.rename({"account_id": "account_b", "code": "account_y"}), on="account_b")
    )
    weight = "idf_weight" if params.method == "default" else "weight"
    graph = account_graph(coded, n_accounts=len(names), weight=weight)
    groups = find_clusters(graph, seed=params.seed, resolution=params.resolution, min_size=params.min_cluster_size)
    return [names.gather(members).to_list() for members in groups]


def _account_activity(events: pl.DataFrame, encoded: EncodedEvents) -> pl.DataFrame:
    """Per account, in order of first appearance: shares, distinct objects, first and last share,
    and its platform (grouped on integer codes, not strings)."""
    coded = pl.DataFrame({
        "code": encoded.account, "obj": encoded.obj, "timestamp": encoded.timestamp,
        "platform": events["platform"].gather(encoded.row),
    })
    activity = coded.group_by("code").agg(
        pl.len().alias("shares"),
        pl.col("obj").n_unique().alias("objects"),
        pl.col("timestamp").min().alias("first_share"),
        pl.col("timestamp").max().alias("last_share"),
        pl.col("platform").drop_nulls().first().alias("platform"),
    ).sort("code")
    return activity.select(encoded.account_ids.gather(activity["code"]).alias("account_id"), pl.exclude("code"))


def _account_figures(events: pl.DataFrame, encoded: EncodedEvents, profiles: pl.DataFrame,
                     membership: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per-account activity and anonymity scores (neither needs the edges or the evidence)."""
    activity = _account_activity(events, encoded)
    return activity, _anonymity(profiles, activity, membership)


def _account_table(activity: pl.DataFrame, scores: pl.DataFrame, edges: pl.DataFrame, profiles: pl.DataFrame,
                   membership: pl.DataFrame) -> pl.DataFrame:
    ends = pl.concat([
        edges.select(pl.col("account_a").alias("account_id"), "weight"),
        edges.select(pl.col("account_b").alias("account_id"), "weight"),
    ])
    network = ends.group_by("account_id").agg(pl.len().alias("degree"), pl.col("weight").sum().alias("strength"))
    return (
        activity.join(membership, on="account_id", how="left")
        .join(network, on="account_id", how="left")
        .join(scores, on="account_id", how="left")
        .join(profiles.select("account_id", "screen_name", "display_name", "created_at"), on="account_id", how="left")
        .with_columns(pl.col("degree").fill_null(0), pl.col("strength").fill_null(0))
    )


def _anonymity(profiles: pl.DataFrame, activity: pl.DataFrame, membership: pl.DataFrame) -> pl.DataFrame:
    known = profiles.join(activity.select("account_id"), on="account_id", how="semi")
    factors = anonymity.profile_factors(known, first_share=activity.select("account_id", "first_share"))
    burst = anonymity.creation_burst(known, membership)
    factors = factors.join(burst, on="account_id", how="left")
    return anonymity.anonymity_scores(factors)


def _renumber(accounts: pl.DataFrame, records: list[dict[str, Any]]) -> pl.DataFrame:
    ranked = pl.DataFrame(
        [(a, r["cluster_id"]) for r in records for a in r["accounts"]],
        schema={"account_id": pl.String, "cluster_id": pl.Int64}, orient="row",
    )
    return accounts.drop("cluster_id").join(ranked, on="account_id", how="left").select(
        "account_id", "cluster_id", pl.exclude("account_id", "cluster_id")
    )


def input_summary(encoded: EncodedEvents, profiles: pl.DataFrame) -> dict[str, Any]:
    """Counts and time span of the input, as written into the report."""
    empty = len(encoded.timestamp) == 0
    return {
        "events": len(encoded.timestamp),
        "accounts": encoded.n_accounts,
        "objects": encoded.n_objects,
        "profiles": profiles.height,
        "first": None if empty else iso_utc(float(encoded.timestamp.min())),
        "last": None if empty else iso_utc(float(encoded.timestamp.max())),
    }
