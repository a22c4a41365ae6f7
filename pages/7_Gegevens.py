"""Gegevens: the active edition as a table; download, upload, edit, and choose an edition.

Nothing changes the active data until an upload or an edit has passed every rule of the
loader and is saved as a new edition. Every text a user brought is shown through a table
(drawn as text) or through `escape_markdown`, never as HTML.
"""

import functools

import pandas as pd
import streamlit as st

from igemo_data import editions, page
from igemo_data.loading import ServiceDataError
from igemo_data.scenarios import PLAN_EDITION
from igemo_data.schema import DECISIONS, DOMAINS, SCORE_COLUMNS, SCORE_MAX, SCORE_MIN
from igemo_data.texts import decision_label, domain_label, escape_markdown, t

ws = page.setup("page_data")
lang = ws.lang
FLASH = "_data_flash"
UPLOADS = "_data_upload_round"  # a new uploader after a save, so the saved file is gone


def flash(kind: str, message: str) -> None:
    st.session_state.setdefault(FLASH, []).append((kind, message))


def activate(edition_id: str, name: str) -> None:
    st.session_state[editions.ACTIVE_KEY] = edition_id
    flash("success", t("edition_activated", lang, name=name))


def ask_delete(edition_id: str) -> None:
    st.session_state["_confirm_edition_delete"] = edition_id


def cancel_delete() -> None:
    st.session_state.pop("_confirm_edition_delete", None)


def delete(store: editions.EditionStore, edition_id: str) -> None:
    st.session_state.pop("_confirm_edition_delete", None)
    if not page.can_change():
        return
    try:
        store.delete(edition_id)
    except editions.EditionError as error:
        flash("error", str(error))
        return
    if editions.active_id(st.session_state) == edition_id:
        st.session_state[editions.ACTIVE_KEY] = PLAN_EDITION
    st.session_state.pop("chosen_edition", None)
    flash("success", t("deleted", lang))


def save_edition(services: pd.DataFrame, name: str, author: str, note: str, **origin: str):
    """Store a checked table as a new edition and make it the active one."""
    saved = store.save(name, services, author=author, note=note, **origin)
    st.session_state[editions.ACTIVE_KEY] = saved.id
    flash("success", t("edition_saved", lang, name=saved.name))
    return saved


def show_problems(message: str, error: ServiceDataError, rows: pd.DataFrame | None = None):
    st.error(message, icon=":material/block:")
    table = editions.problem_table(error, lang, rows)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=table_height(len(table), 720),
        row_height=ROW_HEIGHT,
    )


def difference_summary(active: pd.DataFrame, incoming: pd.DataFrame) -> None:
    """How an accepted table differs from the active data, names shown as text."""
    diff = editions.compare_editions(active, incoming)
    changed = len(set(diff.changed_scores["id"]) | set(diff.changed_texts["id"]))
    st.write(
        t(
            "compared_to_active",
            lang,
            added=len(diff.added),
            removed=len(diff.removed),
            changed=changed,
        )
    )
    for key, frame in (("named_added", diff.added), ("named_removed", diff.removed)):
        if len(frame):
            names = ", ".join(f"{row.code} {row.name}" for row in frame.itertuples())
            st.markdown(escape_markdown(t(key, lang, names=names)))
    changes = pd.concat([diff.changed_scores, diff.changed_texts], ignore_index=True)
    if len(changes):
        st.dataframe(
            editions.change_rows(changes, lang),
            hide_index=True,
            width="stretch",
            height=table_height(len(changes), 420),
            row_height=ROW_HEIGHT,
        )


# What a director looks for first stands left: the service, its scores, the plan's decision.
SHOWN_ORDER = (
    "code",
    "name",
    "domain",
    *SCORE_COLUMNS,
    "plan_decision",
    "plan_note",
    "cluster",
    "description",
    "id",
)
ROW_HEIGHT = editions.TABLE_ROW_HEIGHT
table_height = editions.table_height


def column_config(editable: bool) -> dict[str, object]:
    """Dutch headers over design §2's columns; drop-downs where the rules allow a few values."""

    def text(column: str, key: str, width: int, **extra: object):
        return st.column_config.TextColumn(t(key, lang), help=f"{column}", width=width, **extra)

    config: dict[str, object] = {
        "code": text("code", "field_code", 70, required=editable),
        "name": text("name", "field_name", 250, required=editable),
        "domain": text("domain", "field_domain", 130),
        "plan_decision": text("plan_decision", "field_plan_decision", 190),
        "plan_note": text("plan_note", "field_plan_note", 420),
        "cluster": text("cluster", "field_cluster", 210, required=editable),
        "description": text("description", "field_description", 260),
        "id": text("id", "field_id", 130, required=editable),
    }
    for column in SCORE_COLUMNS:
        config[column] = st.column_config.NumberColumn(
            t(f"short_{column}", lang),
            help=f"{t(f'field_{column}', lang)} ({column}), 1–2",
            width=150,
            min_value=SCORE_MIN if editable else None,
            max_value=SCORE_MAX if editable else None,
            required=editable,
        )
    if editable:
        # Drop-downs where the rules allow only a few values; the cell keeps the file's value.
        config["domain"] = st.column_config.SelectboxColumn(
            t("field_domain", lang),
            help="domain",
            width=130,
            options=list(DOMAINS),
            format_func=lambda d: domain_label(d, lang),
            required=True,
        )
        config["plan_decision"] = st.column_config.SelectboxColumn(
            t("field_plan_decision", lang),
            help="plan_decision",
            width=190,
            options=list(DECISIONS),
            format_func=lambda d: decision_label(d, lang),
        )
    return config


def readable(services: pd.DataFrame) -> pd.DataFrame:
    """The table as a director reads it: werkdomein and decision in words."""
    return services.assign(
        domain=[domain_label(d, lang) for d in services["domain"]],
        plan_decision=[decision_label(d, lang) for d in services["plan_decision"]],
    )


def for_editor(services: pd.DataFrame) -> pd.DataFrame:
    """The table for the editor: an empty decision is a missing value, which its drop-down has."""
    return services.assign(
        plan_decision=[d or None for d in services["plan_decision"]],
    )


# --- The active edition -------------------------------------------------------------------
st.title(t("page_data", lang))
st.write(t("data_intro", lang))

store = page.edition_store_or_stop(lang)
if store.warning:
    st.warning(escape_markdown(store.warning))
active = editions.resolve(store, editions.active_id(st.session_state), page.DATA_PATH)
if active.warning:
    st.warning(escape_markdown(active.warning))
    st.session_state[editions.ACTIVE_KEY] = PLAN_EDITION
edition = active.edition
services = active.services

for kind, message in st.session_state.pop(FLASH, []):
    getattr(st, kind)(escape_markdown(message))

heading, downloads = st.columns([3, 2], vertical_alignment="bottom")
with heading:
    st.subheader(escape_markdown(t("data_active", lang, name=edition.name)))
    created = (
        edition.created_at.astimezone().strftime("%d-%m-%Y %H:%M") if edition.created_at else ""
    )
    meta = t(
        "data_active_meta", lang, count=len(services), author=edition.author or "—", created=created
    )
    st.caption(escape_markdown(meta.removesuffix(" · ")))
with downloads:
    xlsx_column, csv_column = st.columns(2)
    xlsx_column.download_button(
        t("data_download_xlsx", lang),
        data=functools.partial(editions.to_xlsx_bytes, services, title=edition.name),
        file_name=editions.download_name(edition, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        type="primary",
        help=t("data_download_help", lang),
        on_click="ignore",
        key="download_xlsx",
        width="stretch",
    )
    csv_column.download_button(
        t("data_download_csv", lang),
        data=functools.partial(editions.to_csv_bytes, services),
        file_name=editions.download_name(edition, "csv"),
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="download_csv",
        width="stretch",
    )

# --- Upload -------------------------------------------------------------------------------
st.header(t("data_upload_title", lang))
may_change = page.require_change(lang)
round_ = st.session_state.setdefault(UPLOADS, 0)
uploaded = st.file_uploader(
    t("upload_label", lang),
    type=list(editions.UPLOAD_TYPES),
    max_upload_size=editions.MAX_UPLOAD_MB,
    key=f"upload_{round_}",
    disabled=not may_change,
)
page.upload_box_in_dutch(lang, editions.MAX_UPLOAD_MB)
st.caption(t("upload_help", lang, mb=editions.MAX_UPLOAD_MB))
if uploaded is not None and may_change:
    file_name = uploaded.name
    try:
        # The size first: a file over the limit is refused before it is read.
        editions.check_upload_size(uploaded.size, file_name)
        result = editions.validate_upload(uploaded.getvalue(), file_name)
    except ServiceDataError as error:
        show_problems(
            escape_markdown(t("upload_refused", lang, file=file_name, count=len(error.problems))),
            error,
        )
    else:
        st.success(
            escape_markdown(t("upload_accepted", lang, file=file_name, count=len(result.services))),
            icon=":material/check_circle:",
        )
        for warning in result.warnings:
            st.warning(escape_markdown(warning))
        difference_summary(services, result.services)
        with st.form(f"upload_form_{round_}", border=True):
            name_column, author_column, note_column = st.columns([2, 1, 2])
            # A default name once per file; a value= that changes would reset what was typed.
            name_key = f"upload_name_{uploaded.file_id}"
            st.session_state.setdefault(name_key, editions.suggested_name(file_name))
            name = name_column.text_input(
                t("save_name", lang), max_chars=editions.MAX_NAME, key=name_key
            )
            author = author_column.text_input(
                t("save_author", lang), max_chars=editions.MAX_NAME, key=f"upload_author_{round_}"
            )
            note = note_column.text_input(
                t("save_note", lang), max_chars=editions.MAX_TEXT, key=f"upload_note_{round_}"
            )
            submitted = st.form_submit_button(
                t("save_edition", lang), type="primary", icon=":material/save:"
            )
        if submitted:
            try:
                save_edition(
                    result.services, name, author, note, source=file_name, based_on=edition.id
                )
            except (editions.EditionError, ServiceDataError) as error:
                st.error(escape_markdown(str(error)))
            else:
                st.session_state[UPLOADS] = round_ + 1
                st.rerun()

# --- Editions -----------------------------------------------------------------------------
st.header(t("data_editions_title", lang))
st.write(t("editions_intro", lang))
known = store.list()
st.dataframe(
    editions.edition_rows(known, lang, active=edition.id),
    hide_index=True,
    width="stretch",
    height=table_height(len(known), 420),
    row_height=ROW_HEIGHT,
)
by_id = {e.id: e for e in known}
if st.session_state.get("chosen_edition") not in by_id:
    st.session_state["chosen_edition"] = edition.id
pick_column, activate_column, delete_column = st.columns([2, 1, 2], vertical_alignment="bottom")
chosen = by_id[
    pick_column.selectbox(
        t("edition_pick", lang),
        list(by_id),
        format_func=lambda eid: by_id[eid].name,
        key="chosen_edition",
    )
]
with activate_column:
    st.button(
        t("edition_activate", lang),
        key="activate_edition",
        on_click=activate,
        args=(chosen.id, chosen.name),
        type="primary",
        icon=":material/check_circle:",
        disabled=chosen.id == edition.id,
        help=t("edition_is_active", lang) if chosen.id == edition.id else None,
        width="stretch",
    )
with delete_column:
    if chosen.builtin:
        st.caption(t("edition_plan_fixed", lang))
    elif not may_change:
        st.caption(t("viewer_only", lang))
    elif st.session_state.get("_confirm_edition_delete") == chosen.id:
        st.warning(t("edition_delete_confirm", lang))
        yes, no = st.columns(2)
        yes.button(
            t("delete_yes", lang),
            key="delete_edition_yes",
            on_click=delete,
            args=(store, chosen.id),
            type="primary",
        )
        no.button(t("cancel", lang), key="delete_edition_cancel", on_click=cancel_delete)
    else:
        st.button(
            t("delete", lang),
            key="delete_edition",
            on_click=ask_delete,
            args=(chosen.id,),
            icon=":material/delete:",
        )

# --- The table, and editing it --------------------------------------------------------------
st.header(t("data_table_title", lang))
editing = st.toggle(t("data_tab_edit", lang), key="edit_mode", disabled=not may_change)
if not (editing and may_change):
    st.dataframe(
        readable(services),
        hide_index=True,
        width="stretch",
        height=table_height(len(services)),
        row_height=ROW_HEIGHT,
        column_order=SHOWN_ORDER,
        column_config=column_config(editable=False),
        placeholder="—",
    )
    st.stop()

st.write(t("edit_intro", lang))
with st.form(f"edit_form_{edition.id}", border=False):
    edited = st.data_editor(
        for_editor(services),
        key=f"editor_{edition.id}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=table_height(len(services) + 1),
        row_height=ROW_HEIGHT,
        column_order=SHOWN_ORDER,
        column_config=column_config(editable=True),
        placeholder="—",
    )
    name_column, author_column, note_column = st.columns([2, 1, 2])
    name_key = f"edit_name_{edition.id}"
    st.session_state.setdefault(name_key, editions.suggested_name(t("edit_default_name", lang)))
    edit_name = name_column.text_input(
        t("save_name", lang), max_chars=editions.MAX_NAME, key=name_key
    )
    edit_author = author_column.text_input(
        t("save_author", lang), max_chars=editions.MAX_NAME, key=f"edit_author_{edition.id}"
    )
    edit_note = note_column.text_input(
        t("save_note", lang), max_chars=editions.MAX_TEXT, key=f"edit_note_{edition.id}"
    )
    edit_submitted = st.form_submit_button(
        t("save_edition", lang), type="primary", icon=":material/save:"
    )
if edit_submitted:
    try:
        checked = editions.validate_edit(edited)
    except ServiceDataError as error:
        show_problems(t("edit_refused", lang, count=len(error.problems)), error, edited)
    else:
        if editions.compare_editions(services, checked.services).identical:
            st.info(t("edit_unchanged", lang))
        else:
            try:
                save_edition(
                    checked.services, edit_name, edit_author, edit_note, based_on=edition.id
                )
            except (editions.EditionError, ServiceDataError) as error:
                st.error(escape_markdown(str(error)))
            else:
                st.rerun()
