"""The repository documents itself with itself: its specs pass, its docs stay true."""

from __future__ import annotations

import re
import subprocess
import sys

from project_fixtures import REPO, run_cli


def test_own_specs_pass_check(monkeypatch):
    result = run_cli(["check"], REPO, monkeypatch)
    assert result.code == 0, result.out


def test_example_product_specs_pass_check(monkeypatch):
    result = run_cli(["check", "-f", "examples/webshop/mkdocs.yml"], REPO, monkeypatch)
    assert result.code == 0, result.out


def test_readme_and_rules_page_list_every_rule_code(monkeypatch, tmp_path):
    rules = run_cli(["rules", "--format", "json"], tmp_path, monkeypatch).json()
    readme = (REPO / "README.md").read_text()
    missing = [r["code"] for r in rules if f"`{r['code']}`" not in readme]
    assert missing == [], f"README lacks rule codes {missing}"
    table = run_cli(["rules", "--format", "markdown"], tmp_path, monkeypatch).out
    assert table in (REPO / "docs/reference/rules.md").read_text(), \
        "docs/reference/rules.md is stale: regenerate it with `specsite rules --format markdown`"


def test_own_adrs_are_at_least_five_real_decisions(monkeypatch):
    doc = run_cli(["export"], REPO, monkeypatch).json()
    adrs = [e for e in doc["entities"] if e["kind"] == "adr"]
    assert len(adrs) >= 5
    assert all(e["status"] == "accepted" and e["date"] for e in adrs)


def test_readme_quick_start_is_the_make_commands():
    readme = (REPO / "README.md").read_text()
    assert re.search(r"make serve", readme) and re.search(r"make test", readme)
    assert "make test" in (REPO / ".ci/run").read_text()


def test_console_script_and_plugin_entry_point_installed():
    from importlib.metadata import entry_points

    plugins = {e.name: e.value for e in entry_points(group="mkdocs.plugins")}
    assert plugins["specsite"] == "specsite.mkdocs_plugin.plugin:SpecsitePlugin"
    out = subprocess.run([sys.executable, "-m", "specsite.cli", "--version"], capture_output=True, text=True)
    assert out.stdout.startswith("specsite ")


def test_core_does_not_import_mkdocs():
    code = ("import sys, specsite.cli, specsite.core.pipeline, specsite.kinds; "
            "print(any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.stdout.strip() == "False", out.stderr
