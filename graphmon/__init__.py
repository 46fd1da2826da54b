"""graphmon: find coordinated networks of anonymous accounts in social-media share data.

The public API: ``read_events`` -> ``analyze`` -> a report folder, read back by ``Report``.
"""

from __future__ import annotations

__version__ = "0.1.0"

from graphmon.analysis import Analysis, analyze  # noqa: E402
from graphmon.ingest import read_accounts, read_events  # noqa: E402
from graphmon.params import Params  # noqa: E402
from graphmon.report import Report  # noqa: E402


__all__ = ["Analysis", "Params", "Report", "__version__", "analyze", "read_accounts", "read_events"]
