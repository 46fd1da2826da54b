"""Fixtures for the view tests: sample report folders, and Debian's headless Chromium driven by
Playwright (a missing browser fails these tests instead of skipping them)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.viz.reports import write_sample_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
DOC_SHOTS = ROOT / "docs" / "screenshots"
BENIGN_CONSOLE = ("GL Driver Message", "GPU stall due to ReadPixels")


@pytest.fixture(scope="session")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample_report(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample_report(tmp_path_factory.mktemp("hostile"), hostile=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium chromium-driver")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class PageLog:
    """What a page did: console errors, uncaught exceptions, dialogs, and network requests that
    were blocked because they left the allowed origins."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., tuple[Any, PageLog]]]:
    """``open_page(allow=("file://",))``: a fresh page whose requests outside ``allow`` are
    aborted and recorded, with console errors and dialogs recorded."""
    contexts = []

    def make(*, allow: tuple[str, ...] = ("file://",), width: int = 1200, height: int = 900) -> tuple[Any, PageLog]:
        log = PageLog()
        context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        contexts.append(context)

        def route(request_route: Any) -> None:
            url = request_route.request.url
            if url.startswith(allow) or url.startswith(("data:", "blob:")):
                request_route.continue_()
            else:
                log.blocked.append(url)
                request_route.abort()

        context.route("**/*", route)
        page = context.new_page()
        def console(message: Any) -> None:
            if message.type == "error" and not _benign(message.text):
                log.errors.append(message.text)

        def dialog(opened: Any) -> None:
            log.dialogs.append(opened.message)
            opened.dismiss()

        page.on("console", console)
        page.on("pageerror", lambda exc: log.errors.append(str(exc)))
        page.on("request", lambda r: log.requests.append(r.url))
        page.on("dialog", dialog)
        return page, log

    yield make
    for context in contexts:
        context.close()


def _benign(text: str) -> bool:
    return any(part in text for part in BENIGN_CONSOLE)


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
