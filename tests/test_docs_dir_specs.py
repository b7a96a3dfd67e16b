"""Spec files kept inside docs_dir (MADR's ``docs/decisions``) are published once, as generated pages."""

from __future__ import annotations

import logging

from project_fixtures import NYGARD_1, build_site, write_files

def _project(tmp_path) -> None:
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                      "plugins:\n  - specsite:\n      adrs: docs/decisions\n",
        "docs/index.md": "# Home\n\nSee [the first decision](decisions/ADR-0001.md).\n",
        "docs/decisions/0001-record-architecture-decisions.md": NYGARD_1,
        "docs/decisions/flow.png": "not really a picture",
    })


def test_adrs_inside_docs_dir_are_published_once_as_generated_pages(tmp_path, caplog):
    _project(tmp_path)
    with caplog.at_level(logging.INFO):
        site = build_site(tmp_path)
    html = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert "decisions/ADR-0001/index.html" in html
    assert not any("0001-record" in p for p in html), html  # not a second time, as written
    assert (site / "decisions/flow.png").is_file()  # files beside the ADRs stay
    assert (site / "index.html").is_file()  # hand-written pages stay
    assert "1 spec file(s) in docs/decisions are published as their generated pages" in caplog.text


def test_adrs_outside_docs_dir_say_nothing(tmp_path, caplog):
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                      "plugins:\n  - specsite:\n      adrs: adr\n",
        "docs/index.md": "# Home\n",
        "adr/0001-record-architecture-decisions.md": NYGARD_1,
    })
    with caplog.at_level(logging.INFO):
        site = build_site(tmp_path)
    assert (site / "decisions/ADR-0001/index.html").is_file()
    assert "published as their generated pages" not in caplog.text
