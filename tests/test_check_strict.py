"""``specsite check --strict`` fails exactly when ``mkdocs build --strict`` does on spec findings:
warnings count, info does not."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from project_fixtures import NYGARD_1, build_site, run_cli, write_files

MKDOCS = "site_name: t\ntheme: {name: material, font: false}\nplugins:\n  - specsite:\n      adrs: adrs\n"
WARN = "# 2. Undated\n\n## Status\n\nProposed\n"  # ADR004 warning


def _build_passes(root) -> bool:
    try:
        build_site(root, strict=True)
    except Abort:
        return False
    return True


def test_a_warning_fails_check_strict_and_the_strict_build(tmp_path, monkeypatch):
    write_files(tmp_path, {"mkdocs.yml": MKDOCS, "docs/index.md": "# Home\n",
                           "adrs/0001-record.md": NYGARD_1, "adrs/0002-undated.md": WARN})
    assert run_cli(["check"], tmp_path, monkeypatch).code == 0
    strict = run_cli(["check", "--strict"], tmp_path, monkeypatch)
    assert strict.code == 1
    assert "--strict: 1 warning(s) fail the check" in strict.err
    assert not _build_passes(tmp_path)


@pytest.mark.parametrize("level", ["info", "off"])
def test_info_passes_both(tmp_path, monkeypatch, level):
    write_files(tmp_path, {"mkdocs.yml": MKDOCS + f"      rules: {{ADR004: {level}}}\n",
                           "docs/index.md": "# Home\n",
                           "adrs/0001-record.md": NYGARD_1, "adrs/0002-undated.md": WARN})
    assert run_cli(["check", "--strict"], tmp_path, monkeypatch).code == 0
    assert _build_passes(tmp_path)
