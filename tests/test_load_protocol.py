"""Load at the protocol level (bench/load_protocol.py): sessions that speak Streamlit's own
websocket messages, as the browser does, so the server is measured rather than 20 browsers.

The short room (10 sessions × 15 s, marked slow as tests/test_load.py is) asserts no errors
and no session ever shown another's values; its timings are printed, never asserted (the
machine is shared). The quick tests check that the isolation check itself catches a mix-up.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import load_protocol as lp  # noqa: E402 - the bench script beside the tests

from igemo_data.ui.counts_grid import counts_grid_html  # noqa: E402

OWN = lp.Values(horizon=35, market_cut=1.55, need_cut=1.4)
OTHER = lp.Values(horizon=80, market_cut=1.3, need_cut=1.7)


def drawn_for(values: lp.Values) -> lp.Run:
    """A run as the overview draws it for `values`: the three sliders and the counts grid."""
    sliders = {label: lp.Slider("id", "fragment", v) for label, v in values.by_label().items()}
    return lp.Run(sliders=sliders, html=[counts_grid_html(lp.expected_counts(values), "nl")])


def own_query(values: lp.Values) -> str:
    query = lp.url_state.to_query(lp.url_state.Link(settings=values.settings()))
    return "&".join(f"{k}={v}" for k, v in query.items())


def test_the_counts_are_read_from_the_grid_the_page_draws() -> None:
    assert drawn_for(OWN).counts() == lp.expected_counts(OWN)
    assert lp.expected_counts(OWN) != lp.expected_counts(OTHER)  # the check can tell them apart


def test_a_session_that_sees_its_own_values_passes() -> None:
    assert lp.mismatches(drawn_for(OWN), own_query(OWN), OWN, lp.Values()) == []


@pytest.mark.parametrize("part", ["sliders", "counts", "url"])
def test_another_sessions_values_are_a_violation(part: str) -> None:
    run, query = drawn_for(OWN), own_query(OWN)
    if part == "sliders":
        run.sliders = drawn_for(OTHER).sliders
    elif part == "counts":
        run.html = drawn_for(OTHER).html
    else:
        query = own_query(OTHER)
    assert lp.mismatches(run, query, OWN, lp.Values())


def test_a_page_without_counts_is_a_violation() -> None:
    run = drawn_for(OWN)
    run.html = []
    assert lp.mismatches(run, own_query(OWN), OWN, lp.Values()) == ["no quadrant counts drawn"]


def test_the_sliders_wander_within_their_ranges_one_step_at_a_time() -> None:
    rng, values = random.Random(1), lp.Values()
    for _ in range(2000):
        moved = lp.step(values, rng)
        changed = [k for k, v in moved.by_label().items() if v != values.by_label()[k]]
        assert len(changed) == 1
        assert 0 <= moved.horizon <= 100 and moved.horizon % 5 == 0
        assert lp.CUT_LOW <= moved.market_cut <= lp.CUT_HIGH
        assert lp.CUT_LOW <= moved.need_cut <= lp.CUT_HIGH
        values = moved


@pytest.mark.slow
def test_a_room_of_ten_sessions_for_fifteen_seconds(capsys: pytest.CaptureFixture[str]) -> None:
    result = lp.measure(lp.Plan(sessions=10, seconds=15, savers=2, save_every=3))
    move = result["actions"].get(lp.MOVE, {"n": 0, "p50": 0.0, "p95": 0.0})
    with capsys.disabled():  # the figures belong in CI's log
        print(
            f"\n10 protocol sessions × 15 s: {move['n']} slider moves (p50 {move['p50']:.0f} ms, "
            f"p95 {move['p95']:.0f} ms), {result['saved']} saves, "
            f"{result['reruns_per_s']:.1f} reruns/s, server CPU {result['server_cpu_percent']:.0f} %, "
            f"RSS growth {result['rss_growth_mib']:+.1f} MiB, "
            f"{result['isolation_checks']} isolation checks"
        )
    assert result["errors"] == 0, result["error_examples"]
    assert result["isolation_violations"] == 0, result["violation_examples"]
    assert move["n"] >= 10, "the sessions moved too few sliders to say anything"
    assert result["saved"] >= 1, "no session saved a scenario"
    # Every move and every page was compared, so "0 violations" means something.
    assert result["isolation_checks"] >= move["n"] + result["saved"]
