"""Each C4 rule: one case that fires it and one that keeps it quiet, through ``C4_KIND``."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from specsite.c4.kind import C4_KIND
from specsite.core.config import SpecsiteConfig
from specsite.core.entities import Entity, Link
from specsite.core.graph import SpecGraph
from specsite.core.project import Project

GOOD = '''
workspace {
    model {
        u = person "User" "Uses the shop."
        s = softwareSystem "Shop" "Sells things." {
            w = container "Web" "Serves pages." "Python"
        }
        u -> w "Browses"
    }
    views {
        container s "Containers" {
            include *
        }
    }
}
'''


def run(tmp_path: Path, text: str, extra: list[Entity] = (), files: dict[str, str] | None = None):
    """Read, then check, a workspace written to ``tmp_path``; returns the findings as tuples."""
    (tmp_path / "workspace.dsl").write_text(textwrap.dedent(text))
    for name, content in (files or {}).items():
        (tmp_path / name).write_text(content)
    config = SpecsiteConfig(c4=["workspace.dsl"])
    result = C4_KIND.read(Project(tmp_path), config)
    graph = SpecGraph([*result.entities, *extra])
    findings = result.findings + C4_KIND.check(graph, result, config)
    return sorted((f.code, f.file, f.line, f.message) for f in findings)


def codes(findings) -> list[str]:
    return [f[0] for f in findings]


def test_good_workspace_is_quiet(tmp_path):
    assert run(tmp_path, GOOD) == []


def test_c4001_syntax_error(tmp_path):
    found = run(tmp_path, GOOD.replace('u -> w "Browses"', 'u -> w "Browses" {'))
    assert "C4001" in codes(found)


def test_c4002_unsupported(tmp_path):
    found = run(tmp_path, GOOD.replace("    model {", "    model {\n        !plugin com.example.X"))
    assert codes(found) == ["C4002"]
    assert found[0][1:3] == ("workspace.dsl", 4)


def test_c4003_unknown_identifier_in_relationship_and_view(tmp_path):
    text = GOOD.replace('u -> w "Browses"', 'u -> x "Browses"').replace("include *", "include * y")
    found = run(tmp_path, text)
    # u's only relationship was the broken one, so no view shows u any more
    assert [(c, line) for c, _, line, _ in found] == [("C4003", 8), ("C4003", 12), ("C4008", 4)]


def test_c4004_duplicate_identifier(tmp_path):
    found = run(tmp_path, GOOD.replace('u = person', 'w = person "Dup" "Dup."\n        u = person'))
    assert [(c, line) for c, _, line, _ in found if c != "C4008"] == [("C4004", 7)]


def test_c4004_duplicate_relationship(tmp_path):
    found = run(tmp_path, GOOD.replace('u -> w "Browses"', 'u -> w "Browses"\n        u -> w "Browses"'))
    assert codes(found) == ["C4004"]


def test_c4005_element_without_description(tmp_path):
    found = run(tmp_path, GOOD.replace('"Serves pages." "Python"', '"" "Python"'))
    assert found == [("C4005", "workspace.dsl", 6, "container 'Web' (w) has no description")]


def test_c4006_relationship_without_description(tmp_path):
    found = run(tmp_path, GOOD.replace('u -> w "Browses"', 'u -> w'))
    assert found == [("C4006", "workspace.dsl", 8, "relationship u -> w has no description")]


def test_c4007_empty_view(tmp_path):
    found = run(tmp_path, GOOD.replace("include *", "include *\n            exclude *"))
    assert "C4007" in codes(found)


def test_c4007_c4008_quiet_for_image_views(tmp_path):
    text = GOOD.replace('        container s "Containers" {', '        image * "Pic" {\n            image x.png\n        }\n'
                        '        container s "Containers" {')
    assert run(tmp_path, text) == []


def test_c4008_element_in_no_view(tmp_path):
    found = run(tmp_path, GOOD.replace('u = person', 't = softwareSystem "T" "Alone."\n        u = person'))
    assert found == [("C4008", "workspace.dsl", 4, "software system 'T' (t) appears in no view")]


def _prd(target: str, rel: str = "c4") -> Entity:
    return Entity("PRD-0001.R1", "requirement", "Checkout", file="prds/0001.md", line=3,
                  links=[Link(rel, target, "prds/0001.md", 7, 3)])


def _adr(target: str, status: str) -> Entity:
    return Entity("ADR-0002", "adr", "Use Python", status=status, file="adrs/0002.md", line=1,
                  links=[Link("references", target, "adrs/0002.md", 12, 5)])


def test_c4009_unknown_element_from_a_prd_list(tmp_path):
    found = run(tmp_path, GOOD, [_prd("c4:s.api")])
    assert found == [("C4009", "prds/0001.md", 7,
                      "PRD-0001.R1 names c4:s.api (c4), but no C4 element has this identifier")]


def test_c4009_quiet_for_existing_elements_and_plain_references(tmp_path):
    # plain [[c4:...]] references are the generic XREF001's to report
    assert run(tmp_path, GOOD, [_prd("c4:w"), Entity("page:x.md", "page", "X", links=[
        Link("references", "c4:nope", "docs/x.md", 2)])]) == []


def test_c4009_accepted_adr_front_matter_names_a_missing_element(tmp_path):
    adr = Entity("ADR-0002", "adr", "Use Python", status="accepted", file="adrs/0002.md", line=1,
                 links=[Link("c4", "c4:legacy", "adrs/0002.md", 4, 1)])
    found = run(tmp_path, GOOD, [adr])
    assert found == [("C4009", "adrs/0002.md", 4,
                      "ADR-0002 names c4:legacy (c4), but no C4 element has this identifier "
                      "(if it was removed, update the decision or supersede it)")]


@pytest.mark.parametrize("status", ["accepted", "superseded", "proposed"])
def test_plain_references_from_adrs_are_left_to_xref001(tmp_path, status):
    # a typo in [[c4:...]] is an unknown reference, never "no longer in the model"
    assert run(tmp_path, GOOD, [_adr("c4:legacy", status), _adr("c4:w", "accepted")]) == []


def test_references_not_checked_without_a_workspace(tmp_path):
    graph = SpecGraph([_prd("c4:nope")])
    config = SpecsiteConfig()
    assert C4_KIND.check(graph, C4_KIND.read(Project(tmp_path), config), config) == []


def test_c4011_missing_include(tmp_path):
    found = run(tmp_path, GOOD.replace("    model {", "    model {\n        !include gone.dsl"))
    assert found == [("C4011", "workspace.dsl", 4, "!include gone.dsl: gone.dsl does not exist")]


def test_c4012_dynamic_step_without_relationship(tmp_path):
    text = GOOD.replace('        container s "Containers" {',
                        '        dynamic s "D" {\n            w -> u "Calls back"\n            u -> u "Nope"\n        }\n'
                        '        container s "Containers" {')
    found = run(tmp_path, text)
    assert [(c, line) for c, _, line, _ in found] == [("C4012", 13)]


def test_c4013_duplicate_view_key(tmp_path):
    text = GOOD.replace('        container s "Containers" {',
                        '        systemLandscape "Containers" {\n            include *\n        }\n'
                        '        container s "Containers" {')
    assert codes(run(tmp_path, text)) == ["C4013"]


def test_missing_and_outside_workspace_files(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    config = SpecsiteConfig(c4=["nope.dsl", "../outside.dsl"])
    result = C4_KIND.read(Project(project), config)
    assert sorted(f.code for f in result.findings) == ["SPEC004", "SPEC005"]
    assert result.entities == []
