"""Report files (SPEC §3): building, writing, validating and loading them."""

from graphmon.report.load import Report
from graphmon.report.write import build_report, validate_report, write_report

__all__ = ["Report", "build_report", "validate_report", "write_report"]
