"""The generated pages survive a real MkDocs build: diagrams stay raw SVG, links resolve."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from specsite.c4.kind import C4_KIND
from specsite.core.config import SpecsiteConfig
from specsite.core.graph import SpecGraph
from specsite.core.kind import SiteContext
from specsite.core.project import Project

from c4_helpers import FIXTURES


def test_pages_build_into_a_site(tmp_path: Path):
    config = SpecsiteConfig(c4=["shop/workspace.dsl"])
    result = C4_KIND.read(Project(FIXTURES), config)
    docs = tmp_path / "docs"
    for page in C4_KIND.pages(SpecGraph(result.entities), result, SiteContext(True)):
        (docs / page.path).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.path).write_text(page.inlined())
    for target, source in result.assets.items():
        (docs / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, docs / target)
    (docs / "index.md").write_text("# Home\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Shop\nmarkdown_extensions: [md_in_html, attr_list, tables]\n"
        "extra_javascript: [assets/specsite/c4-diagrams.js]\nextra_css: [assets/specsite/c4-diagrams.css]\n")
    mk = load_config(str(tmp_path / "mkdocs.yml"), strict=True)
    build(mk)
    site = tmp_path / "site"
    html = (site / "architecture" / "views" / "containers" / "index.html").read_text()
    svg = html[html.index("<svg "):html.index("</svg>")]
    assert "<p>" not in svg and "&lt;" not in svg
    for href in re.findall(r'xlink:href="([^"]+)"', svg):
        target = (site / "architecture" / "views" / "containers" / href.split("#")[0]).resolve()
        assert (target / "index.html").is_file(), href
    page = (site / "architecture" / "shop.db" / "index.html").read_text()
    assert '<a href="../shop/">Web Shop</a>' in page
    assert (site / "assets" / "specsite" / "c4-diagrams.js").is_file()
