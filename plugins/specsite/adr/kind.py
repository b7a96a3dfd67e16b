"""ADRs as a spec kind: read the configured folders, check them, render their pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..core.config import SpecsiteConfig
from ..core.entities import Entity, Link
from ..core.file_memo import parsed
from ..core.findings import Finding
from ..core.graph import SpecGraph
from ..core.kind import GeneratedPage, PageUnit, ReadResult, SiteContext, render_units
from ..core.project import Project
from ..core.sources import configured_paths, spec_files
from ..core.xref import Reference, normalise, scan
from . import checks, pages
from .model import Decision, StatedLink
from .reader import is_decision_file, read_decision

PAGE_DIR = "decisions"


@dataclass
class AdrModel:
    """The decisions as read, with every stated link resolved to an ID (or ``None``)."""

    decisions: list[Decision] = field(default_factory=list)
    resolved: dict[tuple[str, int], str | None] = field(default_factory=dict)
    folders: list[Path] = field(default_factory=list)
    #: non-Markdown files in ADR folders (images), by path relative to their folder
    assets: dict[str, Path] = field(default_factory=dict)

    def target(self, decision: Decision, index: int) -> str | None:
        """The ID the ``index``-th stated link of ``decision`` resolves to, if any."""
        return self.resolved.get((decision.file, index))

    def id_for_href(self, href: str) -> str | None:
        """The decision a relative link such as ``0009-help-scripts.md#x`` points at, if any."""
        if "://" in href or href.startswith(("#", "/", "mailto:")):
            return None
        name = href.split("#")[0].rstrip("/").rsplit("/", 1)[-1].lower()
        return self._by_file_name.get(name)

    @cached_property
    def _by_file_name(self) -> dict[str, str]:
        # built once all decisions are read; file names win over stems (first decision wins)
        names: dict[str, str] = {}
        for d in reversed(self.decisions):
            names[Path(d.path_name).stem.lower()] = d.id
        for d in reversed(self.decisions):
            names[d.path_name.lower()] = d.id
        return names


def adr_folders(project: Project, config: SpecsiteConfig, findings: list[Finding]) -> list[Path]:
    """The configured ADR folders, confined to the project; problems become findings."""
    return configured_paths(project, config.adrs, "ADR folder", findings, "dir")


class AdrKind:
    """The ADR spec kind."""

    name = "adr"

    def read(self, project: Project, config: SpecsiteConfig) -> ReadResult:
        findings: list[Finding] = []
        model = AdrModel(folders=adr_folders(project, config, findings))
        prose: dict[str, tuple[list[Reference], str | None]] = {}
        for folder in model.folders:
            for path in spec_files(project, folder, findings):
                if is_decision_file(path):
                    read = parsed("adr", path, findings, lambda found, p=path: _read(project, p, found))
                    if read is not None:
                        model.decisions.append(read[0])
                        prose[read[0].file] = read[1:]
                elif path.suffix.lower() not in (".md", ".markdown"):
                    model.assets.setdefault(path.relative_to(folder).as_posix(), path)
        _resolve_links(model)
        entities = [_entity(d, model, *prose[d.file]) for d in model.decisions]
        assets = {f"{PAGE_DIR}/{name}": str(path) for name, path in sorted(model.assets.items())}
        return ReadResult(entities, findings, [str(f) for f in model.folders], model, assets)

    def check(self, graph: SpecGraph, result: ReadResult, config: SpecsiteConfig) -> list[Finding]:
        return checks.check_all(result.model, graph, config)

    def pages(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list[GeneratedPage]:
        return render_units(self.page_units(graph, result, site), graph)

    def page_units(self, graph: SpecGraph, result: ReadResult, site: SiteContext) -> list[PageUnit]:
        """The index, timeline and graph as one unit, each decision's page as another."""
        if not isinstance(result.model, AdrModel) or not result.model.decisions:
            return []  # a section exists only when it has content (an empty index is noise)
        return pages.units(result.model, site)


def page_of(adr_id: str) -> str:
    """The generated page of a decision, in the docs tree."""
    return f"{PAGE_DIR}/{adr_id}.md"


def _resolve_links(model: AdrModel) -> None:
    ids = {d.id for d in model.decisions}
    by_stem = {Path(d.path_name).stem.lower(): d.id for d in model.decisions}
    for d in model.decisions:
        for i, link in enumerate(d.links):
            model.resolved[(d.file, i)] = (
                (model.id_for_href(link.href) if link.href else None)
                or _resolve_text(link, by_stem, ids))


def _resolve_text(link: StatedLink, by_stem: dict, ids: set) -> str | None:
    """A link given as text: ``ADR-5``, ``9. Help scripts`` or a log4brains slug."""
    raw = link.raw.strip()
    candidate = normalise(raw)
    if candidate in ids:
        return candidate
    m = re.match(r"^(?:ADR[- ]?)?(\d{1,5})\b(?!\d)", raw, re.IGNORECASE)
    if m and not re.match(r"^\d{8}-", raw):
        number_id = f"ADR-{int(m.group(1)):04d}"
        if number_id in ids:
            return number_id
    if raw.lower() in by_stem:
        return by_stem[raw.lower()]
    return None


_HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def decision_text(body: str) -> str | None:
    """The text of the decision section (``## Decision``, MADR's ``## Decision Outcome``), for
    reviews that flag edits to an accepted decision; ``None`` when there is no such section."""
    lines, level, out, in_fence = body.split("\n"), 0, None, False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        h = None if in_fence else _HEADING.match(line)
        if out is not None:
            if h and len(h.group(1)) <= level:
                break
            out.append(line)
        elif h and h.group(2).strip().lower() in ("decision", "decision outcome"):
            level, out = len(h.group(1)), []
    return "\n".join(out).strip() if out is not None else None


def _read(project: Project, path: Path, findings: list[Finding]
          ) -> tuple[Decision, list[Reference], str | None] | None:
    """One decision file parsed, with the ``[[ID]]`` references of its body and the text of its
    decision section (kept with the parse: under ``mkdocs serve`` an unchanged file costs neither)."""
    d = read_decision(project, path, findings)
    return None if d is None else (d, scan(d.body, d.body_line), decision_text(d.body))


def _entity(d: Decision, model: AdrModel, references: list[Reference], decision: str | None) -> Entity:
    links = []
    for i, link in enumerate(d.links):
        target = model.target(d, i)
        if target:
            links.append(Link(link.rel, target, d.file, link.line, None, link.raw))
    for element, line in d.elements:
        links.append(Link("c4", f"c4:{element}", d.file, line, None, element))
    for ref in references:
        links.append(Link("references", ref.target, d.file, ref.line, ref.column, ref.label))
    attrs = {"date": d.date, "number": d.number, "format": d.format, "tags": d.tags,
             "decision": decision}
    attrs.update({key.replace("-", "_"): value for key, value in sorted(d.people.items())})
    return Entity(
        id=d.id, kind="adr", title=d.title or d.path_name, status=d.status, file=d.file,
        line=d.title_line, links=links, attrs=attrs, page=page_of(d.id),
        content_hash=d.content_hash, body=d.body, body_line=d.body_line)


ADR_KIND = AdrKind()
