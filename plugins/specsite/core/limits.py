"""Resource limits: how much work one untrusted spec may ask for.

A pull request can hold a few hundred bytes that expand to billions of nodes, nest past the C
stack, or ask a layout engine for hours of work. Every such path is bounded by one of these
limits; a spec over a limit gets a finding (``SPEC006``, or the kind's own rule where the fallback
is specific, such as ``C4014``), never a hung or crashed build. The defaults are far above every
real specification we know of (GitHub's 13 MB REST description, Kubernetes', Structurizr's Big
Bank), so only hostile or broken input reaches them.

The pipeline makes the configured limits current with :func:`use` for the duration of a run:
the shared readers that enforce them (text files, YAML, front matter) sit far below the
configuration and would otherwise need it threaded through every kind.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field


class Limits(BaseModel):
    """The ``limits`` option: every bound specsite puts on work a spec can ask for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_file_bytes: int = Field(
        32 * 1024 * 1024, gt=0,
        description="Largest spec file read, in bytes (GitHub's REST description is 13 MB).")
    max_nesting: int = Field(
        256, gt=0, le=400,
        description="Deepest nesting of YAML or JSON collections (block or flow); real "
                    "descriptions nest about 30 deep. At most 400: the checks walk nested data "
                    "in Python, whose stack holds about a thousand calls.")
    max_yaml_nodes: int = Field(
        2_000_000, gt=0,
        description="Most nodes in one YAML document once every alias is expanded (GitHub's "
                    "description has about 260,000).")
    max_expanded_chars: int = Field(
        1_000_000, gt=0,
        description="Most characters `${NAME}` expansions (Structurizr `!const`/`!var`) may add in one "
                    "workspace.")
    max_include_count: int = Field(
        500, gt=0,
        description="Most `!include`d files (counted each time) in one workspace.")
    max_include_bytes: int = Field(
        2 * 1024 * 1024, gt=0,
        description="Most bytes of `!include`d files (counted each time) in one workspace "
                    "(Structurizr's Big Bank workspace is 30 kB in all).")
    max_layout_elements: int = Field(
        300, gt=0,
        description="Most elements in one C4 view laid out by Graphviz; a larger view is drawn "
                    "as a grid (C4014).")
    max_layout_relationships: int = Field(
        600, gt=0,
        description="Most relationships in one C4 view laid out by Graphviz; more are drawn as "
                    "a grid (C4014).")
    max_layout_work: int = Field(
        4_000_000_000, gt=0,
        description="Graphviz work budget per view, in WebAssembly fuel (about one unit per "
                    "instruction: a second or two); a view over it is drawn as a grid (C4014). "
                    "Big Bank's views need 15 million at most.")
    max_findings_per_rule: int = Field(
        2000, ge=0,
        description="Findings reported per rule code; the rest are counted in one SPEC007 "
                    "summary (0: no cap). GitHub's description has 1,471 untraced operations.")


_CURRENT: ContextVar[Limits] = ContextVar("specsite_limits", default=Limits())


def current() -> Limits:
    """The limits of the run in progress (the defaults outside one)."""
    return _CURRENT.get()


@contextmanager
def use(limits: Limits) -> Iterator[Limits]:
    """Make ``limits`` current inside the ``with`` block."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)
