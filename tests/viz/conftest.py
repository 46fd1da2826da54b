"""Fixtures for the view tests: sample report folders (the browser fixtures are in
``tests/browser.py``, shared with the store tests)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.viz.reports import write_sample_report

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
DOC_SHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture(scope="session")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample_report(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample_report(tmp_path_factory.mktemp("hostile"), hostile=True)


def save_screenshot(target: Any, name: str, *, doc: bool = False, **options: Any) -> Path:
    """Screenshot a page or element (Playwright ``options``) into ``tests/artifacts/``; with
    ``doc`` and the environment variable ``GRAPHMON_DOC_SCREENSHOTS=1`` also into
    ``docs/screenshots/``."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    target.screenshot(path=str(path), **options)
    if doc and os.environ.get("GRAPHMON_DOC_SCREENSHOTS") == "1":
        DOC_SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOC_SHOTS / f"{name}.png")
    return path
