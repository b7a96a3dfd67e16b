"""A spec's regular expressions (``pattern``, ``patternProperties``) are run on its examples by a
linear-time engine: a catastrophic pattern cannot hang ``check`` or the build."""

from __future__ import annotations

import subprocess
import sys
import textwrap

API = textwrap.dedent("""\
    openapi: 3.0.3
    info: {title: t, version: "1"}
    paths:
      /x:
        get:
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      v: {type: string, pattern: "^(a+)+$", example: "%s"}
                    patternProperties:
                      "^(b+)+$": {type: integer}
                    example: {"%s": "not an integer"}
    """)


def _check(tmp_path, value: str, key: str) -> subprocess.CompletedProcess:
    (tmp_path / "apis").mkdir()
    (tmp_path / "apis" / "a.yaml").write_text(API % (value, key), encoding="utf-8")
    # a subprocess with a timeout: with Python's re these inputs take longer than the universe
    return subprocess.run([sys.executable, "-m", "specsite.cli", "check", "--openapi", "apis"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)


def test_catastrophic_pattern_on_a_hostile_example_finishes_and_reports(tmp_path):
    out = _check(tmp_path, "a" * 60 + "!", "b" * 60 + "!")
    assert "does not match '^(a+)+$'" in out.stdout
    assert "Traceback" not in out.stderr


def test_matching_examples_are_quiet(tmp_path):
    out = _check(tmp_path, "a" * 60, "b" * 60 + "x")
    assert "OAS011" not in out.stdout, out.stdout


def test_pattern_properties_select_by_the_same_engine(tmp_path):
    out = _check(tmp_path, "aaa", "b" * 60)
    assert "OAS011" in out.stdout and "not an integer" in out.stdout, out.stdout
