"""Debt change codes: each firing, and an unchanged item staying quiet."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from diff_helpers import by_code, commit, diff_json, edit, init

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "debt"))
from debt_helpers import item, project  # noqa: E402


def _repo(root: Path) -> Path:
    project(root, {
        "0001-a.md": item(1, status="open"),
        "0002-b.md": item(2, quadrant="prudent-inadvertent", adrs=[]),
        "0003-c.md": item(3, title="Stays the same"),
    })
    init(root)
    return root


def test_every_debt_change_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    edit(root, "debt/0001-a.md", 'status: "open"', 'status: "scheduled"\nrelease: "2.4"')
    edit(root, "debt/0001-a.md", '"4 hours/month"', '"6 hours/month"')
    edit(root, "debt/0001-a.md", '"2 days"', '"3 days"')
    edit(root, "debt/0002-b.md", '"prudent-inadvertent"', '"reckless-inadvertent"')
    edit(root, "debt/0002-b.md", '["shop.db"]', '["shop.api"]')
    edit(root, "debt/0002-b.md", '"Debt 2"', '"Debt two"')
    (root / "debt/0004-d.md").write_text(item(4), encoding="utf-8")
    (root / "debt/0003-c.md").unlink()
    commit(root, "head")
    code, doc = diff_json(root, monkeypatch, "HEAD~1", "HEAD")
    codes = by_code(doc)
    assert sorted(codes) == sorted([
        "debt-added", "debt-removed", "debt-status-changed", "debt-release-changed",
        "debt-interest-changed", "debt-principal-changed", "debt-quadrant-changed",
        "debt-links-changed", "debt-changed"])
    assert codes["debt-added"][0]["entity"] == "DEBT-0004"
    assert codes["debt-removed"][0]["level"] == "warning"
    assert codes["debt-status-changed"][0]["fields"] == [
        {"path": "status", "before": "open", "after": "scheduled"}]
    assert codes["debt-interest-changed"][0]["message"] == \
        "debt DEBT-0001: interest changed from 4 hours/month to 6 hours/month"
    assert codes["debt-release-changed"][0]["fields"][0]["after"] == "2.4"
    assert codes["debt-quadrant-changed"][0]["entity"] == "DEBT-0002"
    assert codes["debt-links-changed"][0]["fields"] == [
        {"path": "links.c4", "before": ["c4:shop.db"], "after": ["c4:shop.api"]}]
    # a deleted item is a warning, not breaking: the diff passes by default
    assert code == 0


def test_an_unchanged_register_has_no_debt_changes(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    (root / "docs/other.md").write_text("# Other\n", encoding="utf-8")
    commit(root, "head")
    _, doc = diff_json(root, monkeypatch, "HEAD~1", "HEAD")
    assert [c for c in doc["changes"] if c["kind"] == "debt"] == []


def test_an_item_that_stops_validating_is_not_reported_removed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    edit(root, "debt/0001-a.md", '"prudent-deliberate"', '"sloppy"')
    commit(root, "head")
    _, doc = diff_json(root, monkeypatch, "HEAD~1", "HEAD")
    codes = by_code(doc)
    assert "spec-unreadable" in codes and "debt-removed" not in codes
