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


# --- Issue 13, item 2: access fails closed ---------------------------------------------------


def _failing(error: Exception):
    def load():
        raise error

    return load


def test_an_unreadable_secrets_file_locks_every_change(tmp_path) -> None:
    broken = tmp_path / "secrets.toml"
    broken.write_text('facilitator_password = "geheim\n', encoding="utf-8")
    for error in (FileNotFoundError("parse"), ValueError("bad byte"), PermissionError("no")):
        found = access.read_policy(_failing(error), [str(tmp_path / "none.toml"), str(broken)])
        assert found.mode == "locked"
        assert found.problem == "access_locked"
        assert found.password is None


def test_no_secrets_file_at_all_stays_open(tmp_path) -> None:
    missing = _failing(FileNotFoundError("No secrets found"))
    assert access.read_policy(missing, [str(tmp_path / "secrets.toml")]).mode == "open"
    assert access.read_policy(lambda: {}, []).mode == "open"


def test_readable_secrets_give_their_policy() -> None:
    found = access.read_policy(lambda: {"facilitator_password": "geheim"}, [])
    assert (found.mode, found.password) == ("password", "geheim")
    assert "geheim" not in repr(found)
    assert access.read_policy(lambda: ["not", "a", "table"], []).mode == "locked"


def test_sign_in_needs_a_list_of_facilitators() -> None:
    auth = {"auth": {"redirect_uri": "http://localhost"}}
    found = access.policy(auth)
    assert (found.mode, found.facilitators, found.problem) == (
        "login",
        frozenset(),
        "access_no_facilitators",
    )
    user = {"is_logged_in": True, "email": "directeur@igemo.be"}
    assert not access.is_facilitator(found, user)


def test_facilitators_match_by_address_without_case() -> None:
    secrets = {"auth": {}, "facilitators": [" Directeur@IGEMO.be ", "staf@igemo.be"]}
    found = access.policy(secrets)
    assert found.problem == ""
    assert access.is_facilitator(found, {"is_logged_in": True, "email": "directeur@igemo.be"})
    assert access.is_facilitator(found, {"is_logged_in": True, "email": "STAF@igemo.be"})
    assert not access.is_facilitator(found, {"is_logged_in": True, "email": "gast@igemo.be"})
    assert not access.is_facilitator(found, {"is_logged_in": False, "email": "staf@igemo.be"})
    assert not access.is_facilitator(found, {"is_logged_in": True})
    unverified = {"is_logged_in": True, "email": "staf@igemo.be", "email_verified": False}
    assert not access.is_facilitator(found, unverified)
    # The password policy never makes a signed-in account a facilitator.
    password = access.policy({"facilitator_password": "x", "facilitators": ["staf@igemo.be"]})
    assert not access.is_facilitator(password, {"is_logged_in": True, "email": "staf@igemo.be"})


def test_a_malformed_list_of_facilitators_fails_closed() -> None:
    one = access.policy({"auth": {}, "facilitators": "staf@igemo.be"})
    assert one.facilitators == {"staf@igemo.be"} and one.problem == ""
    table = access.policy({"auth": {}, "facilitators": {"staf": "staf@igemo.be"}})
    assert table.facilitators == frozenset()
    assert table.problem == "access_bad_facilitators"
    mixed = access.policy({"auth": {}, "facilitators": ["staf@igemo.be", 42, "staf"]})
    assert mixed.facilitators == {"staf@igemo.be"}
    assert mixed.problem == "access_bad_facilitators"


def test_wrong_passwords_make_a_session_wait_longer_and_longer() -> None:
    assert [access.wait_after(n) for n in range(1, 9)] == [0, 0, 0, 0, 2, 4, 8, 16]
    assert access.wait_after(40) == access.LONGEST_WAIT
    attempts = access.Attempts()
    for n in range(1, 5):
        attempts = access.after_check(attempts, False, now=100.0 + n)
        assert access.seconds_to_wait(attempts, now=100.0 + n) == 0
    attempts = access.after_check(attempts, False, now=200.0)
    assert attempts.failures == 5
    assert access.seconds_to_wait(attempts, now=200.0) == 2
    assert access.seconds_to_wait(attempts, now=201.5) == 1
    assert access.seconds_to_wait(attempts, now=202.0) == 0
    attempts = access.after_check(attempts, False, now=202.0)
    assert access.seconds_to_wait(attempts, now=202.0) == 4
    assert access.after_check(attempts, True, now=207.0) == access.Attempts()
