"""Reading PRD files: bad input becomes findings with lines, never a traceback."""

from __future__ import annotations

from prd_helpers import GOOD, codes, prd_text


def test_a_valid_prd_has_no_findings_and_becomes_entities(specs):
    result = specs({"0007-one-click-checkout.md": prd_text(GOOD)})
    assert result.findings == []
    prd = result.graph.get("PRD-0007")
    assert prd.kind == "prd" and prd.status == "approved" and prd.page == "requirements/PRD-0007.md"
    r1 = result.graph.get("PRD-0007.R1")
    assert (r1.kind, r1.parent, r1.anchor) == ("requirement", "PRD-0007", "prd-0007-r1")
    assert r1.to_dict()["page"] == "requirements/PRD-0007.md#prd-0007-r1"
    assert r1.attrs["rice_score"] == 26666.67


def test_binary_empty_and_non_utf8_files_are_findings(specs):
    result = specs({"0001-a.md": b"\x00\x01binary", "0002-b.md": "  \n", "0003-c.md": b"id: \xff\n"})
    assert codes(result) == ["SPEC001", "SPEC001", "SPEC002"]


def test_malformed_yaml_is_a_finding_with_its_line(specs):
    text = "---\nid: PRD-0001\ntitle: [unclosed\nstatus: draft\n---\n# x\n"
    result = specs({"0001-a.md": text})
    [finding] = result.findings
    assert finding.code == "SPEC003" and finding.file == "prds/0001-a.md" and finding.line >= 3


def test_front_matter_that_is_a_list_is_a_finding(specs):
    result = specs({"0001-a.md": "---\n- id: PRD-0001\n---\n# x\n"})
    assert codes(result) == ["SPEC003"]


def test_a_file_without_front_matter_is_a_schema_finding_on_line_1(specs):
    result = specs({"0001-a.md": "# Just prose\n"})
    [finding] = result.findings
    assert (finding.code, finding.line) == ("PRD001", 1)
    assert "front matter" in finding.message


def test_schema_violations_are_located_at_the_key_with_a_human_message(specs):
    text = prd_text("""
        id: PRD-0001
        title: Search
        status: aproved
        owner: sam
        colour: blue
        requirements:
          - id: R1
            text: Find things.
            priority: musst
            acceptance:
              - given: a shopper
                then: results
    """)
    result = specs({"0001-search.md": text})
    found = {(f.line, f.message) for f in result.findings if f.code == "PRD001"}
    assert (4, "'status': 'aproved' is not one of 'draft', 'review', 'approved', 'shipped' or "
               "'deprecated'") in found
    assert any(line == 6 and "'colour': is not a PRD field" in m for line, m in found)
    assert (10, "requirement R1, 'priority': 'musst' is not one of 'must', 'should', 'could' or "
                "'wont'") in found
    # a missing key is reported where it must be added: the criterion's first line
    assert (12, "requirement R1, 'acceptance[0].when': is required but missing") in found
    assert "pydantic" not in " ".join(m for _, m in found)


def test_a_wrong_type_names_what_was_expected(specs):
    text = prd_text("""
        id: PRD-0001
        title: Search
        status: draft
        owner: sam
        requirements:
          - id: R1
            text: Find things.
            priority: must
            target: {metric: latency, op: "<=", value: fast}
    """)
    [finding] = specs({"0001-search.md": text}).findings
    assert finding.line == 10 and finding.column is not None
    assert finding.message == "requirement R1, 'target.value': should be a number, not 'fast'"


def test_a_bad_id_is_explained(specs):
    result = specs({"0001-a.md": prd_text("id: 7-search\ntitle: S\nstatus: draft\nowner: x\n")})
    [finding] = result.findings
    assert finding.line == 2 and "write PRD-NNNN" in finding.message


def test_ids_are_normalised_and_values_coerced(specs):
    text = prd_text("""
        id: prd-12
        title: Search
        status: draft
        owner: sam
        release: 2027
        adrs: ADR-3
        milestones:
          - {name: beta, date: 2027-01-15}
    """)
    result = specs({"0012-search.md": text})
    assert result.findings == []
    prd = result.graph.get("PRD-0012")
    assert prd.attrs["release"] == "2027"
    assert [(l.rel, l.target) for l in prd.links] == [("relies-on", "ADR-0003")]


def test_an_invalid_prd_still_resolves_references_to_it(specs):
    broken = prd_text("""
        id: PRD-0001
        title: Search
        status: draft
        owner: sam
        requirements:
          - id: R1
            text: Find things.
            priority: soon
    """)
    other = prd_text("""
        id: PRD-0002
        title: Filters
        status: draft
        owner: sam
        depends_on: [PRD-0001.R1]
    """, "See [[PRD-0001.R1]].\n")
    result = specs({"0001-search.md": broken, "0002-filters.md": other})
    assert codes(result) == ["PRD001"]
    assert result.graph.get("PRD-0001.R1").title == "Find things."


def test_readme_index_and_templates_are_not_prds(specs):
    result = specs({"README.md": "# PRDs\n", "index.md": "x", "template.md": "# T\n",
                    ".hidden.md": "x", "0001-a.md": prd_text(GOOD.replace("PRD-0007", "PRD-0001"))})
    assert [e.id for e in result.graph.of_kind("prd")] == ["PRD-0001"]


def test_a_missing_prd_folder_is_a_finding(tmp_path, kinds):
    from specsite.core.config import SpecsiteConfig
    from specsite.core.pipeline import load_specs
    from specsite.core.project import Project

    result = load_specs(Project(tmp_path), SpecsiteConfig(prds=["nowhere"]), None)
    assert [f.code for f in result.findings] == ["SPEC005"]


def test_links_carry_rel_target_and_location(specs):
    result = specs({"0007-one-click-checkout.md": prd_text(GOOD, "See [[ADR-0003]].\n")})
    prd = result.graph.get("PRD-0007")
    assert [(l.rel, l.target, l.line) for l in prd.links] == [
        ("relies-on", "ADR-0003", 8), ("c4", "c4:webshop.checkoutService", 9),
        ("references", "ADR-0003", 38)]
    r1 = result.graph.get("PRD-0007.R1")
    assert [(l.rel, l.target) for l in r1.links] == [("implemented-by", "api:payments#createPayment")]
    r2 = result.graph.get("PRD-0007.R2")
    assert [(l.rel, l.target) for l in r2.links] == [("depends-on", "PRD-0007.R1")]


def test_an_impossible_date_is_a_finding_at_its_line(specs):
    text = prd_text("id: PRD-0001\ntitle: S\nstatus: draft\nowner: x\n"
                    "milestones:\n  - {name: beta, date: 2027-13-45}\n")
    [finding] = specs({"0001-a.md": text}).findings
    assert (finding.code, finding.line) == ("SPEC003", 7)


def test_infinite_numbers_are_schema_violations(specs):
    text = prd_text("""
        id: PRD-0001
        title: S
        status: draft
        owner: x
        requirements:
          - {id: R1, text: t, priority: must, rice: {reach: .inf, impact: 1, confidence: 1, effort: 1}}
    """)
    [finding] = specs({"0001-a.md": text}).findings
    assert finding.code == "PRD001" and finding.message.endswith("should be a finite number, not inf")


def test_pages_render_for_invalid_prds_so_links_to_them_still_work(specs):
    from specsite.core.kind import SiteContext

    broken = prd_text("""
        id: PRD-0001
        title: Search
        status: draft
        owner: sam
        requirements:
          - {id: R1, text: Find things., priority: soon}
    """)
    pages = {p.path: p.markdown for p in specs({"0001-search.md": broken}).pages(SiteContext())}
    page = pages["requirements/PRD-0001.md"]
    assert "does not validate" in page and "{#prd-0001-r1}" in page


def test_a_prd_with_broken_yaml_keeps_its_id_so_references_resolve(specs):
    broken = "---\nid: PRD-0001\ntitle: Search\nstatus: [draft\n---\n# Search\n"
    other = prd_text("id: PRD-0002\ntitle: F\nstatus: draft\nowner: x\ndepends_on: [PRD-0001]\n",
                     "See [[PRD-0001]].\n")
    result = specs({"0001-search.md": broken, "0002-f.md": other})
    assert codes(result) == ["SPEC003"]
    assert result.graph.get("PRD-0001").title == "Search"
