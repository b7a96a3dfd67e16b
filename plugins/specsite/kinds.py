"""Every spec kind the pipeline runs, in order.

C4 runs first: the folders its workspaces name with ``!adrs`` join the ADR set.
"""

from __future__ import annotations

from .adr.kind import ADR_KIND
from .c4.kind import C4_KIND
from .core.kind import SpecKind
from .openapi.kind import OPENAPI_KIND
from .prd.kind import PRD_KIND
from .runbook.kind import RUNBOOK_KIND

KINDS: list[SpecKind] = [C4_KIND, ADR_KIND, PRD_KIND, OPENAPI_KIND]
KINDS.append(RUNBOOK_KIND)  # runs after the kinds its services and SLOs point into
