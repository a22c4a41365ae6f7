"""The presentation mode: the chart alone, large, stepping through the werkdomeinen."""

from __future__ import annotations

import streamlit as st

from igemo_data import charts, workshop
from igemo_data.schema import DOMAINS
from igemo_data.texts import domain_label, escape_markdown, t
from igemo_data.ui import compat, session
from igemo_data.ui.frame import Workshop, screen_name

PRESENT_STEPS: tuple[str | None, ...] = (None, *DOMAINS)


def presenting() -> bool:
    return bool(st.session_state.get(session.shadow(session.PRESENT)))


def presentation(ws: Workshop) -> None:
    """The chart alone, large, stepping from the whole portfolio through each werkdomein."""
    compat.hide_chrome()
    step = int(st.session_state.get(session.PRESENT_STEP, 0)) % len(PRESENT_STEPS)
    domain = PRESENT_STEPS[step]
    previous, title, following, leave = st.columns([1, 6, 1, 2], vertical_alignment="center")
    previous.button(
        t("present_previous", ws.lang),
        key=session.PRESENT_PREVIOUS,
        on_click=_present_step,
        args=(-1,),
        shortcut="left",
        icon=":material/arrow_back:",
        width="stretch",
    )
    scope = domain_label(domain, ws.lang) if domain else t("present_all", ws.lang)
    title.title(f"{scope} · {escape_markdown(screen_name(ws))}", anchor=False)
    following.button(
        t("present_next", ws.lang),
        key=session.PRESENT_NEXT,
        on_click=_present_step,
        args=(1,),
        shortcut="right",
        icon=":material/arrow_forward:",
        width="stretch",
    )
    leave.button(
        t("present_exit", ws.lang),
        key=session.PRESENT_EXIT,
        on_click=_leave_presentation,
        icon=":material/close_fullscreen:",
        width="stretch",
    )
    table = ws.classify()
    if domain:
        table = workshop.only_domains(table, [domain])
    chart = charts.portfolio_chart(
        table,
        ws.settings,
        lang=ws.lang,
        width=1650,
        height=860,
        selectable=False,
    )
    compat.show_chart(chart, key=session.PRESENT_CHART, width="content")
    st.caption(t("present_keys", ws.lang))


def _present_step(delta: int) -> None:
    step = int(st.session_state.get(session.PRESENT_STEP, 0)) + delta
    st.session_state[session.PRESENT_STEP] = step % len(PRESENT_STEPS)


def _leave_presentation() -> None:
    st.session_state[session.shadow(session.PRESENT)] = False
