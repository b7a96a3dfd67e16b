"""How specsite scales: ``specsite check``, ``mkdocs build`` and ``mkdocs serve`` rebuilds on the
generated repository of :mod:`scale_corpus` (N PRDs x 10 requirements, 2N ADRs, ~N C4 elements,
N/20 OpenAPI files) for each N given.

Prints, per N: check time and peak memory; build time (wall clock and CPU), time per page, peak
memory, pages, site size, the largest page and the search index size; and for ``mkdocs serve``
the rebuild after a save that changes nothing, after an edit to one ADR and after an edit to one
PRD (wall clock, CPU, and the wall-clock time spent in specsite's plugin events; between saves
the session idles as a person's does, which lets the garbage-collection pass of ADR-0025 run). Wall-clock times depend on what else runs on the machine; CPU time less so.

Usage: ``python benchmarks/scale_bench.py [N ...]`` (default 100 300 1000) from the repository
root, with specsite importable (``PYTHONPATH=plugins`` in a checkout). ``--keep DIR`` keeps the
generated repositories and sites in DIR.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_corpus import generate  # noqa: E402

SERVE_URL = "http://127.0.0.1:8000/"
EDITED_ADR = "adrs/0004-decision-4.md"
EDITED_PRD = "specs/prds/PRD-0004-product-4.md"


def measured(args: list[str], cwd: Path) -> dict:
    """Run a command; its wall-clock and CPU seconds, peak memory (MB), exit code and output
    (``os.wait4`` gives the child's own CPU time and peak memory)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
                "code": os.waitstatus_to_exitcode(status), "out": out.read().decode(),
                "err": err.read().decode()}


def site_figures(site: Path) -> dict:
    """Pages, total size, the largest page and the search index of a built site."""
    pages = list(site.rglob("*.html"))
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = site / "search" / "search_index.json"
    return {"pages": len(pages), "site_mb": total / 1e6,
            "largest_kb": largest.stat().st_size / 1e3,
            "largest": largest.parent.relative_to(site).as_posix() + "/",
            "search_mb": index.stat().st_size / 1e6 if index.exists() else 0.0}


def serve_rebuilds(root: Path) -> dict:
    """In this process: what ``mkdocs serve`` does on start, on a save that changes nothing and on
    an edit to one ADR. Times the whole rebuild and the time spent in specsite's plugin events."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from specsite.mkdocs_plugin import plugin as plugin_module

    spent = [0.0]
    cls = plugin_module.SpecsitePlugin
    for name in [n for n in vars(cls) if n.startswith("on_") and n not in ("on_startup", "on_serve")]:
        original = getattr(cls, name)

        def timed(*args, __original=original, **kwargs):
            start = time.perf_counter()
            try:
                return __original(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start

        timed.__dict__.update(original.__dict__)  # keeps the event priority
        setattr(cls, name, timed)

    site = root / "serve-site"

    def config():
        cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        cfg.site_url = SERVE_URL
        return cfg

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)

    def rebuild(name: str) -> None:
        if name != "serve_first":
            collector.settle()
        spent[0] = 0.0
        start, cpu = time.perf_counter(), time.process_time()
        build(config(), serve_url=SERVE_URL)
        figures[name] = time.perf_counter() - start
        figures[f"{name}_cpu"] = time.process_time() - cpu
        figures[f"{name}_specsite"] = spent[0]

    figures: dict = {}
    rebuild("serve_first")
    # what `mkdocs serve` does once its live server is up; between saves, the session is idle
    # long enough for the collector's pass (serve_collector.py), so each save waits for it
    collector = first.plugins["specsite"].collector
    collector.activate()
    adr = root / EDITED_ADR
    text = adr.read_text(encoding="utf-8")
    adr.write_text(text, encoding="utf-8")  # saved without a change
    rebuild("noop")
    adr.write_text(text.replace("We will do thing 4.", "We will do thing 4, and more."), encoding="utf-8")
    rebuild("edit")
    page = (site / "decisions" / "ADR-0004" / "index.html").read_text(encoding="utf-8")
    figures["edit_served"] = "and more" in page
    adr.write_text(text, encoding="utf-8")
    rebuild("edit_back")
    prd = root / EDITED_PRD
    text = prd.read_text(encoding="utf-8")
    prd.write_text(text.replace("Requirement 1 of product 4.", "Requirement 1 of product 4, changed."),
                   encoding="utf-8")
    rebuild("edit_prd")
    page = (site / "requirements" / "PRD-0004" / "index.html").read_text(encoding="utf-8")
    figures["edit_prd_served"] = "product 4, changed" in page
    prd.write_text(text, encoding="utf-8")
    return figures


def bench(n: int, work: Path) -> dict:
    """Every figure for scale ``n``."""
    root = generate(n, work / f"n{n}")
    python = sys.executable
    check = measured([python, "-m", "specsite.cli", "check"], root)
    built = measured([python, "-m", "mkdocs", "build", "-q"], root)
    if built["code"] != 0:
        raise SystemExit(f"mkdocs build failed at N={n}:\n{built['err'][-2000:]}")
    figures = {"n": n, "check": check["wall"], "check_cpu": check["cpu"], "check_mb": check["rss_mb"],
               "build": built["wall"], "build_cpu": built["cpu"], "build_mb": built["rss_mb"],
               **site_figures(root / "site")}
    serve = measured([python, __file__, "--serve", str(root)], root)
    if serve["code"] != 0:
        raise SystemExit(f"serve rebuilds failed at N={n}:\n{serve['err'][-2000:]}")
    figures.update(json.loads(serve["out"].strip().splitlines()[-1]))
    return figures


ROWS = [
    ("specsite check (s, CPU s, MB)", lambda f: f"{f['check']:.1f}, {f['check_cpu']:.1f}, {f['check_mb']:.0f}"),
    ("mkdocs build (s, CPU s)", lambda f: f"{f['build']:.1f}, {f['build_cpu']:.1f}"),
    ("CPU ms per page", lambda f: f"{1000 * f['build_cpu'] / f['pages']:.1f}"),
    ("build peak memory (MB)", lambda f: f"{f['build_mb']:.0f}"),
    ("pages", lambda f: f"{f['pages']:,}"),
    ("site size (MB)", lambda f: f"{f['site_mb']:.1f}"),
    ("largest page (KB)", lambda f: f"{f['largest_kb']:.0f} ({f['largest']})"),
    ("search index (MB)", lambda f: f"{f['search_mb']:.1f}"),
    ("serve: no-op save (s, CPU s; specsite s)", lambda f: _serve(f, "noop")),
    ("serve: edit one ADR (s, CPU s; specsite s)", lambda f: _serve(f, "edit", "edit_served")),
    ("serve: edit one PRD (s, CPU s; specsite s)", lambda f: _serve(f, "edit_prd", "edit_prd_served")),
]


def _serve(f: dict, name: str, served: str | None = None) -> str:
    """A serve rebuild's wall-clock and CPU seconds, and the wall-clock seconds in specsite."""
    text = f"{f[name]:.2f}, {f[name + '_cpu']:.2f}; {f[name + '_specsite']:.2f}"
    return text + ("" if served is None or f[served] else " NOT UPDATED")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="*", type=int, default=[100, 300, 1000])
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)  # the in-process part
    args = parser.parse_args()
    if args.serve:
        print(json.dumps(serve_rebuilds(args.serve)))
        return
    with tempfile.TemporaryDirectory(prefix="specsite-scale-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = []
        for n in args.n:
            results.append(bench(n, work))
            print(f"N={n} done", file=sys.stderr, flush=True)
    width = max(len(r[0]) for r in ROWS)
    print(f"| {'N':<{width}} | " + " | ".join(f"{r['n']:,}" for r in results) + " |")
    print(f"|{'-' * (width + 2)}|" + "|".join("---" for _ in results) + "|")
    for label, cell in ROWS:
        print(f"| {label:<{width}} | " + " | ".join(cell(r) for r in results) + " |")


if __name__ == "__main__":
    main()
