"""The example product with a scripted second revision: one change of each kind, through the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from diff_helpers import by_code, commit, diff_json, edit, webshop_repo, write
from project_fixtures import run_cli

PRD = "prds/0001-one-click-checkout.md"
ORDERS = "apis/orders.yaml"
DSL = "architecture/workspace.dsl"


def second_revision(root: Path) -> None:
    """Requirements, a decision, the architecture and an API all change."""
    # requirements: R3 leaves an approved PRD, a target is loosened, a must loses a criterion
    text = (root / PRD).read_text(encoding="utf-8")
    start = text.index("  - id: R3\n")
    end = text.index("  - id: R4\n")
    (root / PRD).write_text(text[:start] + text[end:], encoding="utf-8")
    edit(root, PRD, 'op: "<=", value: 300, unit: ms', 'op: "<=", value: 500, unit: ms')
    edit(root, PRD, '''      - given: a shopper who is not signed in
        when: they look at a product page
        then: no "Buy now" button is shown
''', "")
    edit(root, PRD, "rice: {reach: 5000, impact: 1, confidence: 0.8, effort: 1}",
         "rice: {reach: 90000, impact: 1, confidence: 0.8, effort: 1}")
    # decisions: an accepted decision's outcome is edited, a proposed one is accepted, a new one
    edit(root, "decisions/0002-store-orders-in-postgresql.md", "## Decision Outcome\n",
         "## Decision Outcome\n\nWe also keep a read replica for reporting.\n")
    edit(root, "decisions/0005-product-search-engine.md", "status: proposed", "status: accepted")
    write(root, "decisions/0006-cache-product-pages.md",
          "---\nstatus: proposed\ndate: 2026-03-01\n---\n# Cache product pages\n\n## Context\n\n"
          "Pages are slow; see [[ADR-0099]].\n\n## Decision\n\nCache them at the edge.\n")
    # architecture: a new container, a changed technology, a removed relationship
    edit(root, DSL, '''            search = container "Product search" "Full-text product search with synonyms." "PostgreSQL full-text search"''',
         '''            search = container "Product search" "Full-text product search with synonyms." "OpenSearch"
            recommendations = container "Recommendations" "Suggests related products." "Python"''')
    edit(root, DSL, '''        webshop.orders -> psp "Issues refunds with" "HTTPS/JSON"\n''', "")
    edit(root, DSL, '''                    containerInstance webshop.search\n''',
         '''                    containerInstance webshop.search\n                    containerInstance webshop.recommendations\n''')
    # API: a required parameter, a narrower request enum, a wider response enum, across files
    edit(root, ORDERS, '''        - name: cursor
          in: query''', '''        - name: region
          in: query
          required: true
          schema: {type: string}
        - name: cursor
          in: query''')
    edit(root, ORDERS, "enum: [damaged, late, goodwill, other]", "enum: [damaged, late, goodwill]")
    edit(root, ORDERS, "enum: [paid, packed, shipped, delivered, cancelled]",
         "enum: [paid, packed, shipped, delivered, cancelled, returned]")
    edit(root, "apis/common/money.yaml", "    postalCode: {type: string, example: \"111 22\"}",
         "    postalCode: {type: string, maxLength: 10, example: \"111 22\"}")
    commit(root, "second revision")


@pytest.fixture(scope="module")
def webshop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = webshop_repo(tmp_path_factory.mktemp("diff"))
    second_revision(root)
    return root


def test_one_change_of_each_kind(webshop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, doc = diff_json(webshop, monkeypatch, "HEAD~1", "HEAD")
    assert code == 1  # breaking API changes fail the default --fail-on breaking
    codes = by_code(doc)
    removed = codes["requirement-removed-from-committed-prd"][0]
    assert removed["entity"] == "PRD-0001.R3" and removed["level"] == "warning"
    assert removed["base"] == {"file": PRD, "line": removed["base"]["line"]} and removed["head"] is None
    loosened = codes["requirement-target-loosened"][0]
    assert loosened["entity"] == "PRD-0001.NFR1"
    assert loosened["fields"][0]["before"]["value"] == 300 and loosened["fields"][0]["after"]["value"] == 500
    assert codes["must-acceptance-dropped"][0]["entity"] == "PRD-0001.R1"
    rice = codes["requirement-rice-changed"][0]
    assert rice["entity"] == "PRD-0001.R2"
    assert {f["path"] for f in rice["fields"]} >= {"rice", "rice_score", "backlog_rank"}
    assert codes["accepted-adr-decision-edited"][0]["entity"] == "ADR-0002"
    status = codes["adr-status-changed"][0]
    assert status["entity"] == "ADR-0005" and status["fields"] == [
        {"path": "status", "before": "proposed", "after": "accepted"}]
    assert codes["adr-added"][0]["entity"] == "ADR-0006"
    assert codes["c4-element-added"][0]["entity"] == "c4:webshop.recommendations"
    tech = codes["c4-element-changed"][0]
    assert tech["entity"] == "c4:webshop.search"
    assert tech["fields"] == [{"path": "technology", "before": "PostgreSQL full-text search",
                               "after": "OpenSearch"}]
    assert [c["entity"] for c in codes["c4-relationship-removed"]] == ["c4:webshop.orders->psp"]
    assert codes["c4-deployment-added"]
    views = {c["entity"] for c in codes["c4-view-changed"]}
    assert "view:Containers" in views
    param = codes["new-required-request-parameter"][0]
    assert param["entity"] == "api:orders#listOrders" and param["level"] == "breaking"
    assert "query parameter region" in param["message"]
    assert param["head"]["file"] == ORDERS and param["head"]["line"] > 0
    assert "PRD-0003.R1" in param["impacted"]  # the requirement listOrders implements
    enum = codes["request-property-enum-value-removed"][0]
    assert enum["entity"] == "api:orders#refundOrder" and "'other'" in enum["message"]
    assert "response-property-enum-value-added" in codes
    # a constraint in a file reached through $ref: the request that sends an Address
    assert any(c["entity"] == "api:orders#updateShippingAddress"
               for c in codes["request-property-max-length-set"])
    # impact: the PRD that relies on the edited decision is to review
    assert "PRD-0001" in codes["accepted-adr-decision-edited"][0]["impacted"]
    # what the change breaks elsewhere is a new finding (the API still names the removed R3, the
    # new decision's broken reference...); nothing that was already there is reported as new
    assert sorted(f["code"] for f in doc["new_findings"]) == ["ADR011", "OAS024", "PRD013", "XREF001"]
    assert any("PRD-0001.R3" in f["message"] for f in doc["new_findings"])
    assert doc["summary"]["breaking"] == len([c for c in doc["changes"] if c["level"] == "breaking"])


def test_markdown_comment(webshop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_cli(["diff", "HEAD~1", "HEAD", "--format", "markdown",
                      "--site-url", "https://preview.example/pr-7/"], webshop, monkeypatch)
    out = result.out
    assert result.code == 1
    assert out.startswith("<!-- specsite-diff -->\n")
    assert "| Kind | Breaking | Warning | Info | Added | Removed | Changed |" in out
    assert re.search(r"\| API operations \| [1-9]", out)
    # breaking changes come before the details, which fold per kind
    assert out.index("### Breaking changes and warnings") < out.index("<details>")
    assert "<summary>Requirements (" in out
    assert "(https://preview.example/pr-7/requirements/PRD-0001/#prd-0001-r1)" in out
    assert "<summary>New findings (4)</summary>" in out


def test_fail_on_levels(webshop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_cli(["diff", "HEAD~1", "HEAD", "--fail-on", "never"], webshop, monkeypatch).code == 0
    # only decisions changed between these two: warnings, no breaking change
    assert run_cli(["diff", "HEAD~1", "HEAD", "--adrs", "decisions"], webshop, monkeypatch).code == 0
    assert run_cli(["diff", "HEAD~1", "HEAD", "--adrs", "decisions", "--fail-on", "warning"],
                   webshop, monkeypatch).code == 1


def test_text_and_github(webshop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = run_cli(["diff", "HEAD~1", "HEAD"], webshop, monkeypatch).out
    assert text.startswith("specsite diff: base revision HEAD~1")
    assert "BREAKING (" in text and "to review:" in text
    gh = run_cli(["diff", "HEAD~1", "HEAD", "--format", "github"], webshop, monkeypatch).out.splitlines()
    errors = [l for l in gh if l.startswith("::error ")]
    assert errors and all("file=apis/orders.yaml" in l for l in errors)
    assert len(errors) <= 10 and gh[-1].startswith("::notice title=specsite diff::")


def test_same_revision_is_no_change(webshop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, doc = diff_json(webshop, monkeypatch, "HEAD", "HEAD")
    assert code == 0 and doc["changes"] == [] and doc["new_findings"] == []


def test_working_tree_and_default_base(webshop: Path, monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path) -> None:
    """HEAD defaults to the working tree and BASE to the merge-base with main."""
    from diff_helpers import git

    git(webshop, "checkout", "-q", "-b", "feature")
    try:
        edit(webshop, "decisions/0005-product-search-engine.md", "status: accepted", "status: rejected")
        code, doc = diff_json(webshop, monkeypatch)
        assert doc["base"]["note"] == "merge-base of HEAD and main"
        assert doc["head"]["source"] == "working tree"
        assert [c["code"] for c in doc["changes"]] == ["adr-status-changed"]
        # the work tree and the index are untouched by reading the base
        assert "status: rejected" in (webshop / "decisions/0005-product-search-engine.md").read_text()
        assert git(webshop, "status", "--porcelain").strip() == "M decisions/0005-product-search-engine.md"
    finally:
        git(webshop, "checkout", "-q", "--", ".")
        git(webshop, "checkout", "-q", "main")


def test_saved_exports(webshop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two saved exports give the same changes as the two revisions."""
    from diff_helpers import git

    exports = {}
    for rev in ("HEAD~1", "HEAD"):
        git(webshop, "checkout", "-q", rev)
        try:
            exports[rev] = run_cli(["export"], webshop, monkeypatch).out
        finally:
            git(webshop, "checkout", "-q", "main")
    (webshop.parent / "base.json").write_text(exports["HEAD~1"])
    (webshop.parent / "head.json").write_text(exports["HEAD"])
    code, from_exports = diff_json(webshop, monkeypatch, "--base-export", "../base.json",
                                   "--head-export", "../head.json")
    _, from_git = diff_json(webshop, monkeypatch, "HEAD~1", "HEAD")
    assert code == 1
    assert from_exports["changes"] == from_git["changes"]
    assert json.loads(exports["HEAD"])["openapi"]["apis"][0]["documents"]
