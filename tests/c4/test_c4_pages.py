"""Generated pages: model index, view pages, element pages with relationships and referrers."""

from __future__ import annotations

import html
import re

from specsite.c4.kind import C4_KIND
from specsite.core.config import SpecsiteConfig
from specsite.core.entities import Entity, Link
from specsite.core.graph import SpecGraph
from specsite.core.kind import SiteContext
from specsite.core.project import Project

from c4_helpers import FIXTURES


def build(extra: list[Entity] = ()):
    config = SpecsiteConfig(c4=["shop/workspace.dsl"])
    result = C4_KIND.read(Project(FIXTURES), config)
    graph = SpecGraph([*result.entities, *extra])
    return result, graph, {p.path: p for p in C4_KIND.pages(graph, result, SiteContext(True))}


def test_page_set_and_sources():
    result, _, pages = build()
    assert set(pages) == {
        "architecture/index.md", "architecture/customer.md", "architecture/payments.md", "architecture/shop.md", "architecture/shop.web.md",
        "architecture/shop.db.md", "architecture/shop.worker.md", "architecture/shop.web.catalogue.md",
        "architecture/shop.web.checkout.md", "architecture/views/context.md", "architecture/views/containers.md",
        "architecture/views/components.md", "architecture/views/deployment.md"}
    assert pages["architecture/shop.web.md"].source == "shop/workspace.dsl"
    assert [s.rsplit("fixtures/", 1)[1] for s in result.sources] == ["shop/parts/containers.dsl",
                                                                      "shop/workspace.dsl"]


def test_entities_point_at_their_pages():
    result, _, _ = build()
    by_id = {e.id: e for e in result.entities}
    web = by_id["c4:shop.web"]
    assert (web.kind, web.title, web.page, web.anchor, web.parent) == (
        "c4", "Web App", "architecture/shop.web.md", None, "c4:shop")
    assert web.attrs["type"] == "Container" and web.attrs["technology"] == "Python"
    assert web.attrs["openapi"] == "apis/shop.yaml"
    # people get pages of their own, as systems do
    assert by_id["c4:customer"].page == "architecture/customer.md"
    assert by_id["c4:customer"].anchor is None
    assert [(l.rel, l.target, l.line) for l in by_id["c4:customer"].links] == [("uses", "c4:shop.web", 25)]


def test_element_page_lists_relationships_views_and_referrers():
    adr = Entity("ADR-0003", "adr", "Use PostgreSQL", status="accepted", file="adrs/0003.md", line=1,
                 page="decisions/0003.md", links=[Link("references", "c4:shop.db", "adrs/0003.md", 9)])
    prd = Entity("PRD-0001.R2", "requirement", "Orders are kept", file="prds/0001.md", line=4,
                 links=[Link("c4", "c4:shop.db", "prds/0001.md", 4)])
    _, _, pages = build([adr, prd])
    # spec values are character references in the Markdown: compare the text they show
    page = html.unescape(pages["architecture/shop.db.md"].inlined())
    assert page.startswith("# Database\n\n*Container* · PostgreSQL\n\nStores orders.\n")
    assert "| Part of | [Web Shop](shop.md) |" in page
    assert "| Tags | Element, Container, Database |" in page
    assert "## Used by" in page
    assert "| [Catalogue](shop.web.catalogue.md) | Reads products from | SQL |" in page
    assert "| [Web App](shop.web.md) | Reads products from *(implied)* | SQL |" in page
    assert "- [Containers](views/containers.md) *Container*" in page
    # grouped by kind, requirements first; linked when the page is rendered (link_references)
    assert page.endswith("## Referenced by\n\n### Requirements\n\n- [[PRD-0001.R2]] Orders are kept\n\n"
                         "### Decisions\n\n- [[ADR-0003]] Use PostgreSQL\n")


def test_person_page_lists_what_references_the_person():
    story = Entity("PRD-0001.S1", "story", "Customer checks out", file="prds/0001.md", line=7,
                   links=[Link("persona", "c4:customer", "prds/0001.md", 7)])
    prd = Entity("PRD-0001", "prd", "Checkout", file="prds/0001.md", line=1,
                 links=[Link("persona", "c4:customer", "prds/0001.md", 3)])
    debt = Entity("DEBT-0001", "debt", "Old login", file="debt/0001.md", line=1,
                  links=[Link("references", "c4:customer", "debt/0001.md", 2)])
    odd = Entity("X-1", "new-kind", "Later kind", links=[Link("references", "c4:customer")])
    _, _, pages = build([story, prd, debt, odd])
    page = html.unescape(pages["architecture/customer.md"].inlined())
    assert page.startswith("# Customer\n\n*Person*\n")
    assert "## Uses" in page and "[Web App](shop.web.md)" in page
    # one heading per kind, labels from one mapping, an unknown kind under its own name, last
    tail = page.split("## Referenced by\n\n", 1)[1]
    assert tail == ("### Product requirements\n\n- [[PRD-0001]] Checkout\n\n"
                    "### User stories\n\n- [[PRD-0001.S1]] Customer checks out\n\n"
                    "### Technical debt\n\n- [[DEBT-0001]] Old login\n\n"
                    "### new-kind\n\n- [[X-1]] Later kind\n")


def test_element_referenced_by_nothing_says_so():
    _, _, pages = build()
    assert pages["architecture/payments.md"].inlined().endswith(
        "## Referenced by\n\nNothing in the specs references this yet.\n")


def test_index_lists_views_people_systems_and_deployment():
    _, _, pages = build()
    index = html.unescape(pages["architecture/index.md"].inlined())
    assert index.startswith("# Web Shop\n")
    assert "| [Containers](views/containers.md) | Container |  |" in index
    assert "| [Customer](customer.md) | Buys things from Acme. |" in index
    assert "- [Web Shop](shop.md) *Software System*: Sells things online." in index
    assert "    - [Web App](shop.web.md) *Container*: Serves the shop's pages." in index
    assert "## Deployment: Live" in index
    assert '    - <span id="c4-live-cloud-app-server"></span>App server x2 *Deployment Node* · Ubuntu' in index


def test_view_page_embeds_the_diagram_as_raw_html():
    _, _, pages = build()
    page = html.unescape(pages["architecture/views/containers.md"].inlined())
    assert page.startswith("# Containers\n\n*Container view* · key <code>Containers</code> · scope [Web Shop](../shop.md)\n")
    assert ('\n<div class="c4-view" data-specsite-view="containers">\n'
            '<div class="c4-toolbar" role="toolbar" aria-label="Diagram controls"></div>\n'
            '<div class="c4-frame">\n<svg ') in page
    # one raw HTML block: a blank line would end it and Markdown would mangle the rest
    assert "\n\n" not in page.split('<div class="c4-view"')[1].split("c4-key")[0]
    assert "- [Database](../shop.db.md) *Container*" in page


def test_several_workspaces_get_a_folder_each_and_one_export():
    config = SpecsiteConfig(c4=["getting-started.dsl", "shop/workspace.dsl"])
    result = C4_KIND.read(Project(FIXTURES), config)
    pages = [p.path for p in C4_KIND.pages(SpecGraph(result.entities), result, SiteContext(False))]
    assert "architecture/getting-started/index.md" in pages
    assert "architecture/getting-started/softwareSystem.md" in pages
    assert "architecture/web-shop/shop.web.md" in pages
    data = result.model.export()
    assert [e["id"] for e in data["elements"]][:3] == ["user", "softwareSystem", "customer"]
    assert [v["key"] for v in data["views"]] == ["SystemContext", "Context", "Containers", "Components",
                                                 "Deployment"]
    by_id = {e.id: e for e in result.entities}
    assert by_id["c4:shop.web"].page == "architecture/web-shop/shop.web.md"


def test_zoom_script_and_styles_ship_with_the_pages():
    result, _, _ = build()
    assert sorted(result.assets) == ["assets/specsite/c4-diagrams.css", "assets/specsite/c4-diagrams.js"]
    script = open(result.assets["assets/specsite/c4-diagrams.js"]).read()
    assert ".c4-view" in script and "viewBox" in script and "http" not in script
    assert "createObjectURL" in script and "c4-fullscreen" in script


def test_element_page_draws_its_first_view_with_the_element_highlighted():
    _, _, pages = build()
    page = pages["architecture/shop.db.md"].inlined()
    assert "## In the diagram" in page
    assert "Highlighted in [Containers](views/containers.md):" in page
    focused = re.findall(r'<g class="c4-element c4-focus" data-specsite-id="([^"]+)"', page)
    assert focused == ["shop.db"]  # only the page's own element
    # the view's own page draws the same layout without a highlight
    view = pages["architecture/views/containers.md"].inlined()
    assert "c4-focus" not in view
    def drawing(markdown):  # links are relative to the page: compare the rest
        return re.sub(r'xlink:href="[^"]*"', "", re.search(r"<svg .*?</svg>", markdown, re.DOTALL).group(0))
    assert drawing(page).replace(" c4-focus", "") == drawing(view)
    # a person's page draws the first static view it is in
    assert "Highlighted in [Context](views/context.md):" in pages["architecture/customer.md"].inlined()


def test_element_in_no_view_has_no_diagram():
    _, _, pages = build()
    shown = {p for p, page in pages.items() if "## In the diagram" in page.inlined()}
    assert "architecture/shop.web.catalogue.md" in shown or "architecture/shop.web.checkout.md" in shown
    # every element page that draws a diagram highlights exactly one element
    for p in shown:
        assert len(re.findall(r'class="c4-element c4-focus"', pages[p].inlined())) == 1, p


def test_a_drawing_over_the_embed_limit_is_linked_not_repeated(monkeypatch):
    from specsite.c4 import pages as c4_pages

    monkeypatch.setattr(c4_pages, "EMBED_LIMIT", 100)
    _, _, pages = build()
    page = pages["architecture/shop.db.md"].inlined()
    assert "Shown in [Containers](views/containers.md) (too large a drawing to repeat here)." in page
    assert "<svg" not in page
    assert "<svg" in pages["architecture/views/containers.md"].inlined()  # the view's own page draws it


def test_element_pages_are_the_same_bytes_each_time():
    first = {p: page.inlined() for p, page in build()[2].items()}
    assert first == {p: page.inlined() for p, page in build()[2].items()}
