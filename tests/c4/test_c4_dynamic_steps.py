"""Dynamic-view steps keep their technology: the step's own, else its relationship's, in the
drawn label and in the page's list of steps."""

from __future__ import annotations

import html
import re

from specsite.c4.kind import C4_KIND
from specsite.c4.layout import view_edges
from specsite.core.config import SpecsiteConfig
from specsite.core.graph import SpecGraph
from specsite.core.kind import SiteContext
from specsite.core.project import Project

DSL = """
workspace {
    model {
        shopper = person "Shopper"
        shop = softwareSystem "Shop" {
            web = container "Web" "" "React"
            api = container "API" "" "Kotlin"
            db = container "DB" "" "PostgreSQL"
        }
        shopper -> web "Uses" "HTTPS"
        web -> api "Calls" "HTTPS/JSON"
        api -> db "Writes to"
    }
    views {
        dynamic shop "Order" {
            shopper -> web "Presses Buy now on"
            web -> api "Places the order with" "gRPC <b>"
            api -> db "Writes the order to"
            autoLayout lr
        }
    }
}
"""


def _read(tmp_path):
    (tmp_path / "workspace.dsl").write_text(DSL)
    result = C4_KIND.read(Project(tmp_path), SpecsiteConfig(c4=["workspace.dsl"]))
    return result


def test_steps_carry_their_own_or_their_relationships_technology(tmp_path):
    result = _read(tmp_path)
    view = result.model.workspaces[0].views[0]
    assert [s.shown_technology for s in view.steps] == ["HTTPS", "gRPC <b>", ""]
    labels = [label for _, label, _ in view_edges(view)]
    assert labels == [["1: Presses Buy now on", "[HTTPS]"],
                      ["2: Places the order with", "[gRPC <b>]"],
                      ["3: Writes the order to"]]


def test_step_table_and_diagram_show_the_technology_escaped(tmp_path):
    result = _read(tmp_path)
    graph = SpecGraph(result.entities)
    pages = {p.path: p.inlined() for p in C4_KIND.pages(graph, result, SiteContext(True))}
    page = pages["architecture/views/order.md"]
    assert "| # | From | To | Description | Technology |" in page
    rows = [html.unescape(r) for r in re.findall(r"^\| 2 \|.*$", page, re.MULTILINE)]
    assert rows == ["| 2 | [Web](../web.md) | [API](../api.md) | Places the order with | gRPC <b> |"]
    assert "gRPC <b>" not in page  # escaped in the table and in the SVG
    assert "&#91;gRPC &lt;b&gt;&#93;</text>" in page
