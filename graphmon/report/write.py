"""Build the clusters document and write a report folder."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import re
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from graphmon.analysis import Analysis
from graphmon.errors import GraphmonError
from graphmon.escapes import visible
from graphmon.report.load import SCHEMA_VERSION
from graphmon.report.summary import summary_markdown

if TYPE_CHECKING:
    import networkx as nx

log = logging.getLogger(__name__)
ACCOUNT_COLUMNS = ("account_id", "cluster_id", "anonymity_score", "shares", "degree", "strength")
EDGE_COLUMNS = ("account_a", "account_b", "weight", "co_shares", "object_types", "min_delta_s",
                "median_delta_s", "mean_delta_s")


def report_schema() -> dict[str, Any]:
    """The JSON Schema of ``clusters.json`` shipped in the package."""
    text = resources.files("graphmon.report").joinpath("clusters.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def validate_report(document: dict[str, Any]) -> None:
    """Raise ``GraphmonError`` naming the first place where ``document`` breaks the schema."""
    import jsonschema

    validator = _validator()
    if validator.is_valid(document):
        return
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    raise GraphmonError(f"clusters.json does not match its schema at {where}: {error.message}")


@cache
def _validator() -> Any:
    import jsonschema

    schema = report_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=jsonschema.FormatChecker())


def build_report(analysis: Analysis, *, generated_at: datetime, version: str,
                 input_extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``clusters.json`` document of ``analysis``; ``generated_at`` is the caller's clock (a
    naive time is taken as local time, as ``datetime.now()`` gives it) and is written in UTC."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "graphmon_version": version,
        "generated_at": generated_at.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"),
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

    The work overlaps: where the platform can fork, two child processes each build and write one
    network file (networkx serialises XML in Python); a thread writes the CSV files (polars
    releases the GIL while it writes) while this thread runs ``also``.
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GraphmonError(f"{out}: the report folder cannot be created: {exc.strerror or exc}") from None
    network_writers: list[Any] = []
    try:
        network_writers = _start_network_writers(network_rows(analysis), out)
        with ThreadPoolExecutor(max_workers=1) as pool:
            tables = pool.submit(_write_tables, analysis, out)
            (out / "clusters.json").write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
            (out / "summary.md").write_text(summary_markdown(document), encoding="utf-8")
            for write in also:
                write(out)
            tables.result()
    except OSError as exc:
        _stop_network_writers(network_writers)
        raise GraphmonError(f"{exc.filename or out}: cannot be written: {exc.strerror or exc}") from None
    except BaseException:
        _stop_network_writers(network_writers)
        raise
    _finish_network_writers(network_writers)
    log.info("report written to %s", out)
    return out


def _write_tables(analysis: Analysis, out: Path) -> None:
    accounts = analysis.accounts.sort(["cluster_id", "account_id"], nulls_last=True)
    accounts.select(*ACCOUNT_COLUMNS, pl.exclude(*ACCOUNT_COLUMNS)).write_csv(out / "accounts.csv")
    analysis.edges.select(*EDGE_COLUMNS, pl.exclude(*EDGE_COLUMNS)).write_csv(out / "edges.csv")
    analysis.evidence.write_csv(out / "evidence.csv")
    if analysis.pairs is not None:
        analysis.pairs.write_csv(out / "pairs.csv")
    else:
        (out / "pairs.csv").unlink(missing_ok=True)  # left by an earlier coortweet run in this folder


NETWORK_FILES = ("network.graphml", "network.gexf")
REPORT_FILES = ("clusters.json", "summary.md", "accounts.csv", "edges.csv", "evidence.csv", "pairs.csv",
                *NETWORK_FILES, "report.html")
"""Every file a report folder may hold (``report.html`` is written by `graphmon.viz.html`)."""
NODE_ATTRIBUTES = ("cluster_id", "screen_name", "display_name", "anonymity_score", "anonymity_factors", "shares",
                   "degree", "strength", "platform")
EDGE_ATTRIBUTES = ("weight", "co_shares", "object_types", "median_delta_s", "consistency", "p_value")


@dataclass(frozen=True)
class NetworkRows:
    """The reported edges and their accounts as plain rows: ``nodes`` start with the account id,
    ``edges`` with both account ids; the other values follow ``node_columns``/``edge_columns``."""

    node_columns: tuple[str, ...]
    nodes: list[tuple[Any, ...]]
    edge_columns: tuple[str, ...]
    edges: list[tuple[Any, ...]]


def network_rows(analysis: Analysis) -> NetworkRows:
    """The rows of the coordination network: the reported edges and the accounts they link, with
    the main account and edge figures (the full tables are in the CSV files)."""
    linked = pl.concat([analysis.edges["account_a"], analysis.edges["account_b"]]).unique()
    nodes = analysis.accounts.join(pl.DataFrame({"account_id": linked}), on="account_id", how="semi")
    node_columns = tuple(c for c in NODE_ATTRIBUTES if c in nodes.columns)
    edge_columns = tuple(c for c in EDGE_ATTRIBUTES if c in analysis.edges.columns)
    return NetworkRows(node_columns=node_columns, nodes=nodes.select("account_id", *node_columns).rows(),
                       edge_columns=edge_columns,
                       edges=analysis.edges.select("account_a", "account_b", *edge_columns).rows())


def coordination_network(rows: NetworkRows) -> nx.Graph:
    """The network ``rows`` as a networkx graph, the figures as attributes (GraphML and GEXF
    take str, int, float and bool values; nulls are left out)."""
    import networkx as nx

    node_id = _node_ids([row[0] for row in rows.nodes])
    graph = nx.Graph()
    graph.add_nodes_from((node_id[row[0]], _attributes(rows.node_columns, row[1:])) for row in rows.nodes)
    graph.add_edges_from((node_id[row[0]], node_id[row[1]], _attributes(rows.edge_columns, row[2:]))
                         for row in rows.edges)
    return graph


def _node_ids(accounts: list[str]) -> dict[str, str]:
    """Each account's node id: the account id as XML can hold it (`_xml_text`). Should two ids
    become one that way (an id that holds the very escape another's character becomes), every
    backslash is escaped too, which keeps the ids distinct."""
    ids = {account: _xml_text(account) for account in accounts}
    if len(set(ids.values())) < len(ids):
        ids = {account: visible(account, _NOT_XML_OR_BACKSLASH) for account in accounts}
    return ids


def _write_network_file(rows: NetworkRows, path: Path) -> None:
    """Build the graph and write it as GraphML or GEXF (by ``path``'s suffix), unindented: Gephi
    does not need the whitespace, and indenting costs a third of the time."""
    import networkx as nx

    graph = coordination_network(rows)
    if path.suffix == ".graphml":
        nx.write_graphml(graph, path, prettyprint=False)
    else:
        nx.write_gexf(graph, path, prettyprint=False)


def _network_writer_child(rows: NetworkRows, path: Path) -> None:
    """A forked writer: on failure, one line straight to file descriptor 2 (the parent's logging
    and console locks may have been held by another thread at the fork) and exit status 1."""
    try:
        _write_network_file(rows, path)
    except BaseException as exc:  # noqa: BLE001 - the child reports every failure, then exits
        os.write(2, f"graphmon: error: {path}: {type(exc).__name__}: {exc}\n".encode("utf-8", "replace"))
        os._exit(1)


def _start_network_writers(rows: NetworkRows, out: Path) -> list[Any]:
    """On Linux, fork one child per network file (children run networkx only, never polars, which
    must not be used after a fork); elsewhere write them here and now."""
    if not sys.platform.startswith("linux"):
        for name in NETWORK_FILES:
            _write_network_file(rows, out / name)
        return []
    context = multiprocessing.get_context("fork")
    children = [context.Process(target=_network_writer_child, args=(rows, out / name), daemon=True)
                for name in NETWORK_FILES]
    for child in children:
        child.start()
    return children


def _finish_network_writers(children: list[Any]) -> None:
    """Wait for every writer, then name the files that could not be written."""
    for child in children:
        child.join()
    failed = [name for name, child in zip(NETWORK_FILES, children) if child.exitcode != 0]
    if failed:
        raise GraphmonError(f"{' and '.join(failed)} could not be written (the writer's error is printed above); "
                            "fix its cause and rerun")


def _stop_network_writers(children: list[Any]) -> None:
    """After a failure elsewhere: stop the writers and reap them (their files are incomplete)."""
    for child in children:
        if child.is_alive():
            child.terminate()
    for child in children:
        child.join()


def _attributes(columns: tuple[str, ...], values: tuple[Any, ...]) -> dict[str, Any]:
    return {k: _xml_text(v) if isinstance(v, str) else v
            for k, v in zip(columns, values) if isinstance(v, (str, int, float, bool))}


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_XML_OR_BACKSLASH = re.compile(r"[^\t\n\r\x20-\x5b\x5d-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(value: str) -> str:
    """``value`` with each character XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF)
    written as ``\\xNN``/``\\uNNNN``, so that hostile names keep the files valid."""
    return visible(value, _NOT_XML)
