"""``mkdocs serve`` rebuilds: after an edit, the site equals a cold build of the same files, byte
for byte (backlinks, indexes, search index included), while unchanged pages were replayed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from project_fixtures import REPO
from specsite.diff.preview import CHANGES_PAGE

sys.path.insert(0, str(REPO / "benchmarks"))
from scale_corpus import generate  # noqa: E402

SERVE_URL = "http://127.0.0.1:8000/"


def _forget_plugins() -> None:
    """A new session: MkDocs keeps plugin instances (those with ``on_startup``) per process."""
    dict(MkDocsConfig._schema)["plugins"].plugin_cache.clear()


def serve_session(root: Path, site: Path) -> tuple[Callable[[], None], object]:
    """What ``mkdocs serve`` does: one startup, then a fresh configuration for every build."""
    _forget_plugins()

    def config() -> MkDocsConfig:
        cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        cfg.site_url = SERVE_URL
        return cfg

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)

    def rebuild() -> None:
        build(config(), serve_url=SERVE_URL)

    return rebuild, first.plugins["specsite"]


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of the site (the previous build, set aside under a hidden name while it is
    deleted in the background, is not part of it)."""
    # not rglob: it would walk into the set-aside folder while the background deletes it
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for top in sorted(site.iterdir()) if not top.name.startswith(".")
            for p in ([top] if top.is_file() else sorted(top.rglob("*"))) if p.is_file()}


def cold(root: Path, site: Path) -> dict[str, bytes]:
    rebuild, _ = serve_session(root, site)
    rebuild()
    return snapshot(site)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    yield generate(3, tmp_path / "project")
    _forget_plugins()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_save_that_changes_nothing_replays_every_generated_page(project, tmp_path):
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    first = snapshot(tmp_path / "site")
    generated = len(plugin.generated)
    kept = plugin._kept
    adr = project / "adrs" / "0004-decision-4.md"
    adr.write_text(adr.read_text(encoding="utf-8"), encoding="utf-8")  # saved, not changed
    rebuild()
    assert plugin._kept is kept  # the pipeline did not run again
    assert plugin.replay.replayed_output == generated
    assert snapshot(tmp_path / "site") == first


def test_a_rebuild_after_edits_equals_a_cold_build(project, tmp_path):
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    # a decision's title changes (its page, the pages that link to it, the indexes and the
    # search index change) and a PRD starts referencing another decision (a new backlink)
    _edit(project / "adrs" / "0003-decision-3.md", "# 3. Decision 3", "# 3. Decision three, renamed")
    _edit(project / "specs" / "prds" / "PRD-0002-product-2.md", "solves a problem.",
          "solves a problem, as [[ADR-0002]] decided.")
    rebuild()
    assert 0 < plugin.replay.replayed_output < len(plugin.generated)
    # a hand-written page's title changes: it is in the navigation every page carries
    _edit(project / "docs" / "index.md", "# Scale", "# Scale home")
    rebuild()
    assert plugin.replay.replayed_output == 0
    after = snapshot(tmp_path / "site")

    assert cold(project, tmp_path / "cold") == after

    referrer = after["decisions/ADR-0006/index.html"].decode()
    assert 'title="Decision three, renamed"' in referrer
    backlinks = after["decisions/ADR-0002/index.html"].decode()
    assert 'href="../../requirements/PRD-0002/"' in backlinks
    assert "Decision three, renamed" in after["decisions/index.html"].decode()
    assert "Decision three, renamed" in after["search/search_index.json"].decode()
    assert "Scale home" in after["decisions/ADR-0001/index.html"].decode()


def test_an_added_and_a_removed_spec_rebuild_like_a_cold_build(project, tmp_path):
    rebuild, _ = serve_session(project, tmp_path / "site")
    rebuild()
    (project / "adrs" / "0006-decision-6.md").unlink()
    (project / "adrs" / "0007-decision-7.md").write_text(
        "# 7. Decision 7\n\nDate: 2026-02-01\n\n## Status\n\nAccepted\n\n## Context\n\n"
        "Replaces [[ADR-0005]].\n\n## Decision\n\nNew.\n\n## Consequences\n\nNone.\n", encoding="utf-8")
    rebuild()
    after = snapshot(tmp_path / "site")
    assert "decisions/ADR-0006/index.html" not in after
    assert cold(project, tmp_path / "cold") == after


def _commit_all(root: Path) -> None:
    import subprocess
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run([*git, "-C", str(root), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(root), "commit", "-q", "-m", "base"], check=True)


def test_the_preview_base_is_part_of_what_serve_keeps(project, tmp_path, monkeypatch):
    _commit_all(project)
    monkeypatch.delenv("SPECSITE_DIFF_BASE", raising=False)
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    kept = plugin._kept
    assert plugin.preview is None
    # the same inputs, now previewed against a base: the kept results are not reused
    monkeypatch.setenv("SPECSITE_DIFF_BASE", "HEAD")
    rebuild()
    assert plugin._kept is not kept and plugin.preview is not None
    served = snapshot(tmp_path / "site")
    assert any(k.startswith(CHANGES_PAGE[:-3]) for k in served)
    assert served == cold(project, tmp_path / "cold")


def test_sanitised_html_is_kept_only_for_the_very_same_html():
    from specsite.mkdocs_plugin.plugin import SpecsitePlugin
    plugin = SpecsitePlugin()
    plugin.command = "serve"
    safe = plugin._sanitised("a.md", "<p>one</p>")
    assert safe == "<p>one</p>"
    # other HTML for the same page, even of the same length, is sanitised afresh
    assert plugin._sanitised("a.md", "<b onclick=x>1</b>") == "<b>1</b>"
    assert plugin._sanitised("a.md", "<p>one</p>") == "<p>one</p>"


def test_editing_one_decision_redoes_only_what_reads_it(project, tmp_path):
    """A decision's prose changes: only that file is parsed again, only the decision kind's pages
    are made again (requirement, C4 and API pages read nothing the edit changed), and the site
    equals a cold build; then its title changes and the pages that show it follow."""
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    memo = plugin._memo
    parses = memo.files.parses
    _edit(project / "adrs" / "0005-decision-5.md", "We will do thing 5.", "We will do thing 5, and more.")
    rebuild()
    assert memo.files.parses == parses + 1
    assert memo.reused_reads == {"c4", "prd", "openapi", "runbook", "debt"}
    assert memo.reused_pages == {"c4", "prd", "openapi", "runbook", "debt"}
    assert {"prd", "openapi"} <= memo.reused_checks
    served = snapshot(tmp_path / "site")
    assert "and more" in served["decisions/ADR-0005/index.html"].decode()
    assert served == cold(project, tmp_path / "cold")

    # PRD-0002 relies on ADR-0005: its page, the traceability matrix, the decision index and the
    # referring decisions show the new title
    _edit(project / "adrs" / "0005-decision-5.md", "# 5. Decision 5", "# 5. Decision five")
    rebuild, plugin = serve_session(project, tmp_path / "site2")
    rebuild()
    _edit(project / "adrs" / "0005-decision-5.md", "# 5. Decision five", "# 5. Decision 5, renamed")
    rebuild()
    assert "prd" not in plugin._memo.reused_pages
    served = snapshot(tmp_path / "site2")
    for page in ("requirements/PRD-0002/index.html", "requirements/traceability/index.html",
                 "decisions/index.html", "decisions/ADR-0005/index.html"):
        assert "Decision 5, renamed" in served[page].decode(), page
    assert served == cold(project, tmp_path / "cold2")


def test_a_new_spec_folder_is_read(project, tmp_path):
    """A configured folder that did not exist appears: the kind reads it though no source of the
    last read named it."""
    import shutil
    shutil.move(project / "specs" / "prds", tmp_path / "prds-aside")
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    assert "requirements/PRD-0002/index.html" not in snapshot(tmp_path / "site")
    shutil.move(tmp_path / "prds-aside", project / "specs" / "prds")
    rebuild()
    served = snapshot(tmp_path / "site")
    assert "requirements/PRD-0002/index.html" in served
    assert served == cold(project, tmp_path / "cold")
