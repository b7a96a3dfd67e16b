"""Relationships the model gains without anyone writing them, as Structurizr derives them.

Implied relationships follow Structurizr's default strategy ("create implied relationships unless
any relationship exists", or "unless the same relationship exists" when chosen): a relationship between two elements implies one between each pair of
their ancestors, unless one is inside the other or the pair already has a relationship.
Deployed instances get copies of the relationships between what they deploy, within one
deployment environment and deployment group.
"""

from __future__ import annotations

from .identifiers import Register
from .model import INSTANCE_TYPES, STATIC_TYPES, Element, Relationship, Workspace


def relationship_id(register: Register, source: Element, destination: Element) -> str:
    """A stable identifier for a relationship the DSL did not name: ``source->destination``."""
    return register.unique(f"{source.id}->{destination.id}")


def create_implied(workspace: Workspace, register: Register, relationship: Relationship,
                   same_only: bool = False) -> None:
    """Add the relationships ``relationship`` implies between the ancestors of its two ends.

    ``same_only``: Structurizr's "unless the same relationship exists" strategy, where only a
    relationship with the same description stops an implied one.
    """
    if relationship.source.type not in STATIC_TYPES or relationship.destination.type not in STATIC_TYPES:
        return
    sources = [relationship.source, *relationship.source.ancestors()]
    destinations = [relationship.destination, *relationship.destination.ancestors()]
    for source in sources:
        for destination in destinations:
            if source is relationship.source and destination is relationship.destination:
                continue
            if not _allowed(source, destination):
                continue
            existing = workspace.between(source, destination)
            if same_only:
                existing = [r for r in existing if r.description == relationship.description]
            if existing:
                continue
            workspace.add_relationship(Relationship(
                id=relationship_id(register, source, destination),
                source=source, destination=destination, place=relationship.place,
                description=relationship.description, technology=relationship.technology,
                implied=True, linked=relationship))


def _allowed(source: Element, destination: Element) -> bool:
    """Not to itself, and not between an element and one of its ancestors."""
    if source is destination:
        return False
    return source not in destination.ancestors() and destination not in source.ancestors()


def replicate_instance_relationships(workspace: Workspace, register: Register,
                                     removed: set[tuple[int, int, int]] | None = None) -> None:
    """Copy relationships between deployed elements onto their instances (once per model).

    ``removed``: (source, destination, relationship) identities a ``-/>`` statement took out.
    """
    instances = [e for e in workspace.elements if e.type in INSTANCE_TYPES and e.instance_of]
    done = {(id(r.source), id(r.destination), id(r.linked))
            for r in workspace.relationships if r.linked is not None and not r.implied}
    for source in instances:
        for destination in instances:
            if source is destination or source.environment != destination.environment:
                continue
            if not _same_group(source, destination):
                continue
            for r in list(workspace.between(source.instance_of, destination.instance_of)):
                key = (id(source), id(destination), id(r))
                if key in done or (removed and key in removed):
                    continue
                done.add(key)
                workspace.add_relationship(Relationship(
                    id=relationship_id(register, source, destination),
                    source=source, destination=destination, place=r.place,
                    description=r.description, technology=r.technology,
                    tags=list(r.tags), linked=r))


def _same_group(a: Element, b: Element) -> bool:
    """Instances without deployment groups see all others; with them, they share one."""
    if not a.deployment_groups or not b.deployment_groups:
        return True
    return bool(set(a.deployment_groups) & set(b.deployment_groups))
