"""The ``graphmon`` command line: one module per command, thin over the library."""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from graphmon import __version__
from graphmon.errors import GraphmonError


class GraphmonGroup(click.Group):
    """Turns graphmon's own errors into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphmonError as exc:
            click.echo(f"graphmon: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=GraphmonGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphmon")
@click.option("-v", "--verbose", is_flag=True, help="Log what each step does.")
def main(verbose: bool) -> None:
    """graphmon finds coordinated networks of anonymous accounts in social-media share data."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    from graphmon.cli import analyze, query_report

    main.add_command(analyze.analyze)
    main.add_command(query_report.clusters)
    main.add_command(query_report.cluster)
    for name in ("ingest", "query", "explore"):
        try:
            module = __import__(f"graphmon.cli.{name}", fromlist=[name])
        except ModuleNotFoundError:
            continue
        main.add_command(getattr(module, name))


_register()
