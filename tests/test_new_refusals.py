"""``specsite new`` refuses what would make a wrong record: an empty title, a second successor."""

from __future__ import annotations

import pytest

from project_fixtures import NYGARD_1, NYGARD_2, NYGARD_3, run_cli, write_files


def _snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
@pytest.mark.parametrize("what", ["adr", "prd"])
def test_an_empty_title_is_refused_and_nothing_written(tmp_path, monkeypatch, title, what):
    write_files(tmp_path, {"adrs/0001-record.md": NYGARD_1, "prds/.keep": ""})
    before = _snapshot(tmp_path)
    result = run_cli(["new", what, title, f"--{what}s", f"{what}s"], tmp_path, monkeypatch)
    assert result.code == 2
    assert "the title is empty" in result.err
    assert _snapshot(tmp_path) == before


def test_superseding_an_already_superseded_decision_is_refused(tmp_path, monkeypatch):
    write_files(tmp_path, {"adrs/0001-record.md": NYGARD_1, "adrs/0002-use-postgresql.md": NYGARD_2,
                           "adrs/0003-use-cockroachdb.md": NYGARD_3})
    before = _snapshot(tmp_path)
    result = run_cli(["new", "adr", "Use SQLite", "--adrs", "adrs", "--supersedes", "2"],
                     tmp_path, monkeypatch)
    assert result.code == 2
    assert "ADR-0002 is already superseded by ADR-0003" in result.err
    assert _snapshot(tmp_path) == before


def test_superseding_a_current_decision_still_works(tmp_path, monkeypatch):
    write_files(tmp_path, {"adrs/0001-record.md": NYGARD_1, "adrs/0002-use-postgresql.md": NYGARD_2,
                           "adrs/0003-use-cockroachdb.md": NYGARD_3})
    result = run_cli(["new", "adr", "Use SQLite", "--adrs", "adrs", "--supersedes", "3"],
                     tmp_path, monkeypatch)
    assert result.code == 0, result.err
    check = run_cli(["check", "--adrs", "adrs"], tmp_path, monkeypatch)
    assert "ADR013" not in check.out
