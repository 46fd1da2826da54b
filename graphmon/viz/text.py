"""Text from the data made safe to show: escaped for plotly and HTML, shortened, labelled.

plotly renders a subset of HTML in hover text, titles and tick labels, so every string taken from
the data is escaped before it reaches a figure (plotly turns the entities back into plain
characters). Jinja templates and Dash components escape by themselves and get the raw strings.
"""

from __future__ import annotations

import html
from typing import Any

import polars as pl

ELLIPSIS = "…"
_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def escape_text(value: object) -> str:
    """``value`` as text that plotly and HTML show literally; ``None`` is empty.

    >>> escape_text("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    >>> escape_text(None)
    ''
    """
    return "" if value is None else html.escape(str(value), quote=True)


def escape_expr(expr: pl.Expr) -> pl.Expr:
    """The polars counterpart of :func:`escape_text`, for whole columns (nulls become empty)."""
    out = expr.cast(pl.String).fill_null("")
    for raw, entity in _ENTITIES:
        out = out.str.replace_all(raw, entity, literal=True)
    return out


def shorten(text: str, limit: int = 48) -> str:
    """``text`` cut to ``limit`` characters, ending in an ellipsis when cut.

    >>> shorten("https://example.org/a/very/long/path", 20)
    'https://example.org…'
    """
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def shorten_expr(expr: pl.Expr, limit: int = 48) -> pl.Expr:
    """The polars counterpart of :func:`shorten`."""
    return (pl.when(expr.str.len_chars() > limit)
            .then(expr.str.slice(0, limit - 1) + ELLIPSIS).otherwise(expr))


def handle_expr() -> pl.Expr:
    """An account's raw label: ``@screen_name`` where known, else its ``account_id``."""
    name = pl.col("screen_name").cast(pl.String)
    known = name.is_not_null() & (name.str.strip_chars() != "")
    return pl.when(known).then("@" + name).otherwise(pl.col("account_id")).alias("handle")


def unique_labels(labels: list[str]) -> list[str]:
    """``labels`` with repeats told apart by a counter, so a categorical axis keeps every one.

    >>> unique_labels(["a", "b", "a"])
    ['a', 'b', 'a (2)']
    """
    used: set[str] = set()
    out = []
    for label in labels:
        candidate, n = label, 1
        while candidate in used:
            n += 1
            candidate = f"{label} ({n})"
        used.add(candidate)
        out.append(candidate)
    return out


def follow_delays(top_object: dict[str, Any]) -> str:
    """``min / median / max`` seconds after the first share that a top object's other members
    first shared it (see `graphmon.detect.ranking`), or "" when none did.

    >>> follow_delays({"min_delay_s": 3.0, "median_delay_s": 16.5, "max_delay_s": 1830.0})
    '3 / 16.5 / 1,830'
    """
    if top_object.get("median_delay_s") is None:
        return ""
    return " / ".join(seconds_text(top_object[k]) for k in ("min_delay_s", "median_delay_s", "max_delay_s"))


def seconds_text(value: float) -> str:
    """Seconds to one decimal, without a trailing ``.0``.

    >>> seconds_text(1830.0), seconds_text(16.5)
    ('1,830', '16.5')
    """
    return f"{value:,.1f}".removesuffix(".0")
