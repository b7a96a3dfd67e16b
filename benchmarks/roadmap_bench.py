"""Benchmark: the roadmap view (plan, ROAD checks, page) on generated PRDs with dependencies
between PRDs and requirements, in-process, against the whole pipeline's time.

    .venv/bin/python benchmarks/roadmap_bench.py [--count 1000] [--requirements 10] [--repeat 3]

Prints wall-clock seconds (best of --repeat) of load_specs, of the roadmap's checks and of its
page, and the page's size.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from specsite.core.config import SpecsiteConfig
from specsite.core.kind import SiteContext
from specsite.core.pipeline import load_specs
from specsite.core.project import Project
from specsite.roadmap.view import ROADMAP_VIEW


def make_prds(root: Path, count: int, requirements: int) -> None:
    folder = root / "prds"
    folder.mkdir(parents=True)
    for n in range(1, count + 1):
        quarter = f"{2027 + n % 5}-Q{n % 4 + 1}"
        deps = f"depends_on: [PRD-{n - 1:04d}]\n" if n > 1 and n % 3 == 0 else ""
        reqs = "".join(
            f"  - id: R{r}\n    text: Requirement {r} of {n}.\n    priority: should\n"
            + (f"    depends_on: [PRD-{n - 2:04d}.R{r}]\n" if n > 2 and r % 4 == 0 else "")
            for r in range(1, requirements + 1))
        (folder / f"{n:04d}-p.md").write_text(
            f"---\nid: PRD-{n:04d}\ntitle: Product {n}\nstatus: draft\nowner: owner{n % 7}\n"
            f"release: {quarter}\n{deps}milestones:\n  - {{name: Beta, date: {quarter}}}\n"
            f"requirements:\n{reqs}---\n# Product {n}\n", encoding="utf-8")


def best(repeat: int, run) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--requirements", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_prds(root, args.count, args.requirements)
        config = SpecsiteConfig(prds=["prds"], roadmap={"lanes": "owner"})
        pipeline, specs = best(args.repeat, lambda: load_specs(Project(root), config))
        checks, findings = best(args.repeat, lambda: ROADMAP_VIEW.check(
            specs.project, specs.graph, specs.results, specs.config))
        pages, rendered = best(args.repeat, lambda: ROADMAP_VIEW.pages(
            specs.graph, specs.results, specs.config, SiteContext()))
        size = len(rendered[0].markdown.encode("utf-8"))
        print(f"{args.count} PRDs x {args.requirements} requirements")
        print(f"load_specs (whole pipeline): {pipeline:.2f} s")
        print(f"roadmap checks: {checks:.3f} s ({len(findings)} findings)")
        print(f"roadmap page: {pages:.3f} s, {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
