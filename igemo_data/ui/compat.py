"""Everything that knows Streamlit's insides: its `data-testid` names and its chart wire format.

An upgrade of Streamlit that renames an element or changes how a chart's data travels
touches this file only. Every rule here is static CSS from our own texts (no user data).
"""

from __future__ import annotations

import json
import re

import pyarrow as pa
import streamlit as st
from streamlit.delta_generator import DeltaGenerator  # noqa: F401 (for ui's type hints)

from igemo_data import charts
from igemo_data.texts import t
from igemo_data.ui import session


def css_text(text: str) -> str:
    """One of our texts as a CSS string for `content:` (a JSON string is a valid CSS one)."""
    return json.dumps(text, ensure_ascii=False)


def show_chart(chart, **options):
    """Draw an Altair chart (or a ready spec); its schema was checked by the tests, not again
    on every rerun (validation is a third of a slider move's time)."""
    spec = charts.with_named_datasets(charts.as_spec(chart))
    return st.vega_lite_chart(with_arrow_datasets(spec), **options)


def show_dense_chart(spec: dict, dots, **options):
    """The dense chart: its dots travel as the chart's top-level Arrow data."""
    return st.vega_lite_chart(
        dots, with_arrow_datasets(charts.with_named_datasets(spec)), **options
    )


def upload_box_in_dutch(lang: str, max_mb: int) -> None:
    """Relabel Streamlit's upload box, which has no Dutch: its button and its limits line.

    Static CSS from our own texts (no user data); the file input itself is untouched.
    """
    if lang != "nl":
        return
    button = css_text(t("upload_button", lang))
    limits = css_text(t("upload_limits", lang, mb=max_mb))
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
        rules.append(f"{box} {hint}::before{{content:{css_text(t(key, lang))}}}")
    st.html(f"<style>{''.join(rules)}</style>")


def hide_chrome() -> None:
    """Hide the sidebar and the header, for the projector (static CSS, no data in it)."""
    st.html(
        "<style>[data-testid=stSidebar],[data-testid=stSidebarCollapsedControl],"
        "header[data-testid=stHeader]{display:none !important}"
        ".block-container{padding-top:1rem !important}</style>"
    )


def phone_view() -> None:
    """A participant's phone: no sidebar, no toolbar, little room above the title (static
    CSS, no data in it)."""
    st.html(
        "<style>[data-testid=stSidebar],[data-testid=stSidebarCollapsedControl],"
        "[data-testid=stToolbar]{display:none !important}"
        ".block-container{padding-top:2rem !important;padding-left:1rem !important;"
        "padding-right:1rem !important}</style>"
    )


PARTICIPANT_COOKIE = "strategiekaart_deelnemer"
_TOKEN_FORM = re.compile(r"[A-Za-z0-9_-]{32,64}")


def remembered_participant() -> str | None:
    """The participant token this browser kept from an earlier visit, if it has the form of one."""
    kept = st.context.cookies.get(PARTICIPANT_COOKIE)
    return kept if isinstance(kept, str) and _TOKEN_FORM.fullmatch(kept) else None


def remember_participant(token: str) -> None:
    """Keep the participant's token in a cookie of this site (a day, this site only), so a
    phone that closed the page comes back to its own answers. Never in a link. The token is
    our own random text of URL-safe characters (checked), never anything a user typed."""
    if not _TOKEN_FORM.fullmatch(token):
        return
    st.html(
        f"<script>document.cookie = '{PARTICIPANT_COOKIE}={token}; path=/; max-age=86400; "
        "SameSite=Strict';</script>",
        unsafe_allow_javascript=True,
    )


def chart_first() -> None:
    """Less empty room above the page title than Streamlit's 6rem, so the chart right under
    it (and the arrows' key under the chart) stays in view on a 1080-pixel projector. Static
    CSS, no data in it."""
    st.html("<style>.block-container{padding-top:3.5rem !important}</style>")


def scroll_to_top() -> None:
    """Scroll the page to its top, as a page opened from a link is: for a page a callback
    switched to, which Streamlit may leave scrolled where the last page was.

    A static script of our own (no data in it); `stMain` is the element Streamlit scrolls.
    """
    st.html(
        "<script>(() => {"
        "const top = () => {"
        "const main = document.querySelector('[data-testid=stMain]');"
        "if (main) main.scrollTo(0, 0); window.scrollTo(0, 0); };"
        "top(); requestAnimationFrame(top);"
        "})();</script>",
        unsafe_allow_javascript=True,
    )


# --- Chart datasets in the form Streamlit sends them to the browser (Arrow IPC bytes) ---


def with_arrow_datasets(spec: dict) -> dict:
    """The spec with each named dataset as Arrow IPC bytes, the form Streamlit sends it in.

    Handed rows, Streamlit builds a pandas DataFrame per dataset and converts that: a fifth of
    a slider move's script time for a chart of nine small datasets. pyarrow reads the rows
    directly. Rows it cannot type (a column mixing text and numbers) are left to Streamlit.
    """
    datasets = spec.get("datasets")
    if not isinstance(datasets, dict) or not datasets:
        return spec
    converted = {name: _arrow_bytes(rows) for name, rows in datasets.items()}
    return {**spec, "datasets": converted}


def _arrow_bytes(rows: object) -> object:
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        return rows
    columns = list(dict.fromkeys(key for row in rows for key in row))
    try:
        table = pa.table({column: [row.get(column) for row in rows] for column in columns})
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return rows
    sink = pa.BufferOutputStream()
    with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


# --- Streamlit's table geometry -------------------------------------------------------------
# Streamlit draws a row of `st.dataframe` 38 px high at this theme's 18 px font; measured in
# Chromium at 1920×1080, 39 rows and their header fit 1,523 px without an inner scrollbar.
TABLE_ROW_HEIGHT = 38


def table_height(rows: int, limit: int | None = None) -> int:
    """Pixels for a table that shows its header and `rows` rows without an inner scrollbar."""
    height = (max(rows, 1) + 1) * TABLE_ROW_HEIGHT + 3
    return min(height, limit) if limit else height


# --- Issue 18, items 9 and 14 -------------------------------------------------------------


def compact_sidebar() -> None:
    """Settings, every page link, language and the facilitator panel on one 1080-pixel screen.

    Static CSS (no data in it): the sidebar's rows closer together, its headings and the page
    groups' names as small labels, each group's links as tight as a menu's. Nothing is hidden
    and every link stays one click away. Measured in Chromium at 1920×1080: 1,324 px of sidebar
    in a 1,080 px window before, see tests/test_browser_nav.py for after.
    """
    bar = "[data-testid=stSidebarUserContent]"
    group = f"{bar} [class*=st-key-{session.NAV_GROUP}_]"
    link = f"{group} a[data-testid=stPageLink-NavLink]"
    label = "font-size:0.75rem;line-height:1.125rem;font-weight:600;letter-spacing:0.05em;"
    label += "text-transform:uppercase;margin:0;padding:0"
    st.html(
        "<style>[data-testid=stSidebarHeader]{height:auto;margin-bottom:0}"
        f"{bar}{{padding-bottom:0.5rem}}"
        f"{bar} [data-testid=stVerticalBlock]{{gap:0.4rem}}"
        f"{bar} [data-testid=stHeading] [data-testid=stMarkdownContainer]{{margin:0}}"
        f"{bar} [data-testid=stHeading] h2{{{label}}}"
        f"{group}{{gap:0}}"
        f"{group} [data-testid=stElementContainer]{{margin:0}}"
        f"{group} [data-testid=stCaptionContainer]{{margin:0}}"
        f"{group} [data-testid=stCaptionContainer] p{{{label}}}"
        f"{link}{{margin:0}}"
        f"{link},{link} *{{line-height:1.3rem}}</style>"
    )


def warn_before_leaving() -> None:
    """Ask the browser to confirm closing or reloading the tab while edits are not yet saved.

    A static script of our own (no data in it), drawn while edits wait and installed once per
    tab: at the moment of leaving it looks for the container that shows edits not yet saved
    (its key starts with `session.UNSAVED_EDITS`), so it warns exactly while one is on screen.
    A page link inside the app is no unload: the edits stay in the session, the sidebar's link
    to the data page says so.
    """
    marker = css_text(f'[class*="st-key-{session.UNSAVED_EDITS}"]')
    st.html(
        "<script>(() => {"
        "if (window.strategiekaartGuard) return; window.strategiekaartGuard = true;"
        "window.addEventListener('beforeunload', (event) => {"
        f"if (!document.querySelector({marker})) return;"
        "event.preventDefault(); event.returnValue = ''; });"
        "})();</script>",
        unsafe_allow_javascript=True,
    )
