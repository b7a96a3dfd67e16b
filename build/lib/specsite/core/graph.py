"""The spec graph: every entity by ID, with forward links and computed backlinks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator

from .entities import Entity, Link


@dataclass(frozen=True)
class Backlink:
    """``source`` links to the entity with ``rel`` (as stated in the source)."""

    source: Entity
    link: Link


class SpecGraph:
    """Entities of all kinds, addressable by ID; iteration is sorted by ID, so output is stable."""

    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        self._by_id: dict[str, Entity] = {}
        self._sorted: list[Entity] | None = None
        self._backlinks: dict[str, list[Backlink]] | None = None
        for entity in entities:
            self.add(entity)

    def add(self, entity: Entity) -> bool:
        """Add an entity; returns False (and keeps the first) when the ID is already taken."""
        if entity.id in self._by_id:
            return False
        self._by_id[entity.id] = entity
        self._sorted = self._backlinks = None
        return True

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self._by_id

    def __iter__(self) -> Iterator[Entity]:
        if self._sorted is None:  # pages iterate the graph many times per build: sort once
            self._sorted = [self._by_id[k] for k in sorted(self._by_id)]
        return iter(self._sorted)

    def __len__(self) -> int:
        return len(self._by_id)

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self if e.kind == kind]

    def backlinks(self, entity_id: str) -> list[Backlink]:
        """Every link in the graph that points at ``entity_id``, sorted by source ID."""
        if self._backlinks is None:
            index: dict[str, list[Backlink]] = defaultdict(list)
            for entity in self:
                for link in entity.links:
                    index[link.target].append(Backlink(entity, link))
            self._backlinks = {
                k: sorted(v, key=lambda b: (b.source.id, b.link.rel)) for k, v in index.items()
            }
        return self._backlinks.get(entity_id, [])

    def referrers(self, entity_id: str) -> list[Entity]:
        """Distinct entities linking to ``entity_id`` (children of it excluded), sorted by ID."""
        seen: dict[str, Entity] = {}
        for b in self.backlinks(entity_id):
            if b.source.id != entity_id and b.source.parent != entity_id:
                seen.setdefault(b.source.id, b.source)
        return [seen[k] for k in sorted(seen)]
