"""``specsite init`` in an existing MkDocs project: plugin entry, spec folders, nav; never
overwrites a file; comments, order, tags, line endings and BOM of mkdocs.yml survive."""

from __future__ import annotations

import pytest

from project_fixtures import NYGARD_1, build_site, run_cli, write_files

MKDOCS = """\
# our docs
site_name: !ENV [SITE_NAME, Team docs]   # from the environment
theme:
  name: material
  font: false
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search   # keep search
nav:
  - Home: index.md
"""


def _snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_init_scaffolds_a_project_that_checks_and_builds(tmp_path, monkeypatch):
    write_files(tmp_path, {"mkdocs.yml": MKDOCS, "docs/index.md": "# Home\n"})
    result = run_cli(["init"], tmp_path, monkeypatch)
    assert result.code == 0, result.err
    assert "created adrs/0001-record-architecture-decisions.md" in result.out
    text = (tmp_path / "mkdocs.yml").read_text()
    assert text.startswith("# our docs\nsite_name: !ENV [SITE_NAME, Team docs]   # from the environment\n")
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in text
    assert "  - search   # keep search\n  - specsite:\n      adrs: adrs\n      prds: specs/prds\n" in text
    assert "  - Home: index.md\n  - Decisions:\n      - decisions/index.md\n" in text
    assert (tmp_path / "specs/prds/README.md").is_file()
    assert run_cli(["check", "--strict"], tmp_path, monkeypatch).code == 0
    site = build_site(tmp_path)
    assert (site / "decisions/ADR-0001/index.html").is_file()


def test_init_uses_the_folders_the_repository_has(tmp_path, monkeypatch):
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\n", "docs/index.md": "# Home\n",
                           "doc/adr/0001-record.md": NYGARD_1,
                           "arch/workspace.dsl": "workspace {\n}\n",
                           "workspace.dsl": "workspace {\n    model {\n    }\n}\n",
                           "openapi.yaml": "openapi: 3.1.0\n"})
    before = (tmp_path / "doc/adr/0001-record.md").read_bytes()
    result = run_cli(["init"], tmp_path, monkeypatch)
    assert result.code == 0, result.err
    assert "created adr" not in result.out
    assert (tmp_path / "doc/adr/0001-record.md").read_bytes() == before
    text = (tmp_path / "mkdocs.yml").read_text()
    # no plugins key: MkDocs' default search stays on
    assert "plugins:\n  - search\n  - specsite:\n      adrs: doc/adr\n" in text
    assert "      c4: workspace.dsl\n      openapi: openapi.yaml\n" in text
    # no nav: MkDocs builds it; the snippet is printed, not written
    assert "nav:" not in text and "  - Decisions:\n      - decisions/index.md\n" in result.out
    assert "  - APIs: api/index.md\n" in result.out


def test_crlf_and_bom_survive(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_bytes(b"\xef\xbb\xbfsite_name: t\r\nplugins:\r\n- search\r\n")
    assert run_cli(["init"], tmp_path, monkeypatch).code == 0
    raw = (tmp_path / "mkdocs.yml").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfsite_name: t\r\nplugins:\r\n- search\r\n- specsite:\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")


@pytest.mark.parametrize("config", ["site_name: t\nplugins:\n  - specsite\n",
                                    "site_name: t\nplugins:\n  specsite: {adrs: x}\n"])
def test_refused_when_specsite_is_configured(tmp_path, monkeypatch, config):
    write_files(tmp_path, {"mkdocs.yml": config})
    before = _snapshot(tmp_path)
    result = run_cli(["init"], tmp_path, monkeypatch)
    assert result.code == 2 and "already lists the specsite plugin" in result.err
    assert _snapshot(tmp_path) == before


def test_refused_without_mkdocs_yml(tmp_path, monkeypatch):
    result = run_cli(["init"], tmp_path, monkeypatch)
    assert result.code == 2 and "mkdocs new ." in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_file_in_the_way_is_never_overwritten(tmp_path, monkeypatch):
    # an empty ADR folder gets the first decision, unless that very file exists as something else
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\n"})
    (tmp_path / "adrs/0001-record-architecture-decisions.md").mkdir(parents=True)
    before = _snapshot(tmp_path)
    result = run_cli(["init"], tmp_path, monkeypatch)
    assert result.code == 2 and "never overwrites" in result.err
    assert _snapshot(tmp_path) == before and not (tmp_path / "specs").exists()


def test_init_uses_runbook_and_debt_folders_only_when_they_exist(tmp_path, monkeypatch):
    write_files(tmp_path, {"mkdocs.yml": MKDOCS, "docs/index.md": "# Home\n",
                           "runbooks/README.md": "# Runbooks\n", "specs/debt/README.md": "# Debt\n"})
    assert run_cli(["init"], tmp_path, monkeypatch).code == 0
    text = (tmp_path / "mkdocs.yml").read_text()
    assert "      runbooks: runbooks\n      debt: specs/debt\n" in text
    assert "  - Runbooks: runbooks/index.md\n  - Technical debt:\n      - debt/index.md\n" in text
    write_files(tmp_path / "bare", {"mkdocs.yml": MKDOCS, "docs/index.md": "# Home\n"})
    assert run_cli(["init"], tmp_path / "bare", monkeypatch).code == 0
    text = (tmp_path / "bare/mkdocs.yml").read_text()
    assert "runbooks" not in text and "debt" not in text
    assert not (tmp_path / "bare/runbooks").exists() and not (tmp_path / "bare/specs/debt").exists()
