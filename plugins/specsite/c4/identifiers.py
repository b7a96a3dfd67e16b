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
    """Elements and relationships by identifier; lookups ignore case, as Structurizr's do."""

    hierarchical: bool = False
    elements: dict[str, Element] = field(default_factory=dict)
    relationships: dict[str, Relationship] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    #: (parent, environment, kind, lower-case name) -> the element first given that name
    names: dict[tuple, Element] = field(default_factory=dict)
    #: per lower-case base, the suffix :meth:`unique` tries next (those below it are taken)
    next_suffix: dict[str, int] = field(default_factory=dict)

    def claim(self, identifier: str) -> bool:
        """Reserve an identifier; False when an element or relationship already has it."""
        key = identifier.lower()
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
        self.elements[element.id.lower()] = element

    def element(self, name: str, context: Element | None = None) -> Element | None:
        """The element named ``name``, trying names relative to ``context`` first (hierarchical)."""
        key = name.lower()
        if self.hierarchical and context is not None:
            node: Element | None = context
            while node is not None:
                found = self.elements.get(f"{node.id.lower()}.{key}")
                if found is not None:
                    return found
                node = node.parent
        return self.elements.get(key)

    def relationship(self, name: str) -> Relationship | None:
        return self.relationships.get(name.lower())
