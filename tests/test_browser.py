"""The status filter on the decision index, clicked in a real (Debian) Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

from pathlib import Path

from project_fixtures import build_site, write_files

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "webshop"

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


def _chromium(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"])


def test_c4_diagram_zooms_pans_and_links(tmp_path):
    from playwright.sync_api import sync_playwright

    write_files(tmp_path, C4_SITE)
    server = _serve(build_site(tmp_path))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = _chromium(p)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{base}/architecture/views/containers/")
            svg = page.locator("svg.c4-diagram")

            def width() -> float:
                return svg.bounding_box()["width"]

            home = width()
            page.get_by_role("button", name="Zoom in").click()
            assert width() > home * 1.2
            page.get_by_role("button", name="Reset zoom").click()
            assert width() == pytest.approx(home, abs=0.5)
            # Ctrl + wheel zooms; a plain wheel does not
            shape = svg.bounding_box()
            page.mouse.move(shape["x"] + 20, shape["y"] + 20)
            page.mouse.wheel(0, 100)
            assert width() == pytest.approx(home, abs=0.5)
            page.keyboard.down("Control")
            page.mouse.wheel(0, -100)
            page.keyboard.up("Control")
            assert width() > home
            page.locator('svg.c4-diagram [data-specsite-id="shop.db"]').first.click()
            page.wait_for_url("**/architecture/shop.db/")
            assert "PostgreSQL" in page.content()
            assert errors == []
            browser.close()
    finally:
        server.shutdown()


def test_c4_diagram_of_the_example_reads_at_the_default_view(tmp_path):
    """The widest view of the example product at 1366x768: text at least 11 px, a toolbar that
    covers none of the drawing, full screen, a key, and an offline SVG download."""
    from playwright.sync_api import sync_playwright

    project = tmp_path / "webshop"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site"))
    server = _serve(build_site(project))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = _chromium(p)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            errors: list[str] = []
            requests: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(f"{base}/architecture/views/containers/")
            svg = page.locator("svg.c4-diagram")
            native = float(svg.get_attribute("width"))
            assert native > 1000  # wider than the column: the case that used to shrink
            heights = page.evaluate("""() => [...document.querySelectorAll('svg.c4-diagram text')]
                .map(t => parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a)""")
            assert heights and min(heights) >= 11, min(heights)
            bar = page.locator(".c4-toolbar").bounding_box()
            shape = svg.bounding_box()
            assert bar["y"] + bar["height"] <= shape["y"] + 0.5  # above the drawing, never on it
            frame = page.locator(".c4-frame")
            assert frame.evaluate("f => f.scrollWidth > f.clientWidth")  # scrolls, not squeezed
            view = page.locator(".c4-view")
            page.get_by_role("button", name="Full screen").click()
            assert "c4-fullscreen" in view.get_attribute("class")
            assert view.bounding_box()["width"] == pytest.approx(1366, abs=20)
            page.get_by_role("button", name="Leave full screen").click()
            assert "c4-fullscreen" not in view.get_attribute("class")
            link = page.get_by_role("link", name="Download SVG")
            assert link.get_attribute("href").startswith("blob:")
            assert link.get_attribute("download") == "Containers.svg"
            body = page.evaluate("""async () => {
                const a = document.querySelector('.c4-download');
                return await (await fetch(a.href)).text(); }""")
            assert body.startswith("<?xml") and "<svg" in body and 'class="c4-diagram"' in body
            key = page.locator(".c4-key")
            assert key.locator("li").count() >= 3
            assert "Database" in key.inner_text()
            assert errors == []
            assert all(u.startswith((base, "blob:", "data:")) for u in requests), requests
            browser.close()
    finally:
        server.shutdown()
