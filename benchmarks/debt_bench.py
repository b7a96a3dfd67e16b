"""Read, check and render a generated technical-debt register (default 1,000 items over 100
ADRs, a quarter of them repaid and referenced from accepted ADRs); print figures.

Run: PYTHONPATH=plugins .venv/bin/python benchmarks/debt_bench.py [--items N] [--repeat N]
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

QUADRANTS = ("reckless-deliberate", "prudent-deliberate", "reckless-inadvertent",
             "prudent-inadvertent")
STATUSES = ("open", "scheduled", "accepted", "repaid")
UNITS = ("hours/month", "days/quarter", "EUR/month", "hours/week")


def make_project(root: Path, items: int) -> None:
    adrs = max(1, items // 10)
    (root / "adrs").mkdir(parents=True)
    (root / "debt").mkdir()
    for a in range(1, adrs + 1):
        refs = " ".join(f"[[DEBT-{n:04d}]]" for n in range(a, items + 1, adrs))
        (root / "adrs" / f"{a:04d}-decision-{a}.md").write_text(
            f"# {a}. Decision {a}\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n"
            f"C.\n\n## Decision\n\nTakes on {refs}\n\n## Consequences\n\nE.\n", encoding="utf-8")
    for n in range(1, items + 1):
        status = STATUSES[n % 4]
        (root / "debt" / f"{n:04d}-item-{n}.md").write_text(
            "---\n" f"id: DEBT-{n:04d}\ntitle: Debt item {n}\nquadrant: {QUADRANTS[n % 4]}\n"
            f"status: {status}\nadrs: [ADR-{n % adrs + 1:04d}]\n"
            f"interest: {n % 17 + 1} {UNITS[n % 4]}\nprincipal: {n % 13 + 1} days\n"
            + (f"release: '2.{n % 9}'\n" if status == "scheduled" else "")
            + f"---\n# Debt item {n}\n\nWhat and why, see [[ADR-{n % adrs + 1:04d}]].\n",
            encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_project(root, args.items)
        config = SpecsiteConfig(adrs=["adrs"], debt=["debt"])
        best_check = best_pages = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            specs = load_specs(Project(root), config, None)
            middle = time.perf_counter()
            pages = specs.pages(SiteContext())
            end = time.perf_counter()
            best_check, best_pages = min(best_check, middle - start), min(best_pages, end - middle)
        debt_pages = [p for p in pages if p.path.startswith("debt/")]
        register = next(p for p in debt_pages if p.path == "debt/index.md")
        chart = next(p for p in debt_pages if p.path == "debt/quadrants.md")
        codes: dict[str, int] = {}
        for f in specs.findings:
            codes[f.code] = codes.get(f.code, 0) + 1
        print(f"items: {args.items}, ADRs: {max(1, args.items // 10)}")
        print(f"read + check (best of {args.repeat}): {best_check:.2f} s")
        print(f"pages (best of {args.repeat}): {best_pages:.2f} s, {len(debt_pages)} debt pages")
        print(f"register page: {len(register.markdown) / 1024:.0f} KB; "
              f"chart page: {len(chart.markdown) / 1024:.0f} KB")
        print(f"findings by code: {dict(sorted(codes.items()))}")


if __name__ == "__main__":
    main()
