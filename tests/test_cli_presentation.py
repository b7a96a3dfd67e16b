"""How the command talks to people: help with examples, colour on a terminal only, --quiet, a
notice when a GitHub run is clean, the timing line, "did you mean"."""

from __future__ import annotations

import io
import json

import pytest

from project_fixtures import NYGARD_1, run_cli, write_files
from specsite.cli import build_parser
from specsite.cli_output import wants_colour

MIXED = {
    "adrs/0001-record.md": NYGARD_1,
    "adrs/0002-undated.md": "# 2. Undated\n\n## Status\n\nProposed\n\nSee [[ADR-0001]].\n",  # ADR004
    "adrs/0003-typo.md": "# 3. Typo\n\nDate: 2024-01-01\n\n## Status\n\nProposed\n\n"
                         "Builds on [[ADR-0O01]] and [[ADR-0001]].\n",  # XREF001
}


def _subparsers(parser):
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                yield name, sub
                yield from _subparsers(sub)


def test_every_command_has_examples_and_every_option_says_what_it_takes():
    parser = build_parser()
    assert "examples:" in parser.format_help()
    for name, sub in _subparsers(parser):
        text = sub.format_help()
        assert "examples:" in text and "specsite " in text.split("examples:")[1], name
        for action in sub._actions:
            if action.option_strings and action.dest != "help":
                assert action.help, f"{name} {action.option_strings} has no help"
                takes_value = action.nargs != 0
                if takes_value and not action.choices:
                    assert "e.g." in action.help or "default" in action.help, \
                        f"{name} {action.option_strings}: {action.help}"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color():
    assert wants_colour(_Tty(), {"TERM": "xterm"})
    assert not wants_colour(_Tty(), {"TERM": "xterm", "NO_COLOR": "1"})
    assert not wants_colour(_Tty(), {"TERM": "dumb"})
    assert not wants_colour(io.StringIO(), {"TERM": "xterm"})
    assert wants_colour(io.StringIO(), {"FORCE_COLOR": "1"})


def test_text_report_is_coloured_by_severity_on_a_terminal(tmp_path, monkeypatch):
    write_files(tmp_path, MIXED)
    monkeypatch.setattr("specsite.cli_output.wants_colour", lambda stream, env=None: True)
    out = run_cli(["check", "--adrs", "adrs"], tmp_path, monkeypatch).out
    assert "\033[1;31merror XREF001\033[0m" in out and "\033[33mwarning ADR004\033[0m" in out
    # never in a file, never in another format
    run_cli(["check", "--adrs", "adrs", "--output", "report.txt"], tmp_path, monkeypatch)
    assert "\033[" not in (tmp_path / "report.txt").read_text()
    json.loads(run_cli(["check", "--adrs", "adrs", "--format", "json"], tmp_path, monkeypatch).out)


def test_plain_when_not_a_terminal(tmp_path, monkeypatch):
    write_files(tmp_path, MIXED)
    out = run_cli(["check", "--adrs", "adrs"], tmp_path, monkeypatch).out
    assert "\033[" not in out and "error XREF001" in out


def test_quiet_lists_errors_and_the_summary_only(tmp_path, monkeypatch):
    write_files(tmp_path, MIXED)
    result = run_cli(["check", "--adrs", "adrs", "--quiet"], tmp_path, monkeypatch)
    lines = result.out.splitlines()
    assert len(lines) == 2 and "XREF001" in lines[0]
    assert lines[1].startswith("1 error(s), 1 warning(s)")
    assert result.err == ""


def test_timing_line_goes_to_stderr_only(tmp_path, monkeypatch):
    write_files(tmp_path, MIXED)
    result = run_cli(["check", "--adrs", "adrs", "--output", "r.txt"], tmp_path, monkeypatch)
    assert result.err.startswith("checked 3 file(s), 3 entities in ")
    assert "checked" not in (tmp_path / "r.txt").read_text()
    assert "checked" not in run_cli(["check", "--adrs", "adrs", "--format", "json"],
                                    tmp_path, monkeypatch).err


def test_github_format_says_so_when_clean(tmp_path, monkeypatch):
    write_files(tmp_path, {"adrs/0001-record.md": NYGARD_1})
    out = run_cli(["check", "--adrs", "adrs", "--format", "github"], tmp_path, monkeypatch).out
    assert out == "::notice title=specsite::no errors or warnings in 1 file(s)\n"
    write_files(tmp_path, MIXED)
    out = run_cli(["check", "--adrs", "adrs", "--format", "github"], tmp_path, monkeypatch).out
    assert "no errors or warnings" not in out


def test_did_you_mean_for_ids_rule_codes_and_options(tmp_path, monkeypatch):
    write_files(tmp_path, MIXED)
    out = run_cli(["check", "--adrs", "adrs"], tmp_path, monkeypatch).out
    assert "[[ADR-0O01]]: no decision, requirement, element or operation has this ID " \
           "(did you mean ADR-0001?)" in out
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n"
                                         "      adr: adrs\n      rules: {ADR04: off, NOPE9: off}\n"})
    err = run_cli(["check"], tmp_path, monkeypatch).err
    assert "option 'adr': unknown option (did you mean adrs?)" in err
    assert "unknown rule code(s) ADR04 (did you mean ADR004?), NOPE9;" in err


@pytest.mark.parametrize("target", ["[[c4:totally-else]]", "[[PRD-0001.R1]]"])
def test_no_suggestion_without_a_close_match(tmp_path, monkeypatch, target):
    write_files(tmp_path, {"adrs/0001-record.md": NYGARD_1.replace("We will use ADRs.", target)})
    assert "did you mean" not in run_cli(["check", "--adrs", "adrs"], tmp_path, monkeypatch).out


def test_suggestions_come_from_the_same_family_within_a_budget():
    from specsite.core.suggest import IdSuggester

    ids = [f"c4:shop.service{n}" for n in range(500)] + ["ADR-0001", "api:shop#placeOrder"]
    suggester = IdSuggester(ids, budget=3)
    assert suggester.hint("c4:shop.servce42") == " (did you mean c4:shop.service42?)"
    assert suggester.hint("api:shop#placeOrdr") == " (did you mean api:shop#placeOrder?)"
    assert suggester.hint("ADR-0001x") == " (did you mean ADR-0001?)"
    assert suggester.hint("c4:shop.servce43") == ""  # the budget is spent
