"""Rule levels as YAML writes them: an unquoted ``off`` (or ``no``) is ``false`` to YAML 1.1."""

from __future__ import annotations

import pytest

from project_fixtures import build_site, run_cli, write_files

WARN_ADR = "# 3. Warn\n\n## Status\n\nProposed\n"  # ADR004: no date


def _project(tmp_path, level: str):
    return write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      adrs: adrs\n"
                      f"      rules: {{ADR004: {level}}}\n",
        "docs/index.md": "# Home\n",
        "adrs/0003-warn.md": WARN_ADR,
    })


@pytest.mark.parametrize("level", ["off", "Off", "OFF", "no", "false", '"off"'])
def test_off_as_documented_switches_the_rule_off(tmp_path, monkeypatch, level):
    result = run_cli(["check"], _project(tmp_path, level), monkeypatch)
    assert result.code == 0, result.err
    assert "ADR004" not in result.out and "0 warning(s)" in result.out


def test_off_in_the_plugin_entry_builds(tmp_path):
    from mkdocs.config import load_config

    _project(tmp_path, "off")
    config = load_config(str(tmp_path / "mkdocs.yml"), strict=True)
    assert config.plugins["specsite"].options.rules == {"ADR004": "off"}
    assert (build_site(tmp_path) / "decisions" / "ADR-0003" / "index.html").exists()


@pytest.mark.parametrize("level", ["on", "yes", "true"])
def test_a_true_level_is_refused_with_what_to_write(tmp_path, monkeypatch, level):
    result = run_cli(["check"], _project(tmp_path, level), monkeypatch)
    assert result.code == 2
    assert "write one of error, warning, info or off" in result.err
    assert "Traceback" not in result.err


def test_diff_levels_take_off_too(tmp_path, monkeypatch):
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      adrs: adrs\n"
                      "      diff_levels: {spec-unreadable: off}\n",
        "adrs/0003-warn.md": WARN_ADR,
    })
    result = run_cli(["check"], tmp_path, monkeypatch)
    assert result.code == 0, result.err
