"""The facilitator's side of a scoring round: open it, show the way in, watch it fill, act.

Opening, revealing, closing, starting a second round, settling and deleting are for
facilitators only (`ui.access`); the checks run again inside every callback, so a button
drawn for someone who signed out in another tab still changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from igemo_data.loading import ServiceDataError
from igemo_data.round_link import join_link, qr_png
from igemo_data.rounds import RoundError
from igemo_data.schema import DOMAINS
from igemo_data.store import editions, rounds
from igemo_data.store.editions import EditionError
from igemo_data.texts import domain_label, error_text, escape_markdown, t
from igemo_data.ui import actions, session
from igemo_data.ui.access import can_change, require_change
from igemo_data.ui.frame import DATA_PATH, edition_store_or_stop

ALL = "ALL"  # the round asks every service of the edition
LIVE_EVERY = timedelta(seconds=1.5)  # the live counts follow within 2 s, without a key press


def store_or_stop(lang: str) -> rounds.RoundStore:
    try:
        return rounds.default_store()
    except RoundError as error:
        st.error(escape_markdown(error_text(error, lang)))
        st.stop()


def _status(found: rounds.Round, lang: str) -> str:
    if found.closed:
        return t("round_status_closed", lang)
    return t("round_status_revealed" if found.revealed else "round_status_open", lang)


def open_round_form(store: rounds.RoundStore, lang: str) -> None:
    """Title, edition, services (all or one werkdomein), names shown or not; then the round."""
    if not can_change():
        return
    known = edition_store_or_stop(lang).list()
    choices = {edition.id: edition.name for edition in known}
    expander = st.expander(t("round_new", lang), icon=":material/add:", expanded=not store.list())
    with expander, st.form(key=session.ROUND_FORM, border=False):
        st.text_input(t("round_title_label", lang), key=session.ROUND_TITLE, max_chars=120)
        st.selectbox(
            t("edition_pick", lang),
            list(choices),
            format_func=choices.__getitem__,
            key=session.ROUND_EDITION,
        )
        st.radio(
            t("round_scope", lang),
            (ALL, *DOMAINS),
            format_func=lambda d: t("round_scope_all", lang) if d == ALL else domain_label(d, lang),
            horizontal=True,
            key=session.ROUND_SCOPE,
        )
        st.toggle(t("round_show_names", lang), key=session.ROUND_NAMES)
        st.form_submit_button(
            t("round_open_button", lang),
            on_click=_open,
            args=(lang,),
            type="primary",
            icon=":material/play_arrow:",
        )


def _open(lang: str) -> None:
    if not can_change():
        return
    state = st.session_state
    try:
        services = editions.default_store(DATA_PATH).services(
            str(state.get(session.ROUND_EDITION) or "")
        )
        scope = state.get(session.ROUND_SCOPE) or ALL
        if scope != ALL:
            services = services[services["domain"] == scope]
        opened = rounds.default_store().open_round(
            state.get(session.ROUND_TITLE) or "",
            str(state.get(session.ROUND_EDITION)),
            [str(i) for i in services["id"]],
            show_names=bool(state.get(session.ROUND_NAMES)),
        )
    except (RoundError, EditionError) as error:
        actions.flash("error", error_text(error, lang))
        return
    state[session.ROUND_CHOSEN] = opened.code
    state[session.ROUND_TITLE] = ""
    actions.flash("success", t("round_opened", lang, code=opened.code))


def chosen_round(store: rounds.RoundStore, lang: str) -> rounds.Round | None:
    """The round the page shows: a chooser over every round, the newest first."""
    listed = {found.code: found for found in store.list()}
    if not listed:
        st.info(t("round_none", lang))
        return None
    if st.session_state.get(session.ROUND_CHOSEN) not in listed:
        st.session_state[session.ROUND_CHOSEN] = next(iter(listed))
    st.selectbox(
        t("round_pick", lang),
        list(listed),
        # The label never changes (the browser sends it back): the status stands beside it.
        format_func=lambda code: f"{listed[code].title} · {code}",
        key=session.ROUND_CHOSEN,
    )
    found = listed[st.session_state[session.ROUND_CHOSEN]]
    st.caption(t("round_status", lang, status=_status(found, lang)))
    return found


def join_panel(found: rounds.Round, lang: str) -> None:
    """The QR code and the short link, large enough to scan and type from the back."""
    if found.closed:
        st.warning(t("round_closed_note", lang))
        return
    link = join_link(str(st.context.url or ""), found.code, lang)
    # Once revealed, the room's matrix takes the top of the screen; the way in stays one click
    # away for latecomers.
    place = (
        st.expander(t("round_join_again", lang), icon=":material/qr_code_2:")
        if found.revealed
        else st.container()
    )
    with place:
        _join_parts(found, link, lang)


def _join_parts(found: rounds.Round, link: str, lang: str) -> None:
    qr, words = st.columns([2, 3], vertical_alignment="center")
    qr.image(qr_png(link), width=400, alt=t("round_qr_alt", lang))
    with words:
        st.markdown(f"### {escape_markdown(t('round_join_how', lang))}")
        st.markdown(f"# `{link}`")
        st.markdown(f"## {escape_markdown(t('round_code_is', lang))} `{found.code}`")


@st.fragment(run_every=LIVE_EVERY)
def live_counts(code: str, services: int, lang: str) -> None:
    """How many joined and answered, read again every 1,5 s: three numbers replaced in place,
    so the projector never flickers."""
    counts = rounds.default_store().counts(code)
    with st.container(key=session.ROUND_LIVE, horizontal=True):
        st.metric(t("round_participants", lang), counts.participants)
        st.metric(t("round_answers", lang), counts.answered)
        possible = counts.participants * services * 4
        st.metric(t("round_scores", lang), t("round_of", lang, done=counts.scores, total=possible))


def round_actions(store: rounds.RoundStore, found: rounds.Round, lang: str) -> None:
    """Reveal, close, second round, settle and delete: facilitators only."""
    if not require_change(lang):
        return
    with st.container(horizontal=True):
        if not found.revealed:
            st.button(
                t("round_reveal", lang),
                key=session.ROUND_REVEAL,
                on_click=_act,
                args=(store.reveal, found.code, "round_revealed", lang),
                type="primary",
                icon=":material/visibility:",
            )
        if not found.closed:
            st.button(
                t("round_close", lang),
                key=session.ROUND_CLOSE,
                on_click=_act,
                args=(store.close_round, found.code, "round_closed_done", lang),
                icon=":material/lock:",
            )
        if found.revealed:
            st.button(
                t("round_second", lang),
                key=session.ROUND_SECOND,
                on_click=_second_round,
                args=(found, lang),
                icon=":material/replay:",
            )
    actions.delete_button(
        "round",
        found.code,
        lang,
        delete=_act,
        args=(store.delete, found.code, "deleted", lang),
        key=session.ROUND_DELETE,
        question="round_delete_question",
    )


def _act(action, code: str, done: str, lang: str) -> None:
    if not can_change():
        return
    try:
        action(code)
    except RoundError as error:
        actions.flash("error", error_text(error, lang))
        return
    actions.flash("success", t(done, lang))


def _second_round(found: rounds.Round, lang: str) -> None:
    """A Delphi round on the same services: the first closes, everyone sees its medians."""
    if not can_change():
        return
    store = rounds.default_store()
    try:
        store.close_round(found.code)
        title = t("round_second_title", lang, title=found.title)[:120]
        second = store.open_round(
            title, found.edition, found.services, show_names=found.show_names, previous=found.code
        )
    except RoundError as error:
        actions.flash("error", error_text(error, lang))
        return
    st.session_state[session.ROUND_CHOSEN] = second.code
    actions.flash("success", t("round_opened", lang, code=second.code))


def settle_form(found: rounds.Round, lang: str) -> None:
    """Turn the round into a new edition with the group's scores (and make it the active one)."""
    if found.settled or not can_change():
        if found.settled:
            st.caption(t("round_settled_already", lang))
        return
    with st.form(key=session.ROUND_SETTLE_FORM, border=False):
        st.text_input(
            t("round_settle_name", lang),
            value=t("round_settle_default", lang, title=found.title)[:120],
            key=session.ROUND_SETTLE_NAME,
            max_chars=120,
        )
        st.form_submit_button(
            t("round_settle", lang),
            on_click=_settle,
            args=(found.code, lang),
            icon=":material/save:",
        )


def _settle(code: str, lang: str) -> None:
    if not can_change():
        return
    name = st.session_state.get(session.ROUND_SETTLE_NAME) or ""
    try:
        made = rounds.settle(
            rounds.default_store(), editions.default_store(DATA_PATH), code, name=name
        )
    except (RoundError, EditionError, ServiceDataError) as error:
        actions.flash("error", error_text(error, lang))
        return
    st.session_state[session.ACTIVE_EDITION] = made.id
    actions.flash("success", t("round_settled", lang, name=made.name))
