"""Shared test helpers: write a project into tmp_path, run the CLI, build a real site."""

from __future__ import annotations

import io
import json
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (path -> text, dedented, or bytes) under ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


def run_cli(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch) -> CliResult:
    """Run ``specsite ARGS`` in-process in ``cwd``; usage errors exit with 2 like the real command."""
    from specsite.cli import main

    monkeypatch.chdir(cwd)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return CliResult(code, out.getvalue(), err.getvalue())


MKDOCS_YML = """
site_name: Test
repo_url: https://example.com/org/repo
edit_uri: edit/main/docs/
theme:
  name: material
  font: false
  features: [content.action.edit]
plugins:
  - search
  - specsite:
      adrs: adrs
"""


def build_site(root: Path, strict: bool = True) -> Path:
    """Build the MkDocs site in ``root`` in-process, like ``mkdocs build [--strict]``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return root / "site"


NYGARD_1 = """
# 1. Record architecture decisions

Date: 2024-01-10

## Status

Accepted

## Context

We need to record decisions.

## Decision

We will use ADRs.

## Consequences

See Michael Nygard's article.
"""

NYGARD_2 = """
# 2. Use PostgreSQL

Date: 2024-02-01

## Status

Superseded by [3. Use CockroachDB](0003-use-cockroachdb.md)

## Context

Orders need a database.

## Decision

PostgreSQL.

## Consequences

Operations know it.
"""

NYGARD_3 = """
# 3. Use CockroachDB

Date: 2024-03-01

## Status

Accepted

Supersedes [2. Use PostgreSQL](0002-use-postgresql.md)

## Context

We need multi-region writes; see [[ADR-0001]].

## Decision

CockroachDB.

## Consequences

New operations skills.
"""


@pytest.fixture
def adr_project(tmp_path: Path) -> Path:
    """A small valid project: mkdocs.yml, a docs page and three linked Nygard ADRs."""
    return write_files(tmp_path, {
        "mkdocs.yml": MKDOCS_YML,
        "docs/index.md": "# Home\n\nOur database decision is [[ADR-0003|the CockroachDB one]].\n\n"
                         "Code keeps `[[ADR-9999]]` as it is.\n",
        "adrs/0001-record-architecture-decisions.md": NYGARD_1,
        "adrs/0002-use-postgresql.md": NYGARD_2,
        "adrs/0003-use-cockroachdb.md": NYGARD_3,
        "adrs/README.md": "# Decisions\n\nNot a decision.\n",
        "adrs/template.md": "# N. Title\n\n## Status\n\nWhat?\n",
    })
