"""Every spec kind the pipeline runs, in order."""

from __future__ import annotations

from .adr.kind import ADR_KIND
from .core.kind import SpecKind

KINDS: list[SpecKind] = [ADR_KIND]
