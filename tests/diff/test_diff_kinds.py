"""PRD, ADR and C4 change codes (each firing and its quiet twin), unreadable sides, usage errors
and escaping, on the example product committed in ``tmp_path``."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from diff_helpers import by_code, commit, diff_json, edit, git, webshop_repo, write
from project_fixtures import run_cli

PRD1 = "prds/0001-one-click-checkout.md"
PRD2 = "prds/0002-product-search.md"
DSL = "architecture/workspace.dsl"


def changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *edits: tuple) -> dict[str, list[dict]]:
    """Commit ``edits`` (``(file, old, new)``) on top of the example and diff the two commits."""
    root = webshop_repo(tmp_path)
    for rel, old, new in edits:
        edit(root, rel, old, new)
    commit(root, "head")
    _, doc = diff_json(root, monkeypatch, "HEAD~1", "HEAD")
    return by_code(doc)


def test_target_tightened_is_info_not_a_warning(tmp_path, monkeypatch) -> None:
    codes = changed(tmp_path, monkeypatch, (PRD1, "value: 300, unit: ms", "value: 250, unit: ms"))
    assert [c["entity"] for c in codes["requirement-target-changed"]] == ["PRD-0001.NFR1"]
    assert "requirement-target-loosened" not in codes


def test_lower_bound_loosened(tmp_path, monkeypatch) -> None:
    codes = changed(tmp_path, monkeypatch, (PRD1, 'op: ">=", value: 99.9', 'op: ">=", value: 99.5'))
    assert codes["requirement-target-loosened"][0]["entity"] == "PRD-0001.NFR3"


def test_should_losing_a_criterion_is_info(tmp_path, monkeypatch) -> None:
    text = (Path(__file__).parents[2] / "examples/webshop" / PRD1).read_text()
    start = text.index("    acceptance:\n      - given: a one-click order that has not shipped")
    end = text.index("  - id: R4")
    codes = changed(tmp_path, monkeypatch, (PRD1, text[start:end], ""))
    assert codes["requirement-acceptance-changed"][0]["entity"] == "PRD-0001.R3"
    assert "must-acceptance-dropped" not in codes


def test_prd_status_links_and_requirement_changes(tmp_path, monkeypatch) -> None:
    codes = changed(
        tmp_path, monkeypatch,
        (PRD1, "status: approved", "status: shipped"),
        (PRD1, "adrs: [ADR-0002, ADR-0003, ADR-0004]", "adrs: [ADR-0002, ADR-0003]"),
        (PRD1, "text: Shoppers can buy a whole wishlist in one step.", "text: Shoppers buy wishlists at once."),
        (PRD1, "    priority: wont\n", "    priority: could\n"),
        (PRD1, "    apis: [orders#cancelOrder]\n", "    apis: [orders#cancelOrder, orders#getOrder]\n"),
    )
    status = codes["prd-status-changed"][0]
    assert status["fields"] == [{"path": "status", "before": "approved", "after": "shipped"}]
    assert codes["prd-links-changed"][0]["fields"] == [
        {"path": "links.relies-on", "before": ["ADR-0002", "ADR-0003", "ADR-0004"], "after": ["ADR-0002", "ADR-0003"]}]
    assert codes["requirement-text-changed"][0]["entity"] == "PRD-0001.R4"
    assert codes["requirement-priority-changed"][0]["message"].endswith("priority wont -> could")
    assert "implemented-by + api:orders#getOrder" in codes["requirement-links-changed"][0]["message"]


def test_requirement_removed_from_a_draft_is_info(tmp_path, monkeypatch) -> None:
    root = webshop_repo(tmp_path)
    text = (root / PRD2).read_text()
    assert "status: draft" in text or "status: review" in text
    ids = [line for line in text.splitlines() if line.startswith("  - id: ")]
    start = text.index(ids[-1] + "\n")
    end = text.index("\n", text.index("\n  - id:", start) + 1) if False else text.index("metrics:") \
        if "metrics:" in text[start:] else len(text)
    (root / PRD2).write_text(text[:start] + text[end:])
    commit(root, "head")
    _, doc = diff_json(root, monkeypatch, "HEAD~1", "HEAD")
    codes = by_code(doc)
    assert codes["requirement-removed"][0]["level"] == "info"
    assert "requirement-removed-from-committed-prd" not in codes


def test_prd_added_and_removed(tmp_path, monkeypatch) -> None:
    root = webshop_repo(tmp_path)
    (root / PRD1).unlink()
    (root / "prds/0009-wishlists.md").write_text(
        "---\nid: PRD-0009\ntitle: Wishlists\nstatus: draft\nowner: sam\n---\n# Wishlists\n")
    commit(root, "head")
    _, doc = diff_json(root, monkeypatch, "HEAD~1", "HEAD")
    codes = by_code(doc)
    assert codes["committed-prd-removed"][0]["entity"] == "PRD-0001"
    assert codes["prd-added"][0]["entity"] == "PRD-0009"
    # what still links to the removed PRD is to review
    assert "api:orders#cancelOrder" in next(
        c for c in doc["changes"] if c["entity"] == "PRD-0001.R2")["impacted"]


def test_decision_edits(tmp_path, monkeypatch) -> None:
    codes = changed(
        tmp_path, monkeypatch,
        ("decisions/0005-product-search-engine.md", "## Decision Outcome\n", "## Decision Outcome\n\nOpenSearch.\n"),
        ("decisions/0004-publish-order-events.md", "status: accepted", "status: deprecated"),
    )
    assert codes["adr-decision-changed"][0]["entity"] == "ADR-0005"  # proposed: free to edit
    assert "accepted-adr-decision-edited" not in codes
    assert codes["adr-status-changed"][0]["entity"] == "ADR-0004"


def test_decision_deleted_and_links(tmp_path, monkeypatch) -> None:
    root = webshop_repo(tmp_path)
    (root / "decisions/0003-use-hosted-card-fields.md").unlink()
    edit(root, "decisions/0002-store-orders-in-postgresql.md", "supersedes: ADR-0001\n", "")
    commit(root, "head")
    _, doc = diff_json(root, monkeypatch, "HEAD~1", "HEAD")
    codes = by_code(doc)
    assert codes["adr-removed"][0]["level"] == "warning"
    assert {c["entity"] for c in codes["adr-links-changed"]} >= {"ADR-0002"}


def test_relationship_description_edited_is_one_change(tmp_path, monkeypatch) -> None:
    codes = changed(tmp_path, monkeypatch,
                    (DSL, '"Reads and updates orders in" "JDBC"', '"Reads and writes orders in" "JDBC"'))
    rel = codes["c4-relationship-changed"]
    assert [c["entity"] for c in rel] == ["c4:webshop.orders->webshop.db"]
    assert rel[0]["fields"][0] == {"path": "description", "before": "Reads and updates orders in",
                                   "after": "Reads and writes orders in"}
    assert "c4-relationship-added" not in codes and "c4-relationship-removed" not in codes


def test_element_removed_and_view_added(tmp_path, monkeypatch) -> None:
    codes = changed(
        tmp_path, monkeypatch,
        (DSL, '        support = person "Customer service agent" "Looks up orders and issues refunds."\n', ""),
        (DSL, '        support -> webshop.orders "Looks up orders and refunds with" "HTTPS"\n', ""),
        (DSL, '        container webshop "Containers"',
         '        container webshop "Data" {\n            include webshop.db webshop.orders\n        }\n'
         '        container webshop "Containers"'),
    )
    assert codes["c4-element-removed"][0]["entity"] == "c4:support"
    assert codes["c4-view-added"][0]["entity"] == "view:Data"
    assert codes["c4-relationship-removed"][0]["entity"] == "c4:support->webshop.orders"


def test_unreadable_side_is_reported_and_other_kinds_compared(tmp_path, monkeypatch) -> None:
    root = webshop_repo(tmp_path)
    edit(root, PRD1, "status: approved\n", "status: approved\n  bad: [\n")
    edit(root, "decisions/0005-product-search-engine.md", "status: proposed", "status: accepted")
    commit(root, "head")
    code, doc = diff_json(root, monkeypatch, "HEAD~1", "HEAD")
    codes = by_code(doc)
    unreadable = codes["spec-unreadable"][0]
    assert unreadable["entity"] == PRD1 and unreadable["head"]["file"] == PRD1
    assert unreadable["message"].startswith(f"head: {PRD1}:")
    assert not any(c["entity"].startswith("PRD-0001") for c in doc["changes"])
    assert codes["adr-status-changed"][0]["entity"] == "ADR-0005"


def test_usage_errors_exit_2(tmp_path, monkeypatch) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    result = run_cli(["diff"], plain, monkeypatch)
    assert result.code == 2 and "not inside a git repository" in result.err
    root = webshop_repo(tmp_path)
    result = run_cli(["diff", "no-such-rev"], root, monkeypatch)
    assert result.code == 2 and "unknown revision 'no-such-rev'" in result.err
    write(root, "bad.json", "{\"version\": 1}")
    result = run_cli(["diff", "--base-export", "bad.json"], root, monkeypatch)
    assert result.code == 2 and "base: bad.json" in result.err
    result = run_cli(["diff", "--base-export", "missing.json"], root, monkeypatch)
    assert result.code == 2 and "does not exist" in result.err
    edit(root, "mkdocs.yml", "plugins:", "plugins: [\n")
    result = run_cli(["diff", "HEAD"], root, monkeypatch)
    assert result.code == 2 and result.err.startswith("specsite diff: head (working tree): mkdocs.yml")


def test_spec_values_are_escaped_in_markdown(tmp_path, monkeypatch) -> None:
    root = webshop_repo(tmp_path)
    edit(root, PRD1, "text: Shoppers can buy a whole wishlist in one step.",
         "text: \"<img src=x onerror=alert(1)> | [click](javascript:alert(1)) **bold**\"")
    commit(root, "head")
    out = run_cli(["diff", "HEAD~1", "HEAD", "--format", "markdown"], root, monkeypatch).out
    rows = [line for line in out.splitlines() if "PRD-0001.R4" in html.unescape(line)]
    assert rows and all("onerror" in row for row in rows)  # the new text is shown...
    for row in rows:  # ...but inert
        assert "<img" not in row and "](javascript" not in row and "**bold**" not in row
        assert "&#60;img" in row
        assert len(re.split(r"(?<!\\)\|", row)) == 8  # no cell was split by the | in the text


def _sunset_repo(tmp_path: Path, head_date: str) -> Path:
    """The example with a deprecated operation (sunset 2030-06-01) that HEAD, committed at
    ``head_date``, removes."""
    root = webshop_repo(tmp_path)
    edit(root, "apis/orders.yaml", "      operationId: refundOrder\n",
         "      operationId: refundOrder\n      deprecated: true\n      x-sunset: \"2030-06-01\"\n")
    commit(root, "deprecate refunds", date="2030-01-01T12:00:00+00:00")
    text = (root / "apis/orders.yaml").read_text(encoding="utf-8")
    start, end = text.index("  /orders/{orderId}/refunds:\n"), text.index("components:")
    write(root, "apis/orders.yaml", text[:start] + text[end:])
    commit(root, "remove refunds", date=head_date)
    return root


@pytest.mark.parametrize("head_date,code", [
    ("2030-05-31T23:00:00+00:00", "api-path-removed-before-sunset"),
    ("2030-06-01T08:00:00+00:00", "api-removed-after-deprecation"),
])
def test_sunset_is_judged_on_the_head_commit_date(tmp_path, monkeypatch, head_date, code) -> None:
    """Never the wall clock: the default day is HEAD's committer date, said in the output."""
    root = _sunset_repo(tmp_path, head_date)
    _, doc = diff_json(root, monkeypatch, "HEAD~1", "HEAD")
    assert [c["entity"] for c in by_code(doc)[code]] == ["api:orders#refundOrder"]
    assert doc["as_of"] == {"date": head_date[:10], "note": "committer date of HEAD"}
    # the working tree is on HEAD: the same day
    _, doc = diff_json(root, monkeypatch, "HEAD~1")
    assert doc["as_of"]["date"] == head_date[:10] and "working tree" in doc["as_of"]["note"]
    text = run_cli(["diff", "HEAD~1", "HEAD"], root, monkeypatch).out
    assert f"dates compared as of {head_date[:10]}: committer date of HEAD" in text


def test_as_of_option(tmp_path, monkeypatch) -> None:
    root = _sunset_repo(tmp_path, "2030-05-01T12:00:00+00:00")
    _, doc = diff_json(root, monkeypatch, "HEAD~1", "HEAD", "--as-of", "2031-01-01")
    assert "api-removed-after-deprecation" in by_code(doc)
    assert doc["as_of"] == {"date": "2031-01-01", "note": "--as-of"}
    result = run_cli(["diff", "HEAD~1", "HEAD", "--as-of", "soon"], root, monkeypatch)
    assert result.code == 2 and "--as-of 'soon' is not a date" in result.err
    # two saved exports carry no commit: without --as-of the sunset has not come
    git(root, "checkout", "-q", "HEAD~1")
    assert run_cli(["export", "--output", str(tmp_path / "base.json")], root, monkeypatch).code == 0
    git(root, "checkout", "-q", "main")
    assert run_cli(["export", "--output", str(tmp_path / "head.json")], root, monkeypatch).code == 0
    exports = ("--base-export", str(tmp_path / "base.json"), "--head-export", str(tmp_path / "head.json"))
    _, doc = diff_json(root, monkeypatch, *exports)
    assert doc["as_of"]["date"] is None and "pass --as-of" in doc["as_of"]["note"]
    assert "api-path-removed-before-sunset" in by_code(doc)
    _, doc = diff_json(root, monkeypatch, *exports, "--as-of", "2031-01-01")
    assert "api-removed-after-deprecation" in by_code(doc)


def test_release_and_milestone_changes_are_reported_field_by_field(tmp_path, monkeypatch) -> None:
    codes = changed(tmp_path, monkeypatch,
                    (PRD1, "release: 2027-Q1", "release: 2027-Q2"),
                    (PRD1, "date: 2027-03-15}", "date: 2027-04-15}"))
    [change] = codes["prd-changed"]
    fields = {f["path"]: f for f in change["fields"]}
    assert (fields["release"]["before"], fields["release"]["after"]) == ("2027-Q1", "2027-Q2")
    assert fields["milestones"]["after"][-1]["date"] == "2027-04-15"
    assert "prd-text-changed" not in codes


def test_milestones_unchanged_report_nothing(tmp_path, monkeypatch) -> None:
    codes = changed(tmp_path, monkeypatch, (PRD1, "# ", "#  "))
    assert "prd-changed" not in codes
def test_ice_and_kano_changes(tmp_path, monkeypatch) -> None:
    codes = changed(tmp_path, monkeypatch,
                    (PRD1, "ice: {impact: 9, confidence: 8, ease: 4}", "ice: {impact: 9, confidence: 5, ease: 4}"),
                    (PRD1, "kano: must-be", "kano: performance"))
    ice = codes["requirement-ice-changed"][0]
    assert ice["entity"] == "PRD-0001.R1" and "ICE score 288.0 -> 180.0" in ice["message"]
    assert [c["entity"] for c in codes["requirement-kano-changed"]] == ["PRD-0001.R2"]
    assert "Kano must-be -> performance" in codes["requirement-kano-changed"][0]["message"]
    # RICE did not change, so neither did the RICE rank
    assert "requirement-rice-changed" not in codes


def test_personas_and_stories_changes(tmp_path, monkeypatch) -> None:
    codes = changed(tmp_path, monkeypatch,
                    (PRD1, "personas: [shopper, support]", "personas: [shopper]"),
                    (PRD1, "want: to take back an order I placed by mistake",
                     "want: to cancel an order I placed by mistake"),
                    (PRD2, "  - as: shopper\n    want: to narrow the results to my size and budget\n"
                     "    so_that: I only see products I could actually buy\n    requirements: [R3]\n", ""))
    personas = codes["prd-personas-changed"][0]
    assert personas["entity"] == "PRD-0001" and "personas - support" in personas["message"]
    assert "prd-links-changed" not in codes  # the persona link is the personas field again
    assert [c["entity"] for c in codes["story-changed"]] == ["PRD-0001.story-2"]
    assert "want changed" in codes["story-changed"][0]["message"]
    assert [c["entity"] for c in codes["story-removed"]] == ["PRD-0002.story-2"]


def test_no_persona_or_story_change_when_neither_changed(tmp_path, monkeypatch) -> None:
    codes = changed(tmp_path, monkeypatch, (PRD1, "value: 300, unit: ms", "value: 250, unit: ms"))
    for code in ("prd-personas-changed", "story-added", "story-removed", "story-changed",
                 "requirement-ice-changed", "requirement-kano-changed"):
        assert code not in codes
