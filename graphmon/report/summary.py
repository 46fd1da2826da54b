"""The plain ``summary.md`` of a report."""

from __future__ import annotations

from typing import Any

from graphmon.ingest.checks import plural

TOP = 20


def _cell(value: Any) -> str:
    """A Markdown table cell: pipes and line breaks from the data cannot break the table."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


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
    lines += ["", "Files: clusters.json (schema in the graphmon package), accounts.csv, edges.csv, "
              "evidence.csv (the co-shares behind each edge), network.graphml and network.gexf (for Gephi).", ""]
    return "\n".join(lines)
