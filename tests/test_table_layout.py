"""Generated tables: the column's width, short columns fitted to their content, text columns
given the rest (class-based: specsite.css has a rule for each class)."""

from __future__ import annotations

import re
from importlib import resources

from specsite.core.html_table import FIT_COLUMNS, HtmlTable, table_classes


def test_table_classes_name_fitted_and_wide_columns():
    assert table_classes() == "specsite-table"
    assert table_classes((4, 1, 4), (2,)) == "specsite-table specsite-fit-c1 specsite-fit-c4 specsite-wide-c2"
    # out of range: no class the stylesheet does not have
    assert table_classes((0, FIT_COLUMNS + 1)) == "specsite-table"


def test_every_class_has_a_rule_in_the_stylesheet():
    css = resources.files("specsite").joinpath("assets", "specsite.css").read_text(encoding="utf-8")
    for n in range(1, FIT_COLUMNS + 1):
        assert f".specsite-fit-c{n} :is(th, td):nth-child({n})" in css
        assert f".specsite-wide-c{n} :is(th, td):nth-child({n})" in css
    assert re.search(r"\.specsite-table table:not\(\[class\]\) \{[^}]*width: 100%", css)


def test_html_table_box_carries_the_classes():
    html = HtmlTable(["Rank", "Requirement"], fit=(1,), wide=(2,)).render()
    assert html.startswith('<div class="specsite-filter specsite-table specsite-fit-c1 specsite-wide-c2" '
                           'data-specsite-sortable="1">')
    # the table itself has no class: Material styles only table:not([class])
    assert "<table>" in html
