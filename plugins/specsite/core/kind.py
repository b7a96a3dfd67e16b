"""What a spec kind (ADRs, PRDs, C4, OpenAPI) provides to the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

from .config import SpecsiteConfig
from .entities import Entity
from .findings import Finding
from .graph import SpecGraph
from .html_table import put_back
from .project import Project


@dataclass
class ReadResult:
    """Entities read from files plus what was wrong with those files."""

    entities: list[Entity] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: files and folders read, so the MkDocs plugin can watch them
    sources: list[str] = field(default_factory=list)
    #: kind-specific model kept for checks and pages (e.g. the parsed C4 workspace)
    model: object | None = None
    #: static files the site gains (images beside specs): docs-tree path -> source file
    assets: dict[str, str] = field(default_factory=dict)
    #: spec sources this kind found for kinds that run after it (e.g. ``!adrs`` folders of a
    #: Structurizr workspace): config option -> project-relative paths
    contributes: dict[str, list[str]] = field(default_factory=dict)
    #: entity-ID prefixes (``c4:``) whose source did not parse -> file and line of the first
    #: error: references into them are not checked (a missing ID there proves nothing), one
    #: XREF002 says so
    unparsed: dict[str, tuple[str, int | None]] = field(default_factory=dict)


@dataclass
class GeneratedPage:
    """A page the site gains: ``path`` inside the docs tree, its Markdown and its source file."""

    path: str
    title: str
    markdown: str
    #: the spec file the page shows, relative to the project root (for the edit link)
    source: str | None = None
    #: what went wrong only while rendering the page (a C4 layout over its work budget); the
    #: MkDocs plugin logs these like the pipeline's findings
    findings: list[Finding] = field(default_factory=list)
    #: whether a navigation built from the files lists the page (see :mod:`.site_map`)
    in_nav: bool = True
    #: raw HTML kept out of Markdown (a table of a thousand rows): marker in ``markdown`` (with
    #: the line break after it, for an exact block) -> the HTML put in its place after Markdown
    #: ran (:class:`.html_table.HtmlBlocks`)
    html: dict[str, str] = field(default_factory=dict)

    def inlined(self) -> str:
        """The page as one Markdown text, each HTML block where its marker stands (Markdown passes
        raw HTML through): for what reads a generated page without the MkDocs plugin."""
        return put_back(self.markdown, self.html)


@dataclass
class SiteContext:
    """What page renderers need to know about the site they render into."""

    use_directory_urls: bool = True
    #: preview sites (``diff_base``): entity ID -> ``added``/``changed``, for diagrams to mark
    diff_marks: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PageUnit:
    """Some of a kind's pages that are made together, and what they are made from besides the
    graph, so ``mkdocs serve`` can reuse them one unit at a time (:mod:`.incremental`).

    ``render`` makes the pages from the graph it is given (and from nothing else that varies but
    ``key``): under serve that graph records what the unit read. Two units of one kind with the
    same ``name`` and equal ``key`` (compared with ``==``, which tries identity first: a parsed
    document kept by :mod:`.file_memo` is the very same object while its file is unchanged) make
    the same pages from graphs that answer the same questions the same way."""

    name: str
    key: object
    render: Callable[[SpecGraph], list[GeneratedPage]]


class SpecKind(Protocol):
    """One kind of spec. ``read`` never raises on bad content: it returns findings.

    A kind may also offer ``page_units(graph, result, site) -> list[PageUnit]`` (see
    :class:`UnitKind`): its pages are then reused unit by unit under ``mkdocs serve``, and its
    ``pages`` should be :func:`render_units` of them so a cold build makes the very same pages."""

    name: str

    def read(self, project: Project, config: SpecsiteConfig) -> ReadResult: ...

    def check(self, graph: SpecGraph, result: ReadResult, config: SpecsiteConfig) -> list[Finding]: ...

    def pages(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list[GeneratedPage]: ...


class UnitKind(SpecKind, Protocol):
    """A kind whose pages come in :class:`PageUnit` s (a PRD's page, an API's pages)."""

    def page_units(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list[PageUnit]:
        """The kind's units in page order; what is made here from ``graph`` (an index shared by
        all units) counts as read by every unit."""
        ...


def render_units(units: list[PageUnit], graph: SpecGraph) -> list[GeneratedPage]:
    """Every page of ``units``, in order (a cold build: nothing is kept)."""
    return [page for unit in units for page in unit.render(graph)]


class SpecView(Protocol):
    """A view across kinds (the roadmap): reads no files; it checks and renders what the kinds
    read, after all of them have, from the graph and their results (kind name -> result)."""

    name: str

    def check(self, project: Project, graph: SpecGraph, results: dict[str, ReadResult],
              config: SpecsiteConfig) -> list[Finding]: ...

    def pages(self, graph: SpecGraph, results: dict[str, ReadResult], config: SpecsiteConfig,
              site: SiteContext) -> list[GeneratedPage]: ...
