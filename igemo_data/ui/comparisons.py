"""Comparing two scenarios (or a scenario and the plan): the choices and the board's PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from igemo_data import url_state, workshop
from igemo_data.charts import export
from igemo_data.matrix import classify_with
from igemo_data.settings import Settings
from igemo_data.store.scenarios import ScenarioError
from igemo_data.texts import domain_label, error_text, escape_markdown, quadrant_label, t
from igemo_data.ui import compat, session
from igemo_data.ui.downloads import Download, download_button, file_stem
from igemo_data.ui.frame import Workshop

PLAN_CHOICE = "plan"
CURRENT_CHOICE = "current"


def comparison_choices(lang: str) -> dict[str, str]:
    """What can be compared: the plan, the screen as it is, and every saved scenario."""
    choices = {PLAN_CHOICE: t("plan_baseline", lang), CURRENT_CHOICE: t("compare_current", lang)}
    try:
        for scenario in session.scenario_store().list():
            choices[scenario.id] = scenario.name
    except ScenarioError as error:
        st.warning(escape_markdown(error_text(error, lang)))
    return choices


def settings_for(choice: str) -> Settings:
    if choice == CURRENT_CHOICE:
        return session.current_settings()
    found = session.stored_scenario(choice) if choice != PLAN_CHOICE else None
    link = url_state.from_scenario(found.id, found.settings) if found else url_state.DEFAULTS
    return link.settings


def classify_settings(ws: Workshop, settings: Settings) -> pd.DataFrame:
    """The services placed as `settings` place them, limited to the sidebar's werkdomeinen."""
    known = set(ws.services["id"])
    overrides = {k: v for k, v in settings.overrides.items() if k in known}
    table = classify_with(ws.services, replace(settings, overrides=overrides))
    return workshop.only_domains(table, ws.settings.domains)


def comparison_pdf_button(ws: Workshop, sides, moves: pd.DataFrame) -> None:
    """The one-page PDF for the board, made only when the button is pressed."""
    (name_a, settings_a, table_a), (name_b, settings_b, table_b) = sides

    def data() -> bytes:
        return export.comparison_pdf(
            table_a,
            table_b,
            moves,
            settings=(settings_a, settings_b),
            names=(name_a, name_b),
            lang=ws.lang,
            on=date.today(),
        )

    download_button(
        st,
        Download("compare_pdf", "pdf", data),
        ws.lang,
        file_name=f"{file_stem(f'vergelijking-{name_a}-{name_b}')}.pdf",
        key=session.COMPARE_PDF,
        type="primary",
    )


# --- Comparing two editions ----------------------------------------------------------------


def service_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Services as the comparison lists them: code, name, werkdomein, quadrant."""
    return pd.DataFrame(
        {
            t("field_code", lang): frame["code"],
            t("field_name", lang): frame["name"],
            t("field_domain", lang): [domain_label(d, lang) for d in frame["domain"]],
            t("field_quadrant", lang): [quadrant_label(q, lang) for q in frame["quadrant"]],
        }
    )


def move_table(moves: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The services that changed quadrant between two editions, from → to."""
    return pd.DataFrame(
        {
            t("field_code", lang): moves["code"],
            t("field_name", lang): moves["name"],
            t("field_from", lang): [quadrant_label(q, lang) for q in moves["quadrant_from"]],
            t("field_to", lang): [quadrant_label(q, lang) for q in moves["quadrant_to"]],
        }
    )


def show_table(frame: pd.DataFrame, lang: str) -> None:
    """A comparison's table, or a line saying there is nothing in it."""
    if frame.empty:
        st.caption(t("compare_none", lang))
    else:
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            height=compat.table_height(len(frame)),
            row_height=compat.TABLE_ROW_HEIGHT,
        )
