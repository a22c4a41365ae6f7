"""A page holding only the horizon slider and the overview's quadrant chart: the bench's bound.

bench/slider_latency.py times a key press here beside the overview and the slider-only page
(99_Meting.py): what a page costs that draws this chart and nothing else, with no shared
set-up, sidebar or side column. Served only by the bench's own app (bench/common.py:
`bench_app`), at /Meting_kaart; never a route of the workshop's app.
"""

import streamlit as st

from igemo_data import charts, url_state
from igemo_data.loading import load_services
from igemo_data.matrix import classify_with
from igemo_data.settings import Settings
from igemo_data.ui.compat import show_chart
from igemo_data.ui.frame import DATA_PATH, SCREEN_PLOT


@st.cache_resource(show_spinner=False)
def services():
    return load_services(DATA_PATH)


horizon = st.slider("Tijdshorizon", 0, 100, step=5, format="%d %%", key="horizon")
settings = Settings(horizon=url_state.horizon_fraction(horizon))
table = classify_with(services(), settings)
chart = charts.quadrant_chart(table, settings, width=SCREEN_PLOT[0], height=SCREEN_PLOT[1])
show_chart(chart, key="chart", on_select="rerun", selection_mode="dienst", width="content")
