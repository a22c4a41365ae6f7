"""Scoreronde: every director scores on their own phone, the map shows the room.

The facilitator opens a round, shows its QR code, watches the answers come in and reveals
the room's matrix with "Waar het bestuur het oneens is" beside it; the horizon and cut
sliders work on it as on every chart. Participants answer at `/?ronde=CODE` (app.py).
"""

import streamlit as st

from igemo_data.texts import t
from igemo_data.ui import actions, live, round_facilitator, round_reveal
from igemo_data.ui.frame import draw_settings, frame

page_frame = frame("page_round")
lang = page_frame.lang
st.title(t("page_round", lang))
st.caption(t("round_page_caption", lang))
actions.show_flash()
store = round_facilitator.store_or_stop(lang)
round_facilitator.open_round_form(store, lang)
found = round_facilitator.chosen_round(store, lang)
if found is None:
    draw_settings(page_frame)
    st.stop()

if found.revealed:  # the room's matrix first: it is what the projector shows
    live.live(page_frame, lambda ws: round_reveal.reveal(ws, found))
round_facilitator.join_panel(found, lang)
round_facilitator.live_counts(found.code, len(found.services), lang)
round_facilitator.round_actions(store, found, lang)
if found.revealed:
    st.subheader(t("round_settle_title", lang))
    round_facilitator.settle_form(found, lang)
else:
    st.info(t("round_not_revealed", lang))
    draw_settings(page_frame)
