"""Schema trees show what a client must send or expect: example, bounds and pattern too."""

from __future__ import annotations

from project_fixtures import build_site, write_files

API = """
openapi: 3.0.3
info: {title: Shop, version: "1"}
servers: [{url: "https://shop.example.com"}]
paths: {}
components:
  schemas:
    Money:
      type: object
      properties:
        amount: {type: integer, minimum: 0, example: 4999, description: In cents.}
        code: {type: string, pattern: "^(EUR|SEK)$"}
        note: {type: string, maxLength: 300}
"""


def test_schema_tree_shows_examples_bounds_and_patterns(tmp_path):
    write_files(tmp_path, {
        "apis/shop.yaml": API, "docs/index.md": "# Home\n",
        "mkdocs.yml": "site_name: t\ntheme: {name: material, font: false}\n"
                      "plugins:\n  - specsite:\n      openapi: apis\n      rules: {OAS016: 'off'}\n"})
    html = (build_site(tmp_path) / "api/shop/schemas/index.html").read_text()
    assert '<div class="specsite-schema-facts">≥ 0 · example <code>4999</code></div>' \
           '<div class="specsite-schema-desc">In cents.</div>' in html
    assert '<div class="specsite-schema-facts">pattern <code>^(EUR|SEK)$</code></div>' in html
    assert '<div class="specsite-schema-facts">max length 300</div>' in html
