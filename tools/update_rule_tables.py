"""Regenerate the rule-code tables in README.md and docs/reference/rules.md from the catalogue,
and the change-code table of docs/reference/diff.md from the diff's.

    .venv/bin/python tools/update_rule_tables.py      (or: make rule-tables)
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from specsite.cli import main

ROOT = Path(__file__).resolve().parents[1]
RULES_PAGE_HEAD = """# Rule codes

Every finding has one of these codes. Change a severity per rule with `rules:` in the
[configuration](../guide/configuration.md); `off` drops the rule. This table is the output of
`specsite rules --format markdown`; a test keeps it current.

"""


def table() -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["rules", "--format", "markdown"])
    return out.getvalue()


def change_table() -> str:
    """The change codes of ``specsite diff`` as a Markdown table (kind, then code)."""
    from specsite.diff.compare import load_codes
    from specsite.diff.model import CHANGES

    load_codes()
    rows = ["| Code | Kind | Default | Meaning |", "|---|---|---|---|"]
    rows += [f"| `{c.code}` | {c.kind} | {c.level.value} | {c.summary} |" for c in CHANGES.sorted()]
    return "\n".join(rows) + "\n"


def update() -> None:
    text = table()
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    content = re.sub(r"(<!-- rules:start -->\n).*?(<!-- rules:end -->)",
                     lambda m: m.group(1) + text + m.group(2), content, flags=re.S)
    readme.write_text(content, encoding="utf-8")
    (ROOT / "docs/reference/rules.md").write_text(RULES_PAGE_HEAD + text, encoding="utf-8")
    diff_page = ROOT / "docs/reference/diff.md"
    content = diff_page.read_text(encoding="utf-8")
    content = re.sub(r"(<!-- changes:start -->\n).*?(<!-- changes:end -->)",
                     lambda m: m.group(1) + change_table() + m.group(2), content, flags=re.S)
    diff_page.write_text(content, encoding="utf-8")


if __name__ == "__main__":
    update()
