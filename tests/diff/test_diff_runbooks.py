"""Runbook change codes on the example product committed in ``tmp_path``: each firing and its
quiet twin, an unreadable side, and saved exports compared like revisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from diff_helpers import by_code, commit, diff_json, edit, git, webshop_repo, write

from project_fixtures import run_cli

RB1 = "runbooks/0001-checkout-slow-or-failing.md"
RB2 = "runbooks/0002-order-tracking-unavailable.md"


def changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *edits: tuple) -> dict[str, list[dict]]:
    """Commit ``edits`` (``(file, old, new)``) on top of the example and diff the two commits."""
    root = webshop_repo(tmp_path)
    for rel, old, new in edits:
        edit(root, rel, old, new)
    commit(root, "head")
    _, doc = diff_json(root, monkeypatch, "HEAD~1", "HEAD")
    return by_code(doc)


def runbook_codes(codes: dict[str, list[dict]]) -> list[str]:
    return sorted(c for c in codes if c.startswith("runbook-"))


def test_an_unchanged_example_has_no_runbook_change(tmp_path, monkeypatch) -> None:
    assert runbook_codes(changed(tmp_path, monkeypatch)) == []


def test_facts_changed_field_by_field(tmp_path, monkeypatch) -> None:
    codes = changed(tmp_path, monkeypatch, (RB1, "severity: sev1", "severity: sev2"),
                    (RB1, "last_reviewed: 2026-09-15", "last_reviewed: 2026-11-20"))
    assert runbook_codes(codes) == ["runbook-changed"]
    change = codes["runbook-changed"][0]
    assert change["entity"] == "RB-0001" and change["level"] == "info"
    assert change["fields"] == [
        {"path": "severity", "before": "sev1", "after": "sev2"},
        {"path": "last_reviewed", "before": "2026-09-15", "after": "2026-11-20"}]
    assert change["head"] == {"file": RB1, "line": 2}


def test_services_and_slos_changed(tmp_path, monkeypatch) -> None:
    codes = changed(tmp_path, monkeypatch,
                    (RB2, "service: [webshop.orders, webshop.db]", "service: [webshop.orders]"),
                    (RB2, "slo: [PRD-0003.NFR1]", "slo: [PRD-0003.NFR1, PRD-0001.NFR3]"))
    assert runbook_codes(codes) == ["runbook-services-changed", "runbook-slos-changed"]
    assert codes["runbook-services-changed"][0]["message"] == \
        "runbook RB-0002: links service - c4:webshop.db"
    assert codes["runbook-slos-changed"][0]["fields"] == [
        {"path": "links.protects", "before": ["PRD-0003.NFR1"],
         "after": ["PRD-0001.NFR3", "PRD-0003.NFR1"]}]
    # RB-0001 sends readers to RB-0002 for the database: to review
    assert codes["runbook-services-changed"][0]["impacted"] == ["RB-0001"]


def test_steps_edited(tmp_path, monkeypatch) -> None:
    codes = changed(tmp_path, monkeypatch, (RB2, "cancel them", "terminate them"))
    assert runbook_codes(codes) == ["runbook-text-changed"]


def test_added_and_removed(tmp_path, monkeypatch) -> None:
    root = webshop_repo(tmp_path)
    text = (root / RB2).read_text()
    (root / RB2).unlink()
    write(root, "runbooks/0003-search-slow.md", text.replace("RB-0002", "RB-0003"))
    commit(root, "head")
    _, doc = diff_json(root, monkeypatch, "HEAD~1", "HEAD")
    codes = by_code(doc)
    assert [c["entity"] for c in codes["runbook-added"]] == ["RB-0003"]
    removed = codes["runbook-removed"][0]
    assert removed["entity"] == "RB-0002" and removed["level"] == "warning"
    assert "c4:webshop.orders" in removed["message"] and removed["base"] == {"file": RB2, "line": 2}


def test_a_runbook_broken_on_one_side_is_unreadable_not_emptied(tmp_path, monkeypatch) -> None:
    codes = changed(tmp_path, monkeypatch, (RB1, "severity: sev1", "severity: sev9"))
    assert runbook_codes(codes) == []
    assert codes["spec-unreadable"][0]["entity"] == RB1


def test_saved_exports_compare_like_revisions(tmp_path, monkeypatch) -> None:
    root = webshop_repo(tmp_path)
    base = run_cli(["export"], root, monkeypatch)
    (tmp_path / "base.json").write_text(base.out)
    edit(root, RB1, "owner: team-checkout", "owner: team-payments")
    _, doc = diff_json(root, monkeypatch, "--base-export", str(tmp_path / "base.json"))
    assert by_code(doc)["runbook-changed"][0]["fields"] == [
        {"path": "owner", "before": "team-checkout", "after": "team-payments"}]
    assert git(root, "status", "--porcelain").strip() == f"M {RB1}"
