"""graphmon: find coordinated networks of anonymous accounts in social-media share data.

The public API: ``read_events`` -> ``analyze`` -> a report folder, read back by ``Report``.
"""

from __future__ import annotations

__version__ = "0.1.0"

from graphmon.analysis import Analysis, analyze  # noqa: E402
from graphmon.params import Params  # noqa: E402
from graphmon.report import Report  # noqa: E402


def read_events(*args, **kwargs):  # type: ignore[no-untyped-def]
    """See :func:`graphmon.ingest.read_events`."""
    from graphmon.ingest import read_events as _read_events

    return _read_events(*args, **kwargs)


__all__ = ["Analysis", "Params", "Report", "__version__", "analyze", "read_events"]
