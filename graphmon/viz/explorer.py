"""The explorer: a Dash app over one report folder for investigators. Filter clusters by size,
anonymity, time, platform and object type; choose a cluster and see its network, timeline,
objects, account creation, anonymity and account × object views; click an account for its
co-shares and neighbours; export the cluster's evidence (CSV/JSON) and the figure shown
(PNG/SVG).

Every string from the data reaches Dash as plain text (tables and dropdowns show it as text)
or escaped (figures). Dash serves its own scripts from the installed package: no network.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dash
import polars as pl
from dash import Input, Output, State, ctx, html
from dash.dcc.express import send_bytes, send_string

from graphmon.errors import GraphmonError
from graphmon.report.load import Report
from graphmon.viz import explore_tables as tables
from graphmon.viz.cluster import cluster_evidence, cluster_members, evidence_shares, origin_rows, source_handles
from graphmon.viz.cluster_figures import (anonymity_figure, creation_figure, heatmap_figure, objects_figure,
                                          timeline_figure)
from graphmon.viz.data import ReportData, from_report
from graphmon.viz.explorer_layout import app_layout
from graphmon.viz.export import figure_image
from graphmon.viz.filters import ViewFilter, filter_clusters, to_unix
from graphmon.viz.layout import cluster_layouts, pack_clusters
from graphmon.viz.network import NetworkLimits, network_figure, select_network
from graphmon.viz.theme import Figure, empty_figure

CLUSTER_VIEWS = {"timeline": "Timeline", "objects": "Objects", "heatmap": "Accounts × objects",
                 "creation": "Account creation", "anonymity": "Anonymity"}


@dataclass(frozen=True)
class Explorer:
    """The report's tables and the per-cluster layouts computed once when the app starts."""

    data: ReportData
    layouts: pl.DataFrame
    limits: NetworkLimits
    seed: int


def build_app(report: str | Path | ReportData, *, name: str | None = None,
              limits: NetworkLimits = NetworkLimits()) -> dash.Dash:
    """The explorer app for the report folder ``report`` or for view tables already read (e.g. a
    run stored in Neo4j, see :mod:`graphmon.viz.stored`), titled ``name`` (default: the folder's
    name); run it with ``app.run(host=..., port=...)``."""
    data = report if isinstance(report, ReportData) else from_report(Report.load(report))
    title = name or (Path(report).name if not isinstance(report, ReportData) else "report")
    seed = int(data.document.get("params", {}).get("seed", 42))
    clustered = data.accounts.filter(pl.col("cluster_id").is_not_null()).select("account_id", "cluster_id")
    explorer = Explorer(data=data, layouts=cluster_layouts(clustered, data.edges, seed=seed), limits=limits, seed=seed)
    app = dash.Dash(__name__, title="graphmon explorer", serve_locally=True, update_title="")
    app.layout = app_layout(data, CLUSTER_VIEWS, report_name=title)
    _register_callbacks(app, explorer)
    return app


def view_filter(min_size: Any, max_size: Any, min_anonymity: Any, unknown: list[str] | None, since: str | None,
                until: str | None, platforms: list[str] | None, object_types: list[str] | None) -> ViewFilter:
    """The filter set in the explorer's controls; raises ``GraphmonError`` on an unreadable date."""
    return ViewFilter(
        min_size=int(min_size or 0), max_size=int(max_size) if max_size not in (None, "") else None,
        min_anonymity=float(min_anonymity or 0.0), unknown_anonymity=bool(unknown),
        since=_time(since, end=False), until=_time(until, end=True),
        platforms=frozenset(platforms) if platforms is not None else None,
        object_types=frozenset(object_types) if object_types is not None else None,
    )


def _time(text: str | None, *, end: bool) -> float | None:
    if not text or not text.strip():
        return None
    value = text.strip()
    try:
        seconds = to_unix(value)
    except ValueError:
        raise GraphmonError(f"not a date: {value!r} (use YYYY-MM-DD or YYYY-MM-DD HH:MM)") from None
    return seconds + 86_399.999 if end and len(value) == 10 else seconds


FILTER_INPUTS = [Input("f-min-size", "value"), Input("f-max-size", "value"), Input("f-anonymity", "value"),
                 Input("f-unknown", "value"), Input("f-since", "value"), Input("f-until", "value"),
                 Input("f-platforms", "value"), Input("f-types", "value")]


def _register_callbacks(app: dash.Dash, explorer: Explorer) -> None:
    _register_selection(app, explorer)
    _register_cluster_views(app, explorer)
    _register_account(app, explorer)
    _register_exports(app, explorer)


def _register_selection(app: dash.Dash, explorer: Explorer) -> None:
    @app.callback(Output("cluster-table", "data"), Output("cluster-choice", "options"),
                  Output("cluster-choice", "value"), Output("filter-note", "children"),
                  *FILTER_INPUTS, Input("cluster-table", "active_cell"), Input("network", "clickData"),
                  State("cluster-choice", "value"))
    def select(*args: Any) -> tuple[Any, ...]:
        *controls, active, click, current = args
        try:
            view = view_filter(*controls)
        except GraphmonError as exc:
            return dash.no_update, dash.no_update, dash.no_update, str(exc)
        found = filter_clusters(explorer.data.clusters, view)
        ids = [c["cluster_id"] for c in found]
        chosen = _chosen_cluster(ctx.triggered_id, active, click, current, ids)
        options = [{"label": f"#{c['cluster_id']} · {c['size']} accounts · {c.get('kind', '')}", "value": c["cluster_id"]}
                   for c in found]
        note = f"{len(found):,} of {len(explorer.data.clusters):,} clusters match."
        return tables.cluster_rows(found), options, chosen, note


def _chosen_cluster(trigger: Any, active: dict[str, Any] | None, click: dict[str, Any] | None, current: int | None,
                    ids: list[int]) -> int | None:
    if trigger == "cluster-table" and active and active.get("row_id") is not None:
        return int(active["row_id"])
    if trigger == "network" and click and click.get("points"):
        data = click["points"][0].get("customdata")
        if data:
            return int(data[0])
    if current in ids:
        return current
    return ids[0] if ids else None


def _register_cluster_views(app: dash.Dash, explorer: Explorer) -> None:
    @app.callback(Output("network", "figure"), Output("network-note", "children"),
                  Input("cluster-table", "data"), Input("cluster-choice", "value"))
    def network(rows: list[dict[str, Any]], chosen: int | None) -> tuple[Figure, str]:
        ids = [row["cluster_id"] for row in rows or []]
        if not ids:
            return empty_figure("", "No cluster matches the filters.", height=520), ""
        selection = select_network(explorer.data, cluster_ids=ids, limits=explorer.limits)
        positions = pack_clusters(explorer.layouts, selection.cluster_ids)
        highlight = chosen if chosen in selection.cluster_ids else None
        figure = network_figure(selection, positions, highlight=highlight, limits=explorer.limits, height=560,
                                account_ids=True)
        return (figure,
                " ".join(selection.notes))

    @app.callback(Output("cluster-figure", "figure"), Output("cluster-head", "children"),
                  Output("members-table", "data"), Output("origins-table", "data"),
                  Input("cluster-choice", "value"), Input("cluster-view", "value"),
                  Input("f-since", "value"), Input("f-until", "value"), Input("f-types", "value"))
    def cluster(chosen: int | None, which: str, since: str | None, until: str | None,
                types: list[str] | None) -> tuple[Any, ...]:
        if chosen is None:
            return empty_figure("", "Choose a cluster."), "No cluster chosen.", [], []
        view = _safe_filter((since, until, types))
        members = cluster_members(explorer.data, chosen)
        shares = evidence_shares(cluster_evidence(explorer.data, chosen, view))
        record = explorer.data.cluster(chosen)
        head = [html.Strong(f"#{chosen} · {record.get('kind', '')} · {record['size']} accounts"),
                html.Span(f" — {record.get('reason', '')}")]
        return (cluster_view(which, shares, members), head, tables.member_rows(members),
                origin_rows(record, source_handles(explorer.data, [record])))


def _safe_filter(values: tuple[Any, ...]) -> ViewFilter:
    since, until, types = values
    try:
        return ViewFilter(since=_time(since, end=False), until=_time(until, end=True),
                          object_types=frozenset(types) if types is not None else None)
    except GraphmonError:
        return ViewFilter(object_types=frozenset(types) if types is not None else None)


def cluster_view(which: str, shares: pl.DataFrame, members: pl.DataFrame) -> Figure:
    """The cluster figure named ``which`` (a key of ``CLUSTER_VIEWS``)."""
    if which == "objects":
        return objects_figure(shares)
    if which == "heatmap":
        return heatmap_figure(shares, members)
    if which == "creation":
        return creation_figure(members)
    if which == "anonymity":
        return anonymity_figure(members)
    return timeline_figure(shares, members)


def _register_account(app: dash.Dash, explorer: Explorer) -> None:
    @app.callback(Output("account-choice", "data"), Input("network", "clickData"), Input("members-table", "active_cell"),
                  prevent_initial_call=True)
    def choose(click: dict[str, Any] | None, active: dict[str, Any] | None) -> Any:
        if ctx.triggered_id == "members-table" and active:
            return str(active.get("row_id"))
        if click and click.get("points"):
            data = click["points"][0].get("customdata")
            return str(data[4]) if data and len(data) > 4 else dash.no_update
        return dash.no_update

    @app.callback(Output("account-head", "children"), Output("account-shares", "data"),
                  Output("account-neighbours", "data"), Input("account-choice", "data"),
                  Input("f-since", "value"), Input("f-until", "value"), Input("f-types", "value"))
    def account(account_id: str | None, *args: Any) -> tuple[Any, ...]:
        if not account_id:
            return "Click an account in the network or in the members table.", [], []
        profile = tables.account_profile(explorer.data, account_id)
        if profile is None:
            return f"Unknown account {account_id}.", [], []
        view = _safe_filter(args)
        return (_account_head(profile), tables.account_shares(explorer.data, account_id, view),
                tables.account_neighbours(explorer.data, account_id))


def _account_head(profile: dict[str, Any]) -> list[Any]:
    score = profile.get("anonymity_score")
    parts = [html.Strong(profile["handle"]), html.Span(f" ({profile['account_id']})")]
    if profile.get("display_name"):
        parts.append(html.Span(f" · {profile['display_name']}"))
    parts.append(html.Div(
        f"cluster #{profile.get('cluster_id')} · {profile.get('shares')} shares · degree {profile.get('degree')} · "
        f"anonymity {'n/a' if score is None else f'{score:.2f}'}"
        + (f" ({str(profile['anonymity_factors']).replace(';', ', ')})" if profile.get("anonymity_factors") else "")))
    return parts


def _register_exports(app: dash.Dash, explorer: Explorer) -> None:
    @app.callback(Output("download", "data"), Output("export-status", "children"),
                  Input("export-csv", "n_clicks"), Input("export-json", "n_clicks"), Input("export-png", "n_clicks"),
                  Input("export-svg", "n_clicks"), State("cluster-choice", "value"), State("export-target", "value"),
                  State("network", "figure"), State("cluster-figure", "figure"), State("cluster-view", "value"),
                  State("f-since", "value"), State("f-until", "value"), State("f-types", "value"),
                  prevent_initial_call=True)
    def export(_csv: Any, _json: Any, _png: Any, _svg: Any, chosen: int | None, target: str, network: dict[str, Any],
               shown: dict[str, Any], which: str, since: str | None, until: str | None,
               types: list[str] | None) -> tuple[Any, str]:
        kind = str(ctx.triggered_id).removeprefix("export-")
        if kind in ("png", "svg"):
            figure = network if target == "network" else shown
            name = "network" if target == "network" else f"cluster-{chosen}-{which}"
            try:
                image = figure_image(figure, fmt=kind)  # type: ignore[arg-type]
            except GraphmonError as exc:
                return dash.no_update, f"Not exported: {exc}."
            download: dict[str, Any] = send_bytes(image, f"{name}.{kind}")  # type: ignore[no-untyped-call]
            return download, f"Saved {name}.{kind}."
        if chosen is None:
            return dash.no_update, "Choose a cluster first."
        view = _safe_filter((since, until, types))
        evidence = cluster_evidence(explorer.data, chosen, view)
        meta = {"cluster_id": chosen, "filters": {"since": since or None, "until": until or None, "object_types": types}}
        text = tables.evidence_export(evidence, fmt=kind, meta=meta)  # type: ignore[arg-type]
        name = f"cluster-{chosen}-evidence.{kind}"
        download = send_string(text, name)  # type: ignore[no-untyped-call]
        return download, f"Saved {name} ({evidence.height:,} co-shares)."
