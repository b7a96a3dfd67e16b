"""Dependency cycles among PRDs and requirements, found in linear time (Tarjan's strongly
connected components, iterative, so a chain of ten thousand requirements needs no deep stack).

What "X depends on Y" means here: X cannot be done before Y is. A PRD is done when all its
requirements are, and a PRD's own ``depends_on`` holds for each of its requirements. So the graph
has, besides each stated ``depends_on`` link, an edge from every PRD to each of its requirements
and from each requirement to its PRD's *start* (a node standing for "what the PRD needs first"),
which has the PRD's own ``depends_on`` links. A requirement depending on a sibling is no cycle;
PRD A needing PRD B while a requirement of B needs a requirement of A is one.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from ..core.entities import Link
from ..core.graph import SpecGraph

_START = "start:"


@dataclass(frozen=True)
class Cycle:
    """One cycle: the entity IDs in order (first and last the same), and the stated link it is
    reported at (the first, by file, line and column, of the cycle's component)."""

    path: list[str]
    link: Link
    source: str


def find_cycles(graph: SpecGraph) -> list[Cycle]:
    """One cycle per strongly connected component of the dependency graph that has one, sorted by
    where it is reported."""
    edges, stated = _edges(graph)
    cycles = []
    for component in _components(edges):
        members = set(component)
        links = [(l, s) for s in component for l, t in stated.get(s, []) if t in members]
        if not links:
            continue  # only structural edges (PRD -> requirement -> start): no stated cycle
        if len(component) == 1 and not any(t == component[0] for _, t in stated.get(component[0], [])):
            continue
        link, source = min(links, key=lambda p: (p[0].file or "", p[0].line or 0, p[0].column or 0,
                                                p[1], p[0].target))
        path = [source, *_path(edges, link.target, source, members)]
        cycles.append(Cycle(_shown(path), link, source))
    return sorted(cycles, key=lambda c: (c.link.file or "", c.link.line or 0, c.link.column or 0))


def _edges(graph: SpecGraph) -> tuple[dict[str, list[str]], dict[str, list[tuple[Link, str]]]]:
    """Adjacency (sorted, for a stable result) and the stated links of each node."""
    edges: dict[str, list[str]] = {}
    stated: dict[str, list[tuple[Link, str]]] = {}

    def add(a: str, b: str) -> None:
        edges.setdefault(a, []).append(b)
        edges.setdefault(b, [])

    for entity in graph:
        if entity.kind == "prd":
            add(entity.id, _START + entity.id)
        elif entity.kind == "requirement" and entity.parent:
            add(entity.parent, entity.id)
            add(entity.id, _START + entity.parent)
        else:
            continue
        origin = _START + entity.id if entity.kind == "prd" else entity.id
        for link in entity.links:
            target = graph.get(link.target) if link.rel == "depends-on" else None
            if target is None or target.kind not in ("prd", "requirement"):
                continue
            add(origin, target.id)
            stated.setdefault(origin, []).append((link, target.id))
    return edges, stated


def _components(edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = edges[node]
            recurse = False
            while i < len(successors):
                nxt = successors[i]
                i += 1
                if nxt not in index:
                    work.append((node, i))
                    work.append((nxt, 0))
                    recurse = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if recurse:
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                out.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return out


def _path(edges: dict[str, list[str]], start: str, goal: str, members: set[str]) -> list[str]:
    """The shortest path from ``start`` to ``goal`` inside one component (breadth first)."""
    before: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            break
        for nxt in edges[node]:
            if nxt in members and nxt not in before:
                before[nxt] = node
                queue.append(nxt)
    path: list[str] = []
    node: str | None = goal
    while node is not None:
        path.append(node)
        node = before.get(node)
    return path[::-1]


def _shown(path: list[str]) -> list[str]:
    """Entity IDs only: a PRD's start node reads as the PRD; repeats in a row collapse."""
    out: list[str] = []
    for node in path:
        name = node.removeprefix(_START)
        if not out or out[-1] != name:
            out.append(name)
    return out if len(out) > 1 else out * 2  # a self-dependency reads X → X
