"""The live quadrant chart on screen (issue 17): the sidebar's control moves it in the browser.

The spec holds the server's collision-free layout for every whole percent of the horizon
(`charts.live`); it is built once per matrix (edition, cuts, what-ifs, werkdomeinen, language,
size) and kept, so a horizon move reuses it unchanged. Python stays the truth: the counts,
moves, what-ifs, URL and downloads follow each value it receives.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from igemo_data import charts, url_state, workshop
from igemo_data.charts import html_pack, live
from igemo_data.texts import decimal, percent, t
from igemo_data.ui import compat, session
from igemo_data.ui.frame import Workshop


def live_quadrant(
    ws: Workshop,
    *,
    domains: Sequence[str] | None,
    size: tuple[int, int],
    show: Callable[[dict], None],
    stand_in: Callable[[bool], None],
    names: bool = False,
    found: Collection[str] = (),
    selectable: bool = True,
) -> None:
    """Draw the live chart for `ws` with `show(spec)`.

    Built before for this matrix, it is drawn at once: the same spec as on the run before
    (Streamlit keeps the drawn view; the params follow the control's inputs, bound when the
    view was built, which takes their value then), so a horizon move costs nothing here.
    Not built yet (a new cut, what-if, page or language: ~1.5 s for 101 steps), the chart at
    exactly these settings stands in at once (`stand_in(False)`: without its key, it is
    replaced in this run), the rest of the page is drawn, and `flush()` at the end of the run
    builds the live chart and puts it in its place. When the steps cannot be drawn as one,
    `stand_in(True)` draws the chart of these settings for good.
    """
    key = _key(ws, domains, size, names, tuple(sorted(found)), selectable)
    with _LOCK:
        ready = _READY.get(key, _MISSING)
        if ready is not _MISSING:
            _READY.move_to_end(key)
    # Always in a slot: the page's elements keep one shape whether the chart was ready or not
    # (a changed shape would make Streamlit draw the chart anew on the next run).
    slot = st.empty()
    with slot.container():
        if ready is _MISSING:
            stand_in(False)
        elif ready is None:
            stand_in(True)
        else:
            show(ready)
    if ready is not _MISSING:
        return

    def later() -> None:
        # One build per matrix at a time: a room that opens the same page at once waits for
        # the first session's build instead of building it twenty times over on two cores.
        with _LOCK:
            building = _BUILDING.setdefault(key, threading.Lock())
        with building:
            with _LOCK:
                wire = _READY.get(key, _MISSING)
            if wire is _MISSING:
                spec = build_live(
                    ws, domains=domains, size=size, names=names, found=found, selectable=selectable
                )
                wire = None if spec is None else compat.with_arrow_datasets(spec)
                with _LOCK:
                    _READY[key] = wire
                    while len(_READY) > KEPT:
                        _READY.popitem(last=False)
        with _LOCK:
            _BUILDING.pop(key, None)
        with slot.container():
            if wire is None:
                stand_in(True)
            else:
                show(wire)

    st.session_state.setdefault(session.LIVE_PENDING, []).append(later)


def forget_pending() -> None:
    """Drop what an interrupted run left to build: its slots belong to that run."""
    st.session_state.pop(session.LIVE_PENDING, None)


def flush() -> None:
    """Build the live charts this run left for last (see `live_quadrant`), in their places."""
    for later in st.session_state.pop(session.LIVE_PENDING, []):
        later()


# The live specs built, by matrix: a bounded memory shared by the sessions of the process
# (a room of twelve on one scenario builds it once). Kept as built: never changed in place.
KEPT = 12
_READY: OrderedDict[tuple, dict | None] = OrderedDict()
_LOCK = threading.Lock()
_BUILDING: dict[tuple, threading.Lock] = {}
_MISSING = object()


def _key(ws: Workshop, *parts: object) -> tuple:
    settings = ws.settings
    return (
        _fingerprint(ws.services),
        _fingerprint(ws.baseline()),
        settings.edition,
        settings.market_cut,
        settings.need_cut,
        url_state.encode_overrides(settings.overrides),
        ws.lang,
        *parts,
    )


def _fingerprint(table: pd.DataFrame) -> tuple:
    """A frame's content as a short hashable value (39 rows: well under a millisecond)."""
    hashed = pd.util.hash_pandas_object(table, index=False).to_numpy()
    return (len(table), tuple(table.columns), hash(hashed.tobytes()))


def build_live(
    ws: Workshop,
    *,
    domains: Sequence[str] | None,
    size: tuple[int, int],
    names: bool = False,
    found: Collection[str] = (),
    selectable: bool = True,
    inputs: charts.LiveInputs = compat.LIVE_INPUTS,
) -> dict | None:
    """The live spec (rows inline): `quadrant_chart` at every whole percent, as the page
    draws it (classified in DuckDB per step, what-if ghosts, rings round what moved)."""
    settings = ws.settings
    baseline = ws.baseline()

    horizons = [step / 100 for step in range(live.STEP_COUNT)]
    tables = ws.classify_steps(horizons)  # one DuckDB query for the 101 steps
    plains = ws.classify_steps(horizons, what_ifs=False) if settings.overrides else None

    def build(step: int, window: charts.Window | None = None) -> tuple[object, pd.DataFrame]:
        at = replace(ws, settings=settings.at(step / 100))
        table = tables[step]
        if domains is not None:
            table = workshop.only_domains(table, domains)
        chart = charts.quadrant_chart(
            table,
            at.settings,
            lang=ws.lang,
            ghosts=at.ghosts(table, plains[step] if plains else None),
            width=size[0],
            height=size[1],
            selectable=selectable,
            highlight=found,
            label_size=charts.ROOM_LABEL_FONT_SIZE,
            names=names,
            on_screen=True,
            moved=workshop.against_baseline(baseline, table).moved,
            window=window,
        )
        return chart, table

    try:
        return live.live_spec(build, settings, lang=ws.lang, inputs=inputs)
    except live.LiveSpecError:
        return None


def board_pack(ws: Workshop, name: str, *, size: tuple[int, int], on: date) -> bytes:
    """'Interactieve kaart (HTML)': the live chart of the page's werkdomeinen, offline."""
    domains = ws.settings.domains
    spec = build_live(
        ws,
        domains=domains,
        size=size,
        names=len(domains) == 1,
        selectable=False,
        inputs=html_pack.PACK_INPUTS,
    )
    if spec is None:  # cannot happen for the bundled plan; say so rather than send nothing
        raise RuntimeError("the steps' charts could not be joined into one live chart")
    spec = live.at_settings(spec, ws.settings, html_pack.PACK_INPUTS)
    lang = ws.lang
    line = t(
        "html_settings",
        lang,
        name=name,
        date=on.strftime("%d-%m-%Y"),
        percent=percent(ws.settings.horizon),
        market=decimal(ws.settings.market_cut, lang, trim=True),
        need=decimal(ws.settings.need_cut, lang, trim=True),
    )
    return html_pack.interactive_html(
        spec,
        ws.settings,
        title=f"{name} · {t('app_title', lang)}",
        heading=name,
        settings_line=line,
        note=t("html_note", lang),
        labels={
            "horizon": t("html_horizon", lang),
            "play": t("live_play", lang),
            "pause": t("live_pause", lang),
            "replay": t("live_replay", lang),
        },
    )
