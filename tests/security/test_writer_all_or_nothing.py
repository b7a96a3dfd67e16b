"""``specsite new adr --supersedes/--amends`` writes all or nothing and keeps bytes it does not edit.

Read-only cases: the tests run as root in CI containers, where the kernel lets root write a file
with mode 0444 or into a folder with mode 0555. The command therefore checks the mode bits as well
as ``os.access``, and these tests make files and folders read-only with ``chmod`` (which works the
same for root and other users); the rollback test makes a rename fail instead.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from project_fixtures import run_cli

from specsite.core import atomic
from specsite.core.atomic import NotWritableError, write_all

MADR_BODY = "# Use REST\n\n## Context and Problem Statement\n\nText stays.\n"
NYGARD = "# 1. Use REST\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n"


def _project(tmp_path: Path, name: str, data: bytes) -> Path:
    (tmp_path / "adrs").mkdir()
    (tmp_path / "adrs" / name).write_bytes(data)
    return tmp_path / "adrs" / name


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _supersede(tmp_path, monkeypatch, *extra: str):
    return run_cli(["new", "adr", "Use gRPC", "--adrs", "adrs", "--supersedes", "1", *extra],
                   tmp_path, monkeypatch)


def test_front_matter_closed_with_dots_is_edited_and_keeps_its_marker(tmp_path, monkeypatch):
    old = _project(tmp_path, "0001-use-rest.md",
                   f"---\nstatus: accepted  # kept\ndate: 2024-03-01\n...\n{MADR_BODY}".encode())
    result = _supersede(tmp_path, monkeypatch)
    assert result.code == 0, result.err
    assert old.read_bytes() == (
        f"---\nstatus: superseded by ADR-0002 # kept\ndate: 2024-03-01\n...\n{MADR_BODY}".encode())
    assert (tmp_path / "adrs/0002-use-grpc.md").exists()
    check = run_cli(["check", "--adrs", "adrs", "--format", "json"], tmp_path, monkeypatch).json()
    assert check["findings"] == []


@pytest.mark.parametrize("front, line", [
    ("status:\taccepted\ndate: 2024-03-01\n", 2),
    ("status: accepted\ndate: 2024-03-01\ndecision-makers:\n\t- Ann\n", 5),
])
def test_tab_in_front_matter_is_a_message_at_its_line_and_nothing_is_written(
        tmp_path, monkeypatch, front, line):
    _project(tmp_path, "0001-use-rest.md", f"---\n{front}---\n{MADR_BODY}".encode())
    before = _snapshot(tmp_path)
    result = _supersede(tmp_path, monkeypatch)
    assert result.code == 2
    assert f"adrs/0001-use-rest.md:{line}: cannot edit the front matter" in result.err
    assert "tab" in result.err and "nothing was written" in result.err
    assert "Traceback" not in result.err
    assert _snapshot(tmp_path) == before


def test_unclosed_front_matter_is_refused(tmp_path, monkeypatch):
    _project(tmp_path, "0001-use-rest.md", f"---\nstatus: accepted\n{MADR_BODY}".encode())
    before = _snapshot(tmp_path)
    result = _supersede(tmp_path, monkeypatch)
    assert result.code == 2 and "adrs/0001-use-rest.md:1: front matter opened with '---'" in result.err
    assert _snapshot(tmp_path) == before


def test_crlf_and_bom_are_kept_in_madr_front_matter(tmp_path, monkeypatch):
    text = f"---\nstatus: accepted\ndate: 2024-03-01\ndecision-makers:\n  - Ann\n---\n{MADR_BODY}"
    old = _project(tmp_path, "0001-use-rest.md",
                   codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode())
    result = _supersede(tmp_path, monkeypatch, "--amends", "1")
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["adrs/0002-use-grpc.md", "updated adrs/0001-use-rest.md"]
    expected = text.replace("status: accepted", "status: superseded by ADR-0002").replace(
        "  - Ann\n", "  - Ann\namended-by:\n  - ADR-0002\n")
    assert old.read_bytes() == codecs.BOM_UTF8 + expected.replace("\n", "\r\n").encode()


def test_crlf_and_bom_are_kept_in_a_nygard_status_section(tmp_path, monkeypatch):
    old = _project(tmp_path, "0001-use-rest.md", codecs.BOM_UTF8 + NYGARD.replace("\n", "\r\n").encode())
    result = _supersede(tmp_path, monkeypatch)
    assert result.code == 0, result.err
    expected = NYGARD.replace("Accepted", "Superseded by [2. Use gRPC](0002-use-grpc.md)")
    assert old.read_bytes() == codecs.BOM_UTF8 + expected.replace("\n", "\r\n").encode()
    # the new decision is a plain UTF-8 file with \n, whatever the old one used
    new = (tmp_path / "adrs/0002-use-grpc.md").read_bytes()
    assert new.startswith(b"# 2. Use gRPC\n") and b"\r" not in new


def test_read_only_old_decision_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    old = _project(tmp_path, "0001-use-rest.md", NYGARD.encode())
    old.chmod(0o444)
    before = _snapshot(tmp_path)
    result = _supersede(tmp_path, monkeypatch)
    assert result.code == 2
    assert result.err.strip() == "specsite: adrs/0001-use-rest.md is read-only; nothing was written"
    assert _snapshot(tmp_path) == before  # in particular no 0002 file


def test_read_only_folder_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    _project(tmp_path, "0001-use-rest.md", NYGARD.encode())
    before = _snapshot(tmp_path)
    (tmp_path / "adrs").chmod(0o555)
    try:
        result = _supersede(tmp_path, monkeypatch)
    finally:
        (tmp_path / "adrs").chmod(0o755)
    assert result.code == 2
    assert result.err.strip() == "specsite: adrs is a read-only folder; nothing was written"
    assert _snapshot(tmp_path) == before


def test_a_failed_rename_rolls_back_every_file(tmp_path, monkeypatch):
    """The second rename (the old decision) fails: the new decision written first is removed."""
    old = _project(tmp_path, "0001-use-rest.md", NYGARD.encode())
    before = _snapshot(tmp_path)
    real_replace, calls = os.replace, []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "Input/output error", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    result = _supersede(tmp_path, monkeypatch)
    assert result.code == 2
    assert "cannot write adrs/0001-use-rest.md: Input/output error; nothing was written" in result.err
    assert _snapshot(tmp_path) == before
    assert [Path(p).name for p in calls] == ["0002-use-grpc.md", "0001-use-rest.md"]
    assert old.read_bytes() == NYGARD.encode()


def test_write_all_refuses_a_target_that_cannot_be_replaced(tmp_path):
    """A folder where a file should go, checked before the first file is written."""
    (tmp_path / "b.md").mkdir()
    with pytest.raises(NotWritableError, match="is not a regular file"):
        write_all([(tmp_path / "a.md", b"a"), (tmp_path / "b.md", b"b")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.md"]


def test_write_all_keeps_the_mode_of_a_replaced_file(tmp_path):
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_all([(target, b"new")])
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left


def test_new_prd_in_a_read_only_folder_is_a_message(tmp_path, monkeypatch):
    (tmp_path / "prds").mkdir()
    (tmp_path / "prds").chmod(0o555)
    try:
        result = run_cli(["new", "prd", "Checkout", "--prds", "prds"], tmp_path, monkeypatch)
    finally:
        (tmp_path / "prds").chmod(0o755)
    assert result.code == 2
    assert result.err.strip() == "specsite: prds is a read-only folder; nothing was written"
    assert list((tmp_path / "prds").iterdir()) == []


@pytest.mark.parametrize("depth", [50, 3000])
def test_deeply_nested_front_matter_is_edited_or_refused_never_a_traceback(tmp_path, monkeypatch, depth):
    """Found by the fuzz test: ruamel recursed past Python's limit on deep front matter."""
    nested = "[" * depth + "]" * depth
    old = _project(tmp_path, "0001-use-rest.md",
                   f"---\nstatus: accepted\ndate: 2024-03-01\ntags: {nested}\n---\n{MADR_BODY}".encode())
    before = _snapshot(tmp_path)
    result = _supersede(tmp_path, monkeypatch)
    assert "Traceback" not in result.err
    if depth == 50:
        assert result.code == 0, result.err
        assert old.read_text().startswith("---\nstatus: superseded by ADR-0002\n")
    else:
        assert result.code == 2
        assert result.err.strip() == ("specsite: adrs/0001-use-rest.md:2: cannot edit the front "
                                      "matter: nested too deeply; nothing was written")
        assert _snapshot(tmp_path) == before
