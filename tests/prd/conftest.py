"""Fixtures for PRD tests: the PRD kind in the pipeline, spec files in ``tmp_path``."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from prd_helpers import ADR_ACCEPTED, ADR_SUCCESSOR, ADR_SUPERSEDED, FakeKind, write

from specsite.adr.kind import ADR_KIND
from specsite.core.config import SpecsiteConfig
from specsite.core.pipeline import SpecSet, load_specs
from specsite.core.project import Project
from specsite.prd.kind import PRD_KIND


@pytest.fixture
def kinds(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """The pipeline runs ADRs and PRDs (plus, when asked, entities standing in for C4 and APIs)."""
    monkeypatch.setattr("specsite.kinds.KINDS", [ADR_KIND, PRD_KIND])

    def with_entities(ids: list[str]) -> None:
        monkeypatch.setattr("specsite.kinds.KINDS", [ADR_KIND, PRD_KIND, FakeKind(ids)])

    return with_entities


@pytest.fixture
def specs(tmp_path: Path, kinds: Callable) -> Callable[..., SpecSet]:
    """Write PRDs (file name -> text) and the three test ADRs, then run the pipeline."""
    write(tmp_path / "adrs" / "0001-document-store.md", ADR_SUPERSEDED)
    write(tmp_path / "adrs" / "0002-postgres.md", ADR_SUCCESSOR)
    write(tmp_path / "adrs" / "0003-hosted-card-fields.md", ADR_ACCEPTED)

    def run(files: dict[str, str], **options) -> SpecSet:
        for name, text in files.items():
            path = tmp_path / "prds" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        (tmp_path / "prds").mkdir(exist_ok=True)
        config = SpecsiteConfig(prds=["prds"], adrs=["adrs"], **options)
        return load_specs(Project(tmp_path), config, None)

    return run
