"""``graphmon query``: list the named queries, or run one against Neo4j."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from graphmon.cli.store_options import neo4j_options, store_config
from graphmon.cli.tables import emit_data, terminal_text
from graphmon.errors import QueryError
from graphmon.store import NamedQuery, Neo4jStore, QueryResult, load_queries
from graphmon.store.named import find_query


@click.command()
@click.argument("name", required=False)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries with their parameters.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the query (repeat for several); see --list.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--queries-dir", "queries_dirs", multiple=True, type=click.Path(file_okay=False),
              help="Another folder of NAME.cypher queries (searched after the shipped ones; same name wins).")
@neo4j_options
def query(name: str | None, list_queries: bool, params: tuple[str, ...], fmt: str, queries_dirs: tuple[str, ...],
          neo4j_uri: str | None, neo4j_user: str | None, neo4j_password: str | None,
          neo4j_database: str | None) -> None:
    """Run the named query NAME against Neo4j (graphmon query --list shows them all).

    Example: graphmon query clusters --param run_id=nightly-2024-06-01 --format csv
    """
    queries = load_queries(queries_dirs)
    if list_queries:
        _print_list(list(queries.values()), fmt)
        return
    if not name:
        raise QueryError("name a query to run, e.g. graphmon query clusters --param run_id=RUN, "
                         "or list them with graphmon query --list")
    named = find_query(name, queries)
    values = _parse_params(params)
    bound = named.bind(values)
    run_id = bound.get("run_id")
    limit = bound.get("limit") if fmt == "table" else None
    if isinstance(limit, int) and limit >= 0:  # one row more than asked tells whether the limit cut the answer
        values = {**values, "limit": str(limit + 1)}
    with Neo4jStore.connect(store_config(neo4j_uri, neo4j_user, neo4j_password, neo4j_database),
                            queries=queries) as store:
        if isinstance(run_id, str):  # a missing or half-written run is an error, not an empty answer
            store.complete_run(run_id)
        result = store.run_query(named, values)
    cut = isinstance(limit, int) and len(result.rows) > limit
    if cut:
        result = replace(result, rows=result.rows[:limit])
    _print_result(result, fmt)
    if cut:
        click.echo(f"the first {len(result.rows):,} rows only: the query's limit; add --param limit=N for more",
                   err=True)


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param takes NAME=VALUE, e.g. --param run_id=nightly; got {value!r}")
        if key.strip() in parsed:
            raise QueryError(f"--param {key.strip()} is given twice")
        parsed[key.strip()] = text
    return parsed


def _print_list(queries: list[NamedQuery], fmt: str) -> None:
    if fmt == "json":
        records = [{"name": q.name, "summary": q.summary, "parameters": [p.describe() for p in q.params],
                    "description": q.description, "path": str(q.path)} for q in queries]
        emit_data(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        _echo_csv(("name", "summary", "parameters"),
                  [{"name": q.name, "summary": q.summary, "parameters": "; ".join(p.describe() for p in q.params)}
                   for q in queries])
    else:
        table = Table(title="Named queries (graphmon query NAME --param k=v)")
        for column in ("name", "parameters", "answers"):
            table.add_column(column)
        for q in queries:
            table.add_row(terminal_text(q.name), terminal_text(", ".join(p.describe() for p in q.params) or "-"),
                          terminal_text(q.summary))
        Console().print(table)


def _print_result(result: QueryResult, fmt: str) -> None:
    if fmt == "json":
        emit_data(json.dumps(result.rows, indent=2, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        _echo_csv(result.columns, [{k: _cell(v, short=False) for k, v in row.items()} for row in result.rows])
    else:
        table = Table(title=f"{result.name}: {len(result.rows):,} rows")
        for column in result.columns:
            table.add_column(terminal_text(column))
        for row in result.rows:
            table.add_row(*(terminal_text(_cell(row[column])) for column in result.columns))
        Console().print(table)


def _cell(value: Any, *, short: bool = True) -> str:
    """One value as text: lists joined by ';', maps as JSON, null as empty; floats shortened
    for the terminal (``short``) and exact in CSV."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if short else repr(value)
    if isinstance(value, list):
        return ";".join(_cell(v, short=short) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _echo_csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    emit_data(buffer.getvalue())
