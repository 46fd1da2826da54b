"""report.html in headless Chromium: offline, complete, interactive, and inert to hostile data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graphmon.report import Report
from graphmon.viz.data import from_report
from graphmon.viz.html import render_report
from graphmon.viz.network import NetworkLimits
from graphmon.viz.page import PageLimits
from tests.viz.conftest import save_screenshot
from tests.viz.reports import HOSTILE_ACCOUNT, HOSTILE_NAMES, HOSTILE_OBJECT

pytestmark = pytest.mark.browser

NODE_TRACE = "(gd) => gd.data.findIndex((d) => d.meta === 'accounts')"
POINT_OF = """(clusterId) => {
  const gd = document.getElementById('network-plot');
  gd.scrollIntoView({block: 'center'});
  const t = gd.data.findIndex((d) => d.meta === 'accounts');
  const i = gd.data[t].customdata.findIndex((c) => c[0] === clusterId);
  const full = gd._fullData[t], xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  return {x: box.left + xa._offset + xa.c2p(full.x[i]), y: box.top + ya._offset + ya.c2p(full.y[i])};
}"""


def _open_report(open_page: Any, path: Path) -> tuple[Any, Any]:
    page, log = open_page()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    page.evaluate("window.graphmon.drawAll()")
    return page, log


def _clusters(report: Path) -> list[dict[str, Any]]:
    return json.loads((report / "clusters.json").read_text(encoding="utf-8"))["clusters"]  # type: ignore[no-any-return]


def _node_count(page: Any) -> tuple[str, int]:
    info = page.evaluate(f"""() => {{
        const gd = document.getElementById('network-plot'); const t = ({NODE_TRACE})(gd);
        return [gd._fullData[t].type, gd._fullData[t]._length];
    }}""")
    return info[0], info[1]


def test_report_opens_offline_without_errors(open_page: Any, sample_report: Path) -> None:
    page, log = _open_report(open_page, sample_report / "report.html")
    page.wait_for_function("document.querySelectorAll('.figure .main-svg').length >= 16")
    assert log.errors == []
    assert log.blocked == []
    assert log.requests and all(url.startswith(("file://", "data:", "blob:")) for url in log.requests), log.requests
    assert page.locator("table.clusters tbody tr").count() == len(_clusters(sample_report))
    top = _clusters(sample_report)[0]["top_objects"]
    origins = page.locator("#cluster-0 details.origins tbody tr")
    assert origins.count() == len(top) > 0
    first = origins.nth(0).locator("td")
    assert first.nth(0).get_attribute("title") == top[0]["object_id"]
    assert top[0]["likely_source"] in first.nth(4).text_content()
    save_screenshot(page.locator("header"), "report-header")
    save_screenshot(page.locator("#clusters"), "report-clusters", doc=True)
    save_screenshot(page.locator("#network"), "report-network", doc=True)
    save_screenshot(page.locator("#cluster-0"), "report-cluster", doc=True)


def test_network_has_one_point_per_clustered_account(open_page: Any, sample_report: Path) -> None:
    page, _ = _open_report(open_page, sample_report / "report.html")
    kind, points = _node_count(page)
    assert kind == "scatter"
    assert points == sum(c["size"] for c in _clusters(sample_report))
    drawn = page.evaluate("document.getElementById('network-plot').data.map((d) => d.meta)")
    assert drawn == ["edges", "accounts"]


def test_clicking_an_account_lists_its_cluster(open_page: Any, sample_report: Path) -> None:
    page, log = _open_report(open_page, sample_report / "report.html")
    record = _clusters(sample_report)[1]
    handles = set(Report.load(sample_report).members(1)["screen_name"].to_list())
    point = page.evaluate(POINT_OF, 1)
    page.mouse.move(point["x"], point["y"])
    hover = page.locator("#network-plot .hoverlayer .hovertext")
    hover.wait_for(timeout=5_000)
    assert "cluster #1" in hover.text_content()
    page.mouse.click(point["x"], point["y"])
    rows = page.locator("#members-panel table.members tr")
    page.wait_for_function("document.querySelectorAll('#members-panel table.members tr').length > 1")
    assert rows.count() == record["size"] + 1
    listed = {rows.nth(i).locator("td").first.text_content() for i in range(1, rows.count())}
    assert listed == {f"@{h}" for h in handles}
    assert page.locator("tr.active").get_attribute("data-cluster") == "1"
    save_screenshot(page.locator("#network"), "report-network-selected")
    page.locator("table.clusters tbody tr[data-cluster='2'] td.reason").click()
    assert page.locator("#members-panel h3").text_content().startswith("Cluster #2:")
    assert log.errors == []


def test_hostile_names_render_as_text(open_page: Any, hostile_report: Path) -> None:
    page, log = _open_report(open_page, hostile_report / "report.html")
    page.wait_for_function("document.querySelectorAll('.figure .main-svg').length >= 16")
    hostile_cluster = next(c["cluster_id"] for c in _clusters(hostile_report) if HOSTILE_ACCOUNT in c["accounts"])
    point = page.evaluate(POINT_OF, hostile_cluster)
    page.mouse.move(point["x"], point["y"])
    page.mouse.click(point["x"], point["y"])
    page.locator(f"#cluster-{hostile_cluster} details.members summary").click()
    page.wait_for_timeout(300)
    assert log.dialogs == []
    assert log.errors == []
    injected = page.evaluate("""() => ({
        handlers: document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover]').length,
        images: document.querySelectorAll('img').length,
        svgs_in_text: document.querySelectorAll('td svg, #members-panel svg, td b, td script').length,
        scripts: Array.from(document.scripts).filter((s) => s.type !== 'application/json').length,
    })""")
    assert injected == {"handlers": 0, "images": 0, "svgs_in_text": 0, "scripts": 2}
    for name in HOSTILE_NAMES:
        assert page.get_by_role("cell", name=name, exact=True).count() >= 1, name
    assert page.locator("#members-panel").get_by_text(HOSTILE_NAMES[0], exact=True).count() == 1
    assert page.get_by_role("cell", name=HOSTILE_ACCOUNT, exact=True).count() >= 1
    assert page.locator("td.object").filter(has_text=HOSTILE_OBJECT).count() >= 1
    assert page.locator(f"#cluster-{hostile_cluster} details.origins td").filter(has_text=HOSTILE_OBJECT).count() >= 1
    ticks = page.locator(f"#cluster-{hostile_cluster} .ytick text").all_text_contents()
    assert any(t.startswith(HOSTILE_OBJECT) for t in ticks)
    assert HOSTILE_ACCOUNT in ticks
    save_screenshot(page.locator(f"#cluster-{hostile_cluster}"), "report-hostile-cluster")
    save_screenshot(page.locator("#network"), "report-hostile-network")


def test_capped_network_says_what_is_left_out(open_page: Any, sample_report: Path, tmp_path: Path) -> None:
    limits = PageLimits(network=NetworkLimits(max_nodes=10, webgl_from=1), top_clusters=1)
    page_file = tmp_path / "capped.html"
    page_file.write_text(render_report(from_report(Report.load(sample_report)), limits=limits), encoding="utf-8")
    page, log = _open_report(open_page, page_file)
    assert _node_count(page) == ("scattergl", 10)
    total = sum(c["size"] for c in _clusters(sample_report))
    note = page.locator("#network p.limit").first.text_content()
    assert f"the top 1 of 3 clusters, 10 of {total} clustered accounts" in note
    assert page.locator("section.cluster").count() == 1
    assert log.errors == []
    save_screenshot(page.locator("#network"), "report-network-capped")
