"""The plain ``summary.md`` of a report."""

from __future__ import annotations

import html
from typing import Any

from graphmon.escapes import CONTROLS, visible
from graphmon.ingest.checks import plural
from graphmon.viz.text import seconds_text

TOP = 20
ORIGIN_CLUSTERS = 10
ORIGIN_OBJECTS = 3


def _cell(value: Any) -> str:
    """Text from the data for Markdown: pipes and line breaks cannot break a table, ``<``, ``>``
    and ``&`` are entities (no HTML reaches a renderer), and control characters (terminal
    escapes) and bidirectional overrides are shown as ``\\xNN``/``\\uNNNN``."""
    text = html.escape(visible(str(value).replace("\n", " ").replace("\r", " ").replace("\t", " "), CONTROLS), quote=False)
    return text.replace("\\", "\\\\").replace("|", "\\|")


def summary_markdown(document: dict[str, Any]) -> str:
    """A short, plain-language summary of a clusters document."""
    source = document["input"]
    params = document["params"]
    clusters = document["clusters"]
    lines = [
        "# graphmon report",
        "",
        f"Generated {document['generated_at']} by graphmon {document['graphmon_version']} "
        f"(method `{params['method']}`, window {params['window_s']:g} s, seed {params['seed']}).",
        "",
        f"Input: {plural(source['events'], 'share event')} by {plural(source['accounts'], 'account')} on "
        f"{plural(source['objects'], 'object')}, {source.get('first')} to {source.get('last')}; "
        f"{plural(source.get('profiles', 0), 'account profile')}.",
        "",
    ]
    lines += [f"- {_cell(note)}" for note in source.get("notes", [])]
    lines += ["", f"Found {plural(len(clusters), 'cluster')} of coordinated accounts "
              f"({plural(sum(c['size'] for c in clusters), 'account')}), most suspicious first.", ""]
    if clusters:
        lines += ["| rank | size | coordination | anonymity | kind | why |", "|---|---|---|---|---|---|"]
        for c in clusters[:TOP]:
            anon = "n/a" if c["anonymity_score"] is None else f"{c['anonymity_score']:.2f}"
            lines.append(f"| {c['cluster_id']} | {c['size']} | {c['coordination_score']:.2f} | {anon} | "
                         f"{_cell(c.get('kind', ''))} | {_cell(c.get('reason', ''))} |")
        if len(clusters) > TOP:
            lines.append(f"\n{len(clusters) - TOP} more clusters in clusters.json.")
    lines += _origin_lines(clusters)
    lines += ["", "Files: clusters.json (schema in the graphmon package), accounts.csv, edges.csv, "
              "evidence.csv (the co-shares behind each edge), network.graphml and network.gexf (for Gephi), "
              "report.html (the interactive report).", ""]
    return "\n".join(lines)


def _origin_lines(clusters: list[dict[str, Any]]) -> list[str]:
    """Where the most pushed objects of the top clusters came from: who shared each first."""
    rows = [(c["cluster_id"], o) for c in clusters[:ORIGIN_CLUSTERS]
            for o in (c.get("top_objects") or [])[:ORIGIN_OBJECTS] if "likely_source" in o]
    if not rows:
        return []
    lines = ["", f"Where the content came from: the {ORIGIN_OBJECTS} objects each of the top clusters pushed most, "
             "who shared each first among the events analysed (the likely source), and how many seconds the "
             "members took to follow (median).", "",
             "| rank | object | likely source | source is | first shared | members | median follow (s) |",
             "|---|---|---|---|---|---|---|"]
    for cid, o in rows:
        where = "a member" if o["source_in_cluster"] else "outside the cluster"
        follow = "" if o["median_delay_s"] is None else seconds_text(o["median_delay_s"])
        lines.append(f"| {cid} | {_cell(o['object_type'])}:{_cell(o['object_id'])} | {_cell(o['likely_source'])} | "
                     f"{where} | {o['first_shared']} | {o['members']} | {follow} |")
    return lines
