"""Roadmap tests run the PRD kind plus, when a test asks, entities standing in for other kinds."""

from __future__ import annotations

from typing import Callable

import pytest
from roadmap_helpers import EntitiesKind

from specsite.core.entities import Entity
from specsite.prd.kind import PRD_KIND


@pytest.fixture(autouse=True)
def prd_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("specsite.kinds.KINDS", [PRD_KIND])


@pytest.fixture
def with_entities(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[Entity]], None]:
    """Add entities of other kinds (C4 elements, debt) to the graph."""
    def add(entities: list[Entity]) -> None:
        monkeypatch.setattr("specsite.kinds.KINDS", [PRD_KIND, EntitiesKind(entities)])
    return add
