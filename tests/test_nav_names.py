"""Navigation around generated pages: sections named right in an automatic nav ("APIs", no name
twice); with an explicit nav, no "not included in the nav" notice for generated pages."""

from __future__ import annotations

import html
import logging
import re

from project_fixtures import NYGARD_1, build_site, write_files
from specsite.mkdocs_plugin.nav_names import listed_paths

API = """
openapi: 3.0.3
info: {title: Shop, version: "1"}
servers: [{url: "https://shop.example.com"}]
paths:
  /orders:
    get:
      operationId: listOrders
      summary: List orders
      responses:
        "200": {description: OK}
"""

DSL = """
workspace {
    model {
        shop = softwareSystem "Shop" "Sells."
    }
    views {
        systemContext shop "Context" {
            include *
        }
    }
}
"""

PLUGIN = "plugins:\n  - search\n  - specsite:\n      adrs: adrs\n      openapi: apis\n      c4: arch/workspace.dsl\n"


def _project(tmp_path, nav: str = ""):
    return write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n" + PLUGIN + nav,
        "docs/index.md": "# Home\n",
        "adrs/0001-record.md": NYGARD_1,
        "apis/shop.yaml": API,
        "arch/workspace.dsl": DSL,
    })


def _nav_text(page: str) -> list[str]:
    """The entries of Material's primary navigation, in order (section labels once)."""
    nav = page[page.index("md-nav--primary"):page.index("md-sidebar--secondary")]
    names = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, re.DOTALL)
    return [html.unescape(re.sub(r"<[^>]+>", "", n)).strip() for n in names]


def test_automatic_nav_names_generated_sections(tmp_path):
    site = build_site(_project(tmp_path))
    entries = _nav_text((site / "index.html").read_text())
    assert "Api" not in entries
    assert "APIs" in entries and "Architecture" in entries and "Decisions" in entries
    # a one-page section is that page: "APIs" once, not a section "APIs" holding a page "APIs"
    assert entries.count("APIs") == 1 and entries.count("Architecture") == 1
    # the decisions section keeps its pages under their own titles
    assert {"Architecture decisions", "Decision timeline", "Decision graph"} <= set(entries)


def test_explicit_nav_is_left_as_written_and_quiet(tmp_path, caplog):
    nav = "nav:\n  - Home: index.md\n  - Decisions: decisions/index.md\n  - Api: api/index.md\n"
    with caplog.at_level(logging.INFO):
        site = build_site(_project(tmp_path, nav))
    assert "not included in the" not in caplog.text
    entries = _nav_text((site / "index.html").read_text())
    assert entries == ["Home", "Decisions", "Api"]  # the author's names stand
    assert (site / "decisions/timeline/index.html").exists()  # left out of the nav, still built


def test_explicit_nav_still_announces_hand_written_pages(tmp_path, caplog):
    # only generated pages are quiet: a forgotten page of the author's is still reported
    project = _project(tmp_path, "nav:\n  - Home: index.md\n")
    write_files(project, {"docs/forgotten.md": "# Forgotten\n"})
    with caplog.at_level(logging.INFO):
        build_site(project)
    notice = caplog.text[caplog.text.index("not included in the"):]
    assert "forgotten.md" in notice and "decisions/" not in notice


def test_listed_paths_walks_any_nav_shape():
    nav = ["index.md", {"A": [{"B": "b/index.md"}, "c.md", {"Link": "https://x.example/"}]}, {"D": "/d.md"}]
    assert listed_paths(nav) == {"index.md", "b/index.md", "c.md", "https://x.example/", "d.md"}
