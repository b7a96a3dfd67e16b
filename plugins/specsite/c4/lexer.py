"""Structurizr DSL text to logical lines of tokens, each token with its file, line and column.

The DSL is line-oriented: one statement per line, ``{`` ending a line opens a block and ``}`` on
a line of its own closes it. Comments (``//``, ``#`` and ``/* */``), ``\\`` line continuation and
``\"\"\"`` text blocks are resolved here so the parser only sees statements.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class Token(NamedTuple):
    """One word or quoted string; ``quoted`` keeps ``"*"`` apart from the ``*`` wildcard.

    A named tuple rather than a frozen dataclass: a workspace can hold millions of tokens, and
    a tuple is made several times faster.
    """

    text: str
    line: int
    column: int
    quoted: bool = False


@dataclass(slots=True)
class Line:
    """One statement: its tokens and where it starts."""

    tokens: list[Token]
    file: str
    line: int
    #: the folder relative paths in this statement resolve against (the file's folder)
    folder: Path | None = None

    @property
    def words(self) -> list[str]:
        return [t.text for t in self.tokens]

    @property
    def opens_block(self) -> bool:
        return bool(self.tokens) and self.tokens[-1].text == "{" and not self.tokens[-1].quoted


@dataclass
class LexError:
    """A problem found while splitting text into statements."""

    message: str
    line: int
    column: int | None = None


@dataclass
class Lexed:
    """The statements of one file plus what could not be lexed."""

    lines: list[Line] = field(default_factory=list)
    errors: list[LexError] = field(default_factory=list)


def lex(text: str, file: str, folder: Path | None = None) -> Lexed:
    """Split DSL source into statements; never raises."""
    out = Lexed()
    raw = text.split("\n")
    i = 0
    in_comment_from: int | None = None
    while i < len(raw):
        number = i + 1
        stripped = raw[i].strip()
        if in_comment_from is not None:
            if stripped.endswith("*/") or "*/" in stripped:
                in_comment_from = None
            i += 1
            continue
        if stripped.startswith("/*"):
            if "*/" not in stripped[2:]:
                in_comment_from = number
            i += 1
            continue
        if not stripped or stripped.startswith("//") or stripped.startswith("#"):
            i += 1
            continue
        # join continuation lines (the next line without its indent, as Structurizr joins them,
        # even inside a quoted string), remembering where each physical piece starts
        pieces = [(raw[i], number, 0)]
        while pieces[-1][0].rstrip().endswith("\\") and i + 1 < len(raw):
            last, n, indent = pieces[-1]
            pieces[-1] = (last.rstrip()[:-1], n, indent)
            i += 1
            following = raw[i]
            stripped_next = following.lstrip()
            pieces.append((stripped_next, i + 1, len(following) - len(stripped_next)))
        i += 1
        tokens, block_start = _tokenize(pieces, out, number)
        if block_start is not None:
            # a text block: everything up to the closing triple quote is one string
            body, i, closed = _text_block(raw, i)
            if not closed:
                out.errors.append(LexError('text block opened with """ is never closed', *block_start))
            tokens.append(Token(body, block_start[0], block_start[1], quoted=True))
        if tokens:
            out.lines.append(Line(tokens, file, tokens[0].line, folder))
    if in_comment_from is not None:
        out.errors.append(LexError("comment opened with /* is never closed", in_comment_from, 1))
    return out


def _text_block(raw: list[str], i: int) -> tuple[str, int, bool]:
    """Lines of a ``\"\"\"`` block from line index ``i``; returns text, next index, closed."""
    body: list[str] = []
    while i < len(raw):
        if raw[i].strip() == '"""':
            return _dedent(body), i + 1, True
        body.append(raw[i])
        i += 1
    return _dedent(body), i, False


def _dedent(lines: list[str]) -> str:
    indents = [len(l) - len(l.lstrip()) for l in lines if l.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(l[cut:] for l in lines).strip("\n")


_QUOTED = re.compile(r'((?:[^"\\]++|\\["\\]?)*+)(")?')
_ESCAPE = re.compile(r'\\(["\\])')


def _tokenize(pieces: list[tuple[str, int, int]], out: Lexed, first: int) -> tuple[list[Token], tuple[int, int] | None]:
    """Tokens of one logical line; the second value is set when the line ends by opening a text block."""
    text = "".join(piece for piece, _, _ in pieces)
    starts: list[int] = []
    offset = 0
    for piece, _, _ in pieces:
        starts.append(offset)
        offset += len(piece)

    def where(pos: int) -> tuple[int, int]:
        """The physical line and 1-based column of an index into the joined text."""
        k = bisect_right(starts, pos) - 1
        _, number, indent = pieces[max(k, 0)]
        return number, pos - starts[max(k, 0)] + indent + 1

    tokens: list[Token] = []
    if '"' not in text:
        # the common line, words only: str.split and str.find are several times faster than a
        # character loop (megabytes of DSL are lexed this way)
        pos = 0
        for word in text.split():
            pos = text.find(word, pos)
            tokens.append(Token(word, *where(pos)))
            pos += len(word)
        return tokens, None
    content_end = len(text.rstrip())  # a text block opener must end the line
    pos = 0
    n = len(text)
    while pos < n:
        ch = text[pos]
        if ch.isspace():
            pos += 1
            continue
        if text.startswith('"""', pos) and pos + 3 >= content_end:
            return tokens, where(pos)
        if ch == '"':
            value, end, closed = _quoted(text, pos + 1)
            if not closed:
                out.errors.append(LexError("string opened with \" is never closed", *where(pos)))
            tokens.append(Token(value, *where(pos), quoted=True))
            pos = end
            continue
        start = pos
        while pos < n and not text[pos].isspace() and text[pos] != '"':
            pos += 1
        tokens.append(Token(text[start:pos], *where(start)))
    return tokens, None


def _quoted(text: str, pos: int) -> tuple[str, int, bool]:
    """A double-quoted string starting after its opening quote: value, index after it, closed
    (only ``\\"`` and ``\\\\`` are escapes; possessive, so an unclosed string is one scan)."""
    match = _QUOTED.match(text, pos)
    assert match is not None  # the pattern matches the empty string
    value = match.group(1)
    if "\\" in value:
        value = _ESCAPE.sub(r"\1", value)
    return value, match.end(), match.group(2) is not None
