"""``specsite new adr``: write the next numbered decision and update the decisions it supersedes
or amends in place, changing only the lines that must change."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from ..core.atomic import write_atomic
from ..core.markdown import slug
from ..core.project import Project
from .model import Decision

NYGARD = """# {number}. {title}

Date: {date}

## Status

{status}
{links}
## Context

What is the issue that we're seeing that is motivating this decision or change?

## Decision

What is the change that we're proposing and/or doing?

## Consequences

What becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated?
"""

MADR = """---
status: {status}
date: {date}
decision-makers: []
---
# {title}
{links}
## Context and Problem Statement

Describe the context and problem statement in two or three sentences.

## Considered Options

* Option 1
* Option 2

## Decision Outcome

Chosen option: "Option 1", because it comes out best.

### Consequences

* Good, because …
* Bad, because …
"""


LOG4BRAINS = """# {title}

- Status: accepted
- Deciders: []
- Date: {date}

## Context and Problem Statement

Describe the context and problem statement in two or three sentences.

## Considered Options

- Option 1
- Option 2

## Decision Outcome

Chosen option: "Option 1", because it comes out best.

### Positive Consequences

- …

### Negative Consequences

- …
{links}"""


class WriteError(Exception):
    """The command cannot do what was asked (unknown ADR, no ADR folder...)."""


@dataclass
class Written:
    """What a writing command changed, for the CLI to report."""

    created: str
    updated: list[str]


def slugify(title: str) -> str:
    """``Use PostgreSQL for orders!`` -> ``use-postgresql-for-orders``."""
    return slug(title, "decision", limit=60)


def new_adr(project: Project, folder: Path, decisions: list[Decision], title: str,
            supersedes: list[str], amends: list[str], today: dt.date | None = None) -> Written:
    """Create the next decision in ``folder``; update the superseded and amended ones."""
    by_id = {d.id: d for d in decisions}
    for target in supersedes + amends:
        if target not in by_id:
            raise WriteError(f"no decision {target} in {project.rel(folder)}")
    day = today or dt.date.today()
    date = day.isoformat()
    style = Counter(d.format for d in decisions).most_common(1)
    fmt = style[0][0] if style else "nygard"
    madr = fmt in ("madr", "madr2", "log4brains")
    link_lines = [("Supersedes", t) for t in supersedes] + [("Amends", t) for t in amends]
    if fmt == "log4brains":
        # log4brains names files by date and slug and keeps links in a "## Links" list
        number, name = None, f"{day:%Y%m%d}-{slugify(title)}.md"
        new_id = f"ADR-{name[:-3]}"
        links = "".join(f"- {rel} [{_label(by_id[t], True)}]({by_id[t].path_name})\n"
                        for rel, t in link_lines)
        text = LOG4BRAINS.format(title=title, date=date, links=f"\n## Links\n\n{links}" if links else "")
    else:
        number = max((d.number for d in decisions if d.number is not None), default=0) + 1
        new_id, name = f"ADR-{number:04d}", f"{number:04d}-{slugify(title)}.md"
        links = "".join(
            f"\n{rel} [{_label(by_id[t], madr)}]({by_id[t].path_name})\n" for rel, t in link_lines)
        if madr and links:
            links = "\n## Status\n" + links
        text = (MADR if madr else NYGARD).format(number=number, title=title, date=date,
                                                  status="accepted" if madr else "Accepted", links=links)
    path = folder / name
    if path.exists():
        raise WriteError(f"{project.rel(path)} already exists")
    write_atomic(path, text)
    me = Decision(id=new_id, file=project.rel(path), path_name=name, number=number,
                  heading_number=number, title=title, title_line=1, status="accepted",
                  status_line=None, date=date, date_raw=date, date_line=None)
    updated = []
    for target in supersedes:
        _update(project, by_id[target], "Superseded by", me, madr_status=True)
        updated.append(by_id[target].file)
    for target in amends:
        _update(project, by_id[target], "Amended by", me, madr_status=False)
        updated.append(by_id[target].file)
    return Written(project.rel(path), updated)


def _label(d: Decision, madr: bool) -> str:
    if madr or d.number is None:
        return d.id
    return f"{d.number}. {d.title}"


def _update(project: Project, old: Decision, rel: str, new: Decision, madr_status: bool) -> None:
    path = project.confine(old.file)
    text = path.read_text(encoding="utf-8")
    link = f"[{_label(new, old.format != 'nygard')}]({new.path_name})"
    if old.format == "madr" and text.startswith("---"):
        text = _update_front_matter(text, rel, new, link, madr_status)
    else:
        text = _update_status_section(text, rel, link, replace_status=madr_status)
    write_atomic(path, text)


def _update_status_section(text: str, rel: str, link: str, replace_status: bool) -> str:
    """Nygard and MADR 2: edit the ``## Status`` section or the ``Status:`` bullet in place."""
    lines = text.split("\n")
    bullet = next((i for i, l in enumerate(lines)
                   if re.match(r"^\s*[*-]\s+(\*\*)?status(\*\*)?\s*:", l, re.IGNORECASE)), None)
    if bullet is not None:
        if replace_status:
            prefix = lines[bullet][: lines[bullet].index(":") + 1]
            lines[bullet] = f"{prefix} {rel.lower()} {link}"
            return "\n".join(lines)
        # MADR 2 and log4brains list other links under "## Links", as their templates do
        marker = lines[bullet].lstrip()[0]
        return _add_to_links_section(lines, f"{marker} {rel} {link}")
    start = next((i for i, l in enumerate(lines) if re.match(r"^##\s+status\s*$", l, re.IGNORECASE)), None)
    if start is None:
        return text.rstrip("\n") + f"\n\n## Status\n\n{rel} {link}\n"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    body = [i for i in range(start + 1, end) if lines[i].strip()]
    if replace_status:
        for i in body:
            if re.match(r"^(accepted|proposed|draft|deprecated)\b", lines[i].strip(), re.IGNORECASE):
                lines[i] = f"{rel} {link}"
                return "\n".join(lines)
    insert_at = (body[-1] + 1) if body else start + 1
    lines[insert_at:insert_at] = ["", f"{rel} {link}"]
    return "\n".join(lines)


def _add_to_links_section(lines: list[str], entry: str) -> str:
    """Append ``entry`` to the ``## Links`` section (made at the end when there is none)."""
    start = next((i for i, l in enumerate(lines) if re.match(r"^##\s+links\b", l, re.IGNORECASE)), None)
    if start is None:
        while lines and not lines[-1].strip():
            lines.pop()
        return "\n".join(lines + ["", "## Links", "", entry, ""])
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    items = [i for i in range(start + 1, end) if lines[i].strip()]
    at = items[-1] + 1 if items else start + 1
    lines[at:at] = [entry] if items else ["", entry]
    return "\n".join(lines)


def _update_front_matter(text: str, rel: str, new: Decision, link: str, madr_status: bool) -> str:
    """MADR 3/4: round-trip the front matter with ruamel (comments and order kept), body untouched."""
    end = text.index("\n---", 3)
    head, rest = text[4:end + 1], text[end + 1:]
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    data = yaml.load(head) or {}
    if madr_status:
        data["status"] = f"superseded by {new.id}"
    else:
        key = "amended-by"
        existing = data.get(key)
        values = list(existing) if isinstance(existing, list) else ([existing] if existing else [])
        data[key] = values + [new.id]
    out = io.StringIO()
    yaml.dump(data, out)
    return "---\n" + out.getvalue() + rest
