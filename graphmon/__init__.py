"""graphmon: find coordinated networks of anonymous accounts in social-media share data.

The public API: ``read_events`` -> ``analyze`` -> a report folder, read back by ``Report``.

The names are imported on first use, so that commands and scripts that only read a report
(``graphmon clusters``) do not pay for importing the analysis (numpy, scipy, igraph).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from graphmon.analysis import Analysis, analyze
    from graphmon.ingest import read_accounts, read_events
    from graphmon.params import Params
    from graphmon.report import Report

_LAZY = {"Analysis": "graphmon.analysis", "analyze": "graphmon.analysis", "read_accounts": "graphmon.ingest",
         "read_events": "graphmon.ingest", "Params": "graphmon.params", "Report": "graphmon.report"}

__all__ = ["Analysis", "Params", "Report", "__version__", "analyze", "read_accounts", "read_events"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
