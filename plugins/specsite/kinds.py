"""Every spec kind the pipeline runs, in order, and the views over them.

C4 runs first: the folders its workspaces name with ``!adrs`` join the ADR set. The debt register
runs last (it only links to the others). Views (the roadmap) read no files: they check and render
what the kinds read, after all of them.
"""

from __future__ import annotations

from .adr.kind import ADR_KIND
from .c4.kind import C4_KIND
from .core.kind import SpecKind, SpecView
from .debt.kind import DEBT_KIND
from .openapi.kind import OPENAPI_KIND
from .prd.kind import PRD_KIND
from .roadmap.view import ROADMAP_VIEW
from .runbook.kind import RUNBOOK_KIND

#: runbooks and debt run after the kinds their links point into
KINDS: list[SpecKind] = [C4_KIND, ADR_KIND, PRD_KIND, OPENAPI_KIND, RUNBOOK_KIND, DEBT_KIND]

VIEWS: list[SpecView] = [ROADMAP_VIEW]
