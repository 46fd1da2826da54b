"""Report files (SPEC §3): building, writing, validating and loading them.

The writers are imported on first use: reading a report (`Report`) needs no analysis code.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from graphmon.report.load import Report

if TYPE_CHECKING:
    from graphmon.report.write import build_report, validate_report, write_report

_LAZY = {"build_report": "graphmon.report.write", "validate_report": "graphmon.report.write",
         "write_report": "graphmon.report.write"}

__all__ = ["Report", "build_report", "validate_report", "write_report"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
