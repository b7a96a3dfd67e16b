"""Links between generated pages: relative ``.md`` links for Markdown, final URLs for raw HTML."""

from __future__ import annotations

import posixpath


def relative_md(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A Markdown link target from one docs-tree page to another (MkDocs rewrites and checks it)."""
    if to_page == from_page:
        target = ""
    else:
        target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return target + (f"#{anchor}" if anchor else "")


def page_url(page: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a docs-tree page, relative to the site root."""
    stem = page[:-3] if page.endswith(".md") else page
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_page: str, to_page: str, use_directory_urls: bool, anchor: str | None = None) -> str:
    """A final, relative URL for raw HTML (SVG links, tables) from one page to another."""
    src = page_url(from_page, use_directory_urls)
    dst = page_url(to_page, use_directory_urls)
    base = src if src.endswith("/") or src == "" else posixpath.dirname(src) + "/"
    base = base.rstrip("/") or "."
    rel = posixpath.relpath(dst or ".", base)
    if dst.endswith("/") and not rel.endswith("/"):
        rel += "/"
    if rel == "./":
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")
