"""The example product's roadmap page in a real (Debian) Chromium at 1366 px: nothing runs past
the page's right edge, the timeline of four releases fits its column without a scrollbar and is
drawn at least 80% of its size, and Now / Next / Later sit side by side. The screenshot is kept
in the test's folder for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_browser_sites import ARGS, CHROMIUM, _build, serve

from project_fixtures import REPO

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")

_MEASURE = """() => {
  const doc = document.documentElement;
  const frame = document.querySelector('.specsite-roadmap-frame');
  const svg = frame.querySelector('svg');
  const phases = [...document.querySelectorAll('.specsite-roadmap-phase')].map(
    e => e.getBoundingClientRect().top);
  const article = document.querySelector('article').getBoundingClientRect();
  const sticking = [...document.querySelectorAll('article *')].filter(e => {
    const r = e.getBoundingClientRect();
    // inside a scrolling box (a wide table, a wide timeline) nothing runs past the page
    return r.width > 0 && r.right > article.right + 1 && !e.closest('.md-typeset__scrollwrap, '
      + '.specsite-roadmap-frame, .specsite-roadmap-chart');
  }).map(e => e.tagName + '.' + e.className);
  return {scroll: doc.scrollWidth, client: doc.clientWidth, frameScroll: frame.scrollWidth,
          frameClient: frame.clientWidth, drawn: svg.getBoundingClientRect().width,
          natural: svg.viewBox.baseVal.width, phases, sticking};
}"""


def test_example_roadmap_is_readable_at_1366_px(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    out = tmp_path_factory.mktemp("roadmap")
    site = _build(REPO / "examples" / "webshop" / "mkdocs.yml", out / "site")
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{base}/requirements/roadmap/")
        page.wait_for_load_state("networkidle")
        measured = page.evaluate(_MEASURE)
        shot = Path(out / "roadmap-1366.png")
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert measured["scroll"] <= measured["client"], measured
    assert measured["sticking"] == [], measured
    assert measured["frameScroll"] <= measured["frameClient"], measured
    assert measured["drawn"] >= 0.8 * measured["natural"], measured
    assert len(set(measured["phases"])) == 1, measured  # Now, Next and Later in one row
    assert shot.stat().st_size > 10_000
