"""Reading a side of the diff from git without touching the work tree or the index.

A revision's tree is streamed out of ``git archive`` into a temporary folder: only regular files
and folders are written (symlinks, hard links and devices are skipped, names that would leave the
folder refused), so the side is read exactly as the pipeline reads a checkout, with that
revision's own mkdocs.yml.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

#: candidates for the repository's default branch, in order
DEFAULT_BRANCHES = ("origin/HEAD", "main", "master")


class RevisionError(Exception):
    """A usage problem with git (not a repository, unknown revision): exit code 2."""


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                              check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed; compare saved exports with --base-export "
                            "and --head-export instead") from None


def repository_root(cwd: Path) -> Path:
    """The top of the git repository holding ``cwd``."""
    done = _git(cwd, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise RevisionError(f"{cwd} is not inside a git repository; compare saved exports with "
                            f"--base-export and --head-export instead")
    return Path(done.stdout.strip()).resolve()


def resolve(repo: Path, revision: str) -> str:
    """The commit a revision names; :class:`RevisionError` when it names none."""
    if revision.startswith("-"):
        raise RevisionError(f"unknown revision {revision!r}")
    done = _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if done.returncode != 0 or not done.stdout.strip():
        raise RevisionError(f"unknown revision {revision!r} (not a commit in {repo})")
    return done.stdout.strip()


#: a folder in memory on most Linux systems (tmpfs); see :func:`scratch_parent`
MEMORY_DIR = Path("/dev/shm")


def tree_size(repo: Path, commit: str, subdir: str = "") -> int:
    """The bytes of the files in ``commit``'s tree (under ``subdir``); 0 when unknown."""
    args = ["ls-tree", "-r", "-l", "-z", commit]
    if subdir:
        args += ["--", subdir]
    done = _git(repo, *args)
    total = 0
    for entry in done.stdout.split("\0"):
        fields = entry.split("\t", 1)[0].split()
        if len(fields) == 4 and fields[3].isdigit():
            total += int(fields[3])
    return total


def scratch_parent(size: int) -> str | None:
    """Where a side's files are written while it is read: a folder in memory when there is one
    with room for twice ``size`` (writing and deleting thousands of small files on a busy disk
    cost more than reading them), unless TMPDIR chooses; None for the system's default."""
    if os.environ.get("TMPDIR") or not size or not MEMORY_DIR.is_dir():
        return None
    try:
        if not os.access(MEMORY_DIR, os.W_OK) or shutil.disk_usage(MEMORY_DIR).free < 2 * size + (64 << 20):
            return None
    except OSError:
        return None
    return str(MEMORY_DIR)


def commit_date(repo: Path, commit: str) -> dt.date:
    """The committer date of ``commit``, in the committer's own time zone: the day a change
    landed, the same on every machine (never the wall clock)."""
    done = _git(repo, "log", "-1", "--format=%cI", commit, "--")
    try:
        return dt.date.fromisoformat(done.stdout.strip()[:10])
    except ValueError:
        raise RevisionError(f"cannot read the commit date of {commit[:12]}") from None


@dataclass
class Base:
    """The chosen base commit and how it was chosen."""

    commit: str
    note: str


def default_base(repo: Path, head: str) -> Base:
    """The merge-base of ``head`` with the default branch (origin/HEAD, else main, else master)."""
    for branch in DEFAULT_BRANCHES:
        if _git(repo, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}").returncode != 0:
            continue
        done = _git(repo, "merge-base", head, branch)
        if done.returncode == 0 and done.stdout.strip():
            return Base(done.stdout.strip(), f"merge-base of {head} and {branch}")
    raise RevisionError("no default branch to compare with (origin/HEAD, main and master do not "
                        "exist); name the base revision: specsite diff BASE")


def extract(repo: Path, commit: str, dest: Path, subdir: str = "") -> None:
    """Write the tree of ``commit`` (only ``subdir`` when given) into ``dest``: regular files
    and folders only."""
    args = ["archive", "--format=tar", commit]
    if subdir:
        args += ["--", subdir]
    proc = subprocess.Popen(["git", "-C", str(repo), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None
    root = dest.resolve()
    try:
        with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
            for member in tar:
                name = posixpath.normpath(member.name)
                if name.startswith(("/", "../")) or name == ".." or "\\" in name:
                    continue
                target = root / name
                if member.isdir():
                    target.mkdir(parents=True, exist_ok=True)
                elif member.isreg():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source = tar.extractfile(member)
                    if source is not None:
                        target.write_bytes(source.read())
        # the end-of-archive marker can come before the archive's last block: read what is
        # left, or git dies of SIGPIPE writing it and the side looks unreadable
        while proc.stdout.read(65536):
            pass
    except tarfile.TarError as exc:
        raise RevisionError(f"cannot read revision {commit[:12]}: {exc}") from None
    finally:
        proc.stdout.close()
        stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        code = proc.wait()
    if code != 0:
        # a subdir that does not exist at that revision: the side simply has no files there
        if subdir and "did not match any files" in stderr:
            return
        raise RevisionError(f"git archive {commit[:12]} failed: {stderr.strip()}")
