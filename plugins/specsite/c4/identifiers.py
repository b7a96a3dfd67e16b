"""The identifier register: DSL identifiers (case-insensitive, flat or hierarchical) to elements."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core import markdown
from .model import Element, Relationship


def slug(text: str) -> str:
    """A lower-case, dash-separated form of a name, for identifiers the DSL did not give."""
    return markdown.slug(text, "element")


@dataclass
class Register:
    """Elements and relationships by identifier; lookups ignore case, as Structurizr's do.

    Only identifiers written in the DSL resolve; identifiers made up for unnamed elements are
    reserved (so they stay unique) but a written identifier always wins: the unnamed element it
    would collide with is given another one (see :meth:`claim`).
    """

    hierarchical: bool = False
    elements: dict[str, Element] = field(default_factory=dict)
    relationships: dict[str, Relationship] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    #: (parent, environment, kind, lower-case name) -> the element first given that name
    names: dict[tuple, Element] = field(default_factory=dict)
    #: made-up identifiers (lower case) -> the unnamed element that has it
    generated: dict[str, Element] = field(default_factory=dict)
    #: deployment environment identifiers (lower case) -> the environment's name
    environment_ids: dict[str, str] = field(default_factory=dict)
    #: group identifiers (lower case) -> (parent element or None, environment, group path)
    groups: dict[str, tuple[Element | None, str | None, str]] = field(default_factory=dict)
    #: (deployment node, deployed element) -> instances so far, for instance numbers
    instance_counts: dict[tuple[int, int], int] = field(default_factory=dict)
    #: per lower-case base, the suffix :meth:`unique` tries next (those below it are taken)
    next_suffix: dict[str, int] = field(default_factory=dict)

    def claim(self, identifier: str) -> bool:
        """Reserve a written identifier; False when an element or relationship already has it.

        An unnamed element holding it as its made-up identifier gives it up and takes another.
        """
        key = identifier.lower()
        holder = self.generated.pop(key, None)
        if holder is not None:
            holder.id = self.unique(holder.id)
            self.generated[holder.id.lower()] = holder
            return True
        if key in self.taken:
            return False
        self.taken.add(key)
        return True

    def unique(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``... whichever is free; reserved on return."""
        candidate = base
        # taken identifiers are never freed, so a search resumes where the last one for this
        # base stopped: 10,000 elements of one name cost 10,000 steps, not 50 million
        n = self.next_suffix.get(base.lower(), 2)
        while candidate.lower() in self.taken:
            candidate = f"{base}-{n}"
            n += 1
        self.next_suffix[base.lower()] = n
        self.taken.add(candidate.lower())
        return candidate

    def add_element(self, element: Element) -> None:
        """Make ``element`` findable by its identifier (unnamed elements are only reserved)."""
        if element.named:
            self.elements[element.id.lower()] = element
        else:
            self.generated[element.id.lower()] = element

    def element(self, name: str, context: Element | None = None, types: tuple[str, ...] | None = None,
                environment_id: str = "") -> Element | None:
        """The element with identifier ``name``.

        Hierarchical identifiers are tried relative to ``context`` and its ancestors, then to the
        deployment environment ``environment_id``, then as written. With ``types``, the first
        candidate of one of those types wins (a ``softwareSystemInstance ss`` inside a deployment
        node ``ss`` finds the software system); without one of them, the first candidate.
        """
        key = name.lower()
        candidates: list[str] = []
        if self.hierarchical:
            node: Element | None = context
            while node is not None:
                if node.named:
                    candidates.append(f"{node.id.lower()}.{key}")
                node = node.parent
            if environment_id:
                candidates.append(f"{environment_id.lower()}.{key}")
        candidates.append(key)
        first: Element | None = None
        for candidate in candidates:
            found = self.elements.get(candidate)
            if found is None:
                continue
            if types is None or found.type in types:
                return found
            first = first or found
        return first

    def relationship(self, name: str) -> Relationship | None:
        """The relationship with identifier ``name``."""
        return self.relationships.get(name.lower())

    def environment(self, name: str) -> str | None:
        """The name of the deployment environment with identifier ``name``."""
        return self.environment_ids.get(name.lower())
