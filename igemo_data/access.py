"""Who may change things: everyone (open), whoever knows the facilitator password, or whoever
signed in with the organisation's identity provider (Streamlit's `st.login`, OpenID Connect).

Viewing never needs anything. The password is compared in constant time and never kept.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Literal

Mode = Literal["open", "password", "login"]


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


def password_matches(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
