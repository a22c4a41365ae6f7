"""Strategiekaart: the whole portfolio on the Harrigan matrix, with what-ifs per service.

A key press on a slider reruns only `live_parts`: the chart and what follows from the
settings. Titles, toggles, search, downloads and help are drawn by the full run around it.
"""

import streamlit as st

from igemo_data import page, workshop
from igemo_data.texts import t

frame = page.frame("page_overview")
lang = frame.lang
if page.presenting():
    page.presentation(page.settings(frame))
    st.stop()

st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))
arrows_column, present_column = st.columns(2)
arrows = arrows_column.toggle(
    t("arrows_toggle", lang), key="arrows", on_change=page.keep_setting, args=("arrows",)
)
present_column.toggle(
    t("present_toggle", lang), key="present", on_change=page.keep_setting, args=("present",)
)
chart_column, side_column = st.columns(page.SCREEN_COLUMNS, gap="large")
# Search and what-if sit beside the chart, so using them never scrolls it out of view.
with side_column:
    found = page.search_box(
        lang, workshop.only_domains(frame.services, page.chosen_domains()), key="chart_overview"
    )
    page.counts_heading(lang)
shifts = st.container()
with shifts:
    page.shift_heading(lang)
overrides = st.container()
with overrides:
    page.override_heading(lang)
drawn = page.Drawn()


def live_parts(ws: page.Workshop) -> None:
    table = workshop.only_domains(ws.classify(), ws.domains)
    with chart_column:  # first: the chart is what the room watches
        page.quadrant_chart(ws, table, key="chart_overview", arrows=arrows, found=found)
    with side_column:
        page.quadrant_counts(ws, table)
        page.what_if_panel(ws, table)
    with shifts:
        page.shift_list(ws, table)
    with overrides:
        page.override_list(ws)
    drawn.keep(ws, table)


page.live(frame, live_parts)
with chart_column:
    page.chart_caption(lang)
    if arrows:
        st.caption(t("arrows_caption", lang))
page.export_buttons(drawn, lang=lang, key="export_overview", domains=page.chosen_domains())
page.help_text(lang)
