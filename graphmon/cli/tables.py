"""Terminal tables of clusters and of the objects a cluster pushed (rich)."""

from __future__ import annotations

import re
import sys
from typing import Any

import click

from rich.markup import escape
from rich.table import Table

from graphmon.escapes import CONTROLS, visible_unambiguous
from graphmon.viz.text import follow_delays, shorten

_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_text(value: object) -> str:
    """``value`` as text safe to print: rich markup escaped, and control characters (terminal
    escape sequences) and bidirectional overrides shown as ``\\xNN``/``\\uNNNN``, so that hostile
    names can neither drive the terminal nor reorder what it shows (and a name that spells out such
    an escape has its backslashes shown as ``\\x5c``, so the two never look alike)."""
    return escape(visible_unambiguous("" if value is None else str(value), _UNPRINTABLE))


def emit_data(text: str) -> None:
    """Write CSV or JSON output: byte for byte into a pipe or a file (an id holding a terminal
    escape stays that id), with control characters and bidirectional overrides shown as
    ``\\xNN``/``\\uNNNN`` on a terminal, which they could otherwise drive."""
    if sys.stdout.isatty():
        text = visible_unambiguous(text, CONTROLS)
    click.echo(text, nl=False, color=True)  # color: click strips escape sequences from pipes otherwise


def cluster_table(clusters: list[dict[str, Any]], *, limit: int | None = None) -> Table:
    """A rich table of ranked clusters; data goes through `terminal_text`."""
    table = Table(title="Coordinated clusters, most suspicious first")
    for name in ("rank", "size", "coord.", "anon.", "kind", "top object"):
        table.add_column(name)
    for c in clusters[:limit] if limit else clusters:
        anon = "n/a" if c["anonymity_score"] is None else f"{c['anonymity_score']:.2f}"
        profiled = c.get("profiled_accounts", c["size"])
        if c["anonymity_score"] is not None and profiled < c["size"]:
            anon += f" ({profiled}/{c['size']})"  # the score rests on these members' profiles
        top = c["top_objects"][0] if c["top_objects"] else None
        table.add_row(str(c["cluster_id"]), str(c["size"]), f"{c['coordination_score']:.2f}", anon,
                      terminal_text(c.get("kind", "")),
                      terminal_text(f"{top['object_type']}:{top['object_id']}"[:60]) if top else "")
    return table


def objects_table(record: dict[str, Any]) -> Table:
    """A rich table of a cluster's top objects and where each came from; data goes through
    `terminal_text`. Ids wrap instead of being cut, so that narrow terminals show them whole."""
    table = Table(title="Objects pushed, and who shared each first (the likely source)")
    table.add_column("object", overflow="fold", ratio=3)
    table.add_column("shares", justify="right")
    table.add_column("members", justify="right")
    table.add_column("likely source", overflow="fold", ratio=2)
    table.add_column("first shared (UTC)", overflow="fold", min_width=10)
    table.add_column("followed after, s (min/median/max)", overflow="fold", ratio=1)
    for o in record.get("top_objects") or []:
        shown = terminal_text(shorten(f"{o['object_type']}:{o['object_id']}", 120))
        if "likely_source" not in o:  # a report written before graphmon traced sources
            table.add_row(shown, str(o["shares"]), "", "", "", "")
            continue
        where = "member" if o["source_in_cluster"] else "outside the cluster"
        table.add_row(shown, str(o["shares"]), str(o["members"]),
                      f"{terminal_text(shorten(str(o['likely_source']), 60))} ({where})",
                      terminal_text(str(o["first_shared"])[:19].replace("T", " ")), follow_delays(o))
    return table
