"""Every OpenAPI rule, each made to fire and kept quiet, with the file and line it names."""

from __future__ import annotations

import json

import pytest
import yaml
from openapi_helpers import CLEAN, run, variant

from specsite.core.findings import Severity


def test_clean_description_has_no_finding(tmp_path):
    result = run(tmp_path, {"api/payments.yaml": CLEAN})
    assert result.findings == []


# (rule, snippet of CLEAN, replacement, line the finding names)
CASES = [
    ("OAS002", "info:\n  title: Payments\n", "info:\n  titel: Payments\n", 2),
    ("OAS003", '$ref: "#/components/schemas/Payment"', '$ref: "#/components/schemas/Paymnt"', 28),
    ("OAS004", '$ref: "#/components/schemas/Payment"', '$ref: "https://evil.example/x.yaml"', 28),
    ("OAS006", "/payments/{id}:", "/payments/{paymentId}:", 11),
    ("OAS007", "      operationId: getPayment\n", "", 11),
    ("OAS008", "operationId: getPayment", "operationId: get payment", 12),
    ("OAS011", "        id:\n          type: string\n",
     "        id:\n          type: string\n          example: 5\n", 37),
    ("OAS012", "tags: [payments]", "tags: [refunds]", 14),
    ("OAS013", "tags: [payments]", "tags: [payments, payments]", 14),
    ("OAS016", "components:\n  schemas:\n",
     "components:\n  schemas:\n    Unused:\n      type: string\n", 31),
    ("OAS017", "        id:\n          type: string\n",
     "        id:\n          type: string\n          enum: [a, 1]\n", 37),
    ("OAS018", "        id:\n          type: string\n",
     "        id:\n          type: string\n          enum: [a, a]\n", 37),
    ("OAS019", "required: [id]", "required: [id, amount]", 33),
    ("OAS020", "servers:\n  - url: https://api.example.com\n", "", 1),
    ("OAS021", '"200":', '"404":', 22),
    ("OAS022", "      summary: Get a payment\n", "", 11),
    ("OAS023", "  title: Payments\n", "  title: Payments\n  description: <img src=x onerror=alert(1)>\n", 4),
]


@pytest.mark.parametrize("code,old,new,line", CASES, ids=[c[0] for c in CASES])
def test_rule_fires_with_file_and_line(tmp_path, code, old, new, line):
    result = run(tmp_path, {"api/payments.yaml": variant(CLEAN, old, new)})
    found = result.of(code)
    assert found, result.findings
    assert found[0].file == "api/payments.yaml"
    assert found[0].line == line, found[0]
    # a finding names its problem, and the clean description keeps every rule quiet
    assert found[0].message


def test_severities_default_and_configurable(tmp_path):
    text = variant(CLEAN, "      summary: Get a payment\n", "")
    default = run(tmp_path / "a", {"api/payments.yaml": text})
    assert default.of("OAS022")[0].severity is Severity.WARNING
    raised = run(tmp_path / "b", {"api/payments.yaml": text}, rules={"OAS022": "error"})
    assert raised.of("OAS022")[0].severity is Severity.ERROR
    off = run(tmp_path / "c", {"api/payments.yaml": text}, rules={"OAS022": "off"})
    assert off.of("OAS022") == []


def test_invalid_yaml_is_a_finding_with_its_line(tmp_path):
    result = run(tmp_path, {"api/bad.yaml": "openapi: 3.0.0\ninfo: [unclosed\npaths: {}\n"})
    (finding,) = result.of("OAS001")
    assert finding.file == "api/bad.yaml" and finding.line == 3
    assert finding.severity is Severity.ERROR


def test_unsupported_version_and_missing_version(tmp_path):
    result = run(tmp_path, {"api/a.yaml": "openapi: 4.0.0\ninfo: {}\n",
                            "api/b.yaml": "swagger: '1.2'\n"}, openapi=["api/a.yaml", "api/b.yaml"])
    assert [f.file for f in result.of("OAS001")] == ["api/a.yaml", "api/b.yaml"]
    assert "unsupported version" in result.of("OAS001")[0].message


def test_schema_violation_is_located_in_json(tmp_path):
    data = yaml.safe_load(CLEAN)
    data["paths"]["/payments/{id}"]["get"]["responses"]["200"].pop("description")
    result = run(tmp_path, {"api/payments.json": json.dumps(data, indent=2)})
    (finding,) = result.of("OAS002")
    assert "'description' is a required property" in finding.message
    text = (tmp_path / "api/payments.json").read_text().split("\n")
    assert text[finding.line - 1].strip().startswith('"200"')


def test_default_that_does_not_match_its_schema(tmp_path):
    text = variant(CLEAN, "        id:\n          type: string\n", "        id:\n          type: string\n          default: 3\n")
    (finding,) = run(tmp_path, {"api/payments.yaml": text}).of("OAS002")
    assert "default value" in finding.message and finding.line == 37


def test_duplicate_parameter_and_tag_names_break_the_validator_rules(tmp_path):
    text = variant(CLEAN, "tags:\n  - name: payments\n", "tags:\n  - name: payments\n  - name: payments\n")
    text = variant(text, "      parameters:\n", "      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n")
    messages = [f.message for f in run(tmp_path, {"api/payments.yaml": text}).of("OAS002")]
    assert any("duplicate tag name" in m for m in messages)
    assert any("duplicate parameter 'id'" in m for m in messages)


def test_duplicate_operation_id(tmp_path):
    text = variant(CLEAN, "paths:\n", "paths:\n  /other:\n    get:\n      operationId: getPayment\n"
                   "      summary: Other\n      tags: [payments]\n      x-requirements: [PRD-0001.R1]\n"
                   "      responses:\n        '200': {description: ok}\n")
    (finding,) = run(tmp_path, {"api/payments.yaml": text}).of("OAS005")
    assert finding.severity is Severity.ERROR and "getPayment" in finding.message


def test_declared_path_parameter_missing_from_the_path(tmp_path):
    text = variant(CLEAN, "/payments/{id}:", "/payments:")
    (finding,) = run(tmp_path, {"api/payments.yaml": text}).of("OAS006")
    assert "not in the path" in finding.message and finding.line == 17


@pytest.mark.parametrize("paths,code", [
    (["/a/{x}", "/a/{y}"], "OAS009"),
    (["/a/{x}/b", "/a/c/{y}"], "OAS010"),
])
def test_identical_and_ambiguous_paths(tmp_path, paths, code):
    data = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
        p: {"parameters": [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
                           for n in ("x", "y") if "{" + n + "}" in p],
            "get": {"responses": {"200": {"description": "ok"}}}} for p in paths}}
    result = run(tmp_path, {"api/p.json": json.dumps(data)})
    assert [f.code for f in result.findings if f.code in ("OAS009", "OAS010")] == [code]


def test_literal_segments_are_not_ambiguous(tmp_path):
    data = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
        "/a/{x}": {"parameters": [{"name": "x", "in": "path", "required": True, "schema": {"type": "string"}}],
                   "get": {"responses": {"200": {"description": "ok"}}}},
        "/a/b": {"get": {"responses": {"200": {"description": "ok"}}}}}}
    result = run(tmp_path, {"api/p.json": json.dumps(data)})
    assert not result.of("OAS009") and not result.of("OAS010")


SECURE = variant(CLEAN, "components:\n", """security:
  - oauth: [payments:read]
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes:
            payments:read: Read payments
""")


def test_security_schemes_and_scopes(tmp_path):
    assert run(tmp_path / "ok", {"api/payments.yaml": SECURE}).findings == []
    undefined = run(tmp_path / "a", {"api/payments.yaml": variant(SECURE, "  - oauth: [", "  - oath: [")})
    assert undefined.codes() == ["OAS014"] and undefined.findings[0].line == 30
    scope = run(tmp_path / "b", {"api/payments.yaml": variant(SECURE, "[payments:read]", "[payments:write]")})
    assert scope.codes() == ["OAS015"]


def test_examples_respect_read_only_and_write_only(tmp_path):
    files = {"api/users.yaml": """
        openapi: 3.0.3
        info: {title: Users, version: "1"}
        servers: [{url: https://x.example}]
        paths:
          /users:
            post:
              operationId: createUser
              summary: Create
              x-requirements: [PRD-0001.R1]
              requestBody:
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/User"}
                    example: {name: Ann, password: secret}
              responses:
                "201":
                  description: Created
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/User"}
                      examples:
                        ann: {value: {id: 1, name: Ann}}
        components:
          schemas:
            User:
              type: object
              required: [id, name, password]
              properties:
                id: {type: integer, readOnly: true}
                name: {type: string}
                password: {type: string, writeOnly: true}
        """}
    assert run(tmp_path / "ok", files).of("OAS011") == []
    files["api/users.yaml"] = files["api/users.yaml"].replace("value: {id: 1, name: Ann}", "value: {id: 1}")
    (finding,) = run(tmp_path / "bad", files).of("OAS011")
    assert "'name' is a required property" in finding.message and finding.line == 22


def test_swagger_2_rules(tmp_path):
    files = {"api/legacy.yaml": """
        swagger: "2.0"
        info: {title: Legacy, version: "1"}
        paths:
          /things/{id}:
            get:
              operationId: getThing
              summary: Get
              x-requirements: [PRD-0001.R1]
              parameters:
                - {name: id, in: path, required: true, type: string}
              responses:
                "200": {description: ok, schema: {$ref: "#/definitions/Thing"}}
        definitions:
          Thing: {type: object, properties: {id: {type: string}}}
        """}
    result = run(tmp_path, files)
    assert result.codes() == ["OAS020"]  # no host: the only thing wrong
    assert result.findings[0].line == 1


def test_openapi_31_schema_meta_check(tmp_path):
    text = variant(CLEAN, "openapi: 3.0.3", "openapi: 3.1.0")
    assert run(tmp_path / "ok", {"api/payments.yaml": text}).findings == []
    bad = variant(text, "        id:\n          type: string\n", "        id:\n          type: strng\n")
    (finding,) = run(tmp_path / "bad", {"api/payments.yaml": bad}).of("OAS002")
    assert finding.line >= 30


def test_duplicate_api_names(tmp_path):
    result = run(tmp_path, {"a/payments.yaml": CLEAN, "b/payments.yaml": CLEAN}, openapi=["a", "b"])
    (finding,) = result.of("OAS027")
    assert finding.file == "b/payments.yaml"


def test_generic_file_names_take_the_folder_name(tmp_path):
    result = run(tmp_path, {"payments/openapi.yaml": CLEAN}, openapi=["payments/openapi.yaml"])
    assert "api:payments#getPayment" in result.graph


def test_folder_reads_only_descriptions(tmp_path):
    result = run(tmp_path, {"api/payments.yaml": CLEAN, "api/part.yaml": "Thing: {type: string}\n",
                            "api/notes.txt": "hello"})
    assert [e.id for e in result.result.entities if e.kind == "api"] == ["api:payments"]


@pytest.mark.parametrize("old,new,expected", [
    ("        id:\n          type: string\n", "        id:\n          type: strin\n",
     "components > schemas > Payment > properties > id > type: 'strin' is not one of"),
    ("          required: true\n", "          required: false\n",
     "paths > /payments/{id} > get > parameters > 0 > required: False is not one of [True]"),
])
def test_schema_violation_names_the_alternative_meant(tmp_path, old, new, expected):
    (finding,) = run(tmp_path, {"api/payments.yaml": variant(CLEAN, old, new)}).of("OAS002")
    assert finding.message.startswith(expected)


def test_refs_inside_extensions_are_not_references(tmp_path):
    text = variant(CLEAN, "info:\n", "x-internal:\n  $ref: '#/nowhere'\ninfo:\n")
    assert run(tmp_path, {"api/payments.yaml": text}).findings == []


def test_billion_laughs_is_refused(tmp_path):
    lines = ["openapi: 3.0.3", "info: {title: t, version: '1'}", "paths: {}", "x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    previous = "a"
    for name in "bcdefghij":
        lines.append(f"x-{name}: &{name} [" + ", ".join(f"*{previous}" for _ in range(10)) + "]")
        previous = name
    result = run(tmp_path, {"api/lol.yaml": "\n".join(lines) + "\n"})
    (finding,) = result.of("SPEC006")
    assert "aliases" in finding.message and finding.line == 10  # x-g: 10 million nodes
