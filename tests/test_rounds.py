"""Design §8 on hand-made answers: every expected number below is worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from igemo_data import group_scores, round_summary
from igemo_data.round_link import (
    CODE_ALPHABET,
    CODE_LENGTH,
    join_code,
    join_link,
    normal_code,
    participant_key,
    participant_token,
    qr_png,
)
from igemo_data.rounds import (
    SCALE,
    RoundError,
    check_score,
    check_scores,
    clean_name,
    disagreement_order,
    shares_text,
    spread_change,
)
from igemo_data.texts import quadrant_label

NA = np.nan
COLUMNS = ["participant", "service_id", "market_current", "market_potential", "need_current",
           "need_future"]  # fmt: skip


@pytest.fixture
def three(services: pd.DataFrame) -> pd.DataFrame:
    """Three services, every score 1,0: what nobody scores stays 1,0."""
    table = services.head(3).copy()
    for column in ("market_current", "market_potential", "need_current", "need_future"):
        table[column] = 1.0
    return table.reset_index(drop=True)


def answers(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=COLUMNS)


def test_group_scores_take_the_median_and_keep_unanswered_scores(three: pd.DataFrame) -> None:
    first, second, third = three["id"]
    given = answers(
        (1, first, 1.2, 1.4, NA, 2.0),
        (2, first, 1.6, 1.8, NA, 1.0),
        (3, first, NA, NA, NA, NA),  # "weet niet" everywhere: no answer at all
        (1, second, 1.7, NA, NA, NA),
    )
    group = group_scores(three, given)
    assert list(group.columns[:12]) == list(three.columns[:12])
    row = group.set_index("id").loc[first]
    # Two answers: the median is the mean of the middle two.
    assert row.market_current == pytest.approx(1.4)
    assert row.market_potential == pytest.approx(1.6)
    assert row.need_current == 1.0  # nobody gave it: the table's value
    assert row.need_future == pytest.approx(1.5)
    assert row.n_answers == 2
    assert group.set_index("id").loc[second].market_current == pytest.approx(1.7)
    assert group.set_index("id").loc[second].n_answers == 1
    assert group.set_index("id").loc[third].n_answers == 0
    assert list(group["id"]) == list(three["id"])


def test_four_raters_in_three_quadrants(three: pd.DataFrame) -> None:
    sid = three["id"][0]
    given = answers(
        (1, sid, 1.2, 1.2, 1.8, 1.8),  # market 1,2 need 1,8: creeer
        (2, sid, 1.6, 1.6, 1.6, 1.6),  # vermeerder
        (3, sid, 1.8, 1.8, 1.2, 1.2),  # verminder
        (4, sid, 1.7, 1.7, 1.9, 1.9),  # vermeerder
    )
    row = round_summary(three, given).iloc[0]
    assert row.id == sid and row.n == 4
    # Medians 1,65 (market) and 1,7 (need): the group stands in Vermeerder.
    assert (row.market, row.need, row.quadrant) == (pytest.approx(1.65), pytest.approx(1.7),
                                                    "vermeerder")  # fmt: skip
    # Market positions sorted 1,2 1,6 1,7 1,8: q1 at 0,75 of the way from 1,2 to 1,6 = 1,5;
    # q3 at 0,25 of the way from 1,7 to 1,8 = 1,725. Need 1,2 1,6 1,8 1,9: 1,5 and 1,825.
    assert row.market_q1 == pytest.approx(1.5) and row.market_q3 == pytest.approx(1.725)
    assert row.need_q1 == pytest.approx(1.5) and row.need_q3 == pytest.approx(1.825)
    assert row.share_vermeerder == 0.5
    assert row.share_creeer == 0.25 and row.share_verminder == 0.25
    assert row.share_elimineer == 0.0
    assert row.divided and row.disagreement == pytest.approx(0.5)
    assert shares_text(row, "nl") == "2 van 4 zien Vermeerder, 1 Creëer, 1 Verminder"
    assert shares_text(row, "en") == "2 of 4 see {}, 1 {}, 1 {}".format(
        *(quadrant_label(q, "en") for q in ("vermeerder", "creeer", "verminder"))
    )


def test_one_rater_on_the_cut_at_half_horizon(three: pd.DataFrame) -> None:
    sid = three["id"][1]
    given = answers((7, sid, 1.2, 1.6, 1.4, 1.6))
    row = round_summary(three, given, horizon=0.5).set_index("id").loc[sid]
    # market 0,5·1,2 + 0,5·1,6 = 1,4 (weak); need 0,5·1,4 + 0,5·1,6 = 1,5: on the cut is strong.
    assert row.n == 1
    assert row.market == pytest.approx(1.4) and row.need == pytest.approx(1.5)
    assert row.quadrant == "creeer" and row.share_creeer == 1.0
    assert row.market_q1 == pytest.approx(1.4) == row.market_q3
    assert row.need_q1 == pytest.approx(1.5) == row.need_q3
    assert not row.divided and row.disagreement == 0.0


def test_all_raters_equal(three: pd.DataFrame) -> None:
    sid = three["id"][2]
    given = answers(*((p, sid, 1.5, 1.5, 1.5, 1.5) for p in (1, 2, 3)))
    row = round_summary(three, given).set_index("id").loc[sid]
    assert row.n == 3 and row.quadrant == "vermeerder" and row.share_vermeerder == 1.0
    assert row.market_q1 == row.market_q3 == 1.5 and row.need_q1 == row.need_q3 == 1.5
    assert row.disagreement == 0.0 and not row.divided
    assert shares_text(row, "nl") == "3 van 3 zien Vermeerder"


def test_dont_know_leaves_the_rater_out_of_the_position_not_the_medians(
    three: pd.DataFrame,
) -> None:
    sid = three["id"][0]
    given = answers((1, sid, 1.2, 1.2, 1.2, 1.2), (2, sid, 2.0, NA, 2.0, 2.0))
    row = round_summary(three, given).set_index("id").loc[sid]
    # Rater 2 has no position (one "weet niet"): n 1, all Elimineer. The medians still count
    # rater 2's three scores: market 1,6, need 1,6, so the group stands in Vermeerder.
    assert row.n == 1 and row.share_elimineer == 1.0 and row.disagreement == 0.0
    assert row.market == pytest.approx(1.6) and row.need == pytest.approx(1.6)
    assert row.quadrant == "vermeerder"
    assert group_scores(three, given).set_index("id").loc[sid].n_answers == 2


def test_a_service_without_answers(three: pd.DataFrame) -> None:
    summary = round_summary(three, answers())
    assert list(summary["n"]) == [0, 0, 0]
    assert summary[["market_q1", "market_q3", "need_q1", "need_q3"]].isna().all().all()
    assert (summary[["share_vermeerder", "share_creeer", "share_verminder",
                     "share_elimineer"]] == 0).all().all()  # fmt: skip
    assert list(summary["quadrant"]) == ["elimineer"] * 3  # the table's own 1,0 everywhere
    assert not summary["divided"].any() and (summary["disagreement"] == 0).all()
    assert shares_text(summary.iloc[0], "nl") == "nog geen volledige antwoorden"


def test_answers_for_unknown_services_are_ignored(three: pd.DataFrame) -> None:
    given = answers((1, "nergens-x1", 2.0, 2.0, 2.0, 2.0))
    assert list(round_summary(three, given)["n"]) == [0, 0, 0]


def test_disagreement_order_then_width_then_plan_order() -> None:
    summary = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "n": [4, 4, 0, 4],
            "disagreement": [0.5, 0.5, 0.0, 0.5],
            "market_q1": [1.2, 1.2, NA, 1.1],
            "market_q3": [1.4, 1.6, NA, 1.5],
            "need_q1": [1.3, 1.3, NA, 1.3],
            "need_q3": [1.5, 1.5, NA, 1.5],
        }
    )
    # Widths: a 0,4; b 0,6; d 0,6 (later in the plan than b); c has nobody.
    assert list(disagreement_order(summary)["id"]) == ["b", "d", "a", "c"]


def test_spread_before_and_after(three: pd.DataFrame) -> None:
    sid = three["id"][0]
    before = round_summary(three, answers((1, sid, 1.2, 1.2, 1.2, 1.2), (2, sid, 1.8, 1.8, 1.8,
                                                                           1.8)))  # fmt: skip
    after = round_summary(three, answers((1, sid, 1.5, 1.5, 1.5, 1.5), (2, sid, 1.6, 1.6, 1.6,
                                                                         1.6)))  # fmt: skip
    row = spread_change(before, after).set_index("id").loc[sid]
    # Before: 1,2 and 1,8 → quartiles 1,35 and 1,65 on both axes: 0,6. After: 0,05 each: 0,1.
    assert row.width_before == pytest.approx(0.6) and row.width_after == pytest.approx(0.1)
    assert row.disagreement_before == 0.5 and row.disagreement == 0.0


@pytest.mark.parametrize("value", [0.9, 2.01, 1.55, "1,5", True, float("inf")])
def test_scores_off_the_scale_are_refused_in_dutch(value: object) -> None:
    with pytest.raises(RoundError, match="kies 1,0 tot 2,0"):
        check_score(value)


def test_the_scale_and_dont_know() -> None:
    assert SCALE == (1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0)
    assert [check_score(v) for v in (None, NA, 1.0, 1.3000000000000003, 2)] == [
        None, None, 1.0, 1.3, 2.0]  # fmt: skip
    with pytest.raises(RoundError, match="Onbekende score"):
        check_scores({"market_current": 1.5, "budget": 1.0})


def test_names_are_trimmed_and_limited() -> None:
    assert clean_name("  Ann\x00 \n") == "Ann"
    with pytest.raises(RoundError, match="hoogstens 60 tekens"):
        clean_name("x" * 61)


def test_join_codes_are_long_random_and_unambiguous() -> None:
    codes = {join_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("01OIL") & set(CODE_ALPHABET)
    assert normal_code(" k7qm4xpt ") == "K7QM4XPT"
    assert normal_code("K7QM4XP0") is None and normal_code("K7QM") is None
    assert normal_code(None) is None


def test_tokens_are_secret_and_only_their_hash_is_kept() -> None:
    token = participant_token()
    assert len(token) >= 32 and participant_token() != token
    assert token not in participant_key(token) and participant_key(token) == participant_key(token)


def test_the_short_link_and_its_qr_code() -> None:
    assert join_link("http://zaal.local:8501/Scoreronde?x=1", "K7QM4XPT") == (
        "http://zaal.local:8501/?ronde=K7QM4XPT"
    )
    assert join_link("https://kaart.igemo.be/Scoreronde", "K7QM4XPT", "en").endswith(
        "/?ronde=K7QM4XPT&lang=en"
    )
    png = qr_png("http://zaal.local:8501/?ronde=K7QM4XPT")
    assert png.startswith(b"\x89PNG") and len(png) > 500
