"""Hostile input from an untrusted pull request: each one ends as a finding, with bounded work,
and the ordinary input next to it reads as before.

Sizes are kept small so the suite stays fast; where a regression would only be slow, the work is
counted instead of timed. ``benchmarks/hostile_inputs.py`` runs the full-size inputs.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from project_fixtures import NYGARD_1, build_site, run_cli, write_files

from specsite.c4.identifiers import Register
from specsite.c4.kind import C4_KIND
from specsite.c4.layout import layout_view
from specsite.core.config import SpecsiteConfig, error_pairs
from specsite.core.findings import BoundedFindings, Finding, Severity, cap_per_rule
from specsite.core.kind import SiteContext
from specsite.core.limits import Limits, current, use
from specsite.core.pipeline import load_specs
from specsite.core.project import Project
from specsite.core.references import link_references
from specsite.core.rules import FINDINGS_CAPPED, LIMIT_HIT
from specsite.core.xref import scan
from specsite.core.yaml_reader import LimitError, check_limits, duplicate_keys
from specsite.openapi import lint


def alias_bomb(levels: int = 9, width: int = 10) -> str:
    """The "billion laughs": each anchor lists the one before ``width`` times."""
    lines = ['a0: &a0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def specs(root: Path, **options) -> list[Finding]:
    """The findings of the whole pipeline over ``root`` with these options."""
    config = SpecsiteConfig.model_validate(options)
    return load_specs(Project(root), config).findings


def of(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


ADR_BODY = NYGARD_1.lstrip("\n")


# ---------------------------------------------------------------- YAML: aliases and nesting

def test_front_matter_alias_bomb_is_refused_where_it_expands(tmp_path):
    write_files(tmp_path, {"adrs/0001-bomb.md": "---\nstatus: accepted\n" + alias_bomb() + "---\n" + ADR_BODY})
    (finding,) = of(specs(tmp_path, adrs=["adrs"]), "SPEC006")
    assert finding.file == "adrs/0001-bomb.md" and "limits.max_yaml_nodes" in finding.message
    # a7 (line 10 of the file) takes the document past two million nodes
    assert finding.line == 10


def test_front_matter_aliases_under_the_limit_are_read(tmp_path):
    front = "tags: &t [api, billing]\nstatus: accepted\nc4: *t\n"
    write_files(tmp_path, {"adrs/0001-ok.md": "---\n" + front + "---\n" + ADR_BODY})
    result = run_cli(["export", "--adrs", "adrs"], tmp_path, pytest.MonkeyPatch())
    (entity,) = result.json()["entities"]
    assert entity["tags"] == ["api", "billing"] and result.json()["findings"] == []


def test_duplicate_key_walk_visits_a_shared_node_once():
    """An aliased node is one object: walking it once per alias would walk the expansion."""

    class Counted(list):
        walks = 0

        def __iter__(self):
            Counted.walks += 1
            return super().__iter__()

    node: yaml.Node = yaml.ScalarNode("tag:yaml.org,2002:str", "lol")
    for _ in range(12):  # 10**12 nodes once expanded
        node = yaml.SequenceNode("tag:yaml.org,2002:seq", Counted([node] * 10))
    assert duplicate_keys(node) == []
    assert Counted.walks == 12


@pytest.mark.parametrize("nested", [
    "k:\n  " + "- " * 2000 + "x\n",                     # block sequences on one line
    "k: " + "[" * 2000 + "]" * 2000 + "\n",              # flow
    "".join(" " * i + f"k{i}:\n" for i in range(300)) + " " * 300 + "x\n",  # block mappings
])
def test_deep_yaml_is_refused_before_libyaml_composes_it(nested):
    """libyaml composes recursively in C: 25,000 levels killed the process (exit 139)."""
    with pytest.raises(LimitError) as caught:
        check_limits(nested)
    assert "limits.max_nesting" in caught.value.message and caught.value.line >= 1


def test_deep_block_yaml_in_front_matter_openapi_and_docs_is_a_finding(tmp_path, monkeypatch):
    deep = "k:\n  " + "- " * 25_000 + "x\n"
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      adrs: adrs\n      openapi: apis\n",
        "docs/page.md": "---\n" + deep + "---\n# Page\n",
        "adrs/0001-deep.md": "---\n" + deep + "---\n" + ADR_BODY,
        "apis/deep.yaml": "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep:\n  " + deep.replace("\n  ", "\n    "),
    })
    result = run_cli(["check", "--format", "json"], tmp_path, monkeypatch)
    assert result.code == 1 and "Traceback" not in result.err
    found = {(f["file"], f["code"], f["line"]) for f in result.json()["findings"]}
    assert {("docs/page.md", "SPEC006", 3), ("adrs/0001-deep.md", "SPEC006", 3),
            ("apis/deep.yaml", "SPEC006", 6)} <= found


def test_nesting_under_the_limit_reads_and_the_limit_is_configurable(tmp_path):
    nested = "k:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(20)) + "  " * 21 + "x\n"
    check_limits(nested)  # 22 levels: the default allows 256
    with pytest.raises(LimitError):
        check_limits(nested, Limits(max_nesting=10))


def test_block_nesting_in_mkdocs_yml_is_a_usage_error(tmp_path, monkeypatch):
    write_files(tmp_path, {"mkdocs.yml": "site_name: t\nextra:\n  k:\n    " + "- " * 25_000 + "x\n"})
    result = run_cli(["check"], tmp_path, monkeypatch)
    assert result.code == 2 and "nested too deeply" in result.err


def test_openapi_aliases_are_legitimate_until_they_expand_too_far(tmp_path):
    head = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
    write_files(tmp_path, {
        "apis/shared.yaml": head + "x-a: &a {type: string}\nx-b: *a\n",
        "apis/bomb.yaml": head + "x-bomb:\n" + textwrap.indent(alias_bomb(5), "  "),
    })
    findings = specs(tmp_path, openapi=["apis"], limits={"max_yaml_nodes": 10_000})
    (finding,) = of(findings, "SPEC006")
    assert finding.file == "apis/bomb.yaml" and finding.line == 9  # a4: 11,111 nodes


# ---------------------------------------------------------------- OpenAPI: 10,000 paths

class _Api:
    uri = "api.yaml"

    def __init__(self, paths: list[str]) -> None:
        self.data = {"paths": {p: {} for p in paths}}


def _visits(paths: list[str]) -> tuple[int, list]:
    """Trie nodes the ambiguous-path lint visits, and its issues."""
    seen = [0]
    original = lint._first_ambiguous

    def counting(root, segments, budget):
        before = budget[0]
        try:
            return original(root, segments, budget)
        finally:
            seen[0] += before - budget[0]

    lint._first_ambiguous = counting
    try:
        issues = list(lint._paths(_Api(paths)))
    finally:
        lint._first_ambiguous = original
    return seen[0], issues


def test_ten_thousand_paths_cost_a_few_steps_each():
    visits, issues = _visits([f"/r{i}/{{id}}/s{i % 97}" for i in range(10_000)])
    assert issues == [] and visits <= 5 * 10_000


def test_ambiguous_paths_are_still_found_earliest_first():
    visits, issues = _visits(["/a/{x}/b", "/a/c/d", "/a/c/{y}", "/{p}/c/d"])
    assert [i.message for i in issues] == [
        "path '/a/c/{y}' and path '/a/{x}/b' can match the same URL",
        "path '/{p}/c/d' and path '/a/c/{y}' can match the same URL"]


def test_paths_built_to_branch_widely_stop_at_a_linear_budget():
    paths = [f"/{{a}}/l{i}/x" for i in range(3000)] + [f"/m{i}/{{b}}/y" for i in range(3000)]
    visits, issues = _visits(paths)
    assert visits <= lint._WORK_PER_PATH * len(paths) + lint._WORK_BASE
    assert [i.rule for i in issues] == [LIMIT_HIT]


# ---------------------------------------------------------------- C4: layout, !const, !include

def _landscape(elements: int, relationships: int) -> str:
    model = "".join(f'    e{i} = softwareSystem "System {i}" "Does {i}."\n' for i in range(elements))
    model += "".join(f'    e{i % elements} -> e{(i * 7 + 3) % elements} "Call {i}"\n'
                     for i in range(relationships))
    return (f'workspace {{\n  model {{\n{model}  }}\n  views {{\n'
            f'    systemLandscape "all" {{\n      include *\n      autoLayout\n    }}\n  }}\n}}\n')


def test_a_view_over_the_layout_limits_is_a_grid_and_a_warning(tmp_path):
    write_files(tmp_path, {"w.dsl": _landscape(12, 30)})
    options = {"c4": ["w.dsl"], "limits": {"max_layout_elements": 10}}
    result = load_specs(Project(tmp_path), SpecsiteConfig.model_validate(options))
    (finding,) = of(result.findings, "C4014")
    view_line = _landscape(12, 30).split("\n").index('    systemLandscape "all" {') + 1
    assert finding.severity is Severity.WARNING and (finding.file, finding.line) == ("w.dsl", view_line)
    assert "12 elements" in finding.message
    page = next(p for p in result.pages(SiteContext()) if "views/" in p.path)
    assert 'Drawn as a grid' in page.markdown and page.findings == []


def test_a_view_over_the_work_budget_falls_back_deterministically(tmp_path):
    write_files(tmp_path, {"w.dsl": _landscape(8, 12)})
    ws = C4_KIND.read(Project(tmp_path), SpecsiteConfig(c4=["w.dsl"])).model.workspaces[0]
    view = ws.views[0]
    assert layout_view(view).engine == "graphviz"
    starved = Limits(max_layout_work=100_000)
    first, again = layout_view(view, starved), layout_view(view, starved)
    assert first.engine == "grid" and "limits.max_layout_work" in first.fallback
    assert [(b.x, b.y) for b in first.boxes] == [(b.x, b.y) for b in again.boxes]
    options = {"c4": ["w.dsl"], "limits": {"max_layout_work": 100_000}}
    result = load_specs(Project(tmp_path), SpecsiteConfig.model_validate(options))
    assert not of(result.findings, "C4014")  # only the layout knows: the page says it
    page = next(p for p in result.pages(SiteContext()) if "views/" in p.path)
    assert [f.code for f in page.findings] == ["C4014"]


def test_a_const_expansion_bomb_stops_at_the_budget(tmp_path):
    consts = ['!const c0 "xxxxxxxxxxxxxxxx"'] + [
        f'!const c{i} "${{c{i - 1}}}${{c{i - 1}}}"' for i in range(1, 41)]
    dsl = "\n".join(consts) + '\nworkspace {\n  model {\n    a = softwareSystem "${c40}" "d"\n  }\n}\n'
    write_files(tmp_path, {"w.dsl": dsl})
    findings = specs(tmp_path, c4=["w.dsl"])
    (finding,) = of(findings, "SPEC006")
    # c15 (line 16) takes the characters added past a million
    assert "limits.max_expanded_chars" in finding.message and finding.line == 16


def test_constants_expand_as_before(tmp_path):
    dsl = ('!const NAME "Payments"\n!var TECH "Java"\nworkspace {\n  model {\n'
           '    a = softwareSystem "${NAME} API" "Takes ${NAME}." {\n'
           '      c = container "Core" "Does." "${TECH}"\n    }\n  }\n}\n')
    write_files(tmp_path, {"w.dsl": dsl})
    result = C4_KIND.read(Project(tmp_path), SpecsiteConfig(c4=["w.dsl"]))
    names = {e.id: (e.name, e.technology) for e in result.model.workspaces[0].elements}
    assert names == {"a": ("Payments API", ""), "c": ("Core", "Java")} and result.findings == []


def test_one_part_included_fifty_times_stops_at_the_include_budget(tmp_path):
    part = "".join(f'p{i} = person "Person {i}" "Uses it."\n' for i in range(200))
    dsl = "workspace {\n  model {\n" + "    !include part.dsl\n" * 50 + "  }\n}\n"
    write_files(tmp_path, {"w.dsl": dsl, "part.dsl": part})
    size = (tmp_path / "part.dsl").stat().st_size
    findings = specs(tmp_path, c4=["w.dsl"], limits={"max_include_bytes": 3 * size})
    (finding,) = of(findings, "SPEC006")
    assert (finding.file, finding.line) == ("w.dsl", 6) and "limits.max_include_bytes" in finding.message
    few = specs(tmp_path, c4=["w.dsl"], limits={"max_include_count": 2})
    assert "limits.max_include_count" in of(few, "SPEC006")[0].message


def test_includes_within_the_budget_are_read(tmp_path):
    write_files(tmp_path, {
        "w.dsl": 'workspace {\n  model {\n    !include people.dsl\n    !include people2.dsl\n  }\n}\n',
        "people.dsl": 'a = person "A" "Uses it."\n', "people2.dsl": 'b = person "B" "Uses it."\n'})
    result = C4_KIND.read(Project(tmp_path), SpecsiteConfig(c4=["w.dsl"]))
    assert [e.id for e in result.model.workspaces[0].elements] == ["a", "b"]
    assert not of(result.findings, "SPEC006")


def test_ten_thousand_elements_of_one_name_get_their_ids_in_linear_steps():
    class Counted(set):
        lookups = 0

        def __contains__(self, item):
            Counted.lookups += 1
            return super().__contains__(item)

    register = Register(taken=Counted())
    ids = [register.unique("same") for _ in range(10_000)]
    assert ids[:3] == ["same", "same-2", "same-3"] and ids[-1] == "same-10000"
    assert Counted.lookups <= 2 * 10_000


# ---------------------------------------------------------------- Markdown: bracket runs

def test_reference_scanning_is_linear_on_bracket_and_blank_runs():
    for text in ("[[" * 50_000, "[[" + " " * 50_000, "[[a|" + " " * 50_000 + "x", "[a" * 50_000):
        assert scan(text) == []


def test_references_read_as_before():
    refs = scan("See [[ adr-7 | the decision ]], [[PRD-3.r1]] and `[[NOT-1]]`.\n[[\n ADR-2 \n]]")
    assert [(r.target, r.label, r.line, r.column) for r in refs] == [
        ("ADR-0007", "the decision", 1, 5), ("PRD-0003.r1", None, 1, 33), ("ADR-0002", None, 2, 1)]


def test_a_block_of_brackets_is_shown_as_text_and_other_text_is_untouched():
    from specsite.core.graph import SpecGraph

    hostile = "Intro [link](x.md).\n\n" + "a[" * 50_000 + "\n\nOutro [link](y.md).\n"
    out = link_references(hostile, "page.md", SpecGraph())
    assert out.startswith("Intro [link](x.md).\n\n<p class=\"specsite-verbatim\">a[a[")
    assert out.endswith("</p>\n\nOutro [link](y.md).\n")
    ordinary = "See [the docs](x.md) and [a [nested] link](y) [unmatched\n\n" * 300
    assert link_references(ordinary, "page.md", SpecGraph()) == ordinary


def test_an_adr_full_of_brackets_builds(tmp_path):
    hostile = ADR_BODY.replace("We will use ADRs.", "[[" * 20_000)
    hostile = hostile.replace("Accepted", "Superseded by " + "[" * 20_000)
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - specsite:\n      adrs: adrs\n"
                      "      rules: {ADR006: info}\n",
        "docs/index.md": "# Home\n", "adrs/0001-brackets.md": hostile})
    site = build_site(tmp_path, strict=False)
    html = (site / "decisions" / "ADR-0001" / "index.html").read_text(encoding="utf-8")
    assert 'class="specsite-verbatim">[[[[' in html


def test_headings_and_meta_lines_with_long_blank_runs_read_linearly(tmp_path):
    text = ("# 1. Title" + " " * 50_000 + "x\n\nDate: 2024-01-10" + " " * 50_000 + "\n\n"
            "## Status\n\nAccepted\n\n* Status:" + " " * 50_000 + "a\n")
    write_files(tmp_path, {"adrs/0001-blanks.md": text})
    result = run_cli(["export", "--adrs", "adrs"], tmp_path, pytest.MonkeyPatch())
    (entity,) = result.json()["entities"]
    assert entity["title"].startswith("Title") and entity["date"] == "2024-01-10"


# ---------------------------------------------------------------- findings per rule

def test_a_million_findings_are_capped_with_a_summary(tmp_path):
    bad = "workspace {\n  model {\n" + "this is not a statement\n" * 5000 + "  }\n}\n"
    write_files(tmp_path, {"w.dsl": bad})
    findings = specs(tmp_path, c4=["w.dsl"], limits={"max_findings_per_rule": 10})
    assert len(of(findings, "C4001")) == 10
    (summary,) = of(findings, "SPEC007")
    assert summary.message.startswith("4,990 more C4001 findings not shown")
    assert summary.severity is Severity.ERROR and (summary.file, summary.line) == ("w.dsl", 13)


def test_the_dsl_parser_keeps_only_the_cap_in_memory(tmp_path):
    from specsite.c4.parser import parse_workspace

    bad = "workspace {\n  model {\n" + "not a statement\n" * 3000 + "  }\n}\n"
    write_files(tmp_path, {"w.dsl": bad})
    findings: list[Finding] = []
    with use(Limits(max_findings_per_rule=5)):
        parse_workspace(Project(tmp_path), tmp_path / "w.dsl", findings)
    assert [f.code for f in findings] == ["C4001"] * 5 + ["SPEC007"]


def test_findings_under_the_cap_are_all_reported():
    rule = FINDINGS_CAPPED
    found = [Finding("X001", Severity.INFO, f"m{i}", "a.md", i) for i in range(1, 6)]
    assert cap_per_rule(found, 5, rule) == found
    capped = cap_per_rule(found, 2, rule)
    assert [f.code for f in capped] == ["X001", "X001", "SPEC007"]
    assert capped[-1].severity is Severity.INFO  # a summary of infos fails no strict build
    assert cap_per_rule(found, 0, rule) == found
    bounded = BoundedFindings(2, rule)
    bounded += found
    assert len(bounded) == 2 and bounded.summaries()[0].message.startswith("3 more X001")


# ---------------------------------------------------------------- tracebacks found by fuzzing

def test_an_unknown_schema_type_with_an_example_is_a_finding(tmp_path, monkeypatch):
    api = textwrap.dedent("""\
        openapi: 3.0.3
        info: {title: t, version: '1'}
        paths: {}
        components:
          schemas:
            Thing:
              type: strng
              example: hello
        """)
    write_files(tmp_path, {"apis/t.yaml": api})
    result = run_cli(["check", "--openapi", "apis", "--format", "json"], tmp_path, monkeypatch)
    assert result.code == 1 and "Traceback" not in result.err
    assert ("OAS002", 7) in {(f["code"], f["line"]) for f in result.json()["findings"]}


def test_a_path_part_over_255_bytes_is_a_finding_in_every_reference(tmp_path, monkeypatch):
    long = "a" * 300
    write_files(tmp_path, {
        "apis/t.yaml": f"openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n"
                       f"    $ref: './{long}.yaml#/x'\n",
        "w.dsl": f"workspace {{\n  !docs {long}\n  !adrs {long}\n  model {{\n    !include {long}.dsl\n"
                 f"  }}\n}}\n",
        "adrs/0001-a.md": ADR_BODY.replace("We will use ADRs.", f"See [it]({long}.md).\n\n![x]({long}.png)"),
    })
    result = run_cli(["check", "--openapi", "apis", "--c4", "w.dsl", "--adrs", "adrs", "--format",
                      "json"], tmp_path, monkeypatch)
    assert "Traceback" not in result.err
    found = {(f["file"], f["line"]) for f in result.json()["findings"] if "255 bytes" in f["message"]}
    assert found == {("apis/t.yaml", 5), ("w.dsl", 2), ("w.dsl", 3), ("w.dsl", 5)}


def test_an_invalid_style_colour_is_a_finding_and_the_default_is_drawn(tmp_path):
    dsl = _landscape(2, 1).replace(
        "  }\n}\n", '    styles {\n      element "Software System" {\n'
                    '        background "#12345g"\n        color "#1168bd"\n      }\n    }\n  }\n}\n')
    write_files(tmp_path, {"w.dsl": dsl})
    result = load_specs(Project(tmp_path), SpecsiteConfig(c4=["w.dsl"]))
    (finding,) = of(result.findings, "C4001")
    assert (finding.line, finding.column) == (14, 20) and "'#12345g' is not a colour" in finding.message
    page = next(p for p in result.pages(SiteContext()) if "views/" in p.path)
    assert 'fill="#dddddd"' in page.inlined() and "#1168bd" in page.inlined()


# ---------------------------------------------------------------- sizes and the option itself

def test_a_file_over_max_file_bytes_is_not_read(tmp_path):
    write_files(tmp_path, {"adrs/0001-big.md": ADR_BODY + "x" * 5000, "adrs/0002-small.md": ADR_BODY})
    findings = specs(tmp_path, adrs=["adrs"], limits={"max_file_bytes": 4096})
    assert [(f.code, f.file) for f in findings if f.code == "SPEC006"] == [
        ("SPEC006", "adrs/0001-big.md")]


def test_limits_are_validated_and_documented():
    with pytest.raises(ValueError, match="max_nesting"):
        SpecsiteConfig.model_validate({"limits": {"max_nesting": 100_000}})
    with pytest.raises(ValueError, match="extra") as caught:
        SpecsiteConfig.model_validate({"limits": {"max_everything": 1}})
    (problem,) = error_pairs(caught.value)
    assert problem[0] == "limits.max_everything" and "max_layout_work" in problem[1]
    assert current() == Limits()
    guide = (Path(__file__).resolve().parents[2] / "docs" / "guide" / "configuration.md").read_text()
    for name in Limits.model_fields:
        assert f"`{name}`" in guide
