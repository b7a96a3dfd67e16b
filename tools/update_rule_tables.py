"""Regenerate the rule-code tables in README.md and docs/reference/rules.md from the catalogue.

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


def update() -> None:
    text = table()
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    content = re.sub(r"(<!-- rules:start -->\n).*?(<!-- rules:end -->)",
                     lambda m: m.group(1) + text + m.group(2), content, flags=re.S)
    readme.write_text(content, encoding="utf-8")
    (ROOT / "docs/reference/rules.md").write_text(RULES_PAGE_HEAD + text, encoding="utf-8")


if __name__ == "__main__":
    update()
