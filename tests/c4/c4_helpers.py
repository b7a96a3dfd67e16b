"""Helpers for the C4 tests: parse DSL written into a temporary project (the `dsl` fixture is in conftest.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from specsite.c4.model import Workspace
from specsite.c4.parser import parse_workspace
from specsite.core.findings import Finding
from specsite.core.project import Project

FIXTURES = Path(__file__).parent / "fixtures"


class Parsed:
    """A parsed workspace plus its findings, with small lookups for assertions."""

    def __init__(self, workspace: Workspace, findings: list[Finding]) -> None:
        self.ws = workspace
        self.findings = findings

    def codes(self) -> list[str]:
        return sorted(f.code for f in self.findings)

    def ids(self, type_: str | None = None) -> list[str]:
        return [e.id for e in self.ws.elements if type_ is None or e.type == type_]

    def rels(self) -> list[tuple[str, str, bool]]:
        return [(r.source.id, r.destination.id, r.implied) for r in self.ws.relationships]

    def view(self, key: str) -> dict:
        return next(v for v in self.ws.export()["views"] if v["key"] == key)


@pytest.fixture
def dsl(tmp_path: Path):
    """``dsl(text, **files)``: write ``workspace.dsl`` (and other files) and parse it."""

    def parse(text: str, **files: str) -> Parsed:
        for name, content in files.items():
            name = name.replace("__", "/")
            path = tmp_path / (name[:-4] + ".dsl" if name.endswith("_dsl") else name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(content))
        main = tmp_path / "workspace.dsl"
        main.write_text(textwrap.dedent(text))
        findings: list[Finding] = []
        ws = parse_workspace(Project(tmp_path), main, findings)
        return Parsed(ws, findings)

    return parse


def parse_fixture(path: Path) -> Parsed:
    findings: list[Finding] = []
    ws = parse_workspace(Project(FIXTURES), path, findings)
    return Parsed(ws, findings)
