"""Who may change data and scenarios in this session, and the sidebar panel that says so.

The rules themselves (open, password, sign-in) are pure: `igemo_data.access`.
"""

from __future__ import annotations

import streamlit as st

from igemo_data import access
from igemo_data.texts import t
from igemo_data.ui import session


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, OSError, ValueError):
        return {}  # no secrets file: the app runs open, as designed


def can_change() -> bool:
    """Whether this session may change data or save and delete scenarios."""
    current = access.mode(_secrets())
    if current == "open":
        return True
    if current == "login":
        return bool(st.user.get("is_logged_in"))
    return bool(st.session_state.get(session.FACILITATOR))


def facilitator_panel(lang: str) -> None:
    current = access.mode(_secrets())
    if current == "open":
        return
    with st.sidebar.expander(t("facilitator_title", lang), icon=":material/lock:"):
        if can_change():
            st.caption(t("facilitator_yes", lang))
            if current == "login":
                st.button(t("sign_out", lang), key=session.SIGN_OUT, on_click=st.logout)
            else:
                st.button(t("sign_out", lang), key=session.SIGN_OUT, on_click=_forget_facilitator)
            return
        st.caption(t("facilitator_no", lang))
        if current == "login":
            st.button(t("sign_in", lang), key=session.SIGN_IN, on_click=st.login)
            return
        st.text_input(t("password", lang), type="password", key=session.PASSWORD_INPUT)
        st.button(t("sign_in", lang), key=session.SIGN_IN, on_click=_check_password)
        if st.session_state.pop(session.PASSWORD_WRONG, False):
            st.error(t("password_wrong", lang))


def _check_password() -> None:
    # The typed password leaves the session state here, whatever the outcome.
    given = st.session_state.pop(session.PASSWORD_INPUT, "") or ""
    expected = access.facilitator_password(_secrets())
    if expected and access.password_matches(given, expected):
        st.session_state[session.FACILITATOR] = True
    else:
        st.session_state[session.PASSWORD_WRONG] = True


def _forget_facilitator() -> None:
    st.session_state.pop(session.FACILITATOR, None)


def require_change(lang: str) -> bool:
    """Shown where changes are offered: True may go on; False has told the viewer why not."""
    if can_change():
        return True
    st.info(t("viewer_only", lang))
    return False
