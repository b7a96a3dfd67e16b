"""Links between generated pages: relative ``.md`` links for Markdown, final URLs for raw HTML."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote

# what a path or anchor keeps as it is; everything else (spaces, quotes, brackets, ``<``, ``:``...)
# is percent-encoded, so a page name can neither end a Markdown link target or an HTML attribute
# early nor read as a URL scheme (MkDocs decodes it again when it resolves the link)
_SAFE = "/-._~"


def _quoted(target: str, anchor: str | None) -> str:
    return quote(target, safe=_SAFE) + (f"#{quote(anchor, safe=_SAFE)}" if anchor else "")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two docs-tree paths, without asking the operating system for the
    working directory on every call (tens of thousands of links per build made that a cost)."""
    target, base = posixpath.normpath(path), posixpath.normpath(start)
    if not path or target.startswith(("/", "..")) or base.startswith(("/", "..")):
        return posixpath.relpath(path, start)  # not a docs-tree path: the library's answer
    to = [] if target == "." else target.split("/")
    at = [] if base == "." else base.split("/")
    common = 0
    for a, b in zip(to, at):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def relative_md(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A Markdown link target from one docs-tree page to another (MkDocs rewrites and checks it)."""
    if to_page == from_page:
        target = ""
    else:
        target = _relpath(to_page, posixpath.dirname(from_page) or ".")
    return _quoted(target, anchor)


def page_url(page: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a docs-tree page, relative to the site root."""
    stem = page[:-3] if page.endswith(".md") else page
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@lru_cache(maxsize=1 << 16)
def relative_url(from_page: str, to_page: str, use_directory_urls: bool, anchor: str | None = None) -> str:
    """A final, relative URL for raw HTML (SVG links, tables) from one page to another
    (remembered: a table links the same pages from one page many times)."""
    src = page_url(from_page, use_directory_urls)
    dst = page_url(to_page, use_directory_urls)
    base = src if src.endswith("/") or src == "" else posixpath.dirname(src) + "/"
    base = base.rstrip("/") or "."
    rel = _relpath(dst or ".", base)
    # a folder's URL ends in "/" as MkDocs writes it; the site's home page is the folder ""
    if (dst.endswith("/") or (use_directory_urls and not dst)) and not rel.endswith("/"):
        rel += "/"
    return _quoted(rel, anchor)


def link_url(from_page: str, to_page: str, use_directory_urls: bool, anchor: str | None = None) -> str:
    """The URL MkDocs makes of :func:`relative_md`'s link, for raw HTML that skips Markdown: a
    link on the same page stays ``#anchor`` (empty without an anchor, as MkDocs leaves it); any
    other is :func:`relative_url`."""
    if to_page == from_page:
        return _quoted("", anchor)
    return relative_url(from_page, to_page, use_directory_urls, anchor)
