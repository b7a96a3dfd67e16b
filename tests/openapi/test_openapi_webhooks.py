"""OpenAPI 3.1 webhooks are operations too: entities, lint, pages, traceability."""

from __future__ import annotations

from project_fixtures import build_site, run_cli, write_files

API = """
openapi: 3.1.0
info: {title: Shop events, version: "1"}
servers: [{url: "https://shop.example.com"}]
tags: [{name: orders, description: Order events}]
paths: {}
webhooks:
  orderPlaced:
    post:
      operationId: onOrderPlaced
      summary: An order was placed
      tags: [orders]
      x-requirements: [PRD-0001.R1]
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Order"}
      responses:
        "200": {description: Received}
  orderShipped:
    post:
      tags: [orders]
      responses:
        "200": {description: Received}
components:
  schemas:
    Order:
      type: object
      properties:
        id: {type: string}
"""

PRD = """
---
id: PRD-0001
title: Events
status: draft
owner: ann
requirements:
  - {id: R1, text: Partners hear about orders., priority: must, apis: ["events#onOrderPlaced"]}
---
# Events
"""


def test_webhooks_are_operations(tmp_path, monkeypatch):
    write_files(tmp_path, {"apis/events.yaml": API, "prds/0001-events.md": PRD})
    doc = run_cli(["export", "--openapi", "apis", "--prds", "prds"], tmp_path, monkeypatch).json()
    ops = {e["id"]: e for e in doc["entities"] if e["kind"] == "operation"}
    assert ops["api:events#onOrderPlaced"]["webhook"] == "orderPlaced"
    assert ops["api:events#onOrderPlaced"]["links"][0] == {"rel": "implements", "target": "PRD-0001.R1"}
    lints = [(f["code"], f["line"], f["message"]) for f in doc["findings"] if f["code"] in ("OAS007", "OAS022")]
    # the second webhook has no operationId and no summary: the lints apply to webhooks too
    assert lints == [("OAS007", 20, "POST webhook orderShipped has no operationId"),
                     ("OAS022", 20, "POST webhook orderShipped has no summary")]
    assert not [f for f in doc["findings"] if f["code"] == "OAS016"]  # Order is used by a webhook
    assert not [f for f in doc["findings"] if f["code"] == "OAS025"]  # the PRD's operation exists


def test_webhook_pages(tmp_path):
    write_files(tmp_path, {
        "apis/events.yaml": API,
        "prds/0001-events.md": PRD,
        "docs/index.md": "# Home\n\nSee [[api:events#onOrderPlaced]].\n",
        "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                      "plugins:\n  - specsite:\n      openapi: apis\n      prds: prds\n"
                      "      rules: {OAS007: 'off', OAS022: 'off'}\n",
    })
    site = build_site(tmp_path)
    page = (site / "api/events/orders/index.html").read_text()
    assert 'id="op-onOrderPlaced"' in page and "webhook <code>orderPlaced</code>" in page
    assert 'id="op-post-webhook-orderShipped"' in page
    home = (site / "index.html").read_text()
    assert 'href="api/events/orders/#op-onOrderPlaced"' in home
