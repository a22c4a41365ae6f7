"""The numbers beside the chart: counts, shifts, plan versus matrix, what-if bookkeeping."""

from __future__ import annotations

import pandas as pd
import pytest

from igemo_data import classify, workshop
from igemo_data.schema import QUADRANTS, quadrant_for


def _expected_quadrant(row: pd.Series, horizon: float) -> str:
    market = (1 - horizon) * row.market_current + horizon * row.market_potential
    need = (1 - horizon) * row.need_current + horizon * row.need_future
    return quadrant_for(market >= 1.5, need >= 1.5)


def test_quadrant_counts_list_every_quadrant_and_add_up(services: pd.DataFrame) -> None:
    table = classify(services, horizon=1.0)
    counts = workshop.quadrant_counts(table)
    assert list(counts["quadrant"]) == list(QUADRANTS)
    expected = {q: 0 for q in QUADRANTS}
    for row in services.itertuples():
        expected[_expected_quadrant(row, 1.0)] += 1
    assert dict(zip(counts["quadrant"], counts["count"], strict=True)) == expected


def test_shifts_name_from_and_to(services: pd.DataFrame, baseline: pd.DataFrame) -> None:
    future = classify(services, horizon=1.0)
    moved = workshop.shifts(baseline, future)
    expected = {
        row.id: (_expected_quadrant(row, 0.0), _expected_quadrant(row, 1.0))
        for row in services.itertuples()
        if _expected_quadrant(row, 0.0) != _expected_quadrant(row, 1.0)
    }
    assert expected, "the plan's future scores move some services"
    assert {r.id: (r.from_quadrant, r.to_quadrant) for r in moved.itertuples()} == expected
    # Ondernemerschap goes from weak/weak today to strong/strong in the future.
    e1 = moved[moved["id"] == "ruimte-e1"].iloc[0]
    assert (e1.from_quadrant, e1.to_quadrant) == ("elimineer", "vermeerder")


def test_no_shifts_against_itself(baseline: pd.DataFrame) -> None:
    assert workshop.shifts(baseline, baseline).empty


@pytest.mark.parametrize(
    ("decision", "quadrant", "agreement"),
    [
        ("invest", "vermeerder", workshop.AGREES),
        ("invest", "creeer", workshop.AGREES),
        ("invest", "elimineer", workshop.DISAGREES),
        ("wait", "verminder", workshop.AGREES),
        ("niche", "verminder", workshop.AGREES),
        ("niche", "creeer", workshop.DISAGREES),
        ("phase_out", "elimineer", workshop.AGREES),
        ("no_invest", "elimineer", workshop.AGREES),
        ("no_invest", "vermeerder", workshop.DISAGREES),
        ("", "vermeerder", workshop.NOT_STATED),
    ],
)
def test_plan_versus_matrix_agreement(decision: str, quadrant: str, agreement: str) -> None:
    table = pd.DataFrame(
        [
            {
                "id": "x",
                "domain": "RUIMTE",
                "cluster": "c",
                "code": "x1",
                "name": "X",
                "plan_decision": decision,
                "quadrant": quadrant,
                "plan_note": "",
            }
        ]
    )
    assert workshop.plan_versus_matrix(table)["agreement"].tolist() == [agreement]


def test_plan_versus_matrix_on_the_plan(baseline: pd.DataFrame) -> None:
    compared = workshop.plan_versus_matrix(baseline)
    by_id = compared.set_index("id")["agreement"]
    # Bedrijfshuisvesting: invest, and strong on both axes today.
    assert by_id["ruimte-e2"] == workshop.AGREES
    # Ondernemerschap: invest, but weak on both axes today: discussion material.
    assert by_id["ruimte-e1"] == workshop.DISAGREES
    # Financieel beheer: the plan's text decides nothing.
    assert by_id["bestuur-w1"] == workshop.NOT_STATED


def test_overrides_bookkeeping(services: pd.DataFrame) -> None:
    overrides = workshop.with_override({}, "ruimte-o6", "market", 1.8)
    overrides = workshop.with_override(overrides, "ruimte-o6", "need", 1.2)
    overrides = workshop.with_override(overrides, "mens-s4", "need", 2.0)
    assert overrides == {"ruimte-o6": {"market": 1.8, "need": 1.2}, "mens-s4": {"need": 2.0}}
    rows = workshop.override_table(services, overrides)
    assert rows["id"].tolist() == ["ruimte-o6", "mens-s4"]  # the plan's order
    assert pd.isna(rows.loc[1, "market"])
    assert workshop.without_override(overrides, "ruimte-o6") == {"mens-s4": {"need": 2.0}}
    with pytest.raises(ValueError):
        workshop.with_override({}, "ruimte-o6", "size", 1.5)


def test_only_domains_keeps_order(baseline: pd.DataFrame) -> None:
    mens = workshop.only_domains(baseline, ["MENS"])
    assert mens["id"].tolist() == baseline[baseline["domain"] == "MENS"]["id"].tolist()
    assert len(mens) == 13


def test_shifts_carry_both_places_scores(services: pd.DataFrame, baseline: pd.DataFrame) -> None:
    future = classify(services, horizon=1.0, overrides={"ruimte-o7": {"need": 2.0}})
    moved = workshop.shifts(baseline, future).set_index("id")
    # Materialenbeheer: market 1 → 2 with the horizon, need 1 → a what-if of 2.
    o7 = moved.loc["ruimte-o7"]
    assert (o7.market_from, o7.market_to, o7.need_from, o7.need_to) == (1.0, 2.0, 1.0, 2.0)
    assert (o7.from_quadrant, o7.to_quadrant) == ("elimineer", "vermeerder")


def test_find_services_ignores_case_and_accents(services: pd.DataFrame) -> None:
    assert workshop.find_services(services, "mobiliteit") == ["ruimte-o6"]
    assert workshop.find_services(services, "O6") == ["ruimte-o6"]
    assert workshop.find_services(services, "noord zuid") == ["mens-s9"]
    assert set(workshop.find_services(services, "v1")) == {"mens-v1", "bestuur-v1"}
    assert workshop.find_services(services, "   ") == []
    assert workshop.find_services(services, "bestaat niet") == []
    assert len(workshop.find_services(services, "e", limit=5)) == 5


# --- Issue 18, item 6: what moved against the plan -------------------------------------------


def test_against_the_plan_counts_changes_and_moves_follow_the_rule(
    services: pd.DataFrame, baseline: pd.DataFrame
) -> None:
    future = classify(services, horizon=1.0)
    against = workshop.against_baseline(baseline, future)
    now = {q: 0 for q in QUADRANTS}
    before = {q: 0 for q in QUADRANTS}
    moved = []
    for row in services.itertuples():
        now[_expected_quadrant(row, 1.0)] += 1
        before[_expected_quadrant(row, 0.0)] += 1
        if _expected_quadrant(row, 1.0) != _expected_quadrant(row, 0.0):
            moved.append(row.id)
    assert against.counts == now
    assert against.changes == {q: now[q] - before[q] for q in QUADRANTS}
    assert against.moved == tuple(moved)  # in the plan's order
    assert against.shifted == len(moved) == len(workshop.shifts(baseline, future))
    assert sum(against.changes.values()) == 0
    # e1 leaves Elimineer for Vermeerder: at least one down there, one up here.
    assert "ruimte-e1" in against.moved
    assert against.changes["elimineer"] < 0 < against.changes["vermeerder"]


def test_nothing_moved_against_itself(baseline: pd.DataFrame) -> None:
    against = workshop.against_baseline(baseline, baseline)
    assert against.moved == () and against.shifted == 0
    assert against.changes == {q: 0 for q in QUADRANTS}
    assert sum(against.counts.values()) == len(baseline)


def test_two_services_that_swap_quadrants_change_no_count_but_two_moved() -> None:
    before = pd.DataFrame({"id": ["a", "b", "c"], "quadrant": ["creeer", "elimineer", "creeer"]})
    after = pd.DataFrame({"id": ["a", "b", "c"], "quadrant": ["elimineer", "creeer", "creeer"]})
    against = workshop.against_baseline(before, after)
    assert against.changes == {q: 0 for q in QUADRANTS}
    assert against.moved == ("a", "b") and against.shifted == 2


def test_a_domain_is_compared_with_its_own_services_only(
    services: pd.DataFrame, baseline: pd.DataFrame
) -> None:
    ruimte = workshop.only_domains(classify(services, horizon=1.0), ["RUIMTE"])
    against = workshop.against_baseline(baseline, ruimte)
    plan_ruimte = workshop.only_domains(baseline, ["RUIMTE"])
    before = dict(workshop.quadrant_counts(plan_ruimte).itertuples(index=False))
    assert against.changes == {q: against.counts[q] - before[q] for q in QUADRANTS}
    assert sum(against.changes.values()) == 0
    assert set(against.moved) <= set(ruimte["id"])
    assert against.moved == tuple(workshop.shifts(plan_ruimte, ruimte)["id"])


def test_a_what_if_that_crosses_a_cut_is_one_move(
    services: pd.DataFrame, baseline: pd.DataFrame
) -> None:
    # Mobiliteit (o6) stands in Creëer now; market 1,9 puts it in Vermeerder.
    moved = classify(services, overrides={"ruimte-o6": {"market": 1.9}})
    against = workshop.against_baseline(baseline, moved)
    assert against.moved == ("ruimte-o6",)
    assert against.changes == {"vermeerder": 1, "creeer": -1, "verminder": 0, "elimineer": 0}
