"""Edities vergelijken: two editions side by side, the way a technology radar compares releases.

New services, removed services, changed scores and quadrant moves, at the sidebar's horizon
and cuts; the chart shows the new edition with an arrow from every moved service's old place.
"""

import pandas as pd
import streamlit as st

from igemo_data import compare, edition_tables
from igemo_data.charts import comparison
from igemo_data.settings import PLAN_EDITION
from igemo_data.texts import format_score, percent, t
from igemo_data.ui import comparisons, frame, session
from igemo_data.ui.compat import show_chart

ws = frame.setup("page_compare")
lang = ws.lang
st.title(t("page_compare", lang))
st.write(t("compare_intro", lang))

store = frame.edition_store_or_stop(lang)
known = store.list()
by_id = {e.id: e for e in known}
if len(known) < 2:
    st.info(t("compare_only_one", lang))
    st.page_link("pages/7_Gegevens.py", label=t("page_data", lang), icon=":material/dataset:")
    st.stop()

# The natural question is "what did the active edition change?": against the edition it was
# made from, or else against the plan. With the plan active, the newest edition against it.
active_id = session.active_id(st.session_state)
default_new = active_id if active_id in by_id and active_id != PLAN_EDITION else known[1].id
default_old = by_id[default_new].based_on
if default_old not in by_id or default_old == default_new:
    default_old = PLAN_EDITION
for key, default in ((session.COMPARE_OLD, default_old), (session.COMPARE_NEW, default_new)):
    if st.session_state.get(key) not in by_id:
        st.session_state[key] = default

old_column, new_column = st.columns(2)
old_id = old_column.selectbox(
    t("compare_old", lang),
    list(by_id),
    format_func=lambda e: by_id[e].name,
    key=session.COMPARE_OLD,
)
new_id = new_column.selectbox(
    t("compare_new", lang),
    list(by_id),
    format_func=lambda e: by_id[e].name,
    key=session.COMPARE_NEW,
)
if old_id == new_id:
    st.info(t("compare_same", lang))
    st.stop()


def chosen_domains(edition_id: str) -> pd.DataFrame:
    services = store.services(edition_id)
    return services[services["domain"].isin(ws.settings.domains)].reset_index(drop=True)


old, new = by_id[old_id], by_id[new_id]
diff = compare.compare_editions(
    chosen_domains(old_id),
    chosen_domains(new_id),
    ws.settings,
)
changed_ids = set(diff.changed_scores["id"])

counts = st.columns(4)
for column, key, value in zip(
    counts,
    ("compare_added", "compare_removed", "compare_changed", "compare_moved"),
    (len(diff.added), len(diff.removed), len(changed_ids), len(diff.quadrant_moves)),
    strict=True,
):
    column.metric(t(key, lang), value, border=True)
if diff.identical:
    st.info(t("compare_identical", lang))


subtitle = t(
    "compare_subtitle",
    lang,
    horizon=percent(ws.settings.horizon),
    market_cut=format_score(ws.settings.market_cut, lang),
    need_cut=format_score(ws.settings.need_cut, lang),
)


def show(table: pd.DataFrame) -> None:
    comparisons.show_table(table, lang)


chart_column, side_column = st.columns([3, 2], gap="large")
with chart_column:
    if len(diff.new):
        show_chart(
            comparison.comparison_chart(
                diff,
                lang=lang,
                domains=ws.settings.domains,
                title=f"{old.name} → {new.name}",
                subtitle=subtitle,
            ),
            width="stretch",
        )
        st.caption(t("compare_chart_caption", lang))
with side_column:
    st.subheader(t("compare_moves_title", lang))
    show(comparisons.move_table(diff.quadrant_moves, lang))
    st.subheader(t("compare_added_title", lang))
    show(comparisons.service_table(diff.added, lang))
    st.subheader(t("compare_removed_title", lang))
    show(comparisons.service_table(diff.removed, lang))

scores_column, texts_column = st.columns(2, gap="large")
with scores_column:
    st.subheader(t("compare_scores_title", lang))
    show(edition_tables.change_rows(diff.changed_scores, lang))
with texts_column:
    st.subheader(t("compare_texts_title", lang))
    show(edition_tables.change_rows(diff.changed_texts, lang))
