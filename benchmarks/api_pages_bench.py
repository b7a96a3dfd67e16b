"""Build a Material site of each large OpenAPI description and print its build time and page weight.

Each build is a fresh ``mkdocs build`` process (search on, as users build), so the figures include
start-up. Compare two versions of the code in one run by giving each one's ``plugins`` folder:

    .venv/bin/python benchmarks/api_pages_bench.py                           # this checkout
    .venv/bin/python benchmarks/api_pages_bench.py --plugins /tmp/old/plugins --plugins plugins

Prints, per file and code version: build seconds, wall and CPU (best of ``--repeat``; compare
CPU on a busy machine), the biggest generated API page (bytes of HTML) and the total bytes of the
API pages, with ratios against the first version.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "openapi" / "large"
MKDOCS = Path(sys.executable).parent / "mkdocs"


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def build(file: Path, plugins: Path, repeat: int) -> tuple[float, float, int, str, int]:
    """Wall and CPU seconds (best of ``repeat``), biggest API page bytes and path, total API
    page bytes. CPU time (the build's user + system) is what to compare on a busy machine."""
    best = best_cpu = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "apis").mkdir()
        shutil.copy(file, root / "apis" / file.name)
        (root / "docs").mkdir()
        (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
        (root / "mkdocs.yml").write_text(
            "site_name: Bench\ntheme: {name: material, font: false}\nplugins:\n  - search\n"
            "  - specsite:\n      openapi: apis\n      rules: {OAS026: off, OAS002: warning}\n", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(plugins.resolve()), "NO_MKDOCS_2_WARNING": "1"}
        for _ in range(repeat):
            shutil.rmtree(root / "site", ignore_errors=True)
            start, cpu = time.perf_counter(), _cpu()
            done = subprocess.run([str(MKDOCS), "build", "-q"], cwd=root, env=env,
                                  capture_output=True, text=True)
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, _cpu() - cpu)
            if done.returncode != 0:
                print(done.stderr[-2000:], file=sys.stderr)
                raise SystemExit(f"build of {file.name} failed")
        sizes = {p: p.stat().st_size for p in (root / "site" / "api").rglob("*.html")}
        biggest = max(sizes, key=lambda p: sizes[p])
        return best, best_cpu, sizes[biggest], biggest.relative_to(root / "site").as_posix(), \
            sum(sizes.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--plugins", action="append", type=Path, help="a plugins folder (repeatable)")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    files = args.files or sorted(CORPUS.glob("*.yaml"))
    versions = args.plugins or [REPO / "plugins"]
    for file in files:
        base = None
        for plugins in versions:
            seconds, cpu, biggest, where, total = build(file, plugins, args.repeat)
            ratio = "" if base is None else (f"  CPU x{cpu / base[0]:.2f}, biggest page "
                                             f"x{biggest / base[1]:.2f}, total x{total / base[2]:.2f}")
            base = base or (cpu, biggest, total)
            print(f"{file.name} [{plugins}]: build {seconds:.1f} s ({cpu:.1f} s CPU), biggest page "
                  f"{biggest / 1e6:.2f} MB ({where}), API pages {total / 1e6:.1f} MB{ratio}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
