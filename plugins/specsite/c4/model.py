"""The parsed C4 workspace: elements, relationships, views and styles, as Structurizr defines them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PERSON = "Person"
SOFTWARE_SYSTEM = "SoftwareSystem"
CONTAINER = "Container"
COMPONENT = "Component"
CUSTOM = "CustomElement"
DEPLOYMENT_NODE = "DeploymentNode"
INFRASTRUCTURE_NODE = "InfrastructureNode"
SOFTWARE_SYSTEM_INSTANCE = "SoftwareSystemInstance"
CONTAINER_INSTANCE = "ContainerInstance"

STATIC_TYPES = (PERSON, SOFTWARE_SYSTEM, CONTAINER, COMPONENT, CUSTOM)
DEPLOYMENT_TYPES = (DEPLOYMENT_NODE, INFRASTRUCTURE_NODE, SOFTWARE_SYSTEM_INSTANCE, CONTAINER_INSTANCE)
INSTANCE_TYPES = (SOFTWARE_SYSTEM_INSTANCE, CONTAINER_INSTANCE)

#: the tags every element of a type carries first, as Structurizr adds them
DEFAULT_TAGS = {
    PERSON: ["Element", "Person"],
    SOFTWARE_SYSTEM: ["Element", "Software System"],
    CONTAINER: ["Element", "Container"],
    COMPONENT: ["Element", "Component"],
    CUSTOM: ["Element"],
    DEPLOYMENT_NODE: ["Element", "Deployment Node"],
    INFRASTRUCTURE_NODE: ["Element", "Infrastructure Node"],
    SOFTWARE_SYSTEM_INSTANCE: ["Software System Instance"],
    CONTAINER_INSTANCE: ["Container Instance"],
}

#: how an element type is written in prose (diagram boxes, pages)
TYPE_LABELS = {
    PERSON: "Person",
    SOFTWARE_SYSTEM: "Software System",
    CONTAINER: "Container",
    COMPONENT: "Component",
    CUSTOM: "Element",
    DEPLOYMENT_NODE: "Deployment Node",
    INFRASTRUCTURE_NODE: "Infrastructure Node",
    SOFTWARE_SYSTEM_INSTANCE: "Software System",
    CONTAINER_INSTANCE: "Container",
}


@dataclass
class Place:
    """Where something was written."""

    file: str
    line: int
    column: int | None = None


class Tagged:
    """Tags as Structurizr keeps them: in order, each once, matched without regard to case."""

    tags: list[str]

    def has_tag(self, tag: str) -> bool:
        wanted = tag.strip().lower()
        return any(t.lower() == wanted for t in self.tags)

    def add_tags(self, *values: str) -> None:
        """Add comma-separated tags, keeping order and skipping ones already there."""
        for value in values:
            for tag in value.split(","):
                tag = tag.strip()
                if tag and tag not in self.tags:
                    self.tags.append(tag)


@dataclass(eq=False)
class Element(Tagged):
    """A person, software system, container, component, custom element or deployment element."""

    id: str
    type: str
    name: str
    place: Place
    description: str = ""
    technology: str = ""
    tags: list[str] = field(default_factory=list)
    url: str = ""
    properties: dict[str, str] = field(default_factory=dict)
    perspectives: dict[str, str] = field(default_factory=dict)
    parent: "Element | None" = None
    group: str | None = None
    #: custom elements: the metadata shown as their type
    metadata: str = ""
    #: deployment elements: the environment; deployment nodes: how many instances
    environment: str | None = None
    instances: str = "1"
    #: instances: the element deployed, the deployment groups they belong to
    instance_of: "Element | None" = None
    deployment_groups: list[str] = field(default_factory=list)
    #: instances: the number Structurizr gives them (the nth of one element in one deployment node)
    instance_number: int = 1
    health_checks: list[dict[str, str]] = field(default_factory=list)
    #: True when the identifier was written in the DSL (False: generated from the name)
    named: bool = True
    #: ``!decisions`` / ``!adrs`` folders (project-relative) that hold this element's decisions
    decision_folders: list[str] = field(default_factory=list)

    @property
    def type_label(self) -> str:
        if self.type == CUSTOM and self.metadata:
            return self.metadata
        return TYPE_LABELS[self.type]

    def ancestors(self) -> list["Element"]:
        """Parent, grandparent, ... up to the top."""
        out = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out



@dataclass(eq=False)
class Relationship(Tagged):
    """A directed relationship; ``implied`` ones come from relationships between children."""

    id: str
    source: Element
    destination: Element
    place: Place
    description: str = ""
    technology: str = ""
    tags: list[str] = field(default_factory=lambda: ["Relationship"])
    url: str = ""
    properties: dict[str, str] = field(default_factory=dict)
    perspectives: dict[str, str] = field(default_factory=dict)
    implied: bool = False
    #: relationships between deployed instances: the relationship they replicate
    linked: "Relationship | None" = None



@dataclass
class Step:
    """One step of a dynamic view: a relationship, possibly walked backwards (a response)."""

    order: str
    relationship: Relationship
    description: str
    response: bool = False
    url: str = ""
    properties: dict[str, str] = field(default_factory=dict)
    #: the technology the step states (``a -> b "Places the order with" "HTTPS"``), if any
    technology: str = ""

    @property
    def shown_technology(self) -> str:
        """The technology the step is drawn and listed with: its own, else its relationship's."""
        return self.technology or self.relationship.technology


@dataclass
class Expression:
    """One word of an ``include`` / ``exclude`` statement (or a ``a -> b`` expression)."""

    text: str
    place: Place


@dataclass
class View:
    """A view as written plus, after :func:`specsite.c4.views.resolve`, what it shows."""

    key: str
    type: str
    place: Place
    scope: Element | None = None
    environment: str | None = None
    title: str = ""
    description: str = ""
    auto_layout: str | None = None
    includes: list[Expression] = field(default_factory=list)
    excludes: list[Expression] = field(default_factory=list)
    #: every include and exclude in the order written: ("include" | "exclude", expression)
    statements: list[tuple[str, Expression]] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    #: filtered views: the base view key, include/exclude mode and tags
    base_key: str | None = None
    filter_mode: str = "include"
    filter_tags: list[str] = field(default_factory=list)
    #: image views: what picture they name (never fetched), and for dark mode when given
    image: str = ""
    image_dark: str = ""
    #: manual layout read from a JSON workspace: element id -> (x, y)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: manual layout: the bend points of a relationship (by relationship id; in a dynamic view
    #: by step order), in Structurizr's coordinates
    vertices: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    #: read from a JSON workspace with its contents listed: not re-evaluated
    fixed: bool = False
    properties: dict[str, str] = field(default_factory=dict)
    elements: list[Element] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)


@dataclass
class ElementStyle:
    """A style for elements with a tag; unset values are ``None``."""

    tag: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class Workspace:
    """One parsed workspace (including what it extends and includes)."""

    name: str = ""
    description: str = ""
    file: str = ""
    elements: list[Element] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    views: list[View] = field(default_factory=list)
    element_styles: list[ElementStyle] = field(default_factory=list)
    relationship_styles: list[ElementStyle] = field(default_factory=list)
    hierarchical: bool = False
    #: folders named by ``!docs`` and ``!adrs`` (project-relative), with the element they document
    docs_folders: list[tuple[str, str | None]] = field(default_factory=list)
    adr_folders: list[tuple[str, str | None]] = field(default_factory=list)
    #: files read (project-relative), the workspace file first
    sources: list[str] = field(default_factory=list)
    #: deployment environments declared (with or without elements), in order
    environments: list[str] = field(default_factory=list)
    #: ``properties`` written directly in ``model``
    properties: dict[str, str] = field(default_factory=dict)
    #: the identifier register (:class:`specsite.c4.identifiers.Register`) views resolve names with
    identifiers: Any = None

    #: indexes kept by :meth:`add_relationship` and :meth:`children` (identity-keyed)
    _pairs: dict = field(default_factory=dict, repr=False)
    _touching: dict = field(default_factory=dict, repr=False)
    _children: dict | None = field(default=None, repr=False)

    def add_relationship(self, relationship: Relationship) -> None:
        """Append a relationship and index it by its two ends."""
        self.relationships.append(relationship)
        a, b = relationship.source, relationship.destination
        self._pairs.setdefault((id(a), id(b)), []).append(relationship)
        self._touching.setdefault(id(a), []).append(relationship)
        if b is not a:
            self._touching.setdefault(id(b), []).append(relationship)

    def between(self, source: Element, destination: Element) -> list[Relationship]:
        """Relationships from ``source`` to ``destination``, in the order they were made."""
        return self._pairs.get((id(source), id(destination)), [])

    def touching(self, element: Element) -> list[Relationship]:
        """Relationships from or to ``element``, in the order they were made."""
        return self._touching.get(id(element), [])

    def element(self, element_id: str) -> Element | None:
        return next((e for e in self.elements if e.id == element_id), None)

    def children(self, element: Element) -> list[Element]:
        if self._children is None or sum(len(v) for v in self._children.values()) != len(self.elements):
            index: dict[int, list[Element]] = {}
            for e in self.elements:
                index.setdefault(id(e.parent), []).append(e)
            self._children = index
        return list(self._children.get(id(element), []))

    def view(self, key: str) -> View | None:
        return next((v for v in self.views if v.key == key), None)

    def export(self) -> dict[str, Any]:
        """The ``"c4"`` section of ``specsite export``."""
        return {
            "elements": [
                {"id": e.id, "type": e.type, "name": e.name,
                 "parent": e.parent.id if e.parent else None, "tags": list(e.tags)}
                for e in self.elements
            ],
            "relationships": [
                {"id": r.id, "source": r.source.id, "destination": r.destination.id,
                 "description": r.description, "technology": r.technology, "implied": r.implied}
                for r in self.relationships
            ],
            "views": [
                {"key": v.key, "type": v.type,
                 "elements": [e.id for e in v.elements],
                 "relationships": [r.id for r in v.relationships]}
                for v in self.views
            ],
        }
