"""include / exclude expressions, with Structurizr's semantics (ExpressionParser)."""

from __future__ import annotations

import pytest

from project_fixtures import run_cli, write_files

MODEL = """
workspace {
    !identifiers hierarchical
    model {
        user = person "User" "Buys." "Customer"
        admin = person "Admin" "Runs it." "Staff,Internal"
        shop = softwareSystem "Shop" "Sells." {
            web = container "Web" "Pages." "TypeScript" "Frontend"
            api = container "API" "JSON." "Kotlin" "Backend,Public" {
                properties {
                    tier "gold"
                }
            }
            db = container "Database" "Orders." "PostgreSQL" "Backend,Storage"
        }
        mail = softwareSystem "Mail" "Sends mail." "External"
        user -> shop.web "Uses" "HTTPS" "Sync"
        shop.web -> shop.api "Calls" "JSON" "Sync"
        shop.api -> shop.db "Reads" "JDBC" "Sync,Data"
        shop.api -> mail "Sends with" "SMTP" "Async" {
            properties {
                criticality "low"
            }
        }
        admin -> shop.api "Configures" "HTTPS"
    }
    views {
        container shop "V" {
            INCLUDES
        }
    }
}
"""


def view_of(tmp_path, monkeypatch, include: str) -> tuple[list[str], list[str], list[dict]]:
    write_files(tmp_path, {"ws.dsl": MODEL.replace("INCLUDES", include)})
    doc = run_cli(["export", "--c4", "ws.dsl"], tmp_path, monkeypatch).json()
    view = doc["c4"]["views"][0]
    names = {e["id"]: e["name"] for e in doc["c4"]["elements"]}
    rels = {r["id"]: f"{names[r['source']]}->{names[r['destination']]}" for r in doc["c4"]["relationships"]}
    return sorted(names[e] for e in view["elements"]), sorted(rels[r] for r in view["relationships"]), \
        doc["findings"]


@pytest.mark.parametrize("include, elements", [
    ('include "element.tag==Backend,Public"', ["API"]),                # all of the tags
    ('include "element.tag!=Backend,Public"', ["Admin", "Database", "Mail", "User", "Web"]),
    ('include "element.technology==Kotlin"', ["API"]),
    ('include "element.technology!=Kotlin"', ["Database", "Web"]),     # only typed elements
    ('include "element.properties[tier]==gold"', ["API"]),
    ('include "element.type==Container && element.tag==Backend"', ["API", "Database"]),
    ('include "element.tag==Frontend || element.tag==Storage"', ["Database", "Web"]),
    ('include "element.tag==Customer || element.type==Container && element.tag==Storage"',
     ["Database", "User"]),                                             # || binds looser
    ('include "element==shop.api"', ["API"]),
    ('include "->shop.api"', ["API", "Admin", "Web"]),                 # afferent couplings
    ('include "shop.api->"', ["API", "Database", "Mail"]),             # efferent couplings
    ('include "->element.tag==Storage->"', ["API", "Database"]),       # expression operand
])
def test_element_expressions(tmp_path, monkeypatch, include, elements):
    shown, _, findings = view_of(tmp_path, monkeypatch, include)
    assert shown == elements
    assert [f for f in findings if f["code"] in ("C4001", "C4003")] == []


@pytest.mark.parametrize("include, relationships", [
    ('include * \n exclude "relationship.tag==Sync,Data"', [
        "API->Mail", "Admin->API", "User->Web", "Web->API"]),
    ('include * \n exclude "relationship.tag!=Sync"', ["API->Database", "User->Web", "Web->API"]),
    ('include * \n exclude "relationship.properties[criticality]==low"', [
        "API->Database", "Admin->API", "User->Web", "Web->API"]),
    ('include * \n exclude "relationship.source==shop.api"', ["Admin->API", "User->Web", "Web->API"]),
    ('include * \n exclude "* -> element.tag==Backend"', ["API->Mail", "User->Web"]),
    ('include * \n exclude "relationship.destination==element.type==Person || shop.web -> *"', [
        "API->Database", "API->Mail", "Admin->API", "User->Web"]),
])
def test_relationship_expressions(tmp_path, monkeypatch, include, relationships):
    _, shown, findings = view_of(tmp_path, monkeypatch, include)
    assert shown == relationships
    assert [f for f in findings if f["code"] in ("C4001", "C4003")] == []


def test_mixing_element_and_relationship_expressions_is_a_syntax_error(tmp_path, monkeypatch):
    shown, _, findings = view_of(tmp_path, monkeypatch, 'include "element.tag==Backend && * -> *"')
    assert shown == []
    hits = [f for f in findings if f["code"] == "C4001"]
    assert hits and "combines element and relationship expressions" in hits[0]["message"]
    assert hits[0]["line"] == 28


def test_unknown_identifier_in_an_expression_is_located(tmp_path, monkeypatch):
    _, _, findings = view_of(tmp_path, monkeypatch, 'include "element.parent==nope"')
    assert [(f["code"], f["line"]) for f in findings if f["code"] == "C4003"] == [("C4003", 28)]
