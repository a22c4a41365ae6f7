"""Issue 15: `sensitivity` (design §9), its words and its marks, against cases worked by hand.

Expected values come from the plan's scores in data/services.csv and design §3's rule worked
out here (or from `classify`, the rule's one implementation), never from `sensitivity` itself.
"""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igemo_data import classify, sensitivity, spreadsheet
from igemo_data.charts import quadrant_chart
from igemo_data.charts.export import slide_spec
from igemo_data.charts.firmness import crossing_points, marker_fill
from igemo_data.charts.firmness_table import firmness_table
from igemo_data.firmness import (
    COLUMNS,
    PROBABILITY_COLUMNS,
    crossing_horizon,
    uncertainty_from_answers,
)
from igemo_data.firmness_words import export_table, firmness_rows
from igemo_data.schema import SCORE_COLUMNS
from igemo_data.settings import Settings
from igemo_data.texts.said import Refused


def _row(table: pd.DataFrame, service_id: str) -> pd.Series:
    return table.set_index("id").loc[service_id]


def _normal_tail(distance: float) -> float:
    """P(Z ≥ distance) for a standard normal Z."""
    return 0.5 * math.erfc(distance / math.sqrt(2))


def test_the_columns_are_design_9s_in_order(services: pd.DataFrame) -> None:
    table = sensitivity(services, draws=10)
    assert tuple(table.columns) == COLUMNS
    assert list(table["id"]) == list(services["id"])
    placed = classify(services)
    pd.testing.assert_series_equal(table["quadrant"], placed["quadrant"])
    pd.testing.assert_series_equal(table["market"], placed["market"])
    assert np.allclose(table["need_margin"], placed["need"] - 1.5)


def test_e1s_need_crosses_at_exactly_50_percent_and_is_strong_there(services) -> None:
    # e1: need 1 now, 2 in the future; the cut 1,5 is reached halfway, and on the cut is strong.
    e1 = _row(sensitivity(services, draws=10), "ruimte-e1")
    assert e1["need_cross"] == 0.5
    at_half = _row(classify(services, horizon=0.5), "ruimte-e1")
    just_before = _row(classify(services, horizon=0.5 - 1e-6), "ruimte-e1")
    assert at_half["need_strong"] and not just_before["need_strong"]


def test_equal_current_and_future_scores_never_cross(services) -> None:
    table = sensitivity(services, draws=10)
    # o7's need is 1 now and 1 later; e2 has 2 everywhere.
    assert math.isnan(_row(table, "ruimte-o7")["need_cross"])
    assert table.set_index("id").loc["ruimte-e2", ["market_cross", "need_cross"]].isna().all()
    steady = np.array([1.0, 1.5, 1.5 - 1e-12, 2.0])
    assert np.isnan(crossing_horizon(steady, steady, 1.5)).all()


def test_a_strong_axis_that_weakens_crosses_where_it_leaves_the_cut() -> None:
    # 2 → 1 against 1,5: on the cut at 50 % (still strong), weak just after.
    assert crossing_horizon(np.array([2.0]), np.array([1.0]), 1.5)[0] == 0.5
    assert crossing_horizon(np.array([1.8]), np.array([1.0]), 1.4)[0] == pytest.approx(0.5)


def test_a_what_if_axis_has_no_crossing_and_stays_put(services) -> None:
    table = sensitivity(services, overrides={"ruimte-e1": {"need": 1.5}}, uncertainty=0.3)
    e1 = _row(table, "ruimte-e1")
    assert math.isnan(e1["need_cross"]) and e1["market_cross"] == 0.5
    # need fixed on its cut (strong): the service can only be Vermeerder or Creëer.
    assert e1["p_verminder"] == e1["p_elimineer"] == 0
    assert e1["flip_score"] in ("market_current", "market_potential")


@settings(max_examples=60, deadline=None)
@given(
    scores=st.lists(
        st.tuples(*[st.one_of(st.sampled_from([1.0, 1.3, 1.5, 2.0]), st.floats(1, 2))] * 4),
        min_size=1,
        max_size=6,
    ),
    horizon=st.one_of(st.sampled_from([0.0, 0.3, 0.5, 0.7, 1.0]), st.floats(0, 1)),
    market_cut=st.one_of(st.sampled_from([1.3, 1.5]), st.floats(1, 2)),
    need_cut=st.one_of(st.sampled_from([1.3, 1.5]), st.floats(1, 2)),
    what_if=st.one_of(st.none(), st.floats(1, 2)),
)
def test_no_uncertainty_gives_classify_s_quadrant_for_sure(
    scores, horizon, market_cut, need_cut, what_if
) -> None:
    frame = pd.DataFrame(scores, columns=list(SCORE_COLUMNS))
    frame.insert(0, "id", [f"s{i}" for i in range(len(frame))])
    overrides = {"s0": {"need": what_if}} if what_if is not None else None
    cuts = {"market_cut": market_cut, "need_cut": need_cut}
    expected = classify(frame, horizon=horizon, overrides=overrides, **cuts)["quadrant"]
    table = sensitivity(
        frame, horizon=horizon, overrides=overrides, uncertainty=0.0, draws=3, **cuts
    )
    chances = table[[f"p_{q}" for q in expected]].to_numpy().diagonal()
    assert (chances == 1.0).all()
    assert (table[list(PROBABILITY_COLUMNS)].sum(axis=1) == 1.0).all()


@settings(max_examples=25, deadline=None)
@given(
    scores=st.lists(
        st.tuples(*[st.sampled_from([1.0, 1.2, 1.45, 1.5, 1.6, 2.0])] * 4),
        min_size=1,
        max_size=3,
    ),
    horizon=st.sampled_from([0.0, 0.25, 0.5, 1.0]),
    need_cut=st.sampled_from([1.3, 1.5, 1.65]),
)
def test_the_flip_is_the_smallest_single_change_classify_agrees_with(
    scores, horizon, need_cut
) -> None:
    frame = pd.DataFrame(scores, columns=list(SCORE_COLUMNS))
    frame.insert(0, "id", [f"s{i}" for i in range(len(frame))])
    table = sensitivity(frame, horizon=horizon, need_cut=need_cut, uncertainty=0.0, draws=1)
    base = classify(frame, horizon=horizon, need_cut=need_cut)["quadrant"]
    # Every single change as a row of its own, all placed by classify in one call.
    values = [round(1 + k / 10, 1) for k in range(11)]
    trials = []
    for i in range(len(frame)):
        for c, column in enumerate(SCORE_COLUMNS):
            for value in values:
                trial = frame.iloc[i].to_dict() | {column: value, "id": f"{i}-{c}-{value}"}
                trials.append((i, c, value, trial))
    placed = classify(pd.DataFrame([t[3] for t in trials]), horizon=horizon, need_cut=need_cut)
    for i in range(len(frame)):
        best = None  # (step, column order, value): design §9's tie rule, by brute force
        for (j, c, value, _), moved in zip(trials, placed["quadrant"], strict=True):
            step = round(abs(value - frame.at[i, SCORE_COLUMNS[c]]), 9)
            if (
                j == i
                and step > 0
                and moved != base[i]
                and (best is None or (step, c, value) < best)
            ):
                best = (step, c, value)
        if best is None:
            assert table.at[i, "flip_score"] == "" and math.isnan(table.at[i, "flip_value"])
        else:
            assert table.at[i, "flip_score"] == SCORE_COLUMNS[best[1]]
            assert table.at[i, "flip_value"] == best[2]


def test_the_same_seed_gives_the_same_table(services) -> None:
    first = sensitivity(services, horizon=0.5, uncertainty=0.2, seed=7)
    again = sensitivity(services, horizon=0.5, uncertainty=0.2, seed=7)
    other = sensitivity(services, horizon=0.5, uncertainty=0.2, seed=8)
    pd.testing.assert_frame_equal(first, again)
    assert not first[list(PROBABILITY_COLUMNS)].equals(other[list(PROBABILITY_COLUMNS)])


def test_at_horizon_0_an_axis_is_strong_as_often_as_the_normal_tail_says() -> None:
    # Scores near the cut, far from 1 and 2: clipping does not matter, the tail does.
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "market_current": [1.45, 1.62],
            "market_potential": [2.0, 1.0],
            "need_current": [1.53, 1.38],
            "need_future": [1.0, 2.0],
        }
    )
    table = sensitivity(frame, uncertainty=0.1, draws=20_000, seed=3).set_index("id")
    market_strong = table["p_vermeerder"] + table["p_verminder"]
    need_strong = table["p_vermeerder"] + table["p_creeer"]
    assert market_strong["a"] == pytest.approx(_normal_tail(0.5), abs=0.02)  # (1,5 − 1,45)/0,1
    assert market_strong["b"] == pytest.approx(_normal_tail(-1.2), abs=0.02)
    assert need_strong["a"] == pytest.approx(_normal_tail(-0.3), abs=0.02)
    assert need_strong["b"] == pytest.approx(_normal_tail(1.2), abs=0.02)


def test_o7s_flip_reads_as_a_dutch_sentence(services) -> None:
    # At 50 %: o7's market is 0,5·1 + 0,5·2 = 1,5 (strong), its need 1 (weak): Verminder.
    # Need needs a step of 1 to reach 1,5; market potential 2 → 1,9 makes the market 1,45.
    at_half = Settings(horizon=0.5)
    table = sensitivity(services, horizon=0.5, draws=50)
    rows = firmness_rows(table, services, at_half, "nl").set_index("id")
    assert rows.at["ruimte-o7", "flip"] == (
        "Potentiële marktpositie 2 → 1,9 brengt o7 van Verminder naar Elimineer"
    )
    # Now: market current and need current both need 1 → 1,5; the market comes first.
    now = firmness_rows(sensitivity(services, draws=50), services, Settings(), "en")
    assert now.set_index("id").at["ruimte-o7", "flip"] == (
        "Current market position 1 → 1.5 moves o7 from Eliminate to Reduce"
    )


def test_the_rows_run_from_fragile_to_firm(services) -> None:
    table = sensitivity(services, horizon=0.5, uncertainty=0.1, draws=400)
    rows = firmness_rows(table, services, Settings(horizon=0.5), "nl")
    stay = rows["p_stay"].to_numpy()
    assert (np.diff(stay) >= 0).all() and stay[0] < 0.6 < stay[-1]
    assert rows.at[0, "crossing"].startswith("kruist de grens bij")


def test_a_round_s_spread_serves_as_the_uncertainty(services) -> None:
    answers = pd.DataFrame(
        {
            "participant": ["a", "b", "c", "d", "e"],
            "service_id": ["ruimte-e1"] * 5,
            "market_current": [1.0, 1.2, 1.4, 1.6, 1.8],  # IQR 0,4
            "market_potential": [2.0] * 5,
            "need_current": [1.0, 1.0, np.nan, 1.0, 1.0],
            "need_future": [2.0] * 5,
        }
    )
    spread = uncertainty_from_answers(answers).set_index("id")
    assert spread.at["ruimte-e1", "market_current"] == pytest.approx(0.4 / 1.349)
    assert spread.at["ruimte-e1", "need_current"] == 0
    table = sensitivity(services, uncertainty=spread.reset_index(), draws=2000).set_index("id")
    # Only e1's market now moves: 1 + N(0, 0,3) clipped reaches 1,5 about 4,6 % of the time.
    assert 0.02 < table.at["ruimte-e1", "p_verminder"] < 0.2
    assert (table.drop(index="ruimte-e1")[list(PROBABILITY_COLUMNS)].isin([0.0, 1.0])).all().all()


@pytest.mark.parametrize(
    "options",
    [{"uncertainty": -0.1}, {"uncertainty": math.nan}, {"draws": 0}, {"seed": -1}],
)
def test_nonsense_settings_are_refused_in_words(services, options) -> None:
    with pytest.raises(Refused):
        sensitivity(services, **options)


def test_the_chart_fills_markers_by_their_chance_and_rings_crossings(services) -> None:
    from igemo_data.charts import evolution_arrows

    at_half = Settings(horizon=0.3)
    table = classify(services, horizon=0.3)
    firmness = sensitivity(services, horizon=0.3, uncertainty=0.1, draws=500)
    arrows = evolution_arrows(classify(services), classify(services, horizon=1.0), at_half)
    spec = quadrant_chart(
        table, at_half, arrows=arrows, evolution_at=0.3, firmness=firmness
    ).to_dict()
    layers = spec["layer"]
    points = next(la for la in layers if la.get("name") == "dienst_markers")
    assert points["encoding"]["fillOpacity"]["field"] == "fill_opacity"
    chance = firmness.set_index("id")
    for row in points["data"]["values"]:
        stay = chance.loc[row["id"], f"p_{row['quadrant']}"]
        assert row["fill_opacity"] == pytest.approx(float(marker_fill(stay)), abs=1e-3)
    rings = next(
        la for la in layers if la.get("data", {}).get("name", "").startswith("firmness_crossings")
    )
    e1 = [r for r in rings["data"]["values"] if r["id"] == "ruimte-e1"]
    assert {r["text"] for r in e1} == {"50 %"} and len(e1) == 2  # market and need, both at 50 %
    assert any(r["x"] == pytest.approx(1.5) for r in e1)
    assert any(r["y"] == pytest.approx(1.5) for r in e1)
    words = [
        row["text"]
        for la in layers
        for row in la.get("data", {}).get("values", [])
        if "text" in row
    ]
    assert "kans te blijven:" in words
    assert crossing_points([], firmness, at_half) == []


def test_the_slide_says_it_shows_how_firm(services) -> None:
    from datetime import date

    firmness = sensitivity(services, uncertainty=0.15, draws=50)
    spec = slide_spec(
        classify(services),
        Settings(),
        lang="nl",
        scenario_name="x",
        on=date(2026, 1, 1),
        firmness=firmness,
    )
    assert "hoe vast: onzekerheid ±0,15" in spec["title"]["subtitle"]
    plain = slide_spec(
        classify(services), Settings(), lang="nl", scenario_name="x", on=date.today()
    )
    assert "hoe vast" not in plain["title"]["subtitle"]


def test_the_table_downloads_are_formula_safe(services) -> None:
    hostile = services.copy()
    hostile.loc[0, "name"] = '=HYPERLINK("http://x")'
    table = sensitivity(hostile, horizon=0.5, draws=50)
    rows = firmness_rows(table, hostile, Settings(horizon=0.5), "nl")
    text = spreadsheet.csv_bytes(export_table(rows, "nl"), lang="nl").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text
    assert "Kans om te blijven (%)" in text.splitlines()[0]
    assert len(text.splitlines()) == len(services) + 1


def test_the_table_chart_draws_every_row(services) -> None:
    table = sensitivity(services, horizon=0.5, draws=50)
    rows = firmness_rows(table, services, Settings(horizon=0.5), "nl")
    spec = firmness_table(rows, "nl")
    alt.LayerChart.from_dict(spec, validate=True)  # a valid Vega-Lite spec, as written
    texts = [
        row["text"] for la in spec["layer"] for row in la["data"].get("values", []) if "text" in row
    ]
    assert set(services["code"]) <= set(texts)
    assert rows.at[0, "flip"] in texts


def test_an_empty_portfolio_gives_an_empty_table(services) -> None:
    none = services.iloc[:0]
    table = sensitivity(none)
    assert tuple(table.columns) == COLUMNS and table.empty
    assert firmness_rows(table, none, Settings(), "nl").empty
