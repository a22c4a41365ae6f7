"""Who may change data and scenarios in this session, and the sidebar panel that says so.

The rules themselves (open, password, sign-in, locked; the growing wait after wrong passwords)
are pure: `igemo_data.access`. Here they meet Streamlit's secrets, `st.user`, the session and
the server log.
"""

from __future__ import annotations

import logging
import time

import streamlit as st

from igemo_data import access
from igemo_data.texts import escape_markdown, t
from igemo_data.ui import session

# The server log: stderr, beside Streamlit's own lines (Streamlit leaves the root logger alone).
LOG = logging.getLogger("strategiekaart")
if not LOG.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    LOG.addHandler(_handler)
    LOG.setLevel(logging.INFO)


def current_policy() -> access.Policy:
    """The access policy of `.streamlit/secrets.toml`, read now (a fixed file counts at once).

    A file that exists but cannot be read locks every change; what is wrong goes to the server
    log once per session, never to the screen (it may name a server path).
    """
    found = access.read_policy(lambda: st.secrets.to_dict(), st.get_option("secrets.files") or ())
    logged = (found.problem, found.detail)
    if found.problem and st.session_state.get(session.ACCESS_LOGGED) != logged:
        st.session_state[session.ACCESS_LOGGED] = logged
        level = logging.ERROR if found.mode == "locked" else logging.WARNING
        LOG.log(level, "access %s (%s)%s", found.mode, found.problem, _detail(found))
    return found


def _detail(found: access.Policy) -> str:
    return f": {found.detail}" if found.detail else ""


def can_change() -> bool:
    """Whether this session may change data or save and delete scenarios."""
    current = current_policy()
    if current.mode == "open":
        return True
    if current.mode == "login":
        return access.is_facilitator(current, st.user)
    if current.mode == "password":
        return bool(st.session_state.get(session.FACILITATOR))
    return False  # locked: nobody changes anything until the secrets can be read


def facilitator_panel(lang: str) -> None:
    current = current_policy()
    if current.mode == "open":
        return
    if current.mode == "locked":
        st.sidebar.warning(t("access_locked", lang), icon=":material/lock:")
        return
    with st.sidebar.expander(t("facilitator_title", lang), icon=":material/lock:"):
        if current.problem:
            st.warning(t(current.problem, lang))
        if can_change():
            st.caption(t("facilitator_yes", lang))
            sign_out = st.logout if current.mode == "login" else _forget_facilitator
            st.button(t("sign_out", lang), key=session.SIGN_OUT, on_click=sign_out)
            return
        if current.mode == "login":
            _sign_in_panel(lang)
        else:
            _password_panel(lang)


def _sign_in_panel(lang: str) -> None:
    if not st.user.get("is_logged_in"):
        st.caption(t("facilitator_no", lang))
        st.button(t("sign_in", lang), key=session.SIGN_IN, on_click=st.login)
        return
    email = str(st.user.get("email") or "")
    st.caption(t("access_not_listed", lang, email=escape_markdown(email)))
    st.button(t("sign_out", lang), key=session.SIGN_OUT, on_click=st.logout)


def _password_panel(lang: str) -> None:
    st.caption(t("facilitator_no", lang))
    st.text_input(t("password", lang), type="password", key=session.PASSWORD_INPUT)
    st.button(t("sign_in", lang), key=session.SIGN_IN, on_click=_check_password)
    if st.session_state.pop(session.PASSWORD_WRONG, False):
        st.error(t("password_wrong", lang))
    waiting = access.seconds_to_wait(_attempts(), time.monotonic())
    if waiting:
        st.warning(t("password_wait", lang, seconds=waiting))


def _attempts() -> access.Attempts:
    kept = st.session_state.get(session.PASSWORD_ATTEMPTS)
    return kept if isinstance(kept, access.Attempts) else access.Attempts()


def _check_password() -> None:
    """The sign-in button's callback: check once, log the outcome, empty the field.

    Setting the field to "" (rather than forgetting the key) is what makes the browser clear
    it: a forgotten key leaves the typed text in the browser, which sends it on every rerun.
    While a session has to wait the password is not even compared.
    """
    given = st.session_state.get(session.PASSWORD_INPUT) or ""
    st.session_state[session.PASSWORD_INPUT] = ""
    now = time.monotonic()
    before = _attempts()
    waiting = access.seconds_to_wait(before, now)
    if waiting:
        LOG.warning("facilitator password refused unchecked: %d s to wait", waiting)
        return
    current = current_policy()
    expected = current.password if current.mode == "password" else None
    right = bool(expected) and access.password_matches(given, expected)
    after = access.after_check(before, right, now)
    st.session_state[session.PASSWORD_ATTEMPTS] = after
    if right:
        st.session_state[session.FACILITATOR] = True
        LOG.info("facilitator password right after %d failed tries", before.failures)
    else:
        st.session_state[session.PASSWORD_WRONG] = True
        wait = access.wait_after(after.failures)
        LOG.warning("facilitator password wrong: try %d, %g s to wait", after.failures, wait)


def _forget_facilitator() -> None:
    st.session_state.pop(session.FACILITATOR, None)


def require_change(lang: str) -> bool:
    """Shown where changes are offered: True may go on; False has told the viewer why not."""
    if can_change():
        return True
    locked = current_policy().mode == "locked"
    st.info(t("access_locked" if locked else "viewer_only", lang))
    return False
