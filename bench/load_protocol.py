"""Issue 13 (6): load measured on the server, by clients that speak Streamlit's own protocol.

tests/test_load.py drives 20 Chromium pages on the same cores as the server and so measures
mostly the browsers. Here each session is an asyncio websocket client that does what the
browser's JavaScript does and nothing more: it opens `/_stcore/stream`, asks for the page with
a `rerun_script` BackMsg, reads the ForwardMsg frames the server sends (the sliders' widget ids
and fragment, the quadrant counts, the URL, the run's end), and moves a slider by sending the
new value in `widget_states` with the slider's fragment id, as a key press does.

Per run of `--sessions` N (each on a fresh `streamlit run app.py`, a throwaway store): all N
sessions open the overview at once, then for `--seconds` each moves the horizon (or a cut)
slider one step about every `--interval` seconds (the next move waits for the answer, as a
person does); `--savers` of them open the Scenario's page every `--save-every` actions, save
a scenario through its form and go back. Reported: p50 / p95 / max per action (request sent →
script_finished), reruns per second, errors (exceptions, error alerts, timeouts, closed
connections, an unconfirmed save, "Traceback" or "Error" in the server's log), the server's
VmRSS and CPU, and a session-isolation check: after every run the session compares what the
server drew with its own slider values: the three sliders' shown values, the four quadrant
counts (computed here with `classify` for its values) and the settings in its URL. After the
run every saved scenario must be in the store with its own session's values.

    python bench/load_protocol.py                      # 30 sessions × 60 s
    python bench/load_protocol.py --sessions 10,20,30  # a fresh server per size
    python bench/load_protocol.py --sessions 3 --seconds 5
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import math
import os
import random
import re
import sys
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402 - beside this script

from igemo_data import classify, load_services, url_state  # noqa: E402
from igemo_data.settings import DEFAULT_SETTINGS, Settings  # noqa: E402
from igemo_data.store.scenarios import ScenarioStore  # noqa: E402
from igemo_data.texts import t  # noqa: E402
from igemo_data.workshop import quadrant_counts  # noqa: E402
from tests.browser import StreamlitServer, element_kind  # noqa: E402

LANG = "nl"
HORIZON, MARKET_CUT, NEED_CUT = (t(key, LANG) for key in ("horizon", "market_cut", "need_cut"))
LIVE_COMPONENT = "strategiekaart_live_control"  # ui/compat.py: LIVE_COMPONENT
LIVE_LABELS = {HORIZON: "horizon", MARKET_CUT: "market_cut", NEED_CUT: "need_cut"}
SCENARIO_PAGE = "Scenarios"  # url_pathname of pages/5_Scenarios.py
CUT_LOW, CUT_HIGH = 1.25, 1.75  # where the cut sliders wander
MOVE = "move a slider (fragment run)"
FIRST = "first session opens the overview (imports the app)"
OPEN = "the others open it, all at once"
TO_SCENARIOS = "open the Scenario's page"
SAVE = "save a scenario (form)"
BACK = "back to the overview"
ACTIONS = (FIRST, OPEN, MOVE, TO_SCENARIOS, SAVE, BACK)
ROUNDS_TARGET_MS = 500.0  # issue 13: 30 participants answering every 2 s, p95 (rounds, issue 11)
# What a browser in Flanders says about itself with every rerun request.
CONTEXT = ContextInfo(
    timezone="Europe/Brussels", timezone_offset=-60, locale="nl-BE", color_scheme="light"
)
COUNT = re.compile(r'aria-label="[^"]*: (\d+)" data-quadrant="([^"]+)"')


# --- What a session sets and what the server should draw for it ----------------------------


@dataclass(frozen=True)
class Values:
    """One session's three slider values: the horizon in percent, the cuts as scores."""

    horizon: int = url_state.horizon_percent(DEFAULT_SETTINGS.horizon)
    market_cut: float = DEFAULT_SETTINGS.market_cut
    need_cut: float = DEFAULT_SETTINGS.need_cut

    def by_label(self) -> dict[str, float]:
        return {HORIZON: self.horizon, MARKET_CUT: self.market_cut, NEED_CUT: self.need_cut}

    def settings(self) -> Settings:
        return Settings(
            horizon=url_state.horizon_fraction(self.horizon),
            market_cut=self.market_cut,
            need_cut=self.need_cut,
        )


def step(values: Values, rng: random.Random) -> Values:
    """One key press: mostly the horizon ±5 %, sometimes a cut ±0.05, bouncing at the ends."""
    roll = rng.random()
    if roll < 0.7:
        horizon = values.horizon + rng.choice((-1, 1)) * url_state.HORIZON_STEP
        if not 0 <= horizon <= 100:
            horizon = values.horizon - (horizon - values.horizon)
        return replace(values, horizon=horizon)
    key = "market_cut" if roll < 0.85 else "need_cut"
    cut = round(getattr(values, key) + rng.choice((-1, 1)) * url_state.CUT_STEP, 2)
    if not CUT_LOW <= cut <= CUT_HIGH:
        cut = round(2 * getattr(values, key) - cut, 2)
    return replace(values, **{key: cut})


@functools.cache
def _services():
    return load_services(Path(os.environ.get("STRATEGIEKAART_DATA", common.BUNDLED)))


@functools.cache
def expected_counts(values: Values) -> dict[str, int]:
    """The four quadrant counts the overview must show for `values` (the plan's services)."""
    settings = values.settings()
    table = classify(
        _services(),
        horizon=settings.horizon,
        market_cut=settings.market_cut,
        need_cut=settings.need_cut,
    )
    return dict(quadrant_counts(table).itertuples(index=False))


def mismatches(run: Run, query: str, values: Values, base: Values) -> list[str]:
    """How what the server drew for this session differs from the session's own values.

    `base`: the values of the scenario the session saved last (the URL leaves out what equals
    it); the defaults when it saved none.
    """
    found = []
    for label, own in values.by_label().items():
        slider = run.sliders.get(label)
        if slider is not None and not math.isclose(slider.shown, own, abs_tol=1e-9):
            found.append(f"slider {label!r} shows {slider.shown:g}, the session set {own:g}")
    counts = run.counts()
    want = expected_counts(values)
    if counts is None:
        found.append("no quadrant counts drawn")
    elif counts != want:
        found.append(f"quadrant counts {counts}, for its own values {want}")
    link = url_state.from_query(
        urllib.parse.parse_qs(query), url_state.Link(settings=base.settings())
    )
    in_url = Values(
        url_state.horizon_percent(link.settings.horizon),
        link.settings.market_cut,
        link.settings.need_cut,
    )
    if in_url != values:
        found.append(f"URL ?{query} says {in_url}, the session set {values}")
    return found


# --- One session: a websocket client that speaks what the browser speaks -------------------


@dataclass(frozen=True)
class Slider:
    widget_id: str
    fragment_id: str  # the fragment that drew it: a key press reruns that fragment only
    shown: float


@dataclass
class Run:
    """What one script run sent, from its new_session to its script_finished."""

    status: int = -1
    sliders: dict[str, Slider] = field(default_factory=dict)  # by label
    widgets: dict[str, str] = field(default_factory=dict)  # text inputs and buttons: label → id
    html: list[str] = field(default_factory=list)
    alerts: list[tuple[int, str]] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int] | None:
        for body in self.html:
            found = COUNT.findall(body)
            if found:
                return {key: int(number) for number, key in found}
        return None

    def problems(self) -> list[str]:
        """Errors this run showed: exceptions, error alerts, a script that did not compile."""
        out = [f"exception: {text}" for text in self.exceptions]
        out += [f"error alert: {body}" for kind, body in self.alerts if kind == Alert.ERROR]
        if self.status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
            out.append("script did not compile")
        return out


class Session:
    """One participant's connection; one request at a time, as a person presses one key."""

    def __init__(self, base_url: str, finished: list[tuple[float, int]], timeout: float) -> None:
        self.url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.origin = base_url
        self.timeout = timeout
        self.finished_log = finished  # (monotonic time, status) of every run's end, all sessions
        self.pages: dict[str, str] = {}  # url_pathname → page_script_hash
        self.main_hash = ""
        self.page_hash = ""
        self.query = ""  # what the browser's address bar holds after ?
        self.sliders: dict[str, Slider] = {}  # the latest run's
        self.sent = 0  # values sent by the live control, its sequence number
        self.closed: str | None = None
        self.stray = 0  # runs that ended while no request waited
        self._current = Run()
        self._ends: asyncio.Queue[Run | None] = asyncio.Queue()
        self._socket: ClientConnection | None = None
        self._reader: asyncio.Task | None = None

    async def connect(self) -> None:
        # A browser sends no pings and takes frames of any size; it offers compression.
        self._socket = await connect(
            self.url,
            subprotocols=["streamlit"],
            origin=self.origin,
            max_size=None,
            ping_interval=None,
            open_timeout=self.timeout,
        )
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await self._reader

    async def _read(self) -> None:
        try:
            async for payload in self._socket:
                if isinstance(payload, bytes):
                    self._received(payload)
            self.closed = "closed by the server"
        except ConnectionClosed as error:
            self.closed = f"connection closed ({error})"
        finally:
            self.closed = self.closed or "closed"
            self._ends.put_nowait(None)

    def _received(self, payload: bytes) -> None:
        message = ForwardMsg()
        message.ParseFromString(payload)
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self._current = Run()
            self.page_hash = message.new_session.page_script_hash
            for page in message.new_session.app_pages:
                self.pages[page.url_pathname] = page.page_script_hash
                if page.is_default:
                    self.main_hash = page.page_script_hash
        elif kind == "delta":
            self._element(message)
        elif kind == "page_info_changed":
            self.query = message.page_info_changed.query_string
        elif kind == "session_event" and message.session_event.HasField(
            "script_compilation_exception"
        ):
            self._current.exceptions.append(
                message.session_event.script_compilation_exception.message
            )
        elif kind == "script_finished":
            self._current.status = message.script_finished
            self.finished_log.append((time.monotonic(), message.script_finished))
            self._ends.put_nowait(self._current)

    def _element(self, message: ForwardMsg) -> None:
        kind = element_kind(message)
        if kind is None:
            return
        element = getattr(message.delta.new_element, kind)
        run = self._current
        if kind == "slider":
            values = element.value if element.set_value else element.default
            shown = values[0] if values else math.nan
            run.sliders[element.label] = Slider(element.id, message.delta.fragment_id, shown)
        elif kind == "bidi_component" and element.component_name == LIVE_COMPONENT:
            # Issue 17: the three sliders are one component; its data holds what it shows.
            shown = json.loads(element.json)["values"]
            fragment = message.delta.fragment_id
            for label, key in LIVE_LABELS.items():
                value = shown[key] if key == "horizon" else shown[key] / 100
                run.sliders[label] = Slider(element.id, fragment, value)
        elif kind in ("text_input", "button"):
            run.widgets[element.label] = element.id
        elif kind == "html":
            run.html.append(element.body)
        elif kind == "alert":
            run.alerts.append((element.format, element.body))
        elif kind == "exception":
            run.exceptions.append(f"{element.type}: {element.message}")

    async def rerun(
        self,
        widgets: list[WidgetState] | None = None,
        *,
        fragment_id: str = "",
        page_hash: str | None = None,
        query: str | None = None,
    ) -> tuple[float, Run]:
        """Send one rerun request; milliseconds until its script_finished, and the run."""
        if self.closed:
            raise ConnectionError(self.closed)
        while not self._ends.empty():
            self.stray += self._ends.get_nowait() is not None
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query if query is None else query
        state.page_script_hash = self.page_hash if page_hash is None else page_hash
        state.fragment_id = fragment_id
        state.widget_states.widgets.extend(widgets or ())
        state.context_info.CopyFrom(CONTEXT)
        state.context_info.url = f"{self.origin}/?{state.query_string}"
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no script_finished within {self.timeout:.0f} s")
            try:
                run = await asyncio.wait_for(self._ends.get(), timeout=left)
            except TimeoutError:
                continue
            if run is None:
                raise ConnectionError(self.closed)
            if run.status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                elapsed = (time.perf_counter() - started) * 1000
                if run.sliders:
                    self.sliders = run.sliders
                return elapsed, run


def slider_states(session: Session, values: Values) -> list[WidgetState]:
    """The three sliders' values as the browser holds them (widget ids of the latest run)."""
    ids = {session.sliders[label].widget_id for label in LIVE_LABELS}
    if len(ids) == 1:  # the live control (issue 17): one state, as its script sets it
        session.sent += 1
        state = WidgetState(id=ids.pop())
        state.json_value = json.dumps(
            {
                "settings": {
                    "horizon": int(values.horizon),
                    "market_cut": round(values.market_cut * 100),
                    "need_cut": round(values.need_cut * 100),
                    "seq": session.sent,
                }
            }
        )
        return [state]
    states = []
    for label, value in values.by_label().items():
        state = WidgetState(id=session.sliders[label].widget_id)
        state.double_array_value.data.append(float(value))
        states.append(state)
    return states


# --- The room: N sessions, their actions and what they saw ---------------------------------


@dataclass(frozen=True)
class Plan:
    sessions: int = 30
    seconds: float = 60.0
    interval: float = 2.0
    savers: int | None = None  # None: a tenth of the sessions, at least one
    save_every: int = 8  # actions of a saving session
    timeout: float = 60.0
    seed: int = common.SEED

    @property
    def saving(self) -> int:
        return max(1, self.sessions // 10) if self.savers is None else self.savers


@dataclass
class Log:
    latency: dict[str, list[float]] = field(default_factory=lambda: {a: [] for a in ACTIONS})
    finished: list[tuple[float, int]] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    error_examples: list[str] = field(default_factory=list)
    checks: int = 0
    violations: list[str] = field(default_factory=list)
    saved: dict[str, Values] = field(default_factory=dict)

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] += 1
        if len(self.error_examples) < 20:
            self.error_examples.append(f"{kind}: {detail}"[:500])

    def look(self, number: int, run: Run, session: Session, values: Values, base: Values):
        """Count the run's errors, then compare what it drew with the session's values."""
        for problem in run.problems():
            self.error("the page showed an error", f"session {number}: {problem}")
        self.checks += 1
        for found in mismatches(run, session.query, values, base):
            self.violations.append(f"session {number}: {found}")


async def _act(log: Log, action: str, call) -> Run:
    elapsed, run = await call
    log.latency[action].append(elapsed)
    return run


async def _save(session: Session, log: Log, number: int, count: int, values: Values) -> bool:
    """The Scenario's page, its form filled and sent, back to the overview: saved or not."""
    run = await _act(
        log, TO_SCENARIOS, session.rerun(page_hash=session.pages[SCENARIO_PAGE], query="")
    )
    name = f"Last {number:02d}-{count:03d}"
    text = WidgetState(id=run.widgets[t("save_name", LANG)], string_value=name)
    submit = WidgetState(id=run.widgets[t("save_button", LANG)], trigger_value=True)
    run = await _act(log, SAVE, session.rerun([text, submit]))
    for problem in run.problems():
        log.error("the page showed an error", f"session {number}: {problem}")
    # "Bewaard. Last 00\-008": the page escapes the name's Markdown.
    saved = any(
        kind == Alert.SUCCESS and body.replace("\\", "") == f"{t('saved', LANG)} {name}"
        for kind, body in run.alerts
    )
    if saved:
        log.saved[name] = values
    else:
        log.error("a save was not confirmed", f"session {number}: {name}")
    return saved


async def participant(
    number: int, session: Session, plan: Plan, log: Log, stop_at: float, saver: bool
) -> None:
    """One person at the workshop: a slider step about every `interval` s, now and then a save."""
    rng = random.Random(plan.seed * 1000 + number)
    values = base = Values()
    await asyncio.sleep(rng.uniform(0, plan.interval))  # people do not press in step
    count = 0
    while time.monotonic() < stop_at and not session.closed:
        began = time.monotonic()
        count += 1
        try:
            if saver and count % plan.save_every == 0:
                if await _save(session, log, number, count, values):
                    base = values
                run = await _act(log, BACK, session.rerun(page_hash=session.main_hash, query=""))
            else:
                moved = step(values, rng)
                label = next(k for k, v in moved.by_label().items() if v != values.by_label()[k])
                fragment = session.sliders[label].fragment_id
                values = moved
                run = await _act(
                    log, MOVE, session.rerun(slider_states(session, values), fragment_id=fragment)
                )
            log.look(number, run, session, values, base)
        except TimeoutError as error:
            log.error("no answer in time", f"session {number}: {error}")
        except ConnectionError:
            break  # counted below
        except KeyError as error:
            log.error("a widget was missing", f"session {number}: {error}")
        pause = rng.uniform(0.75, 1.25) * plan.interval - (time.monotonic() - began)
        if pause > 0:
            await asyncio.sleep(pause)
    if session.closed:
        log.error("connection lost", f"session {number}: {session.closed}")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _peak(pid: int, peak: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], rss_mib(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=0.5)


async def room(url: str, pid: int, plan: Plan, log: Log) -> dict[str, object]:
    """All sessions open the overview at once, then act for `plan.seconds`; the server's side."""
    memory = {"idle": rss_mib(pid)}
    peak, stop_sampling = [memory["idle"]], asyncio.Event()
    sampler = asyncio.create_task(_peak(pid, peak, stop_sampling))
    sessions = [Session(url, log.finished, plan.timeout) for _ in range(plan.sessions)]

    async def open_overview(number: int, session: Session) -> bool:
        try:
            await session.connect()
            action = FIRST if number == 0 else OPEN
            run = await _act(log, action, session.rerun(page_hash="", query=""))
            log.look(number, run, session, Values(), Values())
            return True
        except (OSError, TimeoutError, ConnectionError) as error:
            log.error("could not open the overview", f"session {number}: {error!r}")
            return False

    # The first session alone: its run imports the app, which is no session's own memory.
    opened = [await open_overview(0, sessions[0])]
    memory["one_session"] = rss_mib(pid)
    opened += await asyncio.gather(*(open_overview(n, s) for n, s in enumerate(sessions) if n))
    memory["connected"] = rss_mib(pid)
    cpu_before, own_before, started = cpu_seconds(pid), os.times(), time.monotonic()
    stop_at = started + plan.seconds
    await asyncio.gather(
        *(
            participant(n, s, plan, log, stop_at, saver=n < plan.saving)
            for n, s in enumerate(sessions)
            if opened[n]
        )
    )
    ended = time.monotonic()
    cpu_after, own_after = cpu_seconds(pid), os.times()
    memory["end"] = rss_mib(pid)
    for session in sessions:
        await session.close()
    await asyncio.sleep(3)
    memory["after_close"] = rss_mib(pid)
    stop_sampling.set()
    await sampler
    memory["peak"] = peak[0]
    window = ended - started
    own = (own_after.user + own_after.system) - (own_before.user + own_before.system)
    return {
        "window_s": window,
        "started": started,
        "ended": ended,
        "memory_mib": memory,
        "server_cpu_s": cpu_after - cpu_before,
        "harness_cpu_s": own,
        "stray_runs": sum(s.stray for s in sessions),
    }


# --- One measurement, end to end ----------------------------------------------------------


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def _stored(path: Path) -> dict[str, Values]:
    store = ScenarioStore(path)
    try:
        return {
            s.name: Values(
                url_state.horizon_percent(s.settings.horizon),
                s.settings.market_cut,
                s.settings.need_cut,
            )
            for s in store.list()
        }
    finally:
        store.close()


def measure(plan: Plan) -> dict[str, object]:
    """Start a server, run the room, stop the server, read its store; the figures as data."""
    log = Log()
    server = StreamlitServer().start()
    try:
        side = asyncio.run(room(server.url, server.pid, plan, log))
        output = server.output()
        server.stop()  # DuckDB lets one process hold the file: read it once the server is gone
        stored = _stored(server.store_path) if server.store_path.exists() else {}
    finally:
        server.close()
    for line in output.splitlines():
        if "Traceback" in line or "Error" in line:
            log.error("the server logged an error", line)
    for name, values in log.saved.items():
        if name not in stored:
            log.error("a confirmed save is not in the store", name)
        elif stored[name] != values:
            log.violations.append(f"scenario {name} holds {stored[name]}, its session set {values}")
    window = side["window_s"]
    done = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
    ends = [s for at, s in log.finished if side["started"] <= at <= side["ended"] and s in done]
    fragment = sum(s == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY for s in ends)
    memory = side["memory_mib"]
    return {
        "sessions": plan.sessions,
        "seconds": plan.seconds,
        "interval_s": plan.interval,
        "savers": plan.saving,
        "window_s": round(window, 2),
        "actions": {
            name: {
                "n": len(ms),
                "p50": round(percentile(ms, 50), 1),
                "p95": round(percentile(ms, 95), 1),
                "max": round(max(ms), 1),
                "samples": [round(x, 1) for x in ms],
            }
            for name, ms in log.latency.items()
            if ms
        },
        "reruns_per_s": round(len(ends) / window, 2),
        "fragment_reruns_per_s": round(fragment / window, 2),
        "full_reruns_per_s": round((len(ends) - fragment) / window, 2),
        "stray_runs": side["stray_runs"],
        "errors": sum(log.errors.values()),
        "errors_by_kind": dict(log.errors),
        "error_examples": log.error_examples,
        "isolation_checks": log.checks + len(log.saved),
        "isolation_violations": len(log.violations),
        "violation_examples": log.violations[:20],
        "saved": len(log.saved),
        "memory_mib": {k: round(v, 1) for k, v in memory.items()},
        "rss_growth_mib": round(memory["end"] - memory["connected"], 1),
        "rss_per_session_mib": round(
            (memory["connected"] - memory["one_session"]) / max(1, plan.sessions - 1), 2
        ),
        "server_cpu_percent": round(100 * side["server_cpu_s"] / window, 1),
        "server_cpu_ms_per_rerun": round(1000 * side["server_cpu_s"] / max(1, len(ends)), 1),
        "harness_cpu_percent": round(100 * side["harness_cpu_s"] / window, 1),
    }


# --- The report -----------------------------------------------------------------------------


def _tables(results: list[dict]) -> list[common.Table]:
    actions = [
        [r["sessions"], name, a["n"], a["p50"], a["p95"], a["max"]]
        for r in results
        for name, a in r["actions"].items()
    ]
    server = [
        [
            r["sessions"],
            r["window_s"],
            r["reruns_per_s"],
            r["fragment_reruns_per_s"],
            r["full_reruns_per_s"],
            r["server_cpu_percent"],
            r["server_cpu_ms_per_rerun"],
            r["harness_cpu_percent"],
            r["errors"],
            r["isolation_checks"],
            r["isolation_violations"],
            r["saved"],
        ]
        for r in results
    ]
    memory = [
        [
            r["sessions"],
            *(
                r["memory_mib"][k]
                for k in ("idle", "one_session", "connected", "peak", "end", "after_close")
            ),
            r["rss_growth_mib"],
            r["rss_per_session_mib"],
        ]
        for r in results
    ]
    return [
        common.Table(
            "Protocol-level load: request sent → script_finished, ms",
            ["sessions", "action", "n", "p50", "p95", "max"],
            actions,
            "A slider move reruns the overview's fragment; the first run, the page switches and "
            "the save are full runs.",
        ),
        common.Table(
            "Protocol-level load: the server",
            [
                "sessions",
                "window s",
                "reruns/s",
                "fragment/s",
                "full/s",
                "server CPU %",
                "CPU ms/rerun",
                "harness CPU %",
                "errors",
                "checks",
                "violations",
                "saved",
            ],
            server,
            "CPU %: of one core over the window; the harness runs on the same machine.",
        ),
        common.Table(
            "Protocol-level load: server VmRSS, MiB",
            [
                "sessions",
                "idle",
                "1 session",
                "all opened",
                "peak",
                "end",
                "3 s after closing",
                "growth in window",
                "per session",
            ],
            memory,
            "Per session: (all opened − 1 session) / (sessions − 1); growth: end − all opened.",
        ),
    ]


def _summary(report: common.Report, result: dict) -> None:
    n = result["sessions"]
    move = result["actions"].get(MOVE)
    if move:
        report.row(
            "13(6)",
            f"{n} sessions: slider move → script_finished (protocol)",
            move["samples"],
            shown=f"p50 {move['p50']:.0f} ms, p95 {move['p95']:.0f} ms",
            note=f"rounds target: p95 ≤ {ROUNDS_TARGET_MS:.0f} ms with 30",
        )
    report.row(
        "13(6)",
        f"{n} sessions: reruns per second",
        unit="/s",
        value=result["reruns_per_s"],
        shown=f"{result['reruns_per_s']:.1f}/s, server CPU {result['server_cpu_percent']:.0f} %",
    )
    report.row(
        "13(6)",
        f"{n} sessions: server RSS growth over the window",
        unit="MiB",
        value=result["rss_growth_mib"],
        shown=f"{result['rss_growth_mib']:+.1f} MiB",
    )
    for what, key in (("errors", "errors"), ("isolation violations", "isolation_violations")):
        report.row(
            "13(6)",
            f"{n} sessions: {what}",
            unit="",
            value=result[key],
            shown=str(result[key]),
            limit=0,
            target="0",
        )


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__.split("\n\n")[0], "load_protocol")
    parser.add_argument(
        "--sessions", default="30", help="comma-separated room sizes, one server each"
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="how long each room acts")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between moves")
    parser.add_argument("--savers", type=int, help="sessions that save (default: a tenth)")
    parser.add_argument("--save-every", type=int, default=8, help="a saver's actions per save")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for a run")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sessions.split(",") if s.strip()]
    if not sizes or min(sizes) < 1:
        parser.error("--sessions needs whole numbers of at least 1")
    report = common.Report("load_protocol", argv)
    results = []
    for size in sizes:
        plan = Plan(
            sessions=size,
            seconds=args.seconds,
            interval=args.interval,
            savers=args.savers,
            save_every=args.save_every,
            timeout=args.timeout,
        )
        print(f"{size} sessions × {args.seconds:g} s …", flush=True)
        results.append(measure(plan))
    for table in _tables(results):
        report.table(table)
    for result in results:
        for example in result["error_examples"][:5] + result["violation_examples"][:5]:
            print(f"  {result['sessions']} sessions: {example}")
        _summary(report, result)
    report.data["results"] = results
    report.write(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
