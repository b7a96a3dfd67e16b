"""References across spec kinds: each unknown target is reported once, by the kind that owns it."""

from __future__ import annotations

from project_fixtures import run_cli, write_files

PRD = """
---
id: PRD-0001
title: Checkout
status: draft
owner: ann
c4: [shop.checkout, shop.gone]
requirements:
  - id: R1
    text: Pay in one step.
    priority: must
    apis: [shop#placeOrder, shop#vanished]
---
# Checkout

See [[c4:shop.checkout]] and [[api:shop#placeOrder]].
"""

DSL = """
workspace {
    !identifiers hierarchical
    model {
        buyer = person "Buyer" "Buys."
        shop = softwareSystem "Shop" "Sells." {
            checkout = container "Checkout" "Takes orders." "Kotlin" {
                properties {
                    openapi "shop.yaml"
                }
            }
        }
        buyer -> shop.checkout "Orders with" "HTTPS"
    }
    views {
        container shop "Containers" {
            include *
        }
    }
}
"""

API = """
openapi: 3.0.3
info: {title: Shop, version: "1"}
servers: [{url: "https://shop.example.com"}]
tags: [{name: orders, description: Orders}]
paths:
  /orders:
    post:
      operationId: placeOrder
      summary: Place an order
      tags: [orders]
      x-requirements: [PRD-0001.R1]
      responses:
        "201": {description: Created}
"""


def test_unknown_targets_are_reported_once_by_their_owner(tmp_path, monkeypatch):
    write_files(tmp_path, {"prds/0001-checkout.md": PRD, "arch/workspace.dsl": DSL,
                           "arch/shop.yaml": API})
    result = run_cli(["check", "--prds", "prds", "--c4", "arch/workspace.dsl",
                      "--openapi", "arch/shop.yaml", "--format", "json"], tmp_path, monkeypatch)
    findings = [(f["code"], f["line"]) for f in result.json()["findings"] if f["severity"] == "error"]
    assert findings == [("C4009", 6), ("OAS025", 11)], result.out
    assert result.code == 1


def test_without_the_owning_kinds_typed_targets_are_not_checked(tmp_path, monkeypatch):
    write_files(tmp_path, {"prds/0001-checkout.md": PRD.replace("See [[c4:shop.checkout]] and "
                                                                "[[api:shop#placeOrder]].", "")})
    result = run_cli(["check", "--prds", "prds", "--format", "json"], tmp_path, monkeypatch)
    assert [f for f in result.json()["findings"] if f["severity"] == "error"] == []


def test_links_across_kinds_show_on_every_page(tmp_path, monkeypatch):
    write_files(tmp_path, {"prds/0001-checkout.md": PRD.replace(", shop.gone", "").replace(
                               ", shop#vanished", ""),
                           "arch/workspace.dsl": DSL, "arch/shop.yaml": API,
                           "docs/index.md": "# Home\n",
                           "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                                         "plugins:\n  - specsite:\n      prds: prds\n"
                                         "      c4: arch/workspace.dsl\n      openapi: arch/shop.yaml\n"})
    from project_fixtures import build_site

    site = build_site(tmp_path)
    element = (site / "architecture/shop.checkout/index.html").read_text()
    operation_page = next((site / "api/shop").glob("orders/index.html")).read_text()
    requirement_page = (site / "requirements/PRD-0001/index.html").read_text()
    assert "PRD-0001" in element  # the PRD names the element
    assert "placeOrder" in element  # the element serves the API: its operations are listed
    assert "PRD-0001.R1" in operation_page  # x-requirements
    assert "shop.checkout" in operation_page or "Checkout" in operation_page  # served by
    assert "op-placeOrder" in requirement_page  # the requirement links to its operation


def test_adr_front_matter_names_elements(tmp_path, monkeypatch):
    adr = ("---\nstatus: accepted\ndate: 2024-01-01\nc4: [shop.checkout, shop.gone]\n---\n"
           "# Use Kotlin\n\n## Decision\n\nKotlin.\n\n### Consequences\n\nJVM.\n")
    write_files(tmp_path, {"adrs/0001-kotlin.md": adr, "arch/workspace.dsl": DSL, "arch/shop.yaml": API})
    result = run_cli(["export", "--adrs", "adrs", "--c4", "arch/workspace.dsl"], tmp_path, monkeypatch)
    doc = result.json()
    adr_entity = next(e for e in doc["entities"] if e["id"] == "ADR-0001")
    assert {"rel": "c4", "target": "c4:shop.checkout"} in adr_entity["links"]
    # an accepted ADR naming an element that is not in the model: without history a typo as likely
    # as a removal, so an unknown element (C4010 is `specsite diff`'s, which knows the removal)
    errors = [f for f in doc["findings"] if f["severity"] == "error"]
    assert [(f["code"], f["line"]) for f in errors] == [("C4009", 4)]
    assert "no C4 element has this identifier (if it was removed" in errors[0]["message"]


def test_workspace_adrs_folder_joins_the_adr_set(tmp_path, monkeypatch):
    from project_fixtures import NYGARD_1

    dsl = DSL.replace("!identifiers hierarchical", "!identifiers hierarchical\n    !adrs decisions")
    write_files(tmp_path, {"arch/workspace.dsl": dsl, "arch/shop.yaml": API,
                           "arch/decisions/0001-record.md": NYGARD_1})
    doc = run_cli(["export", "--c4", "arch/workspace.dsl"], tmp_path, monkeypatch).json()
    adr = next(e for e in doc["entities"] if e["kind"] == "adr")
    assert (adr["id"], adr["file"]) == ("ADR-0001", "arch/decisions/0001-record.md")


def test_new_prd_and_schema_commands(tmp_path, monkeypatch):
    import json

    result = run_cli(["new", "prd", "One-click checkout", "--prds", "prds", "--owner", "ann"],
                     tmp_path, monkeypatch)
    assert result.code == 0, result.err
    written = result.out.strip()
    assert written.startswith("prds/0001-") and (tmp_path / written).is_file()
    again = run_cli(["new", "prd", "Search", "--prds", "prds", "--owner", "bo"], tmp_path, monkeypatch)
    assert again.out.strip().startswith("prds/0002-")
    check = run_cli(["check", "--prds", "prds", "--format", "json"], tmp_path, monkeypatch)
    assert check.code == 0 and [f for f in check.json()["findings"] if f["severity"] != "info"] == []
    ids = {e["id"] for e in run_cli(["export", "--prds", "prds"], tmp_path, monkeypatch).json()["entities"]}
    assert {"PRD-0001", "PRD-0002"} <= ids
    schema = json.loads(run_cli(["schema", "prd"], tmp_path, monkeypatch).out)
    assert schema["type"] == "object" and "requirements" in schema["properties"]
    assert run_cli(["schema", "nope"], tmp_path, monkeypatch).code == 2


def test_references_in_api_descriptions_are_checked_at_their_line(tmp_path, monkeypatch):
    api = API.replace('info: {title: Shop, version: "1"}',
                      'info:\n  title: Shop\n  version: "1"\n  description: |\n    Orders.\n'
                      '    See [[ADR-0404]].').replace(
                      "      summary: Place an order\n",
                      "      summary: Place an order\n      description: Needs [[PRD-0001.R9]].\n")
    write_files(tmp_path, {"arch/shop.yaml": api})
    doc = run_cli(["export", "--openapi", "arch/shop.yaml"], tmp_path, monkeypatch).json()
    unknown = [(f["code"], f["line"], f["column"], f["entity"]) for f in doc["findings"]
               if f["code"] == "XREF001"]
    assert unknown == [("XREF001", 7, 9, "api:shop"), ("XREF001", 15, 26, "api:shop#placeOrder")]
