"""The ``graphmon`` command line: one module per command, thin over the library."""

from __future__ import annotations

import logging
import sys
from importlib import import_module
from typing import Any, NoReturn

import click

from graphmon import __version__
from graphmon.errors import GraphmonError


COMMANDS = {
    "analyze": "graphmon.cli.analyze:analyze",
    "clusters": "graphmon.cli.query_report:clusters",
    "cluster": "graphmon.cli.query_report:cluster",
    "ingest": "graphmon.cli.ingest:ingest",
    "query": "graphmon.cli.query:query",
    "explore": "graphmon.cli.explore:explore",
}
"""Each command and where it lives, imported only when it runs (or when help lists it), so that
``graphmon analyze`` does not import the Neo4j driver or Dash."""


class GraphmonGroup(click.Group):
    """Loads commands on first use; turns graphmon's own errors and a command's usage errors
    (click's three-line message) into one line on stderr and exit code 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name].split(":")
        command = getattr(import_module(module), name)
        if not isinstance(command, click.Command):
            raise TypeError(f"{COMMANDS[cmd_name]} is not a click command")
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphmonError as exc:
            click.echo(f"graphmon: error: {exc}", err=True)
            sys.exit(2)
        except click.UsageError as exc:  # a bad option or argument of the command (click leaves out the
            # command's context when an option lacks its value: it is then the one just resolved)
            _usage_error(exc, exc.ctx.command_path if exc.ctx is not None else f"{ctx.command_path} {self._named}")

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        self._named = name or ""  # for the usage error of an option given without its value
        return name, command, rest

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:  # a bad option of graphmon itself (not a bare `graphmon`: that shows help)
            if type(exc).__name__ == "NoArgsIsHelpError":
                raise
            _usage_error(exc, ctx.command_path)

    _named = ""


def _usage_error(exc: click.UsageError, where: str) -> NoReturn:
    """Click's usage error (usage, hint, blank line, error) as one line, exit code 2."""
    message = " ".join(exc.format_message().splitlines())
    click.echo(f"graphmon: error: {message} (see {where} --help)", err=True)
    sys.exit(2)


@click.group(cls=GraphmonGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphmon")
@click.option("-v", "--verbose", is_flag=True, help="Log what each step does.")
def main(verbose: bool) -> None:
    """graphmon finds coordinated networks of anonymous accounts in social-media share data."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

