"""What a ``mkdocs serve`` session keeps from build to build so a save redoes only what it touched
(ADR-0021). One :class:`PipelineMemo` lives in the plugin for the session; ``specsite check`` and
``mkdocs build`` use none and always do everything.

Four levels, each generic over the kinds (a kind needs nothing beyond :class:`.SpecKind`):

- **Files** (:mod:`.file_memo`): a reader re-parses only the files whose content changed.
- **Reads**: a kind's whole :class:`.ReadResult` is reused, the very object, while the files and
  folders it read (``sources``) hash the same and the configuration it was given is the same.
- **Pages**: a kind's pages are reused while its read result is the same object, the site context
  and limits are the same, and every question its pages asked of the graph gets the same answer
  from the new graph (:mod:`.recorded_graph`): editing a decision's prose re-renders the decision
  pages, not the requirement pages that merely link to it by title.

  A kind that offers its pages as units (``page_units``, :class:`.PageUnit`: one PRD's page, the
  PRD overview, one API's pages) is reused **unit by unit** instead (ADR-0024). Its units are
  listed every build (cheap: no page is made); a unit's pages are reused while the kind keeps a
  unit of that name from the last build with an equal ``key`` (the unit's inputs besides the
  graph, e.g. the very parsed document), the site context and limits are the same, every
  question the unit's ``render`` asked of the graph answers the same, and so does every question
  asked while the units were listed (indexes shared by all units). Other units are made again.
  Pages come out in unit order, as :func:`.render_units` makes them in a cold build, so a rebuild
  equals a cold build. Editing one requirement redoes its PRD's page and the overview pages, not
  the other 999 PRD pages.

- **Checks**: a kind's findings are reused on the same terms as its pages (same read result,
  same configuration, same answers from the graph); the pipeline's own cross-kind checks
  (``[[ID]]`` references) always run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .config import SpecsiteConfig
from .file_memo import FileMemo
from .findings import Finding
from .graph import SpecGraph
from .inputs import InputHashes
from .kind import GeneratedPage, PageUnit, ReadResult, SiteContext, SpecKind
from .limits import current
from .project import Project
from .recorded_graph import Reads, RecordingGraph, still_true


@dataclass
class _KeptRead:
    settings: str
    sources: list[str]
    digest: str
    result: ReadResult


@dataclass
class _KeptPages:
    result: ReadResult
    settings: str
    reads: Reads
    pages: list[GeneratedPage]


@dataclass
class _KeptUnit:
    key: Any
    #: what was asked of the graph while the units were listed (shared by the units of a build)
    shared: Reads
    reads: Reads
    pages: list[GeneratedPage]


@dataclass
class _KeptUnits:
    settings: str
    units: dict[str, _KeptUnit]


@dataclass
class _KeptFindings:
    result: ReadResult
    settings: str
    reads: Reads
    findings: list[Finding]


class PipelineMemo:
    """Reads and pages of each kind, kept for the next build of a serve session."""

    def __init__(self) -> None:
        self.inputs = InputHashes()
        self.files = FileMemo(self.inputs)
        self._reads: dict[str, _KeptRead] = {}
        self._pages: dict[str, _KeptPages] = {}
        self._units: dict[str, _KeptUnits] = {}
        self._checks: dict[str, _KeptFindings] = {}
        #: kinds whose read result / checks / pages the last build reused (for the log and tests);
        #: a kind with page units is in ``reused_pages`` when it reused every unit it had before
        self.reused_reads: set[str] = set()
        self.reused_checks: set[str] = set()
        self.reused_pages: set[str] = set()
        #: (kind, unit name) of the page units the last build reused, and of those it made
        self.reused_units: set[tuple[str, str]] = set()
        self.made_units: set[tuple[str, str]] = set()

    def start(self) -> None:
        """A build begins."""
        self.reused_reads, self.reused_checks, self.reused_pages = set(), set(), set()
        self.reused_units, self.made_units = set(), set()

    def read(self, kind: SpecKind, project: Project, config: SpecsiteConfig) -> ReadResult:
        """``kind.read(project, config)``, or the previous build's result while its inputs are
        unchanged."""
        settings = config.model_dump_json() + "\0" + _existing(project, config)
        kept = self._reads.get(kind.name)
        before = None
        if kept is not None and kept.settings == settings:
            before = self._digest(project, kept.sources)
            if before == kept.digest:
                self.reused_reads.add(kind.name)
                return kept.result
        result = kind.read(project, config)
        sources = sorted(result.sources)
        after = self._digest(project, sources)
        # a file saved while the kind read it may be read in either state: file the result under
        # the state seen before the read, which a later build will not match
        digest = before if before is not None and kept is not None and kept.sources == sources \
            else after
        self._reads[kind.name] = _KeptRead(settings, sources, digest, result)
        return result

    def _digest(self, project: Project, sources: Iterable[str]) -> str:
        return self.inputs.digest(project, [Path(s) for s in sources])

    def check(self, kind: SpecKind, graph: SpecGraph, result: ReadResult,
              config: SpecsiteConfig) -> list[Finding]:
        """``kind.check(...)``, or the previous build's findings while the kind's read result is
        the same object, the configuration is the same and every graph read answers the same."""
        settings = config.model_dump_json()
        kept = self._checks.get(kind.name)
        if kept is not None and kept.result is result and kept.settings == settings and \
                still_true(kept.reads, graph):
            self.reused_checks.add(kind.name)
            return list(kept.findings)
        recording = RecordingGraph(graph)
        findings = kind.check(recording, result, config)  # type: ignore[arg-type]  # the graph's read API
        self._checks[kind.name] = _KeptFindings(result, settings, recording.reads, list(findings))
        return findings

    def pages(self, kind: SpecKind, graph: SpecGraph, result: ReadResult,
              site: SiteContext) -> list[GeneratedPage]:
        """``kind.pages(...)``, or the previous build's pages while nothing they were made from
        changed."""
        settings = repr(site) + "\0" + current().model_dump_json()
        if hasattr(kind, "page_units"):
            return self._unit_pages(kind, graph, result, site, settings)
        kept = self._pages.get(kind.name)
        if kept is not None and kept.result is result and kept.settings == settings and \
                still_true(kept.reads, graph):
            self.reused_pages.add(kind.name)
            return kept.pages
        recording = RecordingGraph(graph)
        pages = kind.pages(recording, result, site)  # type: ignore[arg-type]  # the graph's read API
        self._pages[kind.name] = _KeptPages(result, settings, recording.reads, pages)
        return pages

    def _unit_pages(self, kind: SpecKind, graph: SpecGraph, result: ReadResult, site: SiteContext,
                    settings: str) -> list[GeneratedPage]:
        """The pages of a kind with page units: each unit's kept pages while nothing it was made
        from changed, the others made again."""
        listing = RecordingGraph(graph)
        units: list[PageUnit] = kind.page_units(listing, result, site)  # type: ignore[attr-defined]
        kept = self._units.get(kind.name)
        before = kept.units if kept is not None and kept.settings == settings else {}
        # the questions asked while the units were listed, answered once per build they came from
        shared_true: dict[int, bool] = {}

        def shared_still_true(reads: Reads) -> bool:
            if id(reads) not in shared_true:
                shared_true[id(reads)] = still_true(reads, graph)
            return shared_true[id(reads)]

        pages: list[GeneratedPage] = []
        now: dict[str, _KeptUnit] = {}
        for unit in units:
            if unit.name in now:
                raise ValueError(f"two page units of kind {kind.name!r} are named {unit.name!r}")
            old = before.get(unit.name)
            if old is not None and old.key == unit.key and shared_still_true(old.shared) and \
                    still_true(old.reads, graph):
                self.reused_units.add((kind.name, unit.name))
                now[unit.name] = old
            else:
                recording = RecordingGraph(graph)
                made = unit.render(recording)  # type: ignore[arg-type]  # the graph's read API
                self.made_units.add((kind.name, unit.name))
                now[unit.name] = _KeptUnit(unit.key, listing.reads, recording.reads, made)
            pages.extend(now[unit.name].pages)
        if kept is not None and kept.settings == settings and now.keys() == before.keys() and \
                all(now[name] is before[name] for name in now):
            self.reused_pages.add(kind.name)
        self._units[kind.name] = _KeptUnits(settings, now)
        return pages


def _existing(project: Project, config: SpecsiteConfig) -> str:
    """Which configured paths exist (options that are lists of paths: ``adrs``, ``prds``, a new
    kind's folders): a folder that appears is read, though no source of the last read named it."""
    present = []
    for name, value in sorted(config):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            present += [f"{name}={v}:{int(project.absolute(v).exists())}" for v in value]
    return ",".join(present)
