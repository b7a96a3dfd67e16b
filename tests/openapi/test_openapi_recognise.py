"""A description in an OpenAPI folder is recognised by its top-level keys wherever they are
(sorted keys put ``openapi:`` last); any other YAML/JSON file there is said (OAS028), not dropped."""

from __future__ import annotations

import json
import shutil

import yaml

from openapi_helpers import CLEAN, CORPUS
from project_fixtures import run_cli, write_files


def _sorted_yaml(padding: int = 70_000) -> str:
    """CLEAN with its keys sorted, as Stripe publishes: ``openapi`` comes after ``info``,
    ``paths``... and a long description pushes it beyond the first 64 KiB."""
    data = yaml.safe_load(CLEAN)
    data["info"]["description"] = "word " * (padding // 5)
    return yaml.safe_dump(data, sort_keys=True, width=80)


def _ids(result) -> list[str]:
    return sorted(e["id"] for e in result.json()["entities"] if e["kind"] == "api")


def _found(result, code):
    return [f for f in result.json()["findings"] if f["code"] == code]


def test_openapi_key_after_64_kib_is_recognised(tmp_path, monkeypatch):
    text = _sorted_yaml()
    assert text.index("\nopenapi:") > 65536
    data = yaml.safe_load(CLEAN)
    data["info"]["description"] = "x" * 70_000
    write_files(tmp_path, {"apis/payments.yaml": text,
                           "apis/sorted.json": json.dumps(data, sort_keys=True, indent=1)})
    result = run_cli(["export", "--openapi", "apis"], tmp_path, monkeypatch)
    assert _ids(result) == ["api:payments", "api:sorted"]
    assert _found(result, "OAS028") == []


def test_a_real_description_with_swagger_last(tmp_path, monkeypatch):
    # the Kubernetes description: JSON in a .yaml file, keys sorted, "swagger" 3.8 MB in
    (tmp_path / "apis").mkdir()
    shutil.copy(CORPUS / "large" / "kubernetes.yaml", tmp_path / "apis" / "kubernetes.yaml")
    result = run_cli(["check", "--openapi", "apis", "--format", "json"], tmp_path, monkeypatch)
    assert result.json()["summary"]["files"] >= 1
    assert _found(result, "OAS028") == []
    assert "apis/kubernetes.yaml" in {f["file"] for f in result.json()["findings"]}


def test_a_file_that_is_no_description_is_said(tmp_path, monkeypatch):
    write_files(tmp_path, {
        "apis/payments.yaml": CLEAN.replace('                $ref: "#/components/schemas/Payment"',
                                            '                $ref: "common.yaml#/Payment"'),
        "apis/common.yaml": "Payment:\n  type: object\n  properties:\n    id: {type: string}\n",
        "apis/notes.yaml": "info:\n  openapi: not at the top level\nnotes: [a, b]\n",
        "apis/data.json": '{"info": {"openapi": "3.1.0"}, "rows": []}',
        "apis/README.md": "# APIs\n",
    })
    result = run_cli(["check", "--openapi", "apis", "--format", "json"], tmp_path, monkeypatch)
    notes = _found(result, "OAS028")
    assert [(f["file"], f["line"], f["severity"]) for f in notes] == [
        ("apis/data.json", 1, "info"), ("apis/notes.yaml", 1, "info")]
    assert "is not an OpenAPI description (no top-level openapi or swagger key)" in notes[0]["message"]
    assert "apis/common.yaml" not in {f["file"] for f in result.json()["findings"]}  # a part
