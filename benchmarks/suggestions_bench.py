"""Benchmark: "did you mean" on unknown references in a large graph (the cost of
:class:`specsite.core.suggest.IdSuggester` inside the reference check).

    .venv/bin/python benchmarks/suggestions_bench.py [--ids 10000] [--unknown 1000]

Prints seconds for the reference check of a graph of --ids entities with --unknown broken
references, with and without suggestions, best of three.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from specsite.core import pipeline  # noqa: E402
from specsite.core.entities import Entity, Link  # noqa: E402
from specsite.core.graph import SpecGraph  # noqa: E402


def graph(ids: int, unknown: int) -> SpecGraph:
    g = SpecGraph()
    third = ids // 3
    for n in range(third):
        g.add(Entity(f"ADR-{n:05d}", "adr", f"Decision {n}", file=f"adrs/{n}.md", line=1))
        g.add(Entity(f"c4:system.container{n}", "c4", f"Container {n}", file="w.dsl", line=n + 1))
        g.add(Entity(f"api:shop#operation{n}", "operation", f"Op {n}", file="a.yaml", line=n + 1))
    page = Entity("page:index.md", "page", "Home", file="docs/index.md", line=1, links=[
        Link("references", target, "docs/index.md", i + 1, 1)
        for i, target in enumerate(
            [f"c4:system.containr{n}" for n in range(unknown // 2)] +
            [f"api:shop#operatoin{n}" for n in range(unknown - unknown // 2)])])
    g.add(page)
    return g


def best(fn) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--ids", type=int, default=10000)
    args.add_argument("--unknown", type=int, default=1000)
    opts = args.parse_args()
    g = graph(opts.ids, opts.unknown)
    with_hints = best(lambda: pipeline.check_references(g))
    found = pipeline.check_references(g)
    hinted = sum("did you mean" in f.message for f in found)
    original = pipeline.IdSuggester.hint
    pipeline.IdSuggester.hint = lambda self, unknown: ""  # type: ignore[method-assign]
    without = best(lambda: pipeline.check_references(g))
    pipeline.IdSuggester.hint = original  # type: ignore[method-assign]
    print(f"{len(g)} entities, {len(found)} unknown references, {hinted} with a suggestion")
    print(f"reference check with suggestions:    {with_hints:.3f} s")
    print(f"reference check without suggestions: {without:.3f} s")


if __name__ == "__main__":
    main()
