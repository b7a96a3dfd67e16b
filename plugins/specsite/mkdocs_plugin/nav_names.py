"""The navigation around generated pages: right section names in a navigation MkDocs builds from
the files, and no "not included in the nav" notice for generated pages an explicit ``nav`` leaves
out (it lists the overviews; the rest are reached from them)."""

from __future__ import annotations

from typing import Any, Iterable

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..core.site_map import section_label


def listed_paths(nav: Any) -> set[str]:
    """The docs-tree paths an explicit ``nav`` setting lists (strings at any depth; URLs too,
    which match no page)."""
    found: set[str] = set()
    stack = [nav]
    while stack:  # iterative: a deep nav cannot overflow the stack
        item = stack.pop()
        if isinstance(item, str):
            found.add(item.lstrip("/"))
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _folder(section: Section, generated: set[str]) -> str | None:
    """The generated folder a section shows: the one top folder of its generated pages."""
    folders = {p.file.src_uri.split("/", 1)[0] for p in _pages(section.children)
               if p.file.src_uri in generated and "/" in p.file.src_uri}
    return folders.pop() if len(folders) == 1 else None


def _pages(items: Iterable[Any]) -> Iterable[Page]:
    return (i for i in items if isinstance(i, Page))


def name_sections(nav: Navigation, generated: set[str]) -> None:
    """In a navigation built from the files, name each top-level section of generated pages from
    :data:`~specsite.core.site_map.SECTION_LABELS` ("APIs", not "Api"); a section holding one
    page becomes that page, titled with the section's name, so no name shows twice."""
    items = []
    for item in nav.items:
        label = _folder(item, generated) if isinstance(item, Section) else None
        name = section_label(label) if label else None
        if name is None:
            items.append(item)
            continue
        if len(item.children) == 1 and isinstance(item.children[0], Page):
            page = item.children[0]
            page.title = name  # as an explicit ``- APIs: api/index.md`` would
            page.parent = item.parent
            items.append(page)
            continue
        item.title = name
        items.append(item)
    nav.items = items
