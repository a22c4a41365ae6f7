"""The one shared set-up of every page: page config, the sidebar and the active data.

Every page starts with `frame()` (through `setup()` or `live_page()`): a direct link to a page
in `pages/` never runs `app.py`, so page config, the sidebar's global controls and the state
they need must come from here.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

import igemo_data.charts.export  # noqa: F401  (every page's downloads: loaded before the freeze below)
from igemo_data.edition import PLAN_NAME
from igemo_data.loading import ServiceDataError
from igemo_data.matrix import classify, classify_steps, classify_with
from igemo_data.settings import PLAN_EDITION, Settings
from igemo_data.store import editions
from igemo_data.store.scenarios import ScenarioError
from igemo_data.texts import domain_label, error_text, escape_markdown, t
from igemo_data.ui import compat, session, sidebar
from igemo_data.ui.access import facilitator_panel
from igemo_data.ui.compat import DeltaGenerator


def _freeze_what_is_imported() -> None:
    """Take everything imported so far out of the garbage collector's sight, once per process.

    Streamlit runs a full `gc.collect()` after every script run. With pandas, Altair's schema,
    DuckDB and vl-convert loaded, that walked millions of long-lived objects on every slider
    move: 60–70 ms of a ~90 ms round trip (bench/slider_latency.py). Frozen objects are never
    collected, and these live as long as the process anyway; what a run creates later is still
    collected as before.
    """
    gc.collect()
    gc.freeze()


_freeze_what_is_imported()


ROOT = Path(__file__).resolve().parents[2]
DATA_PATH = Path(os.environ.get("STRATEGIEKAART_DATA", ROOT / "data" / "services.csv"))

# On a 1920×1080 projector with the sidebar open the page has about 1400 px: an 11:3 split with
# a medium gap gives the chart about 1075 px, room for a 920 px plot with its axis on the left
# and the cut's value on the right (the plot is drawn exactly this size: `on_screen`). 600 px
# high keeps the arrows' key under it above the fold; the toggles sit beside the chart.
SCREEN_COLUMNS = (11, 3)
SCREEN_GAP = "medium"
SCREEN_PLOT = (920, 600)


@dataclass(frozen=True)
class Workshop:
    """What every page works from: the data and the global settings of this session."""

    services: pd.DataFrame
    lang: str
    settings: Settings  # its domains are the page's: one werkdomein on a domain page
    # The baseline below, when the edition store already holds it (it classifies each once).
    plan_reading: pd.DataFrame | None = None

    def classify(self, *, horizon: float | None = None, what_ifs: bool = True) -> pd.DataFrame:
        settings = self.settings if horizon is None else self.settings.at(horizon)
        return classify_with(self.services, settings if what_ifs else settings.without_what_ifs())

    def classify_steps(
        self, horizons: Sequence[float], *, what_ifs: bool = True
    ) -> list[pd.DataFrame]:
        """`classify` at each of `horizons` (the settings' cuts and, with `what_ifs`, what-ifs)."""
        settings = self.settings if what_ifs else self.settings.without_what_ifs()
        return classify_steps(
            self.services,
            horizons,
            market_cut=settings.market_cut,
            need_cut=settings.need_cut,
            overrides=settings.overrides,
        )

    def baseline(self) -> pd.DataFrame:
        """The plan's own reading: horizon now, cuts 1.5, no what-ifs."""
        if self.plan_reading is not None:
            return self.plan_reading
        return classify(self.services)

    def ghosts(self, table: pd.DataFrame, plain: pd.DataFrame | None = None) -> pd.DataFrame | None:
        """The what-if services among `table`, placed without their what-ifs (drawn hollow);
        `plain`: the services classified without what-ifs, when the caller has them."""
        shown = set(table["id"])
        ids = [sid for sid in self.settings.overrides if sid in shown]
        if not ids:
            return None
        if plain is None:
            plain = self.classify(what_ifs=False)
        return plain[plain["id"].isin(ids)]


def _edition_store() -> editions.EditionStore | None:
    try:
        return editions.default_store(DATA_PATH)
    except editions.EditionError:
        return None  # the scenario notice says why; the plan still works from its CSV


def edition_store_or_stop(lang: str) -> editions.EditionStore:
    """The edition store, for a page that cannot work without it: else it says why and stops."""
    try:
        return editions.default_store(DATA_PATH)
    except editions.EditionError as error:
        st.error(f"{t('edition_store_unusable', lang)} {escape_markdown(error_text(error, lang))}")
        st.stop()


def _active_services(lang: str, place) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The chosen edition's services (the plan's by default), chosen in the sidebar."""
    store = _edition_store()
    choices = {PLAN_EDITION: t("plan_name", lang)}
    if store is not None:
        with contextlib.suppress(editions.EditionError):
            choices = {edition.id: edition.name for edition in store.list()}
    sidebar.edition_choice(lang, place, choices)
    kept = session.shadow(session.EDITION)
    try:
        active = editions.resolve(store, st.session_state[kept], DATA_PATH)
    except ServiceDataError as error:
        st.error(t("data_error", lang))
        st.dataframe(pd.DataFrame(error.as_records()), hide_index=True)
        st.stop()
    if active.warning:
        st.warning(escape_markdown(active.warning_phrase.text(lang)))
        st.session_state[kept] = PLAN_EDITION
    baseline = None
    if store is not None:
        with contextlib.suppress(editions.EditionError):
            baseline = store.baseline(active.edition.id)
    return active.services, baseline


def _store_notice(lang: str) -> None:
    """Say it at once when scenarios cannot be stored, or when a damaged file was set aside."""
    try:
        store = session.scenario_store()
    except ScenarioError as error:
        st.error(f"{t('store_unusable', lang)} {escape_markdown(error_text(error, lang))}")
        return
    if store.warning and not st.session_state.get(session.STORE_WARNED):
        st.session_state[session.STORE_WARNED] = True
        st.warning(escape_markdown(store.warning_phrase.text(lang)))


@dataclass(frozen=True)
class Frame:
    """What a page's full run draws once: everything in the sidebar but the three sliders.

    A slider reruns only the page's fragment (see `ui.live.live_page`), which draws the sliders
    into `sliders` and whatever follows from them; the rest stays on screen untouched. Every
    element a key press redraws costs the projector's screen time (bench/slider_latency.py).
    """

    lang: str
    domain: str | None
    services: pd.DataFrame
    plan_reading: pd.DataFrame | None
    sliders: DeltaGenerator
    badge: DeltaGenerator


def frame(page_key: str, domain: str | None = None) -> Frame:
    """Page config, the sidebar and the chosen edition: the parts a slider never changes."""
    session.restore_settings()
    # The workshop's controls come first: on a 1080-pixel projector they must be in view.
    controls = st.sidebar.container()
    navigation = st.sidebar.container()
    lang = sidebar.language()
    title = t(page_key, lang, domain=domain_label(domain, lang) if domain else "")
    app_title = t("app_title", lang)
    st.set_page_config(
        page_title=title if title == app_title else f"{title} · {app_title}",
        page_icon=":material/grid_view:",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    compat.input_hints_in_dutch(lang)
    # The scenario store opens the shared DuckDB file first: if it is damaged, it is the one
    # that sets it aside and says so.
    _store_notice(lang)
    if st.session_state.pop(session.SCENARIO_MISSING, None):  # a link to a deleted scenario
        st.warning(t("scenario_missing", lang))
    with controls:
        st.header(t("sidebar_settings", lang))
    services, plan_reading = _active_services(lang, controls)
    with controls:
        sliders = st.container()
        sidebar.domains_and_reset(lang, domain)
        badge = st.container()
    with navigation:
        sidebar.navigation(lang)
    facilitator_panel(lang)
    return Frame(lang, domain, services, plan_reading, sliders, badge)


def kept_workshop(frame: Frame) -> Workshop:
    """This session's settings as kept between runs, before any widget of this run is drawn.

    A slider's on_change has kept its new value by the time a run starts, so a fragment can
    draw the chart first and the sliders after it.
    """
    kept = session.current_settings()
    known = set(frame.services["id"])
    overrides = {sid: dict(values) for sid, values in kept.overrides.items() if sid in known}
    st.session_state[session.OVERRIDES] = overrides
    domains = (frame.domain,) if frame.domain else kept.domains
    return Workshop(
        services=frame.services,
        lang=frame.lang,
        settings=replace(kept, domains=domains, overrides=overrides),
        plan_reading=frame.plan_reading,
    )


def draw_settings(frame: Frame) -> None:
    """The three sliders, the scenario badge and the URL, into the frame's sidebar."""
    sidebar.draw_settings(frame.lang, frame.sliders, frame.badge)


def settings(frame: Frame) -> Workshop:
    """The three sliders, then this session's settings as a Workshop."""
    draw_settings(frame)
    return kept_workshop(frame)


def setup(page_key: str = "page_overview", domain: str | None = None) -> Workshop:
    """Page config, the sidebar and this session's settings, for a page a slider reruns whole.

    For pages that show little of the settings (scenarios, data, the plan's text).
    """
    return settings(frame(page_key, domain))


def edition_name(edition_id: str) -> str:
    """The name of edition `edition_id` as the sidebar lists it; the plan's when it is gone.

    Read from the edition list the store keeps between writes, so naming a slide costs no
    query on a slider move.
    """
    store = _edition_store()
    if store is not None:
        with contextlib.suppress(editions.EditionError):
            for known in store.list():
                if known.id == edition_id:
                    return known.name
    return PLAN_NAME


def screen_name(ws: Workshop) -> str:
    """What a slide and the presentation are named after: the edition shown, the scenario open."""
    return session.scenario_name(ws.lang, edition_name(ws.settings.edition))
