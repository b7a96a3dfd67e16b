"""Git repositories in ``tmp_path`` with a base and a head commit, and ways to diff them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Callable

import pytest
from project_fixtures import run_cli

REPO = Path(__file__).resolve().parents[2]
WEBSHOP = REPO / "examples" / "webshop"


def git(root: Path, *args: str, date: str | None = None) -> str:
    """Run git in ``root`` with a fixed identity (and commit date, when given); returns stdout."""
    env = dict(os.environ)
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false",
         "-c", "init.defaultBranch=main", *args],
        cwd=root, capture_output=True, text=True, check=True, env=env)
    return done.stdout


def init(root: Path) -> None:
    """A repository on branch ``main`` with everything in ``root`` committed."""
    git(root, "init", "-q")
    commit(root, "base")


def commit(root: Path, message: str, date: str | None = None) -> None:
    """Commit everything in ``root`` (at ``date``, an ISO 8601 time, when given)."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message, date=date)


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` (which must be there) in a file."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def webshop_repo(tmp_path: Path) -> Path:
    """The example product, committed as the base revision on ``main``."""
    root = tmp_path / "webshop"
    shutil.copytree(WEBSHOP, root, ignore=shutil.ignore_patterns("site", ".cache"))
    init(root)
    return root


def diff_json(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, dict[str, Any]]:
    """``specsite diff ARGS --format json``: exit code and document."""
    result = run_cli(["diff", *args, "--format", "json"], root, monkeypatch)
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)


def by_code(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Changes grouped by code."""
    out: dict[str, list[dict[str, Any]]] = {}
    for change in doc["changes"]:
        out.setdefault(change["code"], []).append(change)
    return out


Mutate = Callable[[Path], None]
