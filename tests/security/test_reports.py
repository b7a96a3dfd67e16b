"""Every report format escapes spec text for itself: no workflow command, terminal escape, broken
XML, broken table or HTML reaches a report from a spec, a file name or a finding message."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import pytest
from project_fixtures import run_cli, write_files

from specsite.core.findings import Finding, Severity
from specsite.reports import ReportContext, renderers
from specsite.reports.escape import markdown_code

PAYLOAD = ("odd\n::error file=x.md::pwned\r::warning::again\x1b[31mred\x00nul\x07 </testcase> "
           "]]> | <img src=x onerror=alert(1)> `tick` @octocat \u202eevil\x9b2J lone\ud800 % 100%0A")
FILE = "adrs/0001-a\n::error::b\x1b.md"
#: what must not survive into any text report as itself
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e\ud800-\udfff]")


def _findings() -> list[Finding]:
    return [
        Finding("ADR005", Severity.ERROR, PAYLOAD, FILE, 2, 3, "ADR-\n0001"),
        Finding("ADR004", Severity.WARNING, PAYLOAD, "adrs/0002-b.md", 5),
        Finding("SPEC001", Severity.INFO, PAYLOAD),
    ]


def _render(fmt: str) -> str:
    text = renderers()[fmt](_findings(), ReportContext(files=[FILE, "adrs/0002-b.md"], tool_version="1"))
    text.encode("utf-8")  # a lone surrogate would raise here, and again when written to stdout
    return text


def _no_command_lines(text: str, allowed: int = 0) -> None:
    """No line (after leading blanks, as the runner reads it) starts a workflow command, except
    the ``allowed`` ones the renderer writes itself."""
    commands = [l for l in re.split(r"\r\n|\r|\n", text) if l.lstrip().startswith("::")]
    assert len(commands) == allowed, commands


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit", "markdown"])
def test_every_format_neutralises_controls_and_commands(fmt):
    text = _render(fmt)
    assert not RAW_CONTROLS.search(text)
    _no_command_lines(text, allowed=3 if fmt == "github" else 0)


def test_text_is_one_line_per_finding_with_visible_escapes():
    lines = _render("text").splitlines()
    assert len(lines) == 4  # three findings and the summary
    assert lines[0].startswith("adrs/0001-a\\n::error::b\\x1b.md:2:3: error ADR005 odd\\n::error")
    assert "\\x1b[31mred\\x00nul\\x07" in lines[0] and "\\u202eevil\\x9b2J lone\\ud800" in lines[0]
    assert lines[0].endswith("[ADR-\\n0001]")


def test_text_line_never_starts_a_workflow_command():
    finding = Finding("SPEC001", Severity.ERROR, "x", "::error::top.yaml", 1)
    assert renderers()["text"]([finding], ReportContext()).startswith("./::error::top.yaml:1: ")


def test_github_escapes_data_and_properties():
    lines = _render("github").splitlines()
    assert len(lines) == 3 and all(l.startswith(("::error ", "::warning ", "::notice ")) for l in lines)
    error = lines[0]
    assert error.startswith("::error file=adrs/0001-a%0A%3A%3Aerror%3A%3Ab\\x1b.md,line=2,col=3,"
                            "title=ADR005::odd%0A::error file=x.md::pwned%0D::warning::again")
    # the runner unescapes %25 to %: a literal "%0A" in the message must not become a newline
    assert error.endswith("lone\\ud800 %25 100%250A")
    assert "\\x1b[31mred\\x00nul\\x07" in error


def test_junit_parses_and_keeps_the_text_visible():
    root = ET.fromstring(_render("junit"))
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"(project)", "adrs/0001-a\\n::error::b\\x1b.md", "adrs/0002-b.md"}
    failure = cases["adrs/0001-a\\n::error::b\\x1b.md"].find("failure")
    assert failure.get("type") == "ADR005"
    assert "</testcase> ]]> | <img src=x onerror=alert(1)>" in failure.get("message")
    assert "\\x00nul" in failure.text and "lone\\ud800" in failure.text
    assert "\n" not in failure.text and "\n" not in failure.get("message")
    assert "pwned" in cases["adrs/0002-b.md"].find("system-out").text


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_are_valid_json_with_the_message(fmt):
    doc = json.loads(_render(fmt))
    if fmt == "json":
        messages = [f["message"] for f in doc["findings"]]
    else:
        results = doc["runs"][0]["results"]
        messages = [r["message"]["text"] for r in results]
        uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "adrs/0001-a%0A%3A%3Aerror%3A%3Ab%1B.md"
    # JSON keeps the exact text (controls as \u escapes), except the unencodable lone surrogate
    assert messages[0] == PAYLOAD.replace("\ud800", "\ufffd")


def test_markdown_table_rows_stay_rows_and_show_html_as_text():
    lines = _render("markdown").splitlines()
    rows = [l for l in lines if l.startswith("| ")]
    assert len(rows) == 4  # header and three findings
    for row in rows[1:]:
        # unescaped pipes split cells: the payload's pipe and backticks must not add any
        assert len(re.findall(r"(?<!\\)\|", row)) == 5
        assert "<" not in row and "&lt;img src=x onerror=alert(1)&gt;" in row
        assert "@&#8203;octocat" in row and "\\`tick\\`" in row
    assert "`` adrs/0001-a\\n::error::b\\x1b.md:2:3 ``" not in rows[1]
    assert "`adrs/0001-a\\n::error::b\\x1b.md:2:3`" in rows[1]
    assert "`(project)`" in rows[3]


def test_markdown_code_span_outlasts_backticks_and_escapes_pipes():
    assert markdown_code("a`b|c") == "``a`b\\|c``"
    assert markdown_code("`x`") == "`` `x` ``"


def test_reports_of_a_hostile_spec_end_to_end(tmp_path, monkeypatch):
    """A spec value and a file name built to inject: every format stays well formed."""
    madr = ('---\nstatus: "odd\\n::error file=x::pwned\\r\\e[31mred\\0 </testcase> | '
            '<img src=x onerror=alert(1)> \\u202e"\ndate: 2024-03-01\n---\n# X\n\n'
            "## Context and Problem Statement\n\nx\n\n## Decision Outcome\n\ny\n\n### Consequences\n\nz\n")
    write_files(tmp_path, {"adrs/0001-x.md": madr, "adrs/0002-\n::error::y\x1b[2J.md": madr})
    outputs = {}
    for fmt in ["text", "json", "github", "sarif", "junit", "markdown"]:
        result = run_cli(["check", "--adrs", "adrs", "--format", fmt], tmp_path, monkeypatch)
        # the text report's timing line goes to stderr (cli_output.timing_line); nothing else does
        err = re.sub(r"\Achecked \d+ file\(s\), \d+ entities in [\d.]+ s\n\Z", "", result.err) \
            if fmt == "text" else result.err
        assert result.code == 0 and err == "", (fmt, result.err)
        assert not RAW_CONTROLS.search(result.out), fmt
        _no_command_lines(result.out, allowed=2 if fmt == "github" else 0)
        outputs[fmt] = result.out
    assert len(outputs["text"].splitlines()) == 3
    findings = json.loads(outputs["json"])["findings"]
    assert [f["code"] for f in findings] == ["ADR005", "ADR005"]
    assert "'odd\n::error file=x::pwned\r\x1b[31mred\x00 </testcase>" in findings[0]["message"]
    assert len(ET.fromstring(outputs["junit"]).findall(".//system-out")) == 2
    json.loads(outputs["sarif"])


def test_mkdocs_log_lines_are_escaped_too(caplog):
    """``mkdocs build`` in CI prints findings into the job log: same rule as the text report."""
    from specsite.mkdocs_plugin.plugin import SpecsitePlugin

    with caplog.at_level("INFO"):
        SpecsitePlugin._log(_findings())
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 3
    for message in messages:
        assert "\n" not in message and not RAW_CONTROLS.search(message)
        assert "odd\\n::error file=x.md::pwned" in message
