"""Figures as plain plotly data, their colours and the small shared layout of every figure (no
plotly template, to keep figures small)."""

from __future__ import annotations

from typing import Any

Figure = dict[str, Any]
"""A plotly figure as plain data, ``{"data": [trace, …], "layout": {…}}``: what plotly.js draws, a
Dash graph holds and kaleido exports. Built directly rather than through ``plotly.graph_objects``,
whose validation costs about 20 times more than the figures' data (a report has ~50 figures)."""

# Tableau 10: distinguishable, and readable by most colour-blind viewers.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def palette_scale() -> list[list[Any]]:
    """A colorscale on ``0..len(PALETTE)-1`` that maps integer ``i`` exactly to ``PALETTE[i]``."""
    last = len(PALETTE) - 1
    return [[i / last, colour] for i, colour in enumerate(PALETTE)]


def base_layout(*, height: int = 360, title: str | None = None, legend: bool = True) -> dict[str, Any]:
    """Plain white layout shared by all figures; ``title`` must already be escaped."""
    layout: dict[str, Any] = {
        "template": "none",
        "height": height,
        "font": {"family": FONT, "size": 12, "color": "#222"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 60, "r": 20, "t": 40 if title else 20, "b": 50},
        "showlegend": legend,
        "hoverlabel": {"font": {"family": FONT}},
        "xaxis": {"gridcolor": "#eee", "zeroline": False},
        "yaxis": {"gridcolor": "#eee", "zeroline": False},
    }
    if title:
        layout["title"] = {"text": title, "font": {"size": 14}, "x": 0.01, "xanchor": "left"}
    return layout


def figure(layout: dict[str, Any], *traces: dict[str, Any]) -> Figure:
    """A figure of ``traces`` (plotly trace dicts, each with its ``type``) on ``layout``."""
    return {"data": list(traces), "layout": layout}


def update_layout(fig: Figure, **changes: Any) -> Figure:
    """Merge ``changes`` into ``fig``'s layout, nested dicts key by key (as plotly's
    ``update_layout`` does); returns ``fig``."""
    _merge(fig["layout"], changes)
    return fig


def _merge(target: dict[str, Any], changes: dict[str, Any]) -> None:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def empty_figure(title: str, message: str, *, height: int = 220) -> Figure:
    """A figure with no data that says why (``title`` and ``message`` must already be escaped)."""
    return update_layout(figure(base_layout(height=height, title=title, legend=False)),
                         xaxis={"visible": False}, yaxis={"visible": False},
                         annotations=[{"text": message, "showarrow": False, "xref": "paper", "yref": "paper",
                                       "x": 0.5, "y": 0.5, "font": {"size": 13, "color": "#666"}}])
