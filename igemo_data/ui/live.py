"""The live fragment: what a key press on a slider reruns, alone, and what it leaves behind.

On the pages a workshop uses while moving the sliders (the overview, the domain pages, Plan
versus matrix) the sliders are drawn inside a fragment, `live()`, together with what follows
from them: a key press reruns that fragment only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import streamlit as st

from igemo_data import spreadsheet, workshop
from igemo_data.charts import export
from igemo_data.texts import t
from igemo_data.ui import live_chart
from igemo_data.ui.downloads import Download, download_row, file_stem
from igemo_data.ui.frame import (
    SCREEN_PLOT,
    Frame,
    Workshop,
    draw_settings,
    frame,
    kept_workshop,
    screen_name,
    settings,
)
from igemo_data.ui.presentation import presentation, presenting


def live_page(
    page_key: str, body: Callable[[Workshop], None], *, domain: str | None = None
) -> None:
    """A page drawn from the settings: the sliders and `body(ws)` rerun together, alone.

    A key press on a slider reruns only this fragment, not the language, edition, navigation
    and access parts around it (design §1: the chart must follow the slider at once).
    """
    page_frame = frame(page_key, domain)
    if presenting():
        presentation(settings(page_frame))
        return
    live(page_frame, body)


@st.fragment
def live(page_frame: Frame, body: Callable[[Workshop], None]) -> None:
    """Run `body` with this session's settings, rerun alone whenever a widget of it changes."""
    live_chart.forget_pending()  # an interrupted run's charts are not this run's to build
    # The control before the chart: the chart's params bind to its inputs when it is drawn.
    draw_settings(page_frame)
    body(kept_workshop(page_frame))
    live_chart.flush()  # a live chart not built yet for these settings: built last


@dataclass
class Drawn:
    """What the screen shows now, for the downloads: their buttons may be drawn before it.

    A download's data is made on its own thread, without the session, when it is clicked; the
    buttons sit outside the fragment a slider reruns, so each rerun leaves its result here,
    as one tuple replaced whole, so a click never mixes two runs.
    """

    now: tuple[Workshop, pd.DataFrame, str, pd.DataFrame | None] | None = None

    def keep(self, ws: Workshop, table: pd.DataFrame, firmness: pd.DataFrame | None = None) -> None:
        """`firmness`: `sensitivity`'s table when "Toon hoe vast" is on (the slide shows it)."""
        self.now = (ws, table, screen_name(ws), firmness)


def export_buttons(drawn: Drawn, *, lang: str, key: str, domains: tuple[str, ...]) -> None:
    """Downloads for the board; files are made only when a button is pressed."""

    def spec() -> dict:
        ws, table, name, firmness = drawn.now
        return export.slide_spec(
            table,
            replace(ws.settings, domains=domains),
            lang=ws.lang,
            scenario_name=name,
            on=date.today(),
            ghosts=ws.ghosts(table),
            firmness=firmness,
        )

    def rows() -> pd.DataFrame:
        ws, table, *_ = drawn.now
        return workshop.scenario_table(table, ws.settings.overrides, ws.lang)

    def pack() -> bytes:
        ws, _, name, _ = drawn.now
        shown = replace(ws, settings=replace(ws.settings, domains=domains or ws.settings.domains))
        return live_chart.board_pack(shown, name, size=SCREEN_PLOT, on=date.today())

    stem = file_stem(f"strategiekaart-{drawn.now[2]}-{'-'.join(domains).lower()}")
    st.subheader(t("export_title", lang))
    st.caption(t("export_caption", lang))
    downloads = (
        Download("export_png", "png", lambda: export.png(spec())),
        Download("export_svg", "svg", lambda: export.svg(spec())),
        Download("export_pdf", "pdf", lambda: export.pdf(spec())),
        Download("export_csv", "csv", lambda: spreadsheet.csv_bytes(rows(), lang=lang)),
        Download("export_xlsx", "xlsx", lambda: spreadsheet.xlsx_bytes(rows(), lang=lang)),
        Download("export_html", "html", pack),
    )
    download_row(st.columns(len(downloads)), downloads, lang, stem=stem, key=key)
