"""The Harrigan matrix of design §3: `igemo_data.matrix.classify`.

The expected quadrants here are written out from design §3's table, never taken from
`schema.quadrant_for` or `QUADRANTS`, so swapping two keys in the code fails these tests.
"""

from __future__ import annotations

import csv
import math
import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igemo_data import classify, load_services
from igemo_data.matrix import classify_steps
from igemo_data.schema import COLUMNS, SCORE_COLUMNS

CSV = Path(__file__).resolve().parents[1] / "data" / "services.csv"
TOLERANCE = 1e-9  # design: a value on the cut is strong, floating-point noise included

# Design §3's table, written out by hand: (market strong, need strong) -> quadrant key.
EXPECTED_KEY = {
    (True, True): "vermeerder",
    (False, True): "creeer",
    (True, False): "verminder",
    (False, False): "elimineer",
}


def reference_quadrant(
    scores: tuple[float, float, float, float],
    horizon: float,
    market_cut: float,
    need_cut: float,
    override: dict[str, float] | None = None,
) -> tuple[float, float, str]:
    """Design §3 in plain Python: (market, need, quadrant key)."""
    market_current, market_potential, need_current, need_future = scores
    market = (1 - horizon) * market_current + horizon * market_potential
    need = (1 - horizon) * need_current + horizon * need_future
    override = override or {}
    market = override.get("market", market)
    need = override.get("need", need)
    key = EXPECTED_KEY[(market >= market_cut - TOLERANCE, need >= need_cut - TOLERANCE)]
    return market, need, key


def make_services(scores: list[tuple[float, float, float, float]]) -> pd.DataFrame:
    """A small services table with design §2's columns, one service per score tuple."""
    rows = []
    for index, (mc, mp, nc, nf) in enumerate(scores):
        rows.append(
            {
                "id": f"test-s{index}",
                "domain": "RUIMTE",
                "cluster": "Testcluster",
                "code": f"s{index}",
                "name": f"Dienst {index}",
                "description": "",
                "market_current": float(mc),
                "market_potential": float(mp),
                "need_current": float(nc),
                "need_future": float(nf),
                "plan_decision": "invest",
                "plan_note": "",
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def plan_rows() -> list[dict[str, str]]:
    """The plan's services read with the csv module, independently of the loader."""
    with CSV.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def quadrants_by_id(table: pd.DataFrame) -> dict[str, str]:
    return dict(zip(table["id"], table["quadrant"], strict=True))


@pytest.fixture(scope="module")
def services() -> pd.DataFrame:
    return load_services(CSV)


# --- cut lines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("market", "need", "expected"),
    [
        (1.5, 1.5, "vermeerder"),  # both exactly on the cut: both strong
        (1.49, 1.5, "creeer"),  # market just below the cut: weak market, strong need
        (1.5, 1.49, "verminder"),  # need just below the cut: strong market, weak need
        (1.49, 1.49, "elimineer"),  # both just below
        (2.0, 1.0, "verminder"),
        (1.0, 2.0, "creeer"),
    ],
)
def test_value_on_the_cut_is_strong_and_just_below_is_weak(market, need, expected):
    # current == potential, so the horizon does not matter
    table = classify(make_services([(market, market, need, need)]), horizon=0.0)
    assert table["quadrant"].tolist() == [expected]
    assert table["market_strong"].tolist() == [market >= 1.5]
    assert table["need_strong"].tolist() == [need >= 1.5]


@pytest.mark.parametrize("cut", [1.0, 1.25, 1.7, 2.0])
def test_on_and_below_other_cut_lines(cut):
    below = max(cut - 0.01, 1.0)
    table = classify(
        make_services([(cut, cut, cut, cut), (below, below, cut, cut), (cut, cut, below, below)]),
        market_cut=cut,
        need_cut=cut,
    )
    if cut == 1.0:  # nothing lies below the lowest cut
        assert table["quadrant"].tolist() == ["vermeerder"] * 3
    else:
        assert table["quadrant"].tolist() == ["vermeerder", "creeer", "verminder"]


def test_tolerance_is_tiny_not_generous():
    just_below = 1.5 - 1e-6  # far above floating-point noise: weak
    table = classify(make_services([(just_below, just_below, just_below, just_below)]))
    assert table["quadrant"].tolist() == ["elimineer"]


def test_floating_point_on_the_cut_counts_as_on_the_cut():
    # 0.7·1 + 0.3·2 is 1.3 on the slider but a hair below it in floating point.
    assert 0.7 * 1 + 0.3 * 2 < 1.3
    table = classify(
        make_services([(1, 2, 1, 2), (1, 2, 2, 2), (2, 2, 1, 2)]),
        horizon=0.3,
        market_cut=1.3,
        need_cut=1.3,
    )
    assert table["market"].iloc[0] == pytest.approx(1.3)
    assert table["quadrant"].tolist() == ["vermeerder", "vermeerder", "vermeerder"]
    assert table["market_strong"].all()
    assert table["need_strong"].all()


def test_cuts_are_per_axis(services):
    # ruimte-e1 scores (1,2,1,2): at horizon 0.5 market = need = 1.5.
    # Market cut 1.6 makes its market weak (need strong: creeer); need cut 1.6 the reverse.
    market_high = quadrants_by_id(classify(services, horizon=0.5, market_cut=1.6))
    need_high = quadrants_by_id(classify(services, horizon=0.5, need_cut=1.6))
    assert market_high["ruimte-e1"] == "creeer"
    assert need_high["ruimte-e1"] == "verminder"


# --- the plan's named services ---------------------------------------------------------------


# Scores from data/services.csv as (market_current, market_potential, need_current, need_future),
# cuts 1.5; market = (1 − t)·mc + t·mp, need = (1 − t)·nc + t·nf.
PLAN_EXPECTATIONS = [
    # ruimte-e2 (2,2,2,2): market 2, need 2 at any horizon -> both strong.
    ("ruimte-e2", (2, 2, 2, 2), {0.0: "vermeerder", 0.5: "vermeerder", 1.0: "vermeerder"}),
    # bestuur-w3 (1,1,2,2): market 1 weak, need 2 strong at any horizon.
    ("bestuur-w3", (1, 1, 2, 2), {0.0: "creeer", 0.5: "creeer", 1.0: "creeer"}),
    # ruimte-o9 (1,1,2,2): same as bestuur-w3.
    ("ruimte-o9", (1, 1, 2, 2), {0.0: "creeer", 1.0: "creeer"}),
    # ruimte-e1 (1,2,1,2): 1/1 at t=0 (both weak); 1.5/1.5 at t=0.5 (on both cuts: strong);
    # 2/2 at t=1.
    ("ruimte-e1", (1, 2, 1, 2), {0.0: "elimineer", 0.5: "vermeerder", 1.0: "vermeerder"}),
    # ruimte-o7 (1,2,1,1): market 1 -> 2, need stays 1: elimineer now, verminder in future.
    ("ruimte-o7", (1, 2, 1, 1), {0.0: "elimineer", 0.5: "verminder", 1.0: "verminder"}),
    # ruimte-o6 (1,2,2,2): market 1 -> 2 with need 2: creeer now, vermeerder in future.
    ("ruimte-o6", (1, 2, 2, 2), {0.0: "creeer", 0.5: "vermeerder", 1.0: "vermeerder"}),
    # ruimte-e4 (1,1,1,2): need 1 -> 2 with market 1: elimineer now, creeer in future.
    ("ruimte-e4", (1, 1, 1, 2), {0.0: "elimineer", 1.0: "creeer"}),
    # mens-s4 (1,1,1,1): weak on both axes at any horizon.
    ("mens-s4", (1, 1, 1, 1), {0.0: "elimineer", 1.0: "elimineer"}),
]


def test_hand_expectations_match_the_plans_scores():
    by_id = {row["id"]: row for row in plan_rows()}
    for service_id, scores, _ in PLAN_EXPECTATIONS:
        row = by_id[service_id]
        assert tuple(float(row[c]) for c in SCORE_COLUMNS) == scores, service_id


@pytest.mark.parametrize(("service_id", "scores", "by_horizon"), PLAN_EXPECTATIONS)
def test_named_services_of_the_plan(services, service_id, scores, by_horizon):
    for horizon, expected in by_horizon.items():
        table = classify(services, horizon=horizon)
        row = table.loc[table["id"] == service_id].iloc[0]
        mc, mp, nc, nf = scores
        assert row["market"] == pytest.approx((1 - horizon) * mc + horizon * mp)
        assert row["need"] == pytest.approx((1 - horizon) * nc + horizon * nf)
        assert row["quadrant"] == expected, (service_id, horizon)


@pytest.mark.parametrize("horizon", [0.0, 1.0])
def test_full_counts_of_the_plan(services, horizon):
    expected: Counter[str] = Counter()
    for row in plan_rows():
        if horizon == 0.0:
            market, need = float(row["market_current"]), float(row["need_current"])
        else:
            market, need = float(row["market_potential"]), float(row["need_future"])
        expected[EXPECTED_KEY[(market >= 1.5, need >= 1.5)]] += 1
    table = classify(services, horizon=horizon)
    assert sum(expected.values()) == len(table) == 39
    assert Counter(table["quadrant"]) == expected


def test_the_plan_moves_between_now_and_the_future(services):
    # The plan's scores are not static: some services change quadrant over the horizon.
    now = quadrants_by_id(classify(services, horizon=0.0))
    future = quadrants_by_id(classify(services, horizon=1.0))
    moved = {sid for sid in now if now[sid] != future[sid]}
    assert {"ruimte-e1", "ruimte-o6", "ruimte-o7", "ruimte-e4"} <= moved
    assert "ruimte-e2" not in moved


# --- overrides -------------------------------------------------------------------------------


def test_override_market_only(services):
    # ruimte-o6 at t=0: market 1, need 2 (creeer); market 1.8 makes it vermeerder.
    table = classify(services, overrides={"ruimte-o6": {"market": 1.8}})
    row = table.loc[table["id"] == "ruimte-o6"].iloc[0]
    assert row["market"] == pytest.approx(1.8)
    assert row["need"] == pytest.approx(2.0)  # the other axis keeps its computed value
    assert row["quadrant"] == "vermeerder"


def test_override_need_only(services):
    # ruimte-o7 at t=1: market 2, need 1 (verminder); need 1.5 makes it vermeerder.
    table = classify(services, horizon=1.0, overrides={"ruimte-o7": {"need": 1.5}})
    row = table.loc[table["id"] == "ruimte-o7"].iloc[0]
    assert row["market"] == pytest.approx(2.0)
    assert row["need"] == pytest.approx(1.5)
    assert row["quadrant"] == "vermeerder"


@pytest.mark.parametrize("horizon", [0.0, 0.5, 1.0])
def test_override_both_axes_wins_over_the_horizon(services, horizon):
    # ruimte-e2 is (2,2,2,2): vermeerder without what-ifs; (1.2, 1.9) puts it in creeer,
    # mens-s4 is (1,1,1,1): elimineer without; (2, 1) puts it in verminder.
    overrides = {"ruimte-e2": {"market": 1.2, "need": 1.9}, "mens-s4": {"market": 2, "need": 1}}
    got = quadrants_by_id(classify(services, horizon=horizon, overrides=overrides))
    assert got["ruimte-e2"] == "creeer"
    assert got["mens-s4"] == "verminder"


def test_override_moves_only_the_named_service(services):
    plain = classify(services, horizon=0.0)
    changed = classify(services, horizon=0.0, overrides={"ruimte-o6": {"market": 1.8}})
    assert plain.loc[plain["id"] == "ruimte-o6", "quadrant"].item() == "creeer"
    assert changed.loc[changed["id"] == "ruimte-o6", "quadrant"].item() == "vermeerder"
    others = changed["id"] != "ruimte-o6"
    assert changed.loc[others, "quadrant"].tolist() == plain.loc[others, "quadrant"].tolist()
    assert changed.loc[others, "market"].tolist() == plain.loc[others, "market"].tolist()


def test_overridden_column_is_true_only_for_overridden_services(services):
    overrides = {"ruimte-o6": {"market": 1.8}, "bestuur-w3": {"need": 1.0}}
    table = classify(services, overrides=overrides)
    assert table["overridden"].dtype == bool
    assert set(table.loc[table["overridden"], "id"]) == set(overrides)
    assert not classify(services)["overridden"].any()


def test_override_for_unknown_service_names_it(services):
    with pytest.raises(ValueError, match="ruimte-zz99"):
        classify(services, overrides={"ruimte-o6": {"market": 1.8}, "ruimte-zz99": {"need": 2}})


@pytest.mark.parametrize("value", [0.99, 2.01, -1.0, 3.0, math.nan, math.inf, "1.5", True])
@pytest.mark.parametrize("axis", ["market", "need"])
def test_override_value_outside_the_scale_is_refused(services, axis, value):
    with pytest.raises(ValueError, match="ruimte-o6"):
        classify(services, overrides={"ruimte-o6": {axis: value}})


@pytest.mark.parametrize("bad", [{"markt": 1.5}, 1.8, None])
def test_malformed_override_is_a_value_error(services, bad):
    with pytest.raises(ValueError, match="ruimte-o6"):
        classify(services, overrides={"ruimte-o6": bad})


# --- argument errors -------------------------------------------------------------------------


@pytest.mark.parametrize("horizon", [-0.01, 1.01, math.nan, math.inf, -math.inf, "0.5", None])
def test_horizon_outside_0_1_is_refused(services, horizon):
    with pytest.raises(ValueError, match="horizon"):
        classify(services, horizon=horizon)


@pytest.mark.parametrize("cut", [0.99, 2.01, 0.0, math.nan, math.inf, "1.5", None, True])
@pytest.mark.parametrize("name", ["market_cut", "need_cut"])
def test_cut_outside_1_2_is_refused(services, name, cut):
    with pytest.raises(ValueError, match=name):
        classify(services, **{name: cut})


def test_numpy_scalars_are_accepted(services):
    np = pytest.importorskip("numpy")
    table = classify(
        services,
        horizon=np.float32(0.5),
        market_cut=np.float64(1.5),
        need_cut=np.int64(2),
        overrides={"ruimte-o6": {"need": np.float64(1.0)}},
    )
    assert quadrants_by_id(table)["ruimte-o6"] == "verminder"  # market 1.5, need 1 < 2


# --- output ----------------------------------------------------------------------------------


def test_output_columns_and_one_row_per_service_in_order(services):
    table = classify(services)
    required = {"id", "code", "name", "domain", "cluster", "market", "need", "quadrant"}
    assert required | {"plan_decision", "overridden"} <= set(table.columns)
    assert table["id"].tolist() == services["id"].tolist()
    assert table["code"].tolist() == services["code"].tolist()
    assert table["plan_decision"].tolist() == services["plan_decision"].tolist()
    assert set(table["quadrant"]) <= set(EXPECTED_KEY.values())


def test_shuffled_input_keeps_its_order(services):
    shuffled = services.sample(frac=1.0, random_state=7)
    assert shuffled["id"].tolist() != services["id"].tolist()
    table = classify(shuffled, horizon=1.0)
    assert table["id"].tolist() == shuffled["id"].tolist()
    # the quadrant travels with its service, not with its position
    assert quadrants_by_id(table) == quadrants_by_id(classify(services, horizon=1.0))


def test_input_is_not_mutated(services):
    before = services.copy(deep=True)
    classify(services, horizon=0.4, overrides={"ruimte-o6": {"market": 1.8}})
    pd.testing.assert_frame_equal(services, before)
    assert list(services.columns) == list(COLUMNS)


def test_a_classified_table_can_be_classified_again(services):
    # Feeding classify's output back in (another horizon) must not keep the stale columns.
    now = classify(services, horizon=0.0)
    again = classify(now, horizon=1.0)
    fresh = classify(services, horizon=1.0)
    assert list(again.columns) == list(fresh.columns)
    pd.testing.assert_frame_equal(again, fresh)


def test_empty_input_gives_empty_output(services):
    table = classify(services.iloc[:0])
    assert len(table) == 0
    assert {"id", "market", "need", "quadrant"} <= set(table.columns)


# --- concurrency -----------------------------------------------------------------------------


def test_concurrent_calls_give_the_same_results(services):
    scenarios = [
        {"horizon": (i % 5) / 4, "market_cut": 1.0 + i / 10, "need_cut": 2.0 - i / 10}
        for i in range(8)
    ]
    for i, scenario in enumerate(scenarios):
        if i % 2:
            scenario["overrides"] = {"ruimte-o6": {"market": 1.8}, "mens-s4": {"need": 2.0}}
    expected = [classify(services, **scenario) for scenario in scenarios]

    barrier = threading.Barrier(len(scenarios))

    def run(scenario: dict) -> list[pd.DataFrame]:
        barrier.wait()
        return [classify(services, **scenario) for _ in range(10)]

    for _round in range(2):
        with ThreadPoolExecutor(max_workers=len(scenarios)) as pool:
            results = list(pool.map(run, scenarios))
        for want, got in zip(expected, results, strict=True):
            for table in got:
                pd.testing.assert_frame_equal(table, want)


# --- property: agrees with design §3 in plain Python ----------------------------------------

score = st.one_of(
    st.sampled_from([1.0, 1.5, 2.0]),
    st.floats(min_value=1.0, max_value=2.0, allow_nan=False),
)
cut = st.one_of(
    st.sampled_from([1.0, 1.3, 1.5, 2.0]),
    st.floats(min_value=1.0, max_value=2.0, allow_nan=False),
)
horizon_value = st.one_of(
    st.sampled_from([0.0, 0.3, 0.5, 1.0]),
    st.floats(min_value=0.0, max_value=1.0, allow_nan=False),
)
override_value = st.fixed_dictionaries({}, optional={"market": score, "need": score})


@settings(max_examples=150, deadline=None)
@given(
    scores=st.lists(st.tuples(score, score, score, score), min_size=1, max_size=12),
    horizon=horizon_value,
    market_cut=cut,
    need_cut=cut,
    data=st.data(),
)
def test_classify_agrees_with_plain_python(scores, horizon, market_cut, need_cut, data):
    services = make_services(scores)
    ids = services["id"].tolist()
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    overrides = {sid: data.draw(override_value) for sid in chosen}

    table = classify(
        services, horizon=horizon, market_cut=market_cut, need_cut=need_cut, overrides=overrides
    )

    assert table["id"].tolist() == ids
    for sid, row_scores, row in zip(ids, scores, table.itertuples(), strict=True):
        override = overrides.get(sid)
        market, need, key = reference_quadrant(row_scores, horizon, market_cut, need_cut, override)
        assert row.market == pytest.approx(market, abs=1e-12)
        assert row.need == pytest.approx(need, abs=1e-12)
        assert row.quadrant == key, (sid, row_scores, horizon, market_cut, need_cut, override)
        assert row.overridden == bool(override)


# --- scale -----------------------------------------------------------------------------------


def test_ten_thousand_services():
    rng = random.Random(2024)
    scores = [
        tuple(rng.choice([1.0, 1.5, 2.0, rng.uniform(1, 2)]) for _ in range(4))
        for _ in range(10_000)
    ]
    services = make_services(scores)
    overrides = {f"test-s{i}": {"market": 2.0} for i in range(0, 10_000, 97)}
    table = classify(services, horizon=0.6, market_cut=1.4, need_cut=1.6, overrides=overrides)
    assert len(table) == 10_000
    assert table["id"].tolist() == services["id"].tolist()
    assert int(table["overridden"].sum()) == len(overrides)
    expected = Counter(
        reference_quadrant(s, 0.6, 1.4, 1.6, overrides.get(f"test-s{i}"))[2]
        for i, s in enumerate(scores)
    )
    assert Counter(table["quadrant"]) == expected


@pytest.mark.parametrize(
    ("market_cut", "need_cut", "overrides"),
    [
        (1.5, 1.5, None),
        (1.3, 1.85, {"ruimte-e1": {"market": 1.2}, "mens-s1": {"market": 1.7, "need": 1.3}}),
        (1.0, 2.0, {"bestuur-w1": {"need": 2.0}}),
    ],
)
def test_classify_steps_is_classify_at_each_horizon(services, market_cut, need_cut, overrides):
    # The live chart's 101 tables come from one query; each must be the table classify gives
    # at that horizon, to the last bit (the browser's quadrant copies classify's doubles).
    horizons = [step / 100 for step in range(101)]
    tables = classify_steps(
        services, horizons, market_cut=market_cut, need_cut=need_cut, overrides=overrides
    )
    assert len(tables) == len(horizons)
    for horizon, table in zip(horizons, tables, strict=True):
        expected = classify(
            services,
            horizon=horizon,
            market_cut=market_cut,
            need_cut=need_cut,
            overrides=overrides,
        )
        pd.testing.assert_frame_equal(table, expected, check_exact=True)


def test_classify_steps_refuses_a_horizon_out_of_range(services):
    with pytest.raises(ValueError, match="horizon"):
        classify_steps(services, [0.0, 1.5])
