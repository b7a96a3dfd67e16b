"""What each view shows: ``include`` / ``exclude`` evaluated the way Structurizr evaluates them.

``include *`` means something different for each view type (see :func:`_default_elements`);
adding an element brings every relationship between it and the elements already shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.findings import Finding
from . import model as m
from .expressions import Selector
from .rules import UNKNOWN_IDENTIFIER

_ALLOWED = {
    "SystemLandscape": (m.PERSON, m.SOFTWARE_SYSTEM, m.CUSTOM),
    "SystemContext": (m.PERSON, m.SOFTWARE_SYSTEM, m.CUSTOM),
    "Container": (m.PERSON, m.SOFTWARE_SYSTEM, m.CONTAINER, m.CUSTOM),
    "Component": (m.PERSON, m.SOFTWARE_SYSTEM, m.CONTAINER, m.COMPONENT, m.CUSTOM),
    "Dynamic": m.STATIC_TYPES,
    "Deployment": m.DEPLOYMENT_TYPES,
    "Custom": (m.CUSTOM,),
    "Image": (),
}


@dataclass
class _Builder:
    workspace: m.Workspace
    view: m.View
    findings: list[Finding]
    elements: dict[int, m.Element] = field(default_factory=dict)
    relationships: dict[int, m.Relationship] = field(default_factory=dict)

    @property
    def selector(self) -> Selector:
        return Selector(self.workspace, self.view.key, self.findings)

    # ------------------------------------------------------------ adding and removing

    def allowed(self, element: m.Element) -> bool:
        view = self.view
        if element.type not in _ALLOWED[view.type]:
            return False
        if element is view.scope and view.type in ("Container", "Component"):
            return False
        if view.type == "Deployment":
            if view.environment and element.environment != view.environment:
                return False
            if (element.type == m.CONTAINER_INSTANCE and view.scope is not None
                    and element.instance_of.parent is not view.scope):
                return False
        return True

    def add(self, element: m.Element) -> None:
        if id(element) in self.elements or not self.allowed(element):
            return
        self.elements[id(element)] = element
        for r in self.workspace.touching(element):
            if r.source is not r.destination and id(r.source) in self.elements \
                    and id(r.destination) in self.elements:
                self.relationships.setdefault(id(r), r)

    def add_relationship(self, r: m.Relationship) -> None:
        self.add(r.source)
        self.add(r.destination)
        if id(r.source) in self.elements and id(r.destination) in self.elements:
            self.relationships.setdefault(id(r), r)

    def remove(self, element: m.Element) -> None:
        self.elements.pop(id(element), None)
        for key, r in list(self.relationships.items()):
            if r.source is element or r.destination is element:
                del self.relationships[key]

    # ------------------------------------------------------------ include *

    def neighbours(self, element: m.Element) -> list[m.Element]:
        return [r.destination if r.source is element else r.source for r in self.workspace.touching(element)]

    def default_elements(self) -> None:
        view, ws = self.view, self.workspace
        if view.type == "SystemLandscape":
            for e in ws.elements:
                if e.type in (m.PERSON, m.SOFTWARE_SYSTEM):
                    self.add(e)
        elif view.type == "SystemContext" and view.scope is not None:
            self.add(view.scope)
            for e in self.neighbours(view.scope):
                if e.type in (m.PERSON, m.SOFTWARE_SYSTEM):
                    self.add(e)
        elif view.type == "Container" and view.scope is not None:
            containers = [e for e in ws.elements if e.type == m.CONTAINER and e.parent is view.scope]
            for c in containers:
                self.add(c)
            for c in containers:
                for e in self.neighbours(c):
                    if e.type in (m.PERSON, m.SOFTWARE_SYSTEM):
                        self.add(e)
        elif view.type == "Component" and view.scope is not None:
            components = [e for e in ws.elements if e.type == m.COMPONENT and e.parent is view.scope]
            for c in components:
                self.add(c)
            system = view.scope.parent
            for c in components:
                for e in self.neighbours(c):
                    if e.type in (m.PERSON, m.SOFTWARE_SYSTEM) or (
                            e.type == m.CONTAINER and e.parent is system):
                        self.add(e)
        elif view.type == "Deployment":
            for node in ws.elements:
                if node.type == m.DEPLOYMENT_NODE and node.parent is None:
                    self.add_node(node)
        elif view.type == "Custom":
            for e in ws.elements:
                if e.type == m.CUSTOM:
                    self.add(e)

    def add_node(self, node: m.Element) -> bool:
        """A deployment node with what it runs; False (nothing added) when it runs nothing shown."""
        if not self.allowed(node):
            return False
        shown = False
        for child in self.workspace.children(node):
            if child.type == m.DEPLOYMENT_NODE:
                shown = self.add_node(child) or shown
            elif self.allowed(child):
                if child.type == m.SOFTWARE_SYSTEM_INSTANCE and child.instance_of is self.view.scope:
                    continue
                self.add(child)
                shown = True
        if shown:
            self.add(node)
        return shown

    def add_with_parents(self, element: m.Element) -> None:
        if element.type == m.DEPLOYMENT_NODE:
            if not self.add_node(element):
                self.add(element)
        else:
            self.add(element)
        for parent in element.ancestors():
            self.add(parent)

    # ------------------------------------------------------------ the view

    def include(self, expr: m.Expression) -> None:
        if expr.text == "*":
            self.default_elements()
            return
        kind, items = self.selector.select(expr)
        if kind == "relationships":
            for r in items:
                self.add_relationship(r)
        elif self.view.type == "Deployment":
            for e in items:
                self.add_with_parents(e)
        else:
            for e in items:
                self.add(e)

    def exclude(self, expr: m.Expression) -> None:
        if expr.text == "*":
            self.elements.clear()
            self.relationships.clear()
            return
        kind, items = self.selector.select(expr)
        if kind == "relationships":
            for r in items:
                self.relationships.pop(id(r), None)
        else:
            for e in items:
                self.remove(e)

    def build(self) -> None:
        view = self.view
        if view.type == "Dynamic":
            for step in view.steps:
                for e in (step.relationship.source, step.relationship.destination):
                    self.elements.setdefault(id(e), e)
            view.elements = list(self.elements.values())
            view.relationships = [s.relationship for s in view.steps]
            return
        # in the order written, as Structurizr applies them (`exclude` then `include` brings back)
        statements = view.statements or [("include", e) for e in view.includes] + \
            [("exclude", e) for e in view.excludes]
        for mode, expr in statements:
            if mode == "include":
                self.include(expr)
            else:
                self.exclude(expr)
        view.elements = list(self.elements.values())
        view.relationships = list(self.relationships.values())


def resolve_views(workspace: m.Workspace, findings: list[Finding]) -> None:
    """Fill in ``elements`` and ``relationships`` of every view."""
    for view in workspace.views:
        if view.type != "Filtered" and not view.fixed:
            _Builder(workspace, view, findings).build()
    for view in workspace.views:
        if view.type == "Filtered":
            _filter(workspace, view, findings)


def _filter(workspace: m.Workspace, view: m.View, findings: list[Finding]) -> None:
    base = workspace.view(view.base_key or "")
    if base is None or base.type == "Filtered":
        findings.append(UNKNOWN_IDENTIFIER.at(
            f"filtered view '{view.key}': no view has the key '{view.base_key}'",
            view.place.file, view.place.line, view.place.column))
        return
    view.scope, view.environment = base.scope, base.environment
    view.auto_layout = view.auto_layout or base.auto_layout
    keep = view.filter_mode == "include"

    def wanted(item: m.Element | m.Relationship) -> bool:
        return any(item.has_tag(t) for t in view.filter_tags) == keep

    view.elements = [e for e in base.elements if wanted(e)]
    shown = {id(e) for e in view.elements}
    view.relationships = [r for r in base.relationships
                          if id(r.source) in shown and id(r.destination) in shown and wanted(r)]
