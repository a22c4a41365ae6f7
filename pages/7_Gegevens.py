"""Gegevens: the active edition as a table; download, upload, edit, and choose an edition.

Nothing changes the active data until an upload or an edit has passed every rule of the
loader and is saved as a new edition. Every text a user brought is shown through a table
(drawn as text) or through `escape_markdown`, never as HTML.
"""

import streamlit as st

from igemo_data.texts import t
from igemo_data.ui import access, actions, data_page, data_tables, frame, session

ws = frame.setup("page_data")
lang = ws.lang

# --- The active edition -------------------------------------------------------------------
st.title(t("page_data", lang))
st.write(t("data_intro", lang))
store, edition, services = data_page.active_edition(lang)
actions.show_flash()
data_page.heading(edition, services, lang)

# --- Upload -------------------------------------------------------------------------------
st.header(t("data_upload_title", lang))
may_change = access.require_change(lang)
data_page.upload(store, edition, services, lang, may_change)

# --- Editions -----------------------------------------------------------------------------
st.header(t("data_editions_title", lang))
st.write(t("editions_intro", lang))
data_page.edition_list(store, edition, lang, may_change)

# --- The table, and editing it --------------------------------------------------------------
st.header(t("data_table_title", lang))
data_page.keep_editing(store, edition.id)  # edits not yet saved: the editor is back, with them
editing = st.toggle(t("data_tab_edit", lang), key=session.EDIT_MODE, disabled=not may_change)
if editing and may_change:
    data_page.edit(store, edition, services, lang)
else:
    data_tables.show_services(services, lang)
