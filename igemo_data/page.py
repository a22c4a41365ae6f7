"""The one shared set-up of every page, and the screen pieces that pages compose.

This is the only module that calls Streamlit. Every page starts with `frame()` (through
`setup()` or `live_page()`): a direct link to a page in `pages/` never runs `app.py`, so page
config, the sidebar's global controls and the state they need must come from here.

The workshop's three sliders are drawn by `draw_settings()`. On the pages a workshop uses while
moving them (the overview, the domain pages, Plan versus matrix) that happens inside a fragment,
`live()`, together with what follows from the sliders: a key press reruns that fragment only.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from igemo_data import access, charts, editions, export, url_state, workshop
from igemo_data.counts_grid import counts_grid_html
from igemo_data.loading import ServiceDataError
from igemo_data.matrix import classify
from igemo_data.scenarios import (
    PLAN_EDITION,
    Scenario,
    ScenarioError,
    ScenarioStore,
    db_path_from_env,
)
from igemo_data.schema import DOMAINS, SCORE_MAX, SCORE_MIN
from igemo_data.texts import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    decision_label,
    domain_label,
    escape_markdown,
    quadrant_label,
    score_slider_format,
    t,
)


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


ROOT = Path(__file__).resolve().parent.parent
DATA_PATH = Path(os.environ.get("STRATEGIEKAART_DATA", ROOT / "data" / "services.csv"))

# (file, text key, icon, domain) in the order of the sidebar; file names are what Streamlit's
# automatic multipage folder knows them by.
PAGES: tuple[tuple[str, str, str, str | None], ...] = (
    ("app.py", "page_overview", ":material/grid_view:", None),
    ("pages/1_Ruimte.py", "page_domain", ":material/landscape:", "RUIMTE"),
    ("pages/2_Mens.py", "page_domain", ":material/diversity_3:", "MENS"),
    ("pages/3_Bestuur.py", "page_domain", ":material/account_balance:", "BESTUUR"),
    ("pages/4_Plan_versus_matrix.py", "page_plan_vs_matrix", ":material/compare_arrows:", None),
    ("pages/10_Strategiekaart_8_3.py", "page_strategy_map", ":material/view_column:", None),
    ("pages/5_Scenarios.py", "page_scenarios", ":material/bookmarks:", None),
    ("pages/9_Scenarios_vergelijken.py", "page_compare_scenarios", ":material/difference:", None),
    ("pages/7_Gegevens.py", "page_data", ":material/dataset:", None),
    ("pages/8_Edities_vergelijken.py", "page_compare", ":material/compare:", None),
    ("pages/6_Het_plan.py", "page_plan", ":material/menu_book:", None),
)

# On a 1920×1080 projector with the sidebar open, the chart column of a 7:3 split is about
# 950 px wide: a 920×700 chart (axes and legend included) fits without overlapping the side.
SCREEN_COLUMNS = (7, 3)
SCREEN_PLOT = (920, 700)
OVERRIDES_KEY = "overrides"
FOUND_KEY = "_found_services"  # what the chart's search box found, for the what-if chooser
WHAT_IF_SERVICE = "what_if_service"
WHAT_IF_AXES = {"market": "what_if_market", "need": "what_if_need"}


@dataclass(frozen=True)
class Workshop:
    """What every page works from: the data and the global settings of this session."""

    services: pd.DataFrame
    lang: str
    horizon: float
    market_cut: float
    need_cut: float
    domains: tuple[str, ...]
    overrides: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    # The baseline below, when the edition store already holds it (it classifies each once).
    plan_reading: pd.DataFrame | None = None

    def classify(self, *, horizon: float | None = None, what_ifs: bool = True) -> pd.DataFrame:
        return classify(
            self.services,
            horizon=self.horizon if horizon is None else horizon,
            market_cut=self.market_cut,
            need_cut=self.need_cut,
            overrides=self.overrides if what_ifs else None,
        )

    def baseline(self) -> pd.DataFrame:
        """The plan's own reading: horizon now, cuts 1.5, no what-ifs."""
        if self.plan_reading is not None:
            return self.plan_reading
        return classify(self.services)

    def ghosts(self, table: pd.DataFrame) -> pd.DataFrame | None:
        """The what-if services among `table`, placed without their what-ifs (drawn hollow)."""
        shown = set(table["id"])
        ids = [sid for sid in self.overrides if sid in shown]
        if not ids:
            return None
        plain = self.classify(what_ifs=False)
        return plain[plain["id"].isin(ids)]


def _edition_store() -> editions.EditionStore | None:
    try:
        return editions.default_store(DATA_PATH)
    except editions.EditionError:
        return None  # the scenario notice says why; the plan still works from its CSV


def _css_text(text: str) -> str:
    """One of our texts as a CSS string for `content:` (a JSON string is a valid CSS one)."""
    return json.dumps(text, ensure_ascii=False)


def upload_box_in_dutch(lang: str, max_mb: int) -> None:
    """Relabel Streamlit's upload box, which has no Dutch: its button and its limits line.

    Static CSS from our own texts (no user data); the file input itself is untouched.
    """
    if lang != "nl":
        return
    button = _css_text(t("upload_button", lang))
    limits = _css_text(t("upload_limits", lang, mb=max_mb))
    zone = "[data-testid=stFileUploaderDropzone]"
    st.html(
        f"<style>{zone} button [data-testid=stMarkdownContainer] p{{font-size:0}}"
        f"{zone} button [data-testid=stMarkdownContainer] p::after"
        f"{{content:{button};font-size:1rem}}"
        f"{zone} [data-testid=stFileUploaderDropzoneInstructions] span{{font-size:0}}"
        f"{zone} [data-testid=stFileUploaderDropzoneInstructions] span::after"
        f"{{content:{limits};font-size:0.875rem}}</style>"
    )


# (where the box sits, text key) from general to specific: the last rule that matches wins.
_INPUT_HINTS = (
    ("[data-testid=stTextInput]", "hint_apply"),
    ("[data-testid=stTextArea]", "hint_area_apply"),
    ("[data-testid=stForm] [data-testid=stTextInput]", "hint_submit"),
    ("[data-testid=stForm] [data-testid=stTextArea]", "hint_area_submit"),
)


def input_hints_in_dutch(lang: str) -> None:
    """Relabel the hint Streamlit shows under a text box while typing ("Press Enter to …").

    Static CSS from our own texts (no user data); the character counter beside it stays.
    """
    if lang != "nl":
        return
    hint = "[data-testid=InputInstructions]"
    rules = [f"{hint}>span:first-child{{display:none}}"]
    for box, key in _INPUT_HINTS:
        rules.append(f"{box} {hint}::before{{content:{_css_text(t(key, lang))}}}")
    st.html(f"<style>{''.join(rules)}</style>")


def edition_store_or_stop(lang: str) -> editions.EditionStore:
    """The edition store, for a page that cannot work without it: else it says why and stops."""
    try:
        return editions.default_store(DATA_PATH)
    except editions.EditionError as error:
        st.error(f"{t('edition_store_unusable', lang)} {escape_markdown(str(error))}")
        st.stop()


def _active_services(lang: str, place) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The chosen edition's services (the plan's by default), chosen in the sidebar."""
    store = _edition_store()
    choices = {PLAN_EDITION: t("plan_name", lang)}
    if store is not None:
        with contextlib.suppress(editions.EditionError):
            choices = {edition.id: edition.name for edition in store.list()}
    if st.session_state.get(_shadow("edition")) not in choices:
        st.session_state[_shadow("edition")] = PLAN_EDITION
        st.session_state["edition"] = PLAN_EDITION
    place.selectbox(
        t("edition_pick", lang),
        list(choices),
        format_func=choices.__getitem__,
        key="edition",
        on_change=keep_setting,
        args=("edition",),
        help=t("edition_pick_help", lang),
    )
    try:
        active = editions.resolve(store, st.session_state[_shadow("edition")], DATA_PATH)
    except ServiceDataError as error:
        st.error(t("data_error", lang))
        st.dataframe(pd.DataFrame(error.as_records()), hide_index=True)
        st.stop()
    if active.warning:
        st.warning(escape_markdown(active.warning))
        st.session_state[_shadow("edition")] = PLAN_EDITION
    baseline = None
    if store is not None:
        with contextlib.suppress(editions.EditionError):
            baseline = store.baseline(active.edition.id)
    return active.services, baseline


@dataclass(frozen=True)
class Frame:
    """What a page's full run draws once: everything in the sidebar but the three sliders.

    A slider reruns only the page's fragment (see `live_page`), which draws the sliders into
    `sliders` and whatever follows from them; the rest stays on screen untouched. Every
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
    _restore_settings()
    # The workshop's controls come first: on a 1080-pixel projector they must be in view.
    controls = st.sidebar.container()
    navigation = st.sidebar.container()
    lang = st.sidebar.segmented_control(
        "Taal / Language",
        LANGUAGES,
        format_func={"nl": "Nederlands", "en": "English"}.__getitem__,
        key="lang",
        on_change=keep_setting,
        args=("lang",),
    )
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    title = t(page_key, lang, domain=domain_label(domain, lang) if domain else "")
    app_title = t("app_title", lang)
    st.set_page_config(
        page_title=title if title == app_title else f"{title} · {app_title}",
        page_icon=":material/grid_view:",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    input_hints_in_dutch(lang)
    # The scenario store opens the shared DuckDB file first: if it is damaged, it is the one
    # that sets it aside and says so.
    _store_notice(lang)
    if st.session_state.pop("_scenario_missing", None):  # a link to a deleted scenario
        st.warning(t("scenario_missing", lang))
    with controls:
        st.header(t("sidebar_settings", lang))
    services, plan_reading = _active_services(lang, controls)
    with controls:
        sliders = st.container()
        st.pills(
            t("domain_filter", lang),
            DOMAINS,
            format_func=lambda domain: domain_label(domain, lang),
            selection_mode="multi",
            help=t("domain_filter_help", lang),
            key="domains",
            on_change=keep_setting,
            args=("domains",),
            disabled=domain is not None,
        )
        st.button(
            t("reset_settings", lang), on_click=_reset_settings, icon=":material/restart_alt:"
        )
        badge = st.container()
    with navigation:
        st.header(t("sidebar_pages", lang))
        # Without the settings in the links: the fragment changes them, the links would lag.
        # A page switch keeps them in the session, and each page writes them into its URL.
        for file, key, icon, page_domain in PAGES:
            label = t(key, lang, domain=domain_label(page_domain, lang) if page_domain else "")
            st.page_link(file, label=label, icon=icon)
    _facilitator_panel(lang)
    return Frame(lang, domain, services, plan_reading, sliders, badge)


def settings(frame: Frame) -> Workshop:
    """The three sliders, then this session's settings as a Workshop."""
    draw_settings(frame)
    return kept_workshop(frame)


def kept_workshop(frame: Frame) -> Workshop:
    """This session's settings as kept between runs, before any widget of this run is drawn.

    A slider's on_change has kept its new value by the time a run starts, so a fragment can
    draw the chart first and the sliders after it.
    """
    kept = current_settings()
    known = set(frame.services["id"])
    overrides = {sid: dict(values) for sid, values in kept.overrides.items() if sid in known}
    st.session_state[OVERRIDES_KEY] = overrides
    return Workshop(
        services=frame.services,
        lang=frame.lang,
        horizon=kept.horizon / 100,
        market_cut=kept.market_cut,
        need_cut=kept.need_cut,
        domains=(frame.domain,) if frame.domain else kept.domains,
        overrides=overrides,
        plan_reading=frame.plan_reading,
    )


def draw_settings(frame: Frame) -> None:
    """The three sliders, the scenario badge and the URL: what a key press on a slider moves."""
    lang = frame.lang
    # On a rerun of a fragment alone, a callback (the reset button, a scenario opened) may have
    # changed the kept settings: the sliders show them from here on.
    _restore_widgets(_LIVE_KEYS)
    with frame.sliders:
        st.slider(
            t("horizon", lang),
            min_value=0,
            max_value=100,
            step=url_state.HORIZON_STEP,
            format="%d %%",
            help=t("horizon_help", lang),
            key="horizon",
            on_change=keep_setting,
            args=("horizon",),
        )
        st.caption(f"0 % = {t('horizon_now', lang)} … 100 % = {t('horizon_future', lang)}")
        _cut_slider("market_cut", lang)
        _cut_slider("need_cut", lang)
    _scenario_badge(lang, frame.badge)
    _remember_settings()


def chosen_domains() -> tuple[str, ...]:
    """The domain filter's choice (none chosen: the whole portfolio)."""
    return tuple(st.session_state.get(_shadow("domains")) or ())


def setup(page_key: str = "page_overview", domain: str | None = None) -> Workshop:
    """Page config, the sidebar and this session's settings, for a page a slider reruns whole.

    For pages that show little of the settings (scenarios, data, the plan's text).
    """
    return settings(frame(page_key, domain))


def live_page(
    page_key: str, body: Callable[[Workshop], None], *, domain: str | None = None
) -> None:
    """A page drawn from the settings: the sliders and `body(ws)` rerun together, alone.

    A key press on a slider reruns only this fragment, not the language, edition, navigation
    and access parts around it (design §1: the chart must follow the slider at once).
    """
    page_frame = frame(page_key, domain)
    if presenting():
        presentation(settings(page_frame))
        return
    live(page_frame, body)


@st.fragment
def live(page_frame: Frame, body: Callable[[Workshop], None]) -> None:
    """Run `body` with this session's settings, rerun alone whenever a widget of it changes."""
    body(kept_workshop(page_frame))  # the chart before the sliders: it is what the room watches
    draw_settings(page_frame)


def _store_notice(lang: str) -> None:
    """Say it at once when scenarios cannot be stored, or when a damaged file was set aside."""
    try:
        store = scenario_store()
    except ScenarioError as error:
        st.error(f"{t('store_unusable', lang)} {escape_markdown(str(error))}")
        return
    if store.warning and not st.session_state.get("_store_warned"):
        st.session_state["_store_warned"] = True
        st.warning(escape_markdown(store.warning))


def _scenario_badge(lang: str, place: DeltaGenerator) -> None:
    """Which saved scenario the screen shows, and whether it has been changed since."""
    base = st.session_state.get(SCENARIO_BASE, url_state.DEFAULTS)
    if not base.scenario:
        return
    found = _stored_scenario(base.scenario)
    if found is None:
        return
    place.markdown(
        f":material/bookmark: **{escape_markdown(t('current_scenario', lang, name=found.name))}**"
    )
    if not url_state.same_workshop(current_settings(), base):
        place.caption(t("scenario_changed", lang))


# Streamlit forgets a widget's value when its page is left, so each setting also lives under a
# shadow key that outlives page switches, and is written back before the widget is drawn.
_WIDGET_KEYS = url_state.WIDGET_KEYS


def _shadow(key: str) -> str:
    return f"_kept_{key}"


def keep_setting(key: str) -> None:
    """on_change of every settings widget: the shadow key is what the next run restores."""
    st.session_state[_shadow(key)] = st.session_state[key]


SCENARIO_BASE = "_scenario_base"  # the UrlSettings of the scenario the screen started from


def _restore_settings() -> None:
    if _shadow("horizon") not in st.session_state:
        # A fresh session: the URL decides (a copied link shows the same screen), on top of
        # the scenario it names, if any.
        params = st.query_params.to_dict()
        base = url_state.DEFAULTS
        wanted = url_state.scenario_id(params)
        if wanted:
            found = _stored_scenario(wanted)
            if found is not None:
                base = url_state.from_scenario(found)
            else:
                st.session_state["_scenario_missing"] = wanted
        apply_settings(url_state.from_query(params, base), base=base)
    _restore_widgets(_WIDGET_KEYS)


# The settings whose widgets a fragment draws (see `settings`).
_LIVE_KEYS = ("horizon", "market_cut", "need_cut")


def _restore_widgets(keys) -> None:
    for key in keys:
        st.session_state[key] = st.session_state[_shadow(key)]


def apply_settings(
    settings: url_state.UrlSettings, *, base: url_state.UrlSettings | None = None
) -> None:
    """Make `settings` what every page shows from the next widget on (also from a callback)."""
    for key in _WIDGET_KEYS:
        value = getattr(settings, key)
        st.session_state[_shadow(key)] = list(value) if key == "domains" else value
    st.session_state[OVERRIDES_KEY] = {k: dict(v) for k, v in settings.overrides.items()}
    st.session_state[SCENARIO_BASE] = base or url_state.DEFAULTS


def current_settings() -> url_state.UrlSettings:
    """The screen's settings as kept between runs and pages."""
    kept = {key: st.session_state.get(_shadow(key)) for key in _WIDGET_KEYS}
    base = st.session_state.get(SCENARIO_BASE, url_state.DEFAULTS)
    return url_state.UrlSettings(
        horizon=int(kept["horizon"] or 0),
        market_cut=float(kept["market_cut"]),
        need_cut=float(kept["need_cut"]),
        domains=tuple(kept["domains"] or ()),
        lang=kept["lang"] or DEFAULT_LANGUAGE,
        arrows=bool(kept["arrows"]),
        present=bool(kept["present"]),
        edition=kept["edition"] or PLAN_EDITION,
        overrides=st.session_state.get(OVERRIDES_KEY, {}),
        scenario=base.scenario,
    )


def _remember_settings() -> dict[str, str]:
    """Write this run's settings into the URL and return them for the page links."""
    base = st.session_state.get(SCENARIO_BASE, url_state.DEFAULTS)
    query = url_state.to_query(current_settings(), base)
    for key in url_state.KEYS:
        if key in query and st.query_params.get(key) != query[key]:
            st.query_params[key] = query[key]
        elif key not in query and key in st.query_params:
            del st.query_params[key]
    return query


@st.cache_resource(show_spinner=False)
def _scenario_store(path: str) -> ScenarioStore:
    return ScenarioStore(path)


def scenario_store() -> ScenarioStore:
    """The process's one store; raises `ScenarioError` with a Dutch message when unusable."""
    return _scenario_store(str(db_path_from_env()))


def _stored_scenario(scenario_id: str) -> Scenario | None:
    try:
        return scenario_store().get(scenario_id)
    except ScenarioError:
        return None


def _cut_slider(key: str, lang: str) -> float:
    return st.slider(
        t(key, lang),
        min_value=SCORE_MIN,
        max_value=SCORE_MAX,
        step=url_state.CUT_STEP,
        format=score_slider_format(lang),
        help=t("cut_help", lang),
        key=key,
        on_change=keep_setting,
        args=(key,),
    )


def _reset_settings() -> None:
    defaults = url_state.DEFAULTS
    for key in ("horizon", "market_cut", "need_cut", "domains"):
        value = getattr(defaults, key)
        st.session_state[_shadow(key)] = list(value) if key == "domains" else value


# --- Screen pieces -------------------------------------------------------------------------


def search_box(lang: str, table: pd.DataFrame, *, key: str) -> list[str]:
    """Find services by name or code: they are circled on the chart and offered for what-ifs.

    Indispensable for a large portfolio (charts.DENSE_FROM services or more), drawn as small
    dots without codes.
    """
    query = st.text_input(
        t("search_service", lang),
        key=f"search_{key}",
        placeholder=t("search_placeholder", lang),
        icon=":material/search:",
    )
    found = workshop.find_services(table, query)
    st.session_state[FOUND_KEY] = found if query.strip() else None
    if found and st.session_state.get("_searched") != query:
        # A new search picks its first find for the what-if sliders, as a click would.
        st.session_state[WHAT_IF_SERVICE] = found[0]
    st.session_state["_searched"] = query
    if query.strip():
        st.caption(t("search_found", lang, count=len(found)) if found else t("search_none", lang))
    return found


def quadrant_chart(
    ws: Workshop,
    table: pd.DataFrame,
    *,
    key: str,
    arrows: bool = False,
    found: list[str] | None = None,
) -> None:
    """The Harrigan chart; clicking a service picks it for the what-if sliders."""
    found = found or []
    if len(table) >= charts.DENSE_FROM:
        spec, dots = charts.dense_parts(
            table,
            market_cut=ws.market_cut,
            need_cut=ws.need_cut,
            lang=ws.lang,
            width=SCREEN_PLOT[0],
            height=SCREEN_PLOT[1],
            highlight=found,
        )
        st.vega_lite_chart(
            dots,
            charts.with_arrow_datasets(charts.with_named_datasets(spec)),
            key=key,
            width="content",
        )
        st.caption(t("dense_caption", ws.lang, count=len(table)))
        return
    ghosts = ws.ghosts(table)
    arrow_frame = None
    if arrows:
        ids = set(table["id"])
        now = ws.classify(horizon=0.0, what_ifs=False)
        future = ws.classify(horizon=1.0, what_ifs=False)
        arrow_frame = charts.evolution_arrows(
            now[now["id"].isin(ids)],
            future[future["id"].isin(ids)],
            market_cut=ws.market_cut,
            need_cut=ws.need_cut,
        )
    chart = charts.quadrant_chart(
        table,
        market_cut=ws.market_cut,
        need_cut=ws.need_cut,
        lang=ws.lang,
        ghosts=ghosts,
        arrows=arrow_frame,
        width=SCREEN_PLOT[0],
        height=SCREEN_PLOT[1],
        highlight=found,
    )
    show_chart(
        chart,
        key=key,
        on_select=lambda: _pick_from_chart(key),
        selection_mode="dienst",
        # The spread guarantees no overlap at the width it was laid out for; stretching the
        # chart to a narrower column would squeeze markers together.
        width="content",
    )


def show_chart(chart, **options):
    """Draw an Altair chart (or a ready spec); its schema was checked by the tests, not again
    on every rerun (validation is a third of a slider move's time)."""
    spec = charts.with_named_datasets(charts.as_spec(chart))
    return st.vega_lite_chart(charts.with_arrow_datasets(spec), **options)


def _pick_from_chart(key: str) -> None:
    event = st.session_state.get(key) or {}
    picked = (event.get("selection") or {}).get("dienst") or []
    if picked and picked[0].get("id"):
        st.session_state[WHAT_IF_SERVICE] = picked[0]["id"]


def quadrant_counts(ws: Workshop, table: pd.DataFrame) -> None:
    """Four numbers laid out like the matrix itself: need strong on top, market strong right."""
    counts = dict(workshop.quadrant_counts(table).itertuples(index=False))
    st.html(counts_grid_html(counts, ws.lang))


def shift_heading(lang: str) -> None:
    st.subheader(t("shifts_title", lang))
    st.caption(t("shifts_caption", lang))


def shift_list(ws: Workshop, table: pd.DataFrame) -> None:
    """The services whose quadrant differs from the plan's own reading, from → to."""
    baseline = ws.baseline()
    moved = workshop.shifts(baseline[baseline["id"].isin(set(table["id"]))], table)
    if moved.empty:
        st.info(t("shifts_none", ws.lang))
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


def what_if_panel(ws: Workshop, table: pd.DataFrame) -> None:
    """Pick a service (or click it on the chart) and override its market position and need."""
    st.subheader(t("what_if_title", ws.lang))
    found = st.session_state.get(FOUND_KEY)
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
    if st.session_state.get(WHAT_IF_SERVICE) not in labels:
        st.session_state[WHAT_IF_SERVICE] = None
    picked = st.selectbox(
        t("what_if_pick", ws.lang),
        list(labels),
        format_func=labels.__getitem__,
        index=None,
        placeholder=t("what_if_none", ws.lang),
        key=WHAT_IF_SERVICE,
    )
    if picked is None:
        return
    row = table[table["id"] == picked].iloc[0]
    override = ws.overrides.get(picked, {})
    for axis, key in WHAT_IF_AXES.items():
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
            key=WHAT_IF_AXES[axis],
            on_change=_store_override,
            args=(picked, axis),
        )
    st.caption(t("what_if_caption", ws.lang))


def _store_override(service_id: str, axis: str) -> None:
    st.session_state[OVERRIDES_KEY] = workshop.with_override(
        st.session_state.get(OVERRIDES_KEY, {}),
        service_id,
        axis,
        st.session_state[WHAT_IF_AXES[axis]],
    )


def _drop_override(service_id: str | None) -> None:
    current = st.session_state.get(OVERRIDES_KEY, {})
    st.session_state[OVERRIDES_KEY] = (
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
    rows = workshop.override_table(ws.services, ws.overrides)
    if rows.empty:
        st.caption(t("overrides_none", ws.lang))
        return
    for row in rows.itertuples():
        name, market, need, reset = st.columns([4, 2, 2, 2], vertical_alignment="center")
        name.markdown(f"**{escape_markdown(row.code)}** {escape_markdown(row.name)}")
        market.write(f"{t('what_if_market', ws.lang)}: {_score_text(row.market, ws.lang)}")
        need.write(f"{t('what_if_need', ws.lang)}: {_score_text(row.need, ws.lang)}")
        reset.button(
            t("reset_one", ws.lang),
            key=f"reset_{row.id}",
            on_click=_drop_override,
            args=(row.id,),
            icon=":material/undo:",
        )
    st.button(
        t("reset_all", ws.lang),
        key="reset_all",
        on_click=_drop_override,
        args=(None,),
        icon=":material/restart_alt:",
        type="primary",
    )


def _score_text(value: float | None, lang: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "nl" else text


def help_text(lang: str) -> None:
    with st.expander(t("help_title", lang), icon=":material/help:"):
        st.markdown(t("help_body", lang))


def domain_page(domain: str) -> None:
    """A werkdomein's page: its chart, the four scores per service and quadrants per cluster."""
    live_page("page_domain", functools.partial(_domain_body, domain), domain=domain)


def _domain_body(domain: str, ws: Workshop) -> None:
    st.title(t("page_domain", ws.lang, domain=domain_label(domain, ws.lang)))
    table = workshop.only_domains(ws.classify(), [domain])
    chart_column, side_column = st.columns(SCREEN_COLUMNS, gap="large")
    with side_column:
        found = search_box(ws.lang, table, key=f"chart_{domain}")
        counts_heading(ws.lang)
        quadrant_counts(ws, table)
        what_if_panel(ws, table)
    with chart_column:
        quadrant_chart(ws, table, key=f"chart_{domain}", found=found)
        chart_caption(ws.lang)
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
    drawn.keep(ws, table)
    export_buttons(drawn, lang=ws.lang, key=f"export_{domain}", domains=(domain,))


def plan_versus_matrix_page() -> None:
    live_page("page_plan_vs_matrix", _plan_versus_matrix_body)


def _plan_versus_matrix_body(ws: Workshop) -> None:
    st.title(t("page_plan_vs_matrix", ws.lang))
    st.write(t("plan_vs_matrix_intro", ws.lang))
    table = workshop.only_domains(ws.classify(), ws.domains)
    compared = workshop.plan_versus_matrix(table)
    differing = int((compared["agreement"] == workshop.DISAGREES).sum())
    count_column, filter_column = st.columns([2, 3], vertical_alignment="center")
    count_column.metric(
        t("disagrees_metric", ws.lang),
        f"{differing} / {len(compared)}",
        border=True,
        help=t("disagreement_count", ws.lang, count=differing, total=len(compared)),
    )
    if filter_column.toggle(t("only_disagreements", ws.lang), key="only_disagreements"):
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
        height=_table_height(len(shown)),
        # The plan's words are what the workshop discusses: they get the room.
        column_config={
            t("field_code", ws.lang): st.column_config.TextColumn(width=60),
            t("field_domain", ws.lang): st.column_config.TextColumn(width=100),
            t("field_plan_note", ws.lang): st.column_config.TextColumn(width=620),
        },
    )


def _table_height(rows: int) -> int:
    """Tall enough to show every row without an inner scrollbar on the projector (rows are
    about 39 px at the theme's 18 px base font)."""
    return 48 + 42 * rows


# --- Scenario actions (callbacks of the Scenario's page) ------------------------------------


def _flash(kind: str, message: str) -> None:
    st.session_state.setdefault("_flash", []).append((kind, message))


def show_flash() -> None:
    """Messages from callbacks, shown once; callbacks run before the page can draw them."""
    for kind, message in st.session_state.pop("_flash", []):
        getattr(st, kind)(escape_markdown(message))


def _lang() -> str:
    return st.session_state.get(_shadow("lang")) or DEFAULT_LANGUAGE


def save_scenario(name: str, author: str, note: str, *, overwrite: bool = False) -> Scenario:
    """Store the screen as a scenario and make it the one the screen now shows."""
    if not can_change():
        raise ScenarioError(t("viewer_only", _lang()))
    settings = current_settings()
    saved = scenario_store().save(
        name,
        url_state.to_scenario_settings(settings),
        author=author,
        note=note,
        overwrite=overwrite,
    )
    st.session_state[SCENARIO_BASE] = url_state.from_scenario(saved)
    return saved


def overwrite_pending() -> None:
    if not can_change():
        return
    name, author, note = st.session_state.pop("_pending_save")
    try:
        saved = save_scenario(name, author, note, overwrite=True)
        _flash("success", f"{t('saved', _lang())} {saved.name}")
    except ScenarioError as error:
        _flash("error", str(error))


def cancel_pending() -> None:
    st.session_state.pop("_pending_save", None)


def save_changes(scenario_id: str) -> None:
    if not can_change():
        return
    try:
        saved = scenario_store().update(
            scenario_id, url_state.to_scenario_settings(current_settings())
        )
        st.session_state[SCENARIO_BASE] = url_state.from_scenario(saved)
        _flash("success", f"{t('saved', _lang())} {saved.name}")
    except ScenarioError as error:
        _flash("error", str(error))


def open_scenario(scenario_id: str) -> None:
    """Restore a scenario's settings and what-ifs on every page; the viewer keeps a language."""
    found = _stored_scenario(scenario_id)
    if found is None:
        _flash("error", t("scenario_missing", _lang()))
        return
    base = url_state.from_scenario(found)
    current = current_settings()
    apply_settings(
        dataclasses.replace(
            base, lang=current.lang, arrows=current.arrows, present=current.present
        ),
        base=base,
    )
    st.session_state["_go_overview"] = True


def rename_scenario(scenario_id: str, new_name: str) -> None:
    if not can_change():
        return
    try:
        renamed = scenario_store().rename(scenario_id, new_name)
        _flash("success", f"{t('saved', _lang())} {renamed.name}")
    except ScenarioError as error:
        _flash("error", str(error))


def duplicate_scenario(scenario_id: str, new_name: str) -> None:
    if not can_change():
        return
    try:
        copy = scenario_store().duplicate(scenario_id, new_name)
        st.session_state["chosen_scenario"] = copy.id
        _flash("success", f"{t('saved', _lang())} {copy.name}")
    except ScenarioError as error:
        _flash("error", str(error))


def ask_delete(scenario_id: str) -> None:
    st.session_state["_confirm_delete"] = scenario_id


def cancel_delete() -> None:
    st.session_state.pop("_confirm_delete", None)


def delete_scenario(scenario_id: str) -> None:
    if not can_change():
        return
    st.session_state.pop("_confirm_delete", None)
    try:
        scenario_store().delete(scenario_id)
        st.session_state.pop("chosen_scenario", None)
        if st.session_state.get(SCENARIO_BASE, url_state.DEFAULTS).scenario == scenario_id:
            base = st.session_state[SCENARIO_BASE]
            st.session_state[SCENARIO_BASE] = dataclasses.replace(base, scenario="")
        _flash("success", t("deleted", _lang()))
    except ScenarioError as error:
        _flash("error", str(error))


def scenario_rows(scenarios: list[Scenario], lang: str) -> list[dict[str, object]]:
    """The list of saved scenarios as table rows, in the viewer's language."""
    rows = []
    for scenario in scenarios:
        s = scenario.settings
        cuts = f"{s.market_cut:.2f} / {s.need_cut:.2f}"
        rows.append(
            {
                t("save_name", lang): scenario.name,
                t("save_author", lang): scenario.author,
                t("field_updated", lang): scenario.updated_at.astimezone().strftime(
                    "%d-%m-%Y %H:%M"
                ),
                t("horizon", lang): f"{round(s.horizon * 100)} %",
                t("field_settings", lang): cuts if lang == "en" else cuts.replace(".", ","),
                t("field_what_ifs", lang): len(s.overrides),
                t("save_note", lang): scenario.note,
            }
        )
    return rows


# --- Board export and presentation ---------------------------------------------------------


def scenario_name(lang: str) -> str:
    """What the slide is named after: the open scenario, the plan itself, or 'not saved'."""
    settings = current_settings()
    base = st.session_state.get(SCENARIO_BASE, url_state.DEFAULTS)
    found = _stored_scenario(base.scenario) if base.scenario else None
    if found is not None:
        if url_state.same_workshop(settings, base):
            return found.name
        return f"{found.name} ({t('scenario_changed', lang)})"
    if url_state.same_workshop(settings, url_state.DEFAULTS):
        return t("plan_name", lang)
    return f"{t('plan_name', lang)} ({t('unsaved_name', lang)})"


@dataclass
class Drawn:
    """What the screen shows now, for the downloads: their buttons may be drawn before it.

    A download's data is made on its own thread, without the session, when it is clicked; the
    buttons sit outside the fragment a slider reruns, so each rerun leaves its result here,
    as one tuple replaced whole, so a click never mixes two runs.
    """

    now: tuple[Workshop, pd.DataFrame, str] | None = None

    def keep(self, ws: Workshop, table: pd.DataFrame) -> None:
        self.now = (ws, table, scenario_name(ws.lang))


def export_buttons(drawn: Drawn, *, lang: str, key: str, domains: tuple[str, ...]) -> None:
    """Downloads for the board; files are made only when a button is pressed."""

    def spec() -> dict:
        ws, table, name = drawn.now
        return export.slide_spec(
            table,
            market_cut=ws.market_cut,
            need_cut=ws.need_cut,
            lang=ws.lang,
            scenario_name=name,
            settings_line=export.describe_settings(
                horizon=ws.horizon,
                market_cut=ws.market_cut,
                need_cut=ws.need_cut,
                domains=domains,
                lang=ws.lang,
            ),
            on=date.today(),
            ghosts=ws.ghosts(table),
        )

    stem = file_stem(f"strategiekaart-{drawn.now[2]}-{'-'.join(domains).lower()}")

    def rows() -> pd.DataFrame:
        ws, table, _ = drawn.now
        return export.scenario_table(table, ws.overrides, ws.lang)

    st.subheader(t("export_title", lang))
    st.caption(t("export_caption", lang))
    downloads = (
        ("export_png", lambda: export.png(spec()), "png", "image/png"),
        ("export_svg", lambda: export.svg(spec()), "svg", "image/svg+xml"),
        ("export_pdf", lambda: export.pdf(spec()), "pdf", "application/pdf"),
        ("export_csv", lambda: export.table_csv(rows()), "csv", "text/csv"),
        (
            "export_xlsx",
            lambda: export.table_xlsx(rows()),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    )
    for column, (label, data, suffix, mime) in zip(
        st.columns(len(downloads)), downloads, strict=True
    ):
        column.download_button(
            t(label, lang),
            data=data,
            file_name=f"{stem}.{suffix}",
            mime=mime,
            key=f"{key}_{suffix}",
            on_click="ignore",
            icon=":material/download:",
        )


def file_stem(text: str) -> str:
    """A file name that every operating system accepts, from any scenario name."""
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in text.strip())
    while "--" in safe:
        safe = safe.replace("--", "-")
    return safe.strip("-")[:80] or "strategiekaart"


PRESENT_STEPS: tuple[str | None, ...] = (None, *DOMAINS)


def presentation(ws: Workshop) -> None:
    """The chart alone, large, stepping from the whole portfolio through each werkdomein."""
    # Static CSS only (no data in it): hide the sidebar and the header for the projector.
    st.html(
        "<style>[data-testid=stSidebar],[data-testid=stSidebarCollapsedControl],"
        "header[data-testid=stHeader]{display:none !important}"
        ".block-container{padding-top:1rem !important}</style>"
    )
    step = int(st.session_state.get("present_step", 0)) % len(PRESENT_STEPS)
    domain = PRESENT_STEPS[step]
    previous, title, following, leave = st.columns([1, 6, 1, 2], vertical_alignment="center")
    previous.button(
        t("present_previous", ws.lang),
        key="present_previous",
        on_click=_present_step,
        args=(-1,),
        shortcut="left",
        icon=":material/arrow_back:",
        width="stretch",
    )
    scope = domain_label(domain, ws.lang) if domain else t("present_all", ws.lang)
    title.title(f"{scope} · {escape_markdown(scenario_name(ws.lang))}", anchor=False)
    following.button(
        t("present_next", ws.lang),
        key="present_next",
        on_click=_present_step,
        args=(1,),
        shortcut="right",
        icon=":material/arrow_forward:",
        width="stretch",
    )
    leave.button(
        t("present_exit", ws.lang),
        key="present_exit",
        on_click=_leave_presentation,
        icon=":material/close_fullscreen:",
        width="stretch",
    )
    table = ws.classify()
    if domain:
        table = workshop.only_domains(table, [domain])
    chart = charts.portfolio_chart(
        table,
        market_cut=ws.market_cut,
        need_cut=ws.need_cut,
        lang=ws.lang,
        width=1650,
        height=860,
        selectable=False,
    )
    show_chart(chart, key="present_chart", width="content")
    st.caption(t("present_keys", ws.lang))


def _present_step(delta: int) -> None:
    st.session_state["present_step"] = (int(st.session_state.get("present_step", 0)) + delta) % len(
        PRESENT_STEPS
    )


def _leave_presentation() -> None:
    st.session_state[_shadow("present")] = False


def presenting() -> bool:
    return bool(st.session_state.get(_shadow("present")))


# --- Comparing two scenarios ---------------------------------------------------------------

PLAN_CHOICE = "plan"
CURRENT_CHOICE = "current"


def comparison_choices(lang: str) -> dict[str, str]:
    """What can be compared: the plan, the screen as it is, and every saved scenario."""
    choices = {PLAN_CHOICE: t("plan_baseline", lang), CURRENT_CHOICE: t("compare_current", lang)}
    try:
        for scenario in scenario_store().list():
            choices[scenario.id] = scenario.name
    except ScenarioError as error:
        st.warning(escape_markdown(str(error)))
    return choices


def settings_for(choice: str) -> url_state.UrlSettings:
    if choice == CURRENT_CHOICE:
        return current_settings()
    found = _stored_scenario(choice) if choice != PLAN_CHOICE else None
    return url_state.from_scenario(found) if found else url_state.DEFAULTS


def classify_settings(ws: Workshop, settings: url_state.UrlSettings) -> pd.DataFrame:
    """The services placed as `settings` place them, limited to the sidebar's werkdomeinen."""
    known = set(ws.services["id"])
    table = classify(
        ws.services,
        horizon=settings.horizon / 100,
        market_cut=settings.market_cut,
        need_cut=settings.need_cut,
        overrides={k: v for k, v in settings.overrides.items() if k in known},
    )
    return workshop.only_domains(table, ws.domains)


def comparison_pdf_button(ws: Workshop, sides, moves: pd.DataFrame) -> None:
    """The one-page PDF for the board, made only when the button is pressed."""
    (name_a, settings_a, table_a), (name_b, settings_b, table_b) = sides

    def data() -> bytes:
        return export.comparison_pdf(
            table_a,
            table_b,
            moves,
            market_cut=(settings_a.market_cut, settings_b.market_cut),
            need_cut=(settings_a.need_cut, settings_b.need_cut),
            names=(name_a, name_b),
            lang=ws.lang,
            on=date.today(),
        )

    st.download_button(
        t("compare_pdf", ws.lang),
        data=data,
        file_name=f"{file_stem(f'vergelijking-{name_a}-{name_b}')}.pdf",
        mime="application/pdf",
        key="compare_pdf",
        on_click="ignore",
        icon=":material/download:",
        type="primary",
    )


# --- Access: who may change data and scenarios --------------------------------------------

_PASSWORD_INPUT = "facilitator_password_input"
_FACILITATOR = "_facilitator"


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, OSError, ValueError):
        return {}  # no secrets file: the app runs open, as designed


def can_change() -> bool:
    """Whether this session may change data or save and delete scenarios."""
    current = access.mode(_secrets())
    if current == "open":
        return True
    if current == "login":
        return bool(st.user.get("is_logged_in"))
    return bool(st.session_state.get(_FACILITATOR))


def _facilitator_panel(lang: str) -> None:
    current = access.mode(_secrets())
    if current == "open":
        return
    with st.sidebar.expander(t("facilitator_title", lang), icon=":material/lock:"):
        if can_change():
            st.caption(t("facilitator_yes", lang))
            if current == "login":
                st.button(t("sign_out", lang), key="sign_out", on_click=st.logout)
            else:
                st.button(t("sign_out", lang), key="sign_out", on_click=_forget_facilitator)
            return
        st.caption(t("facilitator_no", lang))
        if current == "login":
            st.button(t("sign_in", lang), key="sign_in", on_click=st.login)
            return
        st.text_input(t("password", lang), type="password", key=_PASSWORD_INPUT)
        st.button(t("sign_in", lang), key="sign_in", on_click=_check_password)
        if st.session_state.pop("_password_wrong", False):
            st.error(t("password_wrong", lang))


def _check_password() -> None:
    # The typed password leaves the session state here, whatever the outcome.
    given = st.session_state.pop(_PASSWORD_INPUT, "") or ""
    expected = access.facilitator_password(_secrets())
    if expected and access.password_matches(given, expected):
        st.session_state[_FACILITATOR] = True
    else:
        st.session_state["_password_wrong"] = True


def _forget_facilitator() -> None:
    st.session_state.pop(_FACILITATOR, None)


def require_change(lang: str) -> bool:
    """Shown where changes are offered: True may go on; False has told the viewer why not."""
    if can_change():
        return True
    st.info(t("viewer_only", lang))
    return False
