"""Scoreronde: every director scores on their own phone, the map shows the room.

The facilitator opens a round, shows its QR code, watches the answers come in and reveals
the room's matrix with "Waar het bestuur het oneens is" beside it; the horizon and cut
sliders work on it as on every chart. Participants answer at `/?ronde=CODE` (app.py).
What the projector shows comes first, under the title: the way in before the reveal, the
room's matrix after it; choosing and steering the round follows below.
"""

import streamlit as st

from igemo_data.texts import t
from igemo_data.ui import actions, compat, live, round_facilitator, round_reveal
from igemo_data.ui.frame import draw_settings, frame

page_frame = frame("page_round")
lang = page_frame.lang
compat.chart_first()
st.title(t("page_round", lang))
actions.show_flash()
store = round_facilitator.store_or_stop(lang)
stage = st.container()
round_facilitator.open_round_form(store, lang)
found = round_facilitator.chosen_round(store, lang)
if found is None:
    with stage:
        st.caption(t("round_page_caption", lang))
    draw_settings(page_frame)
    st.stop()

with stage:
    if found.revealed:
        live.live(page_frame, lambda ws: round_reveal.reveal(ws, found))
    else:
        st.caption(t("round_page_caption", lang))
    round_facilitator.join_panel(found, lang)
    round_facilitator.live_counts(found.code, len(found.services), lang)
round_facilitator.round_actions(store, found, lang)
if found.revealed:
    st.subheader(t("round_settle_title", lang))
    round_facilitator.settle_form(found, lang)
else:
    st.info(t("round_not_revealed", lang))
    draw_settings(page_frame)
