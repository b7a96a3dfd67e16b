"""The ``offline`` option (on by default): what it changes in a Material site, read from the HTML."""

from __future__ import annotations

import pytest

from project_fixtures import build_site, write_files


def _site(tmp_path, theme: str, option: str = "") -> str:
    write_files(tmp_path, {
        "mkdocs.yml": f"site_name: t\nrepo_url: https://github.com/o/r\ntheme: {theme}\n"
                      f"plugins:\n  - specsite{option}\n",
        "docs/index.md": "# Home\n"})
    return (build_site(tmp_path) / "index.html").read_text()


def test_default_fonts_off_and_the_widget_script_first(tmp_path):
    html = _site(tmp_path, "material")
    assert "fonts.googleapis.com" not in html
    script = html.index('src="assets/specsite/offline.js"')
    assert script < html.index("bundle.")  # before Material's bundle reads its cache
    assert ".__source" in (tmp_path / "site/assets/specsite/offline.js").read_text()


def test_named_fonts_are_kept(tmp_path):
    html = _site(tmp_path, "{name: material, font: {text: Inter}}")
    assert "fonts.googleapis.com" in html


@pytest.mark.parametrize("option", [":\n      offline: false\n"])
def test_offline_false_leaves_the_theme_alone(tmp_path, option):
    html = _site(tmp_path, "material", option)
    assert "fonts.googleapis.com" in html and "offline.js" not in html
    assert not (tmp_path / "site/assets/specsite/offline.js").exists()


def test_other_themes_are_left_alone(tmp_path):
    html = _site(tmp_path, "mkdocs")
    assert "offline.js" not in html
