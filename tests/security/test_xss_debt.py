"""No debt item field runs script in a built site (the pattern of test_xss_pages.py).

A payload goes into every front-matter field of a valid item (title, elements, adrs, interest and
principal units, release) and of invalid ones (id, quadrant, status), with hostile Markdown in the
body; every built page is parsed for handlers, scripts and ``javascript:`` URLs, loaded in
Chromium when it is installed, and each payload must read as the literal text written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from project_fixtures import write_files

sys.path.insert(0, str(Path(__file__).parent))
from test_xss_pages import PROSE, build, inspect, payload, plain  # noqa: E402
from xss_probe import CHROMIUM, script_ran  # noqa: E402

UNIT = "<img src=x onerror=\"window.__pwned='unit'\">"


def _item(**fields: object) -> str:
    return "---\n" + json.dumps(fields, indent=1) + "\n---\n"


def write_project(root: Path) -> Path:
    """Debt items with a payload in each field, an ADR, and a page referencing them."""
    return write_files(root, {
        "mkdocs.yml": ("site_name: XSS debt\ntheme: {name: material, font: false}\n"
                       "plugins:\n  - search\n  - specsite:\n      adrs: adrs\n      debt: debt\n"),
        "docs/index.md": "# Home\n\nSee [[DEBT-0001]] and [[DEBT-0002]].\n",
        "adrs/0001-x.md": ("# 1. Take on debt\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n"
                           "## Context\n\nC.\n\n## Decision\n\nWe take [[DEBT-0001]].\n\n"
                           "## Consequences\n\nE.\n"),
        "debt/0001-payload.md": _item(
            id="DEBT-0001", title=payload("debt-title"), quadrant="prudent-deliberate",
            status="scheduled", elements=[plain("debt-element")],
            adrs=["ADR-0001", plain("debt-adr")], interest={"amount": 4, "unit": UNIT + "/month"},
            principal=f"3 {UNIT}x", release=payload("debt-release"))
            + f"# Ignored\n\n{PROSE}\n",
        "debt/0002-invalid.md": _item(
            id="DEBT-0002", title=payload("invalid-debt-title"), quadrant=plain("debt-quadrant"),
            status=plain("debt-status")) + f"{PROSE}\n",
        "debt/0003-bad-id.md": _item(id=plain("debt-id"), title="t", quadrant="prudent-deliberate",
                                     status="open"),
    })


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(write_project(tmp_path_factory.mktemp("xss-debt")))


def test_no_payload_survives_in_any_page(site: Path) -> None:
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
    problems = {p.relative_to(site).as_posix(): inspect(p).problems for p in pages}
    assert {k: v for k, v in problems.items() if v} == {}
    built = {p.relative_to(site).as_posix() for p in pages}
    assert {"debt/index.html", "debt/quadrants/index.html", "debt/DEBT-0001/index.html",
            "debt/DEBT-0002/index.html"} <= built


@pytest.mark.parametrize("text,url", [
    (payload("debt-title"), "debt/DEBT-0001/"), (payload("debt-release"), "debt/DEBT-0001/"),
    (plain("debt-element"), "debt/DEBT-0001/"), (plain("debt-adr"), "debt/DEBT-0001/"),
    (UNIT + "/month", "debt/DEBT-0001/"), (UNIT + "x", "debt/DEBT-0001/"),
    (payload("debt-title"), "debt/"), (payload("debt-release"), "debt/"),
    (payload("invalid-debt-title"), "debt/DEBT-0002/"),
    (payload("debt-title"), "debt/quadrants/"),
])
def test_each_field_reads_as_the_literal_text_written(site: Path, text: str, url: str) -> None:
    shown = "".join(inspect(site / url / "index.html").text)
    expected = " ".join(text.split())
    # titles in Markdown keep code spans as code; other values (and SVG titles) are literal
    if "release" not in text and "quadrants" not in url:
        expected = expected.replace("`tick`", "tick")
    assert expected in " ".join(shown.split())


@pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")
def test_no_script_runs_in_a_browser(site: Path) -> None:
    assert script_ran(site, ["", "debt/", "debt/quadrants/", "debt/DEBT-0001/",
                             "debt/DEBT-0002/", "decisions/ADR-0001/"]) == []
