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


def test_links_straight_to_adr_files_inside_docs_dir_lead_to_their_pages(tmp_path):
    _project(tmp_path)
    write_files(tmp_path, {
        "docs/index.md": "# Home\n\nSee [the first](decisions/0001-record-architecture-decisions.md#context), "
                         "[by reference][first] and `decisions/0001-record-architecture-decisions.md`.\n\n"
                         "[first]: decisions/0001-record-architecture-decisions.md\n",
        "docs/guide/howto.md": "# How to\n\n[Why](../decisions/0001-record-architecture-decisions.md)\n",
    })
    site = build_site(tmp_path)  # strict: a link to a file no longer in the site would fail it
    home = (site / "index.html").read_text()
    assert 'href="decisions/ADR-0001/#context"' in home
    assert home.count('href="decisions/ADR-0001/"') == 1  # the reference-style link
    assert "<code>decisions/0001-record-architecture-decisions.md</code>" in home  # code stays
    assert 'href="../../decisions/ADR-0001/"' in (site / "guide/howto/index.html").read_text()


def test_retarget_rewrites_only_relative_links_to_moved_files():
    from specsite.core.moved_links import retarget

    moved = {"decisions/0001-a.md": "decisions/ADR-0001.md"}
    text = ("[a](../decisions/0001-a.md) [b](https://x.example/decisions/0001-a.md) "
            "[c](/decisions/0001-a.md) [d](other.md) ``[e](../decisions/0001-a.md)``\n"
            "```\n[f](../decisions/0001-a.md)\n```\n")
    out = retarget(text, "guide/page.md", moved)
    assert out.startswith("[a](../decisions/ADR-0001.md) [b](https://x.example/decisions/0001-a.md) "
                          "[c](/decisions/0001-a.md) [d](other.md) ``[e](../decisions/0001-a.md)``\n")
    assert "[f](../decisions/0001-a.md)" in out  # inside a fence: the syntax shown, not a link
    assert retarget(text, "guide/page.md", {}) == text


def test_retarget_is_linear_on_hostile_input():
    import time

    from specsite.core.moved_links import retarget

    text = "](" * 50_000 + "[x]: " * 50_000 + "](<" + "a" * 100_000
    start = time.perf_counter()
    retarget(text + ".md", "p.md", {"a.md": "b.md"})
    assert time.perf_counter() - start < 2
