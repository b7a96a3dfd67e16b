"""``specsite new runbook``: write the next numbered runbook as a template with every field.

The file is written atomically or not at all; nothing else is touched.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..core.atomic import NotWritableError, write_atomic
from ..core.config import SpecsiteConfig
from ..core.markdown import slug
from ..core.project import OutsideProjectError, Project
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


class WriteError(Exception):
    """The command cannot do what was asked (no runbook folder, file exists...); nothing written."""


def next_number(documents: list[RunbookDocument]) -> int:
    """One more than the highest runbook number in use (1 for the first runbook)."""
    return max((d.number for d in documents if d.number is not None), default=0) + 1


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
    if path.exists():
        raise WriteError(f"{project.rel(path)} already exists")
    text = TEMPLATE.format(id=runbook_id, title=_yaml_string(title), owner=_yaml_string(owner),
                           date=today.isoformat(), title_text=title)
    try:
        write_atomic(path, text)
    except NotWritableError as exc:
        raise WriteError(f"{project.rel(exc.path)} {exc.reason}; nothing was written") from None
    except UnicodeEncodeError:
        raise WriteError("the title or owner is not valid UTF-8; nothing was written") from None
    except OSError as exc:
        raise WriteError(f"cannot write {project.rel(path)}: {exc.strerror or exc}") from None
    return project.rel(path)


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def new_runbook_in_project(project: Project, config: SpecsiteConfig, title: str, owner: str,
                           today: dt.date) -> str:
    """``specsite new runbook``: the next runbook in the first configured folder (created if
    missing), numbered after the runbooks of every configured folder."""
    if not config.runbooks:
        raise WriteError("no runbook folder: configure 'runbooks' in mkdocs.yml or pass "
                         "--runbooks DIR")
    try:
        folder = project.confine(config.runbooks[0])
    except OutsideProjectError as exc:
        raise WriteError(str(exc)) from None
    documents = read_documents(project, runbook_folders(project, config, []), [])
    return new_runbook(project, folder, documents, title, owner, today)
