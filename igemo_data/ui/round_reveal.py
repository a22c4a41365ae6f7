"""The reveal of a scoring round: the room's matrix, where the board disagrees, the answers.

Drawn inside the page's live fragment (`ui.live`), so the horizon and cut sliders move the
round's chart as they move every chart, and picking a service in the list reruns only this.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from igemo_data import spreadsheet
from igemo_data.charts import export
from igemo_data.charts.round_chart import answers_dot_plot, round_chart, round_slide_spec
from igemo_data.rounds import disagreement_order, round_summary, shares_text, spread_change
from igemo_data.schema import SCORE_COLUMNS
from igemo_data.store import editions, rounds
from igemo_data.store.editions import EditionError
from igemo_data.texts import error_text, escape_markdown, t
from igemo_data.texts.formatting import format_score, percent
from igemo_data.ui import session
from igemo_data.ui.compat import show_chart
from igemo_data.ui.downloads import Download, download_row, file_stem
from igemo_data.ui.frame import DATA_PATH, Workshop

# px: beside the list on a 1920×1080 projector with the sidebar open, the cut values included
PLOT = (700, 560)
LIST_HEIGHT = 380  # px of the disagreement list before it scrolls


def asked_services(found: rounds.Round) -> pd.DataFrame:
    """The round's services from the round's own edition, in the edition's order."""
    services = editions.default_store(DATA_PATH).services(found.edition)
    return services[services["id"].isin(set(found.services))].reset_index(drop=True)


def summary_at(ws: Workshop, services: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    settings = ws.settings
    return round_summary(
        services,
        answers,
        horizon=settings.horizon,
        market_cut=settings.market_cut,
        need_cut=settings.need_cut,
    )


def reveal(ws: Workshop, found: rounds.Round) -> None:
    """Chart and disagreement list side by side, then the answers of the chosen service."""
    lang = ws.lang
    try:
        services = asked_services(found)
    except EditionError as error:
        st.error(escape_markdown(error_text(error, lang)))
        return
    store = rounds.default_store()
    answers = store.answers(found.code)
    summary = summary_at(ws, services, answers)
    chart_column, list_column = st.columns([5, 3], gap="medium")
    with chart_column:
        chart = round_chart(
            summary,
            services,
            ws.settings,
            lang=lang,
            width=PLOT[0],
            height=PLOT[1],
            on_screen=True,
        )
        show_chart(chart, key=session.ROUND_CHART, width="content")
        st.caption(t("round_chart_caption", lang))
    with list_column:
        chosen = disagreement_list(summary, services, lang)
        if chosen:
            dot_plot(answers, services, chosen, show_names=found.show_names, lang=lang)
    if found.previous:
        comparison(ws, found, services, summary)
    exports(ws, found, services, summary, answers)


def disagreement_list(summary: pd.DataFrame, services: pd.DataFrame, lang: str) -> str | None:
    """ "Waar het bestuur het oneens is": the services by disagreement, with their shares."""
    st.subheader(t("round_disagreement_title", lang))
    ordered = disagreement_order(summary)
    ordered = ordered[ordered["n"] > 0]
    if not len(ordered):
        st.info(t("round_no_answers_yet", lang))
        return None
    named = services.set_index("id")
    ids = list(ordered["id"])
    rows = {row.id: row._asdict() for row in ordered.itertuples(index=False)}
    divided = t("round_divided", lang)

    def label(service_id: str) -> str:
        # Only what never changes: the browser sends the chosen label back, and a label that
        # changed meanwhile (a new answer) would no longer name its service.
        return escape_markdown(f"{named.loc[service_id, 'code']} {named.loc[service_id, 'name']}")

    def caption(service_id: str) -> str:
        flag = f"{divided}: " if rows[service_id]["divided"] else ""
        return escape_markdown(f"{flag}{shares_text(rows[service_id], lang)}")

    if st.session_state.get(session.ROUND_PICK) not in ids:
        st.session_state[session.ROUND_PICK] = ids[0]
    # About 56 px an entry (name and shares): a short list takes only its room.
    height = min(LIST_HEIGHT, 56 * len(ids) + 24)
    with st.container(height=height, key=session.ROUND_LIST):
        return st.radio(
            t("round_pick_service", lang),
            ids,
            format_func=label,
            captions=[caption(sid) for sid in ids],
            key=session.ROUND_PICK,
            label_visibility="collapsed",
        )


def dot_plot(
    answers: pd.DataFrame, services: pd.DataFrame, service_id: str, *, show_names: bool, lang: str
) -> None:
    service = services.set_index("id").loc[service_id]
    st.markdown(
        f"**{escape_markdown(t('round_answers_of', lang, code=service['code'], name=service['name']))}**"
    )
    chosen = answers[answers["service_id"] == service_id]
    show_chart(
        answers_dot_plot(chosen, lang=lang, show_names=show_names, width=380),
        key=session.ROUND_DOTS,
        width="content",
    )


def comparison(ws: Workshop, found: rounds.Round, services: pd.DataFrame, after: pd.DataFrame):
    """A second round: per service the spread of the first round beside this one's."""
    before = summary_at(ws, services, rounds.default_store().answers(found.previous))
    change = spread_change(before, after).join(services.set_index("id")[["code", "name"]], on="id")
    table = pd.DataFrame(
        {
            t("field_code", ws.lang): change["code"],
            t("field_name", ws.lang): change["name"],
            t("round_disagreement_before", ws.lang): change["disagreement_before"].map(
                lambda v: f"{percent(v)} %" if pd.notna(v) else ""
            ),
            t("round_disagreement_after", ws.lang): change["disagreement"].map(
                lambda v: f"{percent(v)} %"
            ),
            t("round_width_before", ws.lang): change["width_before"].map(
                lambda v: format_score(v, ws.lang)
            ),
            t("round_width_after", ws.lang): change["width_after"].map(
                lambda v: format_score(v, ws.lang)
            ),
        }
    )
    st.subheader(t("round_comparison_title", ws.lang))
    st.dataframe(table, hide_index=True, key=session.ROUND_COMPARISON)


def answers_table(
    answers: pd.DataFrame, services: pd.DataFrame, *, show_names: bool, lang: str
) -> pd.DataFrame:
    """Every answer as a spreadsheet shows it: participant, (name,) service, the four scores."""
    named = services.set_index("id")
    table = pd.DataFrame({t("round_col_participant", lang): answers["participant"]})
    if show_names:
        table[t("round_col_name", lang)] = answers["name"]
    table[t("field_code", lang)] = answers["service_id"].map(named["code"])
    table[t("field_name", lang)] = answers["service_id"].map(named["name"])
    for column in SCORE_COLUMNS:
        table[t(f"field_{column}", lang)] = answers[column]
    return table.reset_index(drop=True)


def exports(ws, found, services, summary, answers) -> None:
    """The answers (CSV/XLSX through the one formula neutraliser) and the chart as a slide."""
    lang = ws.lang
    settings, title = ws.settings, found.title

    def spec() -> dict:  # made only when a button is pressed
        return round_slide_spec(
            summary, services, settings, lang=lang, title=title, on=date.today()
        )

    table = answers_table(answers, services, show_names=found.show_names, lang=lang)
    downloads = (
        Download("export_png", "png", lambda: export.png(spec())),
        Download("export_pdf", "pdf", lambda: export.pdf(spec())),
        Download("round_export_csv", "csv", lambda: spreadsheet.csv_bytes(table, lang=lang)),
        Download("round_export_xlsx", "xlsx", lambda: spreadsheet.xlsx_bytes(table, lang=lang)),
    )
    st.subheader(t("export_title", lang))
    stem = file_stem(f"scoreronde-{found.title}-{found.code}")
    download_row(st.columns(len(downloads)), downloads, lang, stem=stem, key=session.EXPORT_ROUND)
