"""Reading ADRs in the formats teams already use, through the CLI's export."""

from __future__ import annotations

from project_fixtures import NYGARD_1, run_cli, write_files


def _entities(tmp_path, monkeypatch, files):
    write_files(tmp_path, files)
    result = run_cli(["export", "--adrs", "adrs"], tmp_path, monkeypatch)
    doc = result.json()
    return {e["id"]: e for e in doc["entities"]}, doc["findings"], result.code


def test_nygard_status_date_and_links(tmp_path, monkeypatch):
    entities, findings, code = _entities(tmp_path, monkeypatch, {
        "adrs/0001-record.md": NYGARD_1,
        "adrs/0002-help.md": """
            # 2. Help

            Date: 2024-01-11

            ## Status

            Accepted

            Supercedes [1. Record](0001-record.md)

            Clarified by [3. More](0003-more.md)
            """,
        "adrs/0003-more.md": """
            # 3. More

            Date: 2024-01-12

            ## Status

            Superceded by [4. Even more](0004-even-more.md)

            Clarifies [2. Help](0002-help.md)
            """,
    })
    assert entities["ADR-0001"]["status"] == "accepted"
    assert entities["ADR-0001"]["date"] == "2024-01-10"
    assert entities["ADR-0002"]["links"] == [
        {"rel": "supersedes", "target": "ADR-0001"},
        {"rel": "clarified-by", "target": "ADR-0003"},
    ]
    # adr-tools replaces the status with the link line: the status is superseded
    assert entities["ADR-0003"]["status"] == "superseded"
    codes = {f["code"] for f in findings}
    assert "ADR007" in codes  # 0004 does not exist
    assert entities["ADR-0002"]["format"] == "nygard"


def test_madr_front_matter_people_and_superseded_by(tmp_path, monkeypatch):
    entities, findings, _ = _entities(tmp_path, monkeypatch, {
        "adrs/0001-old.md": """
            ---
            status: "superseded by [ADR-0002](0002-new.md)"
            date: 2024-05-01
            decision-makers: [Ann, Bo]
            consulted: Cy
            informed: [Di]
            ---
            # Old way

            ## Context and Problem Statement

            Text.
            """,
        "adrs/0002-new.md": """
            ---
            status: accepted
            date: 2024-06-01
            deciders: Ann, Bo
            supersedes: ADR-0001
            ---
            # New way

            ## Decision Outcome

            ### Consequences

            Fine.
            """,
    })
    old, new = entities["ADR-0001"], entities["ADR-0002"]
    assert old["status"] == "superseded" and old["format"] == "madr"
    assert old["links"] == [{"rel": "superseded-by", "target": "ADR-0002"}]
    assert old["decision_makers"] == ["Ann", "Bo"]
    assert old["consulted"] == ["Cy"] and old["informed"] == ["Di"]
    assert new["decision_makers"] == ["Ann", "Bo"]
    assert new["links"] == [{"rel": "supersedes", "target": "ADR-0001"}]
    assert findings == []


def test_madr2_bullets(tmp_path, monkeypatch):
    entities, findings, _ = _entities(tmp_path, monkeypatch, {
        "adrs/0001-use-x.md": """
            # Use X

            * Status: accepted
            * Deciders: Ann, Bo
            * Date: 2020-01-02

            ## Decision Outcome

            Chosen option: X.

            ### Positive Consequences

            * good
            """,
    })
    e = entities["ADR-0001"]
    assert (e["status"], e["date"], e["format"]) == ("accepted", "2020-01-02", "madr2")
    assert e["decision_makers"] == ["Ann", "Bo"]
    assert findings == []


def test_log4brains_slug_ids_and_superseded_by_slug(tmp_path, monkeypatch):
    entities, findings, _ = _entities(tmp_path, monkeypatch, {
        "adrs/20200924-use-markdown.md": """
            # Use Markdown

            - Status: superseded by [20201016-use-mdx](20201016-use-mdx.md)
            - Date: 2020-09-24

            ## Decision Outcome

            Markdown.
            """,
        "adrs/20201016-use-mdx.md": """
            # Use MDX

            - Status: accepted
            - Date: 2020-10-16

            ## Decision Outcome

            MDX.

            ### Consequences

            JSX in docs.
            """,
        "adrs/template.md": "# Title\n",
        "adrs/README.md": "# ADRs\n",
    })
    assert sorted(entities) == ["ADR-20200924-use-markdown", "ADR-20201016-use-mdx"]
    old = entities["ADR-20200924-use-markdown"]
    assert old["status"] == "superseded" and old["format"] == "log4brains"
    assert old["links"] == [{"rel": "superseded-by", "target": "ADR-20201016-use-mdx"}]
    # one-way link: the successor does not say it supersedes
    assert [f["code"] for f in findings] == ["ADR008"]


def test_templates_index_and_readme_are_not_decisions(tmp_path, monkeypatch):
    entities, _, _ = _entities(tmp_path, monkeypatch, {
        "adrs/0001-record.md": NYGARD_1,
        "adrs/index.md": "# Decisions\n",
        "adrs/README.md": "# Decisions\n",
        "adrs/adr-template.md": "# {title}\n",
        "adrs/template.md": "# N. Title\n",
    })
    assert list(entities) == ["ADR-0001"]


def test_unnumbered_file_takes_number_from_heading(tmp_path, monkeypatch):
    entities, _, _ = _entities(tmp_path, monkeypatch, {
        "adrs/use-kafka.md": "# 7. Use Kafka\n\nDate: 2024-01-01\n\n## Status\n\nProposed\n",
        "adrs/use-redis.md": "# Use Redis\n\nDate: 2024-01-01\n\n## Status\n\nProposed\n",
    })
    assert sorted(entities) == ["ADR-0007", "ADR-use-redis"]
