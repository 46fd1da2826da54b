"""Writing a report folder: the forked network writers are always reaped, and a file that cannot
be written is named in one error."""

from __future__ import annotations

import multiprocessing
from datetime import datetime, timezone
from pathlib import Path

import networkx as nx
import polars as pl
import pytest

from graphmon.analysis import Analysis, analyze
from graphmon.errors import GraphmonError
from graphmon.ingest import read_accounts
from graphmon.report import build_report, write_report
from tests.synthetic import synthetic_events

WHEN = datetime(2024, 6, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    events, _ = synthetic_events(seed=1)
    result = analyze(events)
    assert result.edges.height > 0
    return result


def test_network_files_hold_the_reported_edges(analysis: Analysis, tmp_path: Path) -> None:
    write_report(analysis, build_report(analysis, generated_at=WHEN, version="t"), tmp_path)
    for graph in (nx.read_graphml(tmp_path / "network.graphml"), nx.read_gexf(tmp_path / "network.gexf")):
        assert graph.number_of_edges() == analysis.edges.height
    assert multiprocessing.active_children() == []


def test_a_file_that_cannot_be_written_is_named(analysis: Analysis, tmp_path: Path,
                                                capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "network.gexf").mkdir()
    with pytest.raises(GraphmonError, match=r"^network\.gexf could not be written"):
        write_report(analysis, build_report(analysis, generated_at=WHEN, version="t"), tmp_path)
    assert "network.gexf: IsADirectoryError" in capfd.readouterr().err
    assert (tmp_path / "network.graphml").stat().st_size > 0
    assert multiprocessing.active_children() == []


def test_writers_are_reaped_when_another_writer_fails(analysis: Analysis, tmp_path: Path) -> None:
    def failing(_: Path) -> None:
        raise RuntimeError("the HTML writer failed")

    with pytest.raises(RuntimeError, match="HTML writer"):
        write_report(analysis, build_report(analysis, generated_at=WHEN, version="t"), tmp_path, also=[failing])
    assert multiprocessing.active_children() == []


def test_a_default_report_leaves_no_pairs_table_of_an_earlier_coortweet_run(analysis: Analysis,
                                                                              tmp_path: Path) -> None:
    stale = tmp_path / "pairs.csv"
    stale.write_text("object_id,account_id\n")
    write_report(analysis, build_report(analysis, generated_at=WHEN, version="t"), tmp_path)
    assert analysis.pairs is None and not stale.exists()


def test_control_characters_in_names_keep_the_network_files_valid(tmp_path: Path) -> None:
    events, groups = synthetic_events(seed=1, planted=(6,))
    member = sorted(groups[0])[0]
    events = events.with_columns(pl.col("account_id").replace({member: f"{member}\x1f"}))
    pl.DataFrame({"account_id": [f"{member}\x1f"], "display_name": ["Jane\x0bDoe\ufffe"]}).write_csv(
        tmp_path / "accounts.csv")
    hostile = analyze(events, accounts=read_accounts(tmp_path / "accounts.csv"))
    write_report(hostile, build_report(hostile, generated_at=WHEN, version="t"), tmp_path)
    for graph in (nx.read_graphml(tmp_path / "network.graphml"), nx.read_gexf(tmp_path / "network.gexf")):
        assert graph.number_of_edges() == hostile.edges.height
        assert graph.nodes[f"{member}\\x1f"]["display_name"] == "Jane\\x0bDoe\\ufffe"


def test_an_id_spelling_another_ids_escape_stays_a_node_of_its_own(tmp_path: Path) -> None:
    events, groups = synthetic_events(seed=1, planted=(6,))
    first, second = sorted(groups[0])[:2]
    # one account id holds a control character, another the very text its escape would be
    events = events.with_columns(pl.col("account_id").replace({first: "m\x1f", second: "m\\x1f"}))
    hostile = analyze(events)
    write_report(hostile, build_report(hostile, generated_at=WHEN, version="t"), tmp_path)
    for graph in (nx.read_graphml(tmp_path / "network.graphml"), nx.read_gexf(tmp_path / "network.gexf")):
        assert graph.number_of_nodes() == len(set(hostile.edges["account_a"]) | set(hostile.edges["account_b"]))
        assert graph.number_of_edges() == hostile.edges.height
        assert {"m\\x1f", "m\\x5cx1f"} <= set(graph.nodes)
