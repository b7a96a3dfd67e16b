"""The Redoc-like parts of the API pages carry payloads as text: the operation list, method
badges, schema trees (names, enum values, defaults, patterns, descriptions), generated examples,
curl samples (server URLs, paths, header names) and the download link; only spec inputs are
copied into the site."""

from __future__ import annotations

import html
import json
import re
import shlex
from pathlib import Path

import pytest

from project_fixtures import build_site, write_files
from test_xss_c4_openapi import ALL, API_FILES, audit, build_anyway, main_of, named, page, shown, text_of


@pytest.fixture(scope="module")
def look_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = json.loads(API_FILES["apis/pets.yaml"])
    # a server a reader may follow, with a quote in its path: used in the curl sample, quoted
    data["servers"].insert(0, {"url": "https://api.example.com/it's"})
    # a 3.2-style odd method name cannot make a class or a tag of its own
    data["openapi"] = "3.2.0"
    data["paths"]["/odd"] = {"additionalOperations": {'X"><script>alert(40)</script>': {
        "operationId": "odd", "summary": named("odd summary"),
        "responses": {"200": {"description": "ok"}}}}}
    files = {**API_FILES, "apis/pets.yaml": json.dumps(data, indent=1)}
    return build_anyway(write_files(tmp_path_factory.mktemp("api-look"), files))


def _tag_page(site: Path) -> str:
    folder = next(p for p in (site / "api/pets").iterdir() if p.name.startswith("tag-name"))
    return page(site, f"api/pets/{folder.name}/index.html")


def test_new_parts_carry_no_script(look_site):
    assert audit(look_site, "api") == {}


def test_operation_list_tree_and_badges_show_payloads_as_text(look_site):
    doc = _tag_page(look_site)
    listing = re.search(r'<ul class="specsite-operations">.*?</ul>', doc, re.S).group(0)
    assert shown(named("get summary")) in text_of(listing)
    trees = re.findall(r'<div class="specsite-schema"[^>]*>.*?</div>\s*(?=<p>|<div class="specsite-response"|<h)',
                       doc, re.S)
    assert trees
    text = text_of(" ".join(trees))
    for field in ("get property", "get property pattern"):
        assert shown(named(field)) in text, field
    assert shown(json.dumps(named("get property enum"), ensure_ascii=False)) in text
    odd = page(look_site, "api/pets/default/index.html")
    badges = re.findall(r'<span class="specsite-method specsite-method-([^"]*)">(.*?)</span>', odd)
    assert badges and all(re.fullmatch("[a-z]+", kind) and "<" not in label for kind, label in badges)
    assert ("xscriptalert", 'X"><SCRIPT>ALERT(40)</SCRIPT>') in \
        [(kind, html.unescape(label)) for kind, label in badges]


def test_curl_and_examples_are_code_not_markup(look_site):
    doc = _tag_page(look_site)
    blocks = [text_of(b) for b in re.findall(r"<pre[^>]*>(.*?)</pre>", doc, re.S)]
    curl = next(b for b in blocks if b.startswith("curl "))
    words = shlex.split(curl.replace("\\\n", " "))
    # the first server is safe: quoted for the shell, its quote included
    assert words[3] == "https://api.example.com/it's/pets/{id}/" + ALL.replace("\x01", "\ufffd")
    key = named("key name").replace("\x01", "\ufffd")
    assert f"{key}: {{{key}}}" in words  # the API key header
    assert not re.search(r"<pre[^>]*>(?:(?!</pre>).)*<(img|svg|script)", doc, re.S)


def test_unsafe_first_server_gives_the_placeholder(tmp_path):
    data = json.loads(API_FILES["apis/pets.yaml"])
    data["paths"] = {"/plain": data["paths"]["/plain"]}
    data.pop("webhooks")
    files = {**API_FILES, "apis/pets.yaml": json.dumps(data, indent=1)}
    doc = page(build_anyway(write_files(tmp_path, files)), "api/pets/default/index.html")
    curl = next(text_of(b) for b in re.findall(r"<pre[^>]*>(.*?)</pre>", doc, re.S)
                if "curl" in b)
    assert shlex.split(curl.replace("\\\n", " "))[:4] == ["curl", "-X", "GET", "{server}/plain"]


def test_only_spec_inputs_are_copied_for_download(tmp_path):
    root = write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                      "plugins:\n  - specsite:\n      openapi: apis\n      rules: {OAS026: 'off'}\n",
        "docs/index.md": "# Home\n",
        "apis/shop.yaml": "openapi: 3.0.3\ninfo: {title: Shop, version: '1'}\n"
                          "servers: [{url: 'https://x.example'}]\npaths: {}\n"
                          "components:\n  schemas:\n    A: {$ref: 'parts/a.yaml'}\n",
        "apis/parts/a.yaml": "type: string\n",
        "apis/parts/notes.txt": "not a spec input\n",
        "apis/secret.yaml": "password: hunter2\n",
    })
    site = build_site(root, strict=False)
    copied = sorted(p.relative_to(site).as_posix() for p in (site / "api/shop/source").rglob("*") if p.is_file())
    assert copied == ["api/shop/source/parts/a.yaml", "api/shop/source/shop.yaml"]
    assert (site / "api/shop/source/shop.yaml").read_bytes() == (root / "apis/shop.yaml").read_bytes()
    overview = text_of(main_of(page(site, "api/shop/index.html")))
    assert "Download the description: shop.yaml (and the 1 file it references, beside it)" in overview
