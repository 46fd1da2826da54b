"""Terminal tables of clusters (rich)."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table


def cluster_table(clusters: list[dict[str, Any]], *, limit: int | None = None) -> Table:
    """A rich table of ranked clusters; data is escaped so names cannot inject markup."""
    table = Table(title="Coordinated clusters, most suspicious first")
    for name in ("rank", "size", "coord.", "anon.", "kind", "top object"):
        table.add_column(name)
    for c in clusters[:limit] if limit else clusters:
        anon = "n/a" if c["anonymity_score"] is None else f"{c['anonymity_score']:.2f}"
        top = c["top_objects"][0] if c["top_objects"] else None
        table.add_row(str(c["cluster_id"]), str(c["size"]), f"{c['coordination_score']:.2f}", anon,
                      escape(str(c.get("kind", ""))),
                      escape(f"{top['object_type']}:{top['object_id']}"[:60]) if top else "")
    return table
