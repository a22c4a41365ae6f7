"""Recording a decision and reading a service's decisions: one form, one history, three places.

Plan versus matrix, the 8.3 page and the what-if panel all record through `record_form` and
show `history_panel`. Only a facilitator sees the form; the callback asks again, so a viewer
cannot record through a stale form or a link either. Every text a user typed is shown as
text (escaped markdown), never as markdown or HTML.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from igemo_data import decisions
from igemo_data.schema import DECISIONS
from igemo_data.store.decisions import DecisionError, DecisionStore, default_store
from igemo_data.texts import decision_label, error_text, escape_markdown, quadrant_label, t
from igemo_data.ui import actions, session
from igemo_data.ui.access import can_change, require_change
from igemo_data.ui.frame import Workshop, edition_name


def decision_store(lang: str, *, say: bool = True) -> DecisionStore | None:
    """The process's decision log; None (and, with `say`, why) when it cannot be used."""
    try:
        return default_store()
    except DecisionError as error:
        if say:
            st.error(escape_markdown(error_text(error, lang)))
        return None


def in_force(lang: str) -> dict[str, decisions.Decision]:
    """The decision in force per service ({} when the log cannot be read)."""
    store = decision_store(lang, say=False)
    if store is None:
        return {}
    try:
        return store.in_force()
    except DecisionError:
        return {}


def _context(ws: Workshop, quadrant: str) -> decisions.Context:
    base = session.scenario_base()
    found = session.stored_scenario(base.scenario) if base.scenario else None
    return decisions.Context(
        edition=ws.settings.edition,
        edition_name=edition_name(ws.settings.edition),
        settings=ws.settings,
        quadrant=quadrant,
        scenario=found.name if found is not None else "",
    )


def _keys(place: str) -> dict[str, str]:
    return {
        "form": session.numbered(session.DECISION_FORM, place),
        "choice": session.numbered(session.DECISION_CHOICE, place),
        "rationale": session.numbered(session.DECISION_RATIONALE, place),
        "owner": session.numbered(session.DECISION_OWNER, place),
        "due": session.numbered(session.DECISION_DUE, place),
        "submit": session.numbered(session.DECISION_SUBMIT, place),
    }


def record_form(ws: Workshop, row: pd.Series, *, place: str) -> None:
    """The form that records a decision for the service in `row`, for facilitators only."""
    if not require_change(ws.lang):
        return
    keys = _keys(place)
    with st.form(keys["form"], clear_on_submit=True):
        # The service is the one chosen right above: naming it again would repeat its name.
        st.markdown(f"**{t('decision_form_title', ws.lang)}**")
        # All five in view, one click each: a projector's facilitator never opens a list.
        st.radio(
            t("decision_col_decision", ws.lang),
            DECISIONS,
            index=None,
            format_func=lambda key: decision_label(key, ws.lang),
            key=keys["choice"],
        )
        st.text_area(
            t("decision_col_rationale", ws.lang),
            max_chars=decisions.MAX_RATIONALE,
            key=keys["rationale"],
            height=100,
        )
        owner, due = st.columns(2)
        owner.text_input(
            t("decision_col_owner", ws.lang), max_chars=decisions.MAX_OWNER, key=keys["owner"]
        )
        due.date_input(
            t("decision_col_due", ws.lang), value=None, format="DD/MM/YYYY", key=keys["due"]
        )
        st.form_submit_button(
            t("decision_record", ws.lang),
            type="primary",
            icon=":material/gavel:",
            key=keys["submit"],
            on_click=_record,
            args=(
                place,
                str(row["id"]),
                str(row["code"]),
                str(row["name"]),
                _context(ws, str(row["quadrant"])),
            ),
        )


def _record(place: str, service_id: str, code: str, name: str, context: decisions.Context) -> None:
    """The form's callback: asks for access again, appends one decision, says what happened."""
    lang = session.kept_lang()
    keys = _keys(place)
    if not can_change():
        actions.flash("error", t("viewer_only", lang))
        return
    choice = st.session_state.get(keys["choice"])
    if choice is None:
        actions.flash("error", t("decision_pick_first", lang))
        return
    try:
        entry = default_store().record(
            service_id=service_id,
            code=code,
            name=name,
            decision=choice,
            rationale=st.session_state.get(keys["rationale"]) or "",
            owner=st.session_state.get(keys["owner"]) or "",
            due=st.session_state.get(keys["due"]),
            context=context,
        )
    except DecisionError as error:
        actions.flash("error", error_text(error, lang))
        return
    actions.flash(
        "success",
        t(
            "decision_recorded",
            lang,
            service=f"{code} {name}",
            decision=decision_label(entry.decision, lang),
        ),
    )


def history_panel(ws: Workshop, row: pd.Series, *, limit: int | None = None) -> None:
    """The plan's own decision, then every recorded one for the service, newest first."""
    plan = row.get("plan_decision")
    plan_text = decision_label("" if pd.isna(plan) else str(plan), ws.lang)
    st.markdown(f"**{t('decision_plan_own', ws.lang)}:** {escape_markdown(plan_text)}")
    note = row.get("plan_note")
    if isinstance(note, str) and note.strip():
        st.caption(escape_markdown(note))
    store = decision_store(ws.lang)
    entries = []
    if store is not None:
        try:
            entries = store.for_service(str(row["id"]))
        except DecisionError as error:
            st.error(escape_markdown(error_text(error, ws.lang)))
    if not entries:
        st.caption(t("decision_none_yet", ws.lang))
        return
    shown = entries if limit is None else entries[:limit]
    for number, entry in enumerate(shown):
        with st.container(border=True):
            state = t("decision_in_force" if number == 0 else "decision_superseded", ws.lang)
            agree = decisions.agreement(entry.decision, str(row["quadrant"]))
            st.markdown(
                f"**{escape_markdown(decision_label(entry.decision, ws.lang))}** · "
                f"{entry.recorded_at.astimezone():%d-%m-%Y %H:%M} · {escape_markdown(state)}"
                + ("" if agree == decisions.AGREES else f" · {t('decision_against_now', ws.lang)}")
            )
            if entry.rationale:
                st.markdown(escape_markdown(entry.rationale))
            people = []
            if entry.owner:
                people.append(f"{t('decision_col_owner', ws.lang)}: {entry.owner}")
            if entry.due:
                people.append(f"{t('decision_col_due', ws.lang)}: {decisions.due_text(entry.due)}")
            if people:
                st.markdown(escape_markdown(" · ".join(people)))
            st.caption(escape_markdown(decisions.context_in_words(entry.context, ws.lang)))
    if len(entries) > len(shown):
        st.caption(t("decision_more", ws.lang, count=len(entries) - len(shown)))


def decision_section(ws: Workshop, table: pd.DataFrame, *, place: str) -> None:
    """Pick a service of `table` (the ones to discuss first), record, and read its history."""
    st.subheader(t("decision_title", ws.lang))
    st.caption(t("decision_caption", ws.lang))
    actions.show_flash()
    if table.empty:
        return
    labels = dict(zip(table["id"], table["code"] + " · " + table["name"], strict=True))
    key = session.numbered(session.DECISION_SERVICE, place)
    if st.session_state.get(key) not in labels:
        st.session_state[key] = None
    picked = st.selectbox(
        t("decision_service", ws.lang),
        list(labels),
        format_func=labels.__getitem__,
        index=None,
        placeholder=t("what_if_none", ws.lang),
        key=key,
    )
    if picked is None:
        return
    row = table[table["id"] == picked].iloc[0]
    st.caption(
        t("decision_quadrant_now", ws.lang, quadrant=quadrant_label(str(row["quadrant"]), ws.lang))
    )
    form_column, history_column = st.columns(2, gap="medium")
    with form_column:
        record_form(ws, row, place=place)
    with history_column:
        st.markdown(f"**{t('decision_history', ws.lang)}**")
        history_panel(ws, row)


def what_if_decision(ws: Workshop, row: pd.Series) -> None:
    """Under the what-if sliders: the decision in force, and the form, folded away."""
    actions.show_flash()
    with st.expander(
        t("decision_title", ws.lang), icon=":material/gavel:", key=session.DECISION_PANEL
    ):
        record_form(ws, row, place="what_if")
        history_panel(ws, row, limit=2)


def decision_toggle(lang: str, place) -> bool:
    """ "Beslissingen tonen": outline each marker by its decision against its quadrant; kept
    like the arrows (a settings widget: `session.restore_settings` puts its kept value back)."""
    return place.toggle(
        t("decision_toggle", lang),
        key=session.DECISIONS_SHOWN,
        on_change=session.keep_setting,
        args=(session.DECISIONS_SHOWN,),
        help=t("decision_toggle_help", lang),
    )


def chart_marks(ws: Workshop, table: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """What the chart's toggle draws: per decided service, with or against its quadrant."""
    return decisions.decided_marks(table, in_force(ws.lang), ws.lang)
