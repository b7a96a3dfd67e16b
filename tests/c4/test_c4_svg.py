"""Diagrams: golden SVGs for small workspaces, determinism, links, C4 shapes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from c4_helpers import FIXTURES
from specsite.c4.kind import C4_KIND
from specsite.core.config import SpecsiteConfig
from specsite.core.graph import SpecGraph
from specsite.core.kind import SiteContext
from specsite.core.project import Project

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SPECSITE_UPDATE_GOLDEN") == "1"


def pages(workspace: str, use_directory_urls: bool = True) -> dict[str, str]:
    config = SpecsiteConfig(c4=[workspace])
    result = C4_KIND.read(Project(FIXTURES), config)
    graph = SpecGraph(result.entities)
    return {p.path: p.inlined() for p in C4_KIND.pages(graph, result, SiteContext(use_directory_urls))}


def svg_of(markdown: str) -> str:
    match = re.search(r"<svg .*?</svg>\n", markdown, re.DOTALL)
    assert match, "the page has no diagram"
    return match.group(0)


CASES = [
    ("getting-started.dsl", "architecture/views/systemcontext.md", "getting-started-context.svg"),
    ("shop/workspace.dsl", "architecture/views/context.md", "shop-context.svg"),
    ("shop/workspace.dsl", "architecture/views/containers.md", "shop-containers.svg"),
    ("shop/workspace.dsl", "architecture/views/components.md", "shop-components.svg"),
    ("shop/workspace.dsl", "architecture/views/deployment.md", "shop-deployment.svg"),
]


@pytest.mark.parametrize("workspace, page, golden", CASES)
def test_golden_svg(workspace, page, golden):
    svg = svg_of(pages(workspace)[page])
    path = GOLDEN / golden
    if UPDATE:
        path.write_text(svg)
    assert svg == path.read_text(), f"{golden} changed; rerun with SPECSITE_UPDATE_GOLDEN=1 if intended"


def test_same_input_same_bytes():
    first = pages("shop/workspace.dsl")
    second = pages("shop/workspace.dsl")
    assert first == second


def test_every_element_links_to_its_page():
    svg = svg_of(pages("shop/workspace.dsl")["architecture/views/containers.md"])
    links = re.findall(r'<a xlink:href="([^"]+)">\n<g class="c4-element" data-specsite-id="([^"]+)"', svg)
    # from architecture/views/containers/ to architecture/shop.web/ and architecture/customer/
    assert sorted(links) == [("../../customer/", "customer"), ("../../payments/", "payments"),
                             ("../../shop.db/", "shop.db"), ("../../shop.web/", "shop.web"),
                             ("../../shop.worker/", "shop.worker")]
    flat = svg_of(pages("shop/workspace.dsl", use_directory_urls=False)["architecture/views/containers.md"])
    assert '<a xlink:href="../shop.web.html">' in flat


def test_c4_look():
    svg = svg_of(pages("shop/workspace.dsl")["architecture/views/containers.md"])
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                          'class="c4-diagram"')
    assert re.search(r'viewBox="0 0 [\d.]+ [\d.]+"', svg)
    # the software system in scope is a boundary, the group too
    assert '<text x="' in svg and ">Web Shop</text>" in svg and "[Software System]" in svg
    context = svg_of(pages("shop/workspace.dsl")["architecture/views/context.md"])
    assert 'data-specsite-kind="Group"' in context and ">Acme</text>" in context
    # a person has a head; the database is a cylinder (an arc path); boxes show type and technology
    person = svg.split('data-specsite-id="customer"')[1].split("</g>")[0]
    assert "<circle" in person
    db = svg.split('data-specsite-id="shop.db"')[1].split("</a>")[0]
    assert " a120," in db
    assert "&#91;Container: PostgreSQL&#93;" in db  # brackets as references: never an [[ID]]
    # relationships carry their labels; external systems get the declared style
    assert ">Browses and buys using</text>" in svg and ">&#91;HTTPS&#93;</text>" in svg
    assert 'fill="#999999"' in svg.split('data-specsite-id="payments"')[1].split("</a>")[0]
    assert "<script" not in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "").replace("http://www.w3.org/1999/xlink", "")


def test_grid_fallback_without_the_engine(monkeypatch):
    from specsite.c4 import engine

    monkeypatch.setattr(engine, "_ENGINE", [None])
    svg = svg_of(pages("shop/workspace.dsl")["architecture/views/containers.md"])
    assert svg.count('class="c4-element"') == 5


def test_instances_link_to_what_they_deploy():
    svg = svg_of(pages("shop/workspace.dsl")["architecture/views/deployment.md"])
    assert '<a xlink:href="../../shop.web/">\n<g class="c4-element" data-specsite-id="live.cloud.app-server.web"' in svg
    assert '<a xlink:href="../../#c4-live-lb">\n<g class="c4-element" data-specsite-id="live.lb"' in svg
