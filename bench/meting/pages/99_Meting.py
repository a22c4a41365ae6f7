"""A page holding only one slider: the floor that bench/slider_latency.py compares the map with.

It calls no shared set-up on purpose, so a key press here costs only Streamlit's own round trip.
Served only by the bench's own app (bench/common.py: `bench_app`), at /Meting.
"""

import streamlit as st

value = st.slider("Meting", 0, 100, step=5, key="horizon")
st.write(value)
