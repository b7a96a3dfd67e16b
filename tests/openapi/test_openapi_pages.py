"""Reference pages: index, overview, a page per tag, schemas; anchors, traces, sanitising, and a
real MkDocs build (Material, search on) of them."""

from __future__ import annotations

import html
import html as html_module
import textwrap

from openapi_helpers import CLEAN, FIXTURES, run, variant

from specsite.core.entities import Entity, Link


def test_pages_of_a_multi_file_api(tmp_path):
    pages = run(FIXTURES / "multi", openapi=["shop/openapi.yaml"]).pages()
    assert sorted(pages) == ["api/index.md", "api/shop/index.md", "api/shop/orders.md",
                             "api/shop/schemas.md"]
    assert "[Shop](shop/index.md)" in pages["api/index.md"]
    # spec values are character references in the Markdown: compare the text they show
    overview = html.unescape(pages["api/shop/index.md"])
    assert "<code>https://shop.example.com</code>" in overview and "[orders](orders.md)" in overview
    orders = html.unescape(pages["api/shop/orders.md"])
    get = '<span class="specsite-method specsite-method-get">GET</span>'
    assert f"## {get} List orders {{#op-listOrders}}" in orders
    assert f"{get} <code>/orders</code>" in orders
    assert 'Type: array of <a class="specsite-schema-ref" href="../schemas/#schema-Order">Order</a>' in orders
    schemas = html.unescape(pages["api/shop/schemas.md"])
    assert "## Order {#schema-Order}" in schemas
    # the tree of Order: lines open on the properties of each line
    assert '<summary><span class="specsite-schema-name">lines</span>' in schemas
    assert '<span class="specsite-schema-name">sku</span>' in schemas


def test_operation_shows_requirements_elements_and_referrers(tmp_path):
    req = Entity(id="PRD-0001.R1", kind="requirement", title="Pay", page="prds/PRD-0001.md", anchor="r1")
    adr = Entity(id="ADR-0003", kind="adr", title="Use cards", page="decisions/ADR-0003.md",
                 links=[Link("references", "api:payments#getPayment")])
    element = Entity(id="c4:shop.payments", kind="c4", title="Payments service",
                     page="architecture/shop.md", anchor="payments",
                     attrs={"properties": {"openapi": "payments"}})
    result = run(tmp_path, {"api/payments.yaml": CLEAN}, extra=[req, adr, element])
    page = html.unescape(result.pages()["api/payments/payments.md"])
    # IDs read as IDs with the title as tooltip; an element reads as its name, the ID its tooltip
    # raw HTML (kept out of Markdown), so the links carry the URLs MkDocs would have made
    assert '<strong>Implements:</strong> <a href="../../../prds/PRD-0001/#r1" title="Pay">PRD-0001.R1</a>' in page
    assert ('<strong>Referenced by:</strong> <a href="../../../decisions/ADR-0003/" title="Use cards">'
            'ADR-0003</a>') in page
    assert ('<strong>Served by:</strong> <a href="../../../architecture/shop/#payments" '
            'title="c4:shop.payments">Payments service</a>') in page


def test_descriptions_are_sanitised(tmp_path):
    text = variant(CLEAN, "      summary: Get a payment\n",
                   "      summary: Get a payment\n      description: |\n"
                   "        Safe <b>bold</b> <script>alert(1)</script>\n"
                   "        <img src=x onerror=alert(2)> [x](javascript:alert(3))\n")
    page = run(tmp_path, {"api/payments.yaml": text}).pages()["api/payments/payments.md"]
    assert "<b>bold</b>" in page
    shown = html.unescape(page)
    assert "<script" not in shown and "alert(1)" not in shown
    assert "onerror" not in shown and "javascript:" not in shown


def test_operations_without_tag_go_to_default(tmp_path):
    text = variant(CLEAN, "      tags: [payments]\n", "")
    pages = run(tmp_path, {"api/payments.yaml": text}).pages()
    assert "api/payments/default.md" in pages
    assert run(tmp_path, {"api/payments.yaml": text}).graph.get("api:payments#getPayment").page == \
        "api/payments/default.md"


def test_large_schema_sets_are_split(tmp_path, monkeypatch):
    import specsite.openapi.layout as layout

    monkeypatch.setattr(layout, "SCHEMAS_PER_PAGE", 1)
    text = variant(CLEAN, "components:\n  schemas:\n",
                   "components:\n  schemas:\n    Other:\n      type: string\n")
    pages = run(tmp_path, {"api/payments.yaml": text}).pages()
    assert "api/payments/schemas.md" in pages and "api/payments/schemas.2.md" in pages


def test_pages_are_byte_for_byte_stable(tmp_path):
    first = run(FIXTURES / "multi", openapi=["shop/openapi.yaml"]).pages()
    second = run(FIXTURES / "multi", openapi=["shop/openapi.yaml"]).pages()
    assert first == second


def test_mkdocs_build_with_search_finds_operations(tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    pages = run(FIXTURES / "multi", openapi=["shop/openapi.yaml"]).pages()
    docs = tmp_path / "docs"
    for path, markdown in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(markdown, encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""
        site_name: Shop
        theme: {name: material}
        plugins: [search]
        markdown_extensions: [attr_list, admonition, tables]
        """), encoding="utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml")))
    html = (tmp_path / "site/api/shop/orders/index.html").read_text(encoding="utf-8")
    assert 'id="op-listOrders"' in html
    assert 'href="../schemas/#schema-Order"' in html_module.unescape(html)
    index = (tmp_path / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "api/shop/orders/#op-listOrders" in index


def test_large_tags_are_split_and_links_follow(tmp_path, monkeypatch):
    import specsite.openapi.layout as layout

    monkeypatch.setattr(layout, "OPERATIONS_PER_PAGE", 1)
    text = variant(CLEAN, "paths:\n", "paths:\n  /refunds:\n    get:\n      operationId: listRefunds\n"
                   "      summary: Refunds\n      tags: [payments]\n      x-requirements: [PRD-0001.R1]\n"
                   "      responses:\n        '200': {description: ok}\n")
    result = run(tmp_path, {"api/payments.yaml": text})
    pages = result.pages()
    assert "api/payments/payments.md" in pages and "api/payments/payments.2.md" in pages
    assert "# payments (part 2)" in html.unescape(pages["api/payments/payments.2.md"])
    assert result.graph.get("api:payments#getPayment").page == "api/payments/payments.2.md"
    assert "{#op-getPayment}" in pages["api/payments/payments.2.md"]


def test_tag_slugs_never_share_a_page(tmp_path):
    text = variant(CLEAN, "      tags: [payments]\n", "      tags: [Schemas]\n")
    text = variant(text, "paths:\n", "paths:\n  /x:\n    get:\n      operationId: x\n      summary: X\n"
                   "      tags: [schemas]\n      responses:\n        '200': {description: ok}\n")
    pages = run(tmp_path, {"api/payments.yaml": text}).pages()
    tag_pages = sorted(p for p in pages if p.startswith("api/payments/tag-"))
    assert tag_pages == ["api/payments/tag-schemas-2.md", "api/payments/tag-schemas.md"]
    assert "api/payments/schemas.md" in pages


def test_descriptions_keep_markdown_and_link_references_in_a_built_site(tmp_path):
    from project_fixtures import NYGARD_1, build_site, write_files

    text = variant(CLEAN, "      summary: Get a payment\n",
                   "      summary: Get a payment\n      description: |\n"
                   "        Decided in [[ADR-0001]] and [[ADR-1|the record]]; `code` and **bold**.\n\n"
                   "        - one | two\n        - three\n")
    text = variant(text, "      x-requirements: [PRD-0001.R1]\n", "")
    text = variant(text, "        - name: id\n          in: path\n",
                   "        - name: id\n          in: path\n          description: See [[ADR-0001]], *the* id.\n")
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                      "plugins:\n  - specsite:\n      adrs: adrs\n      openapi: api/payments.yaml\n",
        "docs/index.md": "# Home\n",
        "adrs/0001-record-architecture-decisions.md": NYGARD_1,
        "api/payments.yaml": text,
    })
    site = build_site(tmp_path, strict=False)
    adr = next(p for p in (site / "decisions").rglob("index.html") if "0001" in str(p))
    target = adr.parent.relative_to(site).as_posix()
    page = (site / "api/payments/payments/index.html").read_text().split("<article", 1)[1]
    # the links reach the decision's page from the operation's, in a block and in a table cell
    assert page.count(f'href="../../../{target}/"') == 3
    assert ">the record</a>" in page
    assert "<code>code</code>" in page and "<strong>bold</strong>" in page
    assert "<li>one | two</li>" in page and "<em>the</em> id" in page
