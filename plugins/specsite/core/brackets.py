"""Blocks of Markdown whose square brackets Python-Markdown would scan for minutes, shown as text.

Python-Markdown's link pattern, at every ``[``, scans forward for the matching ``]`` — to the end
of the block when there is none — and each inline match rebuilds the block's text. A block of
ten thousand ``[`` (a few kilobytes in a spec's prose) costs it fifty million steps; a few hundred
kilobytes, hours. :func:`defuse` measures that cost for each block in one pass and hands a block
over :data:`MOST_SCANNED` to Python-Markdown as a raw HTML paragraph of its escaped text, which
it copies through without inline parsing: the words stay readable, its Markdown is not applied.
Ordinary text costs a tiny fraction of the bound and is returned unchanged, byte for byte.
"""

from __future__ import annotations

import html
import re

from .xref import code_spans

#: characters Python-Markdown may scan for brackets in one block before it is shown as text
MOST_SCANNED = 200_000
_BLOCK_END = re.compile(r"\n[ \t]*\n")
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)


def defuse(markdown: str) -> str:
    """``markdown`` with each costly block shown as escaped text (see the module docstring)."""
    if markdown.count("[") < 500:
        return markdown  # at most 500 scans of the page: cheap, whatever the brackets
    spans = code_spans(markdown)
    out: list[str] = []
    start = 0
    for end in [m.start() for m in _BLOCK_END.finditer(markdown)] + [len(markdown)]:
        block = markdown[start:end]
        if _scan_cost(markdown, start, end, spans) > MOST_SCANNED:
            lead = block[:len(block) - len(block.lstrip("\n"))]
            # brackets stay as they are: an HTML block is copied through, and character
            # references for a few hundred thousand brackets would cost seconds again
            block = f'{lead}<p class="specsite-verbatim">{html.escape(block.strip(), quote=False)}</p>'
        out.append(block)
        start = end
    return "".join(out)


def _scan_cost(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> int:
    """How many characters Python-Markdown's link pattern scans in ``text[start:end]``: from
    each ``[`` outside code to its ``]``, or to the end of the block."""
    opened: list[int] = []
    cost = 0
    span = 0
    for match in _BRACKET.finditer(text, start, end):
        position = match.start()
        while span < len(spans) and spans[span][1] <= position:
            span += 1
        if (span < len(spans) and spans[span][0] <= position) or match.group()[0] == "\\":
            continue  # code, or an escaped character
        if match.group() == "[":
            opened.append(position)
        elif opened:
            cost += position - opened.pop()
    return cost + sum(end - begin for begin in opened)
