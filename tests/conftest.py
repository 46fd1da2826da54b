"""Shared fixtures: paths to the bundled data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "data"
REFERENCE = Path(__file__).resolve().parent / "data" / "coortweet"


@pytest.fixture(scope="session")
def russian_path() -> Path:
    return EXAMPLES / "russian_coord_tweets.csv.gz"


@pytest.fixture(scope="session")
def german_path() -> Path:
    return EXAMPLES / "german_elections.csv.gz"


from tests.browser import browser, open_page  # noqa: E402,F401  (shared browser fixtures)
