"""The status filter on the decision index, clicked in a real (Debian) Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

from project_fixtures import build_site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")


@pytest.fixture
def served(adr_project):
    site = build_site(adr_project)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_status_filter_hides_other_rows(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        page.goto(f"{served}/decisions/")
        rows = page.locator(".specsite-filter table tbody tr")
        assert rows.count() == 3
        page.get_by_role("button", name="superseded (1)").click()
        visible = [r for r in rows.all() if r.is_visible()]
        assert len(visible) == 1 and "ADR-0002" in visible[0].inner_text()
        page.get_by_role("button", name="all (3)").click()
        assert all(r.is_visible() for r in rows.all())
        # the graph links open the decision page
        page.goto(f"{served}/decisions/graph/")
        page.locator("svg.specsite-graph a").first.click()
        page.wait_for_url("**/decisions/ADR-0002/")
        browser.close()
