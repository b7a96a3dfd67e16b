"""The key under a diagram: built from the styles the view actually draws, every name escaped."""

from __future__ import annotations

from specsite.c4.legend import legend_html
from specsite.c4.layout import layout_view


def _key(parsed, key: str) -> str:
    view = next(v for v in parsed.ws.views if v.key == key)
    return legend_html(parsed.ws, view.elements, [a.relationship for a in layout_view(view).arrows])


def test_key_lists_each_style_drawn_once_and_escapes_tag_names(dsl):
    parsed = dsl("""
        workspace {
            !identifiers hierarchical
            model {
                u = person "User"
                s = softwareSystem "Shop" {
                    db = container "DB" "" "SQL" "<b>Store</b>"
                    api = container "API"
                    api2 = container "API 2"
                }
                unused = softwareSystem "Unused" "" "Legacy"
                u -> s.api "Uses" "" "Async"
                s.api -> s.db "Reads"
                s.api2 -> s.db "Reads"
            }
            views {
                container s "C" {
                    include *
                }
                styles {
                    element "<b>Store</b>" {
                        shape cylinder
                        background #ff0000
                    }
                    element "Legacy" {
                        background #00ff00
                    }
                    element "Person" {
                        shape person
                    }
                    relationship "Async" {
                        style dotted
                        color #0000ff
                    }
                }
            }
        }
    """)
    assert not [f for f in parsed.findings if f.severity == "error"]
    key = _key(parsed, "C")
    assert "&lt;b&gt;Store&lt;/b&gt;" in key and "<b>" not in key
    assert key.count("<li>") == 5  # person, store, container, async line, plain line
    assert "Container<" in key and "Person<" in key and "Async<" in key and "Relationship<" in key
    assert "Legacy" not in key  # styled, but not in this view
    assert 'fill="#ff0000"' in key and 'stroke="#0000ff"' in key and "stroke-dasharray" in key


def test_no_key_when_nothing_is_drawn(dsl):
    parsed = dsl("""
        workspace {
            model {
                s = softwareSystem "S"
            }
        }
    """)
    assert legend_html(parsed.ws, [], []) == ""
