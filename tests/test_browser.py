"""The status filter on the decision index, clicked in a real (Debian) Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

from project_fixtures import build_site, write_files

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


C4_SITE = {
    "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                  "plugins:\n  - specsite:\n      c4: arch/workspace.dsl\n",
    "docs/index.md": "# Home\n",
    "arch/workspace.dsl": """
        workspace {
            !identifiers hierarchical
            model {
                buyer = person "Buyer" "Buys."
                shop = softwareSystem "Shop" "Sells." {
                    web = container "Web" "Pages." "TypeScript"
                    db = container "Database" "Orders." "PostgreSQL" "Database"
                }
                buyer -> shop.web "Uses" "HTTPS"
                shop.web -> shop.db "Reads" "SQL"
            }
            views {
                container shop "Containers" {
                    include *
                    autoLayout lr
                }
            }
        }
        """,
}


def _serve(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_c4_diagram_zooms_pans_and_links(tmp_path):
    from playwright.sync_api import sync_playwright

    write_files(tmp_path, C4_SITE)
    server = _serve(build_site(tmp_path))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{base}/architecture/views/containers/")
            svg = page.locator("svg.c4-diagram")

            def box() -> list[float]:
                return [float(v) for v in svg.get_attribute("viewBox").split()]

            home = box()
            page.get_by_role("button", name="Zoom in").click()
            zoomed = box()
            assert zoomed[2] < home[2] and zoomed[3] < home[3]
            shape = svg.bounding_box()
            # start on empty canvas: a drag that starts on an element is left to its link
            page.mouse.move(shape["x"] + 4, shape["y"] + 4)
            page.mouse.down()
            page.mouse.move(shape["x"] + 124, shape["y"] + 44, steps=5)
            page.mouse.up()
            panned = box()
            assert panned[0] < zoomed[0] and panned[2] == zoomed[2]  # dragged right: view moves left
            page.get_by_role("button", name="Reset zoom").click()
            assert box() == pytest.approx(home, abs=0.01)
            page.locator('svg.c4-diagram [data-specsite-id="shop.db"]').first.click()
            page.wait_for_url("**/architecture/shop.db/")
            assert "PostgreSQL" in page.content()
            assert errors == []
            browser.close()
    finally:
        server.shutdown()
