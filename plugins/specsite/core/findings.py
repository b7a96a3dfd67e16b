"""One findings model for everything that can be wrong with a spec.

Checks create findings at their rule's default severity; :func:`apply_severities` then applies the
per-rule overrides from the configuration (and drops the rules switched ``off``). Every renderer in
``specsite.reports`` renders a list of these and nothing else.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping


class Severity(str, enum.Enum):
    """How bad a finding is; only ``error`` fails ``specsite check``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Rule:
    """A rule: a stable code, a short name, its default severity and one line on what it catches."""

    code: str
    name: str
    severity: Severity
    summary: str
    kind: str

    def at(
        self,
        message: str,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        entity: str | None = None,
    ) -> "Finding":
        """A finding of this rule at a place, with the rule's default severity."""
        return Finding(self.code, self.severity, message, file, line, column, entity)


@dataclass(frozen=True)
class Finding:
    """Something wrong (or worth knowing) about a spec, located where a person must look."""

    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    entity: str | None = None

    def sort_key(self) -> tuple:
        return (
            self.file or "",
            self.line or 0,
            self.column or 0,
            self.code,
            self.message,
            self.entity or "",
        )

    def location(self) -> str:
        """``file:line:column`` as far as known (empty when nothing is)."""
        parts = [self.file or ""]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(p for p in parts if p)

    def to_dict(self) -> dict:
        """The stable JSON shape of a finding (see docs/reference/export-schema.md)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "entity": self.entity,
        }


@dataclass
class RuleCatalogue:
    """Every rule specsite knows, by code; the README's rule table is generated from it."""

    rules: dict[str, Rule] = field(default_factory=dict)

    def define(self, code: str, name: str, severity: str, summary: str, kind: str) -> Rule:
        if code in self.rules:
            raise ValueError(f"rule {code} defined twice")
        rule = Rule(code, name, Severity(severity), summary, kind)
        self.rules[code] = rule
        return rule

    def __contains__(self, code: str) -> bool:
        return code in self.rules

    def __getitem__(self, code: str) -> Rule:
        return self.rules[code]

    def sorted(self) -> list[Rule]:
        return [self.rules[c] for c in sorted(self.rules)]


#: The single catalogue; each kind's ``rules.py`` defines its rules into it at import time.
CATALOGUE = RuleCatalogue()


def apply_severities(findings: Iterable[Finding], overrides: Mapping[str, str]) -> list[Finding]:
    """Apply per-rule severity overrides (``error|warning|info|off``); sorted, deduplicated."""
    out: set[Finding] = set()
    for finding in findings:
        wanted = overrides.get(finding.code)
        if wanted == "off":
            continue
        if wanted:
            finding = replace(finding, severity=Severity(wanted))
        out.add(finding)
    return sorted(out, key=Finding.sort_key)


def cap_per_rule(findings: list[Finding], most: int, summary: Rule) -> list[Finding]:
    """The first ``most`` findings of each rule (``findings`` is sorted), plus one ``summary``
    finding per capped rule, where its first finding left out is, counting what was left out.

    Bad input can make one rule fire a million times; past a few hundred, more of the same only
    costs memory and buries the other rules. ``most <= 0`` keeps everything.
    """
    bounded = BoundedFindings(most, summary)
    bounded.extend(findings)
    return sorted([*bounded, *bounded.summaries()], key=Finding.sort_key)


class BoundedFindings(list):
    """A findings list for one reader that keeps at most ``most`` findings per rule code and
    only counts the rest, so 8 MB of bad input cannot allocate a million findings.

    Add with :meth:`append` (or :meth:`extend`) only; :meth:`summaries` are the ``summary``-rule
    findings to report for the codes that overflowed. ``most <= 0`` keeps everything.
    """

    def __init__(self, most: int, summary: Rule) -> None:
        super().__init__()
        self.most = most
        self.summary = summary
        self.seen: dict[str, int] = {}
        self.first_left_out: dict[str, Finding] = {}
        #: the most severe finding left out, per code: the summary takes its severity
        self.worst_left_out: dict[str, Severity] = {}

    def full(self, code: str) -> bool:
        """True when another ``code`` finding would only be counted: a caller that builds
        costly messages may then call :meth:`count` instead."""
        return 0 < self.most <= self.seen.get(code, 0) and code in self.first_left_out

    def count(self, code: str) -> None:
        """Count a ``code`` finding that :meth:`full` said would be left out anyway (at the
        severity of the first one left out)."""
        self.seen[code] += 1

    def append(self, finding: Finding) -> None:  # type: ignore[override]
        count = self.seen[finding.code] = self.seen.get(finding.code, 0) + 1
        if self.most <= 0 or count <= self.most:
            super().append(finding)
            return
        if count == self.most + 1:
            self.first_left_out[finding.code] = finding
        worst = self.worst_left_out.get(finding.code)
        if worst is None or finding.severity.rank < worst.rank:
            self.worst_left_out[finding.code] = finding.severity

    def extend(self, findings: Iterable[Finding]) -> None:  # type: ignore[override]
        for finding in findings:
            self.append(finding)

    def __iadd__(self, findings: Iterable[Finding]) -> "BoundedFindings":  # type: ignore[override]
        self.extend(findings)
        return self

    def summaries(self) -> list[Finding]:
        """One ``summary`` finding per code that overflowed, where its first left-out one was,
        as severe as the worst left out (a summary of infos does not fail a strict build)."""
        out = []
        for code, first in sorted(self.first_left_out.items()):
            left_out = self.seen[code] - self.most
            summary = self.summary.at(
                f"{left_out:,} more {code} finding{'s' if left_out > 1 else ''} not shown: each "
                f"rule reports at most {self.most:,} (limits.max_findings_per_rule)",
                first.file, first.line, first.column)
            out.append(replace(summary, severity=self.worst_left_out[code]))
        return out


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when at least one finding is an error: the exit-code contract of ``specsite check``."""
    return any(f.severity is Severity.ERROR for f in findings)


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Number of findings per severity, all three keys always present."""
    result = {s.value: 0 for s in Severity}
    for f in findings:
        result[f.severity.value] += 1
    return result
