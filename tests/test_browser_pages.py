"""The example product's index pages at 1366 px in a real (Debian) Chromium: filter chips in
lifecycle and MoSCoW order, the filter kept across a reload, and no table wider than its column."""

from __future__ import annotations

import pytest

from project_fixtures import REPO
from test_browser_sites import ARGS, CHROMIUM, _build, serve

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")

_OVERFLOW = """() => {
  const doc = document.documentElement;
  const tables = [...document.querySelectorAll('.md-content table')].map(t => {
    const box = t.closest('.md-typeset__scrollwrap') || t.parentElement;
    return [t.getBoundingClientRect().width, box.clientWidth];
  });
  return {page: [doc.scrollWidth, doc.clientWidth], tables};
}"""


@pytest.fixture(scope="module")
def webshop(tmp_path_factory):
    site = _build(REPO / "examples" / "webshop" / "mkdocs.yml", tmp_path_factory.mktemp("webshop") / "site")
    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _chips(page) -> list[str]:
    return [b.inner_text().rsplit(" (", 1)[0]
            for b in page.locator(".specsite-filter-bar").first.locator("button").all()]


def test_decision_filter_survives_a_reload(webshop, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{webshop}/decisions/")
    # lifecycle order, not alphabetical
    assert _chips(page) == ["all", "proposed", "accepted", "superseded"]
    page.get_by_role("button", name="accepted (3)").click()
    assert "filter=accepted" in page.evaluate("location.search")
    page.get_by_role("searchbox", name="Filter rows").fill("orders")
    assert "text=orders" in page.evaluate("location.search")
    page.reload()
    rows = page.locator(".specsite-filter table tbody tr")
    shown = [r.inner_text() for r in rows.all() if r.is_visible()]
    assert [s.split()[0] for s in shown] == ["ADR-0002"]  # accepted and about orders
    assert page.get_by_role("button", name="accepted (3)").get_attribute("aria-pressed") == "true"
    assert page.get_by_role("searchbox", name="Filter rows").input_value() == "orders"
    # back to all: the query string forgets the filter
    page.get_by_role("button", name="all (5)").click()
    assert "filter=" not in page.evaluate("location.search")
    page.close()


def test_backlog_chips_in_moscow_order(webshop, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{webshop}/requirements/backlog/")
    assert _chips(page) == ["all", "must", "should", "could"]
    page.goto(f"{webshop}/requirements/")
    assert _chips(page) == ["all", "draft", "review", "approved", "shipped"]
    page.close()


@pytest.mark.parametrize("path", ["/decisions/", "/requirements/", "/requirements/backlog/",
                                  "/requirements/traceability/"])
def test_no_horizontal_overflow_at_1366(webshop, browser, path):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(webshop + path)
    measured = page.evaluate(_OVERFLOW)
    assert measured["page"][0] <= measured["page"][1], measured
    assert measured["tables"], "no table measured"
    for width, box in measured["tables"]:
        assert width <= box + 1, measured  # no table scrolls sideways inside its box
    page.close()


def test_element_page_shows_its_element_highlighted_in_view(webshop, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{webshop}/architecture/webshop.db/")
    inside = page.evaluate("""() => {
      const focus = document.querySelector('.c4-frame svg .c4-focus');
      const frame = document.querySelector('.c4-frame');
      if (!focus) return null;
      const f = focus.getBoundingClientRect(), r = frame.getBoundingClientRect();
      return f.left >= r.left && f.right <= r.right && f.top >= r.top && f.bottom <= r.bottom;
    }""")
    assert inside is True  # scrolled into the frame, not left somewhere off to the side
    assert page.locator(".c4-frame svg .c4-focus").get_attribute("data-specsite-id") == "webshop.db"
    page.close()


def test_decision_index_sorts_by_a_column(webshop, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{webshop}/decisions/")
    date = page.locator(".specsite-filter thead th", has_text="Date")

    def first_ids():
        return [r.inner_text().split()[0] for r in page.locator(".specsite-filter tbody tr").all()]

    date.click()
    assert date.get_attribute("aria-sort") == "ascending"
    assert first_ids() == ["ADR-0001", "ADR-0003", "ADR-0002", "ADR-0004", "ADR-0005"]
    date.click()
    assert first_ids()[0] == "ADR-0005"
    deciders = page.locator(".specsite-filter thead th", has_text="Deciders")
    assert deciders.count() == 1
    page.close()
