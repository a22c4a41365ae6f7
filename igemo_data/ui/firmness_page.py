"""The page Gevoeligheid: how firm each service sits in its quadrant, as a table with downloads.

It computes with `ui.firmness` (the same draws as the charts' "Toon hoe vast").
"""

from __future__ import annotations

import streamlit as st

from igemo_data import spreadsheet, workshop
from igemo_data.charts.firmness_table import firmness_table
from igemo_data.firmness_words import export_table, firmness_rows
from igemo_data.texts import score_slider_format, t
from igemo_data.ui import session
from igemo_data.ui.compat import show_chart
from igemo_data.ui.downloads import Download, download_row, file_stem
from igemo_data.ui.firmness import firmness_of, kept_uncertainty
from igemo_data.ui.frame import Workshop, screen_name
from igemo_data.ui.live import live_page

UNCERTAINTY_RANGE = (0.0, 0.3, 0.05)  # the slider's least, most and step (issue 15)
# One row per service is 56 px: a table of thousands helps nobody; the downloads hold all.
TABLE_ROWS_MAX = 100


def firmness_page() -> None:
    live_page("page_firmness", _body)


def _body(ws: Workshop) -> None:
    lang = ws.lang
    st.title(t("page_firmness", lang))
    st.caption(t("firmness_intro", lang))
    low, high, step = UNCERTAINTY_RANGE
    st.session_state[session.UNCERTAINTY] = kept_uncertainty()
    st.slider(
        t("firmness_uncertainty", lang),
        min_value=low,
        max_value=high,
        step=step,
        format=score_slider_format(lang),
        help=t("firmness_uncertainty_help", lang),
        key=session.UNCERTAINTY,
        on_change=session.keep_setting,
        args=(session.UNCERTAINTY,),
        width=420,
    )
    shown = workshop.only_domains(ws.services, ws.settings.domains)
    table = firmness_of(ws, shown)
    rows = firmness_rows(table, shown.reset_index(drop=True), ws.settings, lang)
    drawn = rows.head(TABLE_ROWS_MAX)
    show_chart(firmness_table(drawn, lang), key=session.FIRMNESS_TABLE, width="content")
    if len(rows) > len(drawn):
        st.caption(t("firmness_more", lang, shown=len(drawn), count=len(rows)))
    st.caption(t("firmness_table_caption", lang))
    exported = export_table(rows, lang)
    stem = file_stem(f"gevoeligheid-{screen_name(ws)}")
    downloads = (
        Download("export_csv", "csv", lambda: spreadsheet.csv_bytes(exported, lang=lang)),
        Download("export_xlsx", "xlsx", lambda: spreadsheet.xlsx_bytes(exported, lang=lang)),
    )
    download_row(st.columns(4)[:2], downloads, lang, stem=stem, key=session.EXPORT_FIRMNESS)
    with st.expander(t("firmness_help_title", lang), icon=":material/help:"):
        st.markdown(t("firmness_help_body", lang))
