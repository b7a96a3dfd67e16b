"""``specsite new debt``: write the next numbered debt item, a template with every field."""

from __future__ import annotations

from pathlib import Path

from ..core.config import SpecsiteConfig
from ..core.markdown import slug
from ..core.new_spec import WriteError, first_folder, next_number, write_new, yaml_string
from ..core.project import Project
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


def new_debt(project: Project, folder: Path, documents: list[DebtDocument], title: str) -> str:
    """Write the next debt item into ``folder`` (all or nothing); returns its project path."""
    title = " ".join(title.split())
    if not title:
        raise WriteError("a debt item needs a title")
    number = next_number(documents)
    debt_id = f"DEBT-{number:04d}"
    path = folder / f"{number:04d}-{slug(title, 'debt', limit=60)}.md"
    text = TEMPLATE.format(id=debt_id, title=yaml_string(title),
                           title_text=title)
    return write_new(project, path, text, "title")


def new_debt_in_project(project: Project, config: SpecsiteConfig, title: str) -> str:
    """``specsite new debt``: the next item in the first configured folder (created if missing),
    numbered after the items of every configured folder."""
    folder = first_folder(project, config.debt, "debt folder", "debt")
    documents = read_documents(project, debt_folders(project, config, []), [])
    return new_debt(project, folder, documents, title)
