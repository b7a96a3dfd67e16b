"""``specsite diff BASE HEAD`` against ``specsite check`` on one side, on a generated repository;
optionally the API diff against ``openapi-diff`` (npm) on two published GitHub REST descriptions.

The repository has the shape of the scale corpus: N PRDs of 10 requirements, 2N ADRs (adr-tools
format, supersede chains), a Structurizr workspace of about N elements and N/20 OpenAPI files.
BASE is that; HEAD applies a few hundred scripted changes to every kind. Target (issue 9): the
diff takes at most twice the time of one check.

Run: .venv/bin/python benchmarks/diff_bench.py [--scale N] [--repeat N]
     [--octokit OLD.json NEW.json]   (e.g. package/generated/api.github.com.json from two
                                       `npm pack @octokit/openapi@<version>` tarballs)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
PLUGINS = str(Path(__file__).resolve().parents[1] / "plugins")


# -- the repository ----------------------------------------------------------------------------

def generate(n: int, out: Path) -> None:
    """The base revision: N PRDs x 10 requirements, 2N ADRs, ~N C4 elements, N/20 APIs."""
    rnd = random.Random(7)
    adrs, prds, apis, arch = (out / "adrs", out / "specs/prds", out / "specs/apis", out / "specs/architecture")
    for d in (adrs, prds, apis, arch, out / "docs"):
        d.mkdir(parents=True, exist_ok=True)
    n_adr, n_api = 2 * n, max(1, n // 20)
    for i in range(1, n_adr + 1):
        status, extra = "Accepted", ""
        if i % 10 == 0:
            extra = f"\nSupersedes [{i - 1}. Decision {i - 1}]({i - 1:04d}-decision-{i - 1}.md)\n"
        if (i + 1) % 10 == 0 and i + 1 <= n_adr:
            status = f"Superseded by [{i + 1}. Decision {i + 1}]({i + 1:04d}-decision-{i + 1}.md)"
        (adrs / f"{i:04d}-decision-{i}.md").write_text(
            f"# {i}. Decision {i}\n\nDate: 2026-01-{1 + i % 28:02d}\n\n## Status\n\n{status}\n{extra}\n"
            f"## Context\n\nContext for decision {i}, see [[ADR-{max(1, i - 3):04d}]].\n\n"
            f"## Decision\n\nWe will do thing {i}.\n\n## Consequences\n\nSome consequences.\n")
    for a in range(n_api):
        paths = {}
        for o in range(20):
            paths[f"/things{a}/{o}/{{id}}"] = {"get": {
                "operationId": f"getThing{o}", "summary": f"Get thing {o}", "tags": ["things"],
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Thing"}}}}}}}
        spec = {"openapi": "3.0.3", "info": {"title": f"API {a}", "version": "1.0.0"},
                "servers": [{"url": "https://example.test"}], "tags": [{"name": "things"}], "paths": paths,
                "components": {"schemas": {"Thing": {"type": "object", "required": ["id"], "properties": {
                    "id": {"type": "string"}, "size": {"type": "integer", "maximum": 100}}}}}}
        (apis / f"api{a}.json").write_text(json.dumps(spec, indent=1))
    for p in range(1, n + 1):
        reqs = []
        for r in range(1, 11):
            reqs.append(f"""  - id: R{r}
    text: Requirement {r} of product {p}.
    priority: {rnd.choice(['must', 'should', 'could'])}
    rice: {{reach: {rnd.randint(100, 90000)}, impact: {rnd.choice([0.5, 1, 2, 3])}, confidence: 0.8, effort: {rnd.randint(1, 8)}}}
    acceptance:
      - given: state {r}
        when: action {r}
        then: outcome {r}
    apis: [api{rnd.randrange(n_api)}#getThing{rnd.randrange(20)}]""")
        (prds / f"PRD-{p:04d}-product-{p}.md").write_text(
            f"---\nid: PRD-{p:04d}\ntitle: Product {p}\nstatus: approved\nowner: owner{p % 7}\n"
            f"release: 2027-Q{1 + p % 4}\nadrs: [ADR-{rnd.randint(1, n_adr):04d}]\nrequirements:\n"
            + "\n".join(reqs) + f"\n---\n\n## Problem\n\nProduct {p} solves a problem. See [[PRD-{max(1, p - 1):04d}.R1]].\n")
    systems = max(1, n // 50)
    lines = ['workspace "Scale" "Generated" {', "  model {", '    user = person "User" "A user."']
    for s in range(systems):
        lines.append(f'    s{s} = softwareSystem "System {s}" "System {s}." {{')
        for c in range(10):
            lines.append(f'      s{s}c{c} = container "Container {s}.{c}" "Container." "Python" {{')
            lines += [f'        s{s}c{c}k{k} = component "Component {k}" "Component." "Python"' for k in range(4)]
            lines.append("      }")
        lines.append("    }")
    for s in range(systems):
        lines.append(f'    user -> s{s}c0 "Uses" "HTTPS"')
        lines += [f'    s{s}c{c - 1}k0 -> s{s}c{c}k1 "Calls" "gRPC"' for c in range(1, 10)]
        if s:
            lines.append(f'    s{s}c0k0 -> s{s - 1}c1 "Depends on" "HTTPS"')
    lines += ["  }", "  views {", '    systemLandscape "Landscape" {', "      include *", "      autoLayout", "    }"]
    for s in range(min(systems, 50)):
        lines += [f'    container s{s} "Containers{s}" {{', "      include *", "      autoLayout", "    }"]
    lines += ["  }", "}"]
    (arch / "workspace.dsl").write_text("\n".join(lines) + "\n")
    (out / "mkdocs.yml").write_text(
        "site_name: Scale\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - specsite:\n"
        "      adrs: adrs\n      prds: specs/prds\n      c4: specs/architecture/workspace.dsl\n"
        "      openapi: specs/apis\n      rules: {PRD011: warning}\n")
    (out / "docs/index.md").write_text("# Scale\n\nSee [[ADR-0001]] and [[PRD-0001]].\n")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def change(n: int, root: Path) -> int:
    """The head revision: scripted changes to every kind; returns how many were made."""
    rnd = random.Random(11)
    made = 0
    prds = sorted((root / "specs/prds").iterdir())
    for path in rnd.sample(prds, min(len(prds), 150)):
        r = rnd.randint(1, 10)
        _replace(path, f"text: Requirement {r} of product", f"text: Reworded requirement {r} of product")
        made += 1
    for path in rnd.sample(prds, min(len(prds), 40)):
        _replace(path, "status: approved", "status: shipped")
        made += 1
    for path in rnd.sample(prds, min(len(prds), 40)):
        _replace(path, "requirements:\n", "requirements:\n  - id: R11\n    text: A new requirement.\n"
                                           "    priority: could\n")
        made += 1
    adrs = sorted((root / "adrs").iterdir())
    for path in rnd.sample(adrs, min(len(adrs), 60)):
        text = path.read_text()
        if "## Status\n\nAccepted\n" in text:
            path.write_text(text.replace("## Status\n\nAccepted\n", "## Status\n\nDeprecated\n"))
            made += 1
    for path in rnd.sample(adrs, min(len(adrs), 40)):
        _replace(path, "We will do thing", "We will now do thing")
        made += 1
    for i in range(len(adrs) + 1, len(adrs) + 21):
        (root / "adrs" / f"{i:04d}-decision-{i}.md").write_text(
            f"# {i}. Decision {i}\n\nDate: 2026-06-01\n\n## Status\n\nProposed\n\n## Context\n\nNew.\n\n"
            f"## Decision\n\nWe will try {i}.\n\n## Consequences\n\nSome.\n")
        made += 1
    dsl = root / "specs/architecture/workspace.dsl"
    text = dsl.read_text()
    systems = max(1, n // 50)
    for s in range(systems):
        text = text.replace(f'container "Container {s}.3" "Container." "Python"',
                            f'container "Container {s}.3" "Container." "Go"')
        text = text.replace(f'    s{s}c4k0 -> s{s}c5k1 "Calls" "gRPC"\n', "")
        text = text.replace(f'      s{s}c9 = container "Container {s}.9"',
                            f'      s{s}c10 = container "Cache {s}" "Cache." "Redis"\n'
                            f'      s{s}c9 = container "Container {s}.9"')
        made += 3
    dsl.write_text(text)
    for path in sorted((root / "specs/apis").iterdir()):
        spec = json.loads(path.read_text())
        paths = spec["paths"]
        keys = sorted(paths)
        paths[keys[0]]["get"]["parameters"].append(
            {"name": "region", "in": "query", "required": True, "schema": {"type": "string"}})
        paths[keys[1]]["get"]["parameters"].append({"name": "q", "in": "query", "schema": {"type": "string"}})
        del paths[keys[2]]
        spec["components"]["schemas"]["Thing"]["properties"]["size"]["maximum"] = 1000
        spec["info"]["version"] = "2.0.0"
        path.write_text(json.dumps(spec, indent=1))
        made += 5
    return made


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid",
                    "-c", "commit.gpgsign=false", *args], cwd=root, check=True, capture_output=True)


# -- timing ------------------------------------------------------------------------------------

CPU: list[float] = []


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str], cwd: Path, repeat: int) -> tuple[float, subprocess.CompletedProcess]:
    """Median wall time of ``python -m specsite.cli ARGS`` (a fresh process each time, as CI runs
    it); the median CPU time (user + system, with git and worker processes) goes to :data:`CPU`,
    the fairer figure on a busy machine."""
    env = {**os.environ, "PYTHONPATH": PLUGINS}
    times, cpu, done = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _children_cpu()
        done = subprocess.run([PYTHON, "-m", "specsite.cli", *args], cwd=cwd, env=env,
                              capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - start_cpu)
    assert done is not None
    CPU.append(statistics.median(cpu))
    return statistics.median(times), done


def octokit(old: Path, new: Path, repeat: int) -> None:
    """The API diff of two GitHub REST descriptions: specsite against ``npx openapi-diff``."""
    with tempfile.TemporaryDirectory(prefix="specsite-octokit-") as tmp:
        root = Path(tmp)
        (root / "apis").mkdir()
        (root / "mkdocs.yml").write_text("site_name: o\nplugins:\n  - specsite:\n      openapi: apis/github.json\n")
        git(root, "init", "-q")
        shutil.copyfile(old, root / "apis/github.json")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "old")
        shutil.copyfile(new, root / "apis/github.json")
        git(root, "commit", "-q", "-am", "new")
        ours, done = timed(["diff", "HEAD~1", "HEAD", "--format", "json", "--fail-on", "never"], root, repeat)
        if done.returncode not in (0, 1):
            print(done.stderr)
        doc = json.loads(done.stdout)
        print(f"specsite diff (two-commit repo, API only): {ours:.2f} s, {doc['summary']['changes']} changes, "
              f"{doc['summary']['breaking']} breaking")
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            theirs = subprocess.run(["npx", "--no-install", "openapi-diff", str(old), str(new)],
                                    capture_output=True, text=True, cwd=Path(old).parent)
            times.append(time.perf_counter() - start)
        print(f"openapi-diff: {statistics.median(times):.2f} s (exit {theirs.returncode}, "
              f"{len(theirs.stdout)} bytes of output)")
        if theirs.returncode not in (0, 1):
            print("openapi-diff failed:", theirs.stderr.strip().splitlines()[-3:])
        print(f"ratio specsite / openapi-diff: {ours / statistics.median(times):.2f} (target <= 0.5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=1000, help="PRDs (ADRs are twice as many)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--octokit", nargs=2, metavar=("OLD", "NEW"), type=Path)
    args = parser.parse_args()
    if args.octokit:
        octokit(*args.octokit, args.repeat)
        return
    with tempfile.TemporaryDirectory(prefix="specsite-diff-bench-") as tmp:
        root = Path(tmp)
        generate(args.scale, root)
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "base")
        made = change(args.scale, root)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "head")
        print(f"scale {args.scale}: {args.scale} PRDs, {args.scale * 10} requirements, {2 * args.scale} ADRs, "
              f"{max(1, args.scale // 50) * 51 + 1} C4 elements, {max(1, args.scale // 20)} APIs; "
              f"{made} scripted changes")
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        check, done = timed(["check", "--format", "json"], root, args.repeat)
        findings = json.loads(done.stdout)["summary"]
        print(f"specsite check (HEAD):      wall {check:6.2f} s  cpu {CPU[-1]:6.2f} s  ({findings})")
        diff, done = timed(["diff", "HEAD~1", "HEAD", "--format", "json", "--fail-on", "never"], root, args.repeat)
        if done.returncode != 0:
            print(done.stderr)
        summary = json.loads(done.stdout)["summary"]
        print(f"specsite diff HEAD~1 HEAD:  wall {diff:6.2f} s  cpu {CPU[-1]:6.2f} s  ({summary})")
        print(f"ratio diff / check: wall {diff / check:.2f}, cpu {CPU[-1] / CPU[-2]:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
