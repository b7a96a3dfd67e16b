"""The shared corpus: every valid description builds with no error; every invalid one fails
with a finding that names the problem, the file and the line."""

from __future__ import annotations

import pytest
from openapi_helpers import CORPUS, SiteContext, run

from specsite.core.findings import Severity

if not CORPUS.is_dir():
    pytest.skip("the shared corpus (../shared/corpus) is absent", allow_module_level=True)


def _roots(folder: str) -> list[str]:
    from specsite.openapi.documents import is_description
    import yaml

    out = []
    for path in sorted((CORPUS / folder).rglob("*")):
        if path.suffix in (".yaml", ".yml", ".json") and path.is_file():
            text = path.read_text(encoding="utf-8")
            if "openapi" in text[:200] or "swagger" in text[:200]:
                if is_description(yaml.safe_load(text)):
                    out.append(path.relative_to(CORPUS).as_posix())
    return out


@pytest.mark.parametrize("name", _roots("valid"))
def test_valid_description_has_no_error(name):
    result = run(CORPUS, openapi=[name])
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert errors == []
    assert result.kind.pages(result.graph, result.result, SiteContext())


EXPECTED = {
    "invalid/v2.0-missing-reference.yaml": [("OAS003", 37), ("OAS003", 41)],
    "invalid/v3.0-empty.yaml": [("OAS002", 1), ("OAS002", 1)],
    "invalid/v3.0-property-missing-reference.yaml": [("OAS003", 14)],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_description_fails_with_file_and_line(name):
    result = run(CORPUS, openapi=[name])
    errors = [(f.code, f.line) for f in result.findings if f.severity is Severity.ERROR]
    assert errors == EXPECTED[name]
    assert all(f.file == name and f.message for f in result.findings if f.severity is Severity.ERROR)


def test_every_invalid_file_is_covered():
    assert sorted(_roots("invalid")) == sorted(EXPECTED)
