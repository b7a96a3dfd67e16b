"""Manual layouts of Structurizr JSON workspaces: drawn where the author put things."""

from __future__ import annotations

import json
import re

from c4_helpers import FIXTURES, parse_fixture
from test_c4_svg import pages, svg_of

from specsite.c4.layout import layout_view
from specsite.c4.manual_layout import SCALE, manual_layout
from specsite.core.limits import Limits

WORKSPACE = "manual/workspace.json"


def _element_groups(svg: str) -> list[tuple[str, str]]:
    """(id, first shape line) of each drawn element, in drawing order."""
    return re.findall(r'data-specsite-id="([^"]+)" fill="[^"]*">\n<title>[^<]*</title>\n([^\n]*)', svg)


def test_a_manual_layout_is_drawn_at_the_stored_positions_in_the_stored_order():
    assert parse_fixture(FIXTURES / WORKSPACE).findings == []
    svg = svg_of(pages(WORKSPACE)["architecture/views/manual.md"])
    drawn = _element_groups(svg)
    # the view lists Database, Customer, Web: drawn in that order
    assert [ident for ident, _ in drawn] == ["shop.database", "customer", "shop.web"]
    # stored top-left corners x0.5, moved so the content starts at the drawing's edge: the left
    # edge is the container boundary (16 px left of Web at x=200*0.5), the top the Customer (y=100*0.5)
    left, top = 200 * SCALE - 16, 100 * SCALE
    shapes = dict(drawn)
    assert shapes["shop.web"].startswith(
        f'<rect x="{200 * SCALE - left:g}" y="{1000 * SCALE - top:g}" width="225" height="150"')
    # the Database style sets 600x400: a 300x200 cylinder whose left edge is at x=1200*0.5
    assert shapes["shop.database"].startswith(f'<path d="M{1200 * SCALE - left:g},')
    assert "a150,14" in shapes["shop.database"]
    # the viewBox fits the content (plus the 24 px margin on each side)
    width = (1200 + 600) * SCALE + 16 - left
    height = (1000 + 400) * SCALE + 16 - top
    assert f'viewBox="0 0 {width + 48:g} {height + 48:g}"' in svg


def test_a_relationship_passes_through_its_stored_vertices():
    svg = svg_of(pages(WORKSPACE)["architecture/views/manual.md"])
    path = re.search(r'data-specsite-id="shop.web-&gt;shop.database">\n<path d="([^"]+)"', svg).group(1)
    points = path[1:].split(" L")
    assert len(points) == 3 and points[1] == f"{900 * SCALE - 84:g},{700 * SCALE - 50:g}"
    # without vertices: one straight line from border to border
    straight = re.search(r'data-specsite-id="customer-&gt;shop.web">\n<path d="([^"]+)"', svg).group(1)
    assert straight.count(" L") == 1 and " C" not in straight


def test_a_dynamic_view_takes_each_step_s_own_vertices():
    ws = parse_fixture(FIXTURES / WORKSPACE).ws
    layout = manual_layout(ws.view("Flow"), ws)
    assert [a.label[0] for a in layout.arrows] == ["1: Browses", "2: Reads and writes", "3: Again"]
    # step 2 bends at its vertex (moved right by the 16 px the Shop boundary reaches left of the
    # boxes at x=0); step 3, the same relationship without vertices, is straight
    assert [len(a.points) for a in layout.arrows] == [2, 3, 2]
    assert layout.arrows[1].points[1] == (1225 * SCALE + 16, 300 * SCALE)


def test_automatic_layout_wins_over_stored_positions():
    ws = parse_fixture(FIXTURES / WORKSPACE).ws
    view = ws.view("Automatic")
    assert view.positions and view.auto_layout == "tb"
    assert manual_layout(view, ws) is None
    assert layout_view(view).engine in ("graphviz", "grid")


def test_a_view_with_an_element_left_unplaced_is_laid_out_by_graphviz():
    ws = parse_fixture(FIXTURES / WORKSPACE).ws
    view = ws.view("Manual")
    assert manual_layout(view, ws).engine == "manual"
    del view.positions["shop.web"]
    assert manual_layout(view, ws) is None


def test_the_layout_limits_still_apply_to_a_manual_layout():
    ws = parse_fixture(FIXTURES / WORKSPACE).ws
    view = ws.view("Manual")
    assert manual_layout(view, ws, Limits(max_layout_elements=2)) is None
    grid = layout_view(view, Limits(max_layout_elements=2))
    assert grid.engine == "grid" and "limits.max_layout_elements" in grid.fallback


def test_manual_layouts_are_deterministic():
    assert pages(WORKSPACE) == pages(WORKSPACE)


def test_out_of_range_or_non_integer_coordinates_are_not_positions(tmp_path):
    data = json.loads((FIXTURES / WORKSPACE).read_text())
    elements = data["views"]["containerViews"][0]["elements"]
    elements[0].update(x=10 ** 40)
    elements[1].update(x=True)
    elements[2].update(x=1.5)
    data["views"]["containerViews"][0]["relationships"][1]["vertices"] = [{"x": "1", "y": 2}, 7]
    (tmp_path / "workspace.json").write_text(json.dumps(data))
    from specsite.c4.parser import parse_workspace
    from specsite.core.project import Project

    findings: list = []
    ws = parse_workspace(Project(tmp_path), tmp_path / "workspace.json", findings)
    view = ws.view("Manual")
    assert findings == [] and view.positions == {} and view.vertices == {}
    assert manual_layout(view, ws) is None


def test_export_carries_positions_of_manual_layouts_only(tmp_path, monkeypatch):
    from specsite.c4.kind import C4_KIND
    from specsite.core.config import SpecsiteConfig
    from specsite.core.project import Project

    result = C4_KIND.read(Project(FIXTURES), SpecsiteConfig(c4=[WORKSPACE]))
    views = {v["key"]: v for v in result.model.export()["views"]}
    assert views["Manual"]["positions"] == {"shop.database": [1200, 1000], "customer": [200, 100],
                                           "shop.web": [200, 1000]}
    assert views["Manual"]["vertices"] == {"shop.web->shop.database": [[900, 700]]}
    # a view without a stored layout exports exactly what it did before
    shop = C4_KIND.read(Project(FIXTURES), SpecsiteConfig(c4=["shop/workspace.dsl"]))
    assert all("positions" not in v and "vertices" not in v for v in shop.model.export()["views"])
