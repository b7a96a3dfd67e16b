"""YAML front matter: split it from the body, parse it with line numbers, never raise."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .findings import Finding
from .rules import BAD_FRONT_MATTER


@dataclass
class FrontMatter:
    """Parsed front matter: values, the line of each top-level key, and where the body starts."""

    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    present: bool = False
    raw: Any = None


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


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
    body = "\n".join(lines[end + 1:])
    result = FrontMatter(body=body, body_line=end + 2, present=True)
    try:
        data = _yaml().load(source) if source.strip() else {}
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 1
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        findings.append(BAD_FRONT_MATTER.at(f"malformed front matter: {problem}", rel, line, column))
        return result
    except YAMLError as exc:
        findings.append(BAD_FRONT_MATTER.at(f"malformed front matter: {exc}", rel, 2))
        return result
    except RecursionError:
        findings.append(BAD_FRONT_MATTER.at("malformed front matter: nested too deeply to read", rel, 2))
        return result
    except ValueError as exc:
        # ruamel builds dates while parsing: an impossible date such as 2027-13-45 raises here
        line = _line_of_bad_value(source)
        findings.append(BAD_FRONT_MATTER.at(f"malformed front matter: {exc}", rel, line))
        return result
    if data is None:
        data = {}
    if not isinstance(data, dict):
        findings.append(BAD_FRONT_MATTER.at("front matter is not a mapping of keys to values", rel, 2))
        return result
    result.raw = data
    result.data = {str(k): _plain(v) for k, v in data.items()}
    lc = getattr(data, "lc", None)
    for key in data:
        try:
            result.key_lines[str(key)] = lc.key(key)[0] + 2
        except (AttributeError, KeyError, TypeError):
            result.key_lines[str(key)] = 2
    return result


def _line_of_bad_value(source: str) -> int:
    """Best guess at the file line of a value ruamel could not build (an impossible date)."""
    for number, line in enumerate(source.split("\n"), start=2):
        if re.search(r"\b\d{4}-\d{1,2}-\d{1,2}\b", line) and not _valid_dates(line):
            return number
    return 2


def _valid_dates(line: str) -> bool:
    for match in re.finditer(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", line):
        try:
            dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return False
    return True


def _plain(value: Any) -> Any:
    """ruamel's round-trip containers and scalars turned into plain Python values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value
