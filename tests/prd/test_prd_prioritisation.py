"""ICE, Kano, personas and user stories: each rule both ways, the graph links to C4 people, the
backlog's score option and the value/effort page."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from prd_helpers import codes, prd_text, write
from pydantic import ValidationError

from specsite.adr.kind import ADR_KIND
from specsite.c4.kind import C4_KIND
from specsite.core.config import SpecsiteConfig, describe_errors
from specsite.core.html_table import put_back
from specsite.core.kind import SiteContext
from specsite.core.pipeline import load_specs
from specsite.core.project import Project
from specsite.prd import value_effort
from specsite.prd.kind import PRD_KIND

HEAD = """
id: PRD-0001
title: Checkout
status: draft
owner: sam
"""

WORKSPACE = """
workspace {
    model {
        customer = person "Customer" "Buys things."
        shop = softwareSystem "Shop" "Sells things."
        customer -> shop "Buys from"
    }
    views {
        systemContext shop "Context" {
            include *
            autoLayout
        }
    }
}
"""


def requirement(extra: str = "", rid: str = "R1", priority: str = "must") -> str:
    return (f"  - id: {rid}\n    text: Requirement {rid}.\n    priority: {priority}\n"
            + textwrap.indent(textwrap.dedent(extra).strip("\n"), "    ") + ("\n" if extra else ""))


def prd(body: str, head: str = HEAD) -> str:
    return prd_text(head + body)


def one(result, code: str):
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, result.findings
    return found[0]


@pytest.fixture
def c4_specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The pipeline with the real C4 kind and a workspace with one person (customer)."""
    monkeypatch.setattr("specsite.kinds.KINDS", [C4_KIND, ADR_KIND, PRD_KIND])
    write(tmp_path / "arch" / "workspace.dsl", WORKSPACE)

    def run(files: dict[str, str], **options):
        for name, text in files.items():
            write(tmp_path / "prds" / name, text)
        config = SpecsiteConfig(prds=["prds"], c4=["arch/workspace.dsl"], **options)
        return load_specs(Project(tmp_path), config, None)

    return run


# PRD015: ICE


@pytest.mark.parametrize("ice,line,text", [
    ("{impact: 11, confidence: 5, ease: 5}", 10, "ICE impact 11 is not from 1 to 10"),
    ("{impact: 5, confidence: 0, ease: 5}", 10, "ICE confidence 0 is not from 1 to 10"),
    ("{impact: 5, confidence: 5}", 10, "ICE lacks ease"),
])
def test_prd015_invalid_ice_at_its_line(specs, ice, line, text):
    found = one(specs({"0001-a.md": prd("requirements:\n" + requirement(f"ice: {ice}"))}), "PRD015")
    assert found.line == line and text in found.message and found.file == "prds/0001-a.md"
    assert found.entity == "PRD-0001.R1"


def test_prd015_points_at_the_bad_field_of_a_block_mapping(specs):
    body = "requirements:\n" + requirement("ice:\n  impact: 4\n  confidence: 12\n  ease: 3")
    found = one(specs({"0001-a.md": prd(body)}), "PRD015")
    assert found.line == 12  # the confidence line


def test_prd015_quiet_for_valid_ice_and_the_score_is_the_product(specs):
    result = specs({"0001-a.md": prd("requirements:\n" + requirement(
        "ice: {impact: 8, confidence: 5, ease: 2.5}"))})
    assert codes(result) == []
    assert result.graph.get("PRD-0001.R1").attrs["ice_score"] == 100


# PRD016: Kano


def test_prd016_unknown_kano_category_at_its_line(specs):
    found = one(specs({"0001-a.md": prd("requirements:\n" + requirement("kano: delighter"))}),
                "PRD016")
    assert found.line == 10 and "'delighter' is not one of must-be, performance" in found.message


@pytest.mark.parametrize("written,canonical", [
    ("must-be", "must-be"), ("Must be", "must-be"), ("performance", "performance"),
    ("attractive", "attractive"), ("indifferent", "indifferent"), ("reverse", "reverse"),
    ("MUST_BE", "must-be")])
def test_prd016_quiet_for_the_five_categories(specs, written, canonical):
    result = specs({"0001-a.md": prd("requirements:\n" + requirement(f"kano: {written}"))})
    assert codes(result) == []
    assert result.graph.get("PRD-0001.R1").attrs["kano"] == canonical


# PRD017, PRD019: personas


STORIES = """
personas: [{persona}]
user_stories:
  - as: {story_as}
    want: to pay in one step
    so_that: I do not give up
    requirements: [R1]
requirements:
"""


def with_personas(persona: str, story_as: str) -> str:
    return prd(STORIES.format(persona=persona, story_as=story_as) + requirement())


def test_prd017_unknown_persona_in_personas_and_in_a_story(specs):
    result = specs({"0001-a.md": with_personas("hacker", "ghost")})
    found = [f for f in result.findings if f.code == "PRD017"]
    assert [(f.line, f.entity) for f in found] == [(7, "PRD-0001"), (9, "PRD-0001.story-1")]
    assert "'hacker' is not a person of the C4 model nor a name in the `personas` option" in found[0].message
    assert "user story 1: 'as' 'ghost'" in found[1].message


def test_prd017_quiet_for_names_in_the_personas_option(specs):
    result = specs({"0001-a.md": with_personas("Ops team", "ops TEAM")}, personas=["Ops team"])
    assert codes(result) == []


def test_prd017_quiet_for_a_c4_person_and_no_c4009(c4_specs):
    result = c4_specs({"0001-a.md": with_personas("customer", "c4:customer")})
    assert codes(result, "PRD") == [] and codes(result, "C4009") == []


def test_prd017_suggests_the_person_and_c4009_does_not_repeat_it(c4_specs):
    result = c4_specs({"0001-a.md": with_personas("custmer", "customer")})
    found = one(result, "PRD017")
    assert "(did you mean customer?)" in found.message and "known: customer" in found.message
    assert codes(result, "C4009") == []


def test_prd019_a_persona_that_is_a_software_system(c4_specs):
    found = one(c4_specs({"0001-a.md": with_personas("shop", "customer")}), "PRD019")
    assert found.line == 7 and "(Shop), a software system, not a person" in found.message


def test_prd019_quiet_for_people(c4_specs):
    assert codes(c4_specs({"0001-a.md": with_personas("customer", "customer")}), "PRD019") == []


# PRD018: a story's requirements


def test_prd018_story_links_an_unknown_requirement(specs):
    text = with_personas("Ops", "Ops").replace("requirements: [R1]", "requirements: [R1, R9]")
    found = one(specs({"0001-a.md": text}, personas=["Ops"]), "PRD018")
    assert found.line == 12 and "'R9'" in found.message and found.entity == "PRD-0001.story-1"


def test_prd018_quiet_for_own_and_other_prds_requirements(specs):
    other = prd_text(HEAD.replace("PRD-0001", "PRD-0002") + "requirements:\n" + requirement())
    text = with_personas("Ops", "Ops").replace("requirements: [R1]", "requirements: [R1, PRD-2.R1]")
    assert codes(specs({"0001-a.md": text, "0002-b.md": other}, personas=["Ops"])) == []


# the graph: stories and PRDs reach the C4 person


def test_the_c4_persons_referrers_are_the_prd_and_its_stories(c4_specs):
    result = c4_specs({"0001-a.md": with_personas("customer", "customer")})
    referrers = [e.id for e in result.graph.referrers("c4:customer")]
    assert referrers == ["PRD-0001", "PRD-0001.story-1"]
    story = result.graph.get("PRD-0001.story-1")
    assert story.kind == "story" and story.parent == "PRD-0001"
    assert story.title == "As a customer, I want to pay in one step, so that I do not give up"
    assert [(l.rel, l.target) for l in story.links] == [("persona", "c4:customer"),
                                                          ("delivered-by", "PRD-0001.R1")]
    assert story.page == "requirements/PRD-0001.md" and story.anchor == "prd-0001-story-1"


def test_the_prd_page_shows_personas_and_stories(c4_specs):
    result = c4_specs({"0001-a.md": with_personas("customer", "customer")})
    page = next(p for p in result.pages(SiteContext()) if p.path == "requirements/PRD-0001.md")
    assert "## User stories" in page.markdown
    assert re.search(r"\*\*Story 1\.\*\* As a \[Customer\]\(\.\./architecture/customer\.md ", page.markdown)
    assert "{: #prd-0001-story-1 }" in page.markdown
    assert "| **Personas** | [Customer]" in page.markdown


# the prioritise option and the backlog


def test_an_invalid_score_option_is_a_clear_error():
    with pytest.raises(ValidationError) as exc:
        SpecsiteConfig(prioritise={"score": "wsjf"})
    assert describe_errors(exc.value) == [
        "option 'prioritise.score': Input should be 'rice', 'ice' or 'moscow'"]


SCORED = "requirements:\n" + requirement(
    "rice: {reach: 100, impact: 1, confidence: 1, effort: 1}\nice: {impact: 2, confidence: 2, ease: 2}\nkano: attractive",
    "R1", "could") + requirement(
    "rice: {reach: 10, impact: 1, confidence: 1, effort: 1}\nice: {impact: 9, confidence: 9, ease: 9}",
    "R2", "should") + requirement("", "R3", "must")


def backlog_text(result) -> str:
    """The backlog page's Markdown with its HTML tables put back in place."""
    page = next(p for p in result.pages(SiteContext()) if p.path == "requirements/backlog.md")
    return put_back(page.markdown, page.html)


def backlog_ids(result) -> list[str]:
    ranked = backlog_text(result).split("## Ranked", 1)[1].split("## ", 1)[0]
    return list(dict.fromkeys(re.findall(r"PRD-0001\.R\d", ranked)))


@pytest.mark.parametrize("score,order", [
    ("rice", ["PRD-0001.R1", "PRD-0001.R2"]), ("ice", ["PRD-0001.R2", "PRD-0001.R1"]),
    ("moscow", ["PRD-0001.R3", "PRD-0001.R2", "PRD-0001.R1"])])
def test_the_backlog_ranks_by_the_configured_score(specs, score, order):
    result = specs({"0001-a.md": prd(SCORED)}, prioritise={"score": score})
    assert backlog_ids(result) == order


def test_the_backlog_shows_the_other_scores_and_kano(specs):
    page = backlog_text(specs({"0001-a.md": prd(SCORED)}))
    assert "<th>RICE score</th><th>ICE</th><th>Kano</th>" in page
    assert "<td>8</td><td>attractive</td>" in page  # R1: ICE 2 × 2 × 2
    page = backlog_text(specs({"0001-a.md": prd(SCORED)}, prioritise={"score": "ice"}))
    assert "<th>ICE score</th><th>RICE</th><th>Kano</th>" in page
    assert '<strong title="9 × 9 × 9">729</strong>' in page


# the value/effort page


def chart_page(result) -> str:
    return next(p for p in result.pages(SiteContext()) if p.path == "requirements/prioritisation.md").markdown


def test_the_value_effort_chart_links_each_point_to_its_requirement(specs):
    md = chart_page(specs({"0001-a.md": prd(SCORED)}))
    assert md.index("## Value and effort (RICE)") < md.index("## Value and effort (ICE)")
    svg = md.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert '<a href="../PRD-0001/#prd-0001-r1" class="specsite-point"><title>PRD-0001.R1: ' in svg
    for name in ("Quick wins", "Big bets", "Fill-ins", "Money pits"):
        assert name in svg
    assert "<script" not in md and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_the_value_effort_chart_escapes_spec_values(specs):
    body = "requirements:\n" + requirement(
        "rice: {reach: 100, impact: 1, confidence: 1, effort: 1}").replace(
        "Requirement R1.", "\"<script>alert(1)</script> & ]] [[x\"")
    md = chart_page(specs({"0001-a.md": prd(body)}))
    assert "<script>" not in md and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in md


def test_the_value_effort_chart_is_bounded_and_says_what_is_left_out(specs):
    many = "".join(requirement(f"rice: {{reach: {n}, impact: 1, confidence: 1, effort: 1}}", f"R{n}")
                   for n in range(1, value_effort.MAX_POINTS + 13))
    md = chart_page(specs({"0001-a.md": prd("requirements:\n" + many)}))
    assert md.count('class="specsite-point"') == value_effort.MAX_POINTS
    assert "12 more requirements with a RICE score are not drawn" in md


def test_the_value_effort_page_says_when_there_is_nothing_to_draw(specs):
    md = chart_page(specs({"0001-a.md": prd("requirements:\n" + requirement())}))
    assert "No requirement has a complete, valid <code>rice</code> estimate" in md
    assert "<svg" not in md


def test_the_ice_chart_comes_first_when_ice_ranks(specs):
    md = chart_page(specs({"0001-a.md": prd(SCORED)}, prioritise={"score": "ice"}))
    assert md.index("## Value and effort (ICE)") < md.index("## Value and effort (RICE)")
    assert "Effort: 11 − ease" in md


def test_quadrants_split_at_the_medians():
    points = [value_effort.Point(f"P.R{i}", "t", "must", v, e, v / e, "#")
              for i, (v, e) in enumerate([(100, 1), (100, 5), (1, 1), (1, 5), (50, 3)])]
    placed, v_mid, e_mid = value_effort.place(points)
    assert (v_mid, e_mid) == (50, 3)
    assert [p.quadrant for p in placed] == ["quick wins", "big bets", "fill-ins", "money pits",
                                            "quick wins"]


def test_a_story_field_typo_is_prd001_naming_the_fields_as_written(specs):
    text = prd("user_stories:\n  - {who: shopper, want: x}\nrequirements:\n" + requirement())
    messages = [f.message for f in specs({"0001-a.md": text}).findings if f.code == "PRD001"]
    assert any("'user_stories[0].who': is not a PRD field (known here: as, requirements, so_that, "
               "want)" in m for m in messages), messages
    assert any("'user_stories[0].as': is required but missing" in m for m in messages), messages


def test_quadrant_lines_run_between_points_never_through_one():
    measure = value_effort.measures(lambda r: None, lambda r: None)["ice"]
    points = [value_effort.Point(f"P.R{i}", "t", "must", v, e, v / e, "#")
              for i, (v, e) in enumerate([(60, 1), (60, 1), (10, 1), (30, 5), (50, 9)])]
    placed, v_mid, e_mid = value_effort.place(points)
    assert (v_mid, e_mid) == (50, 1)
    svg = value_effort.render_svg(placed, v_mid, e_mid, measure)
    lines = re.findall(r'<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)" stroke="#999"', svg)
    x_line, y_line = float(lines[0][0]), float(lines[1][1])
    xs = sorted({float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)})
    ys = sorted({float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)})
    assert xs[0] < x_line < xs[1]  # effort 1 (low) | efforts 5 and 9 (high)
    assert not any(abs(y - y_line) < 5 for y in ys)


def test_prd018_for_another_prds_missing_requirement(specs):
    text = with_personas("Ops", "Ops").replace("requirements: [R1]", "requirements: [PRD-0009.R1]")
    found = one(specs({"0001-a.md": text}, personas=["Ops"]), "PRD018")
    assert "'PRD-0009.R1', which is no requirement" in found.message
