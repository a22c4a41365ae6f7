"""Support for the browser tests and the latency bench: a Streamlit server and Debian's Chromium.

`StreamlitServer` runs `streamlit run app.py` on a free port the way design §7 says; the
helpers below drive one page of it with Playwright and wait for Streamlit between actions.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from weakref import WeakKeyDictionary

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    Playwright,
    WebSocket,
    expect,
    sync_playwright,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from igemo_data.texts import t

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PROJECTOR = {"width": 1920, "height": 1080}

APP_IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
# "{name} ({code}, {domain}): {quadrant}": the aria-label every service's point mark carries.
POINT_LABEL = re.compile(
    r"^(?P<name>.+) \((?P<code>[a-z]+\d+), (?P<domain>[^()]+)\): (?P<quadrant>\S+)$"
)

# --- The server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StreamlitServer:
    """`streamlit run` from the repository root, its output kept in a file for failure reports."""

    def __init__(
        self, script: str = "app.py", *, root: Path = ROOT, options: tuple[str, ...] = ()
    ) -> None:
        self.script = script
        self.root = root
        self.options = options  # more `streamlit run` options, e.g. "--runner.postScriptGC=false"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._scratch = tempfile.TemporaryDirectory(prefix="strategiekaart-")
        self._log_path = Path(self._scratch.name) / "streamlit.log"
        self._log = self._log_path.open("w+b")
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 90.0) -> StreamlitServer:
        env = dict(os.environ)
        # No file watcher: nothing edits the app while it is measured, and the machine is shared.
        env["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = "none"
        env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
        env["PYTHONUNBUFFERED"] = "1"
        # Scenarios saved while testing go to a throwaway store, never data/strategiekaart.duckdb.
        env["STRATEGIEKAART_DB"] = str(self.store_path)
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                self.script,
                "--server.headless=true",
                f"--server.port={self.port}",
                "--server.address=127.0.0.1",
                *self.options,
            ],
            cwd=self.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"streamlit stopped with code {self._process.returncode}:\n{self.output()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not answer within {timeout:.0f} s:\n{self.output()}")

    @property
    def store_path(self) -> Path:
        """The throwaway scenario store (STRATEGIEKAART_DB) this server writes."""
        return Path(self._scratch.name) / "scenarios.duckdb"

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs, e.g. to read its memory in /proc."""
        return None if self._process is None else self._process.pid

    def output(self) -> str:
        self._log.flush()
        return self._log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def close(self) -> None:
        self.stop()
        self._log.close()
        self._scratch.cleanup()

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class ServerOutputOnFailure:
    """A pytest plugin: a failed browser test's report gets the server's output as a section."""

    def __init__(self, server: StreamlitServer) -> None:
        self.server = server
        self.failed: set[str] = set()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]):
        report = yield
        if report.failed and item.get_closest_marker("browser"):
            self.failed.add(item.nodeid)
            output = self.server.output()
            report.sections.append((f"streamlit server output ({self.server.url})", output))
        return report


# --- The browser ---------------------------------------------------------------------------


def chromium_missing() -> str | None:
    """Why Chromium cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_chromium() -> None:
    """Skip without Chromium on a workstation; on CI a missing browser is a failure."""
    reason = chromium_missing()
    if reason is None:
        return
    if on_ci():
        pytest.fail(f"browser tests cannot run on CI: {reason}", pytrace=False)
    pytest.skip(reason)


def launch_chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS)
    )


def new_context(browser: Browser) -> BrowserContext:
    """A fresh browser profile (so a fresh Streamlit session) with the projector's screen."""
    context = browser.new_context(viewport=PROJECTOR, locale="nl-BE")
    context.set_default_timeout(30_000)
    context.on("page", script_runs)
    return context


# --- Waiting for Streamlit ------------------------------------------------------------------


def is_app_stream(socket: WebSocket) -> bool:
    """Whether a page's WebSocket is Streamlit's own stream (not a component's)."""
    return socket.url.endswith("/_stcore/stream")


def message_kind(payload: bytes | str) -> str | None:
    """What a frame Streamlit sent is ("delta", "script_finished", …); None for text frames."""
    message = _message(payload)
    return None if message is None else message.WhichOneof("type")


def element_kind(message: ForwardMsg) -> str | None:
    """The element a delta message draws ("slider", "vega_lite_chart", …); None for others."""
    if message.WhichOneof("type") != "delta":
        return None
    if message.delta.WhichOneof("type") != "new_element":
        return None
    return message.delta.new_element.WhichOneof("type")


def _message(payload: bytes | str) -> ForwardMsg | None:
    if isinstance(payload, str):
        return None
    message = ForwardMsg()
    message.ParseFromString(payload)
    return message


class ScriptRuns:
    """The script runs one page's Streamlit session announces over its websocket.

    The page's own `data-test-script-state` is not enough: when a run is quick, React applies
    "running" and "notRunning" in one render and the attribute never changes, so a test waiting
    for it could read the page before the run its action caused. The protocol always tells.
    """

    def __init__(self, page: Page) -> None:
        self.started = 0
        self.finished = 0
        self.last_message = time.monotonic()
        self.drawn: list[str] = []  # the elements the latest run sent, in order
        page.on("websocket", self._attach)

    def _attach(self, socket: WebSocket) -> None:
        if is_app_stream(socket):
            socket.on("framereceived", self._received)

    def _received(self, payload: bytes | str) -> None:
        message = _message(payload)
        if message is None:
            return
        kind = message.WhichOneof("type")
        self.last_message = time.monotonic()
        if kind == "new_session":
            self.started += 1
            self.drawn = []
        elif kind == "delta":
            self.drawn.append(element_kind(message) or "block")
        elif kind == "ref_hash":
            # A large message the browser already holds, sent as its hash (Streamlit's message
            # cache): the live chart on a horizon move (issue 17), unchanged.
            self.drawn.append("cached")
        elif kind == "script_finished":
            self.finished += 1


_RUNS: WeakKeyDictionary[Page, ScriptRuns] = WeakKeyDictionary()


def script_runs(page: Page) -> ScriptRuns:
    if page not in _RUNS:
        _RUNS[page] = ScriptRuns(page)
    return _RUNS[page]


def wait_until_idle(page: Page, *, after: int = 0, settle: float = 0.15, timeout: float = 30.0):
    """Wait until a run later than the `after`-th has finished and the session stayed quiet.

    The short quiet spell covers what Streamlit sends right after a run (a widget bound to the
    URL writing its value back, a chart selection) and lets the page apply the last messages.
    """
    runs = script_runs(page)
    deadline = time.monotonic() + timeout
    while True:
        quiet = time.monotonic() - runs.last_message >= settle
        done = runs.finished > after and runs.finished >= runs.started and quiet
        if done and page.locator(APP_IDLE).count():
            return
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"Streamlit did not finish a run within {timeout:.0f} s "
                f"(started {runs.started}, finished {runs.finished}, waited for > {after})"
            )
        page.wait_for_timeout(25)


def act(page: Page, action: Callable[[], object], **wait: float) -> None:
    """Do something that makes Streamlit rerun, and wait for that rerun to finish."""
    before = script_runs(page).finished
    action()
    wait_until_idle(page, after=before, **wait)


def open_app(page: Page, url: str) -> None:
    script_runs(page)
    page.goto(url)
    wait_until_idle(page)


# --- Reading and driving the page ----------------------------------------------------------


def slider(page: Page, label: str) -> Locator:
    """The st.slider whose label reads exactly `label`."""
    return page.get_by_test_id("stSlider").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True)
    )


# The settings the sidebar's live control holds (issue 17), in both languages: any other
# slider (a round's score on a phone) is a Streamlit one, found without waiting for the control.
LIVE_LABELS = frozenset(
    t(key, lang) for key in ("horizon", "market_cut", "need_cut") for lang in ("nl", "en")
)


def live_input(page: Page, label: str) -> Locator | None:
    """The sidebar's live control's slider labelled `label` (issue 17), if there is one."""
    if label not in LIVE_LABELS:
        return None
    inputs = page.locator(".sk-live input[type=range]")
    try:  # the component's markup lands a moment after the run that drew it
        inputs.first.wait_for(state="attached", timeout=10_000)
    except PlaywrightTimeoutError:
        return None
    found = inputs.and_(page.get_by_label(label, exact=True))
    return found if found.count() else None


def slider_thumb(page: Page, label: str) -> Locator:
    live = live_input(page, label)
    if live is not None:
        return live
    # Streamlit 1.67 draws the thumb as a visually hidden <input type="range">: its slider role
    # is implicit, so the CSS `[role=slider]` finds nothing where the accessibility query does.
    return slider(page, label).get_by_role("slider")


def slider_text(page: Page, label: str) -> str:
    """What the slider shows beside its thumb, e.g. "25 %" or "1,4"."""
    live = live_input(page, label)
    if live is not None:
        return page.locator(f'output[for="{live.get_attribute("id")}"]').inner_text().strip()
    return slider(page, label).get_by_test_id("stSliderThumbValue").inner_text().strip()


def press_slider(page: Page, label: str, key: str, times: int = 1) -> None:
    """Press `key` on the slider's thumb `times` times, each press waited for like a user would."""
    thumb = slider_thumb(page, label)
    for _ in range(times):
        act(page, lambda: thumb.press(key))


def download(page: Page, label: str) -> bytes:
    """Press a download button and return the file it gives."""
    with page.expect_download(timeout=60_000) as event:
        page.get_by_role("button", name=label).click()
    path = event.value.path()
    assert path is not None
    return Path(path).read_bytes()


def choose(page: Page, label: str, option: str, *, within: Locator | None = None) -> None:
    """Pick `option` in the st.selectbox labelled `label` (in `within`, else anywhere), as a
    user who types in it does.

    Typing focuses the box without a click at screen coordinates: a click lands wherever the
    box was a moment ago, and a table above it that is still drawing moves it (on a busy CI
    machine the click then opened nothing). A run that ends while the list is open (the live
    chart taking the place of its stand-in) can redraw the box and close the list between
    seeing the option and clicking it: then the list is opened again, at most three times.
    The option must be listed under its own name.
    """
    box = (within or page).get_by_role("combobox", name=label, exact=True)
    listed = page.get_by_role("option", name=option, exact=True)
    for attempt in range(3):
        # A box at the window's bottom edge takes the text but opens no list: bring it in.
        box.scroll_into_view_if_needed()
        box.fill(option)
        try:
            expect(listed).to_be_visible(timeout=2_000)
        except AssertionError:  # the text is in, the list did not open (seen low on the page)
            box.press("ArrowDown")
            expect(listed).to_be_visible()
        try:
            act(page, lambda: listed.click(timeout=5_000))
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
    expect(box).to_have_value(option)


def point_labels(page: Page, within: Locator | None = None) -> list[str]:
    """The aria-labels of every service's point mark, in document order (duplicates kept)."""
    scope = within if within is not None else page.locator("body")
    labels = scope.locator("svg [aria-label]").evaluate_all(
        "marks => marks.map(mark => mark.getAttribute('aria-label'))"
    )
    return [label for label in labels if POINT_LABEL.match(label)]


def wait_for_point_labels(
    page: Page, expected: list[str], *, within: Locator | None = None, timeout: float = 15.0
) -> list[str]:
    """Poll until the chart's labels are `expected` (as multisets); return the last reading.

    Vega draws the SVG after the script run has finished, so a reading may need a moment.
    """
    deadline = time.monotonic() + timeout
    want = sorted(expected)
    while True:
        got = sorted(point_labels(page, within))
        if got == want or time.monotonic() > deadline:
            return got
        page.wait_for_timeout(100)


_OVERFLOWING_CHARTS = """
() => Array.from(document.querySelectorAll('[data-testid=stMain] svg.marks')).flatMap((svg) => {
  const holder = svg.closest('[data-testid=stColumn]')
    || svg.closest('[data-testid=stMainBlockContainer]');
  const style = getComputedStyle(holder);
  const room = holder.getBoundingClientRect();
  const left = room.left + parseFloat(style.paddingLeft);
  const right = room.right - parseFloat(style.paddingRight);
  const box = svg.getBoundingClientRect();
  const over = Math.round(Math.max(box.right - right, left - box.left));
  if (over <= 1) return [];
  const keyed = svg.closest('[class*=st-key-]');
  const name = keyed ? Array.from(keyed.classList).find((c) => c.startsWith('st-key-')) : '';
  return [`a chart ${Math.round(box.width)} px wide sticks out ${over} px from its `
    + `${holder.getAttribute('data-testid')} (${Math.round(right - left)} px) ${name}`.trim()];
})
"""


def overflowing_charts(page: Page) -> list[str]:
    """Charts wider than the column or page that holds them: clipped or drawn over neighbours."""
    return page.evaluate(_OVERFLOWING_CHARTS)


def exceptions(page: Page) -> list[str]:
    return [text.strip() for text in page.get_by_test_id("stException").all_inner_texts()]


# Streamlit loads some elements' code lazily and shows a grey skeleton meanwhile, and
# st.dataframe paints its canvas a moment after that.
_SETTLED = """
() => !document.querySelector(
    '[data-testid=stSkeleton], [data-testid=stSkeletonElement], [data-testid=stAppSkeleton]')
  && Array.from(document.querySelectorAll('[data-testid=stDataFrame]')).every((frame) => {
    const canvas = frame.querySelector('canvas');
    if (!canvas || !canvas.width || !canvas.height) return false;
    const rows = Math.min(canvas.height, 80);
    const strip = canvas.getContext('2d').getImageData(0, 0, canvas.width, rows);
    for (let i = 0; i < strip.data.length; i += 4) {
      if (strip.data[i + 3] > 0 && strip.data[i] < 160) return true;  // dark ink: text
    }
    return false;
  })
"""


def wait_until_drawn(page: Page, timeout: float = 15_000) -> None:
    """Wait until no element is still loading and every table shows text."""
    page.wait_for_function(_SETTLED, timeout=timeout, polling=100)


def screenshot(page: Page, name: str, *, full_page: bool = False) -> Path:
    """screenshots/<name>.png of what the projector shows, or of the whole page.

    Streamlit scrolls inside its main element, not the document, so Playwright's own full-page
    mode sees only one screen: the whole page is taken with a window as tall as the content.
    """
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    wait_until_drawn(page)
    if not full_page:
        page.screenshot(path=str(path), animations="disabled")
        return path
    try:
        for _ in range(3):  # a taller window can change the layout, hence the content's height
            height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
            height = min(max(height, PROJECTOR["height"]), 12_000)
            if height == page.viewport_size["height"]:
                break
            page.set_viewport_size({"width": PROJECTOR["width"], "height": height})
            page.wait_for_timeout(400)
        wait_until_drawn(page)
        page.screenshot(path=str(path), animations="disabled")
    finally:
        page.set_viewport_size(PROJECTOR)
    return path


# --- Shared fixtures: import them into a test module to use them ---------------------------


@pytest.fixture(scope="module", name="server")
def server_fixture(request: pytest.FixtureRequest) -> Iterator[StreamlitServer]:
    """One server per test module, its output added to the report of any test that fails."""
    require_chromium()
    with StreamlitServer() as running:
        plugin = ServerOutputOnFailure(running)
        request.config.pluginmanager.register(plugin)
        try:
            yield running
        finally:
            request.config.pluginmanager.unregister(plugin)


@pytest.fixture(scope="module", name="browser")
def browser_fixture() -> Iterator[Browser]:
    require_chromium()
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()
