"""``specsite check --prds DIR`` and ``specsite export`` with the PRD kind in the pipeline."""

from __future__ import annotations

import json

from prd_helpers import ADR_ACCEPTED, GOOD, prd_text, write

from specsite.cli import main


def test_check_reports_broken_yaml_with_its_line_and_exits_1(tmp_path, kinds, monkeypatch, capsys):
    write(tmp_path / "prds" / "0001-a.md", "---\nid: PRD-0001\ntitle: x\n  status: draft\n---\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--prds", "prds", "--format", "json"]) == 1
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert (finding["code"], finding["file"], finding["line"]) == ("SPEC003", "prds/0001-a.md", 4)


def test_check_passes_a_good_prd_and_export_has_prds_and_requirements(tmp_path, kinds, monkeypatch,
                                                                      capsys):
    write(tmp_path / "adrs" / "0003-hosted-card-fields.md", ADR_ACCEPTED)
    write(tmp_path / "prds" / "0007-one-click-checkout.md", prd_text(GOOD))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--prds", "prds", "--adrs", "adrs"]) == 0
    capsys.readouterr()
    assert main(["export", "--prds", "prds", "--adrs", "adrs"]) == 0
    entities = {e["id"]: e for e in json.loads(capsys.readouterr().out)["entities"]}
    assert entities["PRD-0007"]["kind"] == "prd"
    assert {"rel": "relies-on", "target": "ADR-0003"} in entities["PRD-0007"]["links"]
    assert entities["PRD-0007.R1"]["page"] == "requirements/PRD-0007.md#prd-0007-r1"
