"""Figures as PNG or SVG files, drawn by kaleido in a headless Chrome or Chromium.

kaleido 1.x drives a browser it finds on the PATH (``chromium``, ``google-chrome``, …) or at
``BROWSER_PATH``; Debian's ``chromium`` package works. No MathJax is loaded, so nothing is
fetched from the network.
"""

from __future__ import annotations

from typing import Any, Literal

from graphmon.errors import GraphmonError

ImageFormat = Literal["png", "svg"]
NO_BROWSER = ("image export needs kaleido and a Chrome or Chromium browser (Debian: apt-get install chromium; "
              "or set BROWSER_PATH); the camera icon in each figure's toolbar saves a PNG without them")


def figure_image(figure: dict[str, Any], *, fmt: ImageFormat, width: int = 1200, height: int | None = None,
                 scale: float = 1.0) -> bytes:
    """``figure`` (a plotly figure dict, as a Dash graph holds it) drawn as PNG or SVG bytes;
    raises ``GraphmonError`` when kaleido or its browser is missing."""
    if fmt not in ("png", "svg"):
        raise GraphmonError(f"image format must be png or svg, got {fmt!r}")
    try:
        import kaleido
        from kaleido.errors import ChromeNotFoundError
    except ImportError:
        raise GraphmonError(NO_BROWSER) from None
    layout = figure.get("layout", {})
    options = {"format": fmt, "width": width, "height": height or layout.get("height") or 600, "scale": scale}
    try:
        return bytes(kaleido.calc_fig_sync(figure, opts=options, kopts={"mathjax": False}))
    except ChromeNotFoundError:
        raise GraphmonError(NO_BROWSER) from None
