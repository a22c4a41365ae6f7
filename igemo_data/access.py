"""Who may change things: everyone (open), whoever knows the facilitator password, or whoever
signed in with the organisation's identity provider (Streamlit's `st.login`, OpenID Connect)
and is on the facilitators' list.

Viewing never needs anything. Changing fails closed: a secrets file that exists but cannot be
read locks every change, sign-in without a list of facilitators makes nobody a facilitator,
and wrong passwords make a session wait longer and longer. The password is compared in
constant time and never kept.
"""

from __future__ import annotations

import dataclasses
import hmac
import math
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Literal

Mode = Literal["open", "password", "login", "locked"]

FREE_TRIES = 5  # wrong passwords a session may type before it has to wait
FIRST_WAIT = 2.0  # seconds after the first wrong try beyond the free ones, doubling after
LONGEST_WAIT = 15 * 60.0  # a forgetful facilitator is never locked out for longer


@dataclasses.dataclass(frozen=True)
class Policy:
    """What `.streamlit/secrets.toml` says about changing, read once per run.

    `problem` names what is wrong with the configuration (a catalogue key for the notice);
    `detail` says more for the server log only (it may name a server path, never a secret).
    """

    mode: Mode
    password: str | None = dataclasses.field(default=None, repr=False)
    facilitators: frozenset[str] = frozenset()
    problem: str = ""
    detail: str = ""


def facilitator_password(secrets: Mapping) -> str | None:
    """The password from `.streamlit/secrets.toml`: `facilitator_password = "…"` or
    `[facilitator] password = "…"`; None when neither is set (or it is empty)."""
    value = secrets.get("facilitator_password")
    section = secrets.get("facilitator")
    if value is None and isinstance(section, Mapping):
        value = section.get("password")
    return str(value) if value else None


def mode(secrets: Mapping) -> Mode:
    """Sign-in wins over a password when both are configured: it names the person."""
    if isinstance(secrets.get("auth"), Mapping):
        return "login"
    if facilitator_password(secrets):
        return "password"
    return "open"


def normal_address(address: str) -> str:
    """E-mail addresses compare without case and surrounding spaces."""
    return address.strip().casefold()


def facilitator_addresses(secrets: Mapping) -> tuple[frozenset[str], str]:
    """`facilitators = ["…", …]` as normalised addresses, and what is wrong with it if anything.

    A single string counts as a list of one; anything else that is not an address is left out
    (fail closed) and named in the problem.
    """
    value = secrets.get("facilitators")
    if value is None:
        return frozenset(), "access_no_facilitators"
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return frozenset(), "access_bad_facilitators"
    found = {normal_address(v) for v in value if isinstance(v, str) and "@" in v}
    if len(found) != len(value):
        return frozenset(found), "access_bad_facilitators"
    return frozenset(found), "" if found else "access_no_facilitators"


def policy(secrets: Mapping) -> Policy:
    """The access policy that readable secrets describe."""
    current = mode(secrets)
    if current == "login":
        addresses, problem = facilitator_addresses(secrets)
        return Policy("login", facilitators=addresses, problem=problem)
    if current == "password":
        return Policy("password", password=facilitator_password(secrets))
    return Policy("open")


def read_policy(load: Callable[[], Mapping], paths: Iterable[str]) -> Policy:
    """The policy from `load()` (the secrets loader), failing closed.

    No secrets file at any of `paths` is the designed open mode. A file that exists but that
    `load` cannot read or parse (a missing quote, a wrong encoding, no read permission) locks
    every change: an unreadable lock is still a lock.
    """
    try:
        secrets = load()
    except Exception as error:  # any failure to read fails closed
        if not any(os.path.exists(path) for path in paths):
            return Policy("open")
        detail = f"{type(error).__name__}: {error}"
        return Policy("locked", problem="access_locked", detail=detail)
    if not isinstance(secrets, Mapping):
        return Policy("locked", problem="access_locked", detail="not a table")
    return policy(secrets)


def is_facilitator(current: Policy, user: Mapping) -> bool:
    """Whether a signed-in `user` (`st.user`'s fields) is on the facilitators' list.

    Without a list nobody is; an address its provider says is unverified does not count.
    """
    if current.mode != "login" or not user.get("is_logged_in"):
        return False
    if user.get("email_verified") is False:
        return False
    email = user.get("email")
    return isinstance(email, str) and normal_address(email) in current.facilitators


def password_matches(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


# --- Wrong passwords: a growing wait -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Attempts:
    """A session's wrong passwords since its last right one, and when the last one came."""

    failures: int = 0
    last_failure: float = 0.0


def wait_after(failures: int) -> float:
    """Seconds a session waits after its `failures`-th wrong password: none for the first
    four, then 2, 4, 8 … s up to a quarter of an hour."""
    if failures < FREE_TRIES:
        return 0.0
    return min(FIRST_WAIT * 2 ** (failures - FREE_TRIES), LONGEST_WAIT)


def seconds_to_wait(attempts: Attempts, now: float) -> int:
    """Whole seconds before the next password may be checked (0: now)."""
    left = attempts.last_failure + wait_after(attempts.failures) - now
    return max(0, math.ceil(left))


def after_check(attempts: Attempts, right: bool, now: float) -> Attempts:
    """The attempts after a checked password: a right one starts over."""
    if right:
        return Attempts()
    return Attempts(attempts.failures + 1, now)
