"""Strategiekaart: the whole portfolio on the Harrigan matrix, with what-ifs per service.

A key press on a slider reruns only `live_parts`: the chart and what follows from the
settings. Titles, toggles, search, downloads and help are drawn by the full run around it.
"""

import streamlit as st

from igemo_data import workshop
from igemo_data.round_link import QUERY_KEY
from igemo_data.texts import t
from igemo_data.ui import compat, decision_form, live, panels, session
from igemo_data.ui.firmness import firmness_caption, firmness_of, firmness_toggle
from igemo_data.ui.frame import SCREEN_COLUMNS, SCREEN_GAP, Workshop, frame, settings
from igemo_data.ui.presentation import presentation, presenting
from igemo_data.ui.round_participant import participant_view

if QUERY_KEY in st.query_params:  # a participant's phone in a scoring round: nothing else
    participant_view(st.query_params[QUERY_KEY])
    st.stop()

page_frame = frame("page_overview")
lang = page_frame.lang
if presenting():
    presentation(settings(page_frame))
    st.stop()

compat.chart_first()
st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))
# The chart is the page: right under the title, the toggles, search and what-if beside it, so
# using them never scrolls it out of view.
chart_column, side_column = st.columns(SCREEN_COLUMNS, gap=SCREEN_GAP)
with side_column:
    toggles = compat.tight_container(session.CHART_TOGGLES)
    arrows, only_moves = panels.arrow_toggles(lang, toggles)
    firm = firmness_toggle(lang, toggles)
    decisions = decision_form.decision_toggle(lang, toggles)
    toggles.toggle(
        t("present_toggle", lang),
        key=session.PRESENT,
        on_change=session.keep_setting,
        args=(session.PRESENT,),
    )
    found = panels.search_box(
        lang,
        workshop.only_domains(page_frame.services, session.chosen_domains()),
        key=session.OVERVIEW_CHART,
    )
    panels.counts_heading(lang)
shifts = st.container()
with shifts:
    panels.shift_heading(lang)
overrides = st.container()
with overrides:
    panels.override_heading(lang)
drawn = live.Drawn()


def live_parts(ws: Workshop) -> None:
    table = workshop.only_domains(ws.classify(), ws.settings.domains)
    firmness = firmness_of(ws, table) if firm else None
    with chart_column:  # first: the chart is what the room watches
        panels.quadrant_chart(
            ws,
            table,
            key=session.OVERVIEW_CHART,
            arrows=arrows,
            only_moves=only_moves,
            found=found,
            firmness=firmness,
            decisions=decisions,
        )
    with side_column:
        panels.quadrant_counts(ws, table)
        panels.what_if_panel(ws, table)
    with shifts:
        panels.shift_list(ws, table)
    with overrides:
        panels.override_list(ws)
    drawn.keep(ws, table, firmness)


live.live(page_frame, live_parts)
with chart_column:
    panels.chart_caption(lang)
    if arrows:
        st.caption(t("arrows_caption", lang))
    if firm:
        firmness_caption(lang)
live.export_buttons(drawn, lang=lang, key=session.EXPORT_OVERVIEW, domains=session.chosen_domains())
panels.help_text(lang)
