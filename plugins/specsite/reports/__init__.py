"""Renderers of one findings list: text, JSON, GitHub annotations, SARIF, JUnit, Markdown,
GitLab Code Quality."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..core.findings import Finding


@dataclass
class ReportContext:
    """What some formats need besides the findings: the files that were checked."""

    files: list[str] = field(default_factory=list)
    tool_version: str = ""


Renderer = Callable[[list[Finding], ReportContext], str]


def renderers() -> dict[str, Renderer]:
    """Format name -> renderer, for ``specsite check --format``."""
    from . import github, gitlab, json_report, junit, markdown, sarif, text

    return {
        "text": text.render,
        "json": json_report.render,
        "github": github.render,
        "gitlab": gitlab.render,
        "sarif": sarif.render,
        "junit": junit.render,
        "markdown": markdown.render,
    }
