"""The one pipeline: read files -> entities -> graph -> checks -> findings (-> pages).

Both front doors (the CLI and the MkDocs plugin) call :func:`load_specs` and nothing else of the
reading and checking machinery.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .config import SpecsiteConfig
from .docs_pages import read_docs_pages
from .entities import Entity, content_hash
from .file_memo import remembering
from .findings import Finding, apply_severities, cap_per_rule
from .gc_pause import collections_paused
from .graph import SpecGraph
from .incremental import PipelineMemo
from .limits import use
from .kind import GeneratedPage, ReadResult, SiteContext, SpecKind, SpecView
from .project import Project
from .rules import FINDINGS_CAPPED, UNCHECKED_REFERENCES, UNKNOWN_REFERENCE
from .site_map import place
from .suggest import IdSuggester


@dataclass
class SpecSet:
    """Everything specsite knows about a project after one run of the pipeline."""

    project: Project
    config: SpecsiteConfig
    graph: SpecGraph
    findings: list[Finding]
    results: dict[str, ReadResult] = field(default_factory=dict)
    kinds: list[SpecKind] = field(default_factory=list)
    views: list[SpecView] = field(default_factory=list)
    #: a serve session's memo: pages of kinds whose inputs did not change are reused from it
    memo: PipelineMemo | None = None

    def pages(self, site: SiteContext) -> list[GeneratedPage]:
        """Every generated page of every kind, sorted by path, placed in the site (listed in the
        navigation, or with up links to the pages above it)."""
        pages: list[GeneratedPage] = []
        # making pages allocates as many long-lived small objects as reading did (gc_pause)
        with use(self.config.limits), collections_paused():
            for kind in self.kinds:
                if self.memo is not None:
                    pages.extend(self.memo.pages(kind, self.graph, self.results[kind.name], site))
                else:
                    pages.extend(kind.pages(self.graph, self.results[kind.name], site))
            # views read the whole graph: they are cheap and always redone
            for view in self.views:
                pages.extend(view.pages(self.graph, self.results, self.config, site))
        entity_pages = {e.page for e in self.graph if e.page and e.kind != "page"}
        return place(sorted(pages, key=lambda p: p.path), entity_pages)

    def sources(self) -> list[str]:
        """Files and folders the specs were read from (absolute), for ``mkdocs serve`` to watch."""
        return sorted({s for r in self.results.values() for s in r.sources})


def load_specs(project: Project, config: SpecsiteConfig, docs_dir: Path | None = None,
               memo: PipelineMemo | None = None) -> SpecSet:
    """Run the whole pipeline; never raises on bad spec content, every problem is a finding.

    ``memo`` (a ``mkdocs serve`` session's) lets unchanged files, kinds and pages be reused from
    the previous build; the result is the same as without it."""
    with use(config.limits), collections_paused(), remembering(memo.files if memo else None):
        if memo is not None:
            memo.start()
        return _load_specs(project, config, docs_dir, memo)


def _load_specs(project: Project, config: SpecsiteConfig, docs_dir: Path | None,
                memo: PipelineMemo | None) -> SpecSet:
    from ..kinds import KINDS, VIEWS

    findings: list[Finding] = []
    graph = SpecGraph()
    results: dict[str, ReadResult] = {}
    for kind in KINDS:
        result = memo.read(kind, project, config) if memo is not None else kind.read(project, config)
        results[kind.name] = result
        config = _with_contributions(config, result.contributes)
        findings.extend(result.findings)
        for entity in result.entities:
            if entity.content_hash is None:
                entity.content_hash = entity_hash(entity)
            graph.add(entity)  # duplicates are reported by each kind's own checks
    if docs_dir is not None:
        for page in read_docs_pages(project, docs_dir, findings):
            graph.add(page)
    for kind in KINDS:
        if memo is not None:
            findings.extend(memo.check(kind, graph, results[kind.name], config))
        else:
            findings.extend(kind.check(graph, results[kind.name], config))
    for view in VIEWS:
        findings.extend(view.check(project, graph, results, config))
    unparsed = {prefix: file for r in results.values() for prefix, file in r.unparsed.items()}
    findings.extend(check_references(graph, unparsed))
    findings = _without_shadowed_references(findings)
    findings = apply_severities(findings, config.rules)
    findings = cap_per_rule(findings, config.limits.max_findings_per_rule, FINDINGS_CAPPED)
    findings = apply_severities(findings, config.rules)  # the summaries' own severity
    return SpecSet(project, config, graph, findings, results, list(KINDS), list(VIEWS), memo)


def entity_hash(entity: Entity) -> str:
    """A hash of what an entity says (title, status, links, attributes) for entities that are a part
    of a file (a requirement, an element, an operation): unchanged hash, unchanged entity."""
    data = entity.to_dict()
    data.pop("page", None)
    return content_hash(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str))


def _with_contributions(config: SpecsiteConfig, contributes: dict[str, list[str]]) -> SpecsiteConfig:
    """``config`` with the sources one kind found for another added (each once, in order)."""
    update = {}
    for option, paths in contributes.items():
        current = list(getattr(config, option))
        update[option] = current + [p for p in paths if p not in current]
    return config.model_copy(update=update) if update else config


#: generic unknown-link findings a kind's own, more precise finding at the same place replaces:
#: XREF001 (any ``[[ID]]``) and C4009 (any typed ``c4:`` link: a runbook's service says RB003, a
#: PRD's persona PRD017, a debt item's element DEBT003). This is the one way a kind reports its
#: own unknown links (ADR-0010): it reports at the link's file, line and column.
_SHADOWABLE = frozenset((UNKNOWN_REFERENCE.code, "C4009"))


def _without_shadowed_references(findings: list[Finding]) -> list[Finding]:
    """Drop an XREF001 or C4009 where a kind reported the same link more precisely (same place)."""
    precise = {(f.file, f.line, f.column) for f in findings
               if f.code not in _SHADOWABLE and f.column is not None}
    return [f for f in findings
            if f.code not in _SHADOWABLE or (f.file, f.line, f.column) not in precise]


def check_references(graph: SpecGraph, unparsed: dict[str, tuple[str, int | None]] | None = None
                     ) -> list[Finding]:
    """``[[ID]]`` references (rel ``references``) must name an entity in the graph.

    Links of any kind into a source that did not parse (``unparsed``: ID prefix -> file) are not
    checked; one XREF002 per such source counts them.
    """
    out = []
    suggester = IdSuggester(e.id for e in graph)
    prefixes = tuple(sorted(unparsed or {}))
    skipped = dict.fromkeys(prefixes, 0)
    for entity in graph:
        for link in entity.links:
            if link.target in graph:
                continue
            prefix = next((p for p in prefixes if link.target.startswith(p)), None)
            if prefix is not None:
                if not entity.id.startswith(prefix):
                    skipped[prefix] += 1
            elif link.rel == "references":
                out.append(UNKNOWN_REFERENCE.at(
                    f"unknown reference [[{link.target}]]: no decision, requirement, element or "
                    f"operation has this ID{suggester.hint(link.target)}",
                    link.file or entity.file, link.line, link.column, entity.id))
    for prefix, count in skipped.items():
        if count:
            file, line = unparsed[prefix]
            out.append(UNCHECKED_REFERENCES.at(
                f"{count} reference(s) to {prefix} IDs not checked: {file} did not parse (the "
                f"error is here)", file, line))
    return out
