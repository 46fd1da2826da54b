"""``graphmon explore`` served on 127.0.0.1 and driven in headless Chromium."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from click.testing import CliRunner
from playwright.sync_api import expect

from graphmon.report import Report
from tests.viz.conftest import ROOT, save_screenshot

CLICK_POINT = """() => {
  const gd = document.querySelector('#network .js-plotly-plot');
  gd.scrollIntoView({block: 'center'});
  const t = gd.data.findIndex((d) => d.meta === 'accounts');
  const full = gd._fullData[t], xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  return {x: box.left + xa._offset + xa.c2p(full.x[0]), y: box.top + ya._offset + ya.c2p(full.y[0]),
          account: gd.data[t].customdata[0][4], cluster: gd.data[t].customdata[0][0]};
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"explorer exited: {process.stderr.read().decode() if process.stderr else ''}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"explorer did not listen on 127.0.0.1:{port} within {timeout_s} s")


@pytest.fixture(scope="module")
def explorer_url(sample_report: Path) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-c", "from graphmon.cli import main; main()", "explore", str(sample_report),
               "--port", str(port)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_explore_says_where_it_serves_once(sample_report: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "graphmon", "explore", str(sample_report), "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for_port(port, process)
    finally:
        process.terminate()
        out, err = process.communicate(timeout=10)
    said = (out + err).decode()
    assert said.count(f"http://127.0.0.1:{port}") == 1 and "graphmon explorer on" in said, said
    assert "INFO" not in said and "Dash is running" not in said, said


def _cluster_evidence(report: Path, cluster_id: int) -> pl.DataFrame:
    loaded = Report.load(report)
    members = loaded.members(cluster_id)["account_id"]
    evidence = loaded.evidence()
    return evidence.filter(pl.col("account_a").is_in(members.to_list()) & pl.col("account_b").is_in(members.to_list()))


@pytest.mark.browser
def test_explorer_filters_shows_an_account_and_exports(open_page: Any, explorer_url: str, sample_report: Path,
                                                       tmp_path: Path) -> None:
    page, log = open_page(allow=(explorer_url,))
    page.goto(explorer_url)
    expect(page.locator("#filter-note")).to_have_text("3 of 3 clusters match.", timeout=30_000)
    page.wait_for_function("(() => { const g = document.querySelector('#network .js-plotly-plot');"
                           " return g && g.data && g.data.some((d) => d.meta === 'accounts'); })()")
    save_screenshot(page, "explorer", doc=True, full_page=True)

    page.fill("#f-min-size", "8")
    page.press("#f-min-size", "Enter")
    expect(page.locator("#filter-note")).to_have_text("2 of 3 clusters match.")
    expect(page.locator("#cluster-table tbody tr td[data-dash-column=cluster_id]")).to_have_count(2)

    page.locator("#cluster-table td[data-dash-column=cluster_id]").filter(has_text="1").first.click()
    expect(page.locator("#cluster-head")).to_contain_text("#1 ·")
    members = Report.load(sample_report).members(1)
    expect(page.locator("#members-table td[data-dash-column=account_id]")).to_have_count(min(10, members.height))
    top = Report.load(sample_report).cluster(1)["top_objects"]
    expect(page.locator("#origins-table td[data-dash-column=object_id]")).to_have_count(min(10, len(top)))
    expect(page.locator("#origins-table td[data-dash-column=source]").first).to_contain_text(top[0]["likely_source"])

    page.locator("#members-table td[data-dash-column=handle]").first.click()
    expect(page.locator("#account-head")).to_contain_text("cluster #1")
    expect(page.locator("#account-shares td[data-dash-column=object_id]").first).to_be_visible()
    expect(page.locator("#account-neighbours td[data-dash-column=account_id]").first).to_be_visible()
    save_screenshot(page.locator("#account-head").locator("xpath=.."), "explorer-account", doc=True)

    point = page.evaluate(CLICK_POINT)
    page.mouse.click(point["x"], point["y"])
    expect(page.locator("#account-head")).to_contain_text(point["account"])
    chosen = point["cluster"]
    expect(page.locator("#cluster-head")).to_contain_text(f"#{chosen} ·")
    expected = _cluster_evidence(sample_report, chosen)
    with page.expect_download() as csv_download:
        page.click("#export-csv")
    exported = pl.read_csv(csv_download.value.path(), schema_overrides={"account_a": pl.String, "account_b": pl.String,
                                                                        "object_id": pl.String,
                                                                        "content_id_a": pl.String,
                                                                        "content_id_b": pl.String})
    assert csv_download.value.suggested_filename == f"cluster-{chosen}-evidence.csv"
    assert exported.columns == expected.columns
    assert exported.sort(exported.columns).equals(expected.sort(expected.columns))

    with page.expect_download() as json_download:
        page.click("#export-json")
    document = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert document["cluster_id"] == chosen and document["rows"] == expected.height == len(document["evidence"])

    with page.expect_download(timeout=60_000) as png_download:
        page.click("#export-png")
    assert Path(png_download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    expect(page.locator("#export-status")).to_contain_text(f"cluster-{chosen}-timeline.png")

    assert log.errors == []
    assert log.blocked == []
    assert log.dialogs == []


def test_explore_takes_a_folder_or_a_stored_run_not_both(sample_report: Path) -> None:
    from graphmon.cli import main

    result = CliRunner().invoke(main, ["explore", str(sample_report), "--neo4j", "--run-id", "r"])
    assert result.exit_code == 2
    assert "not both" in result.output and len(result.output.strip().splitlines()) == 1
