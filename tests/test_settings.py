"""One Settings value: checked once, compared by the matrix it draws, the horizon a fraction."""

from __future__ import annotations

import pytest

from igemo_data.settings import DEFAULT_SETTINGS, PLAN_EDITION, Settings, SettingsError


def test_defaults_are_the_plans_reading() -> None:
    assert Settings(0.0, 1.5, 1.5, ("RUIMTE", "MENS", "BESTUUR"), {}) == DEFAULT_SETTINGS
    assert DEFAULT_SETTINGS.edition == PLAN_EDITION
    assert DEFAULT_SETTINGS.check() is DEFAULT_SETTINGS


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"horizon": 1.5}, "tijdshorizon"),
        ({"horizon": float("nan")}, "tijdshorizon"),
        ({"market_cut": 0.9}, "grens marktpositie"),
        ({"need_cut": "1.5"}, "grens behoefte"),
        ({"domains": ("RUIMTE", "ELDERS")}, "ELDERS"),
        ({"overrides": {"mens-s4": {"price": 1.5}}}, "price"),
        ({"overrides": {"mens-s4": {"need": 2.5}}}, "mens-s4"),
    ],
)
def test_settings_no_slider_could_set_are_refused_in_dutch(changes: dict, words: str) -> None:
    with pytest.raises(SettingsError, match=words):
        Settings(**changes).check()


def test_the_same_matrix_ignores_float_noise_and_mapping_types() -> None:
    a = Settings(horizon=0.35, market_cut=1.45, overrides={"mens-s4": {"need": 1.8}})
    b = Settings(
        horizon=35 / 100, market_cut=1.4500000000000002, overrides={"mens-s4": {"need": 1.8}}
    )
    assert a.same_matrix(b)
    assert not a.same_matrix(b.at(0.4))
    assert not a.same_matrix(a.without_what_ifs())
    assert not a.same_matrix(Settings(horizon=0.35, market_cut=1.45, edition="0123456789ab"))


def test_without_what_ifs_and_at_keep_everything_else() -> None:
    a = Settings(horizon=0.5, need_cut=1.3, domains=("MENS",), overrides={"mens-s4": {"need": 2}})
    assert a.without_what_ifs() == Settings(horizon=0.5, need_cut=1.3, domains=("MENS",))
    assert a.at(1.0).horizon == 1.0 and a.at(1.0).overrides == a.overrides


def test_a_horizon_out_of_range_is_refused_in_dutch_and_in_english() -> None:
    with pytest.raises(SettingsError) as caught:
        Settings(horizon=1.5).check()
    assert str(caught.value) == "De tijdshorizon moet tussen 0 en 1 liggen, niet 1.5."
    assert caught.value.text("nl") == str(caught.value)
    assert caught.value.text("en") == "The time horizon must lie between 0 and 1, not 1.5."


def test_a_what_if_out_of_range_names_its_service_in_either_language() -> None:
    with pytest.raises(SettingsError) as caught:
        Settings(overrides={"ruimte-e1": {"need": 2.5}}).check()
    assert str(caught.value) == "De what-if need van ruimte-e1 moet tussen 1 en 2 liggen, niet 2.5."
    assert caught.value.text("en") == (
        "The what-if need of ruimte-e1 must lie between 1 and 2, not 2.5."
    )
