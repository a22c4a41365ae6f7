"""The workshop's end on screen: the minutes (Word, PDF) and the decision log (CSV, Excel).

Files are made only when a button is pressed, on a thread without the session: everything a
builder needs is taken now, and the log is read when the file is made, so it holds every
decision recorded until that click.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from igemo_data import decisions, spreadsheet
from igemo_data.charts.minutes_images import minutes_pictures
from igemo_data.minutes.content import Minutes, minutes
from igemo_data.minutes.pdf import pdf_bytes
from igemo_data.minutes.word import docx_bytes
from igemo_data.rounds import disagreement_order
from igemo_data.store import rounds
from igemo_data.store.decisions import default_store
from igemo_data.texts import t
from igemo_data.ui import session
from igemo_data.ui.downloads import Download, download_row, file_stem
from igemo_data.ui.frame import Workshop, edition_name
from igemo_data.ui.round_reveal import summary_at


def _log() -> list[decisions.Decision]:
    return default_store().all()


def round_disagreement(ws: Workshop) -> pd.DataFrame | None:
    """Where a scoring round was held on this edition (`rounds.held_for`): its disagreement
    list at the screen's settings, as the reveal shows it; None where none was."""
    store = rounds.default_store()
    held = rounds.held_for(store.list(), ws.settings.edition)
    if held is None:
        return None
    asked = ws.services[ws.services["id"].isin(set(held.services))].reset_index(drop=True)
    ordered = disagreement_order(summary_at(ws, asked, store.answers(held.code)))
    return ordered.loc[ordered["n"] > 0, ["id", "disagreement"]].reset_index(drop=True)


def workshop_minutes(ws: Workshop, table: pd.DataFrame, *, scenario: str) -> Minutes:
    """The minutes of the screen `ws` shows (`table` classified at its settings), today."""
    on = date.today()
    return minutes(
        lang=ws.lang,
        on=on,
        edition_name=edition_name(ws.settings.edition),
        scenario_name=scenario,
        settings=ws.settings,
        services=ws.services,
        baseline=ws.baseline(),
        table=table,
        log=_log(),
        disagreement=round_disagreement(ws),
        pictures=minutes_pictures(
            table,
            ws.settings,
            lang=ws.lang,
            scenario_name=scenario or edition_name(ws.settings.edition),
            on=on,
            ghosts=ws.ghosts(table),
        ),
    )


def minutes_section(ws: Workshop, table: pd.DataFrame) -> None:
    """ "Verslag en beslissingen": the minutes and the log, one click each."""
    st.subheader(t("decision_log_title", ws.lang))
    st.caption(t("decision_log_caption", ws.lang))
    base = session.scenario_base()
    found = session.stored_scenario(base.scenario) if base.scenario else None
    scenario = found.name if found is not None else ""
    lang = ws.lang

    def log_rows() -> pd.DataFrame:
        return decisions.log_table(_log(), lang)

    def build(writer) -> bytes:
        return writer(workshop_minutes(ws, table, scenario=scenario))

    today = f"{date.today():%Y-%m-%d}"
    with st.container(horizontal=True):
        download_row(
            [st, st],
            (
                Download("minutes_docx", "docx", lambda: build(docx_bytes)),
                Download("minutes_pdf", "pdf", lambda: build(pdf_bytes)),
            ),
            lang,
            stem=file_stem(f"{t('minutes_file', lang)}-{today}"),
            key=session.MINUTES,
        )
        download_row(
            [st, st],
            (
                Download(
                    "decision_log_csv", "csv", lambda: spreadsheet.csv_bytes(log_rows(), lang=lang)
                ),
                Download(
                    "decision_log_xlsx",
                    "xlsx",
                    lambda: spreadsheet.xlsx_bytes(log_rows(), lang=lang),
                ),
            ),
            lang,
            stem=file_stem(f"{t('decision_log_file', lang)}-{today}"),
            key=session.DECISION_LOG,
        )
