"""Scenario's: save the screen as a named scenario, and open, rename, copy or delete one."""

import pandas as pd
import streamlit as st

from igemo_data.store.scenarios import NameTaken, ScenarioError
from igemo_data.texts import error_text, escape_markdown, t
from igemo_data.ui import access, actions, frame, session
from igemo_data.ui.scenario_list import scenario_rows

ws = frame.setup("page_scenarios")
if actions.go_overview():
    st.switch_page("app.py")
st.title(t("page_scenarios", ws.lang))
st.write(t("scenarios_intro", ws.lang))

try:
    store = session.scenario_store()
except ScenarioError as error:
    st.error(f"{t('store_unusable', ws.lang)} {escape_markdown(error_text(error, ws.lang))}")
    st.stop()
if store.warning:
    st.warning(escape_markdown(store.warning_phrase.text(ws.lang)))

settings = session.current_settings()
base = session.scenario_base()
opened = store.get(base.scenario) if base.scenario else None

# --- Save ---------------------------------------------------------------------------------
st.header(t("save_title", ws.lang))
if access.require_change(ws.lang):
    if opened is not None and not settings.same_matrix(base.settings):
        actions.save_changes_button(opened, ws.lang)
    actions.ask_when_changed(ws.lang)
    with st.form("save_form", clear_on_submit=False, border=True):
        name = st.text_input(t("save_name", ws.lang), max_chars=120, key=session.SAVE_NAME)
        author = st.text_input(t("save_author", ws.lang), max_chars=120, key=session.SAVE_AUTHOR)
        note = st.text_area(t("save_note", ws.lang), max_chars=5000, key=session.SAVE_NOTE)
        submitted = st.form_submit_button(
            t("save_button", ws.lang), type="primary", icon=":material/save:"
        )
    if submitted:
        try:
            saved = actions.save_scenario(name, author, note)
            st.success(f"{t('saved', ws.lang)} {escape_markdown(saved.name)}")
        except NameTaken as taken:
            actions.keep_pending(name, author, note, taken.existing.version)
        except ScenarioError as error:
            st.error(escape_markdown(error_text(error, ws.lang)))
    if actions.pending():
        st.warning(t("name_taken", ws.lang))
        overwrite, cancel = st.columns(2)
        overwrite.button(
            t("overwrite", ws.lang),
            key=session.OVERWRITE,
            on_click=actions.overwrite_pending,
            type="primary",
        )
        cancel.button(
            t("cancel", ws.lang), key=session.CANCEL_SAVE, on_click=actions.cancel_pending
        )

# --- The list -----------------------------------------------------------------------------
st.header(t("saved_list", ws.lang))
scenarios = store.list()
if not scenarios:
    st.info(t("no_scenarios", ws.lang))
    st.stop()
st.dataframe(
    pd.DataFrame(scenario_rows(scenarios, ws.lang)),
    hide_index=True,
    width="stretch",
)
by_id = {s.id: s for s in scenarios}
chosen_id = st.selectbox(
    t("pick_scenario", ws.lang),
    list(by_id),
    format_func=lambda sid: by_id[sid].name,
    key=session.CHOSEN_SCENARIO,
)
chosen = by_id[chosen_id]
open_column, link_column = st.columns([1, 3], vertical_alignment="center")
open_column.button(
    t("open", ws.lang),
    key=session.OPEN_SCENARIO,
    on_click=actions.open_scenario,
    args=(chosen.id,),
    type="primary",
    icon=":material/open_in_browser:",
)
link_column.page_link(
    "app.py",
    label=t("scenario_link", ws.lang),
    icon=":material/link:",
    help=t("scenario_link_help", ws.lang),
    query_params={"scenario": chosen.id},
)
link_column.code(actions.scenario_address(st.context.url, chosen.id), language=None)

if access.can_change():
    rename_column, duplicate_column, delete_column = st.columns(3)
    with rename_column:
        new_name = st.text_input(
            t("new_name", ws.lang),
            value=chosen.name,
            key=session.numbered(session.RENAME, chosen.id),
        )
        st.button(
            t("rename", ws.lang),
            key=session.RENAME,
            on_click=actions.rename_scenario,
            args=(chosen.id, new_name),
            icon=":material/edit:",
        )
    with duplicate_column:
        copy_name = st.text_input(
            t("new_name", ws.lang),
            value=f"{chosen.name} {t('copy_suffix', ws.lang)}",
            key=session.numbered(session.DUPLICATE_NAME, f"{chosen.id}_{chosen.name}"),
        )
        st.button(
            t("duplicate", ws.lang),
            key=session.DUPLICATE,
            on_click=actions.duplicate_scenario,
            args=(chosen.id, copy_name),
            icon=":material/content_copy:",
        )
    with delete_column:
        actions.delete_button(
            actions.SCENARIO,
            chosen.id,
            ws.lang,
            delete=actions.delete_scenario,
            args=(chosen.id,),
            key=session.DELETE,
            question="delete_confirm",
        )
actions.show_flash()
