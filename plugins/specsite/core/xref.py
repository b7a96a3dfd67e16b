"""The ``[[ID]]`` / ``[[ID|text]]`` cross-reference syntax: scanning and rewriting Markdown.

References inside fenced code blocks and inline code are left alone, so documentation can show
the syntax itself.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable

#: ``[[target]]`` or ``[[target|label]]``. The regex only finds the brackets (possessive, so a
#: run of ``[[`` is linear); :func:`_part` trims and checks each part in Python, because the
#: obvious ``\s*`` around lazy groups backtracks cubically on a run of blanks.
REFERENCE = re.compile(r"\[\[([^\[\]|]*+)(?:\|([^\[\]]*+))?\]\]")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_ADR_NUMBER = re.compile(r"^adr-0*(\d+)$", re.IGNORECASE)
_PRD_NUMBER = re.compile(r"^prd-0*(\d+)((?:\.[A-Za-z0-9_-]+)?)$", re.IGNORECASE)
_DEBT_NUMBER = re.compile(r"^debt-0*(\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """One ``[[...]]`` occurrence: the normalised target ID, its label and where it is."""

    target: str
    label: str | None
    line: int
    column: int
    start: int
    end: int


def normalise(raw: str) -> str:
    """Canonical form of a typed ID: ``adr-7`` -> ``ADR-0007``, ``prd-3.r1`` -> ``PRD-0003.r1``."""
    raw = raw.strip()
    m = _ADR_NUMBER.match(raw)
    if m:
        return f"ADR-{int(m.group(1)):04d}"
    m = _PRD_NUMBER.match(raw)
    if m:
        return f"PRD-{int(m.group(1)):04d}{m.group(2)}"
    m = _DEBT_NUMBER.match(raw)
    if m:
        return f"DEBT-{int(m.group(1)):04d}"
    if raw[:4].lower() == "adr-":
        return "ADR-" + raw[4:]
    return raw


def code_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of fenced code blocks and inline code spans."""
    spans: list[tuple[int, int]] = []
    pos = 0
    fence: str | None = None
    fence_start = 0
    for line in text.split("\n"):
        end = pos + len(line)
        m = _FENCE.match(line)
        if fence is None and m:
            fence, fence_start = m.group(1)[0] * len(m.group(1)), pos
        elif fence is not None and m and m.group(1).startswith(fence) and not line.strip()[len(m.group(1)):].strip():
            spans.append((fence_start, end))
            fence = None
        elif fence is None:
            for code in _INLINE_CODE.finditer(line):
                spans.append((pos + code.start(), pos + code.end()))
        pos = end + 1
    if fence is not None:
        spans.append((fence_start, len(text)))
    return spans


def scan(text: str, first_line: int = 1) -> list[Reference]:
    """Every reference in Markdown ``text`` outside code; lines count from ``first_line``."""
    if "[[" not in text:
        return []
    spans = code_spans(text)
    starts = [a for a, _ in spans]
    refs = []
    line, counted = first_line, 0
    for m in REFERENCE.finditer(text):
        target = _part(m.group(1))
        label = _part(m.group(2)) if m.group(2) is not None else None
        if target is None or (m.group(2) is not None and label is None):
            continue
        # spans are sorted and disjoint: the one that could hold the match starts just before it
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < spans[k][1]:
            continue
        line += text.count("\n", counted, m.start())
        counted = m.start()
        line_start = text.rfind("\n", 0, m.start()) + 1
        refs.append(Reference(
            target=normalise(target),
            label=label,
            line=line,
            column=m.start() - line_start + 1,
            start=m.start(),
            end=m.end(),
        ))
    return refs


def _part(raw: str) -> str | None:
    """A target or label without the blanks around it; ``None`` when it is not one: text over
    two lines, or nothing but line breaks (a part of blanks keeps one blank)."""
    core = raw.strip()
    if "\n" in core:
        return None
    if core:
        return core
    return next((c for c in reversed(raw) if c != "\n"), None)


def rewrite(text: str, render: Callable[[Reference], str]) -> str:
    """``text`` with each reference outside code replaced by ``render(reference)``."""
    out = []
    last = 0
    for ref in scan(text):
        out.append(text[last:ref.start])
        out.append(render(ref))
        last = ref.end
    out.append(text[last:])
    return "".join(out)
