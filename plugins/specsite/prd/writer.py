"""``specsite new prd``: write the next numbered PRD as a skeleton that passes ``specsite check``."""

from __future__ import annotations

from pathlib import Path

from ..core.config import SpecsiteConfig
from ..core.markdown import slug
from ..core.new_spec import WriteError, first_folder, next_number, write_new, yaml_string
from ..core.project import Project
from .kind import prd_folders, read_documents
from .reader import PrdDocument

SKELETON = """---
# Front matter schema: `specsite schema prd`. Requirements are addressed as {id}.R1 and so on.
id: {id}
title: {title}
status: draft          # draft | review | approved | shipped | deprecated
owner: {owner}
reviewers: []
release:               # e.g. 2027-Q1
summary: {summary}
adrs: []               # decisions this relies on, e.g. [ADR-0012]
c4: []                 # architecture elements it touches, e.g. [webshop.checkoutService]
# tags: []             # labels to group PRDs by (the roadmap's tag lanes)
# milestones:          # dated steps, checked against the release (ROAD002)
#   - {{name: beta for 5% of shoppers, date: 2027-02-01}}
# personas: [shopper]  # C4 people it serves (shopper or c4:shopper), or names from `personas`
# user_stories:
#   - as: shopper
#     want: to buy what I am looking at in one step
#     so_that: I do not give up on a small screen
#     requirements: [R1]
requirements:
  - id: R1
    text: What a user can do once this ships, in one sentence.
    priority: must     # must | should | could | wont
    # rice: {{reach: 1000, impact: 1, confidence: 0.8, effort: 2}}  # impact 0.25|0.5|1|2|3
    # ice: {{impact: 7, confidence: 6, ease: 5}}  # each 1-10; score = impact × confidence × ease
    # kano: performance  # must-be | performance | attractive | indifferent | reverse
    acceptance:
      - given: the situation before
        when: the user acts
        then: the observable outcome
    apis: []           # operations that implement it, e.g. [payments#createPayment]
  - id: NFR1
    kind: performance  # functional (default) | performance | security | availability | ...
    text: The quality it must keep, in one sentence.
    priority: should
    target: {{metric: p95 latency, op: "<=", value: 300, unit: ms}}
metrics: []            # e.g. [{{name: checkout conversion, baseline: 3.1%, target: 3.5%}}]
non_goals: []
risks: []
open_questions: []
---
# {title_text}

## Problem

Who has the problem, how often, and what it costs them and us today.

## Context

What we know: research, data, support tickets, earlier attempts.

## User journeys

The journeys this changes, step by step.

## Rollout

How it reaches users: flags, cohorts, migration, what we watch.
"""


def slugify(title: str) -> str:
    """``One-click checkout!`` -> ``one-click-checkout``."""
    return slug(title, "prd", limit=60)


def new_prd(project: Project, folder: Path, documents: list[PrdDocument], title: str,
            owner: str) -> str:
    """Write the next PRD into ``folder``; returns its path relative to the project root.

    ``documents`` are the PRDs of every configured folder, so numbers stay unique across them.
    """
    title = " ".join(title.split())
    if not title:
        raise WriteError("a PRD needs a title")
    owner = " ".join(owner.split()) or "unassigned"
    number = next_number(documents)
    prd_id = f"PRD-{number:04d}"
    path = folder / f"{number:04d}-{slugify(title)}.md"
    text = SKELETON.format(
        id=prd_id, title=yaml_string(title), owner=yaml_string(owner),
        summary=yaml_string("Why this matters, in one or two sentences."),
        title_text=title)
    return write_new(project, path, text, "title or owner")


def new_prd_in_project(project: Project, config: SpecsiteConfig, title: str, owner: str) -> str:
    """``specsite new prd``: the next PRD in the first configured folder (created if missing),
    numbered after the PRDs of every configured folder."""
    folder = first_folder(project, config.prds, "PRD folder", "prds")
    documents = read_documents(project, prd_folders(project, config, []), [])
    return new_prd(project, folder, documents, title, owner)
