"""Breaking-change checks of the API diff: each fires on the change it is about and stays quiet
on its harmless twin (oasdiff's catalogue is the reference)."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any, Callable

import pytest

from specsite.diff.compare import compare
from specsite.diff.snapshot import Snapshot

BASE: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Shop", "version": "1.0.0"},
    "security": [{"oauth": ["read"]}],
    "paths": {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}}}},
                    "404": {"description": "none"}},
            },
            "post": {
                "operationId": "createPet",
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewPet"}},
                                            "application/xml": {"schema": {"$ref": "#/components/schemas/NewPet"}}}},
                "responses": {"201": {"description": "created", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Pet"}}}}},
            },
        },
        "/pets/{id}": {
            "delete": {"operationId": "deletePet", "responses": {"204": {"description": "gone"}},
                       "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]},
        },
        "/old": {"get": {"operationId": "old", "deprecated": True, "responses": {"200": {"description": "ok"}}}},
    },
    "components": {"schemas": {
        "Pet": {"type": "object", "required": ["id", "name"], "properties": {
            "id": {"type": "string"}, "name": {"type": "string", "maxLength": 50},
            "kind": {"type": "string", "enum": ["cat", "dog"]}, "tag": {"type": "string"},
            "age": {"type": "integer", "minimum": 0}}},
        "NewPet": {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string", "maxLength": 50, "minLength": 1},
            "kind": {"type": "string", "enum": ["cat", "dog"]},
            "tag": {"type": "string"}, "age": {"type": "integer", "minimum": 0, "maximum": 40}}},
    }},
}


def _snapshot(doc: dict, label: str, parts: dict[str, Any] | None = None) -> Snapshot:
    documents = {"shop.yaml": doc, **(parts or {})}
    return Snapshot.from_export({"version": 1, "entities": [], "openapi": {"apis": [
        {"name": "shop", "file": "shop.yaml", "version": "3.0", "documents": documents}]}}, label)


def codes_after(mutate: Callable[[dict], None]) -> dict[str, str]:
    """Change code -> level for BASE against BASE changed by ``mutate``."""
    head = copy.deepcopy(BASE)
    mutate(head)
    report = compare(_snapshot(BASE, "base"), _snapshot(head, "head"))
    return {c.code: c.level.value for c in report.changes}


def pets(doc: dict) -> dict:
    return doc["paths"]["/pets"]


def schema(doc: dict, name: str) -> dict:
    return doc["components"]["schemas"][name]


CASES = [
    # (code, level, change that fires it, harmless twin that must not)
    ("api-removed-without-deprecation", "breaking",
     lambda d: pets(d).pop("post"), lambda d: pets(d)["post"].update(summary="x")),
    ("api-path-removed-without-deprecation", "breaking",
     lambda d: d["paths"].pop("/pets/{id}"), lambda d: d["paths"]["/pets/{id}"]["delete"].update(deprecated=True)),
    ("new-required-request-parameter", "breaking",
     lambda d: pets(d)["get"]["parameters"].append({"name": "owner", "in": "query", "required": True}),
     lambda d: pets(d)["get"]["parameters"].append({"name": "owner", "in": "query"})),
    ("request-parameter-became-required", "breaking",
     lambda d: pets(d)["get"]["parameters"][0].update(required=True),
     lambda d: pets(d)["get"]["parameters"][0].update(description="page size")),
    ("request-body-became-required", "breaking",
     lambda d: pets(d)["post"]["requestBody"].update(required=True),
     lambda d: pets(d)["post"]["requestBody"].update(description="a pet")),
    ("new-required-request-property", "breaking",
     lambda d: (schema(d, "NewPet")["properties"].update(owner={"type": "string"}),
                schema(d, "NewPet")["required"].append("owner")),
     lambda d: schema(d, "NewPet")["properties"].update(owner={"type": "string"})),
    ("request-property-became-required", "breaking",
     lambda d: schema(d, "NewPet")["required"].append("tag"),
     lambda d: schema(d, "Pet")["required"].append("tag")),
    ("request-property-type-changed", "breaking",
     lambda d: schema(d, "NewPet")["properties"]["age"].update(type="string"),
     lambda d: schema(d, "NewPet")["properties"]["age"].update(description="years")),
    ("response-property-type-changed", "breaking",
     lambda d: schema(d, "Pet")["properties"]["age"].update(format="int64"),
     lambda d: schema(d, "Pet")["properties"]["age"].update(example=3)),
    ("request-property-max-length-decreased", "breaking",
     lambda d: schema(d, "NewPet")["properties"]["name"].update(maxLength=20),
     lambda d: schema(d, "NewPet")["properties"]["name"].update(maxLength=80)),
    ("request-property-min-increased", "breaking",
     lambda d: schema(d, "NewPet")["properties"]["age"].update(minimum=1),
     lambda d: schema(d, "Pet")["properties"]["age"].update(minimum=1)),
    ("request-parameter-max-decreased", "breaking",
     lambda d: pets(d)["get"]["parameters"][0]["schema"].update(maximum=50),
     lambda d: pets(d)["get"]["parameters"][0]["schema"].update(maximum=500)),
    ("request-property-enum-value-removed", "breaking",
     lambda d: schema(d, "NewPet")["properties"]["kind"].update(enum=["cat"]),
     lambda d: schema(d, "NewPet")["properties"]["kind"].update(enum=["cat", "dog", "bird"])),
    ("request-property-pattern-added", "warning",
     lambda d: schema(d, "NewPet")["properties"]["tag"].update(pattern="^[a-z]+$"),
     lambda d: schema(d, "Pet")["properties"]["tag"].update(pattern="^[a-z]+$")),
    ("response-property-max-length-increased", "breaking",
     lambda d: schema(d, "Pet")["properties"]["name"].update(maxLength=80),
     lambda d: schema(d, "Pet")["properties"]["name"].update(maxLength=20)),
    ("response-property-min-decreased", "breaking",
     lambda d: schema(d, "Pet")["properties"]["age"].update(minimum=-1),
     lambda d: schema(d, "Pet")["properties"]["age"].update(minimum=1)),
    ("response-property-enum-value-added", "warning",
     lambda d: schema(d, "Pet")["properties"]["kind"].update(enum=["cat", "dog", "bird"]),
     lambda d: schema(d, "NewPet")["properties"]["kind"].update(enum=["cat", "dog", "bird"])),
    ("response-required-property-removed", "breaking",
     lambda d: (schema(d, "Pet")["properties"].pop("name"), schema(d, "Pet")["required"].remove("name")),
     lambda d: schema(d, "Pet")["properties"].update(color={"type": "string"})),
    ("response-optional-property-removed", "warning",
     lambda d: schema(d, "Pet")["properties"].pop("tag"),
     lambda d: schema(d, "NewPet")["properties"].pop("tag")),
    ("response-property-became-optional", "breaking",
     lambda d: schema(d, "Pet")["required"].remove("name"),
     lambda d: schema(d, "Pet")["required"].append("tag")),
    ("response-property-became-nullable", "breaking",
     lambda d: schema(d, "Pet")["properties"]["tag"].update(nullable=True),
     lambda d: schema(d, "NewPet")["properties"]["tag"].update(nullable=True)),
    ("response-success-status-removed", "breaking",
     lambda d: pets(d)["post"]["responses"].update({"200": pets(d)["post"]["responses"].pop("201")}),
     lambda d: pets(d)["post"]["responses"].update({"400": {"description": "bad"}})),
    ("response-non-success-status-removed", "warning",
     lambda d: pets(d)["get"]["responses"].pop("404"),
     lambda d: pets(d)["get"]["responses"]["404"].update(description="no pets")),
    ("response-media-type-removed", "breaking",
     lambda d: pets(d)["get"]["responses"]["200"]["content"].update(
         {"application/hal+json": pets(d)["get"]["responses"]["200"]["content"].pop("application/json")}),
     lambda d: pets(d)["get"]["responses"]["200"]["content"].update(
         {"application/hal+json": {"schema": {"type": "array"}}})),
    ("request-body-media-type-removed", "breaking",
     lambda d: pets(d)["post"]["requestBody"]["content"].pop("application/xml"),
     lambda d: pets(d)["post"]["requestBody"]["content"].update({"text/plain": {"schema": {"type": "string"}}})),
    ("api-security-added", "breaking",
     lambda d: d.update(security=[{"oauth": ["read"], "apiKey": []}]),
     lambda d: d.update(security=[{"oauth": ["read"]}, {"apiKey": []}])),
    ("api-security-scope-added", "breaking",
     lambda d: pets(d)["post"].update(security=[{"oauth": ["read", "write"]}]),
     lambda d: pets(d)["post"].update(security=[{"oauth": []}])),
]


@pytest.mark.parametrize("code,level,fires,quiet", CASES, ids=[c[0] for c in CASES])
def test_check_fires_and_stays_quiet(code: str, level: str, fires: Callable, quiet: Callable) -> None:
    assert codes_after(fires).get(code) == level
    assert code not in codes_after(quiet)


@pytest.mark.parametrize("sunset,expected", [
    ("2999-01-01", {"api-path-removed-before-sunset": "breaking"}),
    ("2001-01-01", {"api-removed-after-deprecation": "info"}),
    ("soon", {"api-path-removed-before-sunset": "breaking"}),
])
def test_sunset(sunset: str, expected: dict) -> None:
    """A deprecated operation may be removed once its x-sunset date has passed, not before."""
    base = copy.deepcopy(BASE)
    base["paths"]["/old"]["get"]["x-sunset"] = sunset
    head = copy.deepcopy(base)
    head["paths"].pop("/old")
    report = compare(_snapshot(base, "base"), _snapshot(head, "head"), as_of=dt.date(2024, 6, 1))
    assert {c.code: c.level.value for c in report.changes} == expected


def test_sunset_compares_with_the_as_of_date_not_today() -> None:
    """The same sides give the same answer whatever day it is: the sunset date is compared with
    ``as_of``, and with no date the removal counts as before the sunset."""
    base = copy.deepcopy(BASE)
    base["paths"]["/old"]["get"]["x-sunset"] = "2024-06-01"
    head = copy.deepcopy(base)
    head["paths"].pop("/old")

    def found(as_of: dt.date | None) -> dict[str, str]:
        report = compare(_snapshot(base, "base"), _snapshot(head, "head"), as_of=as_of)
        return {c.code: c.level.value for c in report.changes}

    assert found(dt.date(2024, 5, 31)) == {"api-path-removed-before-sunset": "breaking"}
    assert found(dt.date(2024, 6, 1)) == {"api-removed-after-deprecation": "info"}
    assert found(None) == {"api-path-removed-before-sunset": "breaking"}


def test_harmless_changes_are_not_breaking() -> None:
    found = codes_after(lambda d: pets(d)["get"]["parameters"].append({"name": "q", "in": "query"}))
    assert found == {"new-optional-request-parameter": "info"}
    found = codes_after(lambda d: d["paths"].update({"/toys": {"get": {"operationId": "toys", "responses": {}}}}))
    assert found == {"endpoint-added": "info"}
    # a deprecated operation with no sunset may go
    assert codes_after(lambda d: d["paths"].pop("/old")) == {"api-removed-after-deprecation": "info"}
    # relaxing security is not breaking
    assert codes_after(lambda d: d.pop("security")) == {"api-security-removed": "info"}


def test_refs_are_followed_across_files() -> None:
    """A schema in another file, reached by a relative $ref, changes: every operation using it."""
    base = copy.deepcopy(BASE)
    base["components"]["schemas"]["Pet"] = {"$ref": "common/pet.yaml#/Pet"}
    part = {"Pet": copy.deepcopy(BASE["components"]["schemas"]["Pet"])}
    changed = copy.deepcopy(part)
    changed["Pet"]["properties"]["kind"]["enum"].append("bird")
    report = compare(_snapshot(base, "base", {"common/pet.yaml": part}),
                     _snapshot(base, "head", {"common/pet.yaml": changed}))
    hits = [c for c in report.changes if c.code == "response-property-enum-value-added"]
    assert sorted(c.entity for c in hits) == ["api:shop#GET /pets", "api:shop#POST /pets"]


def test_recursive_schemas_terminate() -> None:
    base = copy.deepcopy(BASE)
    base["components"]["schemas"]["Pet"]["properties"]["parent"] = {"$ref": "#/components/schemas/Pet"}
    head = copy.deepcopy(base)
    head["components"]["schemas"]["Pet"]["properties"]["tag"]["type"] = "integer"
    report = compare(_snapshot(base, "base"), _snapshot(head, "head"))
    assert {c.code for c in report.changes} == {"response-property-type-changed"}


def test_path_parameter_renamed_is_the_same_operation() -> None:
    def rename(d: dict) -> None:
        item = d["paths"].pop("/pets/{id}")
        item["delete"]["parameters"][0]["name"] = "petId"
        d["paths"]["/pets/{petId}"] = item

    assert codes_after(rename) == {}


def test_levels_are_configurable() -> None:
    head = copy.deepcopy(BASE)
    pets(head)["get"]["parameters"][0]["required"] = True
    report = compare(_snapshot(BASE, "base"), _snapshot(head, "head"),
                     {"request-parameter-became-required": "warning"})
    assert [(c.code, c.level.value) for c in report.changes] == [("request-parameter-became-required", "warning")]
    report = compare(_snapshot(BASE, "base"), _snapshot(head, "head"),
                     {"request-parameter-became-required": "off"})
    assert report.changes == []
