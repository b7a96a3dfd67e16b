"""``specsite new adr``: next number, the folder's format, in-place updates that keep the rest."""

from __future__ import annotations

from project_fixtures import NYGARD_1, run_cli, write_files

MADR_OLD = """\
---
# who decided
status: accepted   # reviewed in March
date: 2024-03-01
decision-makers: [Ann]
---
# Use REST

## Context and Problem Statement

Text stays.

## Decision Outcome

REST.

### Consequences

Fine.
"""


def test_new_nygard_adr_supersedes_and_updates_old_in_place(tmp_path, monkeypatch):
    write_files(tmp_path, {"adrs/0001-record.md": NYGARD_1})
    old_text = (tmp_path / "adrs/0001-record.md").read_text()
    result = run_cli(["new", "adr", "Use GraphQL!", "--adrs", "adrs", "--supersedes", "1"],
                     tmp_path, monkeypatch)
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["adrs/0002-use-graphql.md", "updated adrs/0001-record.md"]
    new = (tmp_path / "adrs/0002-use-graphql.md").read_text()
    assert new.startswith("# 2. Use GraphQL!\n\nDate: ")
    assert "Supersedes [1. Record architecture decisions](0001-record.md)" in new
    old = (tmp_path / "adrs/0001-record.md").read_text()
    assert old == old_text.replace("Accepted", "Superseded by [2. Use GraphQL!](0002-use-graphql.md)")
    check = run_cli(["check", "--adrs", "adrs", "--format", "json"], tmp_path, monkeypatch)
    assert check.code == 0 and check.json()["findings"] == []


def test_new_adr_amends(tmp_path, monkeypatch):
    write_files(tmp_path, {"adrs/0001-record.md": NYGARD_1})
    run_cli(["new", "adr", "Help", "--adrs", "adrs", "--amends", "ADR-0001"], tmp_path, monkeypatch)
    old = (tmp_path / "adrs/0001-record.md").read_text()
    assert "Accepted\n\nAmended by [2. Help](0002-help.md)\n" in old
    export = run_cli(["export", "--adrs", "adrs"], tmp_path, monkeypatch).json()
    links = {e["id"]: e["links"] for e in export["entities"]}
    assert links["ADR-0001"] == [{"rel": "amended-by", "target": "ADR-0002"}]
    assert {"rel": "amends", "target": "ADR-0001"} in links["ADR-0002"]
    assert export["findings"] == []


def test_new_madr_keeps_comments_and_order(tmp_path, monkeypatch):
    write_files(tmp_path, {"adrs/0001-use-rest.md": MADR_OLD})
    result = run_cli(["new", "adr", "Use gRPC", "--adrs", "adrs", "--supersedes", "ADR-0001"],
                     tmp_path, monkeypatch)
    assert result.code == 0, result.err
    old = (tmp_path / "adrs/0001-use-rest.md").read_text()
    assert old == MADR_OLD.replace("status: accepted   #", "status: superseded by ADR-0002 #")
    new = (tmp_path / "adrs/0002-use-grpc.md").read_text()
    assert new.startswith("---\nstatus: accepted\n")
    check = run_cli(["check", "--adrs", "adrs", "--format", "json"], tmp_path, monkeypatch)
    assert check.json()["findings"] == []


def test_new_adr_with_unknown_target_is_a_usage_error_and_writes_nothing(tmp_path, monkeypatch):
    write_files(tmp_path, {"adrs/0001-record.md": NYGARD_1})
    result = run_cli(["new", "adr", "X", "--adrs", "adrs", "--supersedes", "ADR-0009"], tmp_path, monkeypatch)
    assert result.code == 2 and "no decision ADR-0009" in result.err
    assert sorted(p.name for p in (tmp_path / "adrs").iterdir()) == ["0001-record.md"]


def test_new_adr_without_folder(tmp_path, monkeypatch):
    result = run_cli(["new", "adr", "X"], tmp_path, monkeypatch)
    assert result.code == 2 and "no ADR folder" in result.err


LOG4BRAINS_OLD = """\
# Use Markdown

- Status: accepted
- Deciders: Ann
- Date: 2020-09-24

## Decision Outcome

Markdown.

### Positive Consequences

- Easy.

## Links

- See [the MADR site](https://adr.github.io/madr/)
"""


def test_new_adr_in_a_log4brains_folder(tmp_path, monkeypatch):
    import datetime as dt

    from specsite.adr import writer

    class Today(dt.date):
        @classmethod
        def today(cls):
            return cls(2026, 11, 22)

    monkeypatch.setattr(writer.dt, "date", Today)
    write_files(tmp_path, {"adrs/20200924-use-markdown.md": LOG4BRAINS_OLD,
                           "adrs/20201016-use-mdx.md": LOG4BRAINS_OLD.replace("Use Markdown", "Use MDX")})
    result = run_cli(["new", "adr", "Use AsciiDoc", "--adrs", "adrs", "--supersedes",
                      "ADR-20200924-use-markdown", "--amends", "ADR-20201016-use-mdx"], tmp_path, monkeypatch)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "adrs/20261122-use-asciidoc.md"
    new = (tmp_path / "adrs/20261122-use-asciidoc.md").read_text()
    assert new.startswith("# Use AsciiDoc\n\n- Status: accepted\n")
    assert "## Links\n\n- Supersedes [ADR-20200924-use-markdown](20200924-use-markdown.md)\n" in new
    old = (tmp_path / "adrs/20200924-use-markdown.md").read_text()
    assert "- Status: superseded by [ADR-20261122-use-asciidoc](20261122-use-asciidoc.md)\n" in old
    amended = (tmp_path / "adrs/20201016-use-mdx.md").read_text()
    assert amended.endswith("- See [the MADR site](https://adr.github.io/madr/)\n"
                            "- Amended by [ADR-20261122-use-asciidoc](20261122-use-asciidoc.md)\n")
    export = run_cli(["export", "--adrs", "adrs"], tmp_path, monkeypatch).json()
    links = {e["id"]: e["links"] for e in export["entities"]}
    assert links["ADR-20200924-use-markdown"] == [{"rel": "superseded-by", "target": "ADR-20261122-use-asciidoc"}]
    assert links["ADR-20201016-use-mdx"] == [{"rel": "amended-by", "target": "ADR-20261122-use-asciidoc"}]
    assert export["findings"] == []  # links both ways, the external link is not a decision link


def test_madr2_amend_goes_to_links_and_is_read_back(tmp_path, monkeypatch):
    madr2 = ("# Use X\n\n* Status: accepted\n* Date: 2020-01-02\n\n## Decision Outcome\n\nX.\n\n"
             "### Positive Consequences\n\n* good\n")
    write_files(tmp_path, {"adrs/0001-use-x.md": madr2})
    result = run_cli(["new", "adr", "Refine X", "--adrs", "adrs", "--amends", "1"], tmp_path, monkeypatch)
    assert result.code == 0, result.err
    old = (tmp_path / "adrs/0001-use-x.md").read_text()
    assert old.endswith("## Links\n\n* Amended by [ADR-0002](0002-refine-x.md)\n")
    export = run_cli(["export", "--adrs", "adrs"], tmp_path, monkeypatch).json()
    assert {e["id"]: e["links"] for e in export["entities"]}["ADR-0001"] == [
        {"rel": "amended-by", "target": "ADR-0002"}]
    assert export["findings"] == []
