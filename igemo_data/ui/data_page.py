"""The data page's sections: the active edition, an upload, the editions, editing the table.

Nothing changes the active data until an upload or an edit has passed every rule of the
loader and is saved as a new edition.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from igemo_data import compare, edition, edition_tables, spreadsheet, uploads
from igemo_data.loading import ServiceDataError
from igemo_data.settings import PLAN_EDITION
from igemo_data.store import editions
from igemo_data.texts import error_text, escape_markdown, t
from igemo_data.ui import actions, compat, data_tables, frame, session
from igemo_data.ui.compat import DeltaGenerator
from igemo_data.ui.downloads import Download, download_button


def active_edition(
    lang: str,
) -> tuple[editions.EditionStore, edition.Edition, pd.DataFrame]:
    """The edition store, the active edition and its services (it says why when it cannot)."""
    store = frame.edition_store_or_stop(lang)
    if store.warning:
        st.warning(escape_markdown(store.warning_phrase.text(lang)))
    active = editions.resolve(store, session.active_id(st.session_state), frame.DATA_PATH)
    if active.warning:
        st.warning(escape_markdown(active.warning_phrase.text(lang)))
        st.session_state[session.ACTIVE_EDITION] = PLAN_EDITION
    return store, active.edition, active.services


def heading(edition: edition.Edition, services: pd.DataFrame, lang: str) -> None:
    """The active edition's name and origin, and its downloads."""
    heading, downloads = st.columns([3, 2], vertical_alignment="bottom")
    with heading:
        st.subheader(escape_markdown(t("data_active", lang, name=edition.name)))
        created = (
            edition.created_at.astimezone().strftime("%d-%m-%Y %H:%M") if edition.created_at else ""
        )
        meta = t(
            "data_active_meta",
            lang,
            count=len(services),
            author=edition.author or "—",
            created=created,
        )
        st.caption(escape_markdown(meta.removesuffix(" · ")))
    with downloads:
        xlsx_column, csv_column = st.columns(2)
        download_button(
            xlsx_column,
            Download(
                "data_download_xlsx",
                "xlsx",
                functools.partial(
                    spreadsheet.services_xlsx_bytes, services, title=edition.name, lang=lang
                ),
            ),
            lang,
            file_name=spreadsheet.download_name(edition, "xlsx"),
            key=session.DOWNLOAD_XLSX,
            icon=":material/table_view:",
            type="primary",
            help=t("data_download_help", lang),
            width="stretch",
        )
        download_button(
            csv_column,
            Download(
                "data_download_csv",
                "csv",
                functools.partial(spreadsheet.services_csv_bytes, services, lang=lang),
            ),
            lang,
            file_name=spreadsheet.download_name(edition, "csv"),
            key=session.DOWNLOAD_CSV,
            width="stretch",
        )


def upload(
    store: editions.EditionStore,
    edition: edition.Edition,
    services: pd.DataFrame,
    lang: str,
    may_change: bool,
) -> None:
    """A file is checked against every rule; what passes may be saved as a new edition."""
    round_ = st.session_state.setdefault(session.UPLOAD_ROUND, 0)
    uploaded = st.file_uploader(
        t("upload_label", lang),
        type=list(uploads.UPLOAD_TYPES),
        max_upload_size=uploads.MAX_UPLOAD_MB,
        key=session.numbered(session.UPLOADER, round_),
        disabled=not may_change,
    )
    compat.upload_box_in_dutch(lang, uploads.MAX_UPLOAD_MB)
    compat.upload_refusal_in_dutch(lang, uploads.MAX_UPLOAD_MB)
    st.caption(t("upload_help", lang, mb=uploads.MAX_UPLOAD_MB))
    if uploaded is None or not may_change:
        return
    file_name = uploaded.name
    try:
        # The size first: a file over the limit is refused before it is read.
        uploads.check_upload_size(uploaded.size, file_name)
        result = uploads.validate_upload(uploaded.getvalue(), file_name)
    except ServiceDataError as error:
        data_tables.show_problems(
            escape_markdown(t("upload_refused", lang, file=file_name, count=len(error.problems))),
            error,
            lang,
        )
        return
    st.success(
        escape_markdown(t("upload_accepted", lang, file=file_name, count=len(result.services))),
        icon=":material/check_circle:",
    )
    for warning in result.warnings:
        st.warning(escape_markdown(warning))
    data_tables.difference_summary(services, result.services, lang)
    with st.form(f"upload_form_{round_}", border=True):
        name, author, note = data_tables.edition_fields(
            lang,
            # A default name once per file.
            name_key=session.numbered(session.UPLOAD_NAME, uploaded.file_id),
            default_name=uploads.suggested_name(file_name),
            author_key=session.numbered(session.UPLOAD_AUTHOR, round_),
            note_key=session.numbered(session.UPLOAD_NOTE, round_),
        )
        submitted = st.form_submit_button(
            t("save_edition", lang), type="primary", icon=":material/save:"
        )
    if submitted:
        try:
            actions.save_edition(
                store, result.services, name, author, note, source=file_name, based_on=edition.id
            )
        except (editions.EditionError, ServiceDataError) as error:
            st.error(escape_markdown(error_text(error, lang)))
        else:
            st.session_state[session.UPLOAD_ROUND] = round_ + 1
            st.rerun()


def edition_list(
    store: editions.EditionStore, edition: edition.Edition, lang: str, may_change: bool
) -> None:
    """Every edition; choose one to make active or to delete."""
    known = store.list()
    st.dataframe(
        edition_tables.edition_rows(known, lang, active=edition.id),
        hide_index=True,
        width="stretch",
        height=compat.table_height(len(known), 420),
        row_height=compat.TABLE_ROW_HEIGHT,
    )
    by_id = {e.id: e for e in known}
    if st.session_state.get(session.CHOSEN_EDITION) not in by_id:
        st.session_state[session.CHOSEN_EDITION] = edition.id
    pick_column, activate_column, delete_column = st.columns([2, 1, 2], vertical_alignment="bottom")
    chosen = by_id[
        pick_column.selectbox(
            t("edition_pick", lang),
            list(by_id),
            format_func=lambda eid: by_id[eid].name,
            key=session.CHOSEN_EDITION,
        )
    ]
    with activate_column:
        st.button(
            t("edition_activate", lang),
            key=session.ACTIVATE_EDITION,
            on_click=actions.activate_edition,
            args=(chosen.id, chosen.name),
            type="primary",
            icon=":material/check_circle:",
            disabled=chosen.id == edition.id,
            # It holds for this browser tab only: a fresh browser opens on the plan.
            help=t(
                "edition_is_active" if chosen.id == edition.id else "edition_activate_help", lang
            ),
            width="stretch",
        )
    with delete_column:
        if chosen.builtin:
            st.caption(t("edition_plan_fixed", lang))
        elif not may_change:
            st.caption(t("viewer_only", lang))
        else:
            actions.delete_button(
                actions.EDITION,
                chosen.id,
                lang,
                delete=actions.delete_edition,
                args=(store, chosen.id),
                key=session.DELETE_EDITION,
                question="edition_delete_confirm",
            )


@dataclass(frozen=True)
class Pending:
    """One edition's data editor, kept in the session so an edit outlives leaving the page.

    Streamlit forgets an editor's edits when its page is left, and an editor's value cannot be
    set back. So the table as last edited is kept here; coming back, a new editor (the next
    round, its own key) starts from that table.
    """

    round: int = 0
    base: pd.DataFrame | None = None  # what this round's editor started from; None: the edition
    edited: pd.DataFrame | None = None  # the table after the last run; None: nothing changed

    def key(self, edition_id: str) -> str:
        """The editor's widget key; the first round keeps the plain key of one per edition."""
        suffix = edition_id if self.round == 0 else f"{edition_id}_{self.round}"
        return session.numbered(session.EDITOR, suffix)


def _kept() -> dict[str, Pending]:
    return st.session_state.setdefault(session.EDITS_KEPT, {})


def _keep(edition_id: str, pending: Pending | None) -> None:
    """Keep (or, with None, forget) an edition's edits, and say whether any are unsaved."""
    kept = _kept()
    if pending is None:
        kept.pop(edition_id, None)
    else:
        kept[edition_id] = pending
    st.session_state[session.UNSAVED] = any(p.edited is not None for p in kept.values())


def keep_editing(store: editions.EditionStore, edition_id: str) -> None:
    """Before the edit toggle: edits of editions that are gone are dropped, and the toggle is
    back on when this edition has edits not yet saved (leaving the page turned it off)."""
    known = {e.id for e in store.list()}
    for gone in set(_kept()) - known:
        _keep(gone, None)
    pending = _kept().get(edition_id)
    if pending is not None and pending.edited is not None:
        st.session_state.setdefault(session.EDIT_MODE, True)


def _this_round(edition_id: str) -> Pending:
    """The editor to draw: the one on screen, or a new round from the edits kept."""
    pending = _kept().get(edition_id, Pending())
    if pending.key(edition_id) in st.session_state:
        return pending  # the same editor as the last run: its edits are in its own state
    if pending.edited is None:
        return Pending(pending.round)
    return Pending(pending.round + 1, pending.edited, pending.edited)


def _note_edit(edition_id: str, key: str) -> None:
    """on_change of the editor: say at once, before the sidebar is drawn, that edits wait."""
    state = st.session_state.get(key) or {}
    if any(state.get(part) for part in ("edited_rows", "added_rows", "deleted_rows")):
        st.session_state[session.UNSAVED] = True


def discard_edits(edition_id: str) -> None:
    """The confirmed "discard": a new editor on the edition as it is stored."""
    pending = _kept().get(edition_id, Pending())
    _keep(edition_id, Pending(pending.round + 1))


def edit(
    store: editions.EditionStore, edition: edition.Edition, services: pd.DataFrame, lang: str
) -> None:
    """The table in an editor; what passes every rule may be saved as a new edition.

    Outside a form, so the summary beside the save button follows every edit, and the table as
    edited is kept in the session (see `Pending`).
    """
    st.write(t("edit_intro", lang))
    original = data_tables.for_editor(services)
    pending = _this_round(edition.id)
    key = pending.key(edition.id)
    edited = data_tables.edit_services(
        original if pending.base is None else pending.base,
        lang,
        key,
        on_change=_note_edit,
        args=(edition.id, key),
    )
    changes = data_tables.pending_changes(original, edited, lang)
    _keep(edition.id, dataclasses.replace(pending, edited=edited if changes else None))
    if changes and pending.base is not None:
        st.warning(t("edits_restored", lang), icon=":material/edit_note:")
    with st.form(f"edit_form_{edition.id}", border=False):
        name, author, note = data_tables.edition_fields(
            lang,
            name_key=session.numbered(session.EDIT_NAME, edition.id),
            default_name=uploads.suggested_name(t("edit_default_name", lang)),
            author_key=session.numbered(session.EDIT_AUTHOR, edition.id),
            note_key=session.numbered(session.EDIT_NOTE, edition.id),
        )
        save_column, summary_column = st.columns([1, 3], vertical_alignment="center")
        submitted = save_column.form_submit_button(
            t("save_edition", lang), type="primary", icon=":material/save:"
        )
        _summary(summary_column, changes, lang)
    if changes:
        _discard_button(edition.id, lang)
    if not submitted:
        return
    try:
        checked = uploads.validate_edit(edited)
    except ServiceDataError as error:
        data_tables.show_problems(
            t("edit_refused", lang, count=len(error.problems)), error, lang, edited
        )
        return
    if compare.compare_editions(services, checked.services).identical:
        st.info(t("edit_unchanged", lang))
        return
    try:
        actions.save_edition(store, checked.services, name, author, note, based_on=edition.id)
    except (editions.EditionError, ServiceDataError) as error:
        st.error(escape_markdown(error_text(error, lang)))
    else:
        _keep(edition.id, None)
        st.rerun()


def _summary(place: DeltaGenerator, changes: list[str], lang: str) -> None:
    """The edits not yet saved, beside the save button; user text as text."""
    text = escape_markdown(data_tables.pending_summary(changes, lang))
    if not changes:
        place.caption(text)
        return
    # Its key is the class the browser's "leave this page?" guard looks for.
    with place.container(key=session.UNSAVED_EDITS):
        st.markdown(f":material/edit_note: {text}")


def _discard_button(edition_id: str, lang: str) -> None:
    """Discarding loses work: a popover asks first."""
    with st.popover(t("edits_discard", lang), icon=":material/delete_sweep:"):
        st.write(t("edits_discard_confirm", lang))
        st.button(
            t("edits_discard_yes", lang),
            key=session.numbered(session.EDITOR, f"discard_{edition_id}"),
            on_click=discard_edits,
            args=(edition_id,),
            type="primary",
        )
