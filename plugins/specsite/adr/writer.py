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


class WriteError(Exception):
    """The command cannot do what was asked (unknown ADR, no ADR folder...)."""


@dataclass
class Written:
    """What a writing command changed, for the CLI to report."""

    created: str
    updated: list[str]


def slugify(title: str) -> str:
    """``Use PostgreSQL for orders!`` -> ``use-postgresql-for-orders``."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:60].rstrip("-") or "decision"


def new_adr(project: Project, folder: Path, decisions: list[Decision], title: str,
            supersedes: list[str], amends: list[str], today: dt.date | None = None) -> Written:
    """Create the next decision in ``folder``; update the superseded and amended ones."""
    by_id = {d.id: d for d in decisions}
    for target in supersedes + amends:
        if target not in by_id:
            raise WriteError(f"no decision {target} in {project.rel(folder)}")
    number = max((d.number for d in decisions if d.number is not None), default=0) + 1
    new_id = f"ADR-{number:04d}"
    name = f"{number:04d}-{slugify(title)}.md"
    path = folder / name
    date = (today or dt.date.today()).isoformat()
    style = Counter(d.format for d in decisions).most_common(1)
    madr = bool(style) and style[0][0] in ("madr", "madr2")

    link_lines = [("Supersedes", t) for t in supersedes] + [("Amends", t) for t in amends]
    links = "".join(
        f"\n{rel} [{_label(by_id[t], madr)}]({by_id[t].path_name})\n" for rel, t in link_lines)
    template = MADR if madr else NYGARD
    status = "accepted" if madr else "Accepted"
    if madr and links:
        links = "\n## Status\n" + links
    write_atomic(path, template.format(number=number, title=title, date=date, status=status,
                                       links=links))
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
        prefix = lines[bullet][: lines[bullet].index(":") + 1]
        if replace_status:
            lines[bullet] = f"{prefix} {rel.lower()} {link}"
        else:
            lines.insert(bullet + 1, f"{prefix.split('Status')[0].split('status')[0]}{rel}: {link}")
        return "\n".join(lines)
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
