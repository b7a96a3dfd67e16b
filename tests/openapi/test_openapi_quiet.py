"""Near misses: descriptions that come close to a rule and must keep it quiet."""

from __future__ import annotations

import json

import pytest
import yaml
from openapi_helpers import CLEAN, run, variant

from specsite.core.findings import Severity
from specsite.openapi.documents import parse_text
from specsite.openapi.positions import positions
from specsite.openapi.validation import schema_issues

# (rule that must stay quiet, snippet of CLEAN, replacement)
QUIET = [
    ("OAS008", "operationId: getPayment", "operationId: payments.get_payment-v2~x"),
    ("OAS011", "        id:\n          type: string\n", "        id:\n          type: string\n          example: pay_1\n"),
    ("OAS017", "        id:\n          type: string\n", "        id:\n          type: string\n          nullable: true\n          enum: [a, null]\n"),
    ("OAS019", "required: [id]", "required: [id]\n      allOf: [{properties: {amount: {type: integer}}}]"),
    ("OAS021", '"200":', '"302":'),
    ("OAS023", "  title: Payments\n", '  title: Payments\n  description: See <a href="https://x.example">docs</a> and the <code>on = off</code> switch.\n'),
]


@pytest.mark.parametrize("code,old,new", QUIET, ids=[q[0] for q in QUIET])
def test_rule_stays_quiet_on_a_near_miss(tmp_path, code, old, new):
    result = run(tmp_path, {"api/payments.yaml": variant(CLEAN, old, new)})
    assert result.of(code) == []


def test_unused_component_counts_every_reference(tmp_path):
    text = variant(CLEAN, "components:\n  schemas:\n", "components:\n  schemas:\n    Other:\n      type: string\n")
    text = variant(text, "        id:\n          type: string\n", "        id:\n          $ref: '#/components/schemas/Other'\n")
    assert run(tmp_path, {"api/payments.yaml": text}).findings == []


def test_pure_python_validation_gives_the_same_issues():
    data = yaml.safe_load(CLEAN)
    data["info"].pop("title")
    data["paths"]["/payments/{id}"]["get"]["responses"] = {}
    fast = schema_issues(data, "3.0", "x.yaml", use_fast=True)
    slow = schema_issues(data, "3.0", "x.yaml", use_fast=False)
    assert fast == slow and len(fast) == 2
    assert schema_issues(yaml.safe_load(CLEAN), "3.0", "x.yaml", use_fast=False) == []


def test_positions_in_json_follow_escaped_keys_and_arrays():
    text = json.dumps({"paths": {"/a/{b}": {"get": {"tags": ["x", "y"]}}, "k\"q": 1}}, indent=1)
    doc = parse_text(text, "d.json", "d.json")
    found = positions(doc, {("paths", "/a/{b}", "get", "tags", 1), ("paths", "k\"q"), ("paths", "missing")})
    lines = text.split("\n")
    line, column = found[("paths", "/a/{b}", "get", "tags", 1)]
    assert lines[line - 1][column - 1:].startswith('"y"')
    line, column = found[("paths", "k\"q")]
    assert lines[line - 1][column - 1:].startswith('"k\\"q"')
    assert found[("paths", "missing")] == (2, 2)  # its deepest existing ancestor


def test_yaml_keys_are_strings_and_dates_stay_text(tmp_path):
    text = variant(CLEAN, '"200":', "200:")
    text = variant(text, 'version: "1.0"', "version: 2024-01-31")
    result = run(tmp_path, {"api/payments.yaml": text})
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []
    assert result.graph.get("api:payments").attrs["version"] == "2024-01-31"


def test_reference_inside_an_extension_counts_as_a_use(tmp_path):
    text = variant(CLEAN, "components:\n  schemas:\n", "components:\n  schemas:\n    Hook:\n      type: string\n")
    assert run(tmp_path / "a", {"api/payments.yaml": text}).codes() == ["OAS016"]
    text = variant(text, "info:\n", "x-webhooks:\n  paid:\n    $ref: '#/components/schemas/Hook'\ninfo:\n")
    assert run(tmp_path / "b", {"api/payments.yaml": text}).findings == []
