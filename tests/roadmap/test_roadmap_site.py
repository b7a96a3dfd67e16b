"""The roadmap in a real MkDocs build: the page is in the site, linked, byte-identical across
builds, and its configuration errors stop the build with the option named."""

from __future__ import annotations

import shutil

import pytest
from project_fixtures import build_site, write_files
from roadmap_helpers import prd

MKDOCS = """
site_name: Roadmap test
theme: {name: material, font: false}
markdown_extensions: [attr_list, md_in_html, tables, toc]
plugins:
  - search
  - specsite:
      prds: prds
      roadmap: {lanes: owner, current: 2027-Q1}
"""


@pytest.fixture
def project(tmp_path):
    return write_files(tmp_path / "p", {
        "mkdocs.yml": MKDOCS, "docs/index.md": "# Home\n\nSee the [[PRD-0001]].\n",
        "prds/0001-a.md": prd(1, "2027-Q1", "review", owner="ann",
                              milestones=[{"name": "GA", "date": "2027-03-01"}]),
        "prds/0002-b.md": prd(2, "2027-Q2", owner="bob", depends_on=["PRD-0001"]),
        "prds/0003-c.md": prd(3, None, owner="ann"),
    })


def test_roadmap_page_is_built_linked_and_byte_identical(project, tmp_path):
    site = build_site(project)
    html = (site / "requirements" / "roadmap" / "index.html").read_text(encoding="utf-8")
    assert '<a xlink:href="../PRD-0001/">' in html and "PRD-0002 depends on PRD-0001" in html
    assert 'href="roadmap/"' in (site / "requirements" / "index.html").read_text(encoding="utf-8")
    copy = tmp_path / "again"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site"))
    again = (build_site(copy) / "requirements" / "roadmap" / "index.html").read_bytes()
    assert again == html.encode("utf-8")


def test_invalid_roadmap_option_stops_the_build_with_its_name(project, caplog):
    from mkdocs.exceptions import Abort

    (project / "mkdocs.yml").write_text(MKDOCS.replace("lanes: owner", "lanes: team"), encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project)
    assert "roadmap.lanes" in caplog.text


def test_invalid_roadmap_option_in_the_cli_names_the_option(project, monkeypatch):
    from project_fixtures import run_cli

    (project / "mkdocs.yml").write_text(MKDOCS.replace("lanes: owner", "lanes: team"), encoding="utf-8")
    result = run_cli(["check"], project, monkeypatch)
    assert result.code == 2
    assert "roadmap.lanes" in result.err and "Traceback" not in result.err


def test_a_paged_table_and_the_portfolio_groups_link_to_pages_that_exist(project, monkeypatch):
    """With two rows a page and one PRD named per group: the roadmap's table runs over two pages,
    each linked from the other and up to the roadmap; the phases and the portfolio's groups link
    to the table pages that hold what they leave out, and every link lands on a built page."""
    import posixpath
    import re

    monkeypatch.setattr("specsite.core.html_table.ROWS_PER_PAGE", 2)
    monkeypatch.setattr("specsite.roadmap.page.PHASE_LISTED", 1)
    monkeypatch.setattr("specsite.prd.overview.GROUP_LISTED", 1)
    for n, owner in ((4, "ann"), (5, "ann")):
        (project / "prds" / f"000{n}-x.md").write_text(prd(n, "2027-Q2", owner=owner), encoding="utf-8")
    site = build_site(project)
    first = (site / "requirements" / "roadmap" / "index.html").read_text(encoding="utf-8")
    second = (site / "requirements" / "roadmap" / "2" / "index.html").read_text(encoding="utf-8")
    third = (site / "requirements" / "roadmap" / "3" / "index.html").read_text(encoding="utf-8")
    assert "Page 1 of 3" in first and '<a href="2/">2027-Q2</a>' in first
    assert "Page 2 of 3" in second and '<a href="../">2027-Q1 – 2027-Q2</a>' in second
    assert '<a href="../../">Product requirements</a> › <a href="../">Roadmap</a>' in second
    assert "Roadmap (page 3 of 3)" in third and 'href="../../PRD-0003/"' in third
    # Next (2027-Q2: PRD-0002, 0004, 0005) names PRD-0002; PRD-0004 is on the table's second page
    assert 'and 2 more PRDs in the <a href="2/#every-prd-on-the-roadmap">table</a>' in first
    assert 'id="every-prd-on-the-roadmap"' in second
    portfolio = (site / "requirements" / "index" / "3" / "index.html").read_text(encoding="utf-8")
    # ann owns PRD-0001 (page 1 of the portfolio), 0003, 0004 (page 2) and 0005 (page 3)
    assert ('<li><strong>ann</strong>: 4 PRDs (3 draft, 1 review): <a href="../../PRD-0001/" '
            'title="Product 1">PRD-0001</a> Product 1 (review) and 3 more, in the table on pages '
            '<a href="../2/?text=ann">2</a>, <a href="./?text=ann">3</a> (filtered to this owner)</li>') in portfolio
    assert '<li><strong>bob</strong>: <a href="../../PRD-0002/"' in portfolio  # one PRD: no count
    for page, html in (("requirements/roadmap/", first), ("requirements/index/3/", portfolio)):
        for href in re.findall(r'href="([^"#?]+)[^"]*"', html):
            if "://" in href or href.startswith("/") or "assets" in href:
                continue
            target = posixpath.normpath(posixpath.join(page, href))
            assert (site / target / "index.html").is_file() or (site / target).is_file(), href
