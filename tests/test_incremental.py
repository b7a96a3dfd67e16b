"""The pieces serve rebuilds rely on: recorded graph reads hold exactly while their answers do,
and relative links equal the standard library's."""

from __future__ import annotations

import posixpath
import random

from specsite.core.entities import Entity, Link
from specsite.core.graph import SpecGraph
from specsite.core.recorded_graph import RecordingGraph, still_true
from specsite.core.urls import _relpath


def _graph(title: str = "One", body: str = "text", extra: bool = False) -> SpecGraph:
    entities = [Entity("ADR-0001", "adr", title, page="decisions/ADR-0001.md", body=body),
                Entity("PRD-0001", "prd", "P", links=[Link("relies-on", "ADR-0001")])]
    if extra:
        entities.append(Entity("PRD-0002", "prd", "Q", links=[Link("relies-on", "ADR-0001")]))
    return SpecGraph(entities)


def test_reads_hold_while_what_was_read_is_unchanged():
    recording = RecordingGraph(_graph())
    entity = recording.get("ADR-0001")
    assert (entity.title, entity.page) == ("One", "decisions/ADR-0001.md")
    assert recording.get("ADR-9999") is None
    # what was not read may change; what was read may not
    assert still_true(recording.reads, _graph(body="other text"))
    assert not still_true(recording.reads, _graph(title="Two"))


def test_backlinks_and_whole_entities_are_read_as_a_whole():
    recording = RecordingGraph(_graph())
    [back] = recording.backlinks("ADR-0001")
    assert back.source.id == "PRD-0001"
    assert still_true(recording.reads, _graph(body="other"))
    assert not still_true(recording.reads, _graph(extra=True))  # a new backlink
    whole = RecordingGraph(_graph())
    whole.get("ADR-0001").to_dict()  # a method reads all of it
    assert not still_true(whole.reads, _graph(body="other"))


def test_an_unknown_graph_method_is_never_reused():
    graph = _graph()
    graph.extra = lambda: 1  # type: ignore[attr-defined]  # as a method added later
    recording = RecordingGraph(graph)
    assert recording.extra() == 1
    assert not still_true(recording.reads, graph)


def test_relative_paths_equal_posixpath_relpath():
    rng = random.Random(7)
    parts = ["a", "b", "index.md", "x.md", ".", "d e"]
    for _ in range(20000):
        path = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 5)))
        start = "/".join(rng.choice(parts) for _ in range(rng.randint(0, 4))) or "."
        assert _relpath(path, start) == posixpath.relpath(path, start), (path, start)
