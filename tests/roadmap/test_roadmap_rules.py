"""Each ROAD rule fires on a plan that contradicts itself and stays quiet on one that does not."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from roadmap_helpers import load, prd, road

from specsite.core.config import SpecsiteConfig, describe_errors


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


# ROAD001: planned before what it depends on

def test_prd_planned_before_its_dependency_fires_at_the_depends_on_entry(tmp_path):
    a = prd(1, "2027-Q1", "approved", depends_on=["PRD-0002"])
    specs = load(tmp_path, {"0001-a.md": a, "0002-b.md": prd(2, "2027-Q3")})
    [finding] = road(specs, "ROAD001")
    assert (finding.file, finding.line) == ("prds/0001-a.md", _line_of(a, "- PRD-0002"))
    assert "PRD-0001 is planned for 2027-Q1 and PRD-0002 for the later 2027-Q3" in finding.message
    assert finding.entity == "PRD-0001"


def test_requirement_depending_on_a_later_requirement_fires_rolled_up(tmp_path):
    a = prd(1, "2027-Q1", requirements=[{"id": "R1", "text": "x", "priority": "must",
                                         "depends_on": ["PRD-0002.R1"]}])
    specs = load(tmp_path, {"0001-a.md": a, "0002-b.md": prd(2, "2027-Q2")})
    [finding] = road(specs, "ROAD001")
    assert finding.entity == "PRD-0001.R1"
    assert finding.line == _line_of(a, "- PRD-0002.R1")
    assert "PRD-0002.R1 (of PRD-0002)" in finding.message


@pytest.mark.parametrize("a_release, b_release, b_status, options", [
    ("2027-Q2", "2027-Q1", "draft", {}),            # the dependency comes first
    ("2027-Q1", "2027-Q1", "draft", {}),            # the same release
    ("2027-Q1", "2027-Q3", "shipped", {}),          # the dependency is there already
    ("2027-Q1", "4.2", "draft", {}),                # a quarter and a version: no order known
    ("2027-Q1", None, "draft", {}),                 # the dependency is unscheduled
    ("beta", "alpha", "draft", {"roadmap": {"releases": ["alpha", "beta"]}}),
])
def test_release_order_stays_quiet_when_the_plan_holds(tmp_path, a_release, b_release, b_status,
                                                       options):
    specs = load(tmp_path, {"0001-a.md": prd(1, a_release, depends_on=["PRD-0002"]),
                            "0002-b.md": prd(2, b_release, b_status)}, **options)
    assert road(specs, "ROAD001") == []


def test_configured_order_beats_the_alphabet(tmp_path):
    files = {"0001-a.md": prd(1, "alpha", depends_on=["PRD-0002"]), "0002-b.md": prd(2, "beta")}
    assert [f.code for f in road(load(tmp_path, files))] == ["ROAD001"]
    configured = load(tmp_path, files, roadmap={"releases": ["beta", "alpha"]})
    assert road(configured) == []


def test_versions_sort_naturally(tmp_path):
    files = {"0001-a.md": prd(1, "4.9", depends_on=["PRD-0002"]), "0002-b.md": prd(2, "4.10")}
    assert [f.code for f in road(load(tmp_path, files))] == ["ROAD001"]


# ROAD002: milestone after the release

def test_milestone_after_its_quarter_fires_at_its_date(tmp_path):
    a = prd(1, "2027-Q1", milestones=[{"name": "Beta", "date": "2027-02-01"},
                                      {"name": "GA", "date": "2027-05-10"}])
    [finding] = road(load(tmp_path, {"0001-a.md": a}), "ROAD002")
    assert finding.line == _line_of(a, "2027-05-10")
    assert "'GA'" in finding.message and "2027-03-31" in finding.message


@pytest.mark.parametrize("date", ["2027-03-31", "2027-03", "2027-Q1", "after the beta", "2027-02-30"])
def test_milestone_inside_or_undecidable_stays_quiet(tmp_path, date):
    a = prd(1, "2027-Q1", milestones=[{"name": "GA", "date": date}])
    assert road(load(tmp_path, {"0001-a.md": a}), "ROAD002") == []


def test_milestone_period_starting_after_the_release_fires(tmp_path):
    a = prd(1, "2027-Q1", milestones=[{"name": "GA", "date": "2027-Q2"}])
    assert len(road(load(tmp_path, {"0001-a.md": a}), "ROAD002")) == 1


def test_named_release_is_checked_only_with_a_configured_date(tmp_path):
    a = prd(1, "4.2", milestones=[{"name": "GA", "date": "2027-07-01"}])
    assert road(load(tmp_path, {"0001-a.md": a}), "ROAD002") == []
    dated = load(tmp_path, {"0001-a.md": a},
                 roadmap={"releases": ["4.1", {"name": "4.2", "date": "2027-06-30"}]})
    assert [f.code for f in road(dated)] == ["ROAD002"]


# ROAD003: shipped on unshipped

def test_shipped_prd_depending_on_an_unshipped_one_fires(tmp_path):
    a = prd(1, "2026-Q3", "shipped", depends_on=["PRD-0002"])
    [finding] = road(load(tmp_path, {"0001-a.md": a, "0002-b.md": prd(2, "2026-Q2", "approved")}),
                     "ROAD003")
    assert "which is approved" in finding.message and finding.line == _line_of(a, "- PRD-0002")


def test_shipped_prd_depending_on_a_shipped_one_is_quiet(tmp_path):
    files = {"0001-a.md": prd(1, "2026-Q3", "shipped", depends_on=["PRD-0002"]),
             "0002-b.md": prd(2, "2026-Q2", "shipped")}
    assert road(load(tmp_path, files)) == []


# ROAD004: cycles

def test_two_prds_depending_on_each_other_are_one_cycle_reported_once(tmp_path):
    a = prd(1, depends_on=["PRD-0002"])
    specs = load(tmp_path, {"0001-a.md": a, "0002-b.md": prd(2, depends_on=["PRD-0001"])})
    [finding] = road(specs, "ROAD004")
    assert (finding.file, finding.line) == ("prds/0001-a.md", _line_of(a, "- PRD-0002"))
    assert "PRD-0001 → PRD-0002 → PRD-0001" in finding.message


def test_a_prd_needing_another_whose_requirement_needs_it_back_is_a_cycle(tmp_path):
    b = prd(2, requirements=[{"id": "R1", "text": "x", "priority": "must", "depends_on": ["PRD-0001.R1"]}])
    specs = load(tmp_path, {"0001-a.md": prd(1, depends_on=["PRD-0002"]), "0002-b.md": b})
    [finding] = road(specs, "ROAD004")
    assert "PRD-0001.R1" in finding.message and "PRD-0002.R1" in finding.message


def test_requirement_cycle_inside_one_prd_and_a_self_dependency(tmp_path):
    a = prd(1, requirements=[
        {"id": "R1", "text": "x", "priority": "must", "depends_on": ["R2"]},
        {"id": "R2", "text": "y", "priority": "must", "depends_on": ["R1"]},
        {"id": "R3", "text": "z", "priority": "must", "depends_on": ["R3"]}])
    messages = sorted(f.message for f in road(load(tmp_path, {"0001-a.md": a}), "ROAD004"))
    assert len(messages) == 2
    assert "PRD-0001.R3 → PRD-0001.R3" in messages[1]


def test_dependencies_without_a_cycle_are_quiet(tmp_path):
    a = prd(1, depends_on=["PRD-0002"], requirements=[
        {"id": "R1", "text": "x", "priority": "must", "depends_on": ["R2"]},
        {"id": "R2", "text": "y", "priority": "must", "depends_on": ["PRD-0003.R1"]}])
    # requirement-level crossing between two PRDs is no cycle: each requirement can go first
    c = prd(3, requirements=[{"id": "R1", "text": "x", "priority": "must"},
                             {"id": "R2", "text": "y", "priority": "must", "depends_on": ["PRD-0001.R1"]}])
    specs = load(tmp_path, {"0001-a.md": a, "0002-b.md": prd(2), "0003-c.md": c})
    assert road(specs, "ROAD004") == []


def test_a_long_chain_closing_on_itself_needs_no_deep_recursion(tmp_path):
    count = 3000  # deeper than Python's default recursion limit
    requirements = [{"id": f"R{i}", "text": "x", "priority": "should",
                     "depends_on": [f"R{(i + 1) % count}"]} for i in range(count)]
    [finding] = road(load(tmp_path, {"0001-a.md": prd(1, requirements=requirements)}), "ROAD004")
    # the message names the first and last steps and counts the rest (bounded, yet exact)
    assert f"({count + 1 - 20} more)" in finding.message
    assert finding.message.count("→") == 20


# ROAD005 and ROAD006: the options against the plan

def test_current_naming_no_release_fires_at_the_option(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - specsite:\n      roadmap:\n"
                                         "        current: 2099-Q1\n", encoding="utf-8")
    specs = load(tmp_path, {"0001-a.md": prd(1)}, roadmap={"current": "2099-Q1"})
    [finding] = road(specs, "ROAD005")
    assert (finding.file, finding.line) == ("mkdocs.yml", 5)
    assert road(load(tmp_path, {"0001-a.md": prd(1)}, roadmap={"current": "2027-Q1"})) == []


def test_release_missing_from_the_configured_order_fires(tmp_path):
    text = prd(1, "gamma")
    specs = load(tmp_path, {"0001-a.md": text, "0002-b.md": prd(2, "2027-Q1")},
                 roadmap={"releases": ["alpha", "beta"]})
    [finding] = road(specs, "ROAD006")
    assert finding.line == _line_of(text, "release: gamma")
    assert road(load(tmp_path, {"0001-a.md": prd(1, "gamma")})) == []  # no order configured


# the options themselves

@pytest.mark.parametrize("options, message", [
    ({"lanes": "team"}, "roadmap.lanes"),
    ({"colour": "red"}, "known options: current, lanes, releases, statuses"),
    ({"releases": ["4.1", "4.1"]}, "release '4.1' is listed twice"),
    ({"releases": [{"name": "4.1", "day": "2027-01-01"}]}, "known options: date, name"),
    ({"statuses": ["shipped", "done"]}, "roadmap.statuses.1"),
    ({"statuses": []}, "at least one status"),
])
def test_invalid_options_are_clear_configuration_errors(options, message):
    with pytest.raises(ValidationError) as caught:
        SpecsiteConfig(roadmap=options)
    assert message in "\n".join(describe_errors(caught.value))


def test_options_accept_one_value_or_a_list():
    config = SpecsiteConfig(roadmap={"releases": [4.1, "4.2"], "current": "4.1", "statuses": "draft"})
    assert [r.name for r in config.roadmap.releases] == ["4.1", "4.2"]
    assert config.roadmap.current == ["4.1"] and config.roadmap.statuses == ["draft"]
