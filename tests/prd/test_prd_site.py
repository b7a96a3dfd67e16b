"""PRD pages in a real MkDocs site built into ``tmp_path`` with ``--strict``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from prd_helpers import ADR_ACCEPTED, ADR_SUCCESSOR, ADR_SUPERSEDED, GOOD, build_site, prd_text, write

REPO = Path(__file__).resolve().parents[2]
SECOND = """
id: PRD-0008
title: Product search
status: draft
owner: sam.lee
release: 2027-Q2
requirements:
  - id: R1
    text: Search finds synonyms.
    priority: must
    rice: {reach: 90000, impact: 2, confidence: 0.5, effort: 2}
    depends_on: [PRD-0007.R1]
  - id: R2
    text: Search tolerates typos.
    priority: could
"""


@pytest.fixture
def site(tmp_path: Path, kinds) -> Path:
    write(tmp_path / "adrs" / "0001-document-store.md", ADR_SUPERSEDED)
    write(tmp_path / "adrs" / "0002-postgres.md", ADR_SUCCESSOR)
    write(tmp_path / "adrs" / "0003-hosted-card-fields.md", ADR_ACCEPTED)
    write(tmp_path / "prds" / "0007-one-click-checkout.md",
          prd_text(GOOD, "# One-click checkout\n\n## Problem\n\nBaskets are lost; see [[ADR-0003]].\n"))
    write(tmp_path / "prds" / "0008-search.md", prd_text(SECOND))
    write(tmp_path / "docs" / "index.md", "# Home\n\nThe key requirement is [[PRD-0007.R1]].\n")
    return build_site(tmp_path)


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_prd_page_has_card_prose_requirements_criteria_traces_and_backlinks(site):
    page = html(site, "requirements/PRD-0007")
    assert "<h1" in page and "PRD-0007: One-click checkout" in page
    assert 'specsite-status--approved">approved</span>' in page
    assert "jane.doe" in page and "sam.lee" in page and "2027-Q1" in page
    assert "Baskets are lost" in page
    assert 'href="../../decisions/ADR-0003/"' in page
    # the requirement table, filterable by priority, with RICE scores
    assert 'class="specsite-filter" data-specsite-filter-column="4"' in page
    assert "26,666.67" in page
    # anchors that [[PRD-0007.R1]] reaches, and readable Given/When/Then
    assert 'id="prd-0007-r1"' in page and 'id="prd-0007-nfr1"' in page
    assert "<strong>Given</strong> a signed-in shopper with a saved card, <strong>when</strong> " \
           "they press Buy now, <strong>then</strong> the order is placed" in page
    assert "p95 latency ≤ 300 ms" in page
    assert "<code>payments#createPayment</code>" in page
    assert "<code>webshop.checkoutService</code>" in page
    assert "checkout conversion" in page
    # backlinks: the home page and the other PRD's requirement reference this PRD's R1
    r1 = page[page.index('id="prd-0007-r1"'):page.index('id="prd-0007-nfr1"')]
    assert 'href="../PRD-0008/#prd-0008-r1"' in r1
    assert re.search(r'<a href="../../"[^>]*>Home</a>', r1)
    assert "Referenced by" in page


def test_references_to_a_requirement_land_on_its_anchor(site):
    assert 'href="requirements/PRD-0007/#prd-0007-r1"' in html(site, "")


def test_portfolio_lists_every_prd_by_status_owner_and_release(site):
    page = html(site, "requirements")
    assert 'data-specsite-filter-column="3"' in page
    for text in ("PRD-0007", "PRD-0008", "One-click checkout", "Product search", "jane.doe",
                 "sam.lee", "2027-Q1", "2027-Q2", "By release", "By owner"):
        assert text in page


def tables(page: str) -> list[str]:
    return re.findall(r"<table>.*?</table>", page, re.S)


def row_ids(table: str) -> list[str]:
    """The first requirement ID of each body row."""
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    return [re.search(r"PRD-\d{4}\.[A-Z]+\d", row).group(0) for row in rows]


def test_backlog_ranks_across_prds_by_rice_with_moscow_mix(site):
    ranked, unscored, per_prd, per_release = tables(html(site, "requirements/backlog"))
    # 90000*2*0.5/2 = 45,000 > 50000*2*0.8/3 = 26,666.67 > 50000*1*0.5/2 = 12,500 > 4,000
    assert row_ids(ranked) == ["PRD-0008.R1", "PRD-0007.R1", "PRD-0007.NFR1", "PRD-0007.R2"]
    # the score, with its inputs as the tooltip
    assert '<strong title="90,000 × 2 × 0.5 / 2">45,000</strong>' in ranked
    assert row_ids(unscored) == ["PRD-0008.R2"]
    # PRD-0007: 2 must, 1 should; must effort 5 of 9 person-months
    assert re.search(r"PRD-0007</a></td>\s*<td>.*?</td>\s*<td>2</td>\s*<td>1</td>\s*<td>0</td>"
                     r"\s*<td>0</td>\s*<td>56%</td>", per_prd, re.S)
    assert "2027-Q1" in per_release and "2027-Q2" in per_release


def test_traceability_matrix_with_coverage(site):
    page = html(site, "requirements/traceability")
    assert "Coverage" in page and "Matrix" in page
    # must requirements of approved PRDs: R1 (operation) and NFR1 (nothing) -> 1 of 2
    assert "1 of 2" in page and "50%" in page
    assert "<code>payments#createPayment</code>" in page
    assert 'href="../../decisions/ADR-0003/"' in page


def test_requirement_anchor_is_a_valid_html_id(site):
    ids = re.findall(r'id="(prd-[^"]+)"', html(site, "requirements/PRD-0007"))
    assert set(ids) >= {"prd-0007-r1", "prd-0007-nfr1", "prd-0007-r2"}
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", i) for i in ids)


def test_an_error_stops_the_strict_build(tmp_path, kinds):
    write(tmp_path / "adrs" / "0003-hosted-card-fields.md", ADR_ACCEPTED)
    write(tmp_path / "prds" / "0001-a.md", "---\nid: PRD-0001\ntitle: [broken\n---\n")
    with pytest.raises((PluginError, Abort)):
        build_site(tmp_path)


@pytest.mark.parametrize("source,prds", [("examples/webshop", "prds"), (".", "specs/prds")])
def test_the_repository_sites_build_strict_with_their_prds(tmp_path, monkeypatch, source, prds):
    """Both real sites, as configured in their mkdocs.yml plus ``prds``, with every kind there is."""
    from specsite import kinds as kinds_module
    from specsite.prd.kind import PRD_KIND
    from specsite.settings import _LenientLoader, plugin_options

    if PRD_KIND not in kinds_module.KINDS:  # until PRD_KIND is wired into specsite.kinds
        monkeypatch.setattr(kinds_module, "KINDS", [*kinds_module.KINDS, PRD_KIND])
    root = REPO / source
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LenientLoader)
    options = plugin_options(config)
    options["prds"] = prds
    copies = {config.get("docs_dir", "docs")}
    for key in ("adrs", "prds", "c4", "openapi", "debt", "runbooks"):
        values = options.get(key) or []
        for value in [values] if isinstance(values, str) else values:
            copies.add(value if (root / value).is_dir() else str(Path(value).parent))
    for folder in sorted(copies):
        shutil.copytree(root / folder, tmp_path / folder, dirs_exist_ok=True)
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "specsite" in entry:
            entry["specsite"] = options
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site")))
    site = tmp_path / "site"
    for page in ("requirements", "requirements/backlog", "requirements/traceability"):
        assert (site / page / "index.html").is_file()
    assert len(list((site / "requirements").glob("PRD-*/index.html"))) >= (2 if "webshop" in source else 3)
