"""Strategiekaart 8.3: the plan's closing map as the plan decided and as the matrix places it."""

from datetime import date

import pandas as pd
import streamlit as st

from igemo_data import decisions, strategy_map, workshop
from igemo_data.charts import export
from igemo_data.charts import strategy_map as strategy_map_chart
from igemo_data.charts.strategy_map_layout import side_title
from igemo_data.texts import percent, t
from igemo_data.ui import decision_form, frame, session
from igemo_data.ui.compat import show_chart
from igemo_data.ui.downloads import Download, download_row, file_stem

ws = frame.setup("page_strategy_map")
st.title(t("page_strategy_map", ws.lang))

table = workshop.only_domains(ws.classify(), ws.settings.domains)
# The third view: the left side as the workshop decided (the plan's decision where it took none).
left = st.segmented_control(
    t("smap_view", ws.lang),
    ("plan", "decisions"),
    format_func={
        "plan": t("smap_view_plan", ws.lang),
        "decisions": side_title("decisions", ws.lang),
    }.__getitem__,
    default="plan",
    required=True,
    key=session.SMAP_VIEW,
)
decided = decision_form.in_force(ws.lang) if left == "decisions" else {}
smap = strategy_map.strategy_map(decisions.effective_decisions(table, decided))
intro_column, metric_column = st.columns([5, 2], vertical_alignment="center")
horizon = percent(ws.settings.horizon)  # what "the matrix" means here: never a bare "now"
intro_column.write(t("smap_intro", ws.lang, horizon=horizon))
if left == "decisions":
    intro_column.write(t("smap_decisions_intro", ws.lang))
if smap.empty:
    st.info(t("smap_none", ws.lang))
    st.stop()
metric_column.metric(
    t("smap_differ_metric", ws.lang),
    f"{strategy_map.differing_count(smap)} / {strategy_map.stated_count(smap)}",
    help=t("smap_differ_help", ws.lang, total=strategy_map.stated_count(smap)),
    border=True,
)
# Laid out in pixels for this width: stretched or squeezed, the names would leave their cells.
show_chart(
    strategy_map_chart.strategy_map_chart(
        smap, lang=ws.lang, horizon=ws.settings.horizon, left=left
    ),
    width="content",
)

st.subheader(t("smap_counts_title", ws.lang))
counts = strategy_map.heading_counts(smap)
st.dataframe(
    pd.DataFrame(
        {
            t("smap_count_heading", ws.lang): [
                strategy_map.heading_label(h, ws.lang) for h in counts["heading"]
            ],
            side_title(left, ws.lang): counts["plan"],
            # The matrix places every service: its "not stated" cell stays empty, not 0.
            side_title("matrix", ws.lang, ws.settings.horizon): counts["matrix"]
            .where(counts["heading"] != strategy_map.NOT_STATED_KEY)
            .astype("Int64"),
        }
    ),
    hide_index=True,
    width="content",
    placeholder="—",
)

decision_form.decision_section(ws, workshop.to_discuss_first(table), place="smap")

st.subheader(t("export_title", ws.lang))
st.caption(t("smap_export_caption", ws.lang))
name = frame.screen_name(ws)


def slide() -> dict:
    return strategy_map_chart.slide(
        smap, ws.settings, lang=ws.lang, scenario_name=name, on=date.today(), left=left
    )


stem = file_stem(f"strategiekaart-8-3-{name}")
downloads = (
    Download("smap_export_png", "png", lambda: export.png(slide())),
    Download("smap_export_pdf", "pdf", lambda: export.pdf(slide())),
)
with st.container(horizontal=True):
    download_row([st, st], downloads, ws.lang, stem=stem, key=session.SMAP)
