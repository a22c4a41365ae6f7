"""How firm each placement is, on screen: the page Gevoeligheid and the charts' "Toon hoe vast".

Both compute `sensitivity` over the whole edition at the screen's settings and then keep the
werkdomeinen shown: the draws of a service then do not depend on which page asks, so the
overview, a werkdomein page and the table all give it the same chance.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from igemo_data import spreadsheet, workshop
from igemo_data.charts.firmness_table import firmness_table
from igemo_data.firmness import DEFAULT_UNCERTAINTY, sensitivity
from igemo_data.firmness_words import export_table, firmness_rows
from igemo_data.texts import decimal, score_slider_format, t
from igemo_data.ui import session
from igemo_data.ui.compat import show_chart
from igemo_data.ui.downloads import Download, download_row, file_stem
from igemo_data.ui.frame import Workshop, screen_name
from igemo_data.ui.live import live_page

UNCERTAINTY_RANGE = (0.0, 0.3, 0.05)  # the slider's least, most and step (issue 15)
# One row per service is 56 px: a table of thousands helps nobody; the downloads hold all.
TABLE_ROWS_MAX = 100


def kept_uncertainty() -> float:
    """The uncertainty last chosen on Gevoeligheid (0,1 until then), for the page and toggle."""
    return float(st.session_state.get(session.shadow(session.UNCERTAINTY), DEFAULT_UNCERTAINTY))


def firmness_of(ws: Workshop, shown: pd.DataFrame | None = None) -> pd.DataFrame:
    """`sensitivity` at the screen's settings, for the services in `shown` (default: all)."""
    settings = ws.settings
    table = sensitivity(
        ws.services,
        horizon=settings.horizon,
        market_cut=settings.market_cut,
        need_cut=settings.need_cut,
        overrides=settings.overrides,
        uncertainty=kept_uncertainty(),
    )
    if shown is None:
        return table
    kept = table[table["id"].isin(set(shown["id"]))].reset_index(drop=True)
    kept.attrs = dict(table.attrs)
    return kept


def _keep(key: str) -> None:
    st.session_state[session.shadow(key)] = st.session_state[key]


def firmness_toggle(lang: str, column) -> bool:
    """ "Toon hoe vast" beside a quadrant chart, kept across pages like the arrows."""
    st.session_state[session.FIRMNESS] = bool(
        st.session_state.get(session.shadow(session.FIRMNESS), False)
    )
    return column.toggle(
        t("firmness_toggle", lang),
        key=session.FIRMNESS,
        on_change=_keep,
        args=(session.FIRMNESS,),
        help=t("firmness_toggle_help", lang),
    )


def firmness_caption(lang: str) -> None:
    shown = decimal(kept_uncertainty(), lang, trim=True)
    st.caption(t("firmness_caption", lang, uncertainty=shown))


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
        on_change=_keep,
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
