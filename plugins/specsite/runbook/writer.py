"""``specsite new runbook``: write the next numbered runbook as a template with every field.

The file is written atomically or not at all; nothing else is touched.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.config import SpecsiteConfig
from ..core.markdown import slug
from ..core.new_spec import WriteError, first_folder, next_number, write_new, yaml_string
from ..core.project import Project
from .kind import read_documents, runbook_folders
from .reader import RunbookDocument

TEMPLATE = """---
# Front matter schema: `specsite schema runbook`. Other specs link here with [[{id}]].
id: {id}
title: {title}
service: []            # C4 elements it keeps running, e.g. [webshop.checkout]
owner: {owner}
severity: sev2         # sev1 (down: page now) | sev2 (core journey degraded) | sev3 | sev4
triggers: []           # alert names or symptoms, e.g. [CheckoutErrorRateHigh]
slo: []                # requirements it protects, e.g. [PRD-0001.NFR1]
last_reviewed: {date}
review_every: 90       # days between reviews (optional)
---
# {title_text}

## Diagnose

How to tell this is the problem: dashboards, queries, logs to look at first.

## Mitigate

The steps that stop the damage, safest first (roll back, scale out, fail over).

## Escalate

Who to call when mitigation does not work, and after how long.

## Verify

How to know the service is healthy again: the SLO back within target, alerts resolved.
"""


def new_runbook(project: Project, folder: Path, documents: list[RunbookDocument], title: str,
                owner: str, today: dt.date) -> str:
    """Write the next runbook into ``folder``; returns its path relative to the project root.

    ``documents`` are the runbooks of every configured folder, so numbers stay unique across
    them; ``today`` is the ``last_reviewed`` date the template starts with.
    """
    title = " ".join(title.split())
    if not title:
        raise WriteError("a runbook needs a title")
    owner = " ".join(owner.split()) or "unassigned"
    number = next_number(documents)
    runbook_id = f"RB-{number:04d}"
    path = folder / f"{number:04d}-{slug(title, 'runbook', limit=60)}.md"
    text = TEMPLATE.format(id=runbook_id, title=yaml_string(title), owner=yaml_string(owner),
                           date=today.isoformat(), title_text=title)
    return write_new(project, path, text, "title or owner")


def new_runbook_in_project(project: Project, config: SpecsiteConfig, title: str, owner: str,
                           today: dt.date) -> str:
    """``specsite new runbook``: the next runbook in the first configured folder (created if
    missing), numbered after the runbooks of every configured folder."""
    folder = first_folder(project, config.runbooks, "runbook folder", "runbooks")
    documents = read_documents(project, runbook_folders(project, config, []), [])
    return new_runbook(project, folder, documents, title, owner, today)
