"""Real Structurizr examples from ../shared/corpus (skipped when that folder is not beside the repo)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from specsite.c4.kind import C4_KIND
from specsite.core.config import SpecsiteConfig
from specsite.core.project import Project

#: beside the repository, or where SPECSITE_CORPUS points (a worktree is not beside it)
CORPUS = Path(os.environ.get("SPECSITE_CORPUS") or Path(__file__).resolve().parents[2] / ".." / "shared"
              / "corpus") / "c4"


def export(workspace: str) -> tuple[dict, list]:
    if not (CORPUS / workspace).is_file():
        pytest.skip("the shared corpus is not beside the repository")
    config = SpecsiteConfig(c4=[workspace])
    result = C4_KIND.read(Project(CORPUS.resolve()), config)
    return result.model.export(), result.findings


def test_big_bank_counts_match_structurizr():
    data, findings = export("big-bank-plc/workspace.dsl")
    assert findings == []
    assert len(data["elements"]) == 51
    assert Counter(e["type"] for e in data["elements"]) == {
        "Person": 3, "SoftwareSystem": 4, "Container": 5, "Component": 6, "DeploymentNode": 21,
        "SoftwareSystemInstance": 2, "ContainerInstance": 10}
    containers = [e for e in data["elements"] if e["type"] == "Container"]
    assert {e["parent"] for e in containers} == {"internetBankingSystem"}
    components = [e for e in data["elements"] if e["type"] == "Component"]
    assert {e["parent"] for e in components} == {"apiApplication"}
    assert len(data["relationships"]) == 42
    views = {v["key"]: (v["type"], len(v["elements"]), len(v["relationships"])) for v in data["views"]}
    assert views == {
        "SystemLandscape": ("SystemLandscape", 7, 9),
        "SystemContext": ("SystemContext", 4, 4),
        "Containers": ("Container", 8, 10),
        "Components": ("Component", 11, 13),
        "SignIn": ("Dynamic", 4, 6),
        "DevelopmentDeployment": ("Deployment", 13, 4),
        "LiveDeployment": ("Deployment", 20, 7),
        "MainframeBankingSystemFacade": ("Image", 0, 0),
    }


def test_big_bank_split_workspaces_extend_the_shared_model():
    ibs, findings = export("big-bank-plc/internet-banking-system/workspace.dsl")
    assert findings == []
    assert (len(ibs["elements"]), len(ibs["relationships"])) == (51, 42)
    landscape, findings = export("big-bank-plc/system-landscape/workspace.dsl")
    assert findings == []
    assert [(v["key"], len(v["elements"]), len(v["relationships"])) for v in landscape["views"]] == [
        ("SystemLandscape", 7, 9)]


def test_getting_started():
    data, findings = export("getting-started/workspace.dsl")
    assert findings == []
    assert [e["id"] for e in data["elements"]] == ["user", "softwareSystem"]
    shown = [{k: v[k] for k in ("key", "type", "elements", "relationships")} for v in data["views"]]
    assert shown == [{"key": "SystemContext", "type": "SystemContext",
                      "elements": ["softwareSystem", "user"], "relationships": ["user->softwareSystem"]}]
