"""A reference to a C4 element the model does not have: a typo is an unknown reference, a removal
is C4010 only where a comparison knows it, and a workspace that did not parse makes no element
look missing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from project_fixtures import run_cli, write_files

sys.path.insert(0, str(Path(__file__).parent / "diff"))
from diff_helpers import commit, init  # noqa: E402

DSL = """
workspace {
    !identifiers hierarchical
    model {
        buyer = person "Buyer" "Buys."
        shop = softwareSystem "Shop" "Sells." {
            web = container "Web" "Pages." "TypeScript"
            db = container "Database" "Orders." "PostgreSQL"
        }
        buyer -> shop.web "Uses" "HTTPS"
        shop.web -> shop.db "Reads" "SQL"
    }
    views {
        container shop "Containers" {
            include *
            autoLayout lr
        }
    }
}
"""

ADR = """
---
status: accepted
date: 2024-01-01
---
# Keep orders in PostgreSQL

## Decision

Orders live in [[c4:shop.db]], read by [[c4:shop.web]].

### Consequences

One database to run.
"""

ARGS = ["check", "--format", "json", "--adrs", "adrs", "--c4", "arch/workspace.dsl"]


def _codes(result) -> list[tuple[str, int | None]]:
    return [(f["code"], f["line"]) for f in json.loads(result.out)["findings"]]


def test_a_typo_in_an_accepted_adr_is_an_unknown_reference(tmp_path, monkeypatch):
    write_files(tmp_path, {"arch/workspace.dsl": DSL,
                           "adrs/0001-orders.md": ADR.replace("c4:shop.db", "c4:shop.dbb")})
    result = run_cli(ARGS, tmp_path, monkeypatch)
    assert result.code == 1
    assert _codes(result) == [("XREF001", 9)]
    assert "no longer" not in result.out


def test_a_broken_workspace_makes_no_element_look_missing(tmp_path, monkeypatch):
    broken = DSL.replace("db = container", "db = contaner")
    write_files(tmp_path, {"arch/workspace.dsl": broken, "adrs/0001-orders.md": ADR})
    result = run_cli(ARGS, tmp_path, monkeypatch)
    findings = json.loads(result.out)["findings"]
    codes = {f["code"] for f in findings}
    assert "C4001" in codes
    assert not codes & {"XREF001", "C4009", "C4010"}
    skipped = [f for f in findings if f["code"] == "XREF002"]
    assert len(skipped) == 1 and skipped[0]["severity"] == "info"
    assert (skipped[0]["file"], skipped[0]["line"]) == ("arch/workspace.dsl", 7)
    assert "reference(s) to c4: IDs not checked: arch/workspace.dsl did not parse" in \
        skipped[0]["message"]


def test_xref002_quiet_when_the_workspace_parses(tmp_path, monkeypatch):
    write_files(tmp_path, {"arch/workspace.dsl": DSL, "adrs/0001-orders.md": ADR})
    result = run_cli(ARGS, tmp_path, monkeypatch)
    assert result.code == 0 and "XREF002" not in result.out


def test_diff_reports_c4010_when_the_change_removes_a_named_element(tmp_path, monkeypatch):
    write_files(tmp_path, {"arch/workspace.dsl": DSL, "adrs/0001-orders.md": ADR,
                           "mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      adrs: adrs\n"
                                         "      c4: arch/workspace.dsl\n"})
    init(tmp_path)
    dsl = tmp_path / "arch/workspace.dsl"
    dsl.write_text(DSL.replace('            db = container "Database" "Orders." "PostgreSQL"\n', "")
                   .replace('        shop.web -> shop.db "Reads" "SQL"\n', ""), encoding="utf-8")
    commit(tmp_path, "drop the database")
    result = run_cli(["diff", "HEAD~1", "HEAD", "--format", "json"], tmp_path, monkeypatch)
    new = json.loads(result.out)["new_findings"]
    assert [(f["code"], f["entity"], f["line"]) for f in new] == [("C4010", "ADR-0001", 9)]
    assert "which this change removes from the C4 model" in new[0]["message"]
    # the same reference is a plain unknown reference for check, which has no history
    assert ("XREF001", 9) in _codes(run_cli(["check", "--format", "json"], tmp_path, monkeypatch))


def test_references_into_an_api_that_did_not_parse_are_not_checked(tmp_path, monkeypatch):
    prd = ("---\nid: PRD-0001\ntitle: Checkout\nstatus: draft\nowner: ann\nrequirements:\n"
           "  - id: R1\n    text: Pay in one step.\n    priority: must\n"
           "    apis: [shop#placeOrder]\n---\n# Checkout\n\nSee [[api:shop#placeOrder]].\n")
    write_files(tmp_path, {"prds/0001-checkout.md": prd,
                           "apis/shop.yaml": "openapi: 3.1.0\ninfo: {title: Shop\npaths: {}\n"})
    result = run_cli(["check", "--format", "json", "--prds", "prds", "--openapi", "apis/shop.yaml"],
                     tmp_path, monkeypatch)
    findings = json.loads(result.out)["findings"]
    codes = [f["code"] for f in findings]
    assert "XREF001" not in codes and "OAS025" not in codes
    skipped = [f for f in findings if f["code"] == "XREF002"]
    assert len(skipped) == 1 and skipped[0]["file"] == "apis/shop.yaml"
    assert skipped[0]["message"].startswith("2 reference(s) to api:shop# IDs not checked")
