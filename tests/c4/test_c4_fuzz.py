"""No DSL input produces a traceback: seeded mutations of real workspaces through the parser.

Each case mutates one workspace file (corpus and fixtures) a few times — lines dropped, doubled,
swapped or cut, DSL punctuation and keywords inserted — and parses it, views and checks included.
The seed makes the cases the same on every run; the time budget keeps the test quick on a slow
machine (the cases run in order, so a slower machine runs a prefix of the same list).
"""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

from c4_helpers import FIXTURES
from test_c4_corpus import CORPUS

from specsite.c4.checks import check_workspace
from specsite.c4.parser import parse_workspace
from specsite.core.project import Project

SEED = 20240611
CASES = 400
BUDGET_SECONDS = 8.0
#: pieces of DSL that make parsers stumble
SNIPPETS = ["{", "}", '"', '"""', "->", "-/>", "--x->", "=", "\\", "*", "this", "!include x.dsl",
            "!elements element.type==Container {", "!element \"SoftwareSystem://X\" {", "archetypes {",
            "a = container {", "group \"G\" {", "1: a -> b", "-> {", "!const X ${X}", "!var X \"y\"",
            "deploymentEnvironment \"E\"", "include ->a->", "exclude *", "element.tag==", "properties {",
            "workspace extends workspace.json", "!identifiers hierarchical", "instanceOf a", "url x",
            "theme https://x", "light {", "}}", "{ {", "a.b.c", "!relationships \"*->*\" {"]


def _sources() -> list[Path]:
    files = sorted(FIXTURES.rglob("*.dsl"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.rglob("*.dsl"))
    return files


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        if not lines:
            lines = [""]
        i = rng.randrange(len(lines))
        op = rng.randrange(6)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        elif op == 4:
            cut = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:cut] + " " + rng.choice(SNIPPETS) + " " + lines[i][cut:]
        else:
            lines.insert(i, rng.choice(SNIPPETS))
    return "\n".join(lines)


def test_mutated_workspaces_never_raise(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    sources = _sources()
    started = time.monotonic()
    ran = 0
    for case in range(CASES):
        if time.monotonic() - started > BUDGET_SECONDS:
            break
        source = rng.choice(sources)
        root = tmp_path / f"case{case}"
        shutil.copytree(source.parent, root)
        target = root / source.name
        target.write_text(_mutate(source.read_text(encoding="utf-8"), rng), encoding="utf-8")
        findings: list = []
        try:
            workspace = parse_workspace(Project(root), target, findings)
            check_workspace(workspace)
        except Exception as exc:  # the point of the test: say which case broke
            raise AssertionError(f"case {case} ({source.name}) raised {exc!r}:\n{target.read_text()}") from exc
        for f in findings:
            assert f.file and (f.line is None or f.line >= 1), f
        ran += 1
    assert ran >= 20
