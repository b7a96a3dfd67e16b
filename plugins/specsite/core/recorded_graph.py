"""A view of the spec graph that writes down everything read through it, so pages made from it can
be reused while those reads give the same answers (see :mod:`.incremental`).

A kind renders its pages from its own read result and from the graph. Through a
:class:`RecordingGraph` every question asked of the graph (an entity by ID, the backlinks of one,
the entities of a kind, the whole listing) and every field read of an entity it hands out
(``title``, ``page``, ``links``...) is kept with its answer. :func:`still_true` asks the same
questions of another graph: when every answer is equal, pages made from the first graph are what
the second would make. Answers are compared, never hashed; a method called on an entity (``to_dict``)
counts as reading all of it.

Entities are never changed once read (readers build them, checks and pages only read, and
:mod:`.file_memo` hands an unchanged file's very entities to the next build), so an entity that
is still the very same object in the other graph gives every field read of it the same answer:
:func:`still_true` checks those with one identity test per entity instead of one per field (a PRD
page reads hundreds of fields of a few dozen entities).
"""

from __future__ import annotations

from typing import Any, Iterator

from .entities import Entity
from .graph import Backlink, SpecGraph

#: a question asked of the graph or of an entity, and its answer
Reads = dict[tuple, Any]
_WHOLE = "*"
_OBJECT = "object"

#: the answer to a question about an entity that is gone, and the one a recorded unknown question
#: had: equal to nothing else, and the two unequal to each other
_MISSING, _UNKNOWN = object(), object()


class EntityView:
    """An entity whose every field read is written down (reads as the entity it wraps)."""

    __slots__ = ("_entity", "_reads")

    def __init__(self, entity: Entity, reads: Reads) -> None:
        object.__setattr__(self, "_entity", entity)
        object.__setattr__(self, "_reads", reads)

    def __getattr__(self, name: str) -> Any:
        entity = self._entity
        value = getattr(entity, name)
        if callable(value):
            self._reads[("field", entity.id, _WHOLE)] = _whole(entity)
        else:
            self._reads[("field", entity.id, name)] = value
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("entities are read-only while pages are made")

    def __eq__(self, other: object) -> bool:
        target = other._entity if isinstance(other, EntityView) else other
        self._reads[("field", self._entity.id, _WHOLE)] = _whole(self._entity)
        return self._entity == target

    __hash__ = None  # type: ignore[assignment]  # as the dataclass it wraps

    def __repr__(self) -> str:
        self._reads[("field", self._entity.id, _WHOLE)] = _whole(self._entity)
        return repr(self._entity)


def _whole(entity: Entity) -> tuple:
    return (entity.to_dict(), entity.body, entity.body_line, entity.anchor)


class RecordingGraph:
    """The graph's read API over ``graph``, writing every question and answer into ``reads``."""

    def __init__(self, graph: SpecGraph, reads: Reads | None = None) -> None:
        self._graph = graph
        self.reads: Reads = {} if reads is None else reads

    def __getattr__(self, name: str) -> Any:
        # a question this view does not know (a method added to SpecGraph later) is answered by
        # the graph, and what was made from it is never reused
        self.reads[("unknown", name)] = _MISSING
        return getattr(self._graph, name)

    def _view(self, entity: Entity | None) -> Any:
        if entity is None:
            return None
        # not a question: lets still_true answer this entity's field reads by identity
        self.reads[(_OBJECT, entity.id)] = entity
        return EntityView(entity, self.reads)

    def get(self, entity_id: str) -> Any:
        """The entity with this ID (a recording view of it), or ``None``."""
        entity = self._graph.get(entity_id)
        self.reads[("get", entity_id)] = entity is not None
        return self._view(entity)

    def __contains__(self, entity_id: str) -> bool:
        found = entity_id in self._graph
        self.reads[("get", entity_id)] = found
        return found

    def __iter__(self) -> Iterator[Any]:
        entities = list(self._graph)
        self.reads[("ids",)] = [e.id for e in entities]
        return iter([self._view(e) for e in entities])

    def __len__(self) -> int:
        self.reads[("len",)] = len(self._graph)
        return len(self._graph)

    def of_kind(self, kind: str) -> list[Any]:
        """The entities of one kind, sorted by ID."""
        entities = self._graph.of_kind(kind)
        self.reads[("of_kind", kind)] = [e.id for e in entities]
        return [self._view(e) for e in entities]

    def backlinks(self, entity_id: str) -> list[Backlink]:
        """Every link pointing at ``entity_id`` (sources as recording views)."""
        found = self._graph.backlinks(entity_id)
        self.reads[("backlinks", entity_id)] = [(b.source.id, b.link) for b in found]
        return [Backlink(self._view(b.source), b.link) for b in found]

    def referrers(self, entity_id: str) -> list[Any]:
        """Distinct entities linking to ``entity_id`` (children excluded), sorted by ID."""
        found = self._graph.referrers(entity_id)
        self.reads[("referrers", entity_id)] = [e.id for e in found]
        return [self._view(e) for e in found]


def answer(graph: SpecGraph, question: tuple) -> Any:
    """What ``graph`` answers to one question a :class:`RecordingGraph` wrote down."""
    what = question[0]
    if what == "get":
        return question[1] in graph
    if what == "field":
        entity = graph.get(question[1])
        if entity is None:
            return _MISSING
        return _whole(entity) if question[2] == _WHOLE else getattr(entity, question[2])
    if what == "ids":
        return [e.id for e in graph]
    if what == "len":
        return len(graph)
    if what == "of_kind":
        return [e.id for e in graph.of_kind(question[1])]
    if what == "backlinks":
        return [(b.source.id, b.link) for b in graph.backlinks(question[1])]
    if what == "referrers":
        return [e.id for e in graph.referrers(question[1])]
    if what == _OBJECT:
        return graph.get(question[1])
    return _UNKNOWN


def still_true(reads: Reads, graph: SpecGraph) -> bool:
    """Whether ``graph`` gives every answer in ``reads`` (then what was made from them stands)."""
    # entities that are the very objects the reads were made from: their fields read the same
    same = {question[1] for question, value in reads.items()
            if question[0] == _OBJECT and graph.get(question[1]) is value}
    for question, value in reads.items():
        what = question[0]
        if what == _OBJECT or (what == "field" and question[1] in same):
            continue
        if answer(graph, question) != value:
            return False
    return True
