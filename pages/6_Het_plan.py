"""The plan's frame around the matrix: mission, values, goals, ambitions, challenges and more.

Every text goes through `escape_markdown`: the plan's words and the search query are shown as
written, never read as markdown.
"""

import streamlit as st

from igemo_data.plan_text import (
    item_heading,
    load_plan,
    search,
    sub_items_markdown,
)
from igemo_data.texts import escape_markdown, t
from igemo_data.ui import frame, session

ws = frame.setup("page_plan")
st.title(t("page_plan", ws.lang))
st.write(t("plan_intro", ws.lang))

plan = load_plan()
query = (
    st.text_input(
        t("plan_search", ws.lang),
        key=session.PLAN_SEARCH,
        type="search",
        placeholder=t("plan_search_placeholder", ws.lang),
        help=t("plan_search_help", ws.lang),
        live=True,
    )
    or ""
)
shown = search(plan, query)
total = plan.item_count()
if not query.strip():
    st.caption(t("plan_all", ws.lang, total=total))
elif shown.sections:
    count = shown.item_count()
    st.caption(t("plan_matches", ws.lang, count=count, total=total, query=escape_markdown(query)))
else:
    st.info(t("plan_no_matches", ws.lang, query=escape_markdown(query)))

for section in shown.sections:
    st.header(escape_markdown(section.title), anchor=section.id, divider="gray")
    source = t("plan_source", ws.lang, section=section.section)
    if section.summary:
        source = f"{source} · {t('plan_summarised', ws.lang)}"
    st.caption(source)
    if section.intro:
        st.markdown(escape_markdown(section.intro))
    for item in section.items:
        st.subheader(escape_markdown(item_heading(item)), anchor=False)
        if item.text:
            st.markdown(escape_markdown(item.text))
        if item.items:
            st.markdown(sub_items_markdown(item.items))
