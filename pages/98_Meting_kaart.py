"""A page holding only the horizon slider and the overview's quadrant chart: the bench's bound.

bench/slider_latency.py times a key press here beside the overview and the slider-only page
(pages/99_Meting.py): what a page costs that draws this chart and nothing else, with no shared
set-up, sidebar or side column. Not in the navigation; reach it at /Meting_kaart.
"""

import streamlit as st

from igemo_data import charts, page
from igemo_data.loading import load_services
from igemo_data.matrix import classify


@st.cache_resource(show_spinner=False)
def services():
    return load_services(page.DATA_PATH)


horizon = st.slider("Tijdshorizon", 0, 100, step=5, format="%d %%", key="horizon")
table = classify(services(), horizon=horizon / 100)
chart = charts.quadrant_chart(
    table, market_cut=1.5, need_cut=1.5, width=page.SCREEN_PLOT[0], height=page.SCREEN_PLOT[1]
)
page.show_chart(chart, key="chart", on_select="rerun", selection_mode="dienst", width="content")
