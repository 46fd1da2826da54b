"""``graphmon explore``: open a report folder, or a run stored in Neo4j, in the interactive
explorer (a local Dash app)."""

from __future__ import annotations

import importlib.util
import logging
from typing import Any

import click

from graphmon.cli.store_options import neo4j_options, store_config
from graphmon.errors import ConfigError


@click.command()
@click.argument("report_dir", required=False, type=click.Path(exists=True, file_okay=False))
@click.option("--neo4j", is_flag=True, help="Explore run --run-id stored in Neo4j instead of a report folder.")
@click.option("--run-id", metavar="RUN", help="With --neo4j: the run to explore (graphmon query runs lists them).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on (keep it local).")
@click.option("--port", type=int, default=8050, show_default=True)
@neo4j_options
def explore(report_dir: str | None, neo4j: bool, run_id: str | None, host: str, port: int, neo4j_uri: str | None,
            neo4j_user: str | None, neo4j_password: str | None, neo4j_database: str | None) -> None:
    """Explore the report in REPORT_DIR (or, with --neo4j --run-id RUN, a run written by
    `graphmon analyze --to-neo4j`) in a browser: filter clusters, inspect accounts, export
    evidence and figures. Stop with Ctrl+C."""
    if neo4j == (report_dir is not None):
        raise ConfigError("name a report folder (graphmon explore DIR) or a stored run "
                          "(graphmon explore --neo4j --run-id RUN), not both")
    if run_id is not None and not neo4j:
        raise ConfigError("--run-id names a run stored in Neo4j; add --neo4j")
    if neo4j and not (run_id or "").strip():
        raise ConfigError("--neo4j needs --run-id RUN (graphmon query runs lists the stored runs)")
    if importlib.util.find_spec("dash") is None:
        raise ConfigError("the explorer needs Dash: pip install dash")
    from graphmon.viz.explorer import build_app

    source: Any = report_dir
    name = None
    if neo4j:
        from graphmon.store.neo4j import Neo4jStore
        from graphmon.viz.stored import from_stored_run

        config = store_config(neo4j_uri, neo4j_user, neo4j_password, neo4j_database)
        with Neo4jStore.connect(config) as store:
            source = from_stored_run(store.read_run(str(run_id).strip()))
        name = f"run {str(run_id).strip()} · {config.uri}"
        if source.edges.height and not source.evidence.height:
            click.echo("graphmon: warning: the store holds none of the shares this run was made from, so the "
                       "views show no co-shares; load the run's input with graphmon ingest", err=True)
    app = build_app(source, name=name)
    if not logging.getLogger().isEnabledFor(logging.INFO):  # Dash's and the web server's own start-up lines: -v
        for logger in ("dash.dash", "werkzeug"):
            logging.getLogger(logger).setLevel(logging.WARNING)
    click.echo(f"graphmon explorer on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    app.run(host=host, port=port, debug=False)
