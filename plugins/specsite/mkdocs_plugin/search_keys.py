"""Search finds an entity by the ID a person types: ``placeOrder``, ``Cart``, ``ADR-0007``,
``0007``, ``PRD-0001.R1``.

Two things stand in the way with Material's defaults: its tokenizer splits on spaces and hyphens
only, so ``api:checkout#placeOrder`` and ``PRD-0001.R1`` stay single tokens no query matches; and
an ID in the text of a section weighs no more than the same word in a title elsewhere (a view
named ``PlaceOrder``). So, when the user has not chosen a separator, the plugin sets one that also
splits on ``:``, ``#``, ``/`` and a ``.`` before a letter (Material's documented example, with
``#``), and after the build it adds each entity's IDs as *tags* of its own entry in the search
index: Material's tags field outweighs titles, and it shows the ID as a chip on the result.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from ..core.escape import html_text
from ..core.pipeline import SpecSet

#: Material's English default, which the plugin replaces (any other value is the user's choice)
MATERIAL_SEPARATOR = r"[\s\-]+"
SEPARATOR = r'[\s\-,:!=\[\]()"/#]+|\.(?!\d)|&[lg]t;'

_KINDS = ("adr", "prd", "requirement", "operation", "runbook", "debt")


def search_plugin(config: MkDocsConfig) -> Any | None:
    """Material's search plugin, when the site uses it (the only index with a tags field)."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin.config, "separator") and \
                type(plugin).__module__.startswith("material."):
            return plugin
    return None


def configure_separator(config: MkDocsConfig, log: logging.Logger) -> None:
    """Use :data:`SEPARATOR` unless the user chose a separator of their own."""
    plugin = search_plugin(config)
    if plugin is None:
        return
    current = plugin.config.separator
    if current in (None, "", MATERIAL_SEPARATOR):
        plugin.config.separator = SEPARATOR
        if getattr(plugin, "search_index", None) is not None:
            plugin.search_index.config["separator"] = SEPARATOR
        log.info("search: IDs are split on ':', '#', '/' and '.' too, so 'placeOrder' and "
                 "'PRD-0001.R1' are found (set search.separator to choose your own)")


def page_url(path: str, directory_urls: bool) -> str:
    """The URL of a generated page, as the search index writes locations."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if directory_urls else folder + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def keys_by_location(specs: SpecSet, directory_urls: bool) -> dict[str, list[str]]:
    """Search-index location -> the IDs a person types for the entity shown there."""
    out: dict[str, set[str]] = {}

    def add(page: str, anchor: str | None, *keys: str) -> None:
        location = page_url(page, directory_urls) + (f"#{anchor}" if anchor else "")
        out.setdefault(location, set()).update(k for k in keys if k)

    for entity in specs.graph:
        if entity.kind not in _KINDS or not entity.page:
            continue
        page, _, inline = entity.page.partition("#")
        anchor = entity.anchor or inline or None
        if entity.kind == "operation":
            add(page, anchor, entity.id.partition("#")[2])
        elif entity.kind == "adr":
            # "0007" alone means the decision (adr-tools' numbering) more than PRD-0007
            add(page, anchor, entity.id, entity.id.rpartition("-")[2])
        else:
            add(page, anchor, entity.id)
    for page, anchor, name in _schemas(specs):
        add(page, anchor, name)
    return {location: sorted(keys) for location, keys in sorted(out.items())}


def _schemas(specs: SpecSet) -> list[tuple[str, str, str]]:
    from ..openapi.kind import OpenApiModel
    from ..openapi.layout import anchor_id, schema_pages

    result = specs.results.get("openapi")
    model = result.model if result is not None else None
    if not isinstance(model, OpenApiModel):
        return []
    found = []
    for record in model.records:
        api = model.api(record)
        if api is None:
            continue
        for name, page in schema_pages(api).items():
            found.append((page, f"schema-{anchor_id(name)}", str(name)))
    return found


def add_tags(site_dir: str, keys: dict[str, list[str]]) -> int:
    """Add the keys to the entries of Material's search index (written by its ``on_post_build``);
    returns how many entries gained tags. Written back in Material's own compact form."""
    path = Path(site_dir) / "search" / "search_index.json"
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    changed = _tag(index, keys)
    if changed:
        path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
    return changed


class SearchTags:
    """:func:`add_tags` for ``mkdocs serve``: the keys are worked out once per graph, and an index
    the search plugin wrote exactly as last time (compared whole, not hashed) gets last time's
    result without being parsed."""

    def __init__(self) -> None:
        self._keys: tuple[Any, Any, bool, dict[str, list[str]]] | None = None
        self._index: tuple[str, dict[str, list[str]], str] | None = None

    def add(self, site_dir: str, specs: SpecSet, directory_urls: bool) -> None:
        """Tag the entities' entries of the index in ``site_dir``."""
        kept = self._keys
        if kept is None or kept[0] is not specs.graph or kept[1] is not specs.results or \
                kept[2] != directory_urls:
            kept = self._keys = (specs.graph, specs.results, directory_urls,
                                 keys_by_location(specs, directory_urls))
        keys = kept[3]
        path = Path(site_dir) / "search" / "search_index.json"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return
        if self._index is not None and self._index[0] == text and self._index[1] is keys:
            tagged = self._index[2]
        else:
            try:
                index = json.loads(text)
            except ValueError:
                return
            tagged = json.dumps(index, separators=(",", ":"), default=str) if _tag(index, keys) \
                else text
            self._index = (text, keys, tagged)
        if tagged != text:
            path.write_text(tagged, encoding="utf-8")


def _tag(index: Any, keys: dict[str, list[str]]) -> int:
    """Add the keys to the entries of a parsed index; how many entries gained tags."""
    fields = index.get("config", {}).get("fields") if isinstance(index, dict) else None
    if not isinstance(fields, dict) or "tags" not in fields:
        return 0  # not Material's index: nowhere to put them
    changed = 0
    for entry in index.get("docs", []):
        wanted = keys.get(entry.get("location"))
        if wanted:
            tags = list(entry.get("tags") or [])
            # Material shows tags in search results as HTML: an ID is spec text, escape it
            entry["tags"] = tags + [t for t in map(html_text, wanted) if t not in tags]
            changed += 1
    return changed


