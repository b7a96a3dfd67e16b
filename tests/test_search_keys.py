"""What the plugin puts into Material's search index so IDs are found (read from the JSON; the
browser test in test_browser_sites.py types them into the search box)."""

from __future__ import annotations

import json

import pytest

from project_fixtures import NYGARD_1, build_site, write_files
from specsite.mkdocs_plugin.search_keys import SEPARATOR, page_url


def _index(tmp_path, search: str = "search", first: bool = False) -> dict:
    specsite = "  - specsite:\n      adrs: adrs\n"
    plugins = specsite + f"  - {search}\n" if first else f"  - {search}\n" + specsite
    write_files(tmp_path, {
        "mkdocs.yml": f"site_name: t\ntheme: {{name: material, font: false}}\nplugins:\n{plugins}",
        "docs/index.md": "# Home\n",
        "adrs/0001-record.md": NYGARD_1})
    return json.loads((build_site(tmp_path) / "search/search_index.json").read_text())


@pytest.mark.parametrize("first", [False, True])
def test_ids_split_on_colons_hashes_and_dots_and_become_tags(tmp_path, first):
    index = _index(tmp_path, first=first)
    assert index["config"]["separator"] == SEPARATOR
    tagged = {d["location"]: d["tags"] for d in index["docs"] if d.get("tags")}
    assert tagged == {"decisions/ADR-0001/": ["0001", "ADR-0001"]}


def test_a_separator_the_user_chose_is_kept(tmp_path):
    index = _index(tmp_path, "search:\n      separator: '[\\s]+'")
    assert index["config"]["separator"] == "[\\s]+"


def test_page_urls_as_the_index_writes_them():
    assert page_url("api/checkout/orders.md", True) == "api/checkout/orders/"
    assert page_url("api/checkout/index.md", True) == "api/checkout/"
    assert page_url("index.md", True) == ""
    assert page_url("decisions/ADR-0001.md", False) == "decisions/ADR-0001.html"
    assert page_url("api/index.md", False) == "api/index.html"
