"""Where a cluster's top objects came from, in the file report: the same answers the
``cluster_objects`` query gives from a store, on the hand-made fixture of tests/store/test_runs.py
(x1, x2, x3 push four objects within seconds; s0 shared url 1 before any of them; y1, y2
retweet the same three posts)."""

from __future__ import annotations

from pathlib import Path

from graphmon import Params, analyze
from graphmon.ingest import read_accounts, read_events

DATA = Path(__file__).parents[1] / "data" / "store"
URL = "https://a.example/"
FIELDS = ("object_type", "object_id", "members", "likely_source", "source_in_cluster", "min_delay_s",
          "median_delay_s", "max_delay_s")


def origins(params: Params) -> list[tuple[object, ...]]:
    result = analyze(read_events([DATA / "events.csv"]).events, accounts=read_accounts(DATA / "accounts.csv"),
                     params=params)
    assert len(result.clusters) == 1
    return sorted(tuple(item[f] for f in FIELDS) for item in result.clusters[0]["top_objects"])


def test_likely_source_and_follow_delays_by_hand() -> None:
    assert origins(Params(method="coortweet", edge_weight=0.0)) == [
        ("hashtag", "h1", 3, "x2", True, 3.0, 16.5, 30.0),
        ("url", URL + "1", 3, "s0", False, 10.0, 15.0, 20.0),
        ("url", URL + "2", 3, "x1", True, 5.0, 8.5, 12.0),
        ("url", URL + "3", 3, "x3", True, 4.0, 6.0, 8.0),
    ]
    assert [(oid, source, slowest) for _, oid, _, source, _, _, _, slowest in origins(Params(fdr=0.5))] == [
        ("r1", "y1", 30.0), ("r2", "y2", 2.0), ("r3", "y1", 1.0)]


def test_first_shared_is_the_source_time() -> None:
    result = analyze(read_events([DATA / "events.csv"]).events, params=Params(method="coortweet", edge_weight=0.0))
    url1 = next(o for o in result.clusters[0]["top_objects"] if o["object_id"] == URL + "1")
    assert url1["first_shared"] == "2023-11-14T22:13:20Z"  # T0 = 1,700,000,000


def test_cluster_command_shows_the_sources(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from graphmon.cli import main

    runner = CliRunner()
    out = tmp_path / "report"
    made = runner.invoke(main, ["analyze", str(DATA / "events.csv"), "--method", "coortweet", "--edge-weight", "0",
                                "--out", str(out)])
    assert made.exit_code == 0, made.output
    shown = runner.invoke(main, ["cluster", str(out), "0"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    line = next(line for line in shown.output.splitlines() if "a.example/1" in line)
    assert "s0 (outside the cluster)" in line and "10 / 15 / 20" in line
    assert "x1 (member)" in next(line for line in shown.output.splitlines() if "a.example/2" in line)


def test_a_long_source_id_is_shortened_but_keeps_its_marker() -> None:
    from rich.console import Console

    from graphmon.cli.tables import objects_table

    source = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    record = {"top_objects": [{"object_type": "url", "object_id": URL + "1", "shares": 3, "members": 3,
                               "likely_source": source, "source_in_cluster": False,
                               "first_shared": "2023-11-14T22:13:20Z", "min_delay_s": 10.0,
                               "median_delay_s": 15.0, "max_delay_s": 20.0}]}
    console = Console(width=400, record=True)
    console.print(objects_table(record))
    shown = console.export_text()
    assert f"{source[:59]}… (outside the cluster)" in shown


def test_summary_names_the_sources_of_the_top_clusters(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from graphmon.report.summary import summary_markdown
    from graphmon.report.write import build_report

    result = analyze(read_events([DATA / "events.csv"]).events, params=Params(method="coortweet", edge_weight=0.0))
    document = build_report(result, generated_at=datetime(2024, 1, 1, tzinfo=timezone.utc), version="test",
                            input_extra={"rows_read": 35, "duplicates_dropped": 0})
    lines = summary_markdown(document).splitlines()
    assert f"| 0 | url:{URL}1 | s0 | outside the cluster | 2023-11-14T22:13:20Z | 3 | 15 |" in lines
    assert f"| 0 | url:{URL}2 | x1 | a member | 2023-11-14T22:30:00Z | 3 | 8.5 |" in lines
    assert sum(line.startswith("| 0 | ") for line in lines) == 1 + 3  # the cluster row, then its 3 top objects


def test_report_rows_name_the_source_by_its_handle() -> None:
    from datetime import datetime, timezone

    from graphmon.report.write import build_report
    from graphmon.viz.cluster import origin_rows, source_handles
    from graphmon.viz.data import from_analysis

    result = analyze(read_events([DATA / "events.csv"]).events, accounts=read_accounts(DATA / "accounts.csv"),
                     params=Params(method="coortweet", edge_weight=0.0))
    document = build_report(result, generated_at=datetime(2024, 1, 1, tzinfo=timezone.utc), version="test",
                            input_extra={"rows_read": 35, "duplicates_dropped": 0})
    data = from_analysis(result, document)
    handles = source_handles(data, data.clusters)
    assert handles == {"s0": "@person_s0", "x1": "@user184736251", "x2": "@user284736251", "x3": "@user384736251"}
    rows = {row["object_id"]: row for row in origin_rows(data.clusters[0], handles)}
    assert (rows[URL + "1"]["source"], rows[URL + "1"]["where"]) == ("@person_s0 (s0)", "outside the cluster")
    assert origin_rows(data.clusters[0])[0]["source"] in {"s0", "x1", "x2", "x3"}  # no handles given: the id
