"""Usage errors a new team meets first: nothing to check, an output folder that does not exist."""

from __future__ import annotations

import pytest

from project_fixtures import NYGARD_1, run_cli, write_files


def test_nothing_to_check_without_mkdocs_yml_is_a_usage_error(tmp_path, monkeypatch):
    result = run_cli(["check"], tmp_path, monkeypatch)
    assert result.code == 2
    assert f"no mkdocs.yml in {tmp_path}" in result.err
    assert "--adrs/--prds/--c4/--openapi/--debt" in result.err
    assert run_cli(["export"], tmp_path, monkeypatch).code == 2


def test_mkdocs_yml_without_the_plugin_is_nothing_to_check(tmp_path, monkeypatch):
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\nplugins: [search]\n",
                           "docs/index.md": "# Home\n"})
    result = run_cli(["check"], tmp_path, monkeypatch)
    assert result.code == 2
    assert "mkdocs.yml does not list the specsite plugin" in result.err


def test_spec_paths_or_the_plugin_are_something_to_check(tmp_path, monkeypatch):
    write_files(tmp_path, {"adrs/0001-record.md": NYGARD_1})
    assert run_cli(["check", "--adrs", "adrs"], tmp_path, monkeypatch).code == 0
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\nplugins: [specsite]\n",
                           "docs/index.md": "# Home\n"})
    assert run_cli(["check"], tmp_path, monkeypatch).code == 0


@pytest.mark.parametrize("command", [["check"], ["check", "--format", "json"], ["export"]])
def test_output_into_a_missing_folder_is_a_usage_error(tmp_path, monkeypatch, command):
    write_files(tmp_path, {"adrs/0001-record.md": NYGARD_1})
    result = run_cli([*command, "--adrs", "adrs", "--output", "missing/report.txt"],
                     tmp_path, monkeypatch)
    assert result.code == 2
    assert "--output missing/report.txt: the folder" in result.err and "does not exist" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "missing").exists()


def test_output_onto_a_folder_is_a_usage_error(tmp_path, monkeypatch):
    write_files(tmp_path, {"adrs/0001-record.md": NYGARD_1})
    (tmp_path / "out").mkdir()
    result = run_cli(["check", "--adrs", "adrs", "--output", "out"], tmp_path, monkeypatch)
    assert result.code == 2 and "is a folder" in result.err


def test_diff_output_into_a_missing_folder_is_a_usage_error(tmp_path, monkeypatch):
    result = run_cli(["diff", "--output", "missing/diff.md"], tmp_path, monkeypatch)
    assert result.code == 2 and "does not exist" in result.err
