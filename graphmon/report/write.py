"""Build the clusters document and write a report folder."""

from __future__ import annotations

import json
import multiprocessing
import logging
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import polars as pl

from graphmon.analysis import Analysis
from graphmon.errors import GraphmonError
from graphmon.report.summary import summary_markdown

if TYPE_CHECKING:
    import networkx as nx

log = logging.getLogger(__name__)
SCHEMA_VERSION = "1"
EDGE_COLUMNS = ("account_a", "account_b", "weight", "co_shares", "object_types", "min_delta_s",
                "median_delta_s", "mean_delta_s")


def report_schema() -> dict[str, Any]:
    """The JSON Schema of ``clusters.json`` shipped in the package."""
    text = resources.files("graphmon.report").joinpath("clusters.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def validate_report(document: dict[str, Any]) -> None:
    """Raise ``GraphmonError`` naming the first place where ``document`` breaks the schema."""
    import jsonschema

    try:
        jsonschema.validate(document, report_schema(), format_checker=jsonschema.FormatChecker())
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(root)"
        raise GraphmonError(f"clusters.json does not match its schema at {where}: {exc.message}") from None


def build_report(analysis: Analysis, *, generated_at: datetime, version: str,
                 input_extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``clusters.json`` document of ``analysis``; ``generated_at`` is the caller's clock."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "graphmon_version": version,
        "generated_at": generated_at.isoformat(),
        "params": analysis.params.to_dict(),
        "input": {**analysis.input, **(input_extra or {}), "notes": list(analysis.notes)},
        "summary": {
            "clusters": len(analysis.clusters),
            "clustered_accounts": sum(c["size"] for c in analysis.clusters),
            "candidate_edges": analysis.candidate_edges,
            "reported_edges": analysis.edges.height,
        },
        "clusters": analysis.clusters,
    }
    validate_report(document)
    return document


def write_report(analysis: Analysis, document: dict[str, Any], out_dir: str | Path, *,
                 also: Sequence[Callable[[Path], object]] = ()) -> Path:
    """Write ``clusters.json``, ``accounts.csv``, ``edges.csv``, ``evidence.csv``,
    ``summary.md``, ``network.graphml`` and ``network.gexf`` into ``out_dir``, then run each of
    ``also`` on the folder (e.g. the HTML report writer).

    The two network files are slow to serialise (networkx builds XML in Python), so where the
    platform can fork they are written by child processes while this one writes the rest.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    writers = _start_network_writers(coordination_network(analysis), out)
    (out / "clusters.json").write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    analysis.accounts.sort(["cluster_id", "account_id"], nulls_last=True).write_csv(out / "accounts.csv")
    edges = analysis.edges.select(*EDGE_COLUMNS, pl.exclude(*EDGE_COLUMNS))
    edges.write_csv(out / "edges.csv")
    analysis.evidence.write_csv(out / "evidence.csv")
    if analysis.pairs is not None:
        analysis.pairs.write_csv(out / "pairs.csv")
    (out / "summary.md").write_text(summary_markdown(document), encoding="utf-8")
    for write in also:
        write(out)
    _finish_network_writers(writers)
    log.info("report written to %s", out)
    return out


NETWORK_FILES = ("network.graphml", "network.gexf")


def _write_network_file(graph: nx.Graph, path: Path) -> None:
    import networkx as nx

    if path.suffix == ".graphml":
        nx.write_graphml(graph, path)
    else:
        nx.write_gexf(graph, path)


def _start_network_writers(graph: nx.Graph, out: Path) -> list[tuple[Path, Any]]:
    """Fork one writer per network file; without fork, write them here and now."""
    if "fork" not in multiprocessing.get_all_start_methods():
        for name in NETWORK_FILES:
            _write_network_file(graph, out / name)
        return []
    context = multiprocessing.get_context("fork")
    writers = []
    for name in NETWORK_FILES:
        process = context.Process(target=_write_network_file, args=(graph, out / name), daemon=True)
        process.start()
        writers.append((out / name, process))
    return writers


def _finish_network_writers(writers: list[tuple[Path, Any]]) -> None:
    for path, process in writers:
        process.join()
        if process.exitcode != 0:
            raise GraphmonError(f"{path}: could not be written (writer exited with {process.exitcode}); "
                                "check the free disk space and rerun")


NODE_ATTRIBUTES = ("cluster_id", "screen_name", "display_name", "anonymity_score", "anonymity_factors", "shares",
                   "degree", "strength", "platform")
EDGE_ATTRIBUTES = ("weight", "co_shares", "object_types", "median_delta_s", "consistency", "p_value")


def coordination_network(analysis: Analysis) -> nx.Graph:
    """The reported edges as a networkx graph, with the main account and edge figures as
    attributes (the full tables are in the CSV files)."""
    import networkx as nx

    graph = nx.Graph()
    linked = pl.concat([analysis.edges["account_a"], analysis.edges["account_b"]]).unique()
    nodes = analysis.accounts.join(pl.DataFrame({"account_id": linked}), on="account_id", how="semi")
    node_columns = [c for c in NODE_ATTRIBUTES if c in nodes.columns]
    for row in nodes.select("account_id", *node_columns).iter_rows(named=True):
        graph.add_node(row["account_id"], **_attributes(row, skip="account_id"))
    edge_columns = [c for c in EDGE_ATTRIBUTES if c in analysis.edges.columns]
    for row in analysis.edges.select("account_a", "account_b", *edge_columns).iter_rows(named=True):
        graph.add_edge(row["account_a"], row["account_b"], **_attributes(row, skip=("account_a", "account_b")))
    return graph


def _attributes(row: dict[str, Any], *, skip: str | tuple[str, ...]) -> dict[str, Any]:
    """GraphML/GEXF take str, int, float and bool values; nulls are left out."""
    skipped = (skip,) if isinstance(skip, str) else skip
    return {k: v for k, v in row.items() if k not in skipped and isinstance(v, (str, int, float, bool))}
