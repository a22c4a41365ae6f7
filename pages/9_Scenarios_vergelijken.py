"""Vergelijken: two scenarios (or a scenario and the plan) side by side, and what moved."""

import streamlit as st

from igemo_data import charts, workshop
from igemo_data.texts import t
from igemo_data.ui import comparisons, frame, session
from igemo_data.ui.compat import show_chart

ws = frame.setup("page_compare_scenarios")
st.title(t("page_compare_scenarios", ws.lang))
st.write(t("compare_scenarios_intro", ws.lang))

choices = comparisons.comparison_choices(ws.lang)
first_column, second_column = st.columns(2)
first = first_column.selectbox(
    t("compare_first", ws.lang),
    list(choices),
    format_func=choices.__getitem__,
    key=session.COMPARE_A,
)
second = second_column.selectbox(
    t("compare_second", ws.lang),
    list(choices),
    index=1,
    format_func=choices.__getitem__,
    key=session.COMPARE_B,
)
sides = []
for column, choice in ((first_column, first), (second_column, second)):
    settings = comparisons.settings_for(choice)
    table = comparisons.classify_settings(ws, settings)
    sides.append((choices[choice], settings, table))
    with column:
        show_chart(
            charts.portfolio_chart(
                table,
                settings,
                lang=ws.lang,
                title=choices[choice],
                # Two charts side by side must each fit half of a 1920 px projector.
                width=680,
                height=740,
                selectable=False,
            ),
            key=session.numbered(session.COMPARE_CHART, column is first_column),
            width="content",
        )

moves = workshop.shifts(sides[0][2], sides[1][2])
st.subheader(t("compare_moves", ws.lang))
if moves.empty:
    st.info(t("compare_no_moves", ws.lang))
else:
    st.metric(t("compare_count", ws.lang, count=len(moves)), len(moves), border=True)
    st.dataframe(workshop.moves_table(moves, ws.lang), hide_index=True, width="stretch")
comparisons.comparison_pdf_button(ws, sides, moves)
