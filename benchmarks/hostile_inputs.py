"""Run specsite on hostile inputs from an untrusted pull request; print time and memory of each.

Each input is a few hundred bytes to a few megabytes that once ran for minutes, took gigabytes or
crashed the interpreter. Every one is generated into its own temporary project and checked by a
fresh ``specsite check`` process (and, where pages are affected, a ``mkdocs build``). The target:
each finishes in under 10 s and 1 GB. A run over the target is flagged ``OVER`` (time is judged
on CPU seconds when the machine is shared: wall time then grows with everyone else's work).

    PYTHONPATH=plugins .venv/bin/python benchmarks/hostile_inputs.py            # every input
    PYTHONPATH=plugins .venv/bin/python benchmarks/hostile_inputs.py c4-big-view  # some of them

Each process runs under a 4 GB address-space limit and a 120 s timeout, so a regression fails
here instead of taking the machine down. Peak memory is the child's own ``ru_maxrss`` (from
``os.wait4``: the per-child form of ``getrusage(RUSAGE_CHILDREN)``).
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TIME_LIMIT = 10.0
MEMORY_LIMIT_MB = 1024
TIMEOUT = 120
ADDRESS_SPACE = 4 * 1024 ** 3

ADR_HEAD = "# 1. Hostile\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n\n## Context\n\n"


@dataclass
class Case:
    """One hostile project: its files, the specsite options, and whether to build a site too."""

    name: str
    what: str
    files: dict[str, str]
    options: dict[str, str] = field(default_factory=dict)
    site: bool = False


def _adr(front_matter: str = "", body: str = "Nothing.\n") -> str:
    head = f"---\n{front_matter}---\n" if front_matter else ""
    return head + ADR_HEAD + body


def alias_bomb(levels: int = 9, width: int = 10) -> str:
    """The "billion laughs": each anchor lists the one before ``width`` times."""
    lines = ['a0: &a0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def deep_block(depth: int = 25_000) -> str:
    """Block sequences nested ``depth`` deep on one line (``- - - ... x``): 2 bytes a level."""
    return "key:\n  " + "- " * depth + "x\n"


def openapi(paths: str, extra: str = "") -> str:
    return f"openapi: 3.0.3\ninfo:\n  title: Hostile\n  version: '1'\n{extra}paths:\n{paths}"


def nested_schema(depth: int) -> str:
    """A component schema whose properties nest ``depth`` objects deep (block style)."""
    lines = ["components:", "  schemas:", "    Deep:"]
    indent = "      "
    for i in range(depth):
        lines += [f"{indent}type: object", f"{indent}properties:", f"{indent}  p{i}:"]
        indent += "    "
    lines.append(f"{indent}type: string")
    return "\n".join(lines) + "\n"


def openapi_paths(count: int) -> str:
    """``count`` paths of one operation each, a line apiece (what the ambiguous-path lint sees)."""
    return "".join(f"  /r{i}/{{id}}/s{i % 97}: {{get: {{operationId: op{i}, parameters: [{{name: id, "
                   f"in: path, required: true, schema: {{type: string}}}}], responses: "
                   f"{{'200': {{description: ok}}}}}}}}\n" for i in range(count))


def dsl(model: str, views: str = "") -> str:
    return f'workspace "Hostile" {{\n  model {{\n{model}  }}\n  views {{\n{views}  }}\n}}\n'


def big_view(elements: int = 100, relationships: int = 400) -> str:
    model = "".join(f'    e{i} = softwareSystem "System {i}"\n' for i in range(elements))
    model += "".join(f'    e{i % elements} -> e{(i * 7 + 3) % elements} "Call {i}"\n'
                     for i in range(relationships))
    return dsl(model, '    systemLandscape "all" {\n      include *\n      autoLayout\n    }\n')


def const_bomb(levels: int = 40) -> str:
    lines = ['!const c0 "xxxxxxxxxxxxxxxx"']
    lines += [f'!const c{i} "${{c{i - 1}}}${{c{i - 1}}}"' for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n" + dsl(f'    a = softwareSystem "${{c{levels}}}"\n')


def include_part(elements: int = 4000) -> str:
    return "".join(f'p{i} = person "Person {i}" "Someone who uses the system {i}."\n'
                   for i in range(elements))


def include_fifty(times: int = 50) -> str:
    return dsl("".join("    !include part.dsl\n" for _ in range(times)))


def same_names(count: int = 10_000) -> str:
    return dsl("".join('    softwareSystem "Same"\n' for _ in range(count)))


def bad_dsl(megabytes: int = 8) -> str:
    line = "this is not a statement at all\n"
    return 'workspace {\n  model {\n' + line * (megabytes * 1024 * 1024 // len(line)) + "  }\n}\n"


def _mkdocs_yml(options: dict[str, str]) -> str:
    lines = ["site_name: Hostile", "plugins:", "  - specsite:"]
    lines += [f"      {key}: {value}" for key, value in options.items()]
    return "\n".join(lines) + "\n"


CASES: list[Callable[[], Case]] = [
    lambda: Case("frontmatter-alias-bomb", "YAML alias bomb in ADR front matter",
                 {"adrs/0001-hostile.md": _adr(alias_bomb())}, {"adrs": "adrs"}, site=True),
    lambda: Case("frontmatter-deep-block", "block YAML nested 25,000 deep in front matter",
                 {"adrs/0001-hostile.md": _adr(deep_block())}, {"adrs": "adrs"}, site=True),
    lambda: Case("prd-alias-bomb", "YAML alias bomb in PRD front matter",
                 {"prds/0001-hostile.md": "---\n" + alias_bomb() + "---\n# Hostile\n"},
                 {"prds": "prds"}),
    lambda: Case("docs-page-deep-block", "block YAML nested 25,000 deep in a docs page",
                 {"docs/page.md": "---\n" + deep_block() + "---\n# Page\n"}, {}, site=True),
    lambda: Case("openapi-alias-bomb", "YAML alias bomb in an OpenAPI file",
                 {"apis/bomb.yaml": openapi("  {}\n", "x-bomb:\n" + textwrap.indent(alias_bomb(), "  "))},
                 {"openapi": "apis"}, site=True),
    lambda: Case("openapi-deep-block", "block YAML nested 25,000 deep in an OpenAPI file",
                 {"apis/deep.yaml": openapi("  {}\n", "x-deep:\n" + textwrap.indent(deep_block(), "  "))},
                 {"openapi": "apis"}),
    lambda: Case("openapi-aliases-under-limit", "aliases expanding to 1.9 million nodes (allowed)",
                 {"apis/wide.yaml": openapi("  {}\n", "x-wide:\n" + textwrap.indent(
                     alias_bomb(5, 10) + "b: [" + ", ".join(["*a5"] * 16) + "]\n", "  "))},
                 {"openapi": "apis"}),
    lambda: Case("openapi-deep-json", "JSON nested 50,000 deep",
                 {"apis/deep.json": '{"openapi": "3.0.3", "x": ' + "[" * 50_000 + "]" * 50_000 + "}"},
                 {"openapi": "apis"}),
    lambda: Case("openapi-nested-schemas", "a schema nested 60 objects deep (YAML 180 deep)",
                 {"apis/nested.yaml": openapi("  {}\n") + nested_schema(60)},
                 {"openapi": "apis"}, site=True),
    lambda: Case("openapi-10k-paths", "10,000 OpenAPI paths (ambiguous-path lint)",
                 {"apis/many.yaml": openapi(openapi_paths(10_000))}, {"openapi": "apis"}),
    lambda: Case("c4-big-view", "one C4 view of 100 elements and 400 relationships",
                 {"c4/workspace.dsl": big_view()}, {"c4": "c4/workspace.dsl"}, site=True),
    lambda: Case("c4-const-bomb", "a !const expansion bomb",
                 {"c4/workspace.dsl": const_bomb()}, {"c4": "c4/workspace.dsl"}),
    lambda: Case("c4-include-fifty", "one !included part (~200 KB) multiplied fifty times",
                 {"c4/workspace.dsl": include_fifty(), "c4/part.dsl": include_part()},
                 {"c4": "c4/workspace.dsl"}),
    lambda: Case("c4-same-names", "10,000 elements with the same name",
                 {"c4/workspace.dsl": same_names()}, {"c4": "c4/workspace.dsl"}),
    lambda: Case("c4-bad-dsl-8mb", "8 MB of bad DSL (a million findings)",
                 {"c4/workspace.dsl": bad_dsl()}, {"c4": "c4/workspace.dsl"}),
    lambda: Case("markdown-xref-brackets", "a 300 KB run of '[[' in an ADR body",
                 {"adrs/0001-hostile.md": _adr(body="[[" * 150_000 + "\n")}, {"adrs": "adrs"}, site=True),
    lambda: Case("adr-status-brackets", "a 300 KB run of '[' in an ADR status section",
                 {"adrs/0001-hostile.md": ADR_HEAD.replace("Accepted", "Superseded by " + "[" * 300_000)},
                 {"adrs": "adrs"}, site=True),
    lambda: Case("mkdocs-yml-deep-block", "block YAML nested 25,000 deep in mkdocs.yml",
                 {"mkdocs.yml": _mkdocs_yml({"adrs": "adrs"}) + "extra:\n" + textwrap.indent(deep_block(), "  "),
                  "adrs/0001-a.md": _adr()}, {}),
]


@dataclass
class Run:
    """What one process did: exit code (negative: killed by that signal), wall and CPU seconds,
    peak MB. CPU time does not grow when other processes share the machine; wall time does."""

    code: int
    seconds: float
    cpu: float
    peak_mb: float
    timed_out: bool


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def measure(argv: list[str], cwd: Path, timeout: float = TIMEOUT) -> Run:
    """Run ``argv`` in ``cwd``; wall time and the child's own peak resident memory."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "plugins"))
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, preexec_fn=_limit_memory)
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        proc.send_signal(signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    return Run(proc.returncode, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               timed_out.is_set())


def write_project(root: Path, case: Case) -> None:
    files = dict(case.files)
    files.setdefault("mkdocs.yml", _mkdocs_yml(case.options))
    files.setdefault("docs/index.md", "# Home\n")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="run only these inputs")
    parser.add_argument("--no-site", action="store_true", help="skip the mkdocs builds")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="kill a run after this long")
    args = parser.parse_args()
    cases = [make() for make in CASES]
    if args.names:
        cases = [c for c in cases if c.name in args.names]
    over = 0
    print(f"{'input':<28} {'command':<14} {'exit':>4} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}")
    for case in cases:
        with tempfile.TemporaryDirectory(prefix="specsite-hostile-") as tmp:
            root = Path(tmp)
            write_project(root, case)
            commands = [("specsite check", [sys.executable, "-m", "specsite.cli", "check"])]
            if case.site and not args.no_site:
                commands.append(("mkdocs build", [str(BIN / "mkdocs"), "build", "-q", "-d",
                                                  str(root / "site")]))
            for label, argv in commands:
                run = measure(argv, root, args.timeout)
                flag = ""
                if run.timed_out or min(run.seconds, run.cpu) > TIME_LIMIT \
                        or run.peak_mb > MEMORY_LIMIT_MB or run.code < 0 or run.code > 2:
                    flag = "  OVER" + (" (timed out)" if run.timed_out else "")
                    over += 1
                print(f"{case.name:<28} {label:<14} {run.code:>4} {run.seconds:>7.2f} {run.cpu:>7.2f} "
                      f"{run.peak_mb:>8.0f}{flag}", flush=True)
    print(f"\n{len(cases)} inputs; {over} over {TIME_LIMIT:.0f} s / {MEMORY_LIMIT_MB} MB or crashed")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
