"""The screen pieces beside and below the chart: search, counts, shifts, what-ifs, help."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from igemo_data import charts, url_state, workshop
from igemo_data.schema import DOMAINS, SCORE_MAX, SCORE_MIN
from igemo_data.texts import (
    decimal,
    domain_label,
    escape_markdown,
    quadrant_label,
    score_slider_format,
    t,
)
from igemo_data.ui import actions, compat, decision_form, live_chart, session
from igemo_data.ui.compat import show_chart, show_dense_chart
from igemo_data.ui.counts_grid import counts_grid_html
from igemo_data.ui.frame import SCREEN_PLOT, Workshop


def search_box(lang: str, table: pd.DataFrame, *, key: str) -> list[str]:
    """Find services by name or code: they are circled on the chart and offered for what-ifs.

    Indispensable for a large portfolio (charts.DENSE_FROM services or more), drawn as small
    dots without codes.
    """
    query = st.text_input(
        t("search_service", lang),
        key=session.search_key(key),
        placeholder=t("search_placeholder", lang),
        icon=":material/search:",
    )
    found = workshop.find_services(table, query)
    st.session_state[session.FOUND] = found if query.strip() else None
    if found and st.session_state.get(session.SEARCHED) != query:
        # A new search picks its first find for the what-if sliders, as a click would.
        st.session_state[session.WHAT_IF_SERVICE] = found[0]
    st.session_state[session.SEARCHED] = query
    if query.strip():
        st.caption(t("search_found", lang, count=len(found)) if found else t("search_none", lang))
    return found


def arrow_toggles(lang: str, column) -> tuple[bool, bool]:
    """The arrows toggle and, under it, "only what moves" (kept like every setting)."""
    arrows = column.toggle(
        t("arrows_toggle", lang),
        key=session.ARROWS,
        on_change=session.keep_setting,
        args=(session.ARROWS,),
    )
    only_moves = column.toggle(
        t("only_moves_toggle", lang),
        key=session.ONLY_MOVES,
        on_change=session.keep_setting,
        args=(session.ONLY_MOVES,),
        help=t("only_moves_help", lang),
        disabled=not arrows,
    )
    return arrows, only_moves


def quadrant_chart(
    ws: Workshop,
    table: pd.DataFrame,
    *,
    key: str,
    arrows: bool = False,
    only_moves: bool = False,
    found: list[str] | None = None,
    names: bool = False,
    firmness: pd.DataFrame | None = None,
    decisions: bool = False,
) -> None:
    """The Harrigan chart; clicking a service picks it for the what-if sliders.

    Drawn for the room: exactly `SCREEN_PLOT`, codes of `charts.ROOM_LABEL_FONT_SIZE` px, cut
    values and horizon on the chart, and with `names` each service's name beside its code
    (a werkdomein's page has room for them: nobody in the room can hover).

    With `arrows`, each moving service's arrow runs from now to 100 % through its marker at
    the horizon shown (`charts.quadrant_chart`'s `evolution_at`); with `only_moves` as well,
    only the services that change quadrant get one: 25 crossing curves are unreadable.
    `firmness` ("Toon hoe vast"): `sensitivity`'s table, drawn as `charts.quadrant_chart` says
    (a portfolio drawn as dots has no markers to fill).
    With `decisions`, each service with a recorded decision is ringed by whether that
    decision follows its quadrant now (`decision_form.chart_marks`).
    """
    found = found or []
    if len(table) >= charts.DENSE_FROM:
        spec, dots = charts.dense_parts(
            table,
            ws.settings,
            lang=ws.lang,
            width=SCREEN_PLOT[0],
            height=SCREEN_PLOT[1],
            highlight=found,
        )
        show_dense_chart(spec, dots, key=key, width="content")
        st.caption(t("dense_caption", ws.lang, count=len(table)))
        return
    if not arrows and firmness is None and not decisions:
        # Live (issue 17): the sidebar's control moves it in the browser, at every step the
        # server's layout. With arrows, "Toon hoe vast" or the decisions the chart is drawn
        # per run (arrows are routed, chances drawn and decisions judged per horizon).
        live_chart.live_quadrant(
            ws,
            domains=ws.settings.domains,
            size=SCREEN_PLOT,
            names=names,
            found=found,
            show=lambda spec: _show_quadrant(spec, key),
            stand_in=lambda final: _show_quadrant(
                _chart_now(ws, table, found=found, names=names), key if final else None
            ),
        )
        return
    chart = _chart_now(
        ws,
        table,
        found=found,
        names=names,
        arrows=arrows,
        only_moves=only_moves,
        firmness=firmness,
        decisions=decisions,
    )
    _show_quadrant(chart, key)


def _chart_now(
    ws: Workshop,
    table: pd.DataFrame,
    *,
    found: list[str],
    names: bool,
    arrows: bool = False,
    only_moves: bool = False,
    firmness: pd.DataFrame | None = None,
    decisions: bool = False,
):
    """The chart at exactly the screen's settings, drawn per run."""
    ghosts = ws.ghosts(table)
    arrow_frame = None
    if arrows:
        ids = set(table["id"])
        now = ws.classify(horizon=0.0, what_ifs=False)
        future = ws.classify(horizon=1.0, what_ifs=False)
        arrow_frame = charts.evolution_arrows(
            now[now["id"].isin(ids)],
            future[future["id"].isin(ids)],
            ws.settings,
        )
        if only_moves:
            arrow_frame = arrow_frame[arrow_frame["crosses"]]
    return charts.quadrant_chart(
        table,
        ws.settings,
        lang=ws.lang,
        ghosts=ghosts,
        arrows=arrow_frame,
        width=SCREEN_PLOT[0],
        height=SCREEN_PLOT[1],
        highlight=found,
        evolution_at=ws.settings.horizon if arrows else None,
        label_size=charts.ROOM_LABEL_FONT_SIZE,
        names=names,
        on_screen=True,
        moved=workshop.against_baseline(ws.baseline(), table).moved,
        firmness=firmness,
        decided=decision_form.chart_marks(ws, table) if decisions else None,
    )


def _show_quadrant(chart, key: str | None) -> None:
    """Draw a quadrant chart; with `key`, a click on a service picks it (a stand-in drawn
    while the live chart is built has none: it is replaced in the same run)."""
    if key is None:
        show_chart(chart, width="content")
        return
    show_chart(
        chart,
        key=key,
        on_select=lambda: _pick_from_chart(key),
        selection_mode="dienst",
        # The spread guarantees no overlap at the width it was laid out for; stretching the
        # chart to a narrower column would squeeze markers together.
        width="content",
    )


def _pick_from_chart(key: str) -> None:
    event = st.session_state.get(key) or {}
    picked = (event.get("selection") or {}).get("dienst") or []
    if picked and picked[0].get("id"):
        st.session_state[session.WHAT_IF_SERVICE] = picked[0]["id"]


def quadrant_counts(ws: Workshop, table: pd.DataFrame) -> None:
    """Four numbers laid out like the matrix itself: need strong on top, market strong right;
    beside each its change against the plan, and under them "N verschoven", which opens the
    list of moves right here beside the chart (the full list stays below it)."""
    against = workshop.against_baseline(ws.baseline(), table)
    st.html(counts_grid_html(against.counts, ws.lang, changes=against.changes))
    # Tracked, so a closed list sends no table (a hidden table never paints, and costs every
    # slider press); its label changes with N, which makes it a new widget: it opens as the
    # last one was left.
    kept = session.shadow(session.MOVED_LIST)
    moves = st.expander(
        t("moved_count", ws.lang, count=against.shifted),
        expanded=bool(st.session_state.get(kept, False)),
        key=session.MOVED_LIST,
        icon=":material/swap_horiz:",
        on_change=_keep_moves_open,
    )
    if moves.open:
        with moves:
            _moves_beside(ws, table)


def _keep_moves_open() -> None:
    st.session_state[session.shadow(session.MOVED_LIST)] = st.session_state[session.MOVED_LIST]


def shift_heading(lang: str) -> None:
    st.subheader(t("shifts_title", lang))
    st.caption(t("shifts_caption", lang))


# Beside the chart: the header and five moves, then the list scrolls by itself.
MOVES_BESIDE_ROWS = 5


def shift_list(ws: Workshop, table: pd.DataFrame) -> None:
    """The services whose quadrant differs from the plan's own reading, from → to."""
    moved = _moved(ws, table)
    if moved is None:
        return
    shown = pd.DataFrame(
        {
            t("field_code", ws.lang): moved["code"],
            t("field_name", ws.lang): moved["name"],
            t("field_from", ws.lang): [quadrant_label(q, ws.lang) for q in moved["from_quadrant"]],
            t("field_to", ws.lang): [quadrant_label(q, ws.lang) for q in moved["to_quadrant"]],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")


def _moves_beside(ws: Workshop, table: pd.DataFrame) -> None:
    """The same moves in a narrow side column: code, from → to, then the name (cut first)."""
    moved = _moved(ws, table)
    if moved is None:
        return
    move = f"{t('field_from', ws.lang)} → {t('field_to', ws.lang).lower()}"
    shown = pd.DataFrame(
        {
            t("field_code", ws.lang): moved["code"],
            move: [
                f"{quadrant_label(a, ws.lang)} → {quadrant_label(b, ws.lang)}"
                for a, b in zip(moved["from_quadrant"], moved["to_quadrant"], strict=True)
            ],
            t("field_name", ws.lang): moved["name"],
        }
    )
    height = compat.table_height(len(shown), compat.table_height(MOVES_BESIDE_ROWS))
    st.dataframe(shown, hide_index=True, width="stretch", height=height)


def _moved(ws: Workshop, table: pd.DataFrame) -> pd.DataFrame | None:
    """`workshop.shifts` against the plan for the services in `table`; None (and a note that
    nothing moved) when there are none."""
    baseline = ws.baseline()
    moved = workshop.shifts(baseline[baseline["id"].isin(set(table["id"]))], table)
    if moved.empty:
        st.info(t("shifts_none", ws.lang))
        return None
    return moved


def what_if_panel(ws: Workshop, table: pd.DataFrame) -> None:
    """Pick a service (or click it on the chart) and override its market position and need."""
    st.subheader(t("what_if_title", ws.lang))
    found = st.session_state.get(session.FOUND)
    if len(table) >= charts.DENSE_FROM:
        # Thousands of options would make a select box useless: the search box chooses.
        if not found:
            st.caption(t("search_first", ws.lang))
        table = table[table["id"].isin(found or [])]
    elif found:
        table = pd.concat([table[table["id"].isin(found)], table[~table["id"].isin(found)]])
    domain_names = {d: domain_label(d, ws.lang) for d in DOMAINS}
    labels = dict(
        zip(
            table["id"],
            table["code"] + " · " + table["name"] + " (" + table["domain"].map(domain_names) + ")",
            strict=True,
        )
    )
    if st.session_state.get(session.WHAT_IF_SERVICE) not in labels:
        st.session_state[session.WHAT_IF_SERVICE] = None
    picked = st.selectbox(
        t("what_if_pick", ws.lang),
        list(labels),
        format_func=labels.__getitem__,
        index=None,
        placeholder=t("what_if_none", ws.lang),
        key=session.WHAT_IF_SERVICE,
    )
    if picked is None:
        return
    row = table[table["id"] == picked].iloc[0]
    override = ws.settings.overrides.get(picked, {})
    for axis, key in session.WHAT_IF_AXES.items():
        # The sliders always show the value the chart uses: the what-if when there is one,
        # otherwise the value the horizon computes.
        st.session_state[key] = round(float(override.get(axis, row[axis])), 2)
    for axis in ("market", "need"):
        st.slider(
            t(f"what_if_{axis}", ws.lang),
            min_value=SCORE_MIN,
            max_value=SCORE_MAX,
            step=url_state.CUT_STEP,
            format=score_slider_format(ws.lang),
            key=session.WHAT_IF_AXES[axis],
            on_change=_store_override,
            args=(picked, axis),
        )
    st.caption(t("what_if_caption", ws.lang))
    decision_form.what_if_decision(ws, row)


def _store_override(service_id: str, axis: str) -> None:
    st.session_state[session.OVERRIDES] = workshop.with_override(
        st.session_state.get(session.OVERRIDES, {}),
        service_id,
        axis,
        st.session_state[session.WHAT_IF_AXES[axis]],
    )


def _drop_override(service_id: str | None) -> None:
    current = st.session_state.get(session.OVERRIDES, {})
    st.session_state[session.OVERRIDES] = (
        workshop.without_override(current, service_id) if service_id else {}
    )


def override_heading(lang: str) -> None:
    st.subheader(t("overrides_title", lang))


def counts_heading(lang: str) -> None:
    st.subheader(t("counts_title", lang))


def chart_caption(lang: str) -> None:
    st.caption(t("chart_caption", lang))


def override_list(ws: Workshop) -> None:
    """Every what-if with a reset per row, and one reset for all (below `override_heading`)."""
    rows = workshop.override_table(ws.services, ws.settings.overrides)
    if rows.empty:
        actions.stop_asking(actions.WHAT_IFS, "all")
        st.caption(t("overrides_none", ws.lang))
        return
    for row in rows.itertuples():
        name, market, need, reset = st.columns([4, 2, 2, 2], vertical_alignment="center")
        name.markdown(f"**{escape_markdown(row.code)}** {escape_markdown(row.name)}")
        market.write(f"{t('what_if_market', ws.lang)}: {_score_text(row.market, ws.lang)}")
        need.write(f"{t('what_if_need', ws.lang)}: {_score_text(row.need, ws.lang)}")
        reset.button(
            t("reset_one", ws.lang),
            key=session.numbered(session.RESET_ONE, row.id),
            on_click=_drop_override,
            args=(row.id,),
            icon=":material/undo:",
        )
    # Every what-if at once is work lost: asked first, never the page's one filled button.
    actions.confirm_button(
        actions.WHAT_IFS,
        "all",
        ws.lang,
        label=t("reset_all", ws.lang),
        icon=":material/restart_alt:",
        action=_drop_override,
        args=(None,),
        key=session.RESET_ALL,
        question=t("reset_all_confirm", ws.lang, count=len(rows)),
        yes=t("reset_all_yes", ws.lang),
        guarded=False,  # what-ifs are the viewer's own screen, not what is stored
    )


def _score_text(value: float | None, lang: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    return decimal(value, lang)


def help_text(lang: str) -> None:
    with st.expander(t("help_title", lang), icon=":material/help:"):
        st.markdown(t("help_body", lang))
