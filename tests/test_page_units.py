"""``mkdocs serve`` reuses a kind's pages unit by unit (ADR-0024): editing one PRD makes that
PRD's page and the overview pages again, not the other PRD pages; editing one API makes that
API's pages again. Every rebuild equals a cold build of the same files, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

from test_rebuild import _edit, cold, project, serve_session, snapshot  # noqa: F401  # fixture

from scale_corpus import adr_text, openapi_document, prd_text


def _made(plugin, kind: str) -> set[str]:
    return {name for k, name in plugin._memo.made_units if k == kind}


def _reused(plugin, kind: str) -> set[str]:
    return {name for k, name in plugin._memo.reused_units if k == kind}


def _prd(project: Path, number: int) -> Path:
    return project / "specs" / "prds" / f"PRD-{number:04d}-product-{number}.md"


def test_editing_one_requirement_makes_its_prd_page_and_the_overview_again(project, tmp_path):
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    assert _made(plugin, "prd") == {"(overview)", "PRD-0001", "PRD-0002", "PRD-0003"}
    _edit(_prd(project, 2), "Requirement 5 of product 2.", "Requirement 5 of product 2, reworded.")
    rebuild()
    assert _made(plugin, "prd") == {"(overview)", "PRD-0002"}
    assert _reused(plugin, "prd") == {"PRD-0001", "PRD-0003"}
    assert "prd" not in plugin._memo.reused_pages
    served = snapshot(tmp_path / "site")
    assert "Requirement 5 of product 2, reworded." in served["requirements/PRD-0002/index.html"].decode()
    assert "Requirement 5 of product 2, reworded." in \
        served["requirements/traceability/index.html"].decode()
    assert served == cold(project, tmp_path / "cold")


def test_a_save_that_changes_no_prd_reuses_every_unit(project, tmp_path):
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    _edit(project / "adrs" / "0005-decision-5.md", "We will do thing 5.", "We will do thing 5, and more.")
    rebuild()
    assert _made(plugin, "prd") == set() and _made(plugin, "openapi") == set()
    assert _reused(plugin, "prd") == {"(overview)", "PRD-0001", "PRD-0002", "PRD-0003"}
    assert {"prd", "openapi"} <= plugin._memo.reused_pages


def test_a_renamed_prd_and_a_reworded_requirement_others_show_follow(project, tmp_path):
    """PRD-0002 references PRD-0001.R1, so PRD-0001's page lists PRD-0002, by title, under
    "Referenced by": renaming PRD-0002 makes that page again too. PRD-0003's prose references
    PRD-0002.R1: that link is written after the pages are made (and follows the new text), so
    PRD-0003's page is reused."""
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    _edit(_prd(project, 2), "title: Product 2", "title: Product two, renamed")
    _edit(_prd(project, 2), "Requirement 1 of product 2.", "Requirement 1 of product 2, reworded.")
    rebuild()
    assert _made(plugin, "prd") == {"(overview)", "PRD-0001", "PRD-0002"}
    assert _reused(plugin, "prd") == {"PRD-0003"}
    served = snapshot(tmp_path / "site")
    assert "Product two, renamed" in served["requirements/index.html"].decode()
    assert "Product two, renamed" in served["requirements/PRD-0001/index.html"].decode()
    assert "Requirement 1 of product 2, reworded." in \
        served["requirements/PRD-0003/index.html"].decode()
    assert served == cold(project, tmp_path / "cold")


def test_an_added_and_a_removed_prd_rebuild_like_a_cold_build(project, tmp_path):
    import random
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    _prd(project, 1).unlink()
    _prd(project, 4).write_text(prd_text(4, 6, 1, random.Random(4)), encoding="utf-8")
    rebuild()
    # PRD-0004 references PRD-0003.R1: PRD-0003's page gains a "Referenced by"; PRD-0002's
    # reference to the removed PRD-0001.R1 is in its prose, written after the pages are made
    assert _made(plugin, "prd") == {"(overview)", "PRD-0003", "PRD-0004"}
    assert _reused(plugin, "prd") == {"PRD-0002"}
    served = snapshot(tmp_path / "site")
    assert "requirements/PRD-0001/index.html" not in served
    assert "requirements/PRD-0004/index.html" in served
    assert served == cold(project, tmp_path / "cold")


def _api(project: Path, index: int) -> Path:
    return project / "specs" / "apis" / f"api{index}.json"


def _write_api(project: Path, index: int) -> None:
    _api(project, index).write_text(json.dumps(openapi_document(index), indent=1), encoding="utf-8")


def test_editing_one_api_makes_only_its_pages_again(project, tmp_path):
    _write_api(project, 1)
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    assert _made(plugin, "openapi") == {"api0", "api1", "(index)"}
    _edit(_api(project, 1), '"Get thing 3"', '"Get thing three"')
    rebuild()
    assert _made(plugin, "openapi") == {"api1"}
    assert _reused(plugin, "openapi") == {"api0", "(index)"}
    served = snapshot(tmp_path / "site")
    assert any("Get thing three" in v.decode() for k, v in served.items()
               if k.startswith("api/api1/") and k.endswith(".html"))
    assert served == cold(project, tmp_path / "cold")

    # a new title: the index of all APIs shows it (a cold build starts a session of its own)
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    _edit(_api(project, 1), '"API 1"', '"API one"')
    rebuild()
    assert _made(plugin, "openapi") == {"api1", "(index)"}
    served = snapshot(tmp_path / "site")
    assert "API one" in served["api/index.html"].decode()
    assert served == cold(project, tmp_path / "cold2")


def test_an_added_and_a_removed_api_rebuild_like_a_cold_build(project, tmp_path):
    _write_api(project, 1)
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    _api(project, 1).unlink()
    _write_api(project, 2)
    rebuild()
    assert _made(plugin, "openapi") == {"api2", "(index)"}
    assert _reused(plugin, "openapi") == {"api0"}
    served = snapshot(tmp_path / "site")
    assert not any(k.startswith("api/api1/") for k in served)
    assert served == cold(project, tmp_path / "cold")


def _adr(project: Path, number: int) -> Path:
    return project / "adrs" / f"{number:04d}-decision-{number}.md"


def test_editing_one_decision_makes_its_page_and_the_decision_index_again(project, tmp_path):
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    _edit(_adr(project, 5), "We will do thing 5.", "We will do thing 5, and more.")
    rebuild()
    assert _made(plugin, "adr") == {"(index)", "ADR-0005"}
    assert _reused(plugin, "adr") == {f"ADR-{n:04d}" for n in (1, 2, 3, 4, 6)}
    served = snapshot(tmp_path / "site")
    assert "and more" in served["decisions/ADR-0005/index.html"].decode()
    assert served == cold(project, tmp_path / "cold")


def test_a_decision_file_that_appears_turns_relative_links_to_it_into_references(project, tmp_path):
    """ADR-0003 links to a decision file that does not exist yet: when it appears, ADR-0003's
    page links to its page though nothing in ADR-0003 changed (a decision unit's key holds the
    file names and IDs of all decisions, so a decision added or removed makes them all again)."""
    _edit(_adr(project, 3), "Some consequences.", "Some consequences; see [the next](0007-decision-7.md).")
    rebuild, plugin = serve_session(project, tmp_path / "site")
    rebuild()
    assert "ADR-0007" not in snapshot(tmp_path / "site")["decisions/ADR-0003/index.html"].decode()
    # ADR-0007 references ADR-0004 (not ADR-0003): nothing ADR-0003's page reads of the graph
    _adr(project, 7).write_text(adr_text(7, 7), encoding="utf-8")
    rebuild()
    assert "ADR-0003" in _made(plugin, "adr")
    served = snapshot(tmp_path / "site")
    assert 'href="../ADR-0007/"' in served["decisions/ADR-0003/index.html"].decode()
    assert served == cold(project, tmp_path / "cold")
