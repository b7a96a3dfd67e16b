"""A curl command per operation, as Swagger UI and Redoc show one.

The server is the description's first server when it is an ``http``/``https`` URL a reader may
follow (variables replaced by their defaults), else the placeholder ``{server}``; path parameters
stay ``{name}``, required query and header parameters and credentials are placeholders too. Every
word is quoted for a POSIX shell with :func:`shlex.quote`, so a spec value cannot end the quoted
word it sits in; the command is shown in a fence no line of it can close.
"""

from __future__ import annotations

import json
import re
import shlex
from typing import Any

from ..core import escape

#: the longest request body written into the command; a longer one is sent from a file
MAX_BODY = 1500
#: the most form fields written into the command
MAX_FIELDS = 30
PLACEHOLDER = "{server}"
_VARIABLE = re.compile(r"\{([^{}]*)\}")
# what a URL may hold in a sample (RFC 3986 characters and template braces): no space, quote or
# control character a reader would have to notice
_URL_CHARS = re.compile(r"[A-Za-z0-9._~:/?#@!$&'()*+,;=%{}\[\]-]+")


def server_url(data: dict, version: str) -> str:
    """The base URL of the samples: the first server when it is safe, else ``{server}``."""
    if version == "2.0":
        host = data.get("host")
        schemes = data.get("schemes") if isinstance(data.get("schemes"), list) else []
        scheme = next((s for s in schemes if s in ("https", "http")), "https")
        base = data.get("basePath") if isinstance(data.get("basePath"), str) else ""
        url = f"{scheme}://{host}{base}" if isinstance(host, str) and host else PLACEHOLDER + base
    else:
        servers = data.get("servers")
        first = servers[0] if isinstance(servers, list) and servers and isinstance(servers[0], dict) else {}
        url = first.get("url") if isinstance(first.get("url"), str) else ""
        variables = first.get("variables") if isinstance(first.get("variables"), dict) else {}

        def default(match: re.Match) -> str:
            variable = variables.get(match.group(1))
            value = variable.get("default") if isinstance(variable, dict) else None
            return str(value) if isinstance(value, (str, int, float)) else match.group(0)

        url = _VARIABLE.sub(default, url)
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) and not url.startswith(("http://", "https://")):
            return PLACEHOLDER  # another scheme (javascript:, data:, ftp:...): nothing to call
        if not url.startswith(("http://", "https://")):
            url = PLACEHOLDER + ("/" + url.lstrip("/") if url.strip("/") else "")
    safe = escape.safe_url(url)
    if safe is None or not _URL_CHARS.fullmatch(safe):
        return PLACEHOLDER
    return safe.rstrip("/")


def curl_command(base: str, method: str, path: str, query: list[str], headers: list[tuple[str, str]],
                 media: str | None, body: Any, user: str | None = None) -> str:
    """The command, one option per line; ``body`` is the example request body (or ``None``)."""
    url = base + path
    if query:
        url += "?" + "&".join(f"{name}={{{name}}}" for name in query)
    words = [f"curl -X {shlex.quote(method.upper())} {shlex.quote(url)}"]
    if user:
        words.append(f"-u {shlex.quote(user)}")
    for name, value in headers:
        words.append(f"-H {shlex.quote(f'{name}: {value}')}")
    if media:
        form = _form_option(media)
        if form != "-F" or not isinstance(body, dict):
            # with -F curl writes the header itself, boundary included (a stated one breaks it)
            words.append(f"-H {shlex.quote(f'Content-Type: {media}')}")
        if body is None:
            words.append("--data-binary @body")
        elif form and isinstance(body, dict):
            # a form: one field per option, as Swagger UI sends it
            for name, value in list(body.items())[:MAX_FIELDS]:
                shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
                words.append(f"{form} {shlex.quote(f'{name}={shown}')}")
        elif isinstance(body, str) and not _is_json(media):
            words.append(f"--data-binary {shlex.quote(body[:MAX_BODY])}" if len(body) <= MAX_BODY
                         else "--data-binary @body")
        else:
            text = json.dumps(body, indent=2, ensure_ascii=False, default=str)
            words.append(f"-d {shlex.quote(text)}" if len(text) <= MAX_BODY else "-d @body.json")
    return " \\\n  ".join(words)


def _form_option(media: str) -> str | None:
    """curl's option for one field of a form body (``None`` for any other media type)."""
    base = media.split(";", 1)[0].strip().lower()
    return {"application/x-www-form-urlencoded": "--data-urlencode", "multipart/form-data": "-F"}.get(base)


def _is_json(media: str) -> bool:
    media = media.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def credentials(schemes: dict, requirements: Any) -> tuple[list[tuple[str, str]], list[str], str | None]:
    """Headers, query parameters and ``-u`` user for the first security alternative."""
    headers: list[tuple[str, str]] = []
    query: list[str] = []
    user = None
    first = requirements[0] if isinstance(requirements, list) and requirements else None
    for name in sorted(first) if isinstance(first, dict) else ():
        scheme = schemes.get(name)
        if not isinstance(scheme, dict):
            continue
        kind = scheme.get("type")
        if kind == "apiKey" and isinstance(scheme.get("name"), str):
            if scheme.get("in") == "header":
                headers.append((scheme["name"], "{" + scheme["name"] + "}"))
            elif scheme.get("in") == "query":
                query.append(scheme["name"])
        elif kind == "basic" or (kind == "http" and str(scheme.get("scheme", "")).lower() == "basic"):
            user = "{username}:{password}"
        elif kind in ("http", "oauth2", "openIdConnect"):
            headers.append(("Authorization", "Bearer {token}"))
    return headers, query, user
