"""The roadmap page: release order, Now / Next / Later, lanes, the timeline, charts, debt, the
table; escaped, bounded and deterministic."""

from __future__ import annotations

import re

from roadmap_helpers import load, prd, roadmap_page

from specsite.core.entities import Entity
from specsite.core.kind import SiteContext
from specsite.roadmap.charts import Category, Group, category_bars
from specsite.roadmap.timeline import MAX_DRAWN


def _table_releases(page: str) -> list[str]:
    table = page[page.index("## Every PRD on the roadmap"):]
    return re.findall(r"<tr><td>([^<]*)</td>", table)


def _timeline(page: str) -> str:
    return page[page.index('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink'):page.index("</svg>")]


def test_releases_in_order_quarters_by_date_versions_naturally_unscheduled_last(tmp_path):
    files = {"0001-a.md": prd(1, "2028-Q1"), "0002-b.md": prd(2, "2027-Q4"), "0003-c.md": prd(3, None),
             "0004-d.md": prd(4, "4.10"), "0005-e.md": prd(5, "4.9")}
    page = roadmap_page(load(tmp_path, files))
    assert _table_releases(page) == ["2027-Q4", "2028-Q1", "4.9", "4.10", "Unscheduled"]
    headers = re.findall(r'font-size="15" font-weight="bold" fill="#212121">([^<]*)<', _timeline(page))
    assert headers == ["2027-Q4", "2028-Q1", "4.9", "4.10", "Unscheduled"]


def test_configured_releases_come_first_in_their_order(tmp_path):
    files = {"0001-a.md": prd(1, "alpha"), "0002-b.md": prd(2, "beta"), "0003-c.md": prd(3, "2027-Q1")}
    page = roadmap_page(load(tmp_path, files, roadmap={"releases": ["beta", "alpha"]}))
    assert _table_releases(page) == ["beta", "alpha", "2027-Q1"]


def _phase(page: str, name: str) -> str:
    match = re.search(rf"<strong>{name}</strong> · ([^<]*)</p>", page)
    assert match is not None
    return match.group(1)


def test_now_is_the_first_release_with_unshipped_work(tmp_path):
    files = {"0001-a.md": prd(1, "2026-Q3", "shipped"), "0002-b.md": prd(2, "2026-Q4", "approved"),
             "0003-c.md": prd(3, "2027-Q1"), "0004-d.md": prd(4, "2027-Q2"), "0005-e.md": prd(5, None)}
    page = roadmap_page(load(tmp_path, files))
    assert (_phase(page, "Now"), _phase(page, "Next"), _phase(page, "Later")) == (
        "2026-Q4", "2027-Q1", "2027-Q2, Unscheduled")
    assert "Earlier releases: 2026&#45;Q3 (1 PRD)." in page


def test_current_option_sets_now(tmp_path):
    files = {"0001-a.md": prd(1, "2026-Q3", "shipped"), "0002-b.md": prd(2, "2026-Q4"),
             "0003-c.md": prd(3, "2027-Q1")}
    page = roadmap_page(load(tmp_path, files, roadmap={"current": "2026-Q3"}))
    assert (_phase(page, "Now"), _phase(page, "Next"), _phase(page, "Later")) == (
        "2026-Q3", "2026-Q4", "2027-Q1")


def test_statuses_option_filters_what_shows(tmp_path):
    files = {"0001-a.md": prd(1, "2027-Q1", "deprecated"), "0002-b.md": prd(2, "2027-Q2")}
    page = roadmap_page(load(tmp_path, files))
    assert "PRD-0001" not in page and "PRD-0002" in page
    shown = roadmap_page(load(tmp_path, files, roadmap={"statuses": ["deprecated"]}))
    assert "PRD-0001" in shown and "PRD-0002" not in shown


def _lanes(page: str) -> list[str]:
    return re.findall(r'font-size="12" font-weight="bold" fill="#212121">([^<]*)<', _timeline(page))


def test_lanes_by_owner_and_by_tag(tmp_path):
    files = {"0001-a.md": prd(1, owner="sam", tags=["payments"]), "0002-b.md": prd(2, owner="ann"),
             "0003-c.md": prd(3, owner="sam", tags=["search", "payments"])}
    assert _lanes(roadmap_page(load(tmp_path, files, roadmap={"lanes": "owner"}))) == ["ann", "sam"]
    assert _lanes(roadmap_page(load(tmp_path, files, roadmap={"lanes": "tag"}))) == [
        "payments", "search", "Untagged"]
    assert _lanes(roadmap_page(load(tmp_path, files))) == []


def test_lanes_by_the_software_system_most_elements_sit_in(tmp_path, with_entities):
    with_entities([
        Entity("c4:shop", "c4", "Webshop", attrs={"type": "SoftwareSystem"}),
        Entity("c4:shop.api", "c4", "API", attrs={"type": "Container"}, parent="c4:shop"),
        Entity("c4:shop.api.orders", "c4", "Orders", attrs={"type": "Component"}, parent="c4:shop.api"),
        Entity("c4:psp", "c4", "Payment provider", attrs={"type": "SoftwareSystem"}),
        Entity("c4:customer", "c4", "Customer", attrs={"type": "Person"}),
    ])
    files = {"0001-a.md": prd(1, c4=["psp", "shop.api"], requirements=[
                 {"id": "R1", "text": "x", "priority": "must", "c4": ["shop.api.orders"]}]),
             "0002-b.md": prd(2, c4=["psp"]), "0003-c.md": prd(3, c4=["customer"])}
    page = roadmap_page(load(tmp_path, files, roadmap={"lanes": "system"}))
    assert " ".join(_lanes(page)) == "Payment provider Webshop No software system"  # wrapped
    assert "<th>Lane</th>" in page


def test_boxes_link_to_prd_pages_and_dependencies_are_arrows(tmp_path):
    files = {"0001-a.md": prd(1, "2027-Q1"), "0002-b.md": prd(2, "2027-Q2", depends_on=["PRD-0001"]),
             "0003-c.md": prd(3, "2027-Q1", requirements=[
                 {"id": "R1", "text": "x", "priority": "must", "depends_on": ["PRD-0002.R1"]}])}
    svg = _timeline(roadmap_page(load(tmp_path, files)))
    assert '<a xlink:href="../PRD-0001/">' in svg
    assert "<title>PRD-0002 depends on PRD-0001</title>" in svg
    # a requirement-level dependency, rolled up, planned after what needs it: red and dashed
    late = re.search(r'<path [^>]*stroke="#c62828"[^>]*><title>PRD-0003 depends on PRD-0002</title>', svg)
    assert late is not None
    flat = roadmap_page(load(tmp_path, files), SiteContext(use_directory_urls=False))
    assert '<a xlink:href="PRD-0001.html">' in flat


def test_spec_values_are_escaped_everywhere(tmp_path):
    title = '<script>alert(1)</script> & "x" [[PRD-0002]]'
    files = {"0001-a.md": prd(1, title=title, owner="<b>o</b>", tags=["<i>t</i>"],
                              milestones=[{"name": "<img src=x onerror=alert(1)>", "date": "2027-01-01"}])}
    page = roadmap_page(load(tmp_path, files, roadmap={"lanes": "tag"}))
    assert "<script" not in page and "<img" not in page and "<b>o" not in page and "<i>t" not in page
    assert "[[" not in page
    assert "&lt;script&gt;" in page


def test_the_timeline_draws_a_bounded_number_of_prds_and_says_how_many_are_left_out(tmp_path):
    files = {f"{i:04d}-p.md": prd(i, f"2027-Q{i % 4 + 1}") for i in range(1, MAX_DRAWN + 11)}
    page = roadmap_page(load(tmp_path, files))
    assert _timeline(page).count('class="specsite-roadmap-prd"') == MAX_DRAWN
    assert "10 more are left out of it" in page
    assert len(_table_releases(page)) == MAX_DRAWN + 10


def test_moscow_mix_per_release_is_a_bar_chart(tmp_path):
    files = {"0001-a.md": prd(1, "2027-Q1", requirements=[
        {"id": "R1", "text": "x", "priority": "must"}, {"id": "R2", "text": "y", "priority": "must"},
        {"id": "R3", "text": "z", "priority": "could"}])}
    page = roadmap_page(load(tmp_path, files))
    chart = page[page.index("## MoSCoW mix per release"):page.index("## Every PRD")]
    assert "<title>2027-Q1: 2 Must, 1 Could</title>" in chart
    assert chart.count('height="18"') == 2  # two segments: must and could


def test_kano_mix_per_release_counts_the_normalised_category(tmp_path):
    files = {"0001-a.md": prd(1, "2027-Q1", requirements=[
        {"id": "R1", "text": "x", "priority": "must", "kano": "Must be"},
        {"id": "R2", "text": "y", "priority": "must", "kano": "attractive"},
        {"id": "R3", "text": "z", "priority": "could"}])}
    page = roadmap_page(load(tmp_path, files))
    chart = page[page.index("## Kano mix per release"):page.index("## Every PRD")]
    assert "<title>2027-Q1: 1 Must-be, 1 Attractive</title>" in chart


def test_no_kano_chart_when_no_requirement_has_a_category(tmp_path):
    page = roadmap_page(load(tmp_path, {"0001-a.md": prd(1, "2027-Q1")}))
    assert "## Kano mix per release" not in page


def test_category_bars_are_generic_over_the_category():
    kano = [Category("must-be", "Must-be", "#37474f"), Category("attractive", "Attractive", "not a colour")]
    groups = [Group("4.1", [{"kano": "must-be"}, {"kano": "attractive"}, {"kano": None}]),
              Group("4.2", [{"kano": None}])]
    svg = category_bars(groups, lambda r: r["kano"], kano, "Kano mix")
    assert "<title>4.1: 1 Must-be, 1 Attractive</title>" in svg
    assert "4.2" not in svg  # nothing counted: no bar
    assert "not a colour" not in svg  # colours are checked before they reach the SVG
    assert category_bars([Group("x", [])], lambda r: None, kano, "t") == ""


def test_debt_scheduled_for_a_release_is_listed_with_a_link(tmp_path, with_entities):
    with_entities([
        Entity("DEBT-0001", "debt", "Replace the <legacy> cart", status="scheduled",
               attrs={"release": "2027-Q1"}, page="debt/DEBT-0001.md"),
        Entity("DEBT-0002", "debt", "Open item", status="open", attrs={"release": "2027-Q1"},
               page="debt/DEBT-0002.md"),
        Entity("DEBT-0003", "debt", "Later item", attrs={"release": "2027-Q3", "status": "scheduled"},
               page="debt/DEBT-0003.md"),
    ])
    page = roadmap_page(load(tmp_path, {"0001-a.md": prd(1, "2027-Q1")}))
    debt = page[page.index("## Debt scheduled per release"):]
    assert '<a href="../../debt/DEBT-0001/"' in debt and "Replace the &lt;legacy&gt; cart" in debt
    assert "DEBT-0002" not in debt
    assert debt.index("2027-Q1") < debt.index("DEBT-0003")


def test_no_debt_section_without_scheduled_debt(tmp_path):
    assert "Debt scheduled" not in roadmap_page(load(tmp_path, {"0001-a.md": prd(1)}))


def test_roadmap_is_linked_from_the_requirements_index_and_deterministic(tmp_path):
    files = {"0001-a.md": prd(1, "2027-Q1", milestones=[{"name": "GA", "date": "2027-03-01"}]),
             "0002-b.md": prd(2, "2027-Q2", depends_on=["PRD-0001"])}
    pages = load(tmp_path, files).pages(SiteContext())
    again = load(tmp_path, files).pages(SiteContext())
    assert [(p.path, p.markdown) for p in pages] == [(p.path, p.markdown) for p in again]
    index = next(p.markdown for p in pages if p.path == "requirements/index.md")
    assert "[roadmap](roadmap.md)" in index
    roadmap = next(p for p in pages if p.path == "requirements/roadmap.md")
    assert roadmap.in_nav and roadmap.title == "Roadmap"


def test_no_roadmap_without_prds(tmp_path):
    specs = load(tmp_path, {})
    assert not [p for p in specs.pages(SiteContext()) if p.path == "requirements/roadmap.md"]


def test_debt_names_a_bounded_number_of_items_and_releases(tmp_path, with_entities, monkeypatch):
    monkeypatch.setattr("specsite.roadmap.page.MAX_RELEASES", 2)
    monkeypatch.setattr("specsite.roadmap.page.DEBT_LISTED", 2)
    with_entities([Entity(f"DEBT-000{n}", "debt", f"Item {n}", status="scheduled",
                          attrs={"release": release}, page=f"debt/DEBT-000{n}.md")
                   for n, release in ((1, "2027-Q1"), (2, "2027-Q1"), (3, "2027-Q1"),
                                      (4, "2027-Q2"), (5, "2027-Q3"))])
    page = roadmap_page(load(tmp_path, {"0001-a.md": prd(1, "2027-Q1")}))
    debt = page[page.index("## Debt scheduled per release"):]
    assert "Item 2" in debt and "Item 3" not in debt and "Item 4" in debt and "Item 5" not in debt
    assert " Item 2 and 1 more</p>" in debt
    assert "<p>1 later release with 1 debt item more: the debt register lists them.</p>" in debt


def test_debt_under_the_bounds_is_all_named(tmp_path, with_entities):
    with_entities([Entity(f"DEBT-000{n}", "debt", f"Item {n}", status="scheduled",
                          attrs={"release": "2027-Q1"}, page=f"debt/DEBT-000{n}.md") for n in (1, 2, 3)])
    debt = roadmap_page(load(tmp_path, {"0001-a.md": prd(1, "2027-Q1")}))
    assert "Item 3" in debt and "more" not in debt[debt.index("## Debt scheduled"):]


def test_charts_and_earlier_releases_show_a_bounded_number_of_releases(tmp_path, monkeypatch):
    monkeypatch.setattr("specsite.roadmap.page.MAX_RELEASES", 2)
    files = {"0001-a.md": prd(1, "2026-Q1", "shipped"), "0002-b.md": prd(2, "2026-Q2", "shipped"),
             "0003-c.md": prd(3, "2026-Q3", "shipped"), "0004-d.md": prd(4, "2027-Q1"),
             "0005-e.md": prd(5, "2027-Q2"), "0006-f.md": prd(6, "2027-Q3")}
    page = roadmap_page(load(tmp_path, files))
    assert "Earlier releases: 2026&#45;Q2 (1 PRD), 2026&#45;Q3 (1 PRD) and 1 older release." in page
    chart = page[page.index("## MoSCoW mix per release"):page.index("## Every PRD")]
    assert "The chart shows 2 releases from 2027&#45;Q1; 4 other releases are left out" in chart
    assert re.findall(r"<title>([^:<]*):", chart) == ["2027-Q1", "2027-Q2"]
    assert "<strong>Later</strong> · 2027-Q3</p>" in page  # one release: none left out
    many = roadmap_page(load(tmp_path / "many", {**files, "0007-g.md": prd(7, "2027-Q4"),
                                                 "0008-h.md": prd(8, "2028-Q1")}))
    assert "<strong>Later</strong> · 2027-Q3, 2027-Q4 and 1 more</p>" in many


def test_few_releases_are_all_charted_without_a_note(tmp_path):
    files = {"0001-a.md": prd(1, "2026-Q1", "shipped"), "0002-b.md": prd(2, "2027-Q1")}
    page = roadmap_page(load(tmp_path, files))
    chart = page[page.index("## MoSCoW mix per release"):page.index("## Every PRD")]
    assert "left out" not in chart and re.findall(r"<title>([^:<]*):", chart) == ["2026-Q1", "2027-Q1"]
    assert "older release" not in page


def test_a_phase_names_a_bounded_number_of_prds(tmp_path, monkeypatch):
    monkeypatch.setattr("specsite.roadmap.page.PHASE_LISTED", 2)
    files = {f"000{n}-p.md": prd(n, "2027-Q1") for n in range(1, 5)}
    page = roadmap_page(load(tmp_path, files))
    now = page[page.index("<strong>Now</strong>"):page.index("<strong>Next</strong>")]
    assert now.count("<li>") == 2 and "PRD-0003" not in now
    assert 'and 2 more PRDs in the <a href="#every-prd-on-the-roadmap">table</a>' in now
    assert "more PRD" not in roadmap_page(load(tmp_path / "one", {"0001-a.md": prd(1, "2027-Q1")}))
