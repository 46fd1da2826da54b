"""Debian's headless Chromium driven by Playwright, one per test session (a missing browser fails
the tests that need it instead of skipping them). Registered for every test in
``tests/conftest.py``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BENIGN_CONSOLE = ("GL Driver Message", "GPU stall due to ReadPixels")


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
