"""YAML front matter: split it from the body, parse it with positions, never raise."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

import yaml

from .findings import Finding
from .rules import BAD_FRONT_MATTER, LIMIT_HIT
from .yaml_reader import LimitError, duplicate_keys, load_positioned, node_at

#: the front matter starts on line 2 of the file, after ``---``; libyaml counts lines from 0
OFFSET = 2


@dataclass
class FrontMatter:
    """Parsed front matter: values, positions, and where the body starts."""

    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    present: bool = False
    #: the composed YAML node tree (positions of every key and item), when it parsed
    node: yaml.Node | None = None

    def position(self, path: Sequence[str | int]) -> tuple[int, int | None]:
        """File line and column of the deepest key or item of ``path`` that exists (the first
        front-matter line if none): a missing key is reported where it must be added."""
        trail = node_at(self.node, path)
        if not trail:
            return OFFSET, None
        mark = trail[-1].start_mark
        return mark.line + OFFSET, mark.column + 1


def split(text: str, rel: str, findings: list[Finding]) -> FrontMatter:
    """Split ``---``-fenced front matter off ``text``; malformed YAML is a finding with its line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter(body=text)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        findings.append(BAD_FRONT_MATTER.at("front matter opened with '---' is never closed", rel, 1))
        return FrontMatter(body=text)
    source = "\n".join(lines[1:end])
    result = FrontMatter(body="\n".join(lines[end + 1:]), body_line=end + 2, present=True)
    try:
        data, node = load_positioned(source) if source.strip() else ({}, None)
    except LimitError as exc:
        findings.append(LIMIT_HIT.at(f"front matter not read: {exc.message}", rel,
                                     exc.line + OFFSET - 1, exc.column))
        return result
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        findings.append(BAD_FRONT_MATTER.at(
            f"malformed front matter: {problem}", rel,
            mark.line + OFFSET if mark else OFFSET, mark.column + 1 if mark else None))
        return result
    except yaml.YAMLError as exc:
        findings.append(BAD_FRONT_MATTER.at(f"malformed front matter: {exc}", rel, OFFSET))
        return result
    except (ValueError, OverflowError) as exc:
        # dates are built while parsing: an impossible one such as 2027-13-45 raises here
        findings.append(BAD_FRONT_MATTER.at(f"malformed front matter: {exc}", rel, _bad_date_line(source)))
        return result
    except RecursionError:
        findings.append(BAD_FRONT_MATTER.at("malformed front matter: nested too deeply to read", rel, OFFSET))
        return result
    duplicates = duplicate_keys(node)
    for key, first, again in duplicates:
        findings.append(BAD_FRONT_MATTER.at(
            f"malformed front matter: key '{key}' appears twice (first on line "
            f"{first.start_mark.line + OFFSET})", rel, again.start_mark.line + OFFSET,
            again.start_mark.column + 1))
    if duplicates:
        return result
    if data is None:
        data = {}
    if not isinstance(data, dict):
        findings.append(BAD_FRONT_MATTER.at("front matter is not a mapping of keys to values", rel, OFFSET))
        return result
    result.node = node
    result.data = {str(k): v for k, v in data.items()}
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            result.key_lines.setdefault(str(key.value), key.start_mark.line + OFFSET)
    return result


def _bad_date_line(source: str) -> int:
    """The file line of the first impossible date in the front matter."""
    for number, line in enumerate(source.split("\n"), start=OFFSET):
        for match in re.finditer(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", line):
            try:
                dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return number
    return OFFSET
