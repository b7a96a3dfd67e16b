"""This repository's own site and the example product, in a real (Debian) Chromium: no request
to another host, and Material's search finds each kind of ID first."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from project_fixtures import REPO, write_files

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 for the length of the block; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _build(config_file: Path, site_dir: Path, **overrides) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True, **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("sites")
    return {"main": _build(REPO / "mkdocs.yml", out / "main"),
            "webshop": _build(REPO / "examples" / "webshop" / "mkdocs.yml", out / "webshop")}


def _foreign_requests(site: Path, paths: list[str]) -> list[str]:
    """Load ``paths`` in one browser session (Material fetches repository facts on the first
    page of a session) and return every request that left the site's own host."""
    from playwright.sync_api import sync_playwright

    seen: list[str] = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.on("request", lambda r: seen.append(r.url) if not r.url.startswith(
            (base, "data:", "blob:", "about:")) else None)
        for path in paths:
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("networkidle")
        browser.close()
    return seen


def test_main_site_makes_no_request_to_another_host(sites):
    assert _foreign_requests(sites["main"], ["", "decisions/", "decisions/ADR-0001/",
                                             "architecture/", "guide/cli/"]) == []


def test_example_site_makes_no_request_to_another_host(sites):
    assert _foreign_requests(sites["webshop"], ["", "api/", "decisions/", "requirements/",
                                                "architecture/"]) == []


def test_the_repository_widget_would_call_the_forge_api_without_the_option(tmp_path):
    # what the option prevents, so the tests above can fail
    write_files(tmp_path, {
        "mkdocs.yml": "site_name: t\nrepo_url: https://github.com/specsite/specsite\n"
                      "theme: {name: material, font: false}\nplugins:\n  - specsite:\n"
                      "      offline: false\n",
        "docs/index.md": "# Home\n"})
    seen = _foreign_requests(_build(tmp_path / "mkdocs.yml", tmp_path / "site"), [""])
    assert any(url.startswith("https://api.github.com/") for url in seen), seen
    shutil.rmtree(tmp_path / "site")
    (tmp_path / "mkdocs.yml").write_text((tmp_path / "mkdocs.yml").read_text().replace(
        "      offline: false\n", ""))
    assert _foreign_requests(_build(tmp_path / "mkdocs.yml", tmp_path / "site"), [""]) == []


def _first_results(site: Path, terms: list[str]) -> dict[str, list[str]]:
    """Type each term into Material's search box; the first result links (page, then its
    best sections), as paths relative to the site."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[str]] = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        for term in terms:
            page.goto(f"{base}/")
            box = page.locator("input.md-search__input")
            box.click()
            page.wait_for_function("() => !/Initializing/i.test("
                                   "document.querySelector('.md-search-result__meta').textContent)")
            box.press_sequentially(term, delay=10)  # Material searches on key events
            links = page.locator(".md-search-result__item a.md-search-result__link")
            links.first.wait_for()
            page.wait_for_timeout(300)
            # without the highlight query Material adds with search.highlight (?h=...)
            found[term] = [re.sub(r"\?h=[^#]*", "", str(links.nth(i).get_attribute("href")))
                           .removeprefix(base + "/") for i in range(min(links.count(), 2))]
        browser.close()
    return found


def test_search_finds_each_kind_of_id_first_on_the_example(sites):
    found = _first_results(sites["webshop"], ["placeOrder", "PlacedOrder", "PRD-0001.R1",
                                              "ADR-0003", "0003"])
    assert found["placeOrder"] == ["api/checkout/orders/", "api/checkout/orders/#op-placeOrder"]
    assert found["PlacedOrder"] == ["api/checkout/schemas/",
                                    "api/checkout/schemas/#schema-PlacedOrder"]
    assert found["PRD-0001.R1"] == ["requirements/PRD-0001/", "requirements/PRD-0001/#prd-0001-r1"]
    # PRD-0003 exists too: the bare number means the decision
    assert found["ADR-0003"][0] == "decisions/ADR-0003/"
    assert found["0003"][0] == "decisions/ADR-0003/"


def test_search_finds_decisions_by_number_on_the_main_site(sites):
    found = _first_results(sites["main"], ["ADR-0007", "0007", "PRD-0002"])
    assert found["ADR-0007"][0] == "decisions/ADR-0007/"
    assert found["0007"][0] == "decisions/ADR-0007/"
    assert found["PRD-0002"][0] == "requirements/PRD-0002/"
