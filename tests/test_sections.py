"""A section of the site exists only when its kind has content: no empty index pages."""

from __future__ import annotations

import json

from project_fixtures import NYGARD_1, build_site, write_files

EMPTY_DSL = "workspace {\n    model {\n    }\n    views {\n    }\n}\n"


def _pages(site) -> set[str]:
    return {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}


def _indexed(site) -> set[str]:
    docs = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    return {d["location"].split("#")[0] for d in docs}


def test_only_the_kinds_with_content_get_a_section(tmp_path):
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\nplugins:\n  - search\n"
                      "  - specsite:\n      adrs: adrs\n      prds: prds\n      openapi: apis\n"
                      "      c4: arch/workspace.dsl\n",
        "docs/index.md": "# Home\n",
        "adrs/0001-record.md": NYGARD_1,
        "prds/.keep": "",
        "apis/.keep": "",
        "arch/workspace.dsl": EMPTY_DSL,
    })
    site = build_site(tmp_path)
    pages = _pages(site)
    assert "decisions" in pages and "decisions/ADR-0001" in pages
    for section in ("api", "requirements", "architecture"):
        assert not any(p == section or p.startswith(section + "/") for p in pages), section
        assert not any(loc.startswith(section + "/") for loc in _indexed(site)), section
    assert "No API yet" not in "".join(p.read_text() for p in site.rglob("*.html"))


def test_no_spec_at_all_means_no_generated_section(tmp_path):
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\nplugins:\n  - search\n"
                      "  - specsite:\n      adrs: adrs\n",
        "docs/index.md": "# Home\n",
        "adrs/README.md": "# Decisions\n\nNone yet.\n",
    })
    assert _pages(build_site(tmp_path)) == {"."}
