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
