"""Links read as titles where the ID is a technical name: elements and APIs by their names, with
the ID as the tooltip; decisions and requirements by their IDs, with the title as the tooltip."""

from __future__ import annotations

import html
import re

from project_fixtures import build_site, write_files
from specsite.core.entities import Entity
from specsite.core.graph import SpecGraph
from specsite.core.references import link_references, link_text, tooltip

DSL = """
workspace {
    !identifiers hierarchical
    model {
        buyer = person "Buyer" "Buys."
        shop = softwareSystem "Shop" "Sells." {
            db = container "Order <b>database</b> & \\"co\\"" "Keeps orders." "PostgreSQL"
        }
        buyer -> shop "Buys from" "HTTPS"
    }
    views {
        container shop "Containers" {
            include *
        }
    }
}
"""

ADR = """
# 1. Keep orders in PostgreSQL

Date: 2024-01-10

## Status

Accepted

## Context

The orders live in [[c4:shop.db]].

## Decision

PostgreSQL.

## Consequences

Backups.
"""

PRD = """
---
id: PRD-0001
title: Checkout
status: draft
owner: ann
requirements:
  - id: R1
    text: Pay in one step, with a card or a gift card, whatever the basket holds.
    priority: must
    c4: [shop.db]
---
# Checkout
"""

MKDOCS = """
site_name: t
theme: {name: material, font: false}
markdown_extensions: [attr_list]
plugins:
  - specsite:
      adrs: adrs
      prds: prds
      c4: arch/workspace.dsl
"""


def _project(tmp_path):
    return write_files(tmp_path, {
        "adrs/0001-keep-orders-in-postgresql.md": ADR, "arch/workspace.dsl": DSL,
        "prds/0001-checkout.md": PRD, "mkdocs.yml": MKDOCS,
        "docs/index.md": "# Home\n\nSee [[c4:shop.db]], [[c4:shop.db|the store]], [[ADR-0001]] "
                         "and [[PRD-0001.R1]].\n"})


def test_element_reference_reads_as_its_name_escaped(tmp_path):
    site = build_site(_project(tmp_path))
    raw = (site / "index.html").read_text()
    assert "<b>database" not in raw  # the name is text, never markup
    home = html.unescape(raw)
    # the name (as text: character references), with the ID as the tooltip; a label still wins
    assert '<a href="architecture/shop.db/" title="c4:shop.db">Order <b>database</b> & "co"</a>' in home
    assert '<a href="architecture/shop.db/" title="c4:shop.db">the store</a>' in home
    # decisions and requirements keep their IDs, with the title as the tooltip
    assert re.search(r'<a href="decisions/ADR-0001/" title="Keep orders in PostgreSQL">ADR-0001</a>', home)
    assert re.search(r'title="Pay in one step, with a card[^"]*">PRD-0001.R1</a>', home)
    # the same in a decision's prose
    adr = html.unescape((site / "decisions/ADR-0001/index.html").read_text())
    assert 'title="c4:shop.db">Order <b>database</b> & "co"</a>' in adr


def test_requirement_lists_show_ids_with_titles_as_tooltips(tmp_path):
    site = build_site(_project(tmp_path))
    element = html.unescape((site / "architecture/shop.db/index.html").read_text())
    # the element page lists the requirement by ID with its text as tooltip, then its text
    assert re.search(r'<a href="../../requirements/PRD-0001/#[^"]*" title="Pay in one step[^"]*">'
                     r'PRD-0001.R1</a>', element)
    prd = html.unescape((site / "requirements/PRD-0001/index.html").read_text())
    # the requirement's "Architecture" cell names the element, its ID the tooltip
    assert 'title="c4:shop.db">Order <b>database</b> & "co"</a>' in prd


def test_link_text_and_tooltip_by_kind():
    element = Entity("c4:shop.db", "c4", "Order database")
    adr = Entity("ADR-0002", "adr", "Use PostgreSQL")
    page = Entity("page:guide.md", "page", "Guide")
    nameless = Entity("c4:x", "c4", "c4:x")
    assert (link_text(element), tooltip(element)) == ("Order database", "c4:shop.db")
    assert (link_text(adr), tooltip(adr)) == ("ADR-0002", "Use PostgreSQL")
    assert (link_text(page), tooltip(page)) == ("Guide", "Guide")
    assert link_text(nameless) == "c4:x"


def test_reference_markdown_escapes_a_hostile_name():
    graph = SpecGraph([Entity("c4:a", "c4", 'A](javascript:x) "q" <i>', page="architecture/a.md")])
    out = link_references("[[c4:a]]", "index.md", graph)
    assert "](javascript" not in out and "<i>" not in out
    assert out.endswith('(architecture/a.md "c4&#58;a")')
