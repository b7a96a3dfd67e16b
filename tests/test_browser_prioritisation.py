"""The example product's prioritisation page and PRD pages: byte-identical across builds, and
readable at 1366 px in a real (Debian) Chromium — no horizontal overflow, points that link."""

from __future__ import annotations

import shutil

import pytest
from test_browser_sites import ARGS, _build, serve

from project_fixtures import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAGES = ["requirements/prioritisation/index.html", "requirements/backlog/index.html",
         "requirements/PRD-0001/index.html", "requirements/index.html"]


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    out = tmp_path_factory.mktemp("webshop")
    config = REPO / "examples" / "webshop" / "mkdocs.yml"
    return _build(config, out / "one"), _build(config, out / "two")


def test_prioritisation_and_prd_pages_are_byte_identical_across_builds(two_builds):
    one, two = two_builds
    for page in PAGES:
        assert (one / page).read_bytes() == (two / page).read_bytes(), page
    html = (one / PAGES[0]).read_text(encoding="utf-8")
    assert html.count('class="specsite-point"') == 2 * 10  # ten open requirements, two charts


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_value_effort_page_fits_1366_and_its_points_lead_to_requirements(two_builds):
    from playwright.sync_api import sync_playwright

    site = two_builds[0]
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        for path in ("requirements/prioritisation/", "requirements/PRD-0001/",
                     "requirements/backlog/"):
            page.goto(f"{base}/{path}")
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert scroll <= client, f"{path} overflows: {scroll} > {client}"
            # nor does any table need scrolling sideways (eight columns of scores fit)
            wide = page.evaluate(
                "Array.from(document.querySelectorAll('.md-typeset__scrollwrap'))"
                ".filter(w => w.scrollWidth > w.clientWidth).length")
            assert wide == 0, f"{path}: {wide} table(s) scroll sideways"
        page.goto(f"{base}/requirements/prioritisation/")
        chart = page.locator("svg.specsite-value-effort").first
        box = chart.bounding_box()
        assert box is not None and 500 <= box["width"] <= 1366 and box["height"] > 300
        point = chart.locator("a.specsite-point").filter(has_text="PRD-0002.R2")
        assert "PRD-0002.R2: Search tolerates one typo per word." in point.locator(
            "title").text_content()
        point.locator("circle").click()
        page.wait_for_url("**/requirements/PRD-0002/#prd-0002-r2")
        browser.close()
