"""docs/reference/diff.md lists every change code as the catalogue defines it."""

from __future__ import annotations

import importlib.util

from diff_helpers import REPO


def test_change_code_table_is_current() -> None:
    spec = importlib.util.spec_from_file_location("update_rule_tables", REPO / "tools/update_rule_tables.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    table = tool.change_table()
    assert table.count("\n") > 100
    assert table in (REPO / "docs/reference/diff.md").read_text(encoding="utf-8"), \
        "docs/reference/diff.md is stale: run tools/update_rule_tables.py"
