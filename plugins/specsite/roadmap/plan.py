"""The roadmap as data: each PRD with its release, lane, milestones and the PRDs it depends on
(its own ``depends_on`` and its requirements', rolled up), the releases in order, and which of
them are Now, Next and Later.

Built from the PRD kind's documents (milestones and their lines) and the spec graph (links as the
PRD kind normalised them, C4 elements for lanes). Every step is linear in the PRDs, requirements
and links.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..core.entities import Link
from ..core.graph import SpecGraph
from ..prd.model import Prd
from ..prd.reader import PrdDocument
from .options import RoadmapOptions
from .releases import UNSCHEDULED, Period, ReleaseOrder, period

#: statuses whose work is done (or abandoned): a release holding only these is behind us
SETTLED = ("shipped", "deprecated")
NO_LANE = {"owner": "No owner", "system": "No software system", "tag": "Untagged", "none": ""}
_SOFTWARE_SYSTEM = "SoftwareSystem"
#: how far up the C4 parent chain a software system is looked for (deployment nodes nest)
_MAX_PARENTS = 32


@dataclass(frozen=True)
class Milestone:
    """A milestone of a PRD with the days its date names (None when free text) and its line."""

    name: str
    date: str | None
    done: bool
    period: Period | None
    line: int
    column: int | None


@dataclass(frozen=True)
class Dependency:
    """``source`` (the PRD or one of its requirements) depends on ``target``, part of PRD
    ``target_prd``; stated by ``link``."""

    source: str
    target: str
    target_prd: str
    link: Link


@dataclass
class Item:
    """One PRD on the roadmap."""

    doc: PrdDocument
    prd: Prd
    release: str | None
    lane: str
    milestones: list[Milestone] = field(default_factory=list)
    depends_on: list[Dependency] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.prd.id

    @property
    def status(self) -> str:
        return self.prd.status

    @property
    def column(self) -> str:
        """The release, or Unscheduled."""
        return self.release or UNSCHEDULED

    def prds_depended_on(self) -> list[str]:
        """The other PRDs this one needs first, each once, in the order stated."""
        return list(dict.fromkeys(d.target_prd for d in self.depends_on if d.target_prd != self.id))


@dataclass
class Roadmap:
    """Every valid PRD as an item, the release order, and the Now / Next / Later split."""

    items: list[Item]
    order: ReleaseOrder
    options: RoadmapOptions
    #: the releases with at least one shown item, in order (Unscheduled last when it has any)
    releases: list[str] = field(default_factory=list)
    now: list[str] = field(default_factory=list)
    next: list[str] = field(default_factory=list)
    later: list[str] = field(default_factory=list)
    earlier: list[str] = field(default_factory=list)
    #: ``current`` releases named in the options that no shown PRD plans
    unknown_current: list[str] = field(default_factory=list)

    @property
    def shown(self) -> list[Item]:
        """The items whose status the options show, in release, lane and number order."""
        statuses = set(self.options.statuses)
        return [i for i in self.items if i.status in statuses]

    def by_id(self) -> dict[str, Item]:
        """Every item (shown or not) by PRD ID."""
        return {i.id: i for i in self.items}


def build(documents: list[PrdDocument], graph: SpecGraph, options: RoadmapOptions) -> Roadmap:
    """The roadmap of ``documents`` (one per PRD ID; invalid ones are left out: their problems
    are findings already)."""
    order = ReleaseOrder(options.releases)
    items = []
    for doc in documents:
        if doc.prd is None:
            continue
        prd = doc.prd
        release = prd.release.strip() if prd.release and prd.release.strip() else None
        items.append(Item(doc, prd, release, _lane(prd, graph, options.lanes),
                          _milestones(doc, prd), _dependencies(prd, graph)))
    items.sort(key=lambda i: (order.key(i.release), i.lane, i.prd.number, i.id))
    roadmap = Roadmap(items, order, options)
    _split(roadmap)
    return roadmap


def _milestones(doc: PrdDocument, prd: Prd) -> list[Milestone]:
    out = []
    for i, m in enumerate(prd.milestones):
        line, column = doc.positions.at(("milestones", i, "date") if m.date else ("milestones", i))
        out.append(Milestone(m.name, m.date, m.done, period(m.date), line, column))
    return out


def _dependencies(prd: Prd, graph: SpecGraph) -> list[Dependency]:
    """``depends_on`` links of the PRD and of its requirements whose target is a PRD or a
    requirement in the graph (unknown targets are PRD008's), each with the target's PRD."""
    sources = [prd.id, *(f"{prd.id}.{r.id}" for r in prd.requirements)]
    out = []
    for source in sources:
        entity = graph.get(source)
        if entity is None:
            continue
        for link in entity.links:
            if link.rel != "depends-on":
                continue
            target = graph.get(link.target)
            if target is None or target.kind not in ("prd", "requirement"):
                continue
            target_prd = target.id if target.kind == "prd" else (target.parent or target.id)
            out.append(Dependency(source, target.id, target_prd, link))
    return out


def _lane(prd: Prd, graph: SpecGraph, lanes: str) -> str:
    if lanes == "owner":
        return prd.owner.strip() or NO_LANE["owner"]
    if lanes == "tag":
        tags = [t.strip() for t in prd.tags if t.strip()]
        return tags[0] if tags else NO_LANE["tag"]
    if lanes == "system":
        return _system(prd, graph) or NO_LANE["system"]
    return ""


def _system(prd: Prd, graph: SpecGraph) -> str | None:
    """The software system most of the PRD's C4 elements (its own and its requirements') belong
    to, by name; ties go to the first name in alphabetical order."""
    names: Counter[str] = Counter()
    entity = graph.get(prd.id)
    sources = [entity] if entity is not None else []
    sources += [e for e in (graph.get(f"{prd.id}.{r.id}") for r in prd.requirements) if e]
    for source in sources:
        for link in source.links:
            if link.rel == "c4":
                system = software_system(graph, link.target)
                if system is not None:
                    names[system] += 1
    if not names:
        return None
    return min(names, key=lambda n: (-names[n], n))


def software_system(graph: SpecGraph, element_id: str) -> str | None:
    """The name of the C4 software system ``element_id`` is or sits in (None when it is in none,
    e.g. a person, or the C4 kind is not configured)."""
    entity = graph.get(element_id)
    for _ in range(_MAX_PARENTS):
        if entity is None or entity.kind != "c4":
            return None
        if entity.attrs.get("type") == _SOFTWARE_SYSTEM:
            return entity.title
        entity = graph.get(entity.parent) if entity.parent else None
    return None


def _split(roadmap: Roadmap) -> None:
    """Releases in order, and Now (the configured ``current`` releases, or the first release with
    a PRD not yet shipped), Next (the release after Now) and Later (the rest, Unscheduled last)."""
    shown = roadmap.shown
    order = roadmap.order
    scheduled = sorted({i.release for i in shown if i.release}, key=order.key)
    roadmap.releases = scheduled + ([UNSCHEDULED] if any(i.release is None for i in shown) else [])
    wanted = roadmap.options.current
    now = [r for r in scheduled if r in wanted]
    roadmap.unknown_current = [r for r in wanted if r not in scheduled]
    if not now:
        open_releases = {i.release for i in shown if i.release and i.status not in SETTLED}
        now = [r for r in scheduled if r in open_releases][:1]
    if not now:  # everything scheduled is shipped: nothing is Now, the unscheduled is Later
        roadmap.earlier = scheduled
        roadmap.later = roadmap.releases[len(scheduled):]
        return
    first, last = scheduled.index(now[0]), scheduled.index(now[-1])
    roadmap.now = scheduled[first:last + 1]  # a release between two current ones is current too
    roadmap.earlier = scheduled[:first]
    after = scheduled[last + 1:]
    roadmap.next = after[:1]
    roadmap.later = after[1:] + roadmap.releases[len(scheduled):]
