"""Links carry the settings: what goes into the URL comes back out, and junk falls back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from igemo_data import url_state
from igemo_data.settings import Settings
from igemo_data.url_state import DEFAULTS, Link, from_query, to_query


def test_defaults_make_a_clean_url() -> None:
    assert to_query(DEFAULTS) == {}
    assert from_query({}) == DEFAULTS


def test_round_trip_of_a_workshop_screen() -> None:
    settings = Link(
        Settings(
            horizon=0.35,
            market_cut=1.45,
            need_cut=1.6,
            domains=("RUIMTE", "BESTUUR"),
            overrides={"ruimte-o6": {"market": 1.8}, "mens-s4": {"market": 1.25, "need": 2.0}},
        ),
        lang="en",
        arrows=True,
    )
    query = to_query(settings)
    assert query["whatif"] == "ruimte-o6:m1.8;mens-s4:m1.25n2"
    assert from_query(query) == settings


def test_no_domain_chosen_survives_the_link() -> None:
    settings = Link(Settings(domains=()))
    assert from_query(to_query(settings)).settings.domains == ()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"horizon": "abc"}, DEFAULTS),
        ({"horizon": "150"}, DEFAULTS),
        ({"horizon": "33.4"}, Link(Settings(horizon=0.33))),  # the whole percent (issue 17)
        ({"market_cut": "0.4"}, DEFAULTS),
        ({"market_cut": "1,7"}, Link(Settings(market_cut=1.7))),
        ({"need_cut": "nan"}, DEFAULTS),
        ({"lang": "fr"}, DEFAULTS),
        ({"domains": "mens,ELDERS"}, Link(Settings(domains=("MENS",)))),
        ({"whatif": "ruimte-o6:m9;;:n1.5;mens-s4:x1"}, DEFAULTS),
        (
            {"whatif": "ruimte-o6:m1.8;kapot"},
            Link(Settings(overrides={"ruimte-o6": {"market": 1.8}})),
        ),
        ({"horizon": ["40", "60"]}, Link(Settings(horizon=0.4))),
    ],
)
def test_bad_values_fall_back_to_defaults(params: dict, expected: Link) -> None:
    assert from_query(params) == expected


@given(st.dictionaries(st.sampled_from(url_state.KEYS), st.text(max_size=40), max_size=7))
def test_any_url_gives_valid_settings(params: dict[str, str]) -> None:
    link = from_query(params)
    settings = link.settings
    assert 0 <= settings.horizon <= 1
    assert 1 <= settings.market_cut <= 2 and 1 <= settings.need_cut <= 2
    for values in settings.overrides.values():
        assert all(1 <= v <= 2 for v in values.values())
    assert from_query(to_query(link)) == link


@given(
    st.dictionaries(
        st.from_regex(r"[a-z]{2,8}-[a-z][0-9]{1,2}", fullmatch=True),
        st.fixed_dictionaries(
            {},
            optional={
                "market": st.floats(1, 2, allow_nan=False),
                "need": st.floats(1, 2, allow_nan=False),
            },
        ).filter(bool),
        max_size=5,
    )
)
def test_overrides_survive_the_link_exactly(overrides: dict) -> None:
    assert url_state.decode_overrides(url_state.encode_overrides(overrides)) == overrides


@pytest.mark.parametrize("percent", range(0, 101))
def test_percent_and_fraction_meet_on_the_sliders_grid(percent: int) -> None:
    fraction = url_state.horizon_fraction(percent)
    assert fraction == percent / 100
    assert url_state.horizon_percent(fraction) == percent


def test_a_scenario_snaps_to_the_sliders_grid() -> None:
    # The grid is the whole percent (issue 17: a drag moves the horizon in 1 % steps).
    link = url_state.from_scenario("0123456789ab", Settings(horizon=0.374, domains=["MENS"]))
    assert link.settings.horizon == 0.37
    assert link.settings.domains == ("MENS",)
    assert link.scenario == "0123456789ab"


# Issue 18, item 7: "alleen wat verschuift" travels in the link like the arrows.
def test_only_what_moves_round_trips_through_the_link() -> None:
    link = Link(arrows=True, only_moves=True)
    query = to_query(link)
    assert query == {"arrows": "1", "only_moves": "1"}
    assert from_query(query) == link
    assert from_query({"only_moves": "0"}).only_moves is False
    assert from_query({"only_moves": "ja"}).only_moves is True
    assert from_query({"only_moves": "x"}) == DEFAULTS
    assert "only_moves" in url_state.KEYS and "only_moves" in url_state.WIDGET_KEYS
