"""What the buttons of the scenario and data pages do: callbacks, their messages, deleting.

Callbacks run before the page is drawn, so what they have to say waits in one flash list that
the page shows once (`show_flash`). Deleting a scenario or an edition, overwriting a scenario
and resetting every what-if ask first, the same way (`confirm_button`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from urllib.parse import quote, urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from igemo_data import edition, url_state
from igemo_data.settings import PLAN_EDITION
from igemo_data.store import editions
from igemo_data.store.scenarios import ChangedMeanwhile, NameTaken, Scenario, ScenarioError
from igemo_data.texts import error_text, escape_markdown, t
from igemo_data.ui import session
from igemo_data.ui.access import can_change

SCENARIO = "scenario"
EDITION = "edition"
OVERWRITE = "overwrite"  # the opened scenario, by the screen's settings
WHAT_IFS = "what_ifs"  # every what-if at once
NOTE_SHOWN = 300  # characters of a scenario's note the overwrite question quotes
# (scenario id, stored version) the screen started from: a save names it, so none is lost.
BASE_VERSION = session.numbered(session.SCENARIO_BASE, "version")
# (scenario id, version now stored) of a save refused because someone saved in between.
CHANGED = session.numbered(session.SCENARIO_BASE, "changed")
PENDING_VERSION = session.numbered(session.PENDING_SAVE, "version")


# --- One flash message --------------------------------------------------------------------


def flash(kind: str, message: str) -> None:
    """Keep a message of a callback (`success`, `error`, …) for the page to show."""
    st.session_state.setdefault(session.FLASH, []).append((kind, message))


def show_flash() -> None:
    """Messages from callbacks, shown once; callbacks run before the page can draw them."""
    for kind, message in st.session_state.pop(session.FLASH, []):
        getattr(st, kind)(escape_markdown(message))


# --- One confirm flow: deleting, overwriting, resetting all --------------------------------


def _ask(kind: str, item_id: str) -> None:
    st.session_state[session.CONFIRM] = (kind, item_id)


def _cancel() -> None:
    st.session_state.pop(session.CONFIRM, None)


def _confirmed(action: Callable[..., None], guarded: bool, *args: object) -> None:
    st.session_state.pop(session.CONFIRM, None)
    if can_change() or not guarded:
        action(*args)


def asking(kind: str, item_id: str) -> bool:
    """Whether the confirm of (`kind`, `item_id`) waits for its answer."""
    return st.session_state.get(session.CONFIRM) == (kind, item_id)


def stop_asking(kind: str, item_id: str) -> None:
    """Drop the question of (`kind`, `item_id`): what it asked about is gone."""
    if asking(kind, item_id):
        _cancel()


def confirm_button(
    kind: str,
    item_id: str,
    lang: str,
    *,
    label: str,
    icon: str,
    action: Callable[..., None],
    args: tuple[object, ...],
    key: str,
    question: str,
    yes: str,
    guarded: bool = True,
) -> None:
    """A button that asks first: `question` (shown as written) with `yes` and cancel.

    Only `yes` runs `action(*args)`; `guarded` actions only for who may change (viewers may
    reset their own what-ifs, not delete or overwrite what is stored). One question at a time.
    """
    if not asking(kind, item_id):
        st.button(label, key=key, on_click=_ask, args=(kind, item_id), icon=icon)
        return
    st.warning(question)
    yes_column, no_column = st.columns(2)
    yes_column.button(
        yes,
        key=session.numbered(key, "yes"),
        on_click=_confirmed,
        args=(action, guarded, *args),
        type="primary",
    )
    no_column.button(t("cancel", lang), key=session.numbered(key, "cancel"), on_click=_cancel)


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
    confirm_button(
        kind,
        item_id,
        lang,
        label=t("delete", lang),
        icon=":material/delete:",
        action=delete,
        args=args,
        key=key,
        question=t(question, lang),
        yes=t("delete_yes", lang),
    )


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
        based_on=st.session_state.pop(PENDING_VERSION, None) if overwrite else None,
    )
    _start_from(saved)
    return saved


def _start_from(saved: Scenario) -> None:
    """The screen now starts from this stored scenario, in this version."""
    st.session_state[session.SCENARIO_BASE] = url_state.from_scenario(saved.id, saved.settings)
    st.session_state[BASE_VERSION] = (saved.id, saved.version)


def keep_pending(name: str, author: str, note: str, version: int | None = None) -> None:
    """A save whose name was taken waits for overwrite or cancel; `version` is the one seen."""
    st.session_state[session.PENDING_SAVE] = (name, author, note)
    st.session_state[PENDING_VERSION] = version


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


def save_changes(scenario_id: str, based_on: int | None = None) -> None:
    """Store the screen under the scenario it started from, unless someone saved in between.

    Then nothing is stored and the page asks (`ask_when_changed`): overwrite or save as new.
    """
    if not can_change():
        return
    st.session_state.pop(CHANGED, None)
    store = session.scenario_store()
    if based_on is None:
        based_on = _based_on(scenario_id, store.get(scenario_id))
    try:
        saved = store.update(
            scenario_id,
            session.current_settings(),
            based_on=based_on,
            by=str(st.session_state.get(session.SAVE_AUTHOR) or ""),
        )
        _start_from(saved)
        flash("success", f"{t('saved', session.kept_lang())} {saved.name}")
    except ChangedMeanwhile as changed:
        st.session_state[CHANGED] = (scenario_id, changed.current.version)
    except ScenarioError as error:
        flash("error", error_text(error, session.kept_lang()))


def save_changes_button(opened: Scenario, lang: str) -> None:
    """Overwrite the opened scenario with the screen, after a question that names it and
    quotes its note (which stays, and may no longer describe what is stored)."""
    question = t("save_changes_confirm", lang, name=opened.name)
    note = opened.note.strip()
    if note:
        shown = note if len(note) <= NOTE_SHOWN else f"{note[:NOTE_SHOWN]}…"
        question = f"{question} {t('save_changes_confirm_note', lang, note=shown)}"
    confirm_button(
        OVERWRITE,
        opened.id,
        lang,
        label=escape_markdown(f"{t('save_changes', lang)}: {opened.name}"),
        icon=":material/save:",
        action=save_changes,
        args=(opened.id,),
        key=session.SAVE_CHANGES,
        question=escape_markdown(question),
        yes=t("save_changes_yes", lang),
    )


def _based_on(scenario_id: str, stored: Scenario | None) -> int | None:
    """The version the screen started from; for a scenario opened by a link, the stored one
    if it still has the settings the link opened (else 0, which no version is)."""
    kept = st.session_state.get(BASE_VERSION)
    if kept and kept[0] == scenario_id:
        return int(kept[1])
    if stored is None:
        return None
    return stored.version if stored.settings.same_matrix(session.scenario_base().settings) else 0


def ask_when_changed(lang: str) -> None:
    """After a refused save: who saved in between, and two ways on (overwrite, save as new)."""
    changed = st.session_state.get(CHANGED)
    current = session.stored_scenario(changed[0]) if changed else None
    if current is None:
        return
    by = current.updated_by or t("scenario_changed_by_someone", lang)
    st.warning(
        escape_markdown(
            t("scenario_changed_ask", lang, by=by, saved=f"{current.updated_at:%d-%m-%Y %H:%M}")
        )
    )
    overwrite, as_new = st.columns(2)
    overwrite.button(
        t("overwrite", lang),
        key=session.numbered(session.OVERWRITE, "changed"),
        on_click=save_changes,
        args=changed,
        type="primary",
    )
    as_new.button(
        t("scenario_save_as_new", lang),
        key=session.numbered(session.OVERWRITE, "as_new"),
        on_click=save_as_new,
        args=(current.id,),
    )


def save_as_new(scenario_id: str) -> None:
    """Keep both: the screen as a new scenario, "<name> (kopie)", numbered when taken."""
    st.session_state.pop(CHANGED, None)
    original = session.stored_scenario(scenario_id)
    if not can_change() or original is None:
        return
    lang = session.kept_lang()
    stem = f"{original.name} {t('copy_suffix', lang)}"
    author = str(st.session_state.get(session.SAVE_AUTHOR) or "")
    for number in range(1, 100):
        try:
            saved = session.scenario_store().save(
                stem if number == 1 else f"{stem} {number}",
                session.current_settings(),
                author=author,
                note=original.note,
            )
        except NameTaken:
            continue
        except ScenarioError as error:
            flash("error", error_text(error, lang))
            return
        _start_from(saved)
        flash("success", f"{t('saved', lang)} {saved.name}")
        return


def open_scenario(scenario_id: str) -> None:
    """Restore a scenario's settings and what-ifs on every page; the viewer keeps a language."""
    found = session.stored_scenario(scenario_id)
    if found is None:
        flash("error", t("scenario_missing", session.kept_lang()))
        return
    base = url_state.from_scenario(found.id, found.settings)
    st.session_state[BASE_VERSION] = (found.id, found.version)
    current = session.current_link()
    session.apply_settings(
        dataclasses.replace(
            base,
            lang=current.lang,
            arrows=current.arrows,
            only_moves=current.only_moves,
            present=current.present,
        ),
        base=base,
    )
    st.session_state[session.GO_OVERVIEW] = True


def scenario_address(page_url: str | None, scenario_id: str) -> str:
    """The whole link to a scenario, to copy and send: the app's address and `?scenario=`.

    `page_url` is `st.context.url` on the Scenario's page: the app's address with this page's
    path last (Streamlit adds it, and drops the query). Without it (no browser, e.g. under
    AppTest) the link is relative, as before.
    """
    query = f"?scenario={quote(scenario_id, safe='')}"
    if not page_url:
        return query
    parts = urlsplit(page_url)
    root = parts.path.rstrip("/").rsplit("/", 1)[0]
    return urlunsplit((parts.scheme, parts.netloc, f"{root}/", "", "")) + query


def go_overview() -> bool:
    """Whether a scenario was just opened (once): the page then shows the overview."""
    if not st.session_state.pop(session.GO_OVERVIEW, False):
        return False
    st.session_state[session.TO_TOP] = True  # the overview lands at its top (sidebar.navigation)
    return True


def rename_scenario(scenario_id: str, new_name: str) -> None:
    if not can_change():
        return
    try:
        renamed = session.scenario_store().rename(scenario_id, new_name)
        if st.session_state.get(BASE_VERSION, ("",))[0] == scenario_id:
            st.session_state[BASE_VERSION] = (renamed.id, renamed.version)
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
