"""``graphmon analyze`` end to end, the report files, and the report queries."""

from __future__ import annotations

import csv
import gzip
import json
import shlex
import subprocess
import sys
from pathlib import Path

import jsonschema
import polars as pl
import pytest
from click.testing import CliRunner

from graphmon.cli import main
from graphmon.report import Report
from graphmon.report.write import report_schema
from tests.conftest import ROOT
from tests.synthetic import synthetic_events


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```", 2)[1]
    return [line for line in block.splitlines()[1:] if line.strip()]


@pytest.fixture(scope="module")
def planted_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[set[str]]]:
    folder = tmp_path_factory.mktemp("planted")
    events, groups = synthetic_events(seed=11)
    events.write_csv(folder / "events.csv")
    accounts = pl.DataFrame({
        "account_id": sorted({a for g in groups for a in g}) + ["o1", "o2"],
        "screen_name": [f"user{i}8832" for i in range(sum(len(g) for g in groups))] + ["Tagesschau", "ZDF"],
        "default_profile_image": ["true"] * sum(len(g) for g in groups) + ["false", "false"],
        "verified": ["false"] * sum(len(g) for g in groups) + ["true", "true"],
    })
    accounts.write_csv(folder / "accounts.csv")
    result = CliRunner().invoke(main, ["analyze", str(folder / "events.csv"), "--accounts",
                                       str(folder / "accounts.csv"), "--out", str(folder / "report")])
    assert result.exit_code == 0, result.output
    return folder / "report", groups


def test_readme_first_command_runs_the_main_job(tmp_path: Path) -> None:
    install_and_run = readme_commands()[0]
    assert install_and_run.startswith("pip install") and "graphmon analyze" in install_and_run
    command = install_and_run.split("&&", 1)[1].strip().replace("--out report", f"--out {tmp_path / 'report'}")
    args = shlex.split(command)
    done = subprocess.run([sys.executable, "-m", "graphmon", *args[1:]], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"{tmp_path / 'report'}" in done.stdout
    document = json.loads((tmp_path / "report" / "clusters.json").read_text())
    assert document["input"]["events"] > 100_000 and len(document["clusters"]) > 10


def test_readme_second_command_is_the_ci_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert readme_commands()[1] == ci.replace("python3 -m pytest", "python3 -m pytest")


def test_report_files_follow_the_spec(planted_report: tuple[Path, list[set[str]]]) -> None:
    folder, groups = planted_report
    document = json.loads((folder / "clusters.json").read_text())
    jsonschema.validate(document, report_schema())
    for where, key, bad in [((), "generated_at", "not a date"), (("clusters", 0), "first_share", "soon"),
                            (("clusters", 0), "anonimity_score", 0.5), (("params",), "fdr", 5),
                            (("clusters", 0), "kind", "other"), (("input",), "last", "2021-06-01")]:
        broken = json.loads(json.dumps(document))
        part = broken
        for step in where:
            part = part[step]
        part[key] = bad
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, report_schema())
    assert sorted(sorted(c["accounts"]) for c in document["clusters"]) == sorted(sorted(g) for g in groups)
    with open(folder / "accounts.csv", newline="") as handle:
        header = next(csv.reader(handle))
    assert header[:6] == ["account_id", "cluster_id", "anonymity_score", "shares", "degree", "strength"]
    assert "anonymity_factors" in header
    edges = pl.read_csv(folder / "edges.csv")
    assert edges.columns[:8] == ["account_a", "account_b", "weight", "co_shares", "object_types", "min_delta_s",
                                 "median_delta_s", "mean_delta_s"]
    evidence = pl.read_csv(folder / "evidence.csv", infer_schema_length=0)
    behind = evidence.group_by("account_a", "account_b").agg(pl.col("object_id").n_unique().alias("n"))
    joined = edges.select("account_a", "account_b", "weight").join(behind, on=["account_a", "account_b"])
    assert joined.height == edges.height and (joined["weight"] == joined["n"]).all()
    assert (folder / "network.graphml").stat().st_size > 0 and (folder / "network.gexf").stat().st_size > 0
    assert "graphmon report" in (folder / "summary.md").read_text()


def test_anonymous_groups_have_scores_and_factors(planted_report: tuple[Path, list[set[str]]]) -> None:
    report = Report.load(planted_report[0])
    for cluster in report.clusters():
        assert cluster["anonymity_score"] is not None and cluster["anonymity_score"] > 0.6
        assert "default_avatar" in cluster["anonymity_factors"]
    members = report.members(0)
    assert members["anonymity_factors"].str.contains("handle_word_digits").all()


def test_clusters_and_cluster_commands(planted_report: tuple[Path, list[set[str]]]) -> None:
    folder, groups = planted_report
    runner = CliRunner()
    as_json = runner.invoke(main, ["clusters", str(folder), "--format", "json", "--min-size", "10"])
    assert as_json.exit_code == 0
    assert [c["size"] for c in json.loads(as_json.output)] == [len(g) for g in groups if len(g) >= 10]
    as_csv = runner.invoke(main, ["clusters", str(folder), "--format", "csv", "--anonymous"])
    assert as_csv.exit_code == 0 and len(as_csv.output.strip().splitlines()) == 1 + len(groups)
    table = runner.invoke(main, ["clusters", str(folder)])
    assert table.exit_code == 0 and "most suspicious first" in table.output
    one = runner.invoke(main, ["cluster", str(folder), "0", "--format", "json"])
    assert one.exit_code == 0 and len(json.loads(one.output)["members"]) == json.loads(one.output)["size"]
    missing = runner.invoke(main, ["cluster", str(folder), "99"])
    assert missing.exit_code == 2 and "no cluster 99" in missing.output


def test_querying_a_report_loads_no_analysis_code(planted_report: tuple[Path, list[set[str]]]) -> None:
    """Scripts that query reports every day start fast: neither the command nor the API imports
    the analysis (scipy, igraph, networkx, plotly)."""
    probe = ("import sys; from graphmon.cli import main; import graphmon; graphmon.Report.load(sys.argv[1])\n"
             "try:\n    main(['clusters', sys.argv[1], '--format', 'json'])\nexcept SystemExit:\n    pass\n"
             "heavy = sorted(m for m in ('scipy', 'igraph', 'networkx', 'plotly', 'graphmon.analysis') "
             "if m in sys.modules)\nprint('loaded:', heavy, file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", probe, str(planted_report[0])], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) and run.stderr.strip().splitlines()[-1] == "loaded: []"


def test_report_api_for_scripts(planted_report: tuple[Path, list[set[str]]]) -> None:
    report = Report.load(planted_report[0])
    first = report.cluster(0)
    edge = report.edges().row(0, named=True)
    shown = report.evidence(edge["account_b"], edge["account_a"])
    assert shown.height == edge["co_shares"] and first["size"] >= 2
    with pytest.raises(KeyError):
        report.cluster(10_000)


def test_coortweet_method_from_the_cli_matches_the_reference(tmp_path: Path) -> None:
    data = ROOT / "examples" / "data" / "russian_coord_tweets.csv.gz"
    result = CliRunner().invoke(main, ["analyze", str(data), "--method", "coortweet", "--window", "60",
                                       "--edge-weight", "0.5", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    edges = pl.read_csv(tmp_path / "edges.csv")
    assert edges.height == 60 and edges["weight"].sum() > 120
    assert pl.read_csv(tmp_path / "pairs.csv").height == 3791


def test_example_script_lists_anonymous_clusters(tmp_path: Path, planted_report: tuple[Path, list[set[str]]]) -> None:
    data = planted_report[0].parent / "events.csv"
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "daily_report.py"), str(data), "--all",
                           "--min-size", "2", "--out", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    rows = list(csv.reader(done.stdout.splitlines()))
    assert rows[0][0] == "cluster_id" and len(rows) == 1 + len(planted_report[1])
    assert json.loads((tmp_path / "clusters.json").read_text())["input"]["rows_read"] == pl.read_csv(data).height


def test_example_script_tells_a_failure_from_an_alert(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("account_id,object_id,timestamp\nu1,x,1\nu2,x,soon\n")
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "daily_report.py"), str(bad),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"daily_report: error: {bad}:3:timestamp: ")
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_gzip_and_parquet_inputs_give_the_same_report(tmp_path: Path) -> None:
    events, _ = synthetic_events(seed=12)
    events.write_parquet(tmp_path / "e.parquet")
    with gzip.open(tmp_path / "e.csv.gz", "wb") as handle:
        events.write_csv(handle)
    runner = CliRunner()
    for name in ("e.parquet", "e.csv.gz"):
        assert runner.invoke(main, ["analyze", str(tmp_path / name), "--out", str(tmp_path / name[2:])]).exit_code == 0
    first = json.loads((tmp_path / "parquet" / "clusters.json").read_text())["clusters"]
    second = json.loads((tmp_path / "csv.gz" / "clusters.json").read_text())["clusters"]
    assert [c["accounts"] for c in first] == [c["accounts"] for c in second] and first
