"""The content-hash cache: an unchanged API is not parsed again, a changed part never served."""

from __future__ import annotations

from openapi_helpers import CLEAN, run, variant, write

import pytest

import specsite.openapi.kind as kind_module


@pytest.fixture(autouse=True)
def _signing_key(monkeypatch):
    """Entries are signed; a fixed key keeps the tests out of the user's cache folder."""
    monkeypatch.setenv("SPECSITE_CACHE_KEY", "test-key")

MULTI = {
    "api/payments.yaml": variant(CLEAN, '$ref: "#/components/schemas/Payment"',
                                 '$ref: "parts/payment.yaml"'),
    "api/parts/payment.yaml": "type: object\nproperties:\n  id: {type: string}\n",
}


def _count_reads(monkeypatch):
    calls = []
    real = kind_module._read_api

    def counting(*args, **kwargs):
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(kind_module, "_read_api", counting)
    return calls


def test_unchanged_api_comes_from_the_cache(tmp_path, monkeypatch):
    calls = _count_reads(monkeypatch)
    cache = tmp_path / ".cache"
    first = run(tmp_path, MULTI, cache_dir=cache)
    second = run(tmp_path, cache_dir=cache)
    assert len(calls) == 1
    assert second.findings == first.findings
    assert [e.to_dict() for e in second.result.entities] == [e.to_dict() for e in first.result.entities]
    # pages still render from a cached read (the model is parsed on demand)
    assert "api/payments/payments.md" in second.pages()


def test_changed_part_is_never_stale(tmp_path, monkeypatch):
    calls = _count_reads(monkeypatch)
    cache = tmp_path / ".cache"
    assert run(tmp_path, MULTI, cache_dir=cache).of("OAS003") == []
    write(tmp_path, {"api/parts/payment.yaml": "type: object\nproperties:\n  id: {$ref: '#/nope'}\n"})
    changed = run(tmp_path, cache_dir=cache)
    assert len(calls) == 2
    assert [f.file for f in changed.of("OAS003")] == ["api/parts/payment.yaml"]


def test_no_cache_dir_writes_nothing(tmp_path):
    run(tmp_path, MULTI, cache_dir=None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["api"]


def test_cache_survives_a_moved_checkout(tmp_path, monkeypatch):
    import shutil

    calls = _count_reads(monkeypatch)
    cache = tmp_path / "ci-cache"
    run(tmp_path / "checkout1", MULTI, cache_dir=cache)
    shutil.copytree(tmp_path / "checkout1", tmp_path / "checkout2")
    moved = run(tmp_path / "checkout2", cache_dir=cache)
    assert len(calls) == 1
    assert moved.graph.get("api:payments#getPayment").file == "api/payments.yaml"


def test_rebuild_in_one_process_reuses_the_parsed_api(tmp_path, monkeypatch):
    from specsite.openapi.kind import OpenApiKind

    calls = _count_reads(monkeypatch)
    kind = OpenApiKind()
    first = run(tmp_path, MULTI, kind=kind)
    second = run(tmp_path, kind=kind)
    assert len(calls) == 1
    assert second.result.model.records[0].api is first.result.model.records[0].api
    write(tmp_path, {"api/parts/payment.yaml": "type: string\n"})
    run(tmp_path, kind=kind)
    assert len(calls) == 2


def test_broken_reference_is_read_again_once_mended(tmp_path):
    cache = tmp_path / ".cache"
    files = {**MULTI, "api/parts/payment.yaml": b"\x00\x01binary"}
    broken = run(tmp_path, files, cache_dir=cache)
    assert {f.code for f in broken.findings} >= {"SPEC001", "OAS003"}
    write(tmp_path, {"api/parts/payment.yaml": MULTI["api/parts/payment.yaml"]})
    assert run(tmp_path, cache_dir=cache).of("OAS003") == []
