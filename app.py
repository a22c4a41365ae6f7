"""Strategiekaart: the whole portfolio on the Harrigan matrix, with what-ifs per service."""

import streamlit as st

from igemo_data import page, workshop
from igemo_data.texts import t

ws = page.setup("page_overview")
if page.presenting():
    page.presentation(ws)
    st.stop()

st.title(t("app_title", ws.lang))
st.caption(t("app_subtitle", ws.lang))

table = workshop.only_domains(ws.classify(), ws.domains)
arrows_column, present_column = st.columns(2)
arrows = arrows_column.toggle(
    t("arrows_toggle", ws.lang), key="arrows", on_change=page.keep_setting, args=("arrows",)
)
present_column.toggle(
    t("present_toggle", ws.lang), key="present", on_change=page.keep_setting, args=("present",)
)
chart_column, side_column = st.columns(page.SCREEN_COLUMNS, gap="large")
with side_column:
    # Search and what-if sit beside the chart, so using them never scrolls it out of view.
    found = page.search_box(ws, table, key="chart_overview")
    page.quadrant_counts(ws, table)
    page.what_if_panel(ws, table)
with chart_column:
    page.quadrant_chart(ws, table, key="chart_overview", arrows=arrows, found=found)
    if arrows:
        st.caption(t("arrows_caption", ws.lang))

page.shift_list(ws, table)
page.override_list(ws)
page.export_buttons(ws, table, key="export_overview", domains=ws.domains)
page.help_text(ws)
