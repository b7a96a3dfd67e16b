"""Structurizr view expressions: what an ``include`` / ``exclude`` word selects.

Semantics follow Structurizr's own ExpressionParser: ``element.tag==A,B`` means all of the tags and
``!=`` its negation; ``element.technology`` looks at containers, components, deployment and
infrastructure nodes and container instances; either side of ``->`` and the operand of
``relationship.source==`` may be an element expression. ``a && b`` intersects, ``a || b`` unites
(``||`` binds looser, and any number of operands may be chained).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.findings import Finding
from . import model as m
from .rules import SYNTAX, UNKNOWN_IDENTIFIER

TYPE_NAMES = {t.lower(): t for t in (*m.STATIC_TYPES, *m.DEPLOYMENT_TYPES)} | {
    "element": m.CUSTOM, "custom": m.CUSTOM}
_TECHNOLOGY_TYPES = (m.CONTAINER, m.COMPONENT, m.DEPLOYMENT_NODE, m.INFRASTRUCTURE_NODE,
                     m.CONTAINER_INSTANCE)
_PROPERTY = re.compile(r"^(element|relationship)\.properties\[(.+?)\]==(.*)$", re.IGNORECASE)
_ELEMENT_EXPRESSION = ("element.", "element==", "->")

Selection = tuple[str, list]  # ("elements" | "relationships", the items in model order)


@dataclass
class Selector:
    """Evaluates expressions of one view against one workspace; problems become findings."""

    workspace: m.Workspace
    view_key: str
    findings: list[Finding]
    #: hierarchical identifiers are tried relative to this element (``!elements`` in a block)
    context: m.Element | None = None
    environment_id: str = ""

    @property
    def _where(self) -> str:
        return self.view_key if self.view_key.startswith("!") else f"view '{self.view_key}'"

    def select(self, expr: m.Expression) -> Selection:
        """``("elements", [...])`` or ``("relationships", [...])`` for one expression."""
        text = expr.text.strip()
        if "&&" in text or "||" in text:
            return self._combined(expr)
        elements = self._elements(text, expr)
        if elements is not None:
            return "elements", _unique(elements)
        return "relationships", _unique(self._relationships(text, expr))

    # ------------------------------------------------------------ && and ||

    def _combined(self, expr: m.Expression) -> Selection:
        kinds: set[str] = set()
        union: dict[int, object] = {}
        for alternative in expr.text.split("||"):
            chosen: list | None = None
            for atom in alternative.split("&&"):
                kind, items = self.select(m.Expression(atom.strip(), expr.place))
                kinds.add(kind)
                keep = {id(x) for x in items}
                chosen = items if chosen is None else [x for x in chosen if id(x) in keep]
            for item in chosen or []:
                union.setdefault(id(item), item)
        if len(kinds) > 1:
            self._syntax(expr, f"{expr.text} combines element and relationship expressions")
            return "elements", []
        return kinds.pop(), list(union.values())

    # ------------------------------------------------------------ elements

    def _elements(self, text: str, expr: m.Expression) -> list[m.Element] | None:
        """Elements an element expression selects; ``None`` for a relationship expression."""
        lower = text.lower()
        ws = self.workspace
        if lower.startswith("element=="):
            return self._operand(text[len("element=="):], expr)
        if lower.startswith("relationship"):
            return None
        if text.startswith("->") or text.endswith("->"):
            if text.strip() == "->":
                self._syntax(expr, "unexpected '->'")
                return []
            afferent, efferent = text.startswith("->"), text.endswith("->")
            inner = text[2 if afferent else 0: len(text) - (2 if efferent else 0)]
            if "->" in inner:
                return None  # a -> b written without spaces: a relationship expression
            return self._coupled(self._operand(inner, expr), afferent, efferent)
        if "->" in text:
            return None
        if lower.startswith("element.type=="):
            names = [n.strip().lower() for n in text.split("==", 1)[1].split(",") if n.strip()]
            for name in names:
                if name not in TYPE_NAMES:
                    self._syntax(expr, f"unknown element type '{name}' in {text}")
            types = {TYPE_NAMES[n] for n in names if n in TYPE_NAMES}
            return [e for e in ws.elements if e.type in types]
        if lower.startswith("element.parent=="):
            parent = self._lookup(text.split("==", 1)[1].strip(), expr)
            return [e for e in ws.elements if parent is not None and e.parent is parent]
        if lower.startswith("element.tag==") or lower.startswith("element.tag!="):
            tags = [t.strip() for t in text[len("element.tag=="):].split(",") if t.strip()]
            has_all = [e for e in ws.elements if all(e.has_tag(t) for t in tags)]
            return has_all if lower.startswith("element.tag==") else _without(ws.elements, has_all)
        if lower.startswith("element.technology==") or lower.startswith("element.technology!="):
            technology = text[len("element.technology=="):].strip()
            equal = lower.startswith("element.technology==")
            return [e for e in ws.elements if e.type in _TECHNOLOGY_TYPES
                    and (_technology(e) == technology) == equal]
        prop = _PROPERTY.match(text)
        if prop and prop.group(1).lower() == "element":
            name, value = prop.group(2), prop.group(3)
            return [e for e in ws.elements if e.properties.get(name) == value]
        if prop or ws.identifiers.relationship(text) is not None:
            return None
        group = ws.identifiers.groups.get(text.lower())
        if group is not None:
            return _members(ws, *group)
        element = self._lookup(text, expr)
        return [element] if element is not None else []

    def _operand(self, text: str, expr: m.Expression) -> list[m.Element]:
        """An identifier or an element expression, as a list of elements."""
        text = text.strip()
        if text.lower().startswith(_ELEMENT_EXPRESSION) or text.endswith("->"):
            return self._elements(text, expr) or []
        element = self._lookup(text, expr)
        return [element] if element is not None else []

    def _coupled(self, elements: list[m.Element], afferent: bool, efferent: bool) -> list[m.Element]:
        out: list[m.Element] = []
        for element in elements:
            out.append(element)
            for r in self.workspace.touching(element):
                if efferent and r.source is element:
                    out.append(r.destination)
                if afferent and r.destination is element:
                    out.append(r.source)
        return out

    # ------------------------------------------------------------ relationships

    def _relationships(self, text: str, expr: m.Expression) -> list[m.Relationship]:
        lower = text.lower()
        rels = self.workspace.relationships
        if lower.startswith("relationship=="):
            rest = text[len("relationship=="):].strip()
            if rest.replace(" ", "") in ("*", "*->*"):
                return list(rels)
            named = self.workspace.identifiers.relationship(rest)
            return [named] if named is not None else self._relationships(rest, expr)
        if lower.startswith("relationship.tag==") or lower.startswith("relationship.tag!="):
            tags = [t.strip() for t in text[len("relationship.tag=="):].split(",") if t.strip()]
            has_all = [r for r in rels if all(r.has_tag(t) for t in tags)]
            return has_all if lower.startswith("relationship.tag==") else _without(rels, has_all)
        prop = _PROPERTY.match(text)
        if prop and prop.group(1).lower() == "relationship":
            name, value = prop.group(2), prop.group(3)
            return [r for r in rels if r.properties.get(name) == value]
        for end in ("source", "destination"):
            if lower.startswith(f"relationship.{end}=="):
                chosen = {id(e) for e in self._operand(text.split("==", 1)[1], expr)}
                return [r for r in rels if id(getattr(r, end)) in chosen]
        named = self.workspace.identifiers.relationship(text)
        if named is not None:
            # a named relationship stands for the relationships it implies too
            return [named, *(r for r in self.workspace.relationships if r.implied and r.linked is named)]
        if "->" not in text:
            self._syntax(expr, f"cannot read the expression '{expr.text}'")
            return []
        left, right = (side.strip() for side in text.split("->", 1))
        sources = None if left == "*" else {id(e) for e in self._operand(left, expr)}
        destinations = None if right == "*" else {id(e) for e in self._operand(right, expr)}
        return [r for r in rels if (sources is None or id(r.source) in sources)
                and (destinations is None or id(r.destination) in destinations)]

    # ------------------------------------------------------------ helpers

    def _lookup(self, name: str, expr: m.Expression) -> m.Element | None:
        found = self.workspace.identifiers.element(name, self.context, None, self.environment_id)
        if found is None:
            self.findings.append(UNKNOWN_IDENTIFIER.at(
                f"{self._where}: unknown identifier '{name}'", expr.place.file,
                expr.place.line, expr.place.column))
        return found

    def _syntax(self, expr: m.Expression, message: str) -> None:
        self.findings.append(SYNTAX.at(f"{self._where}: {message}", expr.place.file,
                                       expr.place.line, expr.place.column))


def _members(workspace: m.Workspace, parent: m.Element | None, environment: str | None,
             group: str) -> list[m.Element]:
    """The elements in a group (and the groups nested in it), as a group identifier selects them."""
    return [e for e in workspace.elements if e.parent is parent and e.environment == environment
            and e.group is not None and (e.group == group or e.group.startswith(group + "/"))]


def _technology(element: m.Element) -> str:
    """A container instance has the technology of the container it deploys."""
    if element.type == m.CONTAINER_INSTANCE and element.instance_of is not None:
        return element.instance_of.technology
    return element.technology


def _without(items: list, removed: list) -> list:
    gone = {id(x) for x in removed}
    return [x for x in items if id(x) not in gone]


def _unique(items: list) -> list:
    seen: dict[int, object] = {}
    for item in items:
        seen.setdefault(id(item), item)
    return list(seen.values())
