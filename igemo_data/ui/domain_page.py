"""The pages a slider reruns besides the overview: a werkdomein's, and Plan versus matrix."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from igemo_data import charts, workshop
from igemo_data.texts import decision_label, domain_label, percent, quadrant_label, t
from igemo_data.ui import compat, session
from igemo_data.ui.compat import show_chart
from igemo_data.ui.decision_form import decision_section, decision_toggle
from igemo_data.ui.firmness import firmness_caption, firmness_of, firmness_toggle
from igemo_data.ui.frame import SCREEN_COLUMNS, SCREEN_GAP, Workshop
from igemo_data.ui.live import Drawn, export_buttons, live_page
from igemo_data.ui.minutes import minutes_section
from igemo_data.ui.panels import (
    arrow_toggles,
    chart_caption,
    counts_heading,
    override_heading,
    override_list,
    quadrant_chart,
    quadrant_counts,
    search_box,
    shift_heading,
    shift_list,
    what_if_panel,
)


def domain_page(domain: str) -> None:
    """A werkdomein's page: its chart, the four scores per service and quadrants per cluster."""
    live_page("page_domain", functools.partial(_domain_body, domain), domain=domain)


def _domain_body(domain: str, ws: Workshop) -> None:
    compat.chart_first()
    st.title(t("page_domain", ws.lang, domain=domain_label(domain, ws.lang)))
    table = workshop.only_domains(ws.classify(), [domain])
    chart_column, side_column = st.columns(SCREEN_COLUMNS, gap=SCREEN_GAP)
    with side_column:
        toggles = compat.tight_container(session.CHART_TOGGLES)
        arrows, only_moves = arrow_toggles(ws.lang, toggles)
        firm = firmness_toggle(ws.lang, toggles)
        decisions = decision_toggle(ws.lang, toggles)
        found = search_box(ws.lang, table, key=session.domain_chart(domain))
        counts_heading(ws.lang)
        quadrant_counts(ws, table)
        what_if_panel(ws, table)
    firmness = firmness_of(ws, table) if firm else None
    with chart_column:
        quadrant_chart(
            ws,
            table,
            key=session.domain_chart(domain),
            arrows=arrows,
            only_moves=only_moves,
            found=found,
            names=True,
            firmness=firmness,
            decisions=decisions,
        )
        chart_caption(ws.lang)
        if arrows:
            st.caption(t("arrows_caption", ws.lang))
        if firm:
            firmness_caption(ws.lang)
    shift_heading(ws.lang)
    shift_list(ws, table)
    st.subheader(t("heatmap_title", ws.lang))
    if len(table) < charts.DENSE_FROM:
        show_chart(charts.score_heatmap(table, lang=ws.lang), width="stretch")
    else:  # one row per service stops being readable long before thousands of rows
        st.caption(t("dense_caption", ws.lang, count=len(table)))
    st.subheader(t("cluster_counts_title", ws.lang))
    show_chart(charts.cluster_quadrant_chart(table, lang=ws.lang), width="stretch")
    override_heading(ws.lang)
    override_list(ws)
    drawn = Drawn()
    drawn.keep(ws, table, firmness)
    export_buttons(
        drawn, lang=ws.lang, key=session.numbered(session.EXPORT, domain), domains=(domain,)
    )


def plan_versus_matrix_page() -> None:
    live_page("page_plan_vs_matrix", _plan_versus_matrix_body)


def _plan_versus_matrix_body(ws: Workshop) -> None:
    st.title(t("page_plan_vs_matrix", ws.lang))
    st.write(t("plan_vs_matrix_intro", ws.lang, horizon=percent(ws.settings.horizon)))
    table = workshop.only_domains(ws.classify(), ws.settings.domains)
    compared = workshop.plan_versus_matrix(table)
    differing = int((compared["agreement"] == workshop.DISAGREES).sum())
    count_column, filter_column = st.columns([2, 3], vertical_alignment="center")
    count_column.metric(
        t("disagrees_metric", ws.lang),
        f"{differing} / {len(compared)}",
        border=True,
        help=t("disagreement_count", ws.lang, count=differing, total=len(compared)),
    )
    if filter_column.toggle(t("only_disagreements", ws.lang), key=session.ONLY_DISAGREEMENTS):
        compared = compared[compared["agreement"] == workshop.DISAGREES].reset_index(drop=True)
    agreement_text = {
        workshop.AGREES: t("agrees", ws.lang),
        workshop.DISAGREES: t("disagrees", ws.lang),
        workshop.NOT_STATED: t("not_stated", ws.lang),
    }
    shown = pd.DataFrame(
        {
            t("field_code", ws.lang): compared["code"],
            t("field_name", ws.lang): compared["name"],
            t("field_domain", ws.lang): [domain_label(d, ws.lang) for d in compared["domain"]],
            t("field_plan_decision", ws.lang): [
                decision_label(d, ws.lang) for d in compared["plan_decision"]
            ],
            t("field_quadrant", ws.lang): [
                quadrant_label(q, ws.lang) for q in compared["quadrant"]
            ],
            t("agreement", ws.lang): [agreement_text[a] for a in compared["agreement"]],
            t("field_plan_note", ws.lang): compared["plan_note"],
        }
    )
    flagged = compared["agreement"] == workshop.DISAGREES
    styled = shown.style.apply(
        lambda column: [
            "background-color: #FCE3D4; font-weight: 600" if flag else "" for flag in flagged
        ],
        axis=0,
    )
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        height=compat.table_height(len(shown)),
        row_height=compat.TABLE_ROW_HEIGHT,
        # The plan's words are what the workshop discusses: they get the room.
        column_config={
            t("field_code", ws.lang): st.column_config.TextColumn(width=60),
            t("field_domain", ws.lang): st.column_config.TextColumn(width=100),
            t("field_plan_note", ws.lang): st.column_config.TextColumn(width=620),
        },
    )
    decision_section(ws, workshop.to_discuss_first(table), place="plan")
    minutes_section(ws, table)
