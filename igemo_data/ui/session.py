"""Every key this app keeps in `st.session_state`, and the settings kept under them.

Streamlit forgets a widget's value when its page is left, so each setting also lives under a
shadow key that outlives page switches, and is written back before the widget is drawn. A
fresh session takes its settings from the URL (a copied link shows the same screen), and every
run writes them back into it.

No other module spells a session key that is read or written as a string: they import the
names below. Buttons and downloads, whose keys only tell two widgets apart and are never read
back, are keyed where they are drawn.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping

import streamlit as st

from igemo_data import url_state
from igemo_data.charts import export
from igemo_data.edition import is_known_form
from igemo_data.settings import PLAN_EDITION, Settings
from igemo_data.store.base import db_path_from_env as _db_path
from igemo_data.store.base import forget_stores, store_for
from igemo_data.store.scenarios import Scenario, ScenarioError, ScenarioStore
from igemo_data.texts import DEFAULT_LANGUAGE
from igemo_data.url_state import Link

# --- The settings' widgets (url_state.WIDGET_KEYS) ----------------------------------------
HORIZON = "horizon"
MARKET_CUT = "market_cut"
NEED_CUT = "need_cut"
DOMAINS = "domains"
LANG = "lang"
ARROWS = "arrows"
PRESENT = "present"
EDITION = "edition"
ONLY_MOVES = "only_moves"  # with arrows: only the services that change quadrant
WIDGET_KEYS: tuple[str, ...] = url_state.WIDGET_KEYS
LIVE_KEYS = (HORIZON, MARKET_CUT, NEED_CUT)  # the settings whose widgets a fragment draws
CUT_KEYS = (MARKET_CUT, NEED_CUT)
RESET_KEYS = (HORIZON, MARKET_CUT, NEED_CUT, DOMAINS)  # what the sidebar's reset restores

# --- What the settings carry besides their widgets ----------------------------------------
OVERRIDES = "overrides"
SCENARIO_BASE = "_scenario_base"  # the Link of the scenario the screen started from
SCENARIO_MISSING = "_scenario_missing"  # a link named a scenario that is gone
STORE_WARNED = "_store_warned"  # the scenario store's warning was shown once

# --- Search and what-ifs ------------------------------------------------------------------
FOUND = "_found_services"  # what the chart's search box found, for the what-if chooser
SEARCHED = "_searched"  # the last query, so only a new search picks its first find
WHAT_IF_SERVICE = "what_if_service"
WHAT_IF_AXES = {"market": "what_if_market", "need": "what_if_need"}

# --- Presentation -------------------------------------------------------------------------
PRESENT_STEP = "present_step"

# --- Callbacks' messages and confirmations (ui.actions) -----------------------------------
FLASH = "_flash"
PENDING_SAVE = "_pending_save"  # (name, author, note) of a save whose name was taken
GO_OVERVIEW = "_go_overview"  # a scenario was opened: show it on the overview
CHOSEN_SCENARIO = "chosen_scenario"
CHOSEN_EDITION = "chosen_edition"
UPLOAD_ROUND = "_data_upload_round"  # a new uploader after a save, so the saved file is gone
EDIT_MODE = "edit_mode"

# --- Access -------------------------------------------------------------------------------
PASSWORD_INPUT = "facilitator_password_input"
FACILITATOR = "_facilitator"
PASSWORD_WRONG = "_password_wrong"
PASSWORD_ATTEMPTS = "_password_attempts"  # access.Attempts: wrong tries and the last one's time
ACCESS_LOGGED = "_access_logged"  # the access problem this session already logged

# --- Other pages' widgets -----------------------------------------------------------------
ONLY_DISAGREEMENTS = "only_disagreements"
PLAN_SEARCH = "plan_search"
SAVE_NAME = "save_name"
SAVE_AUTHOR = "save_author"
SAVE_NOTE = "save_note"
COMPARE_A = "compare_a"
COMPARE_B = "compare_b"
COMPARE_OLD = "compare_old"
COMPARE_NEW = "compare_new"


# --- Buttons, downloads and charts whose keys only tell two widgets apart ------------------
ACTIVATE_EDITION = "activate_edition"
CANCEL_SAVE = "cancel_save"
COMPARE_PDF = "compare_pdf"
DELETE = "delete"
DELETE_EDITION = "delete_edition"
DOWNLOAD_CSV = "download_csv"
DOWNLOAD_XLSX = "download_xlsx"
DUPLICATE = "duplicate"
EXPORT_OVERVIEW = "export_overview"
EXPORT = "export"  # + a werkdomein: its page's downloads
RESET_ONE = "reset"  # + a service id: undo its what-if
COMPARE_CHART = "compare_chart"  # + which side
DUPLICATE_NAME = "copy"  # + scenario id and name: the copy's name box
OPEN_SCENARIO = "open_scenario"
OVERWRITE = "overwrite"
PRESENT_CHART = "present_chart"
PRESENT_EXIT = "present_exit"
PRESENT_NEXT = "present_next"
PRESENT_PREVIOUS = "present_previous"
RENAME = "rename"
RESET_ALL = "reset_all"
SAVE_CHANGES = "save_changes"
SIGN_IN = "sign_in"
SIGN_OUT = "sign_out"
SMAP = "smap"

# --- Issue 18, items 8, 13 and 16 ---------------------------------------------------------
PRESENT_STATUS = "present_status"  # the presentation's horizon-and-cuts line
PRESENT_HORIZON_UP = "present_horizon_up"
PRESENT_HORIZON_DOWN = "present_horizon_down"
CONFIRM = "_confirm"  # (kind, id) of the action (delete, overwrite, reset) that waits for "yes"
TO_TOP = "_to_top"  # a callback switched pages: the next page lands at its top

# --- Issue 18, item 6 ---------------------------------------------------------------------
MOVED_LIST = "moved_list"  # "N verschoven" beside the chart: open, it stays open as N changes

# --- Issue 18, items 9 and 14 -------------------------------------------------------------
NAV_GROUP = "nav"  # + a group's text key: the sidebar container of that group's page links
EDITS_KEPT = "_edits_kept"  # edition id → the data editor's table with edits not yet saved
UNSAVED = "_unsaved"  # some edition has edits not yet saved (the sidebar says so on every page)
# The container that shows edits not yet saved; its CSS class (st-key-unsaved_edits…) is what
# the browser's "leave this page?" guard looks for (compat.warn_before_leaving).
UNSAVED_EDITS = "unsaved_edits"
CHART_TOGGLES = "chart_toggles"  # the toggles beside a chart, one tight container

# --- Issue 15: how firmly a service sits in its quadrant ---------------------------------
FIRMNESS = "firmness"  # the charts' toggle "Toon hoe vast", kept across pages (shadow key)
UNCERTAINTY = "uncertainty"  # Gevoeligheid's slider, kept: the toggle draws with it too
EXPORT_FIRMNESS = "export_firmness"  # the page's downloads
FIRMNESS_TABLE = "firmness_table"

# --- Issue 14: scoring rounds -------------------------------------------------------------
ROUND_TOKEN = "_round_token"  # the participant's secret for this browser session
ROUND_MESSAGE = "_round_message"  # a refusal of the participant's last answer, shown once
ROUND_NAME = "round_participant_name"
ROUND_CARD = "round_card"  # the service whose card the participant sees
# + a service id: the card's "Dienst" chooser. One per card: a chooser kept under one key that
# "volgende" changes from a callback was sent back by the browser with its old value.
ROUND_GO = "round_go"
ROUND_SCORE = "round_score"  # + service id and score: one of the card's four controls
ROUND_PREVIOUS = "round_previous"
ROUND_NEXT = "round_next"
ROUND_FORM = "round_form"
ROUND_TITLE = "round_title"
ROUND_EDITION = "round_edition"
ROUND_SCOPE = "round_scope"  # every service, or one werkdomein
ROUND_NAMES = "round_names"  # names shown beside the answers
ROUND_CHOSEN = "round_chosen"  # the round the facilitator's page shows
ROUND_LIVE = "round_live"  # the live counts' container
ROUND_REVEAL = "round_reveal"
ROUND_CLOSE = "round_close"
ROUND_SECOND = "round_second"
ROUND_DELETE = "round_delete"
ROUND_SETTLE_FORM = "round_settle_form"
ROUND_SETTLE_NAME = "round_settle_name"
ROUND_CHART = "round_chart"
ROUND_LIST = "round_list"  # the disagreement list's scrolling container
ROUND_PICK = "round_pick"  # the service picked in the disagreement list
ROUND_DOTS = "round_dots"
ROUND_COMPARISON = "round_comparison"
EXPORT_ROUND = "export_round"

# --- Issue 17: the live control ------------------------------------------------------------
# The horizon and cut sliders are one small component (`compat.live_control`); HORIZON,
# MARKET_CUT and NEED_CUT are no widget keys any more but plain session keys: the public seam.
# Setting one (an AppTest, a notebook driving a session) changes the setting on the next run,
# as moving the slider does (`restore_widgets` takes it over). Horizon in percent, cuts as
# numbers (1.45).
LIVE_CONTROL = "live_control"
LIVE_SEEN = "_live_seen"  # the sequence number of the last value the control sent
LIVE_PENDING = "_live_pending"  # live charts this run builds last (ui.live_chart.flush)
LIVE_LAG = "_live_lag"  # ms from the control's send (browser clock) to Python having it


def shadow(key: str) -> str:
    """The key a setting outlives a page switch under."""
    return f"_kept_{key}"


OVERVIEW_CHART = "chart_overview"  # a chart's key holds its selection: the clicked service


def domain_chart(domain: str) -> str:
    """The key of a werkdomein page's chart (and of its search box, see `search_key`)."""
    return f"chart_{domain}"


def search_key(name: str) -> str:
    """The search box beside the chart called `name`."""
    return f"search_{name}"


def keep_setting(key: str) -> None:
    """on_change of every settings widget: the shadow key is what the next run restores."""
    st.session_state[shadow(key)] = st.session_state[key]


def restore_settings() -> None:
    """Before the first widget of a run: the kept settings (or, fresh, the URL's) on screen."""
    if shadow(HORIZON) not in st.session_state:
        # A fresh session: the URL decides (a copied link shows the same screen), on top of
        # the scenario it names, if any.
        params = st.query_params.to_dict()
        base = url_state.DEFAULTS
        wanted = url_state.scenario_id(params)
        if wanted:
            found = stored_scenario(wanted)
            if found is not None:
                base = url_state.from_scenario(found.id, found.settings)
            else:
                st.session_state[SCENARIO_MISSING] = wanted
        apply_settings(url_state.from_query(params, base), base=base)
    restore_widgets(WIDGET_KEYS)


def restore_widgets(keys) -> None:
    for key in keys:
        if key in LIVE_KEYS:
            _restore_live(key)
        else:
            st.session_state[key] = st.session_state[shadow(key)]


def _shown(key: str) -> str:
    return f"_shown_{key}"


def _restore_live(key: str) -> None:
    """A live setting's plain key: what was set there from outside since the last run is
    taken over (the seam), then it shows the kept setting, as a widget would."""
    state = st.session_state
    if key in state and state[key] != state.get(_shown(key)):
        value = _live_setting(key, state[key])
        if value is not None:
            state[shadow(key)] = value
    state[key] = state[shadow(key)]
    state[_shown(key)] = state[key]


def _live_setting(key: str, value: object) -> int | float | None:
    """A live setting checked: the horizon a whole percent 0–100, a cut 1–2 on its grid."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if number != number:  # NaN
        return None
    if key == HORIZON:
        return url_state.horizon_percent(min(100.0, max(0.0, number)) / 100)
    return round(min(2.0, max(1.0, number)), 2)


def take_live_value(value: Mapping[str, object] | None) -> None:
    """on_change of the live control: its horizon (percent) and cuts (hundredths) become the
    kept settings; values a browser could not have sent are ignored."""
    if not isinstance(value, Mapping):
        return
    sent = {
        HORIZON: value.get("horizon"),
        MARKET_CUT: _hundredths(value.get("market_cut")),
        NEED_CUT: _hundredths(value.get("need_cut")),
    }
    for key, raw in sent.items():
        checked = _live_setting(key, raw) if raw is not None else None
        if checked is not None:
            st.session_state[shadow(key)] = checked
    seq = value.get("seq")
    if isinstance(seq, int | float):
        st.session_state[LIVE_SEEN] = int(seq)
    sent = value.get("sent_at")  # epoch ms on the browser's clock: same machine in the bench
    if isinstance(sent, int | float) and not isinstance(sent, bool):
        st.session_state[LIVE_LAG] = round(time.time() * 1000 - float(sent), 1)


def _hundredths(value: object) -> float | None:
    return value / 100 if isinstance(value, int | float) and not isinstance(value, bool) else None


def live_values() -> dict[str, int]:
    """The kept live settings as the control holds them: percent and hundredths."""
    state = st.session_state
    return {
        "horizon": int(state.get(shadow(HORIZON)) or 0),
        "market_cut": round(float(state[shadow(MARKET_CUT)]) * 100),
        "need_cut": round(float(state[shadow(NEED_CUT)]) * 100),
    }


def widget_values(link: Link) -> dict[str, object]:
    """What each settings widget shows for `link`: the horizon as the slider's percent."""
    settings = link.settings
    return {
        HORIZON: url_state.horizon_percent(settings.horizon),
        MARKET_CUT: settings.market_cut,
        NEED_CUT: settings.need_cut,
        DOMAINS: list(settings.domains),
        LANG: link.lang,
        ARROWS: link.arrows,
        PRESENT: link.present,
        ONLY_MOVES: link.only_moves,
        EDITION: settings.edition,
        FIRMNESS: link.firmness,
        DECISIONS_SHOWN: link.decisions,
    }


def apply_settings(link: Link, *, base: Link | None = None) -> None:
    """Make `link` what every page shows from the next widget on (also from a callback)."""
    for key, value in widget_values(link).items():
        st.session_state[shadow(key)] = value
    st.session_state[OVERRIDES] = link.settings.plain_overrides()
    st.session_state[SCENARIO_BASE] = base or url_state.DEFAULTS


def reset_settings() -> None:
    """The sidebar's reset: horizon, cuts and domains back to the plan's; what-ifs stay."""
    defaults = widget_values(url_state.DEFAULTS)
    for key in RESET_KEYS:
        st.session_state[shadow(key)] = defaults[key]


def scenario_base() -> Link:
    """The link of the scenario the screen started from (the plan's when none)."""
    return st.session_state.get(SCENARIO_BASE, url_state.DEFAULTS)


def current_link() -> Link:
    """The screen's settings and view as kept between runs and pages."""
    kept = {key: st.session_state.get(shadow(key)) for key in WIDGET_KEYS}
    settings = Settings(
        horizon=url_state.horizon_fraction(kept[HORIZON] or 0),
        market_cut=float(kept[MARKET_CUT]),
        need_cut=float(kept[NEED_CUT]),
        domains=tuple(kept[DOMAINS] or ()),
        overrides=st.session_state.get(OVERRIDES, {}),
        edition=kept[EDITION] or PLAN_EDITION,
    )
    return Link(
        settings,
        scenario=scenario_base().scenario,
        lang=kept[LANG] or DEFAULT_LANGUAGE,
        arrows=bool(kept[ARROWS]),
        present=bool(kept[PRESENT]),
        only_moves=bool(kept[ONLY_MOVES]),
        firmness=bool(kept[FIRMNESS]),
        decisions=bool(kept[DECISIONS_SHOWN]),
    )


def current_settings() -> Settings:
    """The screen's matrix settings (what a scenario stores)."""
    return current_link().settings


def kept_lang() -> str:
    """The viewer's language, for callbacks that run before any widget."""
    return st.session_state.get(shadow(LANG)) or DEFAULT_LANGUAGE


def chosen_domains() -> tuple[str, ...]:
    """The domain filter's choice (none chosen: the whole portfolio)."""
    return tuple(st.session_state.get(shadow(DOMAINS)) or ())


def remember_settings() -> dict[str, str]:
    """Write this run's settings into the URL and return them for the page links."""
    query = url_state.to_query(current_link(), scenario_base())
    for key in url_state.KEYS:
        if key in query and st.query_params.get(key) != query[key]:
            st.query_params[key] = query[key]
        elif key not in query and key in st.query_params:
            del st.query_params[key]
    return query


def forget_scenario(scenario_id: str) -> None:
    """A deleted scenario is no longer the one the screen started from."""
    base = scenario_base()
    if base.scenario == scenario_id:
        st.session_state[SCENARIO_BASE] = dataclasses.replace(base, scenario="")


# --- The scenario store -------------------------------------------------------------------


def scenario_store() -> ScenarioStore:
    """The process's one store; raises `ScenarioError` with a Dutch message when unusable."""
    return store_for(ScenarioStore, str(_db_path()))


def close_scenario_store() -> None:
    """Forget the process's shared stores (they hold their file open): for tests and the bench."""
    forget_stores()


def stored_scenario(scenario_id: str) -> Scenario | None:
    try:
        return scenario_store().get(scenario_id)
    except ScenarioError:
        return None


def scenario_name(lang: str, edition: str) -> str:
    """What a slide and the presentation are named after (`export.slide_name`'s rule).

    `edition` is the name of the edition on screen. Without a scenario open, the screen counts
    as changed when it differs from that edition's own reading, not from the plan's: another
    edition at horizon 0 % and cuts 1,5 has nothing unsaved.
    """
    settings = current_settings()
    base = scenario_base()
    found = stored_scenario(base.scenario) if base.scenario else None
    if found is not None:
        changed = not settings.same_matrix(base.settings)
        return export.slide_name(edition, found.name, changed=changed, lang=lang)
    own = dataclasses.replace(url_state.DEFAULTS.settings, edition=settings.edition)
    changed = not settings.same_matrix(own)
    return export.slide_name(edition, None, changed=changed, lang=lang)


# --- The data page's widgets, one set per upload round or edition ---------------------------
UPLOADER = "upload"
UPLOAD_NAME = "upload_name"  # one per uploaded file: its default name is set once
UPLOAD_AUTHOR = "upload_author"
UPLOAD_NOTE = "upload_note"
EDITOR = "editor"
EDIT_NAME = "edit_name"
EDIT_AUTHOR = "edit_author"
EDIT_NOTE = "edit_note"


def numbered(key: str, number: object) -> str:
    """A widget key of one of many: an upload round, a file, an edition, a service, a side."""
    return f"{key}_{number}"


# --- The active edition ---------------------------------------------------------------------
ACTIVE_EDITION = shadow(EDITION)  # the sidebar's choice, kept across pages


def active_id(state: Mapping[str, object]) -> str:
    """The active edition's id as kept in session state, the plan's when none is kept."""
    value = state.get(ACTIVE_EDITION)
    return value if isinstance(value, str) and is_known_form(value) else PLAN_EDITION


# --- Issue 16: decisions, their history, the minutes ---------------------------------------
# Each + a place ("plan", "smap", "what_if"): the same form drawn in three places.
DECISION_SERVICE = "decision_service"
DECISION_FORM = "decision_form"
DECISION_CHOICE = "decision_choice"
DECISION_RATIONALE = "decision_rationale"
DECISION_OWNER = "decision_owner"
DECISION_DUE = "decision_due"
DECISION_SUBMIT = "decision_submit"
DECISION_PANEL = "decision_what_if_panel"  # the what-if panel's folded decision form
DECISIONS_SHOWN = "decisions"  # the chart's toggle: markers outlined by their decision
SMAP_VIEW = "smap_view"  # 8.3: the left side as the plan decided or as the workshop decided
DECISION_LOG = "decision_log"  # the log's downloads
MINUTES = "minutes"  # the minutes' downloads
