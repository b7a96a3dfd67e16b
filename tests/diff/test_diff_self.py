"""``specsite diff`` on this repository between two of its own commits gives a true summary: the
commit that added ADR-0011 (which amends ADR-0006) and changed no other spec."""

from __future__ import annotations

import subprocess

import pytest
from diff_helpers import REPO, diff_json

BASE, HEAD = "3641dbe~1", "3641dbe"


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False)


def _history_available() -> str | None:
    """Why the test cannot run here, or None."""
    if _git("rev-parse", "--git-dir").returncode != 0:
        return "not a git checkout"
    if _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        return "shallow clone"
    for rev in (BASE, HEAD):
        if _git("cat-file", "-e", f"{rev}^{{commit}}").returncode != 0:
            return f"commit {rev} is not in this clone"
    return None


@pytest.mark.skipif(_history_available() is not None, reason=_history_available() or "")
def test_the_commit_that_added_adr_0011(monkeypatch: pytest.MonkeyPatch) -> None:
    code, doc = diff_json(REPO, monkeypatch, BASE, HEAD)
    assert code == 0  # nothing breaking
    changes = {(c["code"], c["entity"]): c for c in doc["changes"]}
    assert set(changes) == {("adr-added", "ADR-0011"), ("adr-links-changed", "ADR-0006")}
    added = changes[("adr-added", "ADR-0011")]
    assert added["head"]["file"] == "adrs/0011-read-yaml-with-libyaml-edit-it-with-ruamel.md"
    assert added["base"] is None and added["level"] == "info"
    amended = changes[("adr-links-changed", "ADR-0006")]
    assert amended["fields"] == [{"path": "links.amended-by", "before": [], "after": ["ADR-0011"]}]
    assert "ADR-0011" in amended["impacted"]
    assert doc["summary"]["new_findings"] == 0
    assert doc["as_of"] == {"date": "2026-11-22", "note": f"committer date of {HEAD}"}
    assert doc["base"]["source"].startswith(f"revision {BASE} (")
