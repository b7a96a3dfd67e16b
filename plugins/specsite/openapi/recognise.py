"""Is a file in an OpenAPI folder a description? Its top-level keys say so, wherever they are.

Descriptions that sort their keys (Stripe's) put ``openapi:`` last, megabytes in, so the test
scans the whole text, in one linear pass: for YAML the lines that start at column 0 (only
top-level keys, comments and document markers can), for JSON the keys at nesting depth one.
"""

from __future__ import annotations

import json as _json
import re

_YAML_KEY = re.compile(r"""^(?:openapi|swagger|"openapi"|"swagger"|'openapi'|'swagger')[ \t]*:""",
                       re.MULTILINE)
#: a JSON string (escapes included) or one structural character: everything the scan looks at
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]', re.DOTALL)
_MARKERS = ('"openapi"', '"swagger"')


def has_description_keys(text: str, json: bool) -> bool:
    """True when ``text`` has a top-level ``openapi`` or ``swagger`` key (JSON is valid YAML, so a
    ``.yaml`` file written as JSON is recognised too)."""
    text = text.removeprefix("\ufeff")
    if _YAML_KEY.search(text):
        return True
    if json or text.lstrip().startswith("{"):
        return _json_top_level_key(text)
    return False


def _json_top_level_key(text: str) -> bool:
    if not any(marker in text for marker in _MARKERS):
        return False  # the common "not one" answer without tokenising
    try:
        # valid JSON (nearly every file) is decided in C; broken JSON falls to the token scan,
        # so a description with a syntax error is still read and its error reported
        data = _json.loads(text)
    except (ValueError, RecursionError):
        return _json_scan(text)
    return isinstance(data, dict) and ("openapi" in data or "swagger" in data)


def _json_scan(text: str) -> bool:
    """The top-level keys of possibly broken JSON, by one pass over strings and brackets."""
    depth = 0
    expect_key = False
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            if depth == 0 and token == "[":
                return False  # a top-level list is no description
            depth += 1
            expect_key = token == "{" and depth == 1
        elif token in "}]":
            depth -= 1
        elif token == ",":
            expect_key = depth == 1
        elif token == ":":
            expect_key = False
        elif expect_key:
            if token in _MARKERS:
                return True
            expect_key = False
    return False
