"""Every page the PRD kind and the roadmap generate stays under a size that does not grow with
the number of PRDs: thousands of PRDs in memory (no files, no MkDocs), rendered through the kind's
and the view's public ``pages``, at two scales."""

from __future__ import annotations

import re

import pytest

from specsite.core.config import SpecsiteConfig
from specsite.core.graph import SpecGraph
from specsite.core.html_table import ROWS_PER_PAGE
from specsite.core.kind import GeneratedPage, ReadResult, SiteContext
from specsite.prd.entities import document_entities
from specsite.prd.kind import PRD_KIND, PrdModel
from specsite.prd.model import Prd
from specsite.prd.overview import GROUP_LISTED, MAX_GROUPS
from specsite.prd.reader import PrdDocument
from specsite.roadmap import page as roadmap_page
from specsite.roadmap.view import ROADMAP_VIEW

#: what any one generated page may weigh (Markdown and its HTML blocks), well under the issue's
#: 1 MB of HTML once the theme wraps it
BOUND = 600_000


def _documents(count: int, spread: bool) -> list[PrdDocument]:
    """``count`` valid PRDs of two requirements each: over four quarters and seven owners, or
    (``spread``) each with a release and an owner of its own."""
    docs = []
    for n in range(1, count + 1):
        prd_id = f"PRD-{n:04d}" if n < 10000 else f"PRD-{n}"
        prd = Prd.model_validate({
            "id": prd_id, "title": f"Product {n}", "status": ("approved", "draft", "shipped")[n % 3],
            "owner": f"owner-{n}" if spread else f"owner{n % 7}",
            "release": f"r{n}" if spread else f"2027-Q{1 + n % 4}",
            "depends_on": [f"PRD-{n - 1:04d}"] if n > 1 else [],
            "milestones": [{"name": "GA", "date": "2027-03-01"}],
            "requirements": [
                {"id": "R1", "text": f"Requirement 1 of product {n}.", "priority": "must",
                 "rice": {"reach": 100 + n, "impact": 1, "confidence": 0.8, "effort": 2}},
                {"id": "R2", "text": f"Requirement 2 of product {n}.", "priority": "should"}]})
        docs.append(PrdDocument(file=f"prds/{prd_id}.md", path_name=f"{prd_id}.md", id=prd_id,
                                title=prd.title, status=prd.status, prd=prd))
    return docs


def _pages(count: int, spread: bool = False, site: SiteContext | None = None) -> list[GeneratedPage]:
    docs = _documents(count, spread)
    graph = SpecGraph(e for d in docs for e in document_entities(d))
    result = ReadResult([], model=PrdModel(documents=docs))
    site = site or SiteContext()
    return [*PRD_KIND.pages(graph, result, site),
            *ROADMAP_VIEW.pages(graph, {"prd": result}, SpecsiteConfig(), site)]


def _size(page: GeneratedPage) -> int:
    return len(page.markdown.encode("utf-8")) + sum(len(h.encode("utf-8")) for h in page.html.values())


@pytest.fixture(scope="module")
def small() -> list[GeneratedPage]:
    return _pages(2000)


@pytest.fixture(scope="module")
def large() -> list[GeneratedPage]:
    return _pages(3000)


def test_no_page_grows_with_the_number_of_prds(small, large):
    sizes = {p.path: _size(p) for p in large}
    biggest = max(sizes, key=sizes.__getitem__)
    assert sizes[biggest] < BOUND, (biggest, sizes[biggest])
    # the pages both scales have weigh the same: 1,000 more PRDs make more pages, not bigger ones
    # (at both scales the tables' last pages are full: 2,000 and 3,000 PRDs, 1,000 rows a page)
    assert ROWS_PER_PAGE == 1000
    before = {p.path: _size(p) for p in small}
    for path in ("requirements/index.md", "requirements/roadmap.md", "requirements/backlog.md",
                 "requirements/traceability.md", "requirements/prioritisation.md"):
        assert sizes[path] < before[path] * 1.05 + 2_000, path
    # the last pages of the portfolio (with the groups) and of the roadmap's table
    for last, then in (("requirements/index/3.md", "requirements/index/2.md"),
                       ("requirements/roadmap/3.md", "requirements/roadmap/2.md")):
        assert sizes[last] < before[then] * 1.05 + 2_000, last


def test_the_roadmap_table_is_paged_and_holds_every_prd_once(large):
    pages = [p for p in large if p.path == "requirements/roadmap.md"
             or p.path.startswith("requirements/roadmap/")]
    shown = [d for d in _documents(3000, False) if d.status != "deprecated"]
    assert [p.path for p in pages] == ["requirements/roadmap.md", "requirements/roadmap/2.md",
                                       "requirements/roadmap/3.md"]
    found = []
    for page in pages:
        table = "".join(page.html.values())
        found += re.findall(r'<tr><td>[^<]*</td><td><a href="[^"]*" title="[^"]*" '
                            r'class="specsite-id">(PRD-\d{4})</a>', table)
        assert f"## {roadmap_page.TABLE_HEADING}" in page.markdown
        assert "Page " in page.markdown and "of 3" in page.markdown  # the pager
    assert sorted(found) == sorted(d.id for d in shown) and len(found) == len(set(found))
    assert all(len(p.html) == 1 and p.markdown.count("<tr>") == 0 for p in pages)
    # page 2 links to the PRD pages one folder up, and back to the first page
    second = pages[1].markdown + "".join(pages[1].html.values())
    assert 'href="../../PRD-' in second and 'href="../"' in second
    assert pages[1].title == "Roadmap (page 2 of 3)"


def test_each_phase_names_a_bounded_number_of_prds_and_links_to_the_rest(large):
    first = next(p for p in large if p.path == "requirements/roadmap.md").markdown
    phases = first[first.index("## Now, next, later"):first.index("## Timeline")]
    assert phases.count("<li>") == 3 * roadmap_page.PHASE_LISTED
    # Now (2027-Q1) holds 750 PRDs: 20 named, the rest on the table's first page
    assert 'and 730 more PRDs in the <a href="#every-prd-on-the-roadmap">table</a>' in phases
    # Later (2027-Q3, Q4) names the first 20 PRDs of 2027-Q3; its 21st is row 1,521, on page 2
    assert 'and 1480 more PRDs in the <a href="2/#every-prd-on-the-roadmap">table</a>' in phases


def test_the_portfolio_names_a_bounded_number_of_prds_per_release_and_owner(large):
    last = next(p for p in large if p.path == "requirements/index/3.md").markdown
    groups = last[last.index("## By release"):]
    # 2027-Q1: every fourth PRD, on all three pages of the table
    q1 = next(line for line in groups.splitlines() if line.startswith("- **2027&#45;Q1**")
              or line.startswith("- **2027-Q1**"))
    assert q1.count("[[PRD-") == GROUP_LISTED
    assert "750 PRDs (250 draft, 250 approved, 250 shipped)" in q1
    assert ('in the table on pages <a href="../../?text=2027-Q1">1</a>, '
            '<a href="../2/?text=2027-Q1">2</a>, <a href="./?text=2027-Q1">3</a> (filtered to this release)') in q1
    owner = next(line for line in groups.splitlines() if line.startswith("- **owner3**"))
    assert owner.count("[[PRD-") == GROUP_LISTED and "429 PRDs" in owner


def test_a_small_portfolio_lists_every_prd_of_each_group(small):
    """Below the bounds nothing changes: every PRD of a group of few is named, without counts."""
    docs = _pages(5)
    index = next(p for p in docs if p.path == "requirements/index.md").markdown
    assert "- **owner1**: [[PRD-0001]] Product 1 (draft)" in index
    assert "more" not in index[index.index("## By release"):]


def test_thousands_of_releases_and_owners_keep_every_page_bounded():
    pages = _pages(3000, spread=True)
    sizes = {p.path: _size(p) for p in pages}
    assert max(sizes.values()) < BOUND
    last = next(p for p in pages if p.path == "requirements/index/3.md").markdown
    assert last.count("\n- **") == 2 * MAX_GROUPS
    assert "- 2950 more releases with 2950 PRDs: the table lists them." in last
    roadmap = next(p for p in pages if p.path == "requirements/roadmap.md").markdown
    assert f"The chart shows {roadmap_page.MAX_RELEASES} releases from r" in roadmap
    assert "other releases are left out of it" in roadmap


def test_group_links_follow_the_sites_url_style(monkeypatch):
    monkeypatch.setattr("specsite.core.html_table.ROWS_PER_PAGE", 3)
    monkeypatch.setattr("specsite.prd.overview.GROUP_LISTED", 1)
    pages = _pages(7, site=SiteContext(use_directory_urls=False))
    last = next(p for p in pages if p.path == "requirements/index/3.md").markdown
    # seven owners of one PRD each: named, without counts
    assert "- **owner0**: [[PRD-0007]] Product 7 (draft)" in last
    release = next(line for line in last.splitlines() if line.startswith("- **2027&#45;Q2**"))
    # 2027-Q2: PRD-0001 and PRD-0005 (page 2 of the table)
    assert release.endswith('on page <a href="2.html?text=2027-Q2">2</a> (filtered to this release)')
    assert 'on page <a href="3.html?text=2027-Q4">3</a>' in last  # this page, filtered
