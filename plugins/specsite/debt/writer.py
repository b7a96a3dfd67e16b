"""``specsite new debt``: write the next numbered debt item, a template with every field."""

from __future__ import annotations

import json
from pathlib import Path

from ..core.atomic import NotWritableError, write_atomic
from ..core.config import SpecsiteConfig
from ..core.markdown import slug
from ..core.project import OutsideProjectError, Project
from .kind import debt_folders, read_documents
from .reader import DebtDocument

TEMPLATE = """---
# Front matter schema: `specsite schema debt`. Reference this item anywhere as [[{id}]].
id: {id}
title: {title}
quadrant: prudent-inadvertent  # reckless-deliberate | prudent-deliberate | reckless-inadvertent | prudent-inadvertent
status: open                   # open | scheduled | repaid | accepted
elements: []                   # C4 elements that carry it, e.g. [webshop.api]
adrs: []                       # decisions that took it on or will repay it, e.g. [ADR-0012]
interest: 0 hours/month        # what it costs while it stays: <amount> <unit>/<period>
principal: 1 days              # the effort to repay it: hours, days, weeks or months
release:                       # when it is repaid, once scheduled, e.g. 2.4 or 2027-Q1
---
# {title_text}

## What

The shortcut, where it sits and what it makes harder.

## Why

Why it was taken on (or how it was found), and what repaying it involves.
"""


class WriteError(Exception):
    """The command cannot do what was asked (no debt folder, file already exists...)."""


def next_number(documents: list[DebtDocument]) -> int:
    """One more than the highest debt number in use (1 for the first item)."""
    return max((d.number for d in documents if d.number is not None), default=0) + 1


def new_debt(project: Project, folder: Path, documents: list[DebtDocument], title: str) -> str:
    """Write the next debt item into ``folder`` (all or nothing); returns its project path."""
    title = " ".join(title.split())
    if not title:
        raise WriteError("a debt item needs a title")
    number = next_number(documents)
    debt_id = f"DEBT-{number:04d}"
    path = folder / f"{number:04d}-{slug(title, 'debt', limit=60)}.md"
    if path.exists():
        raise WriteError(f"{project.rel(path)} already exists")
    text = TEMPLATE.format(id=debt_id, title=json.dumps(title, ensure_ascii=False),
                           title_text=title)
    try:
        write_atomic(path, text)
    except NotWritableError as exc:
        raise WriteError(f"{project.rel(exc.path)} {exc.reason}; nothing was written") from None
    except UnicodeEncodeError:
        raise WriteError("the title is not valid UTF-8; nothing was written") from None
    except OSError as exc:
        raise WriteError(f"cannot write {project.rel(path)}: {exc.strerror or exc}") from None
    return project.rel(path)


def new_debt_in_project(project: Project, config: SpecsiteConfig, title: str) -> str:
    """``specsite new debt``: the next item in the first configured folder (created if missing),
    numbered after the items of every configured folder."""
    if not config.debt:
        raise WriteError("no debt folder: configure 'debt' in mkdocs.yml or pass --debt DIR")
    try:
        folder = project.confine(config.debt[0])
    except OutsideProjectError as exc:
        raise WriteError(str(exc)) from None
    documents = read_documents(project, debt_folders(project, config, []), [])
    return new_debt(project, folder, documents, title)
