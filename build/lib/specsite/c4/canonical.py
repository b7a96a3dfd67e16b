"""Structurizr canonical names (``"SoftwareSystem://S"``, ``"DeploymentNode://Live/N"``) for ``!element``."""

from __future__ import annotations

from . import model as m

_PREFIX = {
    m.PERSON: "Person://", m.SOFTWARE_SYSTEM: "SoftwareSystem://", m.CONTAINER: "Container://",
    m.COMPONENT: "Component://", m.CUSTOM: "Custom://", m.DEPLOYMENT_NODE: "DeploymentNode://",
    m.INFRASTRUCTURE_NODE: "InfrastructureNode://",
    m.SOFTWARE_SYSTEM_INSTANCE: "SoftwareSystemInstance://", m.CONTAINER_INSTANCE: "ContainerInstance://",
}


def _name(text: str) -> str:
    # Structurizr drops its two separators from names
    return text.replace(".", "").replace("/", "")


def _static_path(element: m.Element) -> str:
    chain = [element, *element.ancestors()]
    return ".".join(_name(e.name) for e in reversed(chain))


def _node_path(node: m.Element) -> str:
    chain = [node, *node.ancestors()]
    return "/".join([_name(node.environment or ""), *(_name(e.name) for e in reversed(chain))])


def canonical_name(element: m.Element) -> str:
    """The canonical name Structurizr gives ``element``."""
    prefix = _PREFIX[element.type]
    if element.type in m.STATIC_TYPES:
        return prefix + _static_path(element)
    if element.type == m.DEPLOYMENT_NODE:
        return prefix + _node_path(element)
    parent = _node_path(element.parent) if element.parent is not None else _name(element.environment or "")
    if element.type == m.INFRASTRUCTURE_NODE:
        return f"{prefix}{parent}/{_name(element.name)}"
    deployed = _static_path(element.instance_of) if element.instance_of is not None else _name(element.name)
    return f"{prefix}{parent}/{deployed}[{element.instance_number}]"


def find_by_canonical_name(workspace: m.Workspace, name: str) -> m.Element | None:
    """The element whose canonical name is ``name`` (one pass over the model)."""
    return next((e for e in workspace.elements if canonical_name(e) == name), None)
