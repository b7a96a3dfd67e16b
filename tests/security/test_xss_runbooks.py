"""No runbook value runs script in a built site: a payload in every front-matter field of a valid
runbook, of one whose front matter does not validate and of one whose ID is a payload, plus
hostile Markdown in the steps. Each page is parsed for handlers, scripts and ``javascript:``
URLs, loaded in Chromium when it is installed, and every payload must read as the literal text
written (escaped, not dropped)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from project_fixtures import write_files

sys.path.insert(0, str(Path(__file__).parent))
from test_xss_pages import PROSE, build, inspect, payload  # noqa: E402
from xss_probe import CHROMIUM, pages_of, script_ran  # noqa: E402

#: fields shown with backtick code spans kept as code (titles, triggers)
CODE_SPAN_FIELDS = {"rb-title", "trigger", "invalid-title"}
WORKSPACE = """workspace "W" {
    model {
        s = softwareSystem "Shop" "Sells." {
            api = container "API" "Serves." "Kotlin"
        }
    }
    views {
        container s "Containers" {
            include *
            autoLayout
        }
    }
}
"""


def shown(field: str) -> str:
    text = " ".join(payload(field).split())
    return text.replace("`tick`", "tick") if field in CODE_SPAN_FIELDS else text


def write_project(root: Path) -> Path:
    """The payload project."""
    valid = {"id": "RB-0001", "title": payload("rb-title"),
             "service": ["s.api", payload("service")], "owner": payload("rb-owner"),
             "severity": "sev1", "triggers": [payload("trigger")], "slo": [payload("slo")],
             "last_reviewed": "2026-01-01", "review_every": 30}
    invalid = {"id": "RB-0002", "title": payload("invalid-title"), "service": payload("inv-svc"),
               "owner": payload("inv-owner"), "severity": payload("severity"),
               "last_reviewed": payload("date"), "review_every": payload("every"),
               payload("key"): "x"}
    return write_files(root, {
        "mkdocs.yml": ("site_name: XSS\ntheme: {name: material, font: false}\n"
                       "markdown_extensions: [attr_list, md_in_html, tables, {toc: {permalink: true}}]\n"
                       "plugins:\n  - search\n  - specsite:\n      c4: w.dsl\n      runbooks: rb\n"),
        "docs/index.md": "# Home\n\nSee [[RB-0001]] and [[RB-0002]].\n",
        "w.dsl": WORKSPACE,
        "rb/0001-valid.md": "---\n" + json.dumps(valid, indent=1) + "\n---\n# T\n\n" + PROSE,
        "rb/0002-invalid.md": "---\n" + json.dumps(invalid, indent=1) + "\n---\n# T\n\n" + PROSE,
        "rb/0003-bad-id.md": "---\n" + json.dumps({**valid, "id": payload("rb-id")}) + "\n---\n# T\n",
    })


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(write_project(tmp_path_factory.mktemp("xss-runbooks")))


def text(site: Path, url: str) -> str:
    return " ".join("".join(inspect(site / url / "index.html").text).split())


def test_no_payload_survives_in_the_html_of_any_page(site: Path) -> None:
    problems = {p.relative_to(site).as_posix(): inspect(p).problems
                for p in sorted(site.rglob("*.html")) if p.name != "404.html"}
    assert (site / "runbooks/RB-0001/index.html").is_file()
    assert (site / "runbooks/RB-0002/index.html").is_file()
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.parametrize("field", ["rb-title", "rb-owner", "trigger"])
def test_each_field_of_a_valid_runbook_reads_as_written(site: Path, field: str) -> None:
    assert shown(field) in text(site, "runbooks/RB-0001")
    if field in CODE_SPAN_FIELDS:
        assert "<code>tick</code>" in (site / "runbooks/RB-0001/index.html").read_text()


@pytest.mark.parametrize("field", ["service", "slo"])
def test_unknown_services_and_slos_read_as_written(site: Path, field: str) -> None:
    page = text(site, "runbooks/RB-0001")
    assert shown(field) in page and "(unknown)" in page


def test_the_index_shows_payloads_as_text(site: Path) -> None:
    index = text(site, "runbooks")
    for field in ("rb-title", "rb-owner", "service", "invalid-title"):
        assert shown(field) in index, field


def test_an_invalid_runbook_shows_its_title_as_text_and_no_other_field(site: Path) -> None:
    page = text(site, "runbooks/RB-0002")
    assert shown("invalid-title") in page and "does not validate" in page
    assert "inv-owner" not in page and "severity <img" not in page


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_no_script_runs_in_chromium(site: Path) -> None:
    assert script_ran(site, pages_of(site), search=["onerror", "pwned"]) == []
