"""The presentation mode: the chart, large, stepping through the werkdomeinen.

The facilitator steers it from the keyboard alone (the sidebar is hidden): ← → step through
the werkdomeinen, ↑ ↓ move the horizon. Horizon, cuts and the four counts stand above the
chart, large enough to read from the back of the room.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from igemo_data import charts, url_state, workshop
from igemo_data.schema import DOMAINS
from igemo_data.texts import decimal, domain_label, escape_markdown, percent, t
from igemo_data.ui import compat, decision_form, live_chart, session
from igemo_data.ui.counts_grid import counts_grid_html
from igemo_data.ui.firmness import firmness_of
from igemo_data.ui.frame import Workshop, screen_name

PRESENT_STEPS: tuple[str | None, ...] = (None, *DOMAINS)
# The plotting area on a 1920×1080 projector, drawn exactly this size (`on_screen`): the full
# width less the axis and the cut's value, and a height that leaves the title, the horizon line
# and the counts above it and the axis below it in view without scrolling.
PRESENT_PLOT = (1560, 600)
ARROWS_KEY_ROOM = 40  # px the arrows' key needs under the axis (measured: 842 px → 1,086 px end)


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
        shortcut="left",  # Streamlit shows the key (←) on the button: no arrow icon as well
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
    against = workshop.against_baseline(ws.baseline(), table)
    _status_row(ws, against)
    arrows = _arrows(ws, table)
    size = _plot_size(arrows is not None)
    # "Toon hoe vast" and "Toon beslissingen", as set on the overview or in the link: the room
    # sees the marks the overview showed.
    link = session.current_link()
    firmness = firmness_of(ws, table) if link.firmness else None
    decided = decision_form.chart_marks(ws, table) if link.decisions else None

    def now() -> object:
        return charts.portfolio_chart(
            table,
            ws.settings,
            lang=ws.lang,
            arrows=arrows,
            # As on the overview: one filled marker per service on its own arrow, and rings
            # round what moved against the plan, so the room reads the same marks in both views.
            evolution_at=ws.settings.horizon if arrows is not None else None,
            moved=against.moved,
            firmness=firmness,
            decided=decided,
            width=size[0],
            height=size[1],
            selectable=False,
            label_size=charts.ROOM_LABEL_FONT_SIZE,
            names=domain is not None,  # one werkdomein: room for "code name"
            on_screen=True,
        )

    def show(chart: object, keyed: bool = True) -> None:
        key = session.PRESENT_CHART if keyed else None
        compat.show_chart(chart, key=key, width="content")

    if arrows is None and firmness is None and decided is None and len(table) < charts.DENSE_FROM:
        # Live (issue 17): ↑ ↓ (the control's keys while presenting) and play move it at once.
        live_chart.forget_pending()
        live_chart.live_quadrant(
            ws,
            domains=(domain,) if domain else None,
            size=size,
            names=domain is not None,
            selectable=False,
            show=show,
            stand_in=lambda final: show(now(), keyed=final),
        )
        live_chart.flush()
    else:
        show(now())
    keys = t("present_keys", ws.lang, step=url_state.HORIZON_STEP)
    st.caption(f"{keys} {t('present_play_key', ws.lang)}")


def _status_row(ws: Workshop, against: workshop.AgainstBaseline) -> None:
    """Horizon and cuts, the four counts, and the horizon's keys (↑ ↓), in one row."""
    status, counts, keys = st.columns([5, 6, 2], vertical_alignment="center")
    with status.container(key=session.PRESENT_STATUS):
        st.html(
            status_html(ws.settings.horizon, ws.settings.market_cut, ws.settings.need_cut, ws.lang)
        )
    counts.html(counts_grid_html(against.counts, ws.lang, in_a_row=True, changes=against.changes))
    keys.button(
        t("present_horizon_up", ws.lang, step=url_state.HORIZON_STEP),
        key=session.PRESENT_HORIZON_UP,
        on_click=_present_horizon,
        args=(url_state.HORIZON_STEP,),
        width="stretch",
    )
    keys.button(
        t("present_horizon_down", ws.lang, step=url_state.HORIZON_STEP),
        key=session.PRESENT_HORIZON_DOWN,
        on_click=_present_horizon,
        args=(-url_state.HORIZON_STEP,),
        width="stretch",
    )


def status_html(horizon: float, market_cut: float, need_cut: float, lang: str) -> str:
    """ "Tijdshorizon 50 %" large, the two cuts below it: our own labels and numbers only."""
    first = f"{t('horizon', lang)} {percent(horizon)} %"
    second = (
        f"{t('market_cut', lang)} {decimal(market_cut, lang, trim=True)} · "
        f"{t('need_cut', lang)} {decimal(need_cut, lang, trim=True)}"
    )
    return (
        f'<div style="font-size:2.4rem;font-weight:700;line-height:1.15">{html.escape(first)}</div>'
        f'<div style="font-size:1.6rem;line-height:1.3">{html.escape(second)}</div>'
    )


def _plot_size(arrows: bool) -> tuple[int, int]:
    """The plot's size; with arrows their key takes a row under the axis, so the plot gives it
    that height back and the whole chart still ends above 1080 px."""
    width, height = PRESENT_PLOT
    return (width, height - ARROWS_KEY_ROOM) if arrows else (width, height)


def _arrows(ws: Workshop, table: pd.DataFrame) -> pd.DataFrame | None:
    """The arrows now → future when the arrows toggle is on, laid out for the projector."""
    if not session.current_link().arrows or len(table) >= charts.DENSE_FROM:
        return None
    ids = set(table["id"])
    now = ws.classify(horizon=0.0, what_ifs=False)
    future = ws.classify(horizon=1.0, what_ifs=False)
    arrows = charts.evolution_arrows(
        now[now["id"].isin(ids)],
        future[future["id"].isin(ids)],
        ws.settings,
        width=_plot_size(True)[0],
        height=_plot_size(True)[1],
    )
    return arrows[arrows["crosses"]] if session.current_link().only_moves else arrows


def _present_horizon(delta: int) -> None:
    """↑ ↓ while presenting: the horizon the sidebar's slider keeps, within 0–100 %."""
    key = session.shadow(session.HORIZON)
    st.session_state[key] = min(100, max(0, int(st.session_state.get(key) or 0) + delta))


def _present_step(delta: int) -> None:
    step = int(st.session_state.get(session.PRESENT_STEP, 0)) + delta
    st.session_state[session.PRESENT_STEP] = step % len(PRESENT_STEPS)


def _leave_presentation() -> None:
    st.session_state[session.shadow(session.PRESENT)] = False
