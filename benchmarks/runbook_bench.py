"""Benchmark: `specsite check` and `mkdocs build` of the example product with N generated
runbooks added (each naming two services and an SLO, reviewed on a date), measured in this run.

    .venv/bin/python benchmarks/runbook_bench.py [--count 1000] [--repeat 3]

Prints wall-clock seconds (best of --repeat) for the example without and with the runbooks.
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
WEBSHOP = Path(__file__).resolve().parents[1] / "examples" / "webshop"
SERVICES = ["webshop.checkout", "webshop.orders", "webshop.db", "webshop.broker", "webshop.search",
            "webshop.storefront"]
SLOS = ["PRD-0001.NFR1", "PRD-0001.NFR3", "PRD-0003.NFR1"]


def make_project(root: Path, count: int) -> None:
    shutil.copytree(WEBSHOP, root, ignore=shutil.ignore_patterns("site", ".cache"))
    folder = root / "runbooks"
    for n in range(3, count + 3):
        services = f"[{SERVICES[n % 6]}, {SERVICES[(n + 1) % 6]}]"
        (folder / f"{n:04d}-generated-{n}.md").write_text(
            f"---\nid: RB-{n:04d}\ntitle: Generated runbook {n}\nservice: {services}\n"
            f"owner: team-{n % 7}\nseverity: sev{n % 4 + 1}\ntriggers: [Alert{n}]\n"
            f"slo: [{SLOS[n % 3]}]\nlast_reviewed: 2026-0{n % 9 + 1}-15\nreview_every: 90\n---\n"
            f"# Generated runbook {n}\n\nSee [[RB-{max(1, n - 1):04d}]] and [[ADR-0004]].\n\n"
            "## Diagnose\n\nLook.\n\n## Mitigate\n\nRoll back.\n\n## Escalate\n\nCall.\n\n"
            "## Verify\n\nCheck.\n", encoding="utf-8")


def best(command: list[str], cwd: Path, repeat: int) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        plain, many = Path(tmp) / "plain", Path(tmp) / "many"
        make_project(plain, 0)
        make_project(many, args.count)
        check = [str(BIN / "python"), "-m", "specsite.cli", "check", "--as-of", "2026-11-23", "-q"]
        build = [str(BIN / "mkdocs"), "build", "-q", "-d", "site"]
        for label, root in (("example", plain), (f"example + {args.count} runbooks", many)):
            print(f"{label:>28}: check {best(check, root, args.repeat):6.2f} s   "
                  f"build {best(build, root, args.repeat):6.2f} s")


if __name__ == "__main__":
    main()
