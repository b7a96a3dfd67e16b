"""The preview site: ``mkdocs build`` with ``SPECSITE_DIFF_BASE`` (or ``diff_base``) adds a
Changes page, banners, pages for removed entities and marked diagrams; without it the site is
what it always was."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from diff_helpers import commit, edit, webshop_repo
from test_diff_webshop import ORDERS, PRD, second_revision

GIFT_CARDS = "prds/0004-gift-cards.md"


def build(root: Path, site: Path, strict: bool = True) -> Path:
    """``mkdocs build [--strict] -d site`` in-process."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), strict=strict, site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return site


def files(site: Path) -> dict[str, bytes]:
    """Every file of a built site (gzip sitemaps hold a time stamp: left out)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.name.endswith(".gz")}


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def article(text: str) -> str:
    return text[text.index("<article"):text.index("</article>")]


@pytest.fixture(scope="module")
def webshop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example on ``main`` plus its second revision, a removed PRD and a hostile value."""
    root = webshop_repo(tmp_path_factory.mktemp("preview"))
    second_revision(root)
    # the second revision leaves two loose ends that stop a build; tie them
    edit(root, ORDERS, "      x-requirements: [PRD-0001.R3]\n", "")
    edit(root, "decisions/0006-cache-product-pages.md", "[[ADR-0099]]", "[[ADR-0005]]")
    (root / GIFT_CARDS).unlink()
    edit(root, "apis/checkout.yaml", "[PRD-0001.R1, PRD-0001.NFR1, PRD-0004.R2]", "[PRD-0001.R1, PRD-0001.NFR1]")
    edit(root, "apis/checkout.yaml", "      x-requirements: [PRD-0004.R1]\n", "")
    edit(root, PRD, "text: The shopper can undo a one-click order within 10 minutes without contacting support.",
         'text: "Undo <img src=x onerror=alert(1)> [[PRD-0002]] **shown** | within 10 minutes"')
    # what the second revision leaves for later, so that --strict builds count only the preview
    edit(root, "mkdocs.yml", "      openapi: apis\n", "      openapi: apis\n      rules: {ADR011: info, PRD013: info}\n")
    commit(root, "preview revision")
    return root


@pytest.fixture(scope="module")
def sites(webshop: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The site built without a base, with SPECSITE_DIFF_BASE, and without again."""
    out = tmp_path_factory.mktemp("sites")
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SPECSITE_DIFF_BASE", raising=False)
        plain = build(webshop, out / "plain")
        mp.setenv("SPECSITE_DIFF_BASE", "HEAD~2")
        preview = build(webshop, out / "preview")
        again = build(webshop, out / "preview-again")
        mp.delenv("SPECSITE_DIFF_BASE")
        plain_again = build(webshop, out / "plain-again")
    return {"plain": plain, "preview": preview, "again": again, "plain_again": plain_again}


def test_no_base_no_preview(sites: dict[str, Path]) -> None:
    """Without a base nothing of the preview is in the site, and building a preview in
    between changes nothing."""
    plain = files(sites["plain"])
    assert not any(p.startswith("changes/") for p in plain)
    text = b"".join(v for k, v in plain.items() if k.endswith((".html", ".json", ".xml")))
    for marker in (b"specsite-changes", b"c4-added", b"c4-changed", b"c4-legend\"", b"(removed)"):
        assert marker not in text
    assert files(sites["plain_again"]) == plain


def test_preview_is_deterministic(sites: dict[str, Path]) -> None:
    assert files(sites["preview"]) == files(sites["again"])


def test_changes_page(sites: dict[str, Path]) -> None:
    text = article(page(sites["preview"], "changes"))
    assert "Compared with revision HEAD~2" in text
    assert "Sunset dates compared as of" in text and "committer date of HEAD" in text
    breaking = text[text.index('id="breaking-changes"'):text.index('id="warnings"')]
    assert '<a href="../api/orders/orders/#op-listOrders"><code>api:orders#listOrders</code></a>' in breaking
    assert "new required query parameter region" in breaking
    # a removed entity links to where it was shown: its page is gone, so to the removed page
    assert '<a href="../requirements/PRD-0004/"><code>PRD-0004</code></a>' in text
    # the Changes page is in the nav (mkdocs.yml lists its pages)
    assert '<a href="changes/" class="md-nav__link">' in page(sites["preview"], "")


def test_banners_say_what_changed_field_by_field(sites: dict[str, Path]) -> None:
    prd = article(page(sites["preview"], "requirements/PRD-0001"))
    banner = prd[prd.index('class="admonition warning specsite-changes"'):prd.index("</div>")]
    assert "target loosened" in banner
    assert ("<code>target</code>: <code>{\"metric\": \"p95 latency of placeOrder\", \"op\": \"&lt;=\", "
            "\"unit\": \"ms\", \"value\": 300.0}</code> → ") in banner
    # the removed requirement's old anchor still lands on the page
    assert '<span id="prd-0001-r3"></span><strong>warning</strong> <code>PRD-0001.R3</code>' in banner
    # unchanged pages have no banner
    assert "specsite-changes" not in page(sites["preview"], "requirements/PRD-0003")


def test_banner_values_are_escaped(sites: dict[str, Path]) -> None:
    prd = article(page(sites["preview"], "requirements/PRD-0001"))
    banner = prd[prd.index("specsite-changes"):prd.index("</div>")]
    start = banner.index("<li><code>text</code>:", banner.index("requirement PRD-0001.R2: text changed"))
    item = banner[start:banner.index("</li>", start)]
    assert "&lt;img src=x onerror=alert(1)&gt;" in item  # shown as text...
    assert "<img" not in item and "<strong>shown</strong>" not in item  # ...and inert
    assert "[[PRD-0002]]" in html.unescape(item) and "href" not in item  # not turned into a link


def test_api_pages_flag_breaking_changes(sites: dict[str, Path]) -> None:
    text = article(page(sites["preview"], "api/orders/refunds"))
    assert '<div class="admonition danger specsite-changes">' in text
    assert "Breaking changes in this pull request" in text
    assert "enum value &#x27;other&#x27; removed" in text or "enum value 'other' removed" in text


def test_removed_entity_pages(sites: dict[str, Path]) -> None:
    text = article(page(sites["preview"], "requirements/PRD-0004"))
    assert '<h1 id="digital-gift-cards-removed">Digital gift cards (removed)' in text
    assert 'class="admonition failure specsite-changes specsite-removed"' in text
    assert "<code>PRD-0004</code>" in text
    # each removed requirement's anchor lands here
    assert re.search(r'<span id="prd-0004-r1"></span>', text)


def test_diagrams_mark_added_and_changed_with_a_legend(sites: dict[str, Path]) -> None:
    text = page(sites["preview"], "architecture/views/containers")
    assert re.search(r'<g class="c4-element c4-added" data-specsite-id="webshop.recommendations"', text)
    assert re.search(r'<g class="c4-element c4-changed" data-specsite-id="webshop.search"', text)
    assert '<span class="c4-legend">' in text
    # the removed relationship is not in HEAD's model: listed instead of drawn
    assert "Not drawn any more: <code>c4:webshop.orders-&gt;psp</code> (removed)" in text
    plain = page(sites["plain"], "architecture/views/containers")
    assert 'class="c4-element c4-' not in plain and "c4-legend" not in plain


def test_unknown_base_stops_the_build(webshop: Path, tmp_path: Path, monkeypatch, caplog) -> None:
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("SPECSITE_DIFF_BASE", "no-such-branch")
    with pytest.raises(Abort):
        build(webshop, tmp_path / "site")
    assert "specsite: diff_base no-such-branch: base: unknown revision 'no-such-branch'" in caplog.text
