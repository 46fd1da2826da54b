"""``graphmon explore``: open a report folder in the interactive explorer (a local Dash app)."""

from __future__ import annotations

import importlib.util

import click

from graphmon.errors import ConfigError


@click.command()
@click.argument("report_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--neo4j", is_flag=True, help="Read the run from the configured Neo4j instead of the folder.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on (keep it local).")
@click.option("--port", type=int, default=8050, show_default=True)
def explore(report_dir: str, neo4j: bool, host: str, port: int) -> None:
    """Explore the report in REPORT_DIR in a browser: filter clusters, inspect accounts, export
    evidence and figures. Stop with Ctrl+C."""
    if neo4j:
        raise ConfigError("--neo4j is not available yet: the explorer reads report folders; "
                          "run `graphmon analyze ... --out DIR` and pass DIR")
    if importlib.util.find_spec("dash") is None:
        raise ConfigError("the explorer needs Dash: pip install dash")
    from graphmon.viz.explorer import build_app

    app = build_app(report_dir)
    click.echo(f"graphmon explorer on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    app.run(host=host, port=port, debug=False)
