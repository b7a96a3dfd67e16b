"""Every page of the example product in a real (Debian) Chromium at 1366x768: no broken internal
link or #anchor, no console error or script exception, no request to another host, no failed
asset, no page wider than the window nor a table wider than its column, no SVG text under 9 px,
no status badge left grey. A planted site shows the crawl sees each of these."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from project_fixtures import REPO, write_files
from test_browser_sites import ARGS, CHROMIUM, _build, serve

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")

#: smallest SVG text, in CSS px on screen, a reader should meet at the default zoom
MIN_SVG_TEXT = 9.0

#: what the page looks like once its scripts ran: element IDs, links, width, small SVG text
_PROBE = """() => {
  const se = document.scrollingElement;
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  // SVG <a> elements too (diagrams, charts); their href is an attribute, not a URL property
  const links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
    .map(h => [h, new URL(h, location.href).href]);
  const small = [];
  document.querySelectorAll('svg text').forEach(t => {
    const box = t.getBoundingClientRect();
    const m = t.getScreenCTM();
    if (!box.width || !box.height || !m) return;  // not drawn (a closed <details>)
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    if (px < %s) small.push(t.textContent.trim().slice(0, 40) + ' ' + px.toFixed(1) + ' px');
  });
  const broken = [...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src);
  // a table wider than the content column scrolls inside Material's wrapper: columns out of sight
  const tables = [...document.querySelectorAll('table')].map(t => t.closest('.md-typeset__scrollwrap'))
    .filter(w => w && w.scrollWidth > w.clientWidth + 1)
    .map(w => (w.querySelector('th') || w).textContent.trim() + ': ' + w.scrollWidth + ' px in ' + w.clientWidth);
  // a status badge whose value has no colour in specsite.css keeps the grey of "no status"
  const grey = [...document.querySelectorAll('.specsite-status:not(.specsite-status--none)')]
    .filter(b => getComputedStyle(b).backgroundColor === 'rgb(224, 224, 224)').map(b => b.className);
  return {ids, links, small, broken, tables, grey, wide: se.scrollWidth > se.clientWidth ? se.scrollWidth : 0};
}""" % MIN_SVG_TEXT


@dataclass
class Crawl:
    """What a crawl found, each problem as "page: detail"."""

    pages: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    small_text: list[str] = field(default_factory=list)
    grey_badges: list[str] = field(default_factory=list)


def _page_paths(site: Path) -> list[str]:
    """Every page of a built site as a URL path (``/``, ``/debt/``, ``/a/b.html``)."""
    paths: list[str] = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        paths.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return sorted(paths)


def crawl(site: Path, width: int = 1366, height: int = 768) -> Crawl:
    """Load every page of ``site`` in one Chromium tab and check it and its links."""
    from playwright.sync_api import sync_playwright

    found = Crawl(pages=_page_paths(site))
    seen: dict[str, dict] = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        current = [""]
        page.on("pageerror", lambda e: found.errors.append(f"{current[0]}: {e}"))
        page.on("console", lambda m: found.errors.append(f"{current[0]}: console: {m.text}")
                if m.type == "error" else None)
        page.on("request", lambda r: found.foreign.append(f"{current[0]}: {r.url}")
                if not r.url.startswith((base, "data:", "blob:", "about:")) else None)
        page.on("response", lambda r: found.failed.append(f"{current[0]}: {r.status} {r.url}")
                if r.status >= 400 else None)
        for path in found.pages:
            current[0] = path
            page.goto(base + path, wait_until="load")
            facts = page.evaluate(_PROBE)
            seen[path] = facts
            if facts["wide"]:
                found.overflow.append(f"{path}: {facts['wide']} px wide in a {width} px window")
            found.overflow += [f"{path}: table {t}" for t in facts["tables"]]
            found.small_text += [f"{path}: {t}" for t in facts["small"]]
            found.grey_badges += [f"{path}: {c}" for c in facts["grey"]]
            found.failed += [f"{path}: image {src}" for src in facts["broken"]]
        browser.close()
    ids = {path: set(facts["ids"]) for path, facts in seen.items()}
    for path, facts in seen.items():
        for raw, url in facts["links"]:
            if not url.startswith(base + "/"):
                continue
            parts = urlsplit(url)
            target = unquote(parts.path)
            if target not in ids:
                file = site / target.lstrip("/")
                if not (file.is_file() or (file / "index.html").is_file()):
                    found.links.append(f"{path}: {raw} (no such page or file)")
                continue
            fragment = unquote(parts.fragment)
            if fragment and fragment not in ids[target]:
                found.links.append(f"{path}: {raw} (no #{fragment} on {target})")
    return found


@pytest.fixture(scope="module")
def example_crawl(tmp_path_factory) -> Crawl:
    out = tmp_path_factory.mktemp("crawl")
    return crawl(_build(REPO / "examples" / "webshop" / "mkdocs.yml", out / "site"))


def test_every_page_of_the_example_is_crawled(example_crawl):
    # the kinds of page a user meets, so a crawl that loaded nothing cannot pass
    for path in ("/", "/decisions/", "/requirements/roadmap/", "/requirements/prioritisation/",
                 "/runbooks/", "/debt/", "/debt/quadrants/", "/api/checkout/orders/",
                 "/architecture/shopper/", "/architecture/views/containers/"):
        assert path in example_crawl.pages
    assert len(example_crawl.pages) > 40


def test_no_broken_link_or_anchor_on_the_example(example_crawl):
    assert example_crawl.links == []


def test_no_console_error_or_exception_on_the_example(example_crawl):
    assert example_crawl.errors == []
    assert example_crawl.failed == []


def test_no_request_to_another_host_on_the_example(example_crawl):
    assert example_crawl.foreign == []


def test_no_page_or_table_of_the_example_is_wider_than_1366_px(example_crawl):
    assert example_crawl.overflow == []


def test_svg_text_of_the_example_reads_at_the_default_zoom(example_crawl):
    assert example_crawl.small_text == []


#: a page without an icon makes Chromium ask for /favicon.ico (a 404 on a bare folder)
_NO_ICON = '<!doctype html><link rel="icon" href="data:,">'


def test_every_status_badge_of_the_example_has_a_colour(example_crawl):
    assert example_crawl.grey_badges == []


def test_the_crawl_sees_each_kind_of_problem(tmp_path):
    write_files(tmp_path, {
        "index.html": _NO_ICON + """<html><body>
            <h1 id="top">Home</h1>
            <a href="b/">fine</a> <a href="b/#here">fine anchor</a> <a href="#top">self</a>
            <a href="missing/">gone</a> <a href="b/#nowhere">no anchor</a>
            <a href="https://example.org/">outside, not followed</a>
            <div style="width: 3000px">wide</div>
            <div class="md-typeset__scrollwrap" style="overflow-x: auto; width: 300px"><table>
            <tr><th>Hidden</th><td><div style="width: 900px">columns</div></td></tr></table></div>
            <script>console.error("boom"); undefined_function();</script>
            <img src="https://example.org/pixel.png" alt="">
            <svg width="200" height="40"><text x="0" y="20" font-size="6">tiny</text>
            <text x="0" y="35" font-size="12">fine</text></svg>
            </body></html>""",
        "b/index.html": _NO_ICON + """<html><head><link rel="stylesheet" href="../specsite.css">
            </head><body><p id="here">B</p>
            <span class="specsite-status specsite-status--accepted">accepted</span>
            <span class="specsite-status specsite-status--none">no status</span>
            <span class="specsite-status specsite-status--pondering">pondering</span>
            <img src="../nothing.png" alt=""></body></html>""",
    })
    shutil.copy(REPO / "plugins" / "specsite" / "assets" / "specsite.css", tmp_path)
    found = crawl(tmp_path)
    assert found.pages == ["/", "/b/"]
    assert found.links == ["/: missing/ (no such page or file)", "/: b/#nowhere (no #nowhere on /b/)"]
    assert any("console: boom" in e for e in found.errors)
    assert any("undefined_function" in e for e in found.errors)
    assert found.foreign == ["/: https://example.org/pixel.png"]
    assert len(found.overflow) == 2 and found.overflow[0].endswith(" px wide in a 1366 px window")
    assert found.overflow[1].startswith("/: table Hidden: ")
    assert len(found.small_text) == 1 and "tiny" in found.small_text[0]
    assert any("404" in f and "nothing.png" in f for f in found.failed)
    assert found.grey_badges == ["/b/: specsite-status specsite-status--pondering"]
    # the same checks stay quiet on a page without the problems
    shutil.rmtree(tmp_path / "b")
    write_files(tmp_path, {"index.html": _NO_ICON + '<p id="a"><a href="#a">ok</a></p>'})
    quiet = crawl(tmp_path)
    assert (quiet.links, quiet.errors, quiet.foreign, quiet.failed, quiet.overflow,
            quiet.small_text) == ([], [], [], [], [], [])
