"""Read, check and render a generated portfolio of PRDs (default 200 PRDs, 15 requirements each);
print figures. PRD-0002.NFR2 asks for at most 3 s for 200 PRDs with 3,000 requirements.

Run: .venv/bin/python benchmarks/prd_bench.py [--prds N] [--requirements N] [--repeat N] [--prioritised]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from specsite.adr.kind import ADR_KIND
from specsite.core.config import SpecsiteConfig
from specsite.core.kind import SiteContext
from specsite.core.pipeline import load_specs
from specsite.core.project import Project
from specsite.prd.kind import PRD_KIND

PRIORITIES = ("must", "should", "could", "should", "could")


def make_project(root: Path, prds: int, requirements: int, prioritised: bool = False) -> None:
    folder = root / "prds"
    folder.mkdir(parents=True)
    for n in range(1, prds + 1):
        lines = [
            "---", f"id: PRD-{n:04d}", f"title: Feature {n}", "status: approved", "owner: pm",
            f"release: 2027-Q{n % 4 + 1}", f"depends_on: [PRD-{max(1, n - 1):04d}]",
        ]
        if prioritised:  # personas and a user story per requirement
            lines += ["personas: [Shopper]", "user_stories:"]
            lines += [f"  - {{as: Shopper, want: goal {r}, so_that: benefit {r}, requirements: [R{r}]}}"
                      for r in range(1, requirements + 1)]
        lines += ["requirements:"]
        for r in range(1, requirements + 1):
            lines += [
                f"  - id: R{r}", f"    text: Requirement {r} of feature {n}, in one sentence.",
                f"    priority: {PRIORITIES[r % len(PRIORITIES)]}",
                f"    rice: {{reach: {1000 * r}, impact: 1, confidence: 0.8, effort: {r % 3 + 1}}}",
                "    acceptance:", "      - {given: a shopper, when: they act, then: it works}",
                f"    apis: [api{n}#op{r}]",
            ]
            if prioritised:
                lines += [f"    ice: {{impact: {r % 10 + 1}, confidence: 5, ease: {(r * 3) % 10 + 1}}}",
                          "    kano: performance"]
        lines += ["---", f"# Feature {n}", "", f"Builds on [[PRD-{max(1, n - 1):04d}.R1]].", ""]
        (folder / f"{n:04d}-feature-{n}.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prds", type=int, default=200)
    parser.add_argument("--requirements", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--prioritised", action="store_true",
                        help="add ICE, Kano, personas and a user story per requirement")
    args = parser.parse_args()

    import specsite.kinds

    specsite.kinds.KINDS[:] = [ADR_KIND, PRD_KIND]  # until the lead wires the PRD kind in
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_project(root, args.prds, args.requirements, args.prioritised)
        config = SpecsiteConfig(prds=["prds"], personas=["Shopper"])
        check, render = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            specs = load_specs(Project(root), config, None)
            check.append(time.perf_counter() - start)
            start = time.perf_counter()
            pages = specs.pages(SiteContext())
            render.append(time.perf_counter() - start)
        total = args.prds * args.requirements
        print(f"{args.prds} PRDs, {total} requirements, {len(specs.findings)} findings, "
              f"{len(pages)} pages")
        print(f"read + check: {min(check):.3f} s (best of {args.repeat})")
        print(f"render pages: {min(render):.3f} s (best of {args.repeat})")
        compare_front_matter_parsers(root / "prds", args.repeat)


def compare_front_matter_parsers(folder: Path, repeat: int) -> None:
    """specsite's libyaml reader against ruamel.yaml's round-trip loader (which keeps line
    numbers too) on the same front matter, same run (ADR-0011)."""
    from ruamel.yaml import YAML

    from specsite.core.yaml_reader import load_positioned

    sources = []
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        sources.append(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    timings = {}
    for name, load in (("specsite (libyaml)", load_positioned), ("ruamel round-trip", YAML(typ="rt").load)):
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            for source in sources:
                load(source)
            runs.append(time.perf_counter() - start)
        timings[name] = min(runs)
    ours, theirs = timings["specsite (libyaml)"], timings["ruamel round-trip"]
    print(f"front matter: {ours:.3f} s with libyaml, {theirs:.3f} s with ruamel's round-trip loader "
          f"({ours / theirs:.2f}x its time)")


if __name__ == "__main__":
    main()
