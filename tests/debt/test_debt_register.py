"""The register's order: interest over principal, deterministic ties, unrankable items after."""

from __future__ import annotations

from pathlib import Path

import pytest
from debt_helpers import item, project, run

from specsite.debt import units


@pytest.mark.parametrize("interest,principal,share", [
    ("4 hours/month", "2 days", 0.25),            # 4 h a month against 16 h
    ("1 day/week", "1 months", 8 * 52 / 12 / 160),  # person-days and person-months
    ("2 person-hours/week", "52 hours", round(2 * 52 / 12 / 52, 6)),
    ("300 EUR/quarter", "1000 EUR", 0.1),
    ("12 incidents/year", "4 incidents", 0.25),
])
def test_monthly_share_converts_units(interest: str, principal: str, share: float) -> None:
    i, p = units.parse(interest), units.parse(principal)
    assert i and p
    assert units.monthly_share(units.interest(*i), units.principal(*p)) == pytest.approx(share, abs=1e-6)


@pytest.mark.parametrize("interest,principal", [
    ("4 hours/sprint", "2 days"), ("4 EUR/month", "2 days"), ("4 hours/month", "2 EUR")])
def test_units_that_do_not_compare_give_no_share(interest: str, principal: str) -> None:
    i, p = units.parse(interest), units.parse(principal)
    assert units.monthly_share(units.interest(*i), units.principal(*p)) is None


def test_register_ranks_by_share_then_principal_then_id(tmp_path: Path) -> None:
    project(tmp_path, {
        "0001.md": item(1, interest="1 hours/month", principal="10 hours"),   # 0.1
        "0002.md": item(2, interest="4 hours/month", principal="1 days"),     # 0.5
        "0003.md": item(3, interest="2 hours/month", principal="4 hours"),    # 0.5, smaller
        "0004.md": item(4, interest="2 hours/month", principal="4 hours"),    # tie with 3: ID
        "0005.md": item(5, interest="9 EUR/month", principal="1 days"),       # not comparable
        "0006.md": item(6, interest=None),                                    # not estimated
        "0007.md": item(7, status="repaid", interest="99 hours/month"),       # not ranked
        "0008.md": item(8, status="accepted", interest="1 hours/month", principal="1 hours"),
    })
    register = run(tmp_path).results["debt"].model.export()["register"]
    assert [(r["id"], r["rank"]) for r in register] == [
        ("DEBT-0008", 1), ("DEBT-0003", 2), ("DEBT-0004", 3), ("DEBT-0002", 4),
        ("DEBT-0001", 5), ("DEBT-0005", None), ("DEBT-0006", None)]
    assert register[5]["unranked"] == "'EUR/month' and 'days' do not compare"
    assert register[6]["unranked"] == "no interest"
