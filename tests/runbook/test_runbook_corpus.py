"""RB006 on a real Structurizr workspace (Big Bank plc, from the shared corpus, copied into tmp_path):
containers deployed to Live need a runbook; naming one, or one of its instances, covers it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from runbook_helpers import STEPS

from project_fixtures import CORPUS, run_cli, write_files

BIG_BANK = CORPUS / "c4" / "big-bank-plc"
pytestmark = pytest.mark.skipif(not BIG_BANK.is_dir(), reason="shared corpus not present")
LIVE = ["c4:apiApplication", "c4:database", "c4:mobileApp", "c4:singlePageApplication",
        "c4:webApplication"]


def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, service: str) -> list[dict]:
    shutil.copytree(BIG_BANK, tmp_path / "arch")
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: x\nplugins:\n  - specsite:\n      c4: arch/workspace.dsl\n"
                      "      runbooks: rb\n      runbook_production: [live]\n",
        "rb/0001-api.md": (f"---\nid: RB-0001\ntitle: API down\nservice: {service}\nowner: ops\n"
                           f"severity: sev1\nlast_reviewed: 2026-01-01\n---\n# API down\n{STEPS}"),
    })
    result = run_cli(["check", "--format", "json"], tmp_path, monkeypatch)
    return [f for f in result.json()["findings"] if f["code"].startswith("RB")]


def test_every_container_in_live_needs_a_runbook(tmp_path: Path, monkeypatch) -> None:
    found = check(tmp_path, monkeypatch, "[internetBankingSystem]")
    assert sorted(f["entity"] for f in found) == LIVE  # a system does not cover its containers
    assert all(f["file"] == "arch/workspace.dsl" and f["line"] for f in found)


def test_a_container_or_its_instance_is_covered(tmp_path: Path, monkeypatch) -> None:
    found = check(tmp_path, monkeypatch, "[apiApplication, livePrimaryDatabaseInstance]")
    assert sorted(f["entity"] for f in found) == [e for e in LIVE if e not in (
        "c4:apiApplication", "c4:database")]
