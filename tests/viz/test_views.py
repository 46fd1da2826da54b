"""The pure parts of the views: escaping, limits, layout, figures, filters, exports."""

from __future__ import annotations

import html
import json
import math
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import plotly.io as pio
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphmon.analysis import analyze
from graphmon.errors import GraphmonError
from graphmon.report import Report, build_report
from graphmon.viz.cluster import cluster_evidence, cluster_members, evidence_shares
from graphmon.viz.cluster_figures import (NAMED_OBJECTS, anonymity_figure, creation_figure, heatmap_figure, objects_figure,
                                          timeline_figure)
from graphmon.viz.data import ReportData, from_analysis, from_report
from graphmon.viz.explore_tables import account_neighbours, account_shares, evidence_export
from graphmon.viz.explorer import view_filter
from graphmon.viz.export import figure_image
from graphmon.viz.filters import ViewFilter, filter_clusters
from graphmon.viz.html import figure_json, render_report, write_html_report
from graphmon.viz.layout import cluster_layouts, pack_clusters
from graphmon.viz.network import NetworkLimits, network_figure, select_network
from graphmon.viz.text import escape_text
from graphmon.viz.theme import base_layout, figure
from tests.viz.reports import HOSTILE_NAMES, HOSTILE_OBJECT, sample_analysis


@pytest.fixture(scope="module")
def hostile() -> ReportData:
    result = sample_analysis(hostile=True)
    document = build_report(result, generated_at=datetime(2024, 5, 1, tzinfo=timezone.utc), version="test")
    return from_analysis(result, document)


@given(st.text())
def test_escaped_text_has_no_markup_and_round_trips(text: str) -> None:
    escaped = escape_text(text)
    assert "<" not in escaped and ">" not in escaped
    assert html.unescape(escaped) == text


@given(st.text())
def test_figure_json_cannot_close_its_script_element(text: str) -> None:
    embedded = figure_json(figure(base_layout(title="t"), {"type": "bar", "x": [1], "y": [2], "name": text}))
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert json.loads(str(embedded))["data"][0]["name"] == text


def test_every_figure_string_from_the_data_is_escaped(hostile: ReportData) -> None:
    cid = next(c["cluster_id"] for c in hostile.clusters if any(o["object_id"].startswith(HOSTILE_OBJECT)
                                                               for o in c["top_objects"]))
    members = cluster_members(hostile, cid)
    shares = evidence_shares(cluster_evidence(hostile, cid))
    selection = select_network(hostile)
    positions = pack_clusters(cluster_layouts(selection.nodes, selection.edges), selection.cluster_ids)
    figures = [timeline_figure(shares, members), objects_figure(shares), heatmap_figure(shares, members),
               anonymity_figure(members), creation_figure(members), network_figure(selection, positions)]
    for fig in figures:
        text = pio.to_json(fig, validate=False)
        assert "<script" not in text and "<img" not in text and "<svg" not in text and "<b>" not in text
    customdata = json.loads(pio.to_json(figures[-1], validate=False))["data"][1]["customdata"]
    assert any(row[3] == escape_text(HOSTILE_NAMES[0]) for row in customdata)


def test_page_escapes_data_and_allows_only_its_own_scripts(hostile: ReportData) -> None:
    page = render_report(hostile)
    for raw in (*HOSTILE_NAMES, HOSTILE_OBJECT):
        assert raw not in page
    assert page.count("<script>") == 2
    policy = html.unescape(page.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0])
    script_src = policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "'unsafe-inline'" not in script_src and script_src.count("'sha256-") == 2


def test_network_limits_cut_in_rank_order_and_say_so(hostile: ReportData) -> None:
    sizes = [c["size"] for c in hostile.clusters]
    everything = select_network(hostile)
    assert everything.nodes.height == sum(sizes) and everything.notes == ()
    one = select_network(hostile, limits=NetworkLimits(max_nodes=sizes[0] + 1))
    assert one.cluster_ids == [0] and one.nodes.height == sizes[0]
    assert "the top 1 of 3 clusters" in one.notes[0]
    cut = select_network(hostile, limits=NetworkLimits(max_nodes=4, max_edges=3))
    assert cut.nodes.height == 4 and cut.edges.height == 3
    assert any("heaviest" in note for note in cut.notes)
    strongest = cluster_members(hostile, 0)["account_id"].head(4).to_list()
    assert sorted(cut.nodes["account_id"].to_list()) == sorted(strongest)


def test_packed_clusters_do_not_overlap() -> None:
    rng = np.random.default_rng(0)
    sizes = [40, 17, 9, 5, 3, 2, 2, 1]
    members = pl.DataFrame({"account_id": [f"c{c}_{i}" for c, n in enumerate(sizes) for i in range(n)],
                            "cluster_id": [c for c, n in enumerate(sizes) for _ in range(n)]})
    pairs = [(f"c{c}_{i}", f"c{c}_{j}") for c, n in enumerate(sizes) for i in range(n) for j in range(i + 1, n)
             if rng.random() < 0.3]
    edges = pl.DataFrame(pairs, schema=["account_a", "account_b"], orient="row")
    local = cluster_layouts(members, edges, seed=1)
    assert local.equals(cluster_layouts(members, edges, seed=1))
    packed = pack_clusters(local, list(range(len(sizes))))
    discs = packed.group_by("cluster_id").agg(pl.col("x").mean(), pl.col("y").mean(), pl.len()).sort("cluster_id")
    for a in discs.iter_rows(named=True):
        for b in discs.iter_rows(named=True):
            if a["cluster_id"] < b["cluster_id"]:
                gap = math.dist((a["x"], a["y"]), (b["x"], b["y"]))
                assert gap >= math.sqrt(a["len"]) + math.sqrt(b["len"]) - 1e-6


def test_cluster_figures_count_what_they_show(hostile: ReportData) -> None:
    members = cluster_members(hostile, 0)
    shares = evidence_shares(cluster_evidence(hostile, 0))
    timeline = timeline_figure(shares, members)
    assert sum(len(trace["x"]) for trace in timeline["data"]) == shares.height
    heatmap = heatmap_figure(shares, members)
    assert int(np.asarray(heatmap["data"][0]["z"]).sum()) == shares.height
    anonymity = anonymity_figure(members)
    assert max(anonymity["data"][0]["x"]) <= 1.0 and "mean score" in anonymity["layout"]["title"]["text"]
    assert sum(creation_figure(members)["data"][0]["y"]) == members.height


def test_object_ids_never_become_part_of_a_hover_template() -> None:
    ids = [f"%{{y}}-{i}" for i in range(12)]
    shares = pl.DataFrame({"account_id": [f"a{i % 3}" for i in range(36)], "content_id": [str(i) for i in range(36)],
                           "object_type": "url", "object_id": [ids[i % 12] for i in range(36)],
                           "timestamp": [float(i) for i in range(36)]})
    members = pl.DataFrame({"account_id": ["a0", "a1", "a2"], "handle": ["a0", "a1", "a2"]})
    traces = timeline_figure(shares, members)["data"]
    assert {trace["hovertemplate"] for trace in traces} == {"%{y}<br>%{x|%Y-%m-%d %H:%M:%S}<br>%{text}<extra></extra>"}
    other = next(trace for trace in traces if trace["name"] == "other objects")
    assert len(set(other["text"])) == 12 - NAMED_OBJECTS and not any("(2)" in t for t in other["text"])


def test_empty_inputs_give_figures_that_say_why() -> None:
    report = ReportData(document={"clusters": []}, accounts=pl.DataFrame(), edges=pl.DataFrame(),
                        evidence=pl.DataFrame())
    shares = pl.DataFrame(schema={"account_id": pl.String, "content_id": pl.String, "object_type": pl.String,
                                  "object_id": pl.String, "timestamp": pl.Float64})
    members = pl.DataFrame(schema={"account_id": pl.String, "handle": pl.String, "created_at": pl.Float64,
                                   "anonymity_score": pl.Float64, "anonymity_factors": pl.String})
    for fig in (timeline_figure(shares, members), objects_figure(shares), heatmap_figure(shares, members),
                creation_figure(members), anonymity_figure(members)):
        assert fig["data"] == [] and fig["layout"]["annotations"][0]["text"]
    assert report.clusters == []


def test_report_without_clusters_still_renders(tmp_path: Path) -> None:
    events = pl.DataFrame({"account_id": ["a", "b"], "object_id": ["x", "y"], "object_type": ["url", "url"],
                           "timestamp": [0.0, 5.0], "content_id": ["1", "2"], "platform": ["tw", "tw"],
                           "text": [None, None]}, schema_overrides={"text": pl.String})
    result = analyze(events)
    document = build_report(result, generated_at=datetime(2024, 5, 1, tzinfo=timezone.utc), version="test")
    page = write_html_report(result, document, tmp_path).read_text(encoding="utf-8")
    assert "No coordinated clusters were found" in page


def test_filters_narrow_clusters_and_evidence(sample_report: Path) -> None:
    data = from_report(Report.load(sample_report))
    assert len(filter_clusters(data.clusters, ViewFilter())) == 3
    assert [c["size"] for c in filter_clusters(data.clusters, ViewFilter(min_size=7, max_size=10))] == [9]
    assert filter_clusters(data.clusters, ViewFilter(min_anonymity=0.99)) == []
    assert filter_clusters(data.clusters, ViewFilter(platforms=frozenset({"fb"}))) == []
    assert filter_clusters(data.clusters, ViewFilter(object_types=frozenset({"hashtag"}))) == []
    view = view_filter(0, None, 0, ["yes"], "1970-01-03", "1970-01-04", ["tw"], ["url"])
    evidence = cluster_evidence(data, 0, view)
    assert evidence.height > 0
    times = evidence.select(pl.min_horizontal("timestamp_a", "timestamp_b").min().alias("low"),
                            pl.max_horizontal("timestamp_a", "timestamp_b").max().alias("high")).row(0)
    assert 2 * 86_400 <= times[0] and times[1] < 4 * 86_400
    with pytest.raises(GraphmonError, match="not a date"):
        view_filter(0, None, 0, [], "yesterday", None, None, None)


def test_account_tables_and_exports(sample_report: Path) -> None:
    data = from_report(Report.load(sample_report))
    account = cluster_members(data, 0)["account_id"][0]
    neighbours = account_neighbours(data, account)
    edges = data.edges.filter((pl.col("account_a") == account) | (pl.col("account_b") == account))
    assert len(neighbours) == edges.height and neighbours[0]["weight"] == edges["weight"].max()
    shares = account_shares(data, account)
    assert shares and all(row["co_sharers"] >= 1 for row in shares)
    evidence = cluster_evidence(data, 0)
    csv = evidence_export(evidence, fmt="csv", meta={})
    assert pl.read_csv(csv.encode(), schema_overrides={"account_a": pl.String, "account_b": pl.String}).height == evidence.height
    document = json.loads(evidence_export(evidence, fmt="json", meta={"cluster_id": 0}))
    assert document["cluster_id"] == 0 and document["rows"] == evidence.height


def test_figure_image_names_a_bad_format() -> None:
    with pytest.raises(GraphmonError, match="png or svg"):
        figure_image({"data": [], "layout": {}}, fmt="gif")  # type: ignore[arg-type]
