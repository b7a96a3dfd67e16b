"""An API tag page in a real (Debian) Chromium at 1366 px: schema trees open on a click, the
method badges have Swagger's colours, nothing overflows the page sideways, and the download
link serves the description as written."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from project_fixtures import build_site, write_files

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")

LONG = "averyveryverylongpropertynamewithoutanyspaceatallthatwouldoverflowanarrowcolumn" * 2
API = f"""
openapi: 3.0.3
info: {{title: Shop, version: "1"}}
servers: [{{url: "https://api.example.com"}}]
tags: [{{name: orders}}]
paths:
  /orders/{{id}}:
    get:
      operationId: getOrder
      summary: Get an order
      tags: [orders]
      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]
      responses:
        "200":
          description: The order
          content:
            application/json:
              schema: {{$ref: "#/components/schemas/Order"}}
    delete:
      operationId: deleteOrder
      summary: Cancel an order
      tags: [orders]
      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]
      responses:
        "204": {{description: Cancelled}}
  /stores/{{id}}:
    get:
      operationId: getStore
      summary: Get a store
      tags: [orders]
      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]
      responses:
        "200":
          description: The store
          content:
            application/json:
              schema: {{type: object, properties: {{location: {{$ref: "#/components/schemas/Address"}}}}}}
components:
  schemas:
    Order:
      type: object
      required: [id]
      properties:
        id: {{type: string, description: The order's ID.}}
        {LONG}: {{type: string, enum: ["{LONG}"]}}
        customer:
          type: object
          properties:
            email: {{type: string, format: email}}
            address: {{$ref: "#/components/schemas/Address"}}
    Address:
      type: object
      properties:
        street: {{type: string}}
        city: {{type: string, description: City name.}}
"""


@pytest.fixture(scope="module")
def api_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("api-look")
    write_files(root, {
        "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                      "plugins:\n  - search\n  - specsite:\n      openapi: apis\n"
                      "      rules: {OAS026: 'off'}\n",
        "docs/index.md": "# Home\n",
        "apis/shop.yaml": API,
    })
    return build_site(root)


def test_tree_opens_and_nothing_overflows_at_1366(api_site: Path) -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(api_site))
    handler.log_message = lambda *a, **k: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.goto(f"{base}/api/shop/orders/")
            # GET green and DELETE red, as Swagger UI shows them
            colours = page.evaluate("""() => Object.fromEntries(['get', 'delete'].map(m =>
                [m, getComputedStyle(document.querySelector('h2 .specsite-method-' + m)).backgroundColor]))""")
            assert colours == {"get": "rgb(46, 125, 50)", "delete": "rgb(198, 40, 40)"}
            # the operations are in the page's table of contents (Material's right-hand side)
            toc = page.locator(".md-sidebar--secondary .md-nav__link").all_inner_texts()
            assert any("Get an order" in t for t in toc) and any("Cancel an order" in t for t in toc)
            # ... each with its method badge, as Redoc's side menu shows them
            toc_badge = page.locator(".md-sidebar--secondary a[href='#op-deleteOrder'] .specsite-method")
            assert toc_badge.inner_text() == "DELETE"
            city = page.locator(".specsite-schema").first.get_by_text("City name.")
            assert not city.is_visible()  # nested objects start closed
            customer = page.locator(".specsite-schema summary", has_text="customer").first
            customer.click()
            page.locator(".specsite-schema summary", has_text="address").first.click()
            assert city.is_visible()
            overflow = page.evaluate("""() => {
                const doc = document.documentElement;
                const content = document.querySelector('.md-content');
                const wide = [...content.querySelectorAll('.specsite-schema *')].filter(e =>
                    e.getBoundingClientRect().right > content.getBoundingClientRect().right + 1).length;
                return [doc.scrollWidth - doc.clientWidth, wide];
            }""")
            assert overflow == [0, 0]
            # Address opens once on the page; the store's location links to it and the link
            # opens the closed rows it sits in
            page.locator(".specsite-schema summary", has_text="customer").first.click()
            assert not city.is_visible()
            page.get_by_role("link", name="shown above").first.click()
            assert city.is_visible()
            if os.environ.get("SPECSITE_SCREENSHOTS"):
                page.locator(".specsite-schema").first.scroll_into_view_if_needed()
                page.screenshot(path=os.path.join(os.environ["SPECSITE_SCREENSHOTS"], "api-tree.png"))
            # the description is downloadable from the overview, byte for byte
            page.goto(f"{base}/api/shop/")
            href = page.get_by_role("link", name="shop.yaml").get_attribute("href")
            response = page.request.get(f"{base}/api/shop/{href}")
            assert response.ok and response.text() == (api_site.parent / "apis/shop.yaml").read_text()
            browser.close()
    finally:
        server.shutdown()
