"""Access rules: open by default, a facilitator password, or sign-in."""

from __future__ import annotations

from igemo_data import access


def test_open_without_configuration() -> None:
    assert access.mode({}) == "open"
    assert access.facilitator_password({"facilitator_password": ""}) is None


def test_password_from_either_form() -> None:
    assert access.mode({"facilitator_password": "geheim"}) == "password"
    assert access.facilitator_password({"facilitator": {"password": "x"}}) == "x"


def test_sign_in_wins() -> None:
    secrets = {"auth": {"redirect_uri": "http://localhost"}, "facilitator_password": "x"}
    assert access.mode(secrets) == "login"


def test_password_comparison() -> None:
    assert access.password_matches("geheim", "geheim")
    assert not access.password_matches("Geheim", "geheim")
    assert not access.password_matches("", "geheim")
    assert access.password_matches("één", "één")
