"""Structurizr DSL statements to a :class:`~specsite.c4.model.Workspace`.

One recursive-descent function per block type. Every problem is a finding with file, line and
column; after a bad statement the parser skips it (and its block) and carries on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.findings import BoundedFindings, Finding
from ..core.project import OutsideProjectError, Project
from ..core.limits import current
from ..core.rules import FINDINGS_CAPPED, LIMIT_HIT, OUTSIDE_ROOT
from ..core.textfile import read_text
from . import model as m
from .identifiers import Register
from .implied import replicate_instance_relationships
from .json_workspace import read_json_workspace
from .archetypes import Archetypes
from .lexer import Line, Token, lex
from .model_statements import Context, element_statement
from .rules import MISSING_FILE, REMOVED_KEYWORD, SYNTAX, UNKNOWN_IDENTIFIER, UNSUPPORTED
from .views import resolve_views
from .views_parser import ViewsParser

_MAX_INCLUDES = 50
_VARIABLE = re.compile(r"\$\{([A-Za-z0-9_.-]+)\}")
_JVM_ONLY = {"!script", "!plugin", "!components"}
#: newer directives this parser knows of but does not apply: skipped with a warning, not an error
_NOT_APPLIED = {"!extension", "!extensions"}


class Stream:
    """The statements still to parse; ``!include`` splices a file's statements in at the front.

    A stack of files being read, not one list: splicing into a list would move every statement
    after the ``!include`` each time, quadratic in a workspace of many includes.
    """

    def __init__(self, lines: list[Line]) -> None:
        self.frames: list[tuple[list[Line], int]] = [(lines, 0)] if lines else []
        self.last: Line | None = None

    def next(self) -> Line | None:
        while self.frames:
            lines, index = self.frames[-1]
            if index < len(lines):
                self.frames[-1] = (lines, index + 1)
                self.last = lines[index]
                return self.last
            self.frames.pop()
        return None

    def splice(self, lines: list[Line]) -> None:
        if lines:
            self.frames.append((lines, 0))


@dataclass
class DslParser:
    """Parses one workspace file (and what it extends and includes) into a workspace."""

    project: Project
    findings: list[Finding]
    workspace: m.Workspace = field(default_factory=m.Workspace)
    register: Register = field(default_factory=Register)
    constants: dict[str, str] = field(default_factory=dict)
    #: the implied-relationships strategy: "any" (Structurizr's default), "same" or "none"
    implied: str = "any"
    depth: int = 0
    #: how many blocks are open now (see MAX_NESTING)
    nesting: int = 0
    #: how often each file was included, to stop include cycles
    included: dict[Path, int] = field(default_factory=dict)
    #: ``!const`` or ``!var`` for each name in ``constants``
    constant_kinds: dict[str, str] = field(default_factory=dict)
    archetypes: Archetypes = field(default_factory=Archetypes)
    #: statements applied by ``!elements`` / ``!relationships`` so far (see MAX_BULK_WORK)
    bulk_work: int = 0
    #: (source instance, destination instance, relationship) pairs ``-/>`` keeps from being replicated
    removed_replications: set[tuple[int, int, int]] = field(default_factory=set)

    def __post_init__(self) -> None:
        # `!elements` evaluates expressions while the model is still being read
        self.workspace.identifiers = self.register
    #: characters ``${NAME}`` expansions added so far (-1 once over the limit)
    expanded: int = 0
    #: files and bytes included so far, each time counted (see limits.max_include_count)
    include_count: int = 0
    include_bytes: int = 0
    include_budget_spent: bool = False

    # ------------------------------------------------------------------ entry points

    def parse_file(self, path: Path) -> m.Workspace:
        """Parse a workspace file; the result is complete even when findings were added."""
        lines = self._load(path, None)
        if lines is not None:
            self._top(Stream(lines))
        self.workspace.identifiers = self.register
        return self.workspace

    def _load(self, path: Path, at: Line | None, token: Token | None = None) -> list[Line] | None:
        rel = self.project.rel(path)
        if not path.exists():  # anything else (a FIFO, a folder) is refused by read_text
            where = (at.file, token.line, token.column) if at and token else (rel, None, None)
            self.findings.append(MISSING_FILE.at(f"file {rel} does not exist", *where))
            return None
        text = read_text(self.project, path, self.findings)
        if text is None:
            return None
        if rel not in self.workspace.sources:
            self.workspace.sources.append(rel)
        lexed = lex(text, rel, path.parent)
        for err in lexed.errors:
            self.findings.append(SYNTAX.at(err.message, rel, err.line, err.column))
        return lexed.lines

    # ------------------------------------------------------------------ helpers

    def error(self, message: str, line: Line, token: Token | None = None) -> None:
        if isinstance(self.findings, BoundedFindings) and self.findings.full(SYNTAX.code):
            self.findings.count(SYNTAX.code)
            return
        tok = token or (line.tokens[0] if line.tokens else None)
        self.findings.append(SYNTAX.at(message, line.file, tok.line if tok else line.line,
                                       tok.column if tok else None))

    def expand(self, line: Line) -> Line:
        """``${NAME}`` replaced by ``!const`` / ``!var`` values (unknown names stay as written).

        Every character expansion adds counts against ``limits.max_expanded_chars`` for the
        workspace: constants built from constants double at each step, so forty lines could
        otherwise ask for a terabyte. Past the budget, tokens stay as written (one finding).
        """
        if not self.constants or not any("${" in t.text for t in line.tokens):
            return line
        tokens = [Token(self._substitute(t, line), t.line, t.column, t.quoted) for t in line.tokens]
        return Line(tokens, line.file, line.line, line.folder)

    def _substitute(self, token: Token, line: Line) -> str:
        if "${" not in token.text or self.expanded < 0:
            return token.text
        found = [(mt, self.constants.get(mt.group(1))) for mt in _VARIABLE.finditer(token.text)]
        added = sum(len(value) for _, value in found if value is not None)
        most = current().max_expanded_chars
        if self.expanded + added > most:
            self.expanded = -1  # over budget: no more expansion, and this is said once
            self.findings.append(LIMIT_HIT.at(
                f"'${{...}}' expansions make more than {most:,} characters in this workspace "
                f"(limits.max_expanded_chars); this and later ones are left as written",
                line.file, token.line, token.column))
            return token.text
        self.expanded += added
        return _VARIABLE.sub(lambda mt: self.constants.get(mt.group(1), mt.group(0)), token.text)

    def skip_block(self, stream: Stream) -> None:
        """Skip the rest of a block whose opening line was just read."""
        depth = 1
        while depth:
            line = stream.next()
            if line is None:
                return
            if line.words == ["}"]:
                depth -= 1
            elif line.opens_block:
                depth += 1

    def block_lines(self, stream: Stream, opener: Line, what: str):
        """Yield the statements of a block until its ``}``; reports a block never closed."""
        if self.nesting >= MAX_NESTING:
            # real workspaces nest a handful of levels; far deeper would exhaust Python's stack
            self.error(f"blocks nested more than {MAX_NESTING} levels deep; the {what} block is skipped",
                       opener, opener.tokens[0] if opener.tokens else None)
            self.skip_block(stream)
            return
        self.nesting += 1
        try:
            yield from self._block_lines(stream, opener, what)
        finally:
            self.nesting -= 1

    def _block_lines(self, stream: Stream, opener: Line, what: str):
        while True:
            line = stream.next()
            if line is None:
                last = stream.last or opener
                self.error(f"expected '}}' to close the {what} block opened at line {opener.line}",
                           last, last.tokens[-1] if last.tokens else None)
                return
            line = self.expand(line)
            if line.words == ["}"]:
                return
            if line.tokens[0].text == "}" and not line.tokens[0].quoted:
                self.error("expected '}' on a line of its own", line, line.tokens[0])
                return
            if self.directive(stream, line):
                continue
            yield line

    def collect_block(self, stream: Stream) -> list[Line]:
        """The statements of a block whose opening line was just read, its closing ``}`` included."""
        lines: list[Line] = []
        depth = 1
        while depth:
            line = stream.next()
            if line is None:
                break
            lines.append(line)
            if line.words == ["}"]:
                depth -= 1
            elif line.opens_block:
                depth += 1
        return lines

    def args(self, line: Line, start: int) -> list[str]:
        """The arguments of a statement from ``start``, without a trailing ``{``."""
        words = line.tokens[start:]
        if line.opens_block:
            words = words[:-1]
        return [t.text for t in words]

    def expect_block(self, line: Line, what: str) -> bool:
        if not line.opens_block:
            tok = line.tokens[-1]
            self.error(f"expected '{{' after {what}", line, Token(tok.text, tok.line, tok.column + len(tok.text)))
            return False
        return True

    def resolve(self, name: str, line: Line, token: Token | None, ctx: Context | None = None,
                report: bool = True, types: tuple[str, ...] | None = None) -> m.Element | None:
        """The element an identifier names where ``line`` is (of one of ``types`` when it can be)."""
        found = self.register.element(name, ctx.element if ctx else None, types, ctx.env_id if ctx else "")
        if found is None and report:
            tok = token or line.tokens[0]
            self.findings.append(UNKNOWN_IDENTIFIER.at(
                f"unknown identifier '{name}': no element has it", line.file, tok.line, tok.column))
        return found

    # ------------------------------------------------------------------ directives

    def directive(self, stream: Stream, line: Line) -> bool:
        """Handle a ``!`` directive that can appear in any block; True when it was one."""
        word = line.tokens[0].text.lower()
        if line.tokens[0].quoted or not (word.startswith("!") or word in _NOT_APPLIED):
            return False
        if word == "!include":
            self.include(stream, line)
        elif word == "!constant":
            self.findings.append(REMOVED_KEYWORD.at(
                "'!constant' has been removed from the Structurizr DSL; use '!const' (or '!var' for a "
                "value that may change)", line.file, line.tokens[0].line, line.tokens[0].column))
        elif word in ("!const", "!var"):
            if len(line.tokens) < 3:
                self.error(f"expected a name and a value after {word}", line)
            else:
                name = line.tokens[1].text
                if name in self.constants and (word == "!const" or self.constant_kinds.get(name) == "!const"):
                    kind = self.constant_kinds.get(name, "!const")[1:]
                    self.error(f"'{name}' is already defined as a {'constant' if kind == 'const' else 'variable'}"
                               f"{'; a constant cannot be redefined' if kind == 'const' else ''}",
                               line, line.tokens[1])
                elif not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
                    self.error(f"expected a name of letters, digits, '_', '-' or '.' after {word}",
                               line, line.tokens[1])
                else:
                    self.constants[name] = line.tokens[2].text
                    self.constant_kinds[name] = word
        elif word == "!identifiers":
            value = line.tokens[1].text.lower() if len(line.tokens) > 1 else ""
            if value not in ("flat", "hierarchical"):
                self.error("expected 'flat' or 'hierarchical' after !identifiers", line)
            else:
                self.workspace.hierarchical = value == "hierarchical"
                self.register.hierarchical = self.workspace.hierarchical
        elif word == "!impliedrelationships":
            value = line.tokens[1].text.lower() if len(line.tokens) > 1 else ""
            if value in ("false", "none") or value.endswith("defaultimpliedrelationshipsstrategy"):
                self.implied = "none"
            elif value.endswith("unlesssamerelationshipexistsstrategy"):
                self.implied = "same"
            elif value in ("true", "") or value.endswith("unlessanyrelationshipexistsstrategy"):
                self.implied = "any"
            else:
                self.findings.append(UNSUPPORTED.at(
                    f"implied relationships strategy {line.tokens[1].text!r} is not supported; using "
                    f"Structurizr's default", line.file, line.tokens[1].line, line.tokens[1].column))
                self.implied = "any"
        elif word in _JVM_ONLY:
            self.findings.append(UNSUPPORTED.at(
                f"{word} is not supported (it needs a JVM); skipped", line.file, line.line,
                line.tokens[0].column))
            if line.opens_block:
                self.skip_block(stream)
        elif word in _NOT_APPLIED:
            self.findings.append(UNSUPPORTED.at(
                f"{line.tokens[0].text} is not supported yet; skipped", line.file, line.line,
                line.tokens[0].column))
            if line.opens_block:
                self.skip_block(stream)
        else:
            return False  # !docs, !adrs, !ref... are handled where their context is known
        return True

    def include(self, stream: Stream, line: Line) -> None:
        if len(line.tokens) < 2:
            self.error("expected a file or folder after !include", line)
            return
        token = line.tokens[1]
        target = token.text
        if re.match(r"^[a-z][a-z0-9+.-]*://", target, re.IGNORECASE):
            self.findings.append(UNSUPPORTED.at(
                f"!include of a URL ({target}) is not supported: nothing is fetched; skipped",
                line.file, token.line, token.column))
            return
        base = line.folder or self.project.root
        try:
            path = self.project.confine(target, base=base)
        except OutsideProjectError as exc:
            self.findings.append(OUTSIDE_ROOT.at(f"!include {target}: {exc}", line.file,
                                                 token.line, token.column))
            return
        if path.is_dir():
            listing = self.project.list_files(path)
            for refused, reason in listing.refused:
                self.findings.append(OUTSIDE_ROOT.at(f"!include {target}: refused: {reason}",
                                                     line.file, token.line, token.column))
            files = listing.files
        elif path.is_file():
            files = [path]
        else:
            self.findings.append(MISSING_FILE.at(
                f"!include {target}: {self.project.rel(path)} does not exist",
                line.file, token.line, token.column))
            return
        spliced: list[Line] = []
        for file in files:
            try:
                file = self.project.confine(file)
            except OutsideProjectError as exc:
                self.findings.append(OUTSIDE_ROOT.at(f"!include {target}: {exc}", line.file,
                                                     token.line, token.column))
                continue
            if self.project.rel(file) in self.workspace.sources[:1]:
                self.error(f"!include {target} includes the workspace itself", line, token)
                continue
            if not self._within_include_budget(file, line, token):
                break
            self.included[file] = self.included.get(file, 0) + 1
            if self.included[file] > _MAX_INCLUDES:
                if self.included[file] == _MAX_INCLUDES + 1:
                    self.error(f"!include {target}: {self.project.rel(file)} is included over "
                               f"{_MAX_INCLUDES} times (do two files include each other?)", line, token)
                continue
            loaded = self._load(file, line, token)
            if loaded is not None:
                spliced.extend(loaded)
        stream.splice(spliced)

    def _within_include_budget(self, file: Path, line: Line, token: Token) -> bool:
        """Count one more include of ``file`` against ``limits.max_include_count`` and
        ``max_include_bytes`` (a part included fifty times costs fifty times); False, with one
        finding, once either is spent."""
        if self.include_budget_spent:
            return False
        limits = current()
        try:
            size = file.stat().st_size
        except OSError:
            size = 0  # reading it reports the problem
        self.include_count += 1
        self.include_bytes += size
        over = None
        if self.include_count > limits.max_include_count:
            over = f"more than {limits.max_include_count:,} files (limits.max_include_count)"
        elif self.include_bytes > limits.max_include_bytes:
            over = f"more than {limits.max_include_bytes:,} bytes (limits.max_include_bytes)"
        if over is None:
            return True
        self.include_budget_spent = True
        self.findings.append(LIMIT_HIT.at(
            f"!include {token.text}: the workspace includes {over}, counting each time a file is "
            f"included; this and later includes are skipped", line.file, token.line, token.column))
        return False

    def folder_directive(self, line: Line, owner: m.Element | None) -> None:
        """``!docs`` / ``!adrs``: remember the folder (project-relative) for the ADR and docs kinds."""
        word = line.tokens[0].text.lower()
        if len(line.tokens) < 2:
            self.error(f"expected a folder after {word}", line)
            return
        token = line.tokens[1]
        base = line.folder or self.project.root
        try:
            path = self.project.confine(token.text, base=base)
        except OutsideProjectError as exc:
            self.findings.append(OUTSIDE_ROOT.at(f"{word} {token.text}: {exc}", line.file,
                                                 token.line, token.column))
            return
        if not path.exists():
            self.findings.append(MISSING_FILE.at(
                f"{word} {token.text}: {self.project.rel(path)} does not exist",
                line.file, token.line, token.column))
            return
        entry = (self.project.rel(path), owner.id if owner else None)
        decisions = word in ("!adrs", "!decisions")
        target = self.workspace.adr_folders if decisions else self.workspace.docs_folders
        if decisions and owner is not None and entry[0] not in owner.decision_folders:
            owner.decision_folders.append(entry[0])
        if entry not in target:
            target.append(entry)

    # ------------------------------------------------------------------ workspace

    def _top(self, stream: Stream) -> None:
        first: Line | None = None
        while True:
            line = stream.next()
            if line is None:
                return
            line = self.expand(line)
            if self.directive(stream, line):
                continue
            if line.tokens[0].text.lower() != "workspace":
                self.error(f"expected 'workspace', found '{line.tokens[0].text}'", line)
                if line.opens_block:
                    self.skip_block(stream)
                continue
            if first is not None:
                self.error(f"a second workspace: a file holds one workspace (the first is at line "
                           f"{first.line})", line)
                if line.opens_block:
                    self.skip_block(stream)
                continue
            first = line
            self.workspace_statement(stream, line)

    def workspace_statement(self, stream: Stream, line: Line) -> None:
        if not self.workspace.file:
            self.workspace.file = line.file
        args = self.args(line, 1)
        if args and args[0].lower() == "extends" and not line.tokens[1].quoted:
            if len(args) < 2:
                self.error("expected a file after 'workspace extends'", line, line.tokens[1])
            else:
                self.extends(line, line.tokens[2])
            args = args[2:]
        if args:
            self.workspace.name = args[0]
        if len(args) > 1:
            self.workspace.description = args[1]
        if not self.expect_block(line, "workspace"):
            return
        seen: dict[str, Line] = {}
        for inner in self.block_lines(stream, line, "workspace"):
            word = inner.tokens[0].text.lower()
            if word in ("model", "views") and word in seen:
                self.error(f"a second '{word}' block: a workspace has one (the first is at line "
                           f"{seen[word].line})", inner)
                if inner.opens_block:
                    self.skip_block(stream)
                continue
            if word in ("model", "views"):
                seen[word] = inner
            if word == "name" and len(inner.tokens) > 1:
                self.workspace.name = inner.tokens[1].text
            elif word == "description" and len(inner.tokens) > 1:
                self.workspace.description = inner.tokens[1].text
            elif word == "model":
                if self.expect_block(inner, "model"):
                    self.model_block(stream, inner)
            elif word == "views":
                if self.expect_block(inner, "views"):
                    ViewsParser(self).views_block(stream, inner)
            elif word in ("!docs", "!adrs", "!decisions"):
                self.folder_directive(inner, None)
            elif word in ("configuration", "properties", "!extensions"):
                if inner.opens_block:
                    self.skip_block(stream)
            else:
                self.unexpected(stream, inner, "workspace", "'model', 'views', 'name', 'description' "
                                "or a directive")

    def unexpected(self, stream: Stream, line: Line, where: str, expected: str) -> None:
        self.error(f"unexpected '{line.tokens[0].text}' in {where}; expected {expected}", line)
        if line.opens_block:
            self.skip_block(stream)

    def extends(self, line: Line, token: Token) -> None:
        if re.match(r"^[a-z][a-z0-9+.-]*://", token.text, re.IGNORECASE):
            self.findings.append(UNSUPPORTED.at(
                f"workspace extends a URL ({token.text}): not supported, nothing is fetched",
                line.file, token.line, token.column))
            return
        if self.depth > 8:
            self.error("workspace extends too deeply (a cycle?)", line, token)
            return
        base = line.folder or self.project.root
        try:
            path = self.project.confine(token.text, base=base)
        except OutsideProjectError as exc:
            self.findings.append(OUTSIDE_ROOT.at(f"extends {token.text}: {exc}", line.file,
                                                 token.line, token.column))
            return
        if path.suffix.lower() == ".json":
            if not path.is_file():
                self.findings.append(MISSING_FILE.at(f"file {self.project.rel(path)} does not exist",
                                                     line.file, token.line, token.column))
            else:
                read_json_workspace(self.project, path, self.workspace, self.register, self.findings)
            return
        lines = self._load(path, line, token)
        if lines is None:
            return
        self.depth += 1
        self._top(Stream(lines))
        self.depth -= 1

    # ------------------------------------------------------------------ model

    def model_block(self, stream: Stream, opener: Line) -> None:
        self.element_statements(stream, opener, Context(), "model")
        replicate_instance_relationships(self.workspace, self.register, self.removed_replications)

    def element_statements(self, stream: Stream, opener: Line, ctx: Context, what: str) -> None:
        """The statements of the model, a group, an element or a deployment environment."""
        for line in self.block_lines(stream, opener, what):
            self.element_statement(stream, line, ctx, what)

    def element_statement(self, stream: Stream, line: Line, ctx: Context, what: str) -> None:
        element_statement(self, stream, line, ctx, what)


MAX_NESTING = 100


def parse_workspace(project: Project, path: Path, findings: list[Finding]) -> m.Workspace:
    """Parse the workspace file at ``path`` (already confined to the project)."""
    # a bounded list: megabytes of bad DSL would otherwise make a finding per line
    own = BoundedFindings(current().max_findings_per_rule, FINDINGS_CAPPED)
    parser = DslParser(project, own)
    if path.suffix.lower() == ".json":
        # a Structurizr JSON workspace, the second input format
        read_json_workspace(project, path, parser.workspace, parser.register, own)
        parser.workspace.identifiers = parser.register
        workspace = parser.workspace
    else:
        workspace = parser.parse_file(path)
    if not workspace.file:
        workspace.file = project.rel(path)
    resolve_views(workspace, own)
    findings.extend(own)
    findings.extend(own.summaries())
    return workspace

