"""Fuzzing: mutated specs never make specsite raise or hang.

Seeds are the repository's own specs (adrs/, specs/, examples/webshop) and, when it is there, the
shared corpus beside the clone (``../shared/corpus`` or ``$SPECSITE_CORPUS``; skipped when
missing). Each input is one
file of a seed project changed by a few deterministic mutations (byte flips, truncation, line
duplication and deletion, YAML/DSL/Markdown tokens, deep nesting, long lines), run through the
public pipeline (``load_specs``), every report format and every generated page (and, for a
numbered ADR, ``specsite new adr --supersedes`` it), in a worker
process that is killed when one input takes longer than its limit.

Environment: ``SPECSITE_FUZZ_BUDGET`` seconds in all (default 30); ``SPECSITE_FUZZ_TIMEOUT``
seconds per input (default 30: an input takes well under 5 s, a hang never ends);
``SPECSITE_FUZZ_SEED`` the first input's seed (default 0); ``SPECSITE_FUZZ_COUNT`` a number of
inputs to stop at (default: as many as the budget allows); ``SPECSITE_CORPUS`` the corpus folder.
Input ``n`` depends only on its seed ``n`` and the seed projects present, so a failure printed
with its seed is reproduced by ``SPECSITE_FUZZ_SEED=n SPECSITE_FUZZ_COUNT=1``; its files are also
written to a folder that ``specsite check`` can be run in.
"""

from __future__ import annotations

import base64
import json
import os
import random
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# the worker is stopped with process groups and read with select() on a pipe: POSIX only
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX process handling")

REPO = Path(__file__).resolve().parents[2]
#: beside the clone in CI; SPECSITE_CORPUS points elsewhere (a git worktree, say)
CORPUS = Path(os.environ.get("SPECSITE_CORPUS") or REPO / ".." / "shared" / "corpus")


@dataclass
class Template:
    """A seed project: folders copied into a fresh project and the specsite options reading them."""

    name: str
    #: project path -> source folder or file
    copies: dict[str, Path]
    options: dict[str, list[str]]
    docs_dir: str | None = None
    #: project paths of the files that get mutated
    files: list[str] = field(default_factory=list)


def _templates() -> list[Template]:
    """The seed projects that exist here, each with the files worth mutating, in a stable order."""
    webshop = REPO / "examples" / "webshop"
    candidates = [
        Template("repo", {"adrs": REPO / "adrs", "specs": REPO / "specs"},
                 {"adrs": ["adrs"], "prds": ["specs/prds"], "c4": ["specs/architecture/workspace.dsl"]}),
        Template("webshop", {name: webshop / name for name in
                             ("decisions", "prds", "architecture", "apis", "docs")},
                 {"adrs": ["decisions"], "prds": ["prds"], "c4": ["architecture/workspace.dsl"],
                  "openapi": ["apis"]}, docs_dir="docs"),
        Template("adr-tools", {"adrs": CORPUS / "adr" / "adr-tools"}, {"adrs": ["adrs"]}),
        Template("madr", {"adrs": CORPUS / "adr" / "madr"}, {"adrs": ["adrs"]}),
        Template("big-bank", {"c4": CORPUS / "c4" / "big-bank-plc"}, {"c4": ["c4/workspace.dsl"]}),
        Template("getting-started", {"c4": CORPUS / "c4" / "getting-started"},
                 {"c4": ["c4/workspace.dsl"]}),
        *[Template(f"openapi-{v}", {"api": CORPUS / "openapi" / "valid" / v}, {"openapi": ["api"]})
          for v in ("v2.0", "v3.0", "v3.1", "v3.2")],
        Template("openapi-invalid", {"api": CORPUS / "openapi" / "invalid"}, {"openapi": ["api"]}),
    ]
    found = []
    for template in candidates:
        if not all(source.exists() for source in template.copies.values()):
            continue
        for target, source in sorted(template.copies.items()):
            for path in sorted(source.rglob("*")):
                if path.is_file() and path.suffix in (".md", ".yaml", ".yml", ".json", ".dsl"):
                    template.files.append(f"{target}/{path.relative_to(source).as_posix()}")
        found.append(template)
    return found


# --- mutations ------------------------------------------------------------------------------------

TOKENS = [
    "{", "}", "[", "]", "[[", "]]", "[[ADR-0001]]", "[[c4:", "[[prd:PRD-0001.R1]]", "!include ",
    "!include ../../../etc/passwd", "!include /etc/hostname", "!docs ../..", "&a ", "*a", "&a [*a, *a]",
    "---", "...", "\t", "\x00", "\r", "\ufeff", "\u202e", "%", "$ref: ", '"$ref": "#/nope"',
    "$ref: '../../../etc/passwd'", "$ref: 'http://example.com/x.yaml'", "<script>alert(1)</script>",
    "`", "```", "#", "## Status", "## Links", "- ", ": ", "? ", "|", ">", "!!python/object:os.system",
    "!!binary", "{{", "}}", "\\", "'", '"', "0x1F", "1e999", "-1", "9" * 40, "2024-13-45", "null",
    "~", "@", "->", "-> x", "workspace {", "model {", "views {", "!identifiers hierarchical",
    "properties {", "style", "#12345g", "status: superseded by ADR-0009", "Superseded by [9](0009-x.md)",
    "type: strng", "openapi: 3.1.0", "swagger: '2.0'", "paths: {}", "requirements:", "id: R1",
    "\u00e9", "\U0001f600", "<<: *a", "!!merge", "%YAML 1.1", "%TAG ! tag:x,2000:",
]


def _nesting(rng: random.Random) -> str:
    depth = rng.choice([20, 60, 200, 1000])
    return rng.choice(["[" * depth + "]" * depth, "{a: " * depth + "1" + "}" * depth,
                       "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)),
                       "".join(f"{'    ' * i}g{i} = group \"x\" {{\n" for i in range(min(depth, 300))),
                       "> " * depth + "quote"])


def mutate(data: bytes, rng: random.Random, donors: list[bytes]) -> tuple[bytes, list[str]]:
    """``data`` changed by one to four random operations, and their names (for the report)."""
    ops = []
    # mostly one or two changes: a file that still parses reaches the deeper code
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
        op = rng.choice(["flip", "truncate", "duplicate", "delete", "insert", "insert", "insert",
                         "nest", "long", "swap", "splice", "indent"])
        ops.append(op)
        lines = data.split(b"\n")
        if op == "flip" and data:
            buf = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
            data = bytes(buf)
        elif op == "truncate":
            data = data[: rng.randint(0, len(data))]
        elif op == "duplicate" and lines:
            i = rng.randrange(len(lines))
            j = min(len(lines), i + rng.randint(1, 5))
            lines[j:j] = lines[i:j] * rng.choice([1, 2, 50])
            data = b"\n".join(lines)
        elif op == "delete" and lines:
            i = rng.randrange(len(lines))
            del lines[i: i + rng.randint(1, 3)]
            data = b"\n".join(lines)
        elif op in ("insert", "nest", "long"):
            token = {"insert": lambda: rng.choice(TOKENS), "nest": lambda: _nesting(rng),
                     "long": lambda: rng.choice(["a", "x ", "[[", "{", "- "]) * rng.choice([5000, 100000])
                     }[op]().encode("utf-8")
            at = rng.randint(0, len(data))
            if rng.random() < 0.5:  # at a line start, where most syntax lives
                at = data.rfind(b"\n", 0, at) + 1
            data = data[:at] + token + data[at:]
        elif op == "swap" and len(lines) > 1:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif op == "splice" and donors:
            donor = rng.choice(donors).split(b"\n")
            i = rng.randrange(len(donor))
            at = rng.randrange(len(lines) + 1)
            lines[at:at] = donor[i: i + rng.randint(1, 10)]
            data = b"\n".join(lines)
        elif op == "indent" and lines:
            i = rng.randrange(len(lines))
            lines[i] = rng.choice([b"", b" ", b"\t", b"    ", b" " * 61]) + lines[i].lstrip()
            data = b"\n".join(lines)
    return data, ops


@dataclass
class FuzzInput:
    """One input: which file of which seed project, its mutated bytes, and how it was made."""

    seed: int
    template: Template
    file: str
    data: bytes
    ops: list[str]


def make_input(seed: int, templates: list[Template]) -> FuzzInput:
    """Input ``seed``: a function of the seed and the seed projects only."""
    rng = random.Random(seed)
    template = rng.choice(templates)
    file = rng.choice(template.files)
    original = _source(template, file).read_bytes()
    donors = [_source(template, f).read_bytes() for f in rng.sample(template.files, min(2, len(template.files)))]
    data, ops = mutate(original, rng, donors)
    return FuzzInput(seed, template, file, data, ops)


def _source(template: Template, file: str) -> Path:
    target, _, rest = file.partition("/")
    return template.copies[target] / rest


# --- the worker: runs inputs in its own process so a hang can be stopped ------------------------

def _worker() -> None:
    """Read one JSON request per line, answer one JSON line: ``{"ok": ...}`` or ``{"error": tb}``."""
    import resource

    from specsite.core.config import SpecsiteConfig
    from specsite.core.kind import SiteContext
    from specsite.core.pipeline import load_specs
    from specsite.core.project import Project
    from specsite.reports import ReportContext, renderers

    # a memory explosion is a failure to report, not a machine to take down; RLIMIT_DATA, not
    # RLIMIT_AS: wasmtime (the C4 layout engine) reserves gigabytes of address space it never uses
    resource.setrlimit(resource.RLIMIT_DATA, (3 << 30, 3 << 30))
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    sys.stdout = sys.stderr  # nothing the pipeline prints may mix with the answers
    root = Path(tempfile.mkdtemp(prefix="specsite-fuzz-worker-"))
    templates = {t.name: t for t in _templates()}
    prepared: set[str] = set()
    for request_line in sys.stdin:
        request = json.loads(request_line)
        template = templates[request["template"]]
        project_dir = root / template.name
        if template.name not in prepared:
            _copy_template(template, project_dir)
            prepared.add(template.name)
        target = project_dir / request["file"]
        original = target.read_bytes()
        target.write_bytes(base64.b64decode(request["data"]))
        try:
            specs = load_specs(Project(project_dir), SpecsiteConfig(**template.options),
                               project_dir / template.docs_dir if template.docs_dir else None)
            context = ReportContext(files=sorted({f.file for f in specs.findings if f.file}))
            for render in renderers().values():
                render(specs.findings, context).encode("utf-8")
            pages = specs.pages(SiteContext())
            answer = {"ok": True, "findings": len(specs.findings), "pages": len(pages),
                      "new_adr": _supersede(template, project_dir, request["file"], root / "writer")}
        except BaseException:  # noqa: BLE001 - the point is to report every escaping exception
            answer = {"error": traceback.format_exc()}
        finally:
            target.write_bytes(original)
        channel.write(json.dumps(answer) + "\n")
        channel.flush()


def _supersede(template: Template, project_dir: Path, file: str, scratch: Path) -> int | None:
    """When ``file`` is a numbered decision: ``specsite new adr --supersedes N --amends N`` on a
    copy of its folder (the writer edits exactly such files); its exit code."""
    from specsite.cli import main

    folder, _, name = file.rpartition("/")
    number = re.match(r"\d+", name)
    if folder not in template.options.get("adrs", []) or not number:
        return None
    shutil.rmtree(scratch, ignore_errors=True)
    _copy_writable(project_dir / folder, scratch / "adrs")
    here = os.getcwd()
    os.chdir(scratch)
    try:
        n = str(int(number.group()))
        return main(["new", "adr", "Fuzzed", "--adrs", "adrs", "--supersedes", n, "--amends", n])
    finally:
        os.chdir(here)


def _copy_template(template: Template, project_dir: Path) -> None:
    for target, source in template.copies.items():
        _copy_writable(source, project_dir / target)


def _copy_writable(source: Path, target: Path) -> None:
    """A copy of a folder that can be written (the shared corpus is read-only)."""
    shutil.copytree(source, target, copy_function=shutil.copyfile)
    for folder in [target, *(p for p in target.rglob("*") if p.is_dir())]:
        folder.chmod(0o755)


#: seconds the first, unchanged run of a seed project may take
WARM_UP_LIMIT = 300.0


class Worker:
    """A worker process; :meth:`run` answers one input or reports that it timed out or died."""

    def __init__(self) -> None:
        import specsite

        env = dict(os.environ)
        plugins = str(Path(specsite.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join([plugins, env.get("PYTHONPATH", "")])
        #: seed projects this process has run once unchanged: the first run of a project lays
        #: out every C4 view and fills caches, which is not what the per-input limit measures
        self.warm: set[str] = set()
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, text=True, start_new_session=True)

    def run(self, item: FuzzInput, timeout: float) -> dict:
        """The worker's answer for ``item`` (after a warm-up run of its seed project unchanged)."""
        if item.template.name not in self.warm:
            original = _source(item.template, item.file).read_bytes()
            answer = self._ask(item.template.name, item.file, original, WARM_UP_LIMIT)
            if "error" in answer:
                return {**answer, "error": f"the seed project itself: {answer['error']}"}
            self.warm.add(item.template.name)
        return self._ask(item.template.name, item.file, item.data, timeout)

    def _ask(self, template: str, file: str, data: bytes, timeout: float) -> dict:
        request = {"template": template, "file": file, "data": base64.b64encode(data).decode("ascii")}
        assert self.process.stdin and self.process.stdout
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            return {"error": f"worker died (exit code {self.process.poll()})"}
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            self.stop()
            return {"error": f"timed out after {timeout:g} s", "timeout": True}
        line = self.process.stdout.readline()
        if not line:
            return {"error": f"worker died (exit code {self.process.wait()})"}
        return json.loads(line)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, 9)
        self.process.wait()


def _crash_site(error: str) -> str:
    """The innermost frame and the exception type: one report per distinct crash (the message
    often quotes the input, which differs every time)."""
    lines = error.strip().splitlines()
    frames = [l.strip() for l in lines if l.strip().startswith('File "')]
    kind = lines[-1].split(":", 1)[0] if lines else ""
    return f"{frames[-1] if frames else ''} {kind}"


def _reproducer(item: FuzzInput, answer: dict, folder: Path) -> Path:
    """A project holding the failing input, with how to run it and what went wrong."""
    path = folder / f"seed-{item.seed}"
    _copy_template(item.template, path)
    (path / item.file).write_bytes(item.data)
    flags = " ".join(f"--{key} {value}" for key, values in sorted(item.template.options.items())
                     for value in values)
    (path / "FAILURE.txt").write_text(
        f"seed {item.seed} (SPECSITE_FUZZ_SEED={item.seed} SPECSITE_FUZZ_COUNT=1)\n"
        f"template {item.template.name}, file {item.file}, mutations {' '.join(item.ops)}\n"
        f"reproduce: cd {path} && specsite check {flags}\n\n{answer['error']}\n", encoding="utf-8")
    return path


def fuzz(budget: float, timeout: float, first_seed: int, count: int | None,
         out: Path) -> tuple[int, list[str]]:
    """Run inputs from ``first_seed`` until the budget (or count) is spent; the number run and a
    description of each failure (each also written as a reproducer under ``out``)."""
    templates = _templates()
    worker, failures, seen, n = Worker(), [], set(), 0
    deadline = time.monotonic() + budget
    try:
        while time.monotonic() < deadline and (count is None or n < count):
            item = make_input(first_seed + n, templates)
            n += 1
            answer = worker.run(item, timeout)
            if "error" not in answer:
                continue
            if answer.get("timeout") or answer["error"].startswith("worker died"):
                worker.stop()
                worker = Worker()
            key = (f"timeout {item.template.name}:{item.file}" if answer.get("timeout")
                   else _crash_site(answer["error"]))
            if key in seen:
                continue
            seen.add(key)
            path = _reproducer(item, answer, out)
            failures.append(f"seed {item.seed} ({item.template.name}: {item.file}, "
                            f"{'+'.join(item.ops)}) -> {path}\n{answer['error'][-3000:]}")
    finally:
        worker.stop()
    return n, failures


def test_mutated_specs_never_raise_or_hang(tmp_path):
    budget = float(os.environ.get("SPECSITE_FUZZ_BUDGET", "30"))
    timeout = float(os.environ.get("SPECSITE_FUZZ_TIMEOUT", "30"))
    first = int(os.environ.get("SPECSITE_FUZZ_SEED", "0"))
    count = int(os.environ["SPECSITE_FUZZ_COUNT"]) if os.environ.get("SPECSITE_FUZZ_COUNT") else None
    n, failures = fuzz(budget, timeout, first, count, tmp_path)
    print(f"fuzz: {n} inputs from seed {first}, {len(failures)} distinct failure(s)")
    assert n > 0
    assert not failures, f"{len(failures)} failure(s) in {n} inputs:\n\n" + "\n\n".join(failures)


def test_mutations_are_deterministic():
    templates = _templates()
    first, again = make_input(7, templates), make_input(7, templates)
    assert (first.template.name, first.file, first.data, first.ops) == (
        again.template.name, again.file, again.data, again.ops)
    assert {t.name for t in templates} >= {"repo", "webshop"}


def test_inputs_the_fuzzer_once_hung_on(tmp_path):
    """Fixed crashes and hangs stay fixed, whatever the random inputs reach in a short CI run."""
    repo = next(t for t in _templates() if t.name == "repo")
    adr = "adrs/0001-record-architecture-decisions.md"
    original = _source(repo, adr).read_text(encoding="utf-8")
    cases = [
        # a status line of 200,000 "[": the Markdown link pattern retried from every "["
        original.replace("Accepted", "\ufeffA" + "[" * 200_000, 1),
        original.replace("Accepted", "superseded by " + '[a](b "' * 30_000, 1),
    ]
    worker = Worker()
    try:
        for seed, text in enumerate(cases):
            item = FuzzInput(-1 - seed, repo, adr, text.encode("utf-8"), ["fixed"])
            answer = worker.run(item, float(os.environ.get("SPECSITE_FUZZ_TIMEOUT", "30")))
            assert "error" not in answer, answer["error"]
    finally:
        worker.stop()


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:
    _worker()
