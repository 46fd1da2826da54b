"""The self-contained ``report.html``: plotly.js inlined once, figures as inert JSON, every string
from the data escaped by an autoescaping Jinja2 template, and a Content Security Policy that lets
only the page's own scripts run and nothing load from the network."""

from __future__ import annotations

import base64
import hashlib
import logging
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import plotly.io as pio
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from graphmon.analysis import Analysis
from graphmon.viz.data import ReportData, from_analysis
from graphmon.viz.page import PageLimits, cluster_sections, network_view, table_rows
from graphmon.viz.theme import Figure

log = logging.getLogger(__name__)
REPORT_FILE = "report.html"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write_html_report(result: Analysis, document: dict[str, Any], out: Path) -> Path:
    """Write ``out/report.html`` for ``result`` and its clusters ``document``; returns its path."""
    target = Path(out) / REPORT_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_report(from_analysis(result, document)), encoding="utf-8")
    log.info("interactive report written to %s (%d bytes)", target, target.stat().st_size)
    return target


def render_report(data: ReportData, *, limits: PageLimits = PageLimits()) -> str:
    """The report page of ``data`` as one HTML string that needs no network."""
    network, notes, drawn = network_view(data, limits.network)
    sections = cluster_sections(data, limits)
    detailed = {s["record"]["cluster_id"] for s in sections}
    figures = {"network": figure_json(network)}
    for section in sections:
        cid = section["record"]["cluster_id"]
        figures.update({f"c{cid}-{name}": figure_json(fig) for name, fig in section["figures"].items()})
    scripts = {"plotly": get_plotlyjs(), "app": _asset("report.js")}
    context = {
        "document": data.document, "input": data.document.get("input", {}), "params": data.document.get("params", {}),
        "rows": table_rows(data, limits.table_rows, detailed), "total_clusters": len(data.clusters),
        "network_notes": notes, "drawn_accounts": drawn, "sections": sections, "figures": figures,
        "limits": limits, "css": Markup(_asset("report.css")),
        "plotly_js": Markup(scripts["plotly"]), "app_js": Markup(scripts["app"]),
        "csp": content_security_policy(scripts.values()),
    }
    return _environment().get_template("report.html.j2").render(context)


def figure_json(fig: Figure) -> Markup:
    """``fig`` as JSON that is safe inside a ``<script type="application/json">`` element: no
    ``<``, ``>`` or ``&`` can end the element or start markup."""
    text = pio.to_json(fig, validate=False, pretty=False)
    for raw, escaped in _JSON_ESCAPES.items():
        text = text.replace(raw, escaped)
    return Markup(text)


def content_security_policy(scripts: Any) -> str:
    """A policy that runs only the given inline scripts (by hash), loads nothing from the network
    and allows plotly's inline styles and image export. WebGL plots compile shaders with
    ``eval``-like code, hence ``'unsafe-eval'``."""
    hashes = " ".join(f"'sha256-{_sha256(s)}'" for s in scripts)
    return (f"default-src 'none'; script-src {hashes} 'unsafe-eval'; style-src 'unsafe-inline'; "
            "img-src data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")


def _sha256(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _asset(name: str) -> str:
    return resources.files("graphmon.viz").joinpath("templates", name).read_text(encoding="utf-8")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("graphmon.viz", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
