"""Multi-file descriptions, and references that must be refused: remote or leaving the project."""

from __future__ import annotations

import os

import pytest
from openapi_helpers import CLEAN, FIXTURES, Project, run, variant

from specsite.core.config import SpecsiteConfig
from specsite.openapi.kind import OpenApiKind


def test_multi_file_description_resolves_across_folders(tmp_path):
    result = run(FIXTURES / "multi", openapi=["shop/openapi.yaml"])
    assert result.findings == []
    op = result.graph.get("api:shop#listOrders")
    assert op is not None and op.file == "shop/paths/orders.yaml" and op.line == 1
    sources = result.result.sources
    assert any(s.endswith("shop/openapi.yaml") for s in sources)


def test_parts_are_checked_where_they_are(tmp_path):
    files = {
        "api/payments.yaml": variant(CLEAN, '$ref: "#/components/schemas/Payment"',
                                     '$ref: "parts/payment.yaml#/Payment"'),
        "api/parts/payment.yaml": """
            Payment:
              type: object
              required: [id, amount]
              properties:
                id: {type: string}
                ref: {$ref: "#/Missing"}
            """,
    }
    result = run(tmp_path, files)
    assert {(f.code, f.file, f.line) for f in result.findings if f.code != "OAS016"} == {
        ("OAS019", "api/parts/payment.yaml", 3),
        ("OAS003", "api/parts/payment.yaml", 6),
    }


def test_missing_file_reference(tmp_path):
    text = variant(CLEAN, '$ref: "#/components/schemas/Payment"', '$ref: "nowhere.yaml#/Payment"')
    (finding,) = run(tmp_path, {"api/payments.yaml": text}).of("OAS003")
    assert "does not exist" in finding.message and finding.line == 28


def test_reference_leaving_the_project_is_refused(tmp_path):
    (tmp_path / "secret.yaml").write_text("Payment: {type: string}\n")
    text = variant(CLEAN, '$ref: "#/components/schemas/Payment"', '$ref: "../../secret.yaml#/Payment"')
    result = run(tmp_path / "project", {"api/payments.yaml": text})
    (finding,) = result.of("SPEC004")
    assert finding.file == "api/payments.yaml" and finding.line == 28
    assert "leaves the project root" in finding.message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_leaving_the_project_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "payment.yaml").write_text("Payment: {type: string}\n")
    project = tmp_path / "project"
    (project / "api").mkdir(parents=True)
    (project / "api" / "link.yaml").symlink_to(outside / "payment.yaml")
    text = variant(CLEAN, '$ref: "#/components/schemas/Payment"', '$ref: "link.yaml#/Payment"')
    result = run(project, {"api/payments.yaml": text})
    assert result.of("SPEC004")


def test_remote_reference_refused_without_allow_list(tmp_path):
    fetched = []
    kind = OpenApiKind(fetch=lambda url: fetched.append(url) or "Payment: {type: string}\n")
    text = variant(CLEAN, '$ref: "#/components/schemas/Payment"',
                   '$ref: "https://schemas.example.com/payment.yaml#/Payment"')
    result = run(tmp_path, {"api/payments.yaml": text}, kind=kind)
    (finding,) = result.of("OAS004")
    assert "schemas.example.com" in finding.message and finding.line == 28
    assert fetched == []


def test_remote_reference_fetched_from_allowed_host(tmp_path):
    fetched = []
    kind = OpenApiKind(fetch=lambda url: fetched.append(url) or "Payment: {type: string}\n")
    text = variant(CLEAN, '$ref: "#/components/schemas/Payment"',
                   '$ref: "https://schemas.example.com/payment.yaml#/Payment"')
    result = run(tmp_path, {"api/payments.yaml": text}, kind=kind,
                 openapi_allow_hosts=["schemas.example.com"])
    assert fetched == ["https://schemas.example.com/payment.yaml"]
    assert [f.code for f in result.findings if f.code != "OAS016"] == []


def test_configured_path_outside_the_project(tmp_path):
    project = Project(tmp_path / "p")
    (tmp_path / "p").mkdir()
    result = OpenApiKind().read(project, SpecsiteConfig(openapi=["../elsewhere"]), cache_dir=None)
    assert [f.code for f in result.findings] == ["SPEC004"]


def test_missing_configured_path(tmp_path):
    result = run(tmp_path, openapi=["nope.yaml"])
    assert result.codes() == ["SPEC005"]


def test_recursive_references_terminate(tmp_path):
    files = {"api/tree.yaml": variant(CLEAN, "        id:\n          type: string\n",
                                      "        id:\n          type: string\n"
                                      "        parent:\n          $ref: '#/components/schemas/Payment'\n")}
    assert run(tmp_path, files).findings == []


def test_ref_named_property_is_not_a_reference(tmp_path):
    files = {"api/p.yaml": variant(CLEAN, "        id:\n          type: string\n",
                                   "        id:\n          type: string\n        $ref:\n          type: string\n")}
    assert run(tmp_path, files).findings == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinked_description_in_a_folder_is_refused(tmp_path):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "payments.yaml").write_text(CLEAN)
    (tmp_path / "project" / "api").mkdir(parents=True)
    (tmp_path / "project" / "api" / "payments.yaml").symlink_to(tmp_path / "outside" / "payments.yaml")
    result = run(tmp_path / "project")
    assert result.codes() == ["SPEC004"] and result.result.entities == []
