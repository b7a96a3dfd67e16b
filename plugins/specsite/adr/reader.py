"""Reading decision records in the formats teams already use.

- Nygard / adr-tools: ``# 5. Title``, ``Date: 2016-02-13``, a ``## Status`` section holding the
  status word and link lines (``Amended by [9. Help scripts](0009-help-scripts.md)``).
- MADR 2: ``* Status: accepted`` / ``* Deciders:`` / ``* Date:`` bullets under the title.
- MADR 3 and 4: YAML front matter (``status``, ``date``, ``deciders`` or ``decision-makers``,
  ``consulted``, ``informed``).
- log4brains: ``YYYYMMDD-slug.md`` files with ``- Status:`` / ``- Date:`` bullets.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..core.entities import content_hash
from ..core.findings import Finding
from ..core.frontmatter import split
from ..core.headings import atx_heading
from ..core.project import Project
from ..core.textfile import read_text
from .model import Decision, StatedLink, rel_name

_NUMBERED = re.compile(r"^(\d{1,5})(?=[-_. ])")
_DATED = re.compile(r"^\d{8}-")
_FENCE = re.compile(r"^\s*(```|~~~)")
_NUMBERED_TITLE = re.compile(r"^(?:ADR[- ]?)?(\d+)[.:)]?\s+(.+)$", re.IGNORECASE)
#: the value is trimmed in Python: a lazy ``(.*?)\s*$`` is quadratic on a line of blanks
_META_LINE = re.compile(
    r"^\s*(?:[*+-]\s+)?(?:\*\*|__)?(status|date|deciders|decision[- ]makers|consulted|informed|tags)"
    r"(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(r"^\s*Date\s*:(.*)$", re.IGNORECASE)
#: link text holds no ``[``: with it, each ``[`` of a long run would scan to the end of the line
_MD_LINK = re.compile(r"\[([^\[\]]*+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*+\")?\s*\)")
_ADR_TOKEN = re.compile(r"\bADR[- ]?\d+\b|\b\d{8}-[\w-]+\b", re.IGNORECASE)

NOT_DECISIONS = {"readme.md", "index.md", "template.md", "adr-template.md", "_template.md"}
LINK_KEYS = ("supersedes", "superseded-by", "superseded_by", "amends", "amended-by", "amended_by")
PEOPLE_KEYS = {"deciders": "decision-makers", "decision-makers": "decision-makers",
               "decision makers": "decision-makers", "consulted": "consulted", "informed": "informed"}


def is_decision_file(path: Path) -> bool:
    """Markdown files that are decisions: templates, indexes and READMEs are not."""
    name = path.name.lower()
    if path.suffix.lower() not in (".md", ".markdown") or name.startswith((".", "_")):
        return False
    return name not in NOT_DECISIONS and "template" not in name


def decision_id(path: Path, heading_number: int | None = None) -> tuple[str, int | None]:
    """``0007-x.md`` -> ``ADR-0007``; log4brains ``20200924-x.md`` and unnumbered files ->
    ``ADR-<file stem>``; an unnumbered file with ``# 7. Title`` -> ``ADR-0007``."""
    stem = path.stem
    m = _NUMBERED.match(stem)
    if m and not _DATED.match(stem):
        number = int(m.group(1))
        return f"ADR-{number:04d}", number
    if heading_number is not None and not _DATED.match(stem):
        return f"ADR-{heading_number:04d}", heading_number
    return f"ADR-{stem}", None


def read_decision(project: Project, path: Path, findings: list[Finding]) -> Decision | None:
    """Parse one decision file; problems become findings, never exceptions."""
    rel = project.rel(path)
    text = read_text(project, path, findings)
    if text is None:
        return None
    fm = split(text, rel, findings)
    lines = fm.body.split("\n")
    first = fm.body_line

    title, title_line, heading_number = None, 1, None
    sections: list[str] = []
    status_section: list[tuple[int, str]] = []
    links_section: list[tuple[int, str]] = []  # log4brains / MADR "## Links": "- Refined by [x](x.md)"
    preamble: list[tuple[int, str]] = []
    current: str | None = None
    in_fence = False
    for offset, line in enumerate(lines):
        number = first + offset
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        h = atx_heading(line)
        if h:
            level, text_h = h[0], h[1].strip()
            if level == 1 and title is None:
                title_line = number
                m = _NUMBERED_TITLE.match(text_h)
                if m:
                    heading_number, text_h = int(m.group(1)), m.group(2).strip()
                title = text_h
                current = "#preamble"
                continue
            sections.append(text_h.lower())
            current = text_h.lower()
            continue
        if current is None or current == "#preamble":
            preamble.append((number, line))
        elif current == "status" and line.strip():
            status_section.append((number, line.strip()))
        elif current == "links" and line.strip():
            links_section.append((number, re.sub(r"^\s*[*+-]\s+", "", line).strip()))

    meta: dict[str, tuple[Any, int]] = {}
    for key, value in fm.data.items():
        meta[key.lower()] = (value, fm.key_lines.get(key, 1))
    for number, line in preamble:
        m = _META_LINE.match(line)
        if m:
            meta.setdefault(m.group(1).lower().replace("_", "-"), (m.group(2).rstrip(), number))
    if "title" in meta and not title:
        title, title_line = str(meta["title"][0]), meta["title"][1]

    status, status_line, links = None, None, []
    if "status" in meta and meta["status"][0] not in (None, ""):
        status, status_line, links = _parse_status(str(meta["status"][0]), meta["status"][1])
    for number, line in status_section:
        s, _, found = _parse_status(line, number)
        links.extend(found)
        if status is None and s:
            status, status_line = s, number
    for number, line in links_section:
        _, _, found = _parse_status(line, number)
        links.extend(link for link in found if _points_at_decision(link))
    for key in LINK_KEYS:
        if key in meta and meta[key][0]:
            values = meta[key][0] if isinstance(meta[key][0], list) else [meta[key][0]]
            for value in values:
                m = _MD_LINK.search(str(value))
                raw, href = (m.group(1), m.group(2)) if m else (str(value), None)
                links.append(StatedLink(rel_name(key.replace("-", " ").replace("_", " ")), raw, href,
                                        meta[key][1]))
    if status is None and any(l.rel == "superseded-by" for l in links):
        status, status_line = "superseded", next(l.line for l in links if l.rel == "superseded-by")

    date_raw, date_line = None, None
    if "date" in meta and meta["date"][0] not in (None, ""):
        date_raw, date_line = meta["date"][0], meta["date"][1]
    if date_raw is None:
        for number, line in preamble + status_section:
            m = _DATE_LINE.match(line)
            if m and m.group(1):
                value = m.group(1).strip()
                # a value of blanks reads as one blank, as the regex this replaces read it
                date_raw, date_line = value or m.group(1)[-1], number
                break
    date = _iso_date(date_raw)

    people = {}
    for key, canonical in PEOPLE_KEYS.items():
        if key in meta and meta[key][0]:
            people.setdefault(canonical, _names(meta[key][0]))
    tags = _names(meta["tags"][0]) if "tags" in meta and meta["tags"][0] else []

    elements = []
    if "c4" in fm.data and fm.data["c4"]:
        values = fm.data["c4"] if isinstance(fm.data["c4"], list) else [fm.data["c4"]]
        elements = [(str(v).strip().removeprefix("c4:"), fm.key_lines.get("c4", 1)) for v in values]

    adr_id, number = decision_id(path, heading_number)
    if _DATED.match(path.stem):
        fmt = "log4brains"
    elif fm.present and ("status" in fm.data or "date" in fm.data):
        fmt = "madr"
    elif status_section:
        fmt = "nygard"
    elif "status" in meta:
        fmt = "madr2"
    else:
        fmt = "markdown"
    return Decision(
        id=adr_id, file=rel, path_name=path.name, number=number, heading_number=heading_number,
        title=title, title_line=title_line, status=status, status_line=status_line,
        date=date, date_raw=None if date_raw is None else str(date_raw), date_line=date_line,
        people=people, tags=tags, links=links, elements=elements, sections=sections, format=fmt,
        body=fm.body, body_line=fm.body_line, content_hash=content_hash(text),
    )


def _parse_status(value: str, line: int) -> tuple[str | None, int, list[StatedLink]]:
    """``Accepted`` -> status; ``superseded by [ADR-5](0005-x.md)`` -> status and link;
    ``Amended by [9. Help scripts](0009-help-scripts.md)`` -> link only (status None)."""
    value = value.strip().strip("*_").strip()
    target = _MD_LINK.search(value) or _ADR_TOKEN.search(value)
    if not target:
        word = re.sub(r"[*_`]", "", value).strip().rstrip(".").strip().lower()
        m = re.match(r"^(draft|proposed|accepted|rejected|deprecated|superseded)\b", word)
        return (m.group(1) if m else word) or None, line, []
    words = value[: target.start()].strip().rstrip(":").strip()
    if not re.fullmatch(r"[A-Za-z][A-Za-z -]{0,40}", words):
        return None, line, []
    if isinstance(target.re, type(_MD_LINK)) and target.re is _MD_LINK:
        raw, href = target.group(1), target.group(2)
    else:
        raw, href = target.group(0), None
    rel = rel_name(words)
    status = None
    if rel == "superseded-by":
        status = "superseded"
    elif rel.endswith("-by") and rel.split("-")[0] in ("deprecated", "rejected"):
        status = rel.split("-")[0]
    return status, line, [StatedLink(rel, raw, href, line)]


def _points_at_decision(link: StatedLink) -> bool:
    """A ``## Links`` line is a decision link only when it names a Markdown file beside it or an
    ADR ID; links to other documents and sites are not findings."""
    if link.href:
        target = link.href.split("#")[0]
        return "://" not in target and target.lower().endswith((".md", ".markdown"))
    return bool(_ADR_TOKEN.fullmatch(link.raw.strip()))


def _iso_date(raw: Any) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.isoformat()[:10]
    text = str(raw).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat() if len(text) >= 10 else None
    except ValueError:
        return None


def _names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [p.strip() for p in re.split(r"[,;]", str(value)) if p.strip()]
