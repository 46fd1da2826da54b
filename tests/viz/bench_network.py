"""Timing check (not a unit test): lay out and render a synthetic 50,000-account coordination graph.

    python -m tests.viz.bench_network [--accounts 50000] [--out /tmp/graphmon-viz-bench]

Builds clusters with heavy-tailed sizes (one of ~5,000 accounts down to many pairs) and about
three edges per account inside each, then times: the igraph layouts, building the figure and
page, and Chromium (headless, Debian's /usr/bin/chromium) opening the page until the network is
drawn. Runs once with the report's default limits and once drawing everything.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from graphmon.viz.data import ACCOUNT_COLUMNS, EDGE_COLUMNS, EVIDENCE_COLUMNS, ReportData, conform
from graphmon.viz.html import render_report
from graphmon.viz.layout import cluster_layouts
from graphmon.viz.network import NetworkLimits
from graphmon.viz.page import PageLimits

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic_graph(accounts: int, *, seed: int = 1) -> ReportData:
    """Clusters of heavy-tailed sizes covering ``accounts`` accounts, ~3 edges per account."""
    rng = np.random.default_rng(seed)
    sizes: list[int] = []
    while accounts - sum(sizes) >= 2:
        sizes.append(int(min(2 + rng.zipf(1.6), 5_000, accounts - sum(sizes))))
    sizes[-1] += accounts - sum(sizes)
    sizes.sort(reverse=True)
    cluster = np.repeat(np.arange(len(sizes)), sizes)
    ids = np.char.add("acc", np.arange(accounts).astype(str))
    starts = np.concatenate(([0], np.cumsum(sizes)))[:-1]
    a, b = [], []
    for start, size in zip(starts, sizes):
        n_edges = max(size - 1, 3 * size if size > 3 else size * (size - 1) // 2)
        left = rng.integers(0, size, n_edges) + start
        right = (left - start + rng.integers(1, size, n_edges)) % size + start
        a.append(left)
        b.append(right)
    left, right = np.concatenate(a), np.concatenate(b)
    edges = pl.DataFrame({"account_a": ids[np.minimum(left, right)], "account_b": ids[np.maximum(left, right)]}).unique()
    edges = edges.with_columns(pl.lit(3.0).alias("weight"))
    ends = pl.concat([edges.select(pl.col(end).alias("account_id")) for end in ("account_a", "account_b")])
    degree = ends.group_by("account_id").agg(pl.len().alias("degree"))
    table = pl.DataFrame({"account_id": ids, "cluster_id": cluster, "shares": rng.integers(2, 200, accounts),
                          "anonymity_score": rng.uniform(0, 1, accounts).round(2),
                          "screen_name": np.char.add("user", np.arange(accounts).astype(str))})
    table = table.join(degree, on="account_id", how="left").with_columns(
        (pl.col("degree").fill_null(0) * 3.0).alias("strength"))
    records: list[dict[str, Any]] = [{"cluster_id": c, "size": s, "accounts": [], "coordination_score": 0.9, "anonymity_score": 0.5,
                "kind": "synthetic", "reason": f"{s} accounts", "edges": 0, "platforms": [], "object_types": {},
                "top_objects": [], "first_share": None, "last_share": None} for c, s in enumerate(sizes)]
    document = {"generated_at": "now", "graphmon_version": "bench", "params": {"method": "default", "window_s": 60,
                "seed": 42}, "input": {}, "clusters": records}
    return ReportData(document=document, accounts=conform(table, ACCOUNT_COLUMNS), edges=conform(edges, EDGE_COLUMNS),
                      evidence=conform(pl.DataFrame(), EVIDENCE_COLUMNS).clear())


def open_in_chromium(page_file: Path) -> float:
    """Seconds from navigation until the page's network figure is drawn."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        started = time.perf_counter()
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=120_000)
        seconds = time.perf_counter() - started
        page.locator("#network").screenshot(path=str(page_file.with_suffix(".png")))
        browser.close()
    return seconds


def run(accounts: int, out: Path) -> list[dict[str, Any]]:
    """Time the layout and both renderings; returns one row per run."""
    out.mkdir(parents=True, exist_ok=True)
    data = synthetic_graph(accounts)
    started = time.perf_counter()
    clustered = data.accounts.select("account_id", "cluster_id")
    cluster_layouts(clustered, data.edges)
    layout_s = time.perf_counter() - started
    rows = [{"run": "layout of all clusters (igraph)", "accounts": accounts, "edges": data.edges.height,
             "seconds": round(layout_s, 2)}]
    for name, limits in (("default limits", NetworkLimits()),
                         ("everything", NetworkLimits(max_clusters=10**6, max_nodes=10**7, max_edges=10**7))):
        started = time.perf_counter()
        page = render_report(data, limits=PageLimits(network=limits))
        build_s = time.perf_counter() - started
        page_file = out / f"network-{name.replace(' ', '-')}.html"
        page_file.write_text(page, encoding="utf-8")
        browser_s = open_in_chromium(page_file)
        rows.append({"run": name, "layout+figure+page_s": round(build_s, 2), "chromium_s": round(browser_s, 2),
                     "mb": round(page_file.stat().st_size / 1e6, 1)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=50_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/graphmon-viz-bench"))
    args = parser.parse_args()
    for row in run(args.accounts, args.out):
        print(row)


if __name__ == "__main__":
    main()
