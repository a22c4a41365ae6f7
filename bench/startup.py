"""(e) Cold start to the first chart, and the server's memory with 1 and with 20 open sessions.

Cold start: Chromium is started first and holds an empty page; the clock starts just before
`streamlit run app.py` is launched (tests/browser.py's StreamlitServer: a throwaway scenario
store, no file watcher) and stops when the overview's chart has drawn its first service marks
in that page. The server's health check is polled every 20 ms meanwhile, and the page asks for
the app as soon as it answers. `--starts` servers are started one after the other.

Memory: on one more server, the resident set (VmRSS in /proc/<pid>/status) of the server
process before any session, after one Chromium page (its own browser context, hence its own
Streamlit session) has opened the overview and drawn its chart, and after each further page up
to `--sessions`; all pages stay open. Each extra session's share: (RSS with 20 − RSS with 1) / 19.

    python bench/startup.py                         # 3 cold starts, 20 sessions
    python bench/startup.py --starts 1 --sessions 3
"""

from __future__ import annotations

import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402 - beside this script

COLD_TARGET_MS = 3000.0
SESSION_TARGET_MIB = 5.0
CHART = "[data-testid=stMain] svg [aria-label], [data-testid=stMain] canvas.marks"


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
            return answer.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def cold_start(browser) -> dict[str, float]:
    """One server from launch to the first chart; milliseconds since the launch."""
    from tests.browser import StreamlitServer, new_context, script_runs, wait_until_idle

    context = new_context(browser)
    page = context.new_page()
    server = StreamlitServer()
    failure: list[BaseException] = []

    def start() -> None:
        try:
            server.start()
        except BaseException as error:  # reported from the main thread
            failure.append(error)

    try:
        started = time.perf_counter()
        launcher = threading.Thread(target=start, daemon=True)
        launcher.start()
        while not _healthy(server.url):
            if failure:
                raise failure[0]
            if time.perf_counter() - started > 120:
                raise RuntimeError(f"no health answer in 120 s:\n{server.output()}")
            time.sleep(0.02)
        healthy = time.perf_counter()
        page.goto(server.url)
        loaded = time.perf_counter()
        runs = script_runs(page)
        while not runs.finished:  # the first script run's end, as the WebSocket tells it
            if time.perf_counter() - started > 120:
                raise RuntimeError(f"no script run finished in 120 s:\n{server.output()}")
            page.wait_for_timeout(5)
        ran = time.perf_counter()
        page.wait_for_selector(CHART, state="attached", timeout=60_000)
        chart = time.perf_counter()
        launcher.join(timeout=30)
        wait_until_idle(page)
        return {
            "health_ms": (healthy - started) * 1000,
            "page_loaded_ms": (loaded - started) * 1000,
            "first_run_ms": (ran - started) * 1000,
            "first_chart_ms": (chart - started) * 1000,
        }
    finally:
        context.close()
        server.close()


def open_session(browser, url: str):
    from tests.browser import new_context, open_app, wait_until_drawn

    context = new_context(browser)
    page = context.new_page()
    open_app(page, url)
    page.wait_for_selector(CHART, state="attached", timeout=60_000)
    wait_until_drawn(page)
    return context


def session_memory(browser, sessions: int) -> dict[str, object]:
    from tests.browser import StreamlitServer

    contexts = []
    with StreamlitServer() as server:
        pid = server._process.pid  # whose memory is asked for
        time.sleep(1.0)
        before = rss_mib(pid)
        series = []
        try:
            for _ in range(sessions):
                contexts.append(open_session(browser, server.url))
                series.append(rss_mib(pid))
            time.sleep(2.0)  # what the last run left behind settles
            settled = rss_mib(pid)
        finally:
            for context in contexts:
                context.close()
    return {
        "pid_rss_before_sessions_mib": before,
        "rss_after_each_mib": series,
        "rss_settled_mib": settled,
    }


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__.split("\n\n")[0], "startup")
    parser.add_argument("--starts", type=int, default=3, help="cold starts to time")
    parser.add_argument("--sessions", type=int, default=20, help="open sessions at the end")
    args = parser.parse_args(argv)
    if args.starts < 1 or args.sessions < 2:
        parser.error("--starts must be at least 1 and --sessions at least 2")

    from playwright.sync_api import sync_playwright

    from tests.browser import chromium_missing, launch_chromium

    missing = chromium_missing()
    if missing:
        print(f"cannot run: {missing}", file=sys.stderr)
        return 2

    report = common.Report("startup", argv)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        chromium = browser.version
        try:
            starts = [cold_start(browser) for _ in range(args.starts)]
            memory = session_memory(browser, args.sessions)
        finally:
            browser.close()

    rows = [
        [label, *common.stat_row([], [s[key] for s in starts])]
        for label, key in (
            ("launch → health check answers", "health_ms"),
            ("launch → page loaded", "page_loaded_ms"),
            ("launch → first script run finished", "first_run_ms"),
            ("launch → first chart drawn", "first_chart_ms"),
        )
    ]
    report.table(
        common.Table("(e) cold start, ms", ["from launch to", "n", "min", "median", "max"], rows)
    )
    series = memory["rss_after_each_mib"]
    one, last = series[0], memory["rss_settled_mib"]
    per_session = (last - one) / (args.sessions - 1)
    report.table(
        common.Table(
            "(e) server memory (VmRSS of the streamlit process), MiB",
            ["open sessions", "RSS MiB", "note"],
            [
                [0, memory["pid_rss_before_sessions_mib"], "server started, no page yet"],
                [1, one, "one page, chart drawn"],
                *([[n, series[n - 1], ""] for n in (5, 10) if n < args.sessions]),
                [args.sessions, last, "every page open, chart drawn, 2 s later"],
                [
                    "per extra session",
                    per_session,
                    f"(RSS {args.sessions} − RSS 1) / {args.sessions - 1}",
                ],
            ],
        )
    )
    report.row(
        "e",
        "cold start: launch → first chart in the browser",
        [s["first_chart_ms"] for s in starts],
        limit=COLD_TARGET_MS,
        target="≤ 3 s",
    )
    report.row("e", "server RSS, 1 open session", unit="MiB", value=one, shown=f"{one:.0f} MiB")
    report.row(
        "e",
        f"server RSS, {args.sessions} open sessions",
        unit="MiB",
        value=last,
        shown=f"{last:.0f} MiB",
    )
    report.row(
        "e",
        "server RSS per extra open session",
        unit="MiB",
        value=per_session,
        shown=f"{per_session:.1f} MiB",
        limit=SESSION_TARGET_MIB,
        target="≤ 5 MiB",
    )
    report.data.update(
        chromium=chromium,
        starts=starts,
        memory={**memory, "sessions": args.sessions, "per_extra_session_mib": per_session},
    )
    report.write(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
