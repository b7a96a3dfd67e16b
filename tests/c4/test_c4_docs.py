"""Structurizr !docs folders become pages: linked from their owner, checked like any Markdown."""

from __future__ import annotations

from project_fixtures import build_site, run_cli, write_files

FILES = {
    "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                  "plugins:\n  - specsite:\n      c4: arch/workspace.dsl\n",
    "docs/index.md": "# Home\n",
    "arch/workspace.dsl": """
        workspace "Shop" "Sells things." {
            !docs docs
            model {
                shop = softwareSystem "Shop" "Sells." {
                    !docs shopdocs
                }
            }
            views {
                systemContext shop "Context" {
                    include *
                }
            }
        }
        """,
    "arch/docs/01-overview.md": "# Overview\n\nThe [[c4:shop]] system. ![flow](img/flow.png)\n",
    "arch/docs/02-quality.md": "## Quality attributes\n\nFast.\n",
    "arch/docs/img/flow.png": b"\x89PNG\r\n\x1a\n",
    "arch/shopdocs/internals.md": "# Shop internals\n\nDetails.\n",
}


def test_docs_pages_are_built_and_linked(tmp_path):
    write_files(tmp_path, FILES)
    site = build_site(tmp_path)
    index = (site / "architecture/index.html").read_text()
    assert 'href="docs/workspace/01-overview/"' in index and 'href="docs/workspace/02-quality/"' in index
    shop = (site / "architecture/shop/index.html").read_text()
    assert 'href="../docs/shop/internals/"' in shop  # the element's own documentation
    # referenced by, under the heading of its kind
    assert ('<h3 id="pages">Pages</h3>\n<ul>\n<li><a href="../docs/workspace/01-overview/" title="Overview">'
            'Overview</a></li>') in shop
    quality = (site / "architecture/docs/workspace/02-quality/index.html").read_text()
    assert '<h1 id="quality-attributes">Quality attributes' in quality  # titled by its first heading
    overview = (site / "architecture/docs/workspace/01-overview/index.html").read_text()
    assert 'src="../img/flow.png"' in overview and (site / "architecture/docs/workspace/img/flow.png").is_file()
    assert 'href="https://example' not in overview


def test_docs_are_checked_like_any_markdown(tmp_path, monkeypatch):
    files = dict(FILES)
    files["arch/docs/01-overview.md"] = "# Overview\n\nSee [[ADR-0404]].\n"
    files["arch/docs/03-legacy.adoc"] = "= Legacy\n"
    write_files(tmp_path, files)
    doc = run_cli(["check", "--format", "json"], tmp_path, monkeypatch).json()
    found = [(f["code"], f["file"], f["line"]) for f in doc["findings"]]
    assert ("XREF001", "arch/docs/01-overview.md", 3) in found
    assert ("C4002", "arch/docs/03-legacy.adoc", 1) in found
