"""Schemas as expandable trees, the way Redoc shows them: one row per property with its name,
required marker, type, format, enum, default, bounds and description; a nested object or array
is a ``<details>`` that opens on a click, and a ``$ref`` to a component schema is shown by name,
linked to the schema's anchor on the API's schemas page.

A tree is one line of raw HTML that Markdown leaves alone: every spec value goes through
:func:`specsite.core.escape.md_text` (each punctuation mark a character reference, valid in HTML
text and attribute values alike) and descriptions through :class:`.markdown.Descriptions`, so
nothing from the spec can start markup of its own; the page sanitiser runs over the result too.

Work is bounded three ways, each cut said where it happens: a component schema already open
further up the same branch is not expanded again ("recursive: see X"); nesting stops at
:data:`MAX_DEPTH`; a tree shows at most :data:`TREE_NODES` rows and a page at most
:data:`PAGE_NODES`, after which component schemas are links only. A tree rendered for a page is
remembered for that page: wanted again there (a shared ``Error`` response), it is a link to the
first drawing. So the rows a page opens through components are at most ``PAGE_NODES`` however
large the description, and every other row is one the description states at that place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..core import escape
from .markdown import Descriptions

#: deepest nesting of expandable levels in one tree
MAX_DEPTH = 8
#: most rows (properties, items, variants) in one tree
TREE_NODES = 150
#: most rows expanded through component ``$ref``s on one page; past it, components are links
PAGE_NODES = 1000
#: most enum values listed for one property
MAX_ENUM = 20

_BOUNDS = (("minimum", "≥"), ("exclusiveMinimum", ">"), ("maximum", "≤"), ("exclusiveMaximum", "<"),
           ("minLength", "min length"), ("maxLength", "max length"), ("minItems", "min items"),
           ("maxItems", "max items"), ("minProperties", "min properties"),
           ("maxProperties", "max properties"), ("multipleOf", "multiple of"))
_FLAGS = ("readOnly", "writeOnly", "deprecated")


def text(value: Any) -> str:
    """A spec value as HTML text that Markdown cannot read anything into."""
    return escape.md_text(value)


def literal(value: Any, limit: int | None = None) -> str:
    """A JSON value (enum member, default, example) as ``<code>``, cut at ``limit`` characters."""
    import json

    shown = json.dumps(value, ensure_ascii=False, default=str)
    if limit is not None and len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f'<code>{text(shown)}</code>'


@dataclass
class _Tree:
    """The state of one tree being drawn."""

    page: str
    expand_refs: bool
    nodes: int = 0
    #: rows left on the page when the tree started (component expansion stops when it runs out)
    page_left: int = 0
    cut: list[str] = field(default_factory=list)

    def full(self) -> bool:
        return self.nodes >= TREE_NODES


class SchemaTrees:
    """Draws the schema trees of one API's pages.

    ``resolve(schema, uri)`` follows ``$ref`` chains (``(node, uri)``); ``component(ref, uri)``
    names the component schema a ``$ref`` points at (``None`` for any other target);
    ``link(name, page)`` is the URL of a component's anchor as seen from ``page`` (``None`` when
    it has none)."""

    def __init__(self, resolve: Callable[[Any, str], tuple[Any, str]],
                 component: Callable[[str, str], str | None],
                 link: Callable[[str, str], str | None], descriptions: Descriptions) -> None:
        self.resolve = resolve
        self.component = component
        self.link = link
        self.text = descriptions
        self._page_used: dict[str, int] = {}
        #: per page, the component schemas opened there -> the id of where they are open
        self._opened: dict[str, dict[str, str]] = {}
        #: (page, id(schema), uri, expand_refs) -> (schema, anchor of its drawing): the schema is
        #: kept so that its id is never reused by another object while the entry lives
        self._memo: dict[tuple[str, int, str, bool], tuple[Any, str]] = {}

    # -- entry point ------------------------------------------------------------------------

    def render(self, schema: Any, uri: str, page: str, expand_refs: bool = True,
               own_name: str | None = None) -> str:
        """The tree of ``schema`` as one Markdown-inert line of HTML (empty for no schema).

        ``expand_refs``: open component schemas inline (operation pages) or only link them (the
        schemas page, where each has its own tree); ``own_name``: the component being drawn,
        which is not expanded inside itself."""
        if schema is None:
            return ""
        # keyed by what a $ref leads to: each operation of a large API states its own $ref
        target, target_uri = self.resolve(schema, uri)
        key = (page, id(target), target_uri, expand_refs)
        if key in self._memo:
            # drawn already on this page (a shared response, a list's items): a link to that
            # drawing, so a schema every operation of a page uses is drawn there once
            anchor = self._memo[key][1]
            return (f'<div class="specsite-schema"><p class="specsite-schema-head">Schema: '
                    f'{self._label(schema, uri, page)}, as <a href="#{anchor}">shown above</a></p></div>')
        used = self._page_used.get(page, 0)
        tree = _Tree(page, expand_refs, page_left=max(0, PAGE_NODES - used))
        anchor = f"tree-{sum(1 for k in self._memo if k[0] == page) + 1}"
        head = ""
        ancestors: frozenset = frozenset({own_name}) if own_name else frozenset()
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            name = self.component(schema["$ref"], uri)
            if name is not None and name != own_name:
                head = f'<p class="specsite-schema-head">Schema: {self._ref_link(name, page)}</p>'
                ancestors = ancestors | {name}
                if expand_refs:
                    self._opened.setdefault(page, {}).setdefault(name, anchor)
        node, node_uri = self.resolve(schema, uri)
        body = self._body(node, node_uri, tree, 0, ancestors)
        if body and isinstance(node, dict) and _is_array(node):
            # a list: say so before the rows of its items ("Schema: Pets, array of Pet")
            label = self.type_label(node, node_uri, page)
            head = head[:-4] + f", {label}</p>" if head else \
                f'<p class="specsite-schema-head">Type: {label}</p>'
        if not body:
            label = self.type_label(schema, uri, page)
            body = f'<div class="specsite-schema-head">Type: {label}{self._facts_html(node, page)}</div>'
            head = ""
        if tree.cut:
            body += '<p class="specsite-schema-cut">' + " ".join(sorted(set(tree.cut))) + "</p>"
        self._page_used[page] = used + tree.nodes
        self._memo[key] = (target, anchor)
        return f'<div class="specsite-schema" id="{anchor}">{head}{body}</div>'

    def _label(self, schema: Any, uri: str, page: str) -> str:
        """A repeated schema's name (a link for a component) or its type."""
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            name = self.component(schema["$ref"], uri)
            if name is not None:
                return self._ref_link(name, page)
        return self.type_label(schema, uri, page)

    # -- structure --------------------------------------------------------------------------

    def _body(self, schema: Any, uri: str, tree: _Tree, depth: int, ancestors: frozenset) -> str:
        """The rows under a schema: its properties, its items, or its variants ('' for a scalar)."""
        if not isinstance(schema, dict):
            return ""
        parts = []
        if _is_array(schema) and "items" in schema:
            parts.append(self._items(schema["items"], uri, tree, depth, ancestors))
            if "properties" not in schema:
                return "".join(p for p in parts if p)
        rows = self._properties(schema, uri, tree, depth, ancestors)
        if rows:
            parts.append(f'<ul>{rows}</ul>')
        for key, word in (("oneOf", "One of"), ("anyOf", "Any of")):
            if isinstance(schema.get(key), list) and schema[key]:
                parts.append(self._variants(schema[key], word, uri, tree, depth, ancestors))
        return "".join(p for p in parts if p)

    def _properties(self, schema: dict, uri: str, tree: _Tree, depth: int, ancestors: frozenset,
                    seen: frozenset = frozenset()) -> str:
        """The property rows of an object, ``allOf`` parts merged in (a ``$ref``'d part too)."""
        out = []
        if id(schema) in seen:
            return ""
        seen = seen | {id(schema)}
        for part in schema.get("allOf", []) if isinstance(schema.get("allOf"), list) else []:
            name = self.component(part["$ref"], uri) if isinstance(part, dict) and \
                isinstance(part.get("$ref"), str) else None
            if name is not None and name in ancestors:
                out.append("<li>" + self._note("recursive: see " + self._ref_link(name, tree.page)) + "</li>")
                continue
            node, node_uri = self.resolve(part, uri)
            if isinstance(node, dict):
                out.append(self._properties(node, node_uri, tree, depth, ancestors | ({name} - {None}), seen))
        required = schema.get("required") if isinstance(schema.get("required"), list) else []
        properties = schema.get("properties")
        items = list(properties.items()) if isinstance(properties, dict) else []
        for index, (name, prop) in enumerate(items):
            if tree.full():
                left = len(items) - index
                out.append("<li>" + self._note(f"… {left} more propert{'y' if left == 1 else 'ies'} not "
                                               f"shown (a tree shows at most {TREE_NODES} rows)") + "</li>")
                break
            out.append(self._row(text(name), prop, uri, name in required, tree, depth, ancestors))
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and not tree.full():
            out.append(self._row('<em>any key</em>', extra, uri, False, tree, depth, ancestors))
        return "".join(out)

    def _items(self, items: Any, uri: str, tree: _Tree, depth: int, ancestors: frozenset) -> str:
        """An array's items drawn in its place (``array of Pet`` opens on Pet's properties)."""
        name = self.component(items["$ref"], uri) if isinstance(items, dict) and \
            isinstance(items.get("$ref"), str) else None
        if name is not None and name in ancestors:
            return self._note("recursive: see " + self._ref_link(name, tree.page))
        if name is not None and tree.expand_refs and name in self._opened.get(tree.page, {}):
            return self._note(self._shown_above(name, tree.page))
        if name is not None and (not tree.expand_refs or tree.nodes >= tree.page_left):
            return ""  # the type says "array of <link>"
        node, node_uri = self.resolve(items, uri)
        inner = self._body(node, node_uri, tree, depth, ancestors | ({name} - {None}))
        if name is None or not inner:
            return inner
        return f'<div id="{self._open(name, tree.page)}">{inner}</div>'

    def _variants(self, variants: list, word: str, uri: str, tree: _Tree, depth: int,
                  ancestors: frozenset) -> str:
        rows = []
        for index, variant in enumerate(variants):
            if tree.full():
                rows.append("<li>" + self._note(f"… {len(variants) - index} more not shown") + "</li>")
                break
            label = f"<em>option {index + 1}</em>"
            rows.append(self._row(label, variant, uri, False, tree, depth, ancestors))
        return f'<p class="specsite-schema-variants">{word}:</p><ul>{"".join(rows)}</ul>'

    def _row(self, label: str, schema: Any, uri: str, required: bool, tree: _Tree, depth: int,
             ancestors: frozenset) -> str:
        """One property (or item, or variant): a line, and its own rows in a ``<details>``."""
        tree.nodes += 1
        head = (f'<span class="specsite-schema-name">{label}</span>'
                + (' <span class="specsite-schema-required">required</span>' if required else "")
                + f' <span class="specsite-schema-type">{self.type_label(schema, uri, tree.page)}</span>')
        name = self.component(schema["$ref"], uri) if isinstance(schema, dict) and \
            isinstance(schema.get("$ref"), str) else None
        node, node_uri = self.resolve(schema, uri)
        detail = self._facts_html(node, tree.page) + self._description(node, schema, tree.page)
        nested = self._has_rows(node, node_uri)
        if nested and name is not None and name in ancestors:
            return self._leaf(head, detail + self._note("recursive: see " + self._ref_link(name, tree.page)))
        if nested and name is not None and not tree.expand_refs:
            return self._leaf(head, detail)
        if nested and depth + 1 > MAX_DEPTH:
            tree.cut.append(f"Nesting deeper than {MAX_DEPTH} levels is not shown.")
            return self._leaf(head, detail + self._note("not expanded (nesting limit)"))
        if nested and name is not None and name in self._opened.get(tree.page, {}):
            # a component opens once per page; later uses link to it (linear page weight)
            return self._leaf(head, detail + self._note(self._shown_above(name, tree.page)))
        if nested and name is not None and tree.nodes >= tree.page_left:
            tree.cut.append(f"Schemas past the page's first {PAGE_NODES} rows are links only: "
                            f"open them on the schemas page.")
            return self._leaf(head, detail)
        if nested and not tree.full():
            inner = self._body(node, node_uri, tree, depth + 1, ancestors | ({name} - {None}))
            if inner:
                opened = f' id="{self._open(name, tree.page)}"' if name is not None else ""
                return f'<li><details{opened}><summary>{head}</summary>{detail}{inner}</details></li>'
        return self._leaf(head, detail)

    def _open(self, name: str, page: str) -> str:
        """Record that component ``name`` is open on ``page``; the id of where it is."""
        opened = self._opened.setdefault(page, {})
        return opened.setdefault(name, f"open-{len(opened) + 1}")

    def _shown_above(self, name: str, page: str) -> str:
        return f'{text(name)}: as <a href="#{self._opened[page][name]}">shown above</a>'

    def _has_rows(self, schema: Any, uri: str, depth: int = 0) -> bool:
        """Whether a schema has anything to expand (properties, object items, variants)."""
        if not isinstance(schema, dict):
            return False
        if isinstance(schema.get("properties"), dict) and schema["properties"]:
            return True
        if isinstance(schema.get("additionalProperties"), dict) and depth < 3:
            extra, extra_uri = self.resolve(schema["additionalProperties"], uri)
            if self._has_rows(extra, extra_uri, depth + 1):
                return True
        if any(isinstance(schema.get(k), list) and schema[k] for k in ("oneOf", "anyOf", "allOf")):
            return True
        if _is_array(schema) and "items" in schema and depth < 3:
            items, items_uri = self.resolve(schema["items"], uri)
            return self._has_rows(items, items_uri, depth + 1)
        return False

    @staticmethod
    def _leaf(head: str, detail: str) -> str:
        return f'<li>{head}{detail}</li>'

    @staticmethod
    def _note(html: str) -> str:
        return f'<span class="specsite-schema-note">{html}</span>'

    # -- one line ---------------------------------------------------------------------------

    def _ref_link(self, name: str, page: str) -> str:
        url = self.link(name, page)
        if url is None:
            return f"<code>{text(name)}</code>"
        return f'<a class="specsite-schema-ref" href="{text(url)}">{text(name)}</a>'

    def type_label(self, schema: Any, uri: str, page: str, depth: int = 0) -> str:
        """A schema's type on one line: ``string (date-time)``, ``array of Pet`` (linked)."""
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            name = self.component(schema["$ref"], uri)
            if name is not None:
                return self._ref_link(name, page)
            schema, uri = self.resolve(schema, uri)
        if schema is True or schema is None:
            return "any"
        if not isinstance(schema, dict):
            return text(schema)
        kind = schema.get("type")
        label = " | ".join(text(k) for k in kind) if isinstance(kind, list) else text(kind or "")
        if _is_array(schema) and depth < 3:
            label = "array of " + self.type_label(schema.get("items"), uri, page, depth + 1) \
                if "items" in schema else "array"
        if not label:
            for key, word in (("oneOf", "one of"), ("anyOf", "any of"), ("allOf", "all of")):
                if isinstance(schema.get(key), list):
                    label = word
                    break
        label = label or ("object" if "properties" in schema else "any")
        if schema.get("format"):
            label += f" ({text(schema['format'])})"
        if schema.get("nullable") is True:
            label += " | null"
        return label

    def _facts_html(self, schema: Any, page: str) -> str:
        """Enum, default, const, bounds, pattern, example and flags of a schema, one line."""
        if not isinstance(schema, dict):
            return ""
        facts = []
        for flag in _FLAGS:
            if schema.get(flag) is True:
                facts.append(f'<span class="specsite-schema-flag">{flag}</span>')
        if isinstance(schema.get("enum"), list):
            values = " ".join(literal(v) for v in schema["enum"][:MAX_ENUM])
            more = f" … ({len(schema['enum']) - MAX_ENUM} more)" if len(schema["enum"]) > MAX_ENUM else ""
            facts.append(f"one of {values}{more}")
        if "const" in schema:
            facts.append(f"always {literal(schema['const'])}")
        if "default" in schema:
            facts.append(f"default {literal(schema['default'])}")
        for key, word in _BOUNDS:
            value = schema.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                facts.append(f"{text(word)} {text(value)}")
        if schema.get("uniqueItems") is True:
            facts.append("unique items")
        if isinstance(schema.get("pattern"), str):
            facts.append(f"pattern <code>{text(schema['pattern'])}</code>")
        if "example" in schema:
            facts.append(f"example {literal(schema['example'], 60)}")
        if not facts:
            return ""
        return '<div class="specsite-schema-facts">' + " · ".join(facts) + "</div>"

    def _description(self, node: Any, stated: Any, page: str) -> str:
        # a description beside a $ref (OpenAPI 3.1) wins over the referenced schema's own
        described = stated if isinstance(stated, dict) and stated.get("description") else node
        value = described.get("description") if isinstance(described, dict) else None
        shown = self.text.inline(value, page)
        return f'<div class="specsite-schema-desc">{shown}</div>' if shown else ""


def _is_array(schema: dict) -> bool:
    kind = schema.get("type")
    return kind == "array" or (isinstance(kind, list) and "array" in kind) or \
        ("items" in schema and "properties" not in schema and kind is None)
