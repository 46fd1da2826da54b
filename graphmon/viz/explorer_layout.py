"""The explorer's page: filter controls on the left; clusters, network, cluster views, members,
the chosen account and exports on the right. Component ids are the callbacks' contract."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import polars as pl
from dash import dcc, html
from dash.dash_table.DataTable import DataTable

from graphmon.viz.data import ReportData
from graphmon.viz.explore_tables import CLUSTER_COLUMNS, MEMBER_COLUMNS, ORIGIN_COLUMNS

TABLE_STYLE: dict[str, Any] = {
    "style_table": {"overflowX": "auto"},
    "style_cell": {"fontFamily": "system-ui, sans-serif", "fontSize": 12, "textAlign": "left", "padding": "3px 6px",
                   "maxWidth": 360, "overflow": "hidden", "textOverflow": "ellipsis", "whiteSpace": "nowrap"},
    "style_header": {"fontWeight": 600, "backgroundColor": "#f3f3f7"},
    "page_action": "native", "sort_action": "native",
}
PANEL = {"background": "white", "border": "1px solid #e3e3e8", "borderRadius": 6, "padding": "8px 14px",
         "marginBottom": 12}
FIGURE_CONFIG: Any = {"displaylogo": False, "scrollZoom": True, "toImageButtonOptions": {"format": "png", "scale": 2}}


def app_layout(data: ReportData, views: dict[str, str], *, report_name: str) -> html.Div:
    """The whole page for ``data``; ``views`` names the cluster figures (key -> tab label)."""
    return html.Div(style={"display": "flex", "gap": 16, "padding": 16, "background": "#fafafc",
                           "fontFamily": "system-ui, sans-serif", "fontSize": 14}, children=[
        html.Div(_filters(data), style={**PANEL, "flex": "0 0 250px", "alignSelf": "flex-start"}),
        html.Div(style={"flex": "1 1 auto", "minWidth": 0}, children=[
            html.H2(f"graphmon explorer · {report_name}", style={"margin": "0 0 8px", "fontSize": 20}),
            html.Div(_clusters(), style=PANEL),
            html.Div(_network(), style=PANEL),
            html.Div(_cluster(views), style=PANEL),
            html.Div(_account(), style=PANEL),
            dcc.Store(id="account-choice"),
        ]),
    ])


def _filters(data: ReportData) -> list[Any]:
    sizes = [c["size"] for c in data.clusters] or [2]
    platforms = sorted({p for c in data.clusters for p in (c.get("platforms") or [])})
    types = sorted(set(data.evidence["object_type"].drop_nulls().unique().to_list()))
    first, last = _span(data.evidence)
    return [
        html.H3("Filters", style={"marginTop": 4, "fontSize": 16}),
        _label("Cluster size"),
        html.Div([dcc.Input(id="f-min-size", type="number", min=0, value=min(sizes), debounce=True, style={"width": 80}),
                  html.Span(" to "),
                  dcc.Input(id="f-max-size", type="number", min=0, value=max(sizes), debounce=True, style={"width": 80})]),
        _label("Minimum anonymity"),
        dcc.Slider(id="f-anonymity", min=0, max=1, step=0.05, value=0, marks={0: "0", 0.5: "0.5", 1: "1"},
                   tooltip={"placement": "bottom"}),
        dcc.Checklist(id="f-unknown", options=[{"label": " include clusters without profiles", "value": "yes"}],
                      value=["yes"]),
        _label("From (UTC, YYYY-MM-DD [HH:MM])"),
        dcc.Input(id="f-since", type="text", value=first, placeholder=first, debounce=True, style={"width": "100%"}),
        _label("To"),
        dcc.Input(id="f-until", type="text", value=last, placeholder=last, debounce=True, style={"width": "100%"}),
        _label("Platforms"),
        dcc.Checklist(id="f-platforms", options=platforms, value=platforms),
        _label("Object types"),
        dcc.Checklist(id="f-types", options=types, value=types),
        html.P(id="filter-note", style={"color": "#8a5a00", "marginTop": 12}),
    ]


def _span(evidence: pl.DataFrame) -> tuple[str, str]:
    if evidence.height == 0:
        return "", ""
    low = evidence.select(pl.min_horizontal("timestamp_a", "timestamp_b").min()).item()
    high = evidence.select(pl.max_horizontal("timestamp_a", "timestamp_b").max()).item()
    return _day(low), _day(high)


def _day(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%d")


def _label(text: str) -> html.Div:
    return html.Div(text, style={"fontWeight": 600, "margin": "12px 0 4px"})


def _clusters() -> list[Any]:
    return [
        html.H3("Clusters, most suspicious first", style={"margin": "4px 0"}),
        DataTable(id="cluster-table", columns=[{"name": c.replace("_", " "), "id": c} for c in CLUSTER_COLUMNS],
                             page_size=10, **TABLE_STYLE),
        html.Div([html.Span("Cluster: "), dcc.Dropdown(id="cluster-choice", clearable=False, style={"width": 420})],
                 style={"display": "flex", "alignItems": "center", "gap": 8, "marginTop": 8}),
    ]


def _network() -> list[Any]:
    return [
        html.H3("Coordination network", style={"margin": "4px 0"}),
        html.P("Coloured by cluster, sized by strength; the chosen cluster is ringed. Click an account for its "
               "co-shares and neighbours.", style={"color": "#666", "margin": 0}),
        html.P(id="network-note", style={"color": "#8a5a00", "margin": "4px 0"}),
        dcc.Graph(id="network", config=FIGURE_CONFIG, style={"height": 560}),
    ]


def _cluster(views: dict[str, str]) -> list[Any]:
    return [
        html.Div(id="cluster-head", style={"margin": "4px 0 8px"}),
        dcc.RadioItems(id="cluster-view", options=[{"label": f" {label}", "value": key} for key, label in views.items()],
                       value="timeline", inline=True, inputStyle={"marginLeft": 12}),
        dcc.Graph(id="cluster-figure", config=FIGURE_CONFIG),
        html.Div(style={"display": "flex", "gap": 8, "alignItems": "center", "flexWrap": "wrap"}, children=[
            html.Span("Export the cluster's evidence:"),
            html.Button("CSV", id="export-csv"), html.Button("JSON", id="export-json"),
            html.Span("· the", style={"marginLeft": 12}),
            dcc.Dropdown(id="export-target", options=[{"label": "cluster view shown", "value": "cluster"},
                                                      {"label": "network", "value": "network"}],
                         value="cluster", clearable=False, style={"width": 190}),
            html.Span("as"), html.Button("PNG", id="export-png"), html.Button("SVG", id="export-svg"),
            dcc.Loading(html.Span(id="export-status", style={"color": "#555"}), type="dot"),
            dcc.Download(id="download"),
        ]),
        html.H4("Where the pushed content came from: who shared each top object first", style={"margin": "12px 0 4px"}),
        DataTable(id="origins-table", columns=[{"name": name, "id": c} for c, name in ORIGIN_COLUMNS.items()],
                  page_size=10, **TABLE_STYLE),
        html.H4("Members", style={"margin": "12px 0 4px"}),
        DataTable(id="members-table", columns=[{"name": c.replace("_", " "), "id": c} for c in MEMBER_COLUMNS],
                             page_size=10, **TABLE_STYLE),
    ]


def _account() -> list[Any]:
    share_columns = ("time", "object_type", "object_id", "content_id", "co_sharers", "with")
    neighbour_columns = ("account_id", "handle", "cluster_id", "weight", "co_shares", "median_delta_s")
    return [
        html.H3("Account", style={"margin": "4px 0"}),
        html.Div(id="account-head"),
        html.H4("Co-shares", style={"margin": "10px 0 4px"}),
        DataTable(id="account-shares", columns=[{"name": c.replace("_", " "), "id": c} for c in share_columns],
                             page_size=10, **TABLE_STYLE),
        html.H4("Neighbours", style={"margin": "10px 0 4px"}),
        DataTable(id="account-neighbours",
                             columns=[{"name": c.replace("_", " "), "id": c} for c in neighbour_columns],
                             page_size=10, **TABLE_STYLE),
    ]
