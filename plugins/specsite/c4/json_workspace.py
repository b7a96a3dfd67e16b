"""Structurizr JSON workspaces (``workspace.json``): read directly, or as what a DSL workspace extends.

The JSON holds the whole model (implied and replicated relationships included) and every view with
the elements and relationships it shows, so views are taken as they are rather than re-evaluated.
Manual layouts (``x``/``y`` of each element) are kept on the view. Elements keep the DSL identifier
Structurizr stores in their ``structurizr.dsl.identifier`` property, so a DSL workspace extending
the JSON can name them; others get identifiers made from their names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.findings import Finding
from ..core.project import Project
from ..core.textfile import read_text
from . import model as m
from .identifiers import Register, slug
from .rules import INVALID_JSON_WORKSPACE

_IDENTIFIER_PROPERTY = "structurizr.dsl.identifier"
#: JSON view list -> (view type, the key holding its scope element id)
_VIEW_LISTS = {
    "systemLandscapeViews": ("SystemLandscape", None), "systemContextViews": ("SystemContext", "softwareSystemId"),
    "containerViews": ("Container", "softwareSystemId"), "componentViews": ("Component", "containerId"),
    "dynamicViews": ("Dynamic", "elementId"), "deploymentViews": ("Deployment", "softwareSystemId"),
    "customViews": ("Custom", None), "imageViews": ("Image", "elementId"), "filteredViews": ("Filtered", None),
}
#: nesting cap: a deployment node tree deeper than this is cut (real ones are a handful deep)
_MAX_DEPTH = 64


class _Reader:
    def __init__(self, workspace: m.Workspace, register: Register, rel: str, findings: list[Finding]) -> None:
        self.ws, self.register, self.rel, self.findings = workspace, register, rel, findings
        self.by_json_id: dict[str, m.Element] = {}
        self.relationships: dict[str, m.Relationship] = {}

    def problem(self, message: str) -> None:
        self.findings.append(INVALID_JSON_WORKSPACE.at(message, self.rel, 1))

    # ---------------------------------------------------------------- elements

    def element(self, data: Any, kind: str, parent: m.Element | None, environment: str | None = None,
                depth: int = 0) -> m.Element | None:
        if not isinstance(data, dict):
            self.problem(f"an entry of the model is not an object: {str(data)[:60]!r}")
            return None
        props = {str(k): str(v) for k, v in (data.get("properties") or {}).items()} \
            if isinstance(data.get("properties"), dict) else {}
        name = str(data.get("name") or "")
        deployed = self.by_json_id.get(str(data.get("softwareSystemId") or data.get("containerId")))
        if not name and deployed is not None:
            name = deployed.name  # Structurizr names an instance after what it deploys
        element = m.Element(
            id="", type=kind, name=name, place=m.Place(self.rel, 1),
            description=str(data.get("description") or ""), technology=str(data.get("technology") or ""),
            url=str(data.get("url") or ""), properties=props, parent=parent,
            group=str(data["group"]) if data.get("group") else None,
            environment=environment or (str(data["environment"]) if data.get("environment") else None),
            instances=str(data.get("instances") or "1"), metadata=str(data.get("metadata") or ""))
        element.add_tags(str(data.get("tags") or ""))
        if not element.tags:
            element.tags = list(m.DEFAULT_TAGS[kind])
        written = props.get(_IDENTIFIER_PROPERTY)
        if written and self.register.claim(written):
            element.id, element.named = written, True
        else:
            base = f"{parent.id}.{slug(element.name)}" if parent is not None else slug(element.name)
            element.id, element.named = self.register.unique(base), False
        self.register.add_element(element)
        self.ws.elements.append(element)
        self.by_json_id[str(data.get("id"))] = element
        return element

    def children(self, data: dict, key: str, kind: str, parent: m.Element | None, depth: int = 0,
                 environment: str | None = None) -> list[tuple[dict, m.Element]]:
        items = data.get(key) or []
        if not isinstance(items, list):
            self.problem(f"'{key}' is not a list")
            return []
        out = []
        for item in items:
            element = self.element(item, kind, parent, environment, depth)
            if element is not None:
                out.append((item, element))
        return out

    def deployment_node(self, data: dict, element: m.Element, depth: int) -> None:
        if depth > _MAX_DEPTH:
            self.problem(f"deployment nodes nested more than {_MAX_DEPTH} deep; the rest is skipped")
            return
        env = element.environment
        for item, child in self.children(data, "children", m.DEPLOYMENT_NODE, element, depth, env):
            self.deployment_node(item, child, depth + 1)
        self.children(data, "infrastructureNodes", m.INFRASTRUCTURE_NODE, element, depth, env)
        for key, kind, target_key in (("softwareSystemInstances", m.SOFTWARE_SYSTEM_INSTANCE, "softwareSystemId"),
                                      ("containerInstances", m.CONTAINER_INSTANCE, "containerId")):
            for item, instance in self.children(data, key, kind, element, depth, env):
                instance.instance_of = self.by_json_id.get(str(item.get(target_key)))
                if instance.instance_of is not None:
                    instance.name = instance.instance_of.name
                written = str(item.get("instanceId") or "1")
                instance.instance_number = int(written) if written.isdigit() and len(written) <= 9 else 1
                if instance.instance_of is not None:
                    # Structurizr numbers a new instance 1 + those of the same element already in
                    # the node: a DSL extending this workspace continues after these
                    key = (id(element), id(instance.instance_of))
                    self.register.instance_counts[key] = self.register.instance_counts.get(key, 0) + 1
                instance.deployment_groups = [str(g).lower() for g in item.get("deploymentGroups") or []]

    def model(self, data: Any) -> list[dict]:
        """Read the elements; returns every element object (their relationships come next)."""
        if not isinstance(data, dict):
            self.problem("'model' is not an object")
            return []
        read: list[tuple[dict, m.Element]] = []
        read += self.children(data, "people", m.PERSON, None)
        read += self.children(data, "customElements", m.CUSTOM, None)
        for item, system in self.children(data, "softwareSystems", m.SOFTWARE_SYSTEM, None):
            read.append((item, system))
            for c_item, container in self.children(item, "containers", m.CONTAINER, system):
                read.append((c_item, container))
                read += self.children(c_item, "components", m.COMPONENT, container)
        nodes = self.children(data, "deploymentNodes", m.DEPLOYMENT_NODE, None)
        for item, node in nodes:
            self.deployment_node(item, node, 1)
        for env in sorted({e.environment for e in self.ws.elements if e.environment}):
            if env not in self.ws.environments:
                self.ws.environments.append(env)
        if isinstance(data.get("properties"), dict):
            self.ws.properties.update({str(k): str(v) for k, v in data["properties"].items()})
        return [item for item, _ in read] + self._all_nodes(data.get("deploymentNodes") or [], 0)

    def _all_nodes(self, nodes: Any, depth: int) -> list[dict]:
        out: list[dict] = []
        if not isinstance(nodes, list) or depth > _MAX_DEPTH:
            return out
        for node in nodes:
            if isinstance(node, dict):
                out.append(node)
                for key in ("infrastructureNodes", "softwareSystemInstances", "containerInstances"):
                    out += [x for x in node.get(key) or [] if isinstance(x, dict)]
                out += self._all_nodes(node.get("children"), depth + 1)
        return out

    def relationships_of(self, items: list[dict]) -> None:
        pending: list[tuple[dict, m.Relationship]] = []
        for item in items:
            for data in item.get("relationships") or []:
                if not isinstance(data, dict):
                    continue
                source = self.by_json_id.get(str(data.get("sourceId")))
                destination = self.by_json_id.get(str(data.get("destinationId")))
                if source is None or destination is None:
                    self.problem(f"relationship {data.get('id')!r} joins an element the model does not have")
                    continue
                props = {str(k): str(v) for k, v in data["properties"].items()} \
                    if isinstance(data.get("properties"), dict) else {}
                written = props.get(_IDENTIFIER_PROPERTY)
                if written and self.register.claim(written):
                    rel_id = written
                else:
                    rel_id = self.register.unique(f"{source.id}->{destination.id}")
                relationship = m.Relationship(
                    id=rel_id, source=source, destination=destination, place=m.Place(self.rel, 1),
                    description=str(data.get("description") or ""), technology=str(data.get("technology") or ""),
                    url=str(data.get("url") or ""), properties=props, tags=[])
                relationship.add_tags(str(data.get("tags") or "Relationship"))
                if written:
                    self.register.relationships[rel_id.lower()] = relationship
                self.ws.add_relationship(relationship)
                self.relationships[str(data.get("id"))] = relationship
                pending.append((data, relationship))
        for data, relationship in pending:
            linked = data.get("linkedRelationshipId")
            if linked is not None:
                relationship.linked = self.relationships.get(str(linked))

    # ---------------------------------------------------------------- views

    def views(self, data: Any) -> None:
        if not isinstance(data, dict):
            return
        existing = {v.key for v in self.ws.views}
        for list_key, (view_type, scope_key) in _VIEW_LISTS.items():
            for item in data.get(list_key) or []:
                if not isinstance(item, dict) or not item.get("key"):
                    self.problem(f"a view in '{list_key}' has no key")
                    continue
                key = str(item["key"])
                if key in existing:
                    continue  # a DSL extending this workspace may redefine a view
                existing.add(key)
                view = m.View(key=key, type=view_type, place=m.Place(self.rel, 1),
                              scope=self.by_json_id.get(str(item.get(scope_key))) if scope_key else None,
                              environment=str(item["environment"]) if item.get("environment") else None,
                              title=str(item.get("title") or ""), description=str(item.get("description") or ""),
                              base_key=str(item["baseViewKey"]) if item.get("baseViewKey") else None,
                              filter_mode="exclude" if str(item.get("mode", "")).lower() == "exclude" else "include",
                              filter_tags=[str(t) for t in item.get("tags") or []], fixed=view_type != "Filtered")
                layout = item.get("automaticLayout")
                if isinstance(layout, dict):
                    direction = {"TopBottom": "tb", "BottomTop": "bt", "LeftRight": "lr", "RightLeft": "rl"}
                    view.auto_layout = direction.get(str(layout.get("rankDirection")), "tb")
                for entry in item.get("elements") or []:
                    if isinstance(entry, dict) and str(entry.get("id")) in self.by_json_id:
                        element = self.by_json_id[str(entry["id"])]
                        view.elements.append(element)
                        point = _point(entry)
                        if point is not None:
                            view.positions[element.id] = point
                for entry in item.get("relationships") or []:
                    if isinstance(entry, dict) and str(entry.get("id")) in self.relationships:
                        relationship = self.relationships[str(entry["id"])]
                        view.relationships.append(relationship)
                        vertex_key = relationship.id
                        if view_type == "Dynamic":
                            view.steps.append(m.Step(str(entry.get("order") or len(view.steps) + 1), relationship,
                                                     str(entry.get("description") or relationship.description),
                                                     bool(entry.get("response"))))
                            vertex_key = view.steps[-1].order
                        vertices = [p for p in map(_point, entry.get("vertices") or []) if p is not None] \
                            if isinstance(entry.get("vertices"), list) else []
                        if vertices:
                            view.vertices.setdefault(vertex_key, vertices)
                self.ws.views.append(view)
        styles = (data.get("configuration") or {}).get("styles") if isinstance(data.get("configuration"), dict) else None
        if isinstance(styles, dict):
            for key, target in (("elements", self.ws.element_styles), ("relationships", self.ws.relationship_styles)):
                for style in styles.get(key) or []:
                    if isinstance(style, dict) and style.get("tag"):
                        target.append(m.ElementStyle(str(style["tag"]), {
                            k.lower(): str(v) for k, v in style.items() if k != "tag" and isinstance(v, (str, int, float, bool))}))


#: coordinates beyond this are not a diagram (and a huge integer would not fit a float)
_MAX_COORDINATE = 1_000_000


def _point(entry: Any) -> tuple[int, int] | None:
    """``(x, y)`` of an element view or vertex, when both are integers in range."""
    if not isinstance(entry, dict):
        return None
    x, y = entry.get("x"), entry.get("y")
    if not all(isinstance(v, int) and not isinstance(v, bool) and abs(v) <= _MAX_COORDINATE for v in (x, y)):
        return None
    return x, y


def read_json_workspace(project: Project, path: Path, workspace: m.Workspace, register: Register,
                        findings: list[Finding]) -> bool:
    """Read a JSON workspace into ``workspace``; False (and a finding) when it cannot be read."""
    rel = project.rel(path)
    text = read_text(project, path, findings)
    if text is None:
        return False
    if rel not in workspace.sources:
        workspace.sources.append(rel)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        line = getattr(exc, "lineno", 1)
        findings.append(INVALID_JSON_WORKSPACE.at(f"not valid JSON: {getattr(exc, 'msg', exc)}", rel, line))
        return False
    if not isinstance(data, dict):
        findings.append(INVALID_JSON_WORKSPACE.at("a JSON workspace is an object", rel, 1))
        return False
    reader = _Reader(workspace, register, rel, findings)
    workspace.name = workspace.name or str(data.get("name") or "")
    workspace.description = workspace.description or str(data.get("description") or "")
    items = reader.model(data.get("model") or {})
    reader.relationships_of(items)
    reader.views(data.get("views"))
    return True
