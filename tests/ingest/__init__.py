"""Tests of graphmon.ingest; tiny hand-made inputs are in tests/data/ingest."""

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
SHARED = Path(__file__).resolve().parents[2] / "examples" / "data"  # the shared datasets, bundled
