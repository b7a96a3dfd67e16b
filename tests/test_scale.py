"""A site of many specs: entity pages out of the navigation but reachable, paged backlog and
traceability views that filter and sort in the page (a real site built from the benchmark's
generator at a small scale)."""

from __future__ import annotations

import functools
import http.server
import posixpath
import re
import shutil
import sys
import threading
from pathlib import Path

import pytest

from project_fixtures import REPO, build_site

sys.path.insert(0, str(REPO / "benchmarks"))
from scale_corpus import generate  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_HREF = re.compile(r'href="([^"#?]*)(?:[#?][^"]*)?"')


def pages(site: Path) -> set[str]:
    """Every page of the site, as its URL path (``decisions/ADR-0001/``)."""
    return {p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
            for p in site.rglob("index.html")}


def reachable(site: Path, start: str = "") -> set[str]:
    """The pages a reader reaches by following links from ``start``."""
    seen, todo = {start}, [start]
    while todo:
        url = todo.pop()
        html = (site / url / "index.html").read_text(encoding="utf-8")
        for href in _HREF.findall(html):
            if not href or "://" in href or href.startswith(("mailto:", "/")):
                continue
            target = posixpath.normpath(posixpath.join(url or ".", href))
            target = "" if target == "." else target.rstrip("/") + "/"
            if target not in seen and (site / target / "index.html").is_file():
                seen.add(target)
                todo.append(target)
    return seen


@pytest.fixture(scope="module")
def scale_site(tmp_path_factory) -> Path:
    root = generate(3, tmp_path_factory.mktemp("scale"))
    return build_site(root, strict=False)


def test_navigation_lists_section_overviews_not_entity_pages(scale_site):
    home = (scale_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):home.index('class="md-content"')]
    for overview in ("decisions/", "decisions/timeline/", "requirements/backlog/",
                     "requirements/traceability/", "architecture/", "api/"):
        assert f'href="{overview}"' in nav, overview
    assert "ADR-0005" not in nav and "PRD-0002" not in nav and "getThing" not in nav
    # a page carries a navigation of a few links, not one per generated page
    assert len(re.findall(r'class="md-nav__link"', nav)) < 30


def test_every_generated_page_is_reachable_from_the_home_page(scale_site):
    everything = pages(scale_site)
    assert len(everything) > 50
    assert reachable(scale_site) == everything


def test_a_page_out_of_the_navigation_links_up_to_its_indexes(scale_site):
    adr = (scale_site / "decisions" / "ADR-0002" / "index.html").read_text(encoding="utf-8")
    assert '<p class="specsite-breadcrumb"><a href="../">Decisions</a></p>' in adr
    api = next((scale_site / "api" / "api0").glob("*/index.html")).read_text(encoding="utf-8")
    assert re.search(r'class="specsite-breadcrumb"><a href="../../">APIs</a> › '
                     r'<a href="../">API 0</a></p>', api)
    # overview pages are in the navigation and need no breadcrumb
    assert "specsite-breadcrumb" not in (scale_site / "decisions" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Path:
    """Three PRDs (30 requirements) with seven rows a page."""
    mp = pytest.MonkeyPatch()
    mp.setattr("specsite.core.html_table.ROWS_PER_PAGE", 7)
    try:
        root = generate(3, tmp_path_factory.mktemp("paged"))
        yield build_site(root, strict=False)
    finally:
        mp.undo()


def _rows(html: str) -> list[str]:
    return re.findall(r"<tr><td>(.*?)</td>", html)


def test_backlog_pages_rank_every_requirement_once_in_order(paged_site):
    first = paged_site / "requirements" / "backlog"
    files = [first / "index.html"] + sorted(first.glob("*/index.html"), key=lambda p: int(p.parent.name))
    assert len(files) == 5  # 30 ranked + 3 PRD mixes = 33 rows of 7
    ranks = []
    for number, path in enumerate(files, 1):
        html = path.read_text(encoding="utf-8")
        assert f"Page {number} of 5" in html
        assert 'data-specsite-sortable="1"' in html
        ranks += [int(r) for r in _rows(html) if r.isdigit()]
        if number > 1:
            assert '<a href="../../">Product requirements</a> › <a href="../">Backlog</a>' in html
    assert ranks == list(range(1, 31))
    last = files[-1].read_text(encoding="utf-8")
    assert "MoSCoW mix per PRD" in last and "MoSCoW mix per release" in last
    assert '<a href="../">ranks 1–7</a>' in last


def test_traceability_pages_hold_every_requirement_once(paged_site):
    first = paged_site / "requirements" / "traceability"
    html = (first / "index.html").read_text(encoding="utf-8")
    assert "Coverage" in html and '<strong aria-current="page">PRD-0001</strong>' in html
    assert '<a href="2/">PRD-0001 – PRD-0002</a>' in html
    found = []
    for path in [first / "index.html", *first.glob("*/index.html")]:
        found += re.findall(r'<tr><td><a href="[^"]*" title="[^"]*">(PRD-\d{4}\.R\d+)</a>',
                            path.read_text(encoding="utf-8"))
    assert sorted(found) == sorted(f"PRD-{p:04d}.R{r}" for p in range(1, 4) for r in range(1, 11))
    # links in the HTML tables carry final URLs, also from a page one folder deeper
    assert 'href="../../PRD-0002/#prd-0002-r1"' in (first / "2" / "index.html").read_text(encoding="utf-8")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_a_backlog_page_filters_and_sorts_in_the_browser(scale_site):
    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(scale_site))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/requirements/backlog/")
            page.wait_for_selector(".specsite-filter-text")  # specsite.js has set the table up
            table = page.locator(".specsite-filter").first
            rows = table.locator("tbody tr")
            assert rows.count() == 30

            def first_cells() -> list[str]:
                return [r.locator("td").first.inner_text() for r in rows.all() if r.is_visible()]

            assert first_cells() == [str(i) for i in range(1, 31)]
            header = table.locator("th", has_text="Rank")
            header.click()
            assert header.get_attribute("aria-sort") == "ascending"
            header.click()  # numbers sort as numbers: 30 first, not 9
            assert first_cells() == [str(i) for i in range(30, 0, -1)]
            table.get_by_role("searchbox", name="Filter rows").fill("product 2.")
            visible = [r.inner_text() for r in rows.all() if r.is_visible()]
            assert len(visible) == 10 and all("PRD-0002" in v for v in visible)
            assert errors == []
            browser.close()
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def two_a_page(tmp_path_factory) -> Path:
    """Six decisions and three PRDs with two rows a page."""
    mp = pytest.MonkeyPatch()
    mp.setattr("specsite.core.html_table.ROWS_PER_PAGE", 2)
    try:
        root = generate(3, tmp_path_factory.mktemp("two"))
        yield build_site(root, strict=False)
    finally:
        mp.undo()


def _view_pages(site: Path, view: str, more: str | None = None) -> list[str]:
    """The pages of a paged view: its first page, then pages 2, 3... in the folder ``more``
    (``decisions/index`` for the index at ``decisions/``)."""
    rest = site / (more or view)
    return [(site / view / "index.html").read_text(encoding="utf-8")] + [
        p.read_text(encoding="utf-8")
        for p in sorted(rest.glob("*/index.html"), key=lambda p: p.parent.name)
        if p.parent.name.isdigit()]


def test_the_decision_index_and_timeline_are_paged(two_a_page):
    index = _view_pages(two_a_page, "decisions", "decisions/index")
    assert len(index) == 3 and "Page 3 of 3" in index[2]
    found = [re.findall(r'<tr><td><a href="[^"]*" title="[^"]*">(ADR-\d{4})</a>', html) for html in index]
    assert found == [["ADR-0001", "ADR-0002"], ["ADR-0003", "ADR-0004"], ["ADR-0005", "ADR-0006"]]
    assert 'href="../../ADR-0003/" title="Decision 3"' in index[1]  # final URLs one folder deeper
    assert '<a href="../../">Decisions</a>' in index[1]  # page 2 links up to the index
    timeline = _view_pages(two_a_page, "decisions/timeline")
    assert len(timeline) == 3
    dated = [re.findall(r"<li><strong>([0-9-]+)</strong>", html) for html in timeline]
    assert sum(dated, []) == sorted(sum(dated, [])) and len(sum(dated, [])) == 6
    assert "<h2" in timeline[0]  # a heading per year on every page


def test_the_portfolio_is_paged_with_groups_on_the_last_page(two_a_page):
    portfolio = _view_pages(two_a_page, "requirements", "requirements/index")
    assert len(portfolio) == 2
    ids = [re.findall(r'<tr><td><a href="[^"]*" title="[^"]*">(PRD-\d{4})</a>', html) for html in portfolio]
    assert ids == [["PRD-0001", "PRD-0002"], ["PRD-0003"]]
    assert "By release" in portfolio[1] and "By release" not in portfolio[0]
    assert "ranked backlog" in portfolio[0]


def test_a_spec_value_cannot_stand_in_for_a_table(tmp_path):
    """Tables reach the page after Markdown, in place of a marker comment; a title that spells
    the marker is escaped text, so it neither receives a table nor loses one."""
    root = generate(3, tmp_path / "marker")
    adr = root / "adrs" / "0002-decision-2.md"
    adr.write_text(adr.read_text(encoding="utf-8").replace(
        "# 2. Decision 2", "# 2. Decision <!--specsite-html-0--> two"), encoding="utf-8")
    index = (build_site(root, strict=False) / "decisions" / "index.html").read_text(encoding="utf-8")
    assert index.count("<table>") == 1
    assert "specsite-html" not in index.replace("Decision &lt;!--specsite-html-0--&gt; two", "")
    assert "Decision &lt;!--specsite-html-0--&gt; two" in index


def test_a_build_sets_what_lives_to_its_end_aside_from_collections_and_gives_it_back(tmp_path):
    """``mkdocs build`` freezes what is alive when pages start rendering (collections skip it)
    and unfreezes it when the build ends, so a process that goes on (a test run, a script calling
    build()) can collect it again."""
    import gc

    root = generate(2, tmp_path)
    (root / "freeze_hook.py").write_text(
        "import gc, pathlib\n"
        "def on_page_markdown(markdown, page, config, files):\n"
        "    with open(pathlib.Path(config.config_file_path).parent / 'frozen.txt', 'a') as f:\n"
        "        f.write(f'{gc.get_freeze_count()}\\n')\n"
        "def on_page_context(context, page, config, nav):\n"
        "    on_page_markdown(None, page, config, None)\n", encoding="utf-8")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text + "hooks:\n  - freeze_hook.py\n", encoding="utf-8")
    before = gc.get_freeze_count()
    build_site(root, strict=False)
    seen = [int(n) for n in (root / "frozen.txt").read_text(encoding="utf-8").split()]
    assert seen and min(seen) > before
    assert gc.get_freeze_count() == before
