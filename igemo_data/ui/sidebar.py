"""The sidebar's global settings: language, edition, the three sliders, domains and pages.

The three sliders are drawn by `draw_settings`; on the pages a workshop uses while moving them
that happens inside the page's fragment (ui.live), so a key press reruns that fragment only.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from igemo_data import url_state
from igemo_data.schema import DOMAINS
from igemo_data.settings import PLAN_EDITION
from igemo_data.texts import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    domain_label,
    escape_markdown,
    t,
)
from igemo_data.ui import compat, session
from igemo_data.ui.compat import DeltaGenerator

# The sidebar's pages in three groups (text key, pages), each page as (file, text key, icon,
# domain). File names are what Streamlit's automatic multipage folder knows them by. One flat
# list of twelve links does not fit a 1080-pixel screen under the settings; grouped, it does.
Page = tuple[str, str, str, str | None]
DATA_PAGE = "pages/7_Gegevens.py"  # its link says when its table has edits not yet saved
PAGE_GROUPS: tuple[tuple[str, tuple[Page, ...]], ...] = (
    (
        "nav_group_workshop",
        (
            ("app.py", "page_overview", ":material/grid_view:", None),
            ("pages/1_Ruimte.py", "page_domain", ":material/landscape:", "RUIMTE"),
            ("pages/2_Mens.py", "page_domain", ":material/diversity_3:", "MENS"),
            ("pages/3_Bestuur.py", "page_domain", ":material/account_balance:", "BESTUUR"),
            (
                "pages/4_Plan_versus_matrix.py",
                "page_plan_vs_matrix",
                ":material/compare_arrows:",
                None,
            ),
            ("pages/12_Gevoeligheid.py", "page_firmness", ":material/balance:", None),
            ("pages/10_Strategiekaart_8_3.py", "page_strategy_map", ":material/view_column:", None),
            ("pages/11_Scoreronde.py", "page_round", ":material/how_to_vote:", None),
        ),
    ),
    (
        "nav_group_keep",
        (
            ("pages/5_Scenarios.py", "page_scenarios", ":material/bookmarks:", None),
            (
                "pages/9_Scenarios_vergelijken.py",
                "page_compare_scenarios",
                ":material/difference:",
                None,
            ),
            ("pages/8_Edities_vergelijken.py", "page_compare", ":material/compare:", None),
        ),
    ),
    (
        "nav_group_data",
        (
            (DATA_PAGE, "page_data", ":material/dataset:", None),
            ("pages/6_Het_plan.py", "page_plan", ":material/menu_book:", None),
        ),
    ),
)
# Every page in the sidebar's order.
PAGES: tuple[Page, ...] = tuple(page for _, pages in PAGE_GROUPS for page in pages)


def language() -> str:
    lang = st.sidebar.segmented_control(
        "Taal / Language",
        LANGUAGES,
        format_func={"nl": "Nederlands", "en": "English"}.__getitem__,
        # The choices say what they are; the label stays for screen readers (1080 px, item 9).
        label_visibility="collapsed",
        key=session.LANG,
        on_change=session.keep_setting,
        args=(session.LANG,),
    )
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def edition_choice(lang: str, place: DeltaGenerator, choices: Mapping[str, str]) -> None:
    """The edition chooser; the plan's when the kept one is no longer there."""
    kept = session.shadow(session.EDITION)
    if st.session_state.get(kept) not in choices:
        st.session_state[kept] = PLAN_EDITION
        st.session_state[session.EDITION] = PLAN_EDITION
    place.selectbox(
        t("edition_pick", lang),
        list(choices),
        format_func=choices.__getitem__,
        key=session.EDITION,
        on_change=session.keep_setting,
        args=(session.EDITION,),
        help=t("edition_pick_help", lang),
    )


def domains_and_reset(lang: str, domain: str | None) -> None:
    st.pills(
        t("domain_filter", lang),
        DOMAINS,
        format_func=lambda domain: domain_label(domain, lang),
        selection_mode="multi",
        help=t("domain_filter_help", lang),
        key=session.DOMAINS,
        on_change=session.keep_setting,
        args=(session.DOMAINS,),
        disabled=domain is not None,
    )
    # What-ifs stay: the button and its help say so (they have their own reset, which asks).
    st.button(
        t("reset_settings", lang),
        on_click=session.reset_settings,
        icon=":material/restart_alt:",
        help=t("reset_settings_help", lang),
    )


def navigation(lang: str) -> None:
    """Every page one click away, in three groups: settings and pages fit a 1080-pixel screen."""
    if st.session_state.pop(session.TO_TOP, False):
        compat.scroll_to_top()  # a callback switched pages: land at the top, as a link does
    compat.compact_sidebar()
    if st.session_state.get(session.UNSAVED):
        compat.warn_before_leaving()  # once in a tab, it asks while edits are on screen
    # Without the settings in the links: the fragment changes them, the links would lag.
    # A page switch keeps them in the session, and each page writes them into its URL.
    for group, pages in PAGE_GROUPS:
        with st.container(key=session.numbered(session.NAV_GROUP, group)):
            st.caption(t(group, lang))
            for file, key, icon, page_domain in pages:
                label = t(key, lang, domain=domain_label(page_domain, lang) if page_domain else "")
                if file == DATA_PAGE and st.session_state.get(session.UNSAVED):
                    _unsaved_link(lang)
                else:
                    st.page_link(file, label=label, icon=icon)


def _unsaved_link(lang: str) -> None:
    """The data page's link while its table has edits not yet saved: it says so, in its own
    row (the list keeps its height), and its container is what the leave-page guard finds."""
    with st.container(key=session.numbered(session.UNSAVED_EDITS, "sidebar")):
        st.page_link(
            DATA_PAGE,
            label=t("page_data_unsaved", lang),
            icon=":material/edit_note:",
            help=t("edits_elsewhere", lang),
        )


def draw_settings(lang: str, sliders: DeltaGenerator, badge: DeltaGenerator) -> None:
    """The live control (horizon and both cuts), the scenario badge and the URL.

    The control moves the charts in the browser while it moves (issue 17) and sends its value
    here on release or key press; a run then makes everything else follow.
    """
    # On a rerun of a fragment alone, a callback (the reset button, a scenario opened) may have
    # changed the kept settings: the control shows them from here on.
    session.restore_widgets(session.LIVE_KEYS)
    with sliders:
        compat.live_control(
            live_control_data(lang),
            key=session.LIVE_CONTROL,
            on_change=_take_live_value,
        )
    _scenario_badge(lang, badge)
    session.remember_settings()


def live_control_data(lang: str, *, present: bool = False) -> dict:
    """What the live control shows: the kept values, its words, and what Python has seen."""
    return {
        "values": session.live_values(),
        "seen": int(st.session_state.get(session.LIVE_SEEN, 0)),
        # How long the last value took to reach Python (bench/live_loop.py reads it).
        "lag_ms": st.session_state.get(session.LIVE_LAG),
        "labels": {
            "horizon": t("horizon", lang),
            "market_cut": t("market_cut", lang),
            "need_cut": t("need_cut", lang),
            "caption": f"0 % = {t('horizon_now', lang)} … 100 % = {t('horizon_future', lang)}",
            "group": t("sidebar_settings", lang),
            "play": t("live_play", lang),
            "pause": t("live_pause", lang),
            "replay": t("live_replay", lang),
        },
        "help": {
            "horizon": t("horizon_help", lang),
            "market_cut": t("cut_help", lang),
            "need_cut": t("cut_help", lang),
        },
        "decimal": t("decimal_mark", lang),
        "key_step": url_state.HORIZON_STEP,
        "play_ms": PLAY_MS,
        "present": present or bool(st.session_state.get(session.shadow(session.PRESENT))),
    }


PLAY_MS = 4000  # now → future, for the board (issue 17, item 5)


def _take_live_value() -> None:
    session.take_live_value(compat.live_value(session.LIVE_CONTROL))


def _scenario_badge(lang: str, place: DeltaGenerator) -> None:
    """Which saved scenario the screen shows, and whether it has been changed since."""
    base = session.scenario_base()
    if not base.scenario:
        return
    found = session.stored_scenario(base.scenario)
    if found is None:
        return
    place.markdown(
        f":material/bookmark: **{escape_markdown(t('current_scenario', lang, name=found.name))}**"
    )
    if not session.current_settings().same_matrix(base.settings):
        place.caption(t("scenario_changed", lang))
