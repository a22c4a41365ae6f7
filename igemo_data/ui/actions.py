"""What the buttons of the scenario and data pages do: callbacks, their messages, deleting.

Callbacks run before the page is drawn, so what they have to say waits in one flash list that
the page shows once (`show_flash`). Deleting a scenario or an edition asks first, the same way
for both (`delete_button`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pandas as pd
import streamlit as st

from igemo_data import edition, url_state
from igemo_data.settings import PLAN_EDITION
from igemo_data.store import editions
from igemo_data.store.scenarios import Scenario, ScenarioError
from igemo_data.texts import error_text, escape_markdown, t
from igemo_data.ui import session
from igemo_data.ui.access import can_change

SCENARIO = "scenario"
EDITION = "edition"


# --- One flash message --------------------------------------------------------------------


def flash(kind: str, message: str) -> None:
    """Keep a message of a callback (`success`, `error`, …) for the page to show."""
    st.session_state.setdefault(session.FLASH, []).append((kind, message))


def show_flash() -> None:
    """Messages from callbacks, shown once; callbacks run before the page can draw them."""
    for kind, message in st.session_state.pop(session.FLASH, []):
        getattr(st, kind)(escape_markdown(message))


# --- One confirm-delete flow --------------------------------------------------------------


def _ask_delete(kind: str, item_id: str) -> None:
    st.session_state[session.CONFIRM_DELETE] = (kind, item_id)


def _cancel_delete() -> None:
    st.session_state.pop(session.CONFIRM_DELETE, None)


def _confirmed(delete: Callable[..., None], *args: object) -> None:
    st.session_state.pop(session.CONFIRM_DELETE, None)
    if can_change():
        delete(*args)


def delete_button(
    kind: str,
    item_id: str,
    lang: str,
    *,
    delete: Callable[..., None],
    args: tuple[object, ...],
    key: str,
    question: str,
) -> None:
    """A delete button that asks first: `question` with yes and cancel, then `delete(*args)`."""
    if st.session_state.get(session.CONFIRM_DELETE) != (kind, item_id):
        st.button(
            t("delete", lang),
            key=key,
            on_click=_ask_delete,
            args=(kind, item_id),
            icon=":material/delete:",
        )
        return
    st.warning(t(question, lang))
    yes, no = st.columns(2)
    yes.button(
        t("delete_yes", lang),
        key=session.numbered(key, "yes"),
        on_click=_confirmed,
        args=(delete, *args),
        type="primary",
    )
    no.button(t("cancel", lang), key=session.numbered(key, "cancel"), on_click=_cancel_delete)


# --- Scenarios ----------------------------------------------------------------------------


def save_scenario(name: str, author: str, note: str, *, overwrite: bool = False) -> Scenario:
    """Store the screen as a scenario and make it the one the screen now shows."""
    if not can_change():
        raise ScenarioError(t("viewer_only", session.kept_lang()))
    saved = session.scenario_store().save(
        name,
        session.current_settings(),
        author=author,
        note=note,
        overwrite=overwrite,
    )
    st.session_state[session.SCENARIO_BASE] = url_state.from_scenario(saved.id, saved.settings)
    return saved


def keep_pending(name: str, author: str, note: str) -> None:
    """A save whose name was taken waits for overwrite or cancel."""
    st.session_state[session.PENDING_SAVE] = (name, author, note)


def pending() -> bool:
    return bool(st.session_state.get(session.PENDING_SAVE))


def overwrite_pending() -> None:
    if not can_change():
        return
    name, author, note = st.session_state.pop(session.PENDING_SAVE)
    try:
        saved = save_scenario(name, author, note, overwrite=True)
        flash("success", f"{t('saved', session.kept_lang())} {saved.name}")
    except ScenarioError as error:
        flash("error", error_text(error, session.kept_lang()))


def cancel_pending() -> None:
    st.session_state.pop(session.PENDING_SAVE, None)


def save_changes(scenario_id: str) -> None:
    if not can_change():
        return
    try:
        saved = session.scenario_store().update(scenario_id, session.current_settings())
        st.session_state[session.SCENARIO_BASE] = url_state.from_scenario(saved.id, saved.settings)
        flash("success", f"{t('saved', session.kept_lang())} {saved.name}")
    except ScenarioError as error:
        flash("error", error_text(error, session.kept_lang()))


def open_scenario(scenario_id: str) -> None:
    """Restore a scenario's settings and what-ifs on every page; the viewer keeps a language."""
    found = session.stored_scenario(scenario_id)
    if found is None:
        flash("error", t("scenario_missing", session.kept_lang()))
        return
    base = url_state.from_scenario(found.id, found.settings)
    current = session.current_link()
    session.apply_settings(
        dataclasses.replace(
            base, lang=current.lang, arrows=current.arrows, present=current.present
        ),
        base=base,
    )
    st.session_state[session.GO_OVERVIEW] = True


def go_overview() -> bool:
    """Whether a scenario was just opened (once): the page then shows the overview."""
    return bool(st.session_state.pop(session.GO_OVERVIEW, False))


def rename_scenario(scenario_id: str, new_name: str) -> None:
    if not can_change():
        return
    try:
        renamed = session.scenario_store().rename(scenario_id, new_name)
        flash("success", f"{t('saved', session.kept_lang())} {renamed.name}")
    except ScenarioError as error:
        flash("error", error_text(error, session.kept_lang()))


def duplicate_scenario(scenario_id: str, new_name: str) -> None:
    if not can_change():
        return
    try:
        copy = session.scenario_store().duplicate(scenario_id, new_name)
        st.session_state[session.CHOSEN_SCENARIO] = copy.id
        flash("success", f"{t('saved', session.kept_lang())} {copy.name}")
    except ScenarioError as error:
        flash("error", error_text(error, session.kept_lang()))


def delete_scenario(scenario_id: str) -> None:
    try:
        session.scenario_store().delete(scenario_id)
        st.session_state.pop(session.CHOSEN_SCENARIO, None)
        session.forget_scenario(scenario_id)
        flash("success", t("deleted", session.kept_lang()))
    except ScenarioError as error:
        flash("error", error_text(error, session.kept_lang()))


# --- Editions -----------------------------------------------------------------------------


def activate_edition(edition_id: str, name: str) -> None:
    st.session_state[session.ACTIVE_EDITION] = edition_id
    flash("success", t("edition_activated", session.kept_lang(), name=name))


def delete_edition(store: editions.EditionStore, edition_id: str) -> None:
    try:
        store.delete(edition_id)
    except editions.EditionError as error:
        flash("error", error_text(error, session.kept_lang()))
        return
    if session.active_id(st.session_state) == edition_id:
        st.session_state[session.ACTIVE_EDITION] = PLAN_EDITION
    st.session_state.pop(session.CHOSEN_EDITION, None)
    flash("success", t("deleted", session.kept_lang()))


def save_edition(
    store: editions.EditionStore,
    services: pd.DataFrame,
    name: str,
    author: str,
    note: str,
    **origin: str,
) -> edition.Edition:
    """Store a checked table as a new edition and make it the active one."""
    saved = store.save(name, services, author=author, note=note, **origin)
    st.session_state[session.ACTIVE_EDITION] = saved.id
    flash("success", t("edition_saved", session.kept_lang(), name=saved.name))
    return saved
