"""Personas of PRDs and user stories: who a persona is, and the findings when it is no one.

A persona is written as a C4 person's identifier (``shopper`` or ``c4:shopper``) or as a name
from the ``personas`` option (for people the C4 model does not have). Which it is is settled
while reading, from the option alone, so a C4 persona becomes a graph link (rel ``persona``) from
the PRD or story to the person: the person's page then lists the PRDs and stories that serve it.
Whether that person exists is checked once the graph is built (PRD017, PRD019).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..c4.model import PERSON
from ..core.config import SpecsiteConfig
from ..core.entities import Entity, Link
from ..core.findings import Finding
from ..core.graph import SpecGraph
from ..core.suggest import IdSuggester
from . import rules

#: the link from a PRD or story to the C4 person it serves
PERSONA = "persona"
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
#: people named in a PRD017 message when the model has only a few
_LISTED = 8


@dataclass(frozen=True)
class Persona:
    """A persona as written and what it names: a C4 element ID, a configured name, or nothing."""

    raw: str
    target: str | None = None
    name: str | None = None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class PersonaResolver:
    """Resolves written personas against the ``personas`` option (C4 people are links)."""

    def __init__(self, config: SpecsiteConfig) -> None:
        self.names = {_key(n): " ".join(n.split()) for n in config.personas if n.strip()}

    def resolve(self, raw: str) -> Persona:
        """``Ops team`` (in the option) -> that name; ``shopper`` / ``c4:shopper`` -> the C4
        element ``c4:shopper``; anything else (spaces, punctuation) -> unresolved."""
        text = raw.strip()
        if _key(text) in self.names:
            return Persona(raw, name=self.names[_key(text)])
        ident = text.removeprefix("c4:").strip()
        if _IDENTIFIER.match(ident):
            return Persona(raw, target=f"c4:{ident}")
        return Persona(raw)


def persona_link(persona: Persona, file: str, line: int, column: int | None) -> list[Link]:
    """The graph link a C4 persona makes (none for a configured name or an unresolved one)."""
    if persona.target is None:
        return []
    return [Link(PERSONA, persona.target, file, line, column, persona.raw)]


def is_person(entity: Entity | None) -> bool:
    """A C4 element of type Person."""
    return entity is not None and entity.kind == "c4" and entity.attrs.get("type") == PERSON


class PersonaChecks:
    """PRD017 and PRD019 over a graph, with suggestions bounded per run."""

    def __init__(self, graph: SpecGraph, config: SpecsiteConfig) -> None:
        self.graph = graph
        self.config = config
        c4 = graph.of_kind("c4")
        self.people = [e for e in c4 if is_person(e)]
        # a configured workspace that yielded no element did not parse: its own finding says so,
        # and a persona missing from it proves nothing
        self.model_missing = bool(config.c4) and not c4
        self.suggester = IdSuggester(e.id for e in self.people)
        self._known_text: str | None = None

    def check(self, persona: Persona, where: str, file: str, line: int, column: int | None,
              entity: str) -> list[Finding]:
        """The findings for one written persona (``where``: 'PRD-0001 persona', 'story 2')."""
        if persona.name is not None:
            return []
        if persona.target is not None:
            found = self.graph.get(persona.target)
            if is_person(found):
                return []
            if found is not None:
                # SoftwareSystem -> software system
                kind = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(found.attrs.get("type") or found.kind)).lower()
                return [rules.PERSONA_NOT_A_PERSON.at(
                    f"{where} '{persona.raw}' names {persona.target} ({found.title}), a "
                    f"{kind}, not a person: name a person of the C4 model{self._known()}",
                    file, line, column, entity)]
            if self.model_missing:
                return []
            hint = self.suggester.hint(persona.target)
            if not persona.raw.strip().startswith("c4:"):
                hint = hint.replace("c4:", "")  # suggest it the way it was written
        else:
            hint = ""
        return [rules.UNKNOWN_PERSONA.at(
            f"{where} '{persona.raw}' is not a person of the C4 model nor a name in the "
            f"`personas` option{hint}{self._known()}", file, line, column, entity)]

    def _known(self) -> str:
        # the same for every finding: made once, so many findings cost no more than one each
        if self._known_text is None:
            names = [e.id.removeprefix("c4:") for e in self.people[:_LISTED + 1]]
            names += sorted(self.config.personas)[:_LISTED + 1]
            if not names:
                self._known_text = " (the C4 model has no person and the `personas` option is empty)"
            else:
                shown = ", ".join(names[:_LISTED]) + (", …" if len(names) > _LISTED else "")
                self._known_text = f" (known: {shown})"
        return self._known_text
