"""Escaping of untrusted text (messages, file names, entity IDs) for each report format.

Findings quote spec content, and spec content comes from pull requests: a message may hold
newlines, terminal escape sequences, NUL bytes, ``::`` workflow commands, XML or HTML. Every
renderer in this package passes each string it did not write itself through one function here.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

#: Characters that must never reach a report as themselves: C0 controls, DEL, C1 controls (U+009B
#: is a terminal CSI), the line and paragraph separators, bidirectional overrides and isolates
#: (they reorder what a reader sees), surrogates (a JSON spec can hold a lone one; it cannot be
#: encoded as UTF-8) and the two non-characters XML forbids.
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]")
_SHORT = {"\n": "\\n", "\r": "\\r"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """One line of text with every unsafe character shown as a backslash escape (``\\x1b``, ``\\n``,
    ``\\x00``, ``\\u202e``); tabs are kept. Safe on a terminal and in a CI log."""
    return _UNSAFE.sub(_visible, text)


def _visible_keep_newlines(match: re.Match[str]) -> str:
    return match.group() if match.group() in "\r\n" else _visible(match)


def visible_lines(text: str) -> str:
    """Like :func:`visible` but newlines and carriage returns are kept (for formats that escape
    them themselves)."""
    return _UNSAFE.sub(_visible_keep_newlines, text)


# --- plain text (terminal, CI log) --------------------------------------------------------------

def log_line(text: str) -> str:
    """A record for a terminal or CI log: one line, no escape sequences, and never starting with
    ``::`` (the GitHub runner reads a line that starts with ``::`` after leading blanks as a
    workflow command)."""
    line = visible(text)
    return f"./{line}" if line.lstrip().startswith("::") else line


# --- GitHub workflow commands -------------------------------------------------------------------

def workflow_data(text: str) -> str:
    """The message part of a workflow command (after ``::``), escaped as the runner unescapes it:
    ``%`` ``\\r`` ``\\n`` percent-encoded (so the command stays one line), other controls visible."""
    return (visible_lines(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def workflow_property(text: str) -> str:
    """A property value (``file=``, ``title=``): data escaping plus ``:`` and ``,``, which would
    otherwise end the value or the property list."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


# --- Markdown (pull-request comments, job summaries) -----------------------------------------------

#: inline Markdown syntax: emphasis, code, links and images, strikethrough, the escape character,
#: and the table's cell separator; ``<``, ``>`` and ``&`` become entities (no HTML, no entities)
_MD_PUNCT = re.compile(r"([\\`*_\[\]|~])")
_MD_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MENTION = re.compile(r"@(?=\w)")


def markdown_cell(text: str) -> str:
    """Text shown literally in one Markdown table cell: one line, no markup, no HTML, no
    ``@mention`` that would notify someone (a zero-width space, as Renovate does)."""
    text = re.sub("[&<>]", lambda m: _MD_ENTITY[m.group()], visible(text))
    text = _MD_PUNCT.sub(r"\\\1", text)
    return _MENTION.sub("@&#8203;", text)


def markdown_code(text: str) -> str:
    """A code span in a Markdown table cell: a backtick fence longer than any run inside, and
    ``|`` escaped (GitHub splits cells on ``|`` even inside code spans)."""
    body = visible(text)
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    if body.startswith("`") or body.endswith("`") or not body.strip():
        body = f" {body} "
    return fence + body.replace("|", "\\|") + fence


# --- JSON (JSON report, SARIF) ------------------------------------------------------------------

_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                          "\ud800-\udfff]")


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    # a lone surrogate has no UTF-8 encoding: writing it would raise, so it becomes U+FFFD
    return "\ufffd" if "\ud800" <= char <= "\udfff" else f"\\u{ord(char):04x}"


def json_document(doc: Any, default: Callable[[Any], Any] | None = None) -> str:
    """``doc`` as indented JSON that always encodes as UTF-8: json escapes C0 controls; DEL, C1
    controls, separators and bidi controls (only possible inside strings) become ``\\uXXXX``."""
    text = json.dumps(doc, indent=2, ensure_ascii=False, default=default)
    return _JSON_UNSAFE.sub(_json_escape, text) + "\n"
