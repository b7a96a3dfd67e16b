"""The register in a real MkDocs build: item pages, register, quadrant chart, links both ways."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from debt_helpers import item, project
from project_fixtures import build_site

from specsite.debt.chart import PER_QUADRANT


def _register(root: Path) -> Path:
    return project(root, {
        "0001-one-database.md": item(1, title="Orders and stock share one database",
                                     interest="6 hours/month", principal="3 days",
                                     _body="# One database\n\nWhy: **speed**. See [[ADR-0002]].\n"),
        "0002-retry.md": item(2, title="Retry logic copied", quadrant="reckless-inadvertent",
                              adrs=[], elements=["shop.api"], status="scheduled", release="2.4",
                              interest="1 hours/week", principal="1 weeks"),
        "0003-old.md": item(3, title="Old client", status="repaid"),
    })


def _digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and p.name != "sitemap.xml.gz"}


def _hrefs(page: Path) -> list[str]:
    return re.findall(r'href="([^"#]*)(?:#[^"]*)?"', page.read_text(encoding="utf-8"))


def test_pages_links_and_a_byte_identical_rebuild(tmp_path: Path) -> None:
    site = build_site(_register(tmp_path))
    for path in ("debt/index.html", "debt/quadrants/index.html", "debt/DEBT-0001/index.html",
                 "debt/DEBT-0002/index.html", "debt/DEBT-0003/index.html"):
        assert (site / path).is_file(), path
    register = (site / "debt/index.html").read_text(encoding="utf-8")
    # ranked: DEBT-0001 (6 h a month against 24 h) before DEBT-0002 (4.3 h against 40 h)
    assert register.index("DEBT-0001/") < register.index("DEBT-0002/")
    assert "Repaid" in register and "DEBT-0003/" in register
    page = (site / "debt/DEBT-0001/index.html").read_text(encoding="utf-8")
    assert "<strong>speed</strong>" in page  # the body is rendered Markdown
    assert 'href="../../decisions/ADR-0001/"' in page and 'href="../../decisions/ADR-0002/"' in page
    assert "Rank" in page and "1 of 2" in page
    # every link of the debt pages resolves to a built file
    for built in sorted((site / "debt").rglob("index.html")):
        for href in _hrefs(built):
            if href.startswith(("http", "mailto")) or not href:
                continue
            target = (built.parent / href).resolve()
            assert target.exists() or (target / "index.html").exists(), (built, href)
    chart = (site / "debt/quadrants/index.html").read_text(encoding="utf-8")
    assert '<a href="../DEBT-0001/"><title>DEBT-0001: Orders and stock share one database (open)' \
           in chart
    assert "DEBT-0003/" not in chart  # repaid items are not drawn
    first = _digest(site)
    shutil.rmtree(site)
    assert _digest(build_site(tmp_path)) == first


def test_elements_and_decisions_list_their_debt(tmp_path: Path) -> None:
    site = build_site(_register(tmp_path))
    adr = (site / "decisions/ADR-0001/index.html").read_text(encoding="utf-8")
    assert 'href="../../debt/DEBT-0001/"' in adr
    element = next(p for p in (site / "architecture").rglob("index.html")
                   if "shop.api" in p.read_text(encoding="utf-8") and
                   "Takes orders." in p.read_text(encoding="utf-8") and "DEBT-0002" in
                   p.read_text(encoding="utf-8"))
    text = element.read_text(encoding="utf-8")
    referenced = text[text.index("Referenced by"):]
    assert "DEBT-0002" in referenced and "Retry logic copied" in referenced


def test_the_chart_is_bounded_and_says_what_it_leaves_out(tmp_path: Path) -> None:
    many = {f"{n:04d}.md": item(n, quadrant="prudent-inadvertent", adrs=[], elements=[])
            for n in range(1, PER_QUADRANT + 6)}
    site = build_site(project(tmp_path, many))
    chart = (site / "debt/quadrants/index.html").read_text(encoding="utf-8")
    assert chart.count("<title>DEBT-") == PER_QUADRANT
    assert "5 items are not drawn" in chart and "+5 more" in chart
