"""Time specsite's OpenAPI check against openapi-spec-validator on the same files, same run.

Each measurement is a fresh process (interpreter start and imports included), as a person or CI
runs either tool. Prints seconds (best of ``--repeat``) and the ratio; the target is a ratio of
at most 0.5 cold, lint rules included.

    .venv/bin/python benchmarks/openapi_bench.py                     # kubernetes.yaml from the corpus
    .venv/bin/python benchmarks/openapi_bench.py /tmp/octokit/package/generated/api.github.com.json
    .venv/bin/python benchmarks/openapi_bench.py --mkdocs             # also build a site of each file

GitHub's description: ``cd /tmp && npm pack @octokit/openapi && tar xzf octokit-openapi-*.tgz``
(``package/generated/api.github.com.json``, 13 MB).
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

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "openapi" / "large"
BIN = Path(sys.executable).parent


def check_one(file: Path, cache_dir: str | None) -> int:
    """What ``specsite check`` does for one API: read, validate, lint, trace; prints a summary."""
    from specsite.core.config import SpecsiteConfig
    from specsite.core.findings import apply_severities, counts
    from specsite.core.graph import SpecGraph
    from specsite.core.project import Project
    from specsite.openapi.kind import OPENAPI_KIND

    project = Project(file.parent)
    config = SpecsiteConfig(openapi=[file.name])
    result = OPENAPI_KIND.read(project, config, cache_dir=Path(cache_dir) if cache_dir else None)
    graph = SpecGraph(result.entities)
    findings = apply_severities(result.findings + OPENAPI_KIND.check(graph, result, config), config.rules)
    print(f"{file.name}: {len(result.entities)} entities, {counts(findings)}")
    return 0


def timed(command: list[str], env: dict[str, str] | None = None, repeat: int = 3) -> tuple[float, str]:
    best = float("inf")
    output = ""
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})})
        best = min(best, time.perf_counter() - start)
        output = (done.stdout + done.stderr).strip().splitlines()[-1:] or [""]
        output = output[0][:100]
    return best, output


def rebuild(file: Path) -> tuple[float, float]:
    """Seconds to read again and render pages again in one process (a ``mkdocs serve`` rebuild
    with the spec unchanged), after a first read: (read, pages)."""
    from specsite.core.config import SpecsiteConfig
    from specsite.core.graph import SpecGraph
    from specsite.core.kind import SiteContext
    from specsite.core.project import Project
    from specsite.openapi.kind import OpenApiKind

    kind = OpenApiKind()
    project, config = Project(file.parent), SpecsiteConfig(openapi=[file.name])
    kind.read(project, config, cache_dir=None)
    start = time.perf_counter()
    result = kind.read(project, config, cache_dir=None)
    read = time.perf_counter() - start
    start = time.perf_counter()
    kind.pages(SpecGraph(result.entities), result, SiteContext())
    return read, time.perf_counter() - start


def mkdocs_build(file: Path) -> float:
    """Seconds for ``mkdocs build`` (Material, search on) of a site holding ``file``'s pages."""
    from specsite.core.config import SpecsiteConfig
    from specsite.core.graph import SpecGraph
    from specsite.core.kind import SiteContext
    from specsite.core.project import Project
    from specsite.openapi.kind import OPENAPI_KIND

    site = Path(tempfile.mkdtemp(prefix="specsite-bench-"))
    try:
        start = time.perf_counter()
        result = OPENAPI_KIND.read(Project(file.parent), SpecsiteConfig(openapi=[file.name]), cache_dir=None)
        pages = OPENAPI_KIND.pages(SpecGraph(result.entities), result, SiteContext())
        for page in pages:
            path = site / "docs" / page.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.markdown, encoding="utf-8")
        (site / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
        (site / "mkdocs.yml").write_text(
            "site_name: bench\ntheme: {name: material}\nplugins: [search]\n"
            "markdown_extensions: [attr_list, admonition, tables]\n", encoding="utf-8")
        subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-f", str(site / "mkdocs.yml")],
                       check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        return time.perf_counter() - start
    finally:
        shutil.rmtree(site, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--mkdocs", action="store_true", help="also time a site build per file")
    parser.add_argument("--check-one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check_one:
        return check_one(args.check_one, args.cache_dir)
    files = args.files or [CORPUS / "kubernetes.yaml"]
    me = [sys.executable, str(Path(__file__).resolve())]
    for file in files:
        file = file.resolve()
        print(f"\n{file} ({file.stat().st_size / 1e6:.1f} MB)")
        ours, summary = timed(me + ["--check-one", str(file)], repeat=args.repeat)
        print(f"  specsite check (cold, lint included)       {ours:6.2f} s   {summary}")
        for label, env in (("openapi-spec-validator (as installed)", {}),
                           ("openapi-spec-validator (jsonschema backend)",
                            {"OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND": "jsonschema"})):
            theirs, verdict = timed([str(BIN / "openapi-spec-validator"), str(file)], env, args.repeat)
            print(f"  {label:<42} {theirs:6.2f} s   ratio {ours / theirs:.2f}   {verdict[:60]}")
        with tempfile.TemporaryDirectory() as cache:
            subprocess.run(me + ["--check-one", str(file), "--cache-dir", cache], capture_output=True, check=True)
            warm, _ = timed(me + ["--check-one", str(file), "--cache-dir", cache], repeat=args.repeat)
        print(f"  specsite check (content-hash cache warm)   {warm:6.2f} s")
        read, pages = rebuild(file)
        print(f"  unchanged rebuild in-process: read {read:.2f} s, pages {pages:.2f} s")
        if args.mkdocs:
            print(f"  mkdocs build, search on (pages + build)    {mkdocs_build(file):6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
