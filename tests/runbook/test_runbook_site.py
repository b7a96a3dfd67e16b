"""Runbook pages in a real MkDocs site built into ``tmp_path`` with ``--strict``: the runbook's
page, the index by service and owner, the element and requirement pages that list runbooks,
links that land, and a byte-identical rebuild."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from runbook_helpers import project, runbook

from project_fixtures import build_site

REPO = Path(__file__).resolve().parents[2]


def text_of(page: Path) -> str:
    """The article's text, tags removed, whitespace collapsed."""
    body = page.read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", body, re.S)
    assert article is not None
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article.group(0))).split())


def hrefs(page: Path) -> list[str]:
    article = re.search(r"<article.*?</article>", page.read_text(encoding="utf-8"), re.S)
    return re.findall(r'href="([^"]+)"', article.group(0)) if article else []


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("runbook-site"), {
        "0001-api-slow.md": runbook(slo="[PRD-0001.NFR1, PRD-0001.NFR2]"),
        "0002-db-full.md": runbook(2, title="Database disk full", service="[shop.db, shop.api]",
                                   slo="[]").replace("team-shop", "team-data"),
    })
    return build_site(root)


def test_runbook_page_has_card_steps_service_relationships_and_slos(site: Path) -> None:
    text = text_of(site / "runbooks/RB-0001/index.html")
    assert "RB-0001: API is slow" in text
    for fact in ("Severity sev2", "Owner team-shop", "Service API", "Triggers ApiLatencyHigh",
                 "Last reviewed 2026-06-01", "Review every 90 days (next review 2026-08-30)",
                 "Source runbooks/0001-api-slow.md"):
        assert fact in text, fact
    for step in ("Diagnose", "Mitigate", "Escalate", "Verify", "Roll back."):
        assert step in text
    # the service with its relationships from the C4 model, both ways
    assert "Uses Element Relationship Database Reads and writes" in text
    assert "Used by Element Relationship Web Calls" in text
    # the SLOs with their targets
    assert "PRD-0001.NFR1 Checkout is fast. performance p95 latency ≤ 300 ms" in text
    assert "availability ≥ 99.9 %" in text
    assert "Referenced by" in text and "PRD-0001" in text.split("Referenced by")[-1]


def test_index_lists_runbooks_by_service_and_by_owner(site: Path) -> None:
    text = text_of(site / "runbooks/index.html")
    assert "2 runbooks" in text
    by_service = text.split("By service")[1].split("By owner")[0]
    assert re.search(r"API .*RB-0001 API is slow .*RB-0002 Database disk full .*Database", by_service)
    by_owner = text.split("By owner")[1]
    assert by_owner.index("team-data") < by_owner.index("team-shop")


def test_element_and_requirement_pages_list_their_runbooks(site: Path) -> None:
    api = text_of(site / "architecture/shop.api/index.html").split("Referenced by")[-1]
    assert "RB-0001" in api and "RB-0002" in api
    db = text_of(site / "architecture/shop.db/index.html").split("Referenced by")[-1]
    assert "RB-0002" in db and "RB-0001" not in db
    prd = text_of(site / "requirements/PRD-0001/index.html")
    nfr2 = prd.split("NFR2 ·")[-1]
    assert "Referenced by: RB-0001" in nfr2


def test_every_link_of_the_runbook_pages_lands(site: Path) -> None:
    for page in (site / "runbooks").rglob("index.html"):
        base = "/" + page.relative_to(site).as_posix()
        for href in hrefs(page):
            if href.startswith(("http", "mailto:", "#")):
                continue
            url = urlparse(urljoin(base, href))
            target = site / url.path.lstrip("/")
            if target.is_dir() or url.path.endswith("/"):
                target = target / "index.html"
            assert target.is_file(), f"{page}: {href}"
            if url.fragment:
                assert f'id="{url.fragment}"' in target.read_text(encoding="utf-8"), href


def test_docs_pages_link_runbooks_with_the_reference_syntax(site: Path) -> None:
    assert 'href="runbooks/RB-0001/"' in (site / "index.html").read_text(encoding="utf-8")


def test_rebuild_is_byte_identical(site: Path, tmp_path: Path) -> None:
    def digest(folder: Path) -> dict[str, str]:
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".gz"}

    copy = tmp_path / "copy"
    shutil.copytree(site.parent, copy, ignore=shutil.ignore_patterns("site"))
    again = build_site(copy)
    assert digest(again) == digest(site)


def test_a_broken_runbook_keeps_its_page_and_stops_the_strict_build(tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort

    root = project(tmp_path, {"0001-api-slow.md": runbook(extra="colour: red")})
    with pytest.raises(Abort):
        build_site(root, strict=False)  # an error stops any build
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "      rules: {RB001: warning}\n")
    with pytest.raises(Abort):
        build_site(root)  # a warning stops the strict one
    site = build_site(root, strict=False)
    assert "does not validate" in text_of(site / "runbooks/RB-0001/index.html")


@pytest.mark.parametrize("folder", [REPO / "examples" / "webshop"])
def test_the_example_product_builds_strict_with_its_runbooks(tmp_path: Path, folder: Path) -> None:
    root = tmp_path / "webshop"
    shutil.copytree(folder, root, ignore=shutil.ignore_patterns("site", ".cache"))
    site = build_site(root)
    text = text_of(site / "runbooks/RB-0001/index.html")
    assert "Checkout service" in text and "p95 latency of placeOrder ≤ 300 ms" in text
    assert "RB-0001" in text_of(site / "architecture/webshop.checkout/index.html")


def test_search_finds_a_runbook_by_its_id(site: Path) -> None:
    import json

    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    tags = {doc["location"]: doc.get("tags") for doc in index["docs"]}
    assert tags["runbooks/RB-0001/"] == ["RB-0001"]
