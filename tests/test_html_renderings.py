"""Page parts written as raw HTML (kept out of Python-Markdown for speed) read exactly as the
Markdown they replace did once rendered: each escape and link has a Markdown and an HTML form, and
the two must give the same page after the one sanitiser pass (which writes both the same way).
"""

from __future__ import annotations

import markdown
import pytest
from mkdocs.structure.files import File

from specsite.core.escape import (html_block, html_line, html_text_code, md_block, md_text,
                                  md_text_code)
from specsite.core.html_table import HtmlBlocks, put_back
from specsite.core.sanitise import sanitise_html
from specsite.core.urls import link_url, relative_md, relative_url
from specsite.mkdocs_plugin.plugin import EXTENSIONS

#: what a spec may hold: HTML, every Markdown extension's syntax, references, entities,
#: whitespace of every kind, code spans of every shape, control characters
VALUES = [
    "plain text", "<script>alert(1)</script>", '<img src=x onerror="alert(2)">',
    "*em* _em_ **strong** __strong__ ~~del~~", "[x](javascript:alert(3)) <http://x>",
    "[[ADR-0001]] [[PRD-0001.R1|label]]", "{: #id .class } {#anchor}", ":smile: ++ins++ ==mark==",
    "| a | b |", "\\*not em\\*", "1. not a list", "# not a heading", "- not an item", "> quote",
    "    indented", "a  b\n c\t\td", " lead and trail ", "& &amp; &#60; &lt;", "\"double\" 'single'",
    "ünïcode — ≤ ≥ × ·", "\x00ctl\x07\x7f\x85", "`code`", "a `b` c ``d`e`` f", "`` ` ``", "` x `",
    "`x `", "` x`", "`unclosed", "```", "`<b>` and `[[x]]`", "a\u00a0b\u2003c", "",
]


def _md(text: str) -> str:
    return markdown.Markdown(extensions=[*EXTENSIONS, "pymdownx.superfences"]).convert(text)


def _same(markdown_text: str, html: str) -> None:
    assert sanitise_html(_md(markdown_text)) == sanitise_html(html)


@pytest.mark.parametrize("value", VALUES)
def test_a_value_in_html_reads_as_in_markdown(value):
    _same(f"x {md_text(value)} y", f"<p>x {html_line(value)} y</p>")
    _same(f"x {md_text_code(value)} y", f"<p>x {html_text_code(value)} y</p>")


@pytest.mark.parametrize("code", [False, True])
def test_paragraphs_in_html_read_as_in_markdown(code):
    value = "\n\n".join(VALUES) + "\n\n \n\nlast\r\n\r\nline"
    _same(md_block(value, code=code), html_block(value, code=code))
    assert html_block("", code=code) == md_block("", code=code) == ""


def test_an_exact_block_leaves_the_page_as_markdown_made_it():
    blocks = HtmlBlocks()
    table = "| a |\n|---|\n| 1 |"
    parts = ["## One", blocks.add(_md(table), exact=True), "## Two", "text",
             blocks.add(_md("- item"), exact=True)]  # the last on the page, too
    assert put_back(_md("\n".join(parts)), blocks.html) == _md("\n".join(["## One", table, "## Two",
                                                                          "text", "", "- item"]))


PAGES = ["index.md", "a.md", "a/index.md", "a/b.md", "a/b/c.md", "d/e.md", "requirements/PRD-1.md"]


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_link_urls_are_the_urls_mkdocs_makes_of_markdown_links(use_directory_urls):
    files = {p: File(p, "docs", "site", use_directory_urls) for p in PAGES}
    for src in PAGES:
        for dst in PAGES:
            for anchor in (None, "sec-1"):
                # MkDocs turns a link to another page into that page's URL, keeps a link to
                # an anchor of the same page, and leaves an empty one alone
                md = relative_md(src, dst, anchor)
                if md.startswith("#") or not md:
                    expected = md
                else:
                    expected = files[dst].url_relative_to(files[src]) + (f"#{anchor}" if anchor else "")
                assert link_url(src, dst, use_directory_urls, anchor) == expected, (src, dst, anchor)
                if src != dst:
                    assert relative_url(src, dst, use_directory_urls, anchor) == expected
