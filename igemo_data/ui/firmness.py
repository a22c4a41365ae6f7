"""How firm each placement is, on screen: the charts' "Toon hoe vast" (the page Gevoeligheid
is `ui.firmness_page`).

Both compute `sensitivity` over the whole edition at the screen's settings and then keep the
werkdomeinen shown: the draws of a service then do not depend on which page asks, so the
overview, a werkdomein page and the table all give it the same chance.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from igemo_data.firmness import DEFAULT_UNCERTAINTY, sensitivity
from igemo_data.texts import decimal, t
from igemo_data.ui import session
from igemo_data.ui.frame import Workshop


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


def firmness_toggle(lang: str, column) -> bool:
    """ "Toon hoe vast" beside a quadrant chart, kept across pages and in the link like the
    arrows (a settings widget: `session.restore_settings` puts its kept value back)."""
    return column.toggle(
        t("firmness_toggle", lang),
        key=session.FIRMNESS,
        on_change=session.keep_setting,
        args=(session.FIRMNESS,),
        help=t("firmness_toggle_help", lang),
    )


def firmness_caption(lang: str) -> None:
    shown = decimal(kept_uncertainty(), lang, trim=True)
    st.caption(t("firmness_caption", lang, uncertainty=shown))
