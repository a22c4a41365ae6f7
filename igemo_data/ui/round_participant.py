"""The participant's view of a scoring round, on a phone: `/?ronde=CODE`.

No sidebar, no facilitator tools: an optional name, then one card per service with four
controls on the plan's scale (1,0 … 2,0, or "weet niet"). The cards come one at a time with
"vorige" and "volgende": 156 sliders on one long page move whenever a thumb scrolls over them
on a touch screen, and a card is one small fragment, so an answer reruns only that card on
the server. Every change is stored at once; nothing of anyone else is shown, except in a
second round the group's median of the first, beside the participant's own earlier answer.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from igemo_data.round_link import normal_code, participant_token
from igemo_data.rounds import MAX_PARTICIPANT_NAME, SCALE, RoundError, group_scores
from igemo_data.schema import SCORE_COLUMNS
from igemo_data.store import rounds
from igemo_data.store.editions import EditionError
from igemo_data.texts import DEFAULT_LANGUAGE, LANGUAGES, Phrase, error_text, escape_markdown, t
from igemo_data.texts.formatting import decimal, format_score
from igemo_data.ui import compat, session
from igemo_data.ui.frame import edition_store_or_stop

Earlier = dict[str, dict[str, tuple[float | None, float | None]]]  # id → score → (group, own)


def query_lang() -> str:
    lang = st.query_params.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def participant_view(code_text: str) -> None:
    """The whole participant page for the code in the link (refused in Dutch when unknown)."""
    lang = query_lang()
    st.set_page_config(
        page_title=t("round_participant_title", lang),
        page_icon=":material/how_to_vote:",
        layout="centered",
        initial_sidebar_state="collapsed",
    )
    compat.phone_view()
    try:
        store = rounds.default_store()
        code = normal_code(code_text)
        if code is None:
            raise RoundError(Phrase.of("round_unknown_code"))
        found = store.open_for_answers(code)
    except RoundError as error:
        st.title(t("round_participant_title", lang))
        st.error(escape_markdown(error_text(error, lang)))
        return
    editions = edition_store_or_stop(lang)
    try:
        base = editions.services(found.edition)
    except EditionError as error:
        st.error(escape_markdown(error_text(error, lang)))
        return
    services = base[base["id"].isin(set(found.services))].reset_index(drop=True)
    token = st.session_state.get(session.ROUND_TOKEN)
    if not token:
        token = compat.remembered_participant() or participant_token()
        st.session_state[session.ROUND_TOKEN] = token
        compat.remember_participant(token)
    st.title(escape_markdown(found.title))
    st.caption(t("round_participant_intro", lang))
    if session.ROUND_NAME not in st.session_state:
        st.session_state[session.ROUND_NAME] = store.own_name(found.code, token)
    st.text_input(
        t("round_your_name", lang),
        key=session.ROUND_NAME,
        max_chars=MAX_PARTICIPANT_NAME,
        placeholder=t("round_name_optional", lang),
        on_change=_save_name,
        args=(found.code, token, lang),
    )
    cards(found.code, services, token, lang, _earlier(store, found, services, token))


def _earlier(store: rounds.RoundStore, found: rounds.Round, services, token: str) -> Earlier:
    """In a second round: per service and score, the first round's median and own answer."""
    if not found.previous:
        return {}
    before = store.answers(found.previous)
    group = group_scores(services, before).set_index("id")
    answered = set(before["service_id"])
    own = store.own_answers(found.previous, token)
    return {
        sid: {
            c: (
                float(group.loc[sid, c]) if sid in answered else None,
                own.get(sid, {}).get(c),
            )
            for c in SCORE_COLUMNS
        }
        for sid in services["id"]
    }


def _save_name(code: str, token: str, lang: str) -> None:
    try:
        rounds.default_store().join(code, token, st.session_state.get(session.ROUND_NAME, ""))
    except RoundError as error:
        st.session_state[session.ROUND_MESSAGE] = error_text(error, lang)


def score_key(service_id: str, column: str) -> str:
    return session.numbered(session.ROUND_SCORE, f"{service_id}__{column}")


def _save(code: str, token: str, service_id: str, lang: str) -> None:
    """A control changed: store the service's four scores now (the callback runs first)."""
    scores = {c: st.session_state.get(score_key(service_id, c)) for c in SCORE_COLUMNS}
    try:
        rounds.default_store().answer(code, token, service_id, scores)
    except RoundError as error:
        st.session_state[session.ROUND_MESSAGE] = error_text(error, lang)


def _jump(key: str) -> None:
    chosen = st.session_state.get(key)
    if isinstance(chosen, str):
        st.session_state[session.ROUND_CARD] = chosen


def _step(ids: list[str], by: int) -> None:
    current = st.session_state.get(session.ROUND_CARD)
    at = ids.index(current) if current in ids else 0
    st.session_state[session.ROUND_CARD] = ids[(at + by) % len(ids)]


def _score_words(value: float | None, lang: str) -> str:
    # The plan's scale as printed: 1,0 … 2,0, one decimal always.
    return t("round_dont_know", lang) if value is None else decimal(value, lang, digits=1)


def _given_words(value: float | None, lang: str) -> str:
    """A first round's median keeps its second decimal (1,65), an own answer reads as given."""
    return t("round_dont_know", lang) if value is None else format_score(value, lang)


@st.fragment
def cards(code: str, services: pd.DataFrame, token: str, lang: str, earlier: Earlier) -> None:
    """Progress, the card of one service and the way to the others: what an answer reruns."""
    message = st.session_state.pop(session.ROUND_MESSAGE, None)
    if message:
        st.error(escape_markdown(message))
    own = rounds.default_store().own_answers(code, token)
    ids = [str(i) for i in services["id"]]
    done = {sid for sid in ids if any(v is not None for v in own.get(sid, {}).values())}
    st.progress(
        len(done) / len(ids), text=t("round_progress", lang, done=len(done), total=len(ids))
    )
    if st.session_state.get(session.ROUND_CARD) not in ids:
        st.session_state[session.ROUND_CARD] = ids[0]
    service_id = st.session_state[session.ROUND_CARD]
    labels = dict(zip(ids, services["code"] + " " + services["name"], strict=True))
    go = session.numbered(session.ROUND_GO, service_id)
    st.selectbox(
        t("round_go_to", lang),
        ids,
        index=ids.index(service_id),
        # Labels that never change: the browser sends the chosen label back, and a label that
        # changed meanwhile (a "✓" once scored) would no longer name its service.
        format_func=labels.__getitem__,
        key=go,
        on_change=_jump,
        args=(go,),
    )
    service = services.iloc[ids.index(service_id)]
    with st.container(border=True, key=session.numbered(session.ROUND_CARD, "card")):
        st.subheader(escape_markdown(f"{service['code']} · {service['name']}"))
        if service_id in done:
            st.caption(t("round_card_scored", lang))
        if str(service["description"]).strip():
            st.caption(escape_markdown(str(service["description"])))
        st.caption(t("round_scale", lang))
        for column in SCORE_COLUMNS:
            key = score_key(service_id, column)
            if key not in st.session_state:
                st.session_state[key] = own.get(service_id, {}).get(column)
            st.select_slider(
                t(f"field_{column}", lang),
                options=[None, *SCALE],
                format_func=lambda value: _score_words(value, lang),
                key=key,
                on_change=_save,
                args=(code, token, service_id, lang),
            )
            if service_id in earlier:
                group, mine = earlier[service_id][column]
                st.caption(
                    t(
                        "round_earlier",
                        lang,
                        group=_given_words(group, lang),
                        own=_given_words(mine, lang),
                    )
                )
    back, forward = st.columns(2)
    back.button(
        t("round_previous", lang),
        key=session.ROUND_PREVIOUS,
        on_click=_step,
        args=(ids, -1),
        icon=":material/arrow_back:",
        width="stretch",
    )
    forward.button(
        t("round_next", lang),
        key=session.ROUND_NEXT,
        on_click=_step,
        args=(ids, 1),
        icon=":material/arrow_forward:",
        width="stretch",
        type="primary",
    )
