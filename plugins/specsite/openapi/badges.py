"""HTTP method and status-code badges, coloured as Swagger UI colours them (the colours are
classes in ``assets/specsite.css``: GET green, POST blue, PUT orange, PATCH teal, DELETE red)."""

from __future__ import annotations

import re

from ..core import escape


def method_badge(method: str) -> str:
    """``<span class="specsite-method specsite-method-get">GET</span>`` (one inert line of HTML)."""
    kind = re.sub(r"[^a-z]", "", method.lower())[:12] or "other"
    return f'<span class="specsite-method specsite-method-{kind}">{escape.md_text(method.upper())}</span>'


def status_badge(code: str) -> str:
    """A response code coloured by its class (2xx green, 3xx blue, 4xx orange, 5xx red)."""
    family = code[:1] if code[:1] in "12345" and code[:1] else "x"
    return f'<span class="specsite-code specsite-code-{family}xx">{escape.md_text(code)}</span>'
