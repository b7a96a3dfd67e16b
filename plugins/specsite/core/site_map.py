"""Where each generated page sits in the site: which pages a navigation built from the files lists,
and the "up" links (a breadcrumb) every other generated page starts with.

Ten thousand requirements make thousands of pages; listed in the navigation, every page would
carry links to every other (1.27 MB of navigation per page at 1,000 PRDs, and most of the build
time spent rendering it). So the navigation lists each section's overview pages only (the pages
directly in a section folder that are no entity's page: ``decisions/index.md``,
``requirements/backlog.md``...), and every other page links up to the index pages above it. A
reader reaches every page from those indexes.
"""

from __future__ import annotations

from dataclasses import replace

import posixpath
from typing import Iterable

from .escape import md_text
from .kind import GeneratedPage
from .urls import relative_md

#: the class of the paragraph of up links above a generated page's title
BREADCRUMB_CLASS = "specsite-breadcrumb"

#: what a navigation built from the files calls each generated section (MkDocs would name the
#: ``api`` folder "Api"); a folder not named here keeps MkDocs' name for it
SECTION_LABELS = {
    "requirements": "Requirements",
    "roadmap": "Roadmap",
    "architecture": "Architecture",
    "api": "APIs",
    "decisions": "Decisions",
    "runbooks": "Runbooks",
    "debt": "Technical debt",
}


def section_label(folder: str) -> str | None:
    """The navigation's name for a generated section folder (``api`` -> "APIs"), if it has one."""
    return SECTION_LABELS.get(folder)


def nav_pages(pages: Iterable[GeneratedPage], entity_pages: set[str]) -> set[str]:
    """The generated pages a navigation built from the files lists: each section's ``index.md``
    and the overview pages beside it (pages directly in a section folder that show no entity)."""
    listed = set()
    for page in pages:
        parts = page.path.split("/")
        if len(parts) == 1 or (len(parts) == 2 and (parts[1] == "index.md"
                                                    or page.path not in entity_pages)):
            listed.add(page.path)
    return listed


def up_pages(path: str, titles: dict[str, str]) -> list[str]:
    """The generated pages above ``path``, outermost first: for each folder it sits in, the
    folder's ``index.md`` or else the page named like the folder (``backlog.md`` for ``backlog/``)."""
    chain = []
    folder = posixpath.dirname(path)
    if posixpath.basename(path) == "index.md":  # an index page sits above its own folder
        folder = posixpath.dirname(folder)
    while folder:
        for candidate in (f"{folder}/index.md", f"{folder}.md"):
            if candidate in titles and candidate != path:
                chain.append(candidate)
                break
        folder = posixpath.dirname(folder)
    return chain[::-1]


def breadcrumb(path: str, titles: dict[str, str]) -> str:
    """The Markdown of the up links of ``path`` (empty when nothing is above it)."""
    chain = up_pages(path, titles)
    if not chain:
        return ""
    links = " › ".join(f"[{md_text(titles[p])}]({relative_md(path, p)})" for p in chain)
    return f"{links}\n{{: .{BREADCRUMB_CLASS} }}\n\n"


def place(pages: list[GeneratedPage], entity_pages: set[str]) -> list[GeneratedPage]:
    """``pages`` with ``in_nav`` set and the up links put above the title of every page the
    navigation does not list."""
    listed = nav_pages(pages, entity_pages)
    titles = {p.path: p.title for p in pages}
    placed = []
    for page in pages:
        in_nav = page.path in listed
        markdown = page.markdown if in_nav else breadcrumb(page.path, titles) + page.markdown
        placed.append(replace(page, markdown=markdown, in_nav=in_nav))
    return placed
