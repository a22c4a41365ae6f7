"""Everything that knows Streamlit's insides: its `data-testid` names and its chart wire format.

An upgrade of Streamlit that renames an element or changes how a chart's data travels
touches this file only. Every rule here is static CSS from our own texts (no user data).
"""

from __future__ import annotations

import functools
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


def tight_container(key: str):
    """A container whose rows stand closer than Streamlit's 1 rem: the chart's toggles, so the
    list of moves beside the chart still starts on the projector's one screen."""
    box = st.container(key=key)
    st.html(f"<style>.st-key-{key}{{gap:0.3rem}}</style>")
    return box


def upload_refusal_in_dutch(lang: str, max_mb: int) -> None:
    """Say in Dutch why the upload box refused a file in the browser.

    A file over the limit never reaches the server: Streamlit's box marks it red and says
    "File must be 5.0MB or smaller." (to screen readers, and on hover), in English only. A
    static script of our own (the sentence is ours, no data in it) rewrites that sentence where
    the box shows it; tests/test_browser_editions.py fails if Streamlit's wording changes.
    """
    if lang != "nl":
        return
    refusal = css_text(t("upload_refused_in_browser", lang, mb=max_mb))
    st.html(
        "<script>(() => {"
        "if (window.strategiekaartUploadWords) return; window.strategiekaartUploadWords = true;"
        "const english = /^File must be .+ or smaller\\.$/;"
        "const fix = () => document.querySelectorAll("
        "'[data-testid=stFileChip] [role=alert], [data-baseweb=tooltip], [role=tooltip]'"
        ").forEach((box) => {"
        "const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);"
        "for (let node = walker.nextNode(); node; node = walker.nextNode()) {"
        "const text = node.nodeValue.trim();"
        f"if (english.test(text)) node.nodeValue = {refusal};"
        "else if (text === 'Error:') node.nodeValue = 'Fout: '; } });"
        "new MutationObserver(fix).observe(document.body, {childList: true, subtree: true});"
        "fix(); })();</script>",
        unsafe_allow_javascript=True,
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


# --- Issue 17: the live control, and the chart params bound to it ------------------------
# Vega binds a param to an input element it finds with `document.querySelector` when the view
# is built (its "external" binding, Vega ≥ 5.23): the signal takes the element's value then and
# follows its `input` events. A rebuilt view (a rerun that changed the spec) thus starts from
# what the control shows, never from a stale value in the spec. The inputs are in the light
# DOM (the component is not style-isolated: a shadow root would hide them from
# querySelector), and in the component's static HTML, which Streamlit inserts before the
# component's script loads, so a chart drawn in the same run finds them.
LIVE_INPUTS = charts.LiveInputs(
    horizon="#sk-live-horizon",
    market_cut="#sk-live-market-cut",
    need_cut="#sk-live-need-cut",
    trails="#sk-live-trails",  # a hidden input: "1" after play began, the chart draws trails
)
LIVE_COMPONENT = "strategiekaart_live_control"
HORIZON_KEY_STEP = 5  # percent per arrow key; Shift+arrow 1 %, a drag 1 %

_LIVE_HTML = """
<div class="sk-live" role="group">
  <div class="sk-live-row"><label for="sk-live-horizon" data-sk-label="horizon"></label>
    <output for="sk-live-horizon" data-sk-out="horizon"></output></div>
  <input type="range" id="sk-live-horizon" data-sk="horizon" min="0" max="100" step="1"
    value="0">
  <div class="sk-live-caption" data-sk-caption="horizon"></div>
  <button type="button" class="sk-live-play" data-sk-play aria-pressed="false"></button>
  <div class="sk-live-row"><label for="sk-live-market-cut" data-sk-label="market_cut"></label>
    <output for="sk-live-market-cut" data-sk-out="market_cut"></output></div>
  <input type="range" id="sk-live-market-cut" data-sk="market_cut" min="100" max="200"
    step="5" value="150">
  <div class="sk-live-row"><label for="sk-live-need-cut" data-sk-label="need_cut"></label>
    <output for="sk-live-need-cut" data-sk-out="need_cut"></output></div>
  <input type="range" id="sk-live-need-cut" data-sk="need_cut" min="100" max="200" step="5"
    value="150">
  <input type="hidden" id="sk-live-trails" value="0">
</div>
"""

_LIVE_CSS = """
.sk-live{display:flex;flex-direction:column;gap:0.15rem;font-family:inherit}
.sk-live-row{display:flex;justify-content:space-between;align-items:baseline;gap:0.5rem}
.sk-live label{font-size:0.875rem;color:var(--st-text-color)}
.sk-live output{font-weight:700;font-size:1rem;color:var(--st-primary-color);
  font-variant-numeric:tabular-nums}
.sk-live input[type=range]{width:100%;margin:0.1rem 0 0.5rem;accent-color:var(--st-primary-color);
  height:1.5rem;cursor:pointer}
.sk-live input[type=range]:focus-visible,.sk-live-play:focus-visible{
  outline:3px solid var(--st-primary-color);outline-offset:3px;border-radius:4px}
.sk-live-caption{font-size:0.75rem;opacity:0.75;margin-top:-0.4rem}
.sk-live-play{align-self:flex-start;margin:0.1rem 0 0.6rem;padding:0.2rem 0.75rem;
  border:1px solid rgba(49,51,63,0.3);border-radius:0.5rem;background:transparent;
  color:var(--st-text-color);font:inherit;font-size:0.875rem;cursor:pointer}
.sk-live-play:hover{border-color:var(--st-primary-color);color:var(--st-primary-color)}
"""

# The control's script (static, our own; labels and numbers come as data and are set as text).
# Values travel as whole numbers: the horizon in percent, a cut in hundredths. `input` events
# move the chart (Vega listens); `change` (release, key press, end of play) sends the value to
# Python with a sequence number. Python echoes the last number it has seen: values from Python
# are applied only when it has seen ours, so a rerun for an older press never pulls the slider
# back, while a reset or an opened scenario does move it.
_LIVE_JS = """
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const root = parentElement.querySelector('.sk-live');
  if (!root || !data) return;
  const inputs = {};
  for (const el of root.querySelectorAll('input[data-sk]')) inputs[el.dataset.sk] = el;
  const trails = root.querySelector('#sk-live-trails');
  const play = root.querySelector('[data-sk-play]');
  let st = root.__sk;
  if (!st) {
    st = root.__sk = { seq: data.seen || 0, data, timer: null };
    st.text = (name, v) => {
      if (name === 'horizon') return v + ' %';
      const s = (Number(v) / 100).toFixed(2).replace(/0+$/, '').replace(/\\.$/, '');
      return s.replace('.', st.data.decimal);
    };
    st.show = (name) => {
      const el = inputs[name];
      const text = st.text(name, el.value);
      root.querySelector(`[data-sk-out="${name}"]`).textContent = text;
      el.setAttribute('aria-valuetext', text);
    };
    st.send = () => {
      st.seq += 1;
      st.sentAt = performance.now();
      window.strategiekaartLive = { seq: st.seq, sentAt: st.sentAt };
      st.setStateValue('settings', {
        horizon: Number(inputs.horizon.value), market_cut: Number(inputs.market_cut.value),
        need_cut: Number(inputs.need_cut.value), seq: st.seq,
        sent_at: performance.timeOrigin + performance.now() });
    };
    st.set = (name, value, send) => {
      inputs[name].value = String(value);
      inputs[name].dispatchEvent(new Event('input'));
      if (send) inputs[name].dispatchEvent(new Event('change'));
    };
    const noTrails = () => {
      if (st.timer || trails.value === '0') return;
      trails.value = '0'; trails.dispatchEvent(new Event('input'));
    };
    for (const [name, el] of Object.entries(inputs)) {
      el.addEventListener('pointerdown', noTrails);
      el.addEventListener('keydown', noTrails);
      el.addEventListener('input', () => st.show(name));
      el.addEventListener('change', () => { if (!st.timer) st.send(); });
    }
    const step = (delta) => {
      const now = Number(inputs.horizon.value);
      // Sent even at an end: a key press always answers with a run (the room sees it held).
      st.set('horizon', Math.min(100, Math.max(0, now + delta)), true);
    };
    st.step = step;
    inputs.horizon.addEventListener('keydown', (event) => {
      const sign = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[event.key];
      if (!sign) return;
      event.preventDefault();
      st.stop();
      step(sign * (event.shiftKey ? 1 : st.data.key_step));
    });
    // Play: now → future in about four seconds, one whole percent at a time, with trails.
    st.stop = () => {
      if (!st.timer) return;
      cancelAnimationFrame(st.timer); st.timer = null;
      play.textContent = st.data.labels.play; play.setAttribute('aria-pressed', 'false');
      st.send();
    };
    st.start = () => {
      const from = Number(inputs.horizon.value) >= 100 ? 0 : Number(inputs.horizon.value);
      const begun = performance.now() - (from / 100) * st.data.play_ms;
      trails.value = '1'; trails.dispatchEvent(new Event('input'));
      play.textContent = st.data.labels.pause; play.setAttribute('aria-pressed', 'true');
      const frame = (now) => {
        const at = Math.min(100, Math.round(((now - begun) / st.data.play_ms) * 100));
        if (String(at) !== inputs.horizon.value) st.set('horizon', at, false);
        if (at >= 100) { st.stop(); play.textContent = st.data.labels.replay; return; }
        st.timer = requestAnimationFrame(frame);
      };
      st.timer = requestAnimationFrame(frame);
    };
    play.addEventListener('click', () => (st.timer ? st.stop() : st.start()));
    document.addEventListener('keydown', (event) => {
      // Presenting, the sidebar is hidden: the arrow keys up and down still move the horizon,
      // and P plays (or pauses) now → future.
      if (!st.data.present || !['ArrowUp', 'ArrowDown', 'p', 'P'].includes(event.key)) return;
      if (event.target.closest && event.target.closest('input,textarea,select')) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      if (event.key === 'p' || event.key === 'P') {
        if (st.timer) st.stop(); else st.start();
        return;
      }
      st.stop();
      step((event.key === 'ArrowUp' ? 1 : -1) * st.data.key_step);
    });
  }
  st.data = data;
  st.setStateValue = setStateValue;
  root.dataset.seen = String(data.seen || 0);
  root.dataset.lag = data.lag_ms == null ? '' : String(data.lag_ms);
  for (const [name, text] of Object.entries(data.labels)) {
    const label = root.querySelector(`[data-sk-label="${name}"]`);
    if (label) label.textContent = text;
  }
  for (const [name, text] of Object.entries(data.help || {})) {
    if (inputs[name]) inputs[name].title = text;
  }
  root.querySelector('[data-sk-caption="horizon"]').textContent = data.labels.caption;
  root.setAttribute('aria-label', data.labels.group);
  if (!st.timer) {
    play.textContent = Number(inputs.horizon.value) >= 100 && trails.value === '1'
      ? data.labels.replay : data.labels.play;
  }
  for (const el of Object.values(inputs)) el.disabled = !!data.disabled;
  play.disabled = !!data.disabled;
  if ((data.seen || 0) >= st.seq && !st.timer) {
    for (const [name, value] of Object.entries(data.values)) {
      if (inputs[name].value !== String(value)) st.set(name, value, false);
    }
  }
  for (const name of Object.keys(inputs)) st.show(name);
}
"""


@functools.cache
def _live_component():
    return st.components.v2.component(
        LIVE_COMPONENT, html=_LIVE_HTML, css=_LIVE_CSS, js=_LIVE_JS, isolate_styles=False
    )


def live_control(data: dict, *, key: str, on_change) -> None:
    """The sidebar's horizon and cut sliders as one small component (see `_LIVE_JS`).

    `data`: `values` (horizon percent, cuts in hundredths), `seen` (the last sequence number
    Python took), `labels`, `decimal`, `key_step`, `play_ms`, `present`, `disabled`.
    `on_change()` runs when a value arrives; `live_value(key)` reads it.
    """
    # The state key is not "value": Streamlit reads a state of only {"value": {...}} as the
    # inner mapping and would look for callbacks named after its keys.
    _live_component()(key=key, data=data, default={"settings": None}, on_settings_change=on_change)


def live_value(key: str) -> dict | None:
    """The last value the live control sent: {horizon, market_cut, need_cut, seq}, or None."""
    state = st.session_state.get(key)
    value = state.get("settings") if isinstance(state, dict) else getattr(state, "settings", None)
    return value if isinstance(value, dict) else None
