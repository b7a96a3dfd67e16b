"""Archetypes: user-defined element and relationship types with defaults, as Structurizr has them.

``application = container { technology "Java" }`` makes ``application`` a keyword creating
containers; an archetype may extend another of its type (``springBootApplication = application``)
and one named after a built-in keyword (``container { ... }``) gives every element made with that
keyword its defaults. Relationship archetypes (``https = -> { ... }``) are used as ``--https->``;
one written as ``-> { ... }`` is the default for every ``->``. Extending copies the parent's
metadata, description, technology and tags (not properties or perspectives), as Structurizr does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import model as m
from .lexer import Line

if TYPE_CHECKING:
    from .parser import DslParser, Stream

#: element keywords an archetype can be based on (``group`` makes groups)
ELEMENT_BASES = ("person", "softwaresystem", "container", "component", "deploymentnode",
                 "infrastructurenode", "element", "group")
RELATIONSHIP = "->"


@dataclass
class Archetype:
    """Defaults for elements (or relationships) made with one keyword."""

    name: str
    #: the built-in keyword it makes (lower case), or ``->`` for relationships
    base: str
    metadata: str = ""
    description: str = ""
    technology: str = ""
    tags: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    perspectives: dict[str, str] = field(default_factory=dict)

    def extend(self, parent: "Archetype") -> None:
        """Take over what Structurizr copies from the archetype this one extends."""
        self.metadata, self.description, self.technology = parent.metadata, parent.description, parent.technology
        self.tags = list(parent.tags)

    def apply(self, item: m.Element | m.Relationship) -> None:
        """Give a new element or relationship the defaults (its own arguments come after)."""
        if self.description:
            item.description = self.description
        if self.technology and (isinstance(item, m.Relationship) or item.type in _TECHNOLOGY_TYPES):
            item.technology = self.technology
        if self.metadata and isinstance(item, m.Element) and item.type == m.CUSTOM:
            item.metadata = self.metadata
        item.add_tags(*self.tags)
        item.properties.update(self.properties)
        item.perspectives.update(self.perspectives)


_TECHNOLOGY_TYPES = (m.CONTAINER, m.COMPONENT, m.DEPLOYMENT_NODE, m.INFRASTRUCTURE_NODE)


@dataclass
class Archetypes:
    """The archetypes defined so far, by base keyword and lower-case name."""

    by_base: dict[str, dict[str, Archetype]] = field(default_factory=dict)

    def element(self, word: str) -> Archetype | None:
        """The element archetype a keyword names (a built-in keyword finds its default archetype)."""
        word = word.lower()
        for base, named in self.by_base.items():
            if base != RELATIONSHIP and word in named:
                return named[word]
        return None

    def base_of(self, word: str) -> str | None:
        """The built-in keyword behind ``word`` (itself, an archetype's base, or None)."""
        word = word.lower()
        if word in ELEMENT_BASES:
            return word
        found = self.element(word)
        return found.base if found else None

    def relationship(self, arrow: str) -> Archetype | None:
        """The archetype of ``->`` (the default one) or ``--name->``; None when there is none."""
        name = arrow[2:-2] if arrow.startswith("--") and arrow.endswith("->") and len(arrow) > 4 else arrow
        return self.by_base.get(RELATIONSHIP, {}).get(name.lower())

    def add(self, archetype: Archetype) -> None:
        self.by_base.setdefault(archetype.base, {})[archetype.name.lower()] = archetype


def is_arrow(text: str) -> bool:
    """``->`` or a relationship archetype arrow ``--name->``."""
    return text == RELATIONSHIP or (text.startswith("--") and text.endswith("->") and len(text) > 4)


def archetypes_block(p: "DslParser", stream: "Stream", opener: Line) -> None:
    """``archetypes { name = base [{ defaults }] ... }``."""
    for line in p.block_lines(stream, opener, "archetypes"):
        tokens = line.tokens
        name_token = None
        if len(tokens) >= 3 and tokens[1].text == "=" and not tokens[0].quoted:
            name_token, tokens = tokens[0], tokens[2:]
        word = tokens[0].text
        if is_arrow(word):
            parent = p.archetypes.relationship(word) if word != RELATIONSHIP else None
            if word != RELATIONSHIP and parent is None:
                p.error(f"unknown relationship archetype '{word}'", line, tokens[0])
                if line.opens_block:
                    p.skip_block(stream)
                continue
            archetype = Archetype(name_token.text if name_token else RELATIONSHIP, RELATIONSHIP)
            inherited = parent or p.archetypes.relationship(RELATIONSHIP)
        else:
            base = p.archetypes.base_of(word)
            if base is None or tokens[0].quoted:
                p.error(f"unexpected '{word}' in archetypes; expected a name = an element keyword "
                        f"(person, softwareSystem, container, component, deploymentNode, "
                        f"infrastructureNode, element, group), an archetype, '->' or '--name->'",
                        line, tokens[0])
                if line.opens_block:
                    p.skip_block(stream)
                continue
            archetype = Archetype(name_token.text if name_token else word.lower(), base)
            inherited = p.archetypes.element(word)
        extra = [t for t in tokens[1:] if not (t.text == "{" and not t.quoted)]
        if extra:
            p.error(f"unexpected '{extra[0].text}': an archetype takes its defaults in a block", line, extra[0])
        if inherited is not None:
            archetype.extend(inherited)
        p.archetypes.add(archetype)
        if line.opens_block:
            _defaults(p, stream, line, archetype)


def _defaults(p: "DslParser", stream: "Stream", opener: Line, archetype: Archetype) -> None:
    from .model_statements import key_value_block

    for line in p.block_lines(stream, opener, "archetype"):
        word = line.tokens[0].text.lower()
        args = p.args(line, 1)
        if word in ("properties", "perspectives") and line.opens_block:
            key_value_block(p, stream, line, getattr(archetype, word), word)
        elif word in ("tag", "tags") and args:
            archetype.tags.extend(t.strip() for a in args for t in a.split(",")
                                  if t.strip() and t.strip() not in archetype.tags)
        elif word in ("description", "technology", "metadata") and len(args) == 1:
            setattr(archetype, word, args[0])
        else:
            p.unexpected(stream, line, "an archetype", "'description', 'technology', 'metadata', 'tag', "
                         "'tags', 'properties' or 'perspectives' with one value")
