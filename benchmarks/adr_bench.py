"""Benchmark: `specsite check` on a generated folder of ADRs, against `mkdocs build` of the same
decisions (with the plugin, and as plain pages without it), all measured in this run.

    .venv/bin/python benchmarks/adr_bench.py [--count 1000] [--repeat 3]

Prints wall-clock seconds (best of --repeat) and the ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def make_project(root: Path, count: int, with_plugin: bool) -> None:
    adrs = root / ("adrs" if with_plugin else "docs")
    adrs.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs/index.md").write_text("# Home\n\nStart at [[ADR-0001]].\n" if with_plugin else "# Home\n")
    for n in range(1, count + 1):
        links = ""
        if n > 1 and n % 10 == 0:
            links = f"\nSupersedes [{n - 1}. Decision {n - 1}]({n - 1:04d}-decision-{n - 1}.md)\n"
        status = "Accepted"
        if (n + 1) % 10 == 0:
            status = f"Superseded by [{n + 1}. Decision {n + 1}]({n + 1:04d}-decision-{n + 1}.md)"
        body = "\n".join(f"Paragraph {i} of the context for decision {n}, with some words." for i in range(8))
        (adrs / f"{n:04d}-decision-{n}.md").write_text(
            f"# {n}. Decision {n}\n\nDate: 2024-01-{(n % 28) + 1:02d}\n\n## Status\n\n{status}\n{links}\n"
            f"## Context\n\n{body}\n\nSee [[ADR-{max(1, n - 3):04d}]].\n\n## Decision\n\nWe do {n}.\n\n"
            f"## Consequences\n\nSome.\n")
    plugin = "  - specsite:\n      adrs: adrs\n" if with_plugin else ""
    (root / "mkdocs.yml").write_text(f"site_name: bench\ntheme: {{name: material}}\nplugins:\n  - search\n{plugin}")


def best(cmd: list[str], cwd: Path, repeat: int) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="specsite-adr-bench-"))
    try:
        with_plugin, plain = work / "plugin", work / "plain"
        make_project(with_plugin, args.count, True)
        make_project(plain, args.count, False)
        check = best([str(BIN / "specsite"), "check", "--format", "json", "--output", str(work / "r.json")],
                     with_plugin, args.repeat)
        build = best([str(BIN / "mkdocs"), "build", "-q"], with_plugin, args.repeat)
        plain_build = best([str(BIN / "mkdocs"), "build", "-q"], plain, args.repeat)
        print(f"ADRs: {args.count}, best of {args.repeat}, wall-clock seconds")
        print(f"  specsite check                     {check:8.2f}")
        print(f"  mkdocs build with specsite         {build:8.2f}")
        print(f"  mkdocs build, plain pages (no plugin) {plain_build:5.2f}")
        print(f"  check is {build / check:.1f}x faster than a site build with specsite")
        print(f"  the plugin adds {build / plain_build:.2f}x to a plain build of the same Markdown")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
