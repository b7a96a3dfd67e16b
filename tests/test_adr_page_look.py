"""A decision's page as log4brains shows it: a superseded banner, a card without an empty header
row, and Status and Date once."""

from __future__ import annotations

from project_fixtures import build_site
from specsite.core.tables import drop_empty_header_rows


def _main(site, path: str) -> str:
    html = (site / path).read_text(encoding="utf-8")
    return html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]


def test_superseded_decision_names_its_successor_in_a_banner(adr_project):
    site = build_site(adr_project)
    old = _main(site, "decisions/ADR-0002/index.html")
    banner = old.split('<div class="admonition warning">')[1].split("</div>")[0]
    assert "Superseded" in banner and 'href="../ADR-0003/"' in banner and "Use CockroachDB" in banner
    assert old.index("admonition warning") < old.index("<table>")  # above the card
    current = _main(site, "decisions/ADR-0003/index.html")
    assert "admonition warning" not in current


def test_nygard_status_and_date_appear_once_and_the_card_has_no_empty_header(adr_project):
    site = build_site(adr_project)
    for path in ("decisions/ADR-0002/index.html", "decisions/ADR-0003/index.html"):
        page = _main(site, path)
        assert "<thead>" not in page and "<th></th>" not in page
        assert page.count("2024-0") == 1, path  # the card's Date row, not the body's "Date:" line
        assert ">Status</h2>" not in page  # the section held only what the card shows
        assert ">Context</h2>" in page and ">Consequences</h2>" in page
    newer = _main(site, "decisions/ADR-0003/index.html")
    body = newer.split("</table>")[1].split('id="referenced-by"')[0]
    assert "ADR-0002" not in body and "Supersedes" not in body  # a card row only


def test_status_section_prose_stays(adr_project):
    (adr_project / "adrs/0001-record-architecture-decisions.md").write_text(
        "# 1. Record architecture decisions\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n\n"
        "Reviewed again in the spring.\n\n## Context\n\nWe need to record decisions.\n\n"
        "## Decision\n\nADRs.\n\n## Consequences\n\nFewer meetings.\n", encoding="utf-8")
    page = _main(build_site(adr_project), "decisions/ADR-0001/index.html")
    assert ">Status</h2>" in page and "Reviewed again in the spring." in page
    assert page.count("2024-01-10") == 1


def test_only_empty_header_rows_go():
    kept = "<table>\n<thead>\n<tr>\n<th>Name</th>\n<th></th>\n</tr>\n</thead>\n<tbody></tbody></table>"
    assert drop_empty_header_rows(kept) == kept
    empty = "<table>\n<thead>\n<tr>\n<th></th>\n<th></th>\n</tr>\n</thead>\n<tbody>\n<tr><td>a</td></tr>"
    assert drop_empty_header_rows(empty) == "<table>\n<tbody>\n<tr><td>a</td></tr>"
