"""How long a horizon key press takes to reach the quadrant map, against a page with one slider.

Starts the bench's own `streamlit run app.py` once (bench/common.py: `bench_app`: the real
overview and pages, plus the two measurement pages only the bench serves), drives Debian's Chromium, and per key press measures in the
page the time from the keydown to the moment the script run has finished and the watched part of
the page (the map's SVG marks, or the slider page's number) has changed. The slider-only page
(bench/meting/pages/99_Meting.py) is Streamlit's own floor: the round trip with nothing to compute or draw.
Target of design §1: the map's median at most twice the floor's. The chart-only page
(bench/meting/pages/98_Meting_kaart.py: the slider and the same chart, nothing else) shows what the chart
alone costs, whatever the page around it.

    python bench/slider_latency.py                # 20 presses per page
    python bench/slider_latency.py --presses 2    # a quick run that proves the script works
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402 - beside this script

from tests.browser import (  # noqa: E402 - the support module lives beside the tests
    StreamlitServer,
    chromium_missing,
    launch_chromium,
    new_context,
    open_app,
    script_runs,
    slider_thumb,
    wait_until_idle,
)

TARGET_RATIO = 2.0
DEFAULT_OUTPUT = ROOT / "bench" / "results" / "slider_latency.json"

_KEY_CLOCK = (
    "window.addEventListener('keydown', () => { window.__keyAt = performance.now(); }, true);"
)

# Armed before each press, a recorder inside the page (so no time is rounded to a polling
# interval). `changed`: the first DOM change after which the watched marks differ from before the
# press (and are as many, so a chart redrawn from scratch does not count while still empty):
# the room sees it move. `idle`: when the page shows the run it started as finished. A press
# need not change the marks (the map places services in cells, 50 % and 55 % may draw the same
# picture), and a quick run may never show as running; the press is dealt with at the later
# of the two that happened. Python waits for the run's end on the protocol, then reads them.
_ARM = """
([selector]) => {
  if (window.__benchObserver) window.__benchObserver.disconnect();
  const marks = () => Array.from(document.querySelectorAll(selector));
  const signature = (found) => found.map((mark) => mark.outerHTML).join('\\n');
  const before = marks();
  const bench = { before: signature(before), count: before.length, changed: null,
                  running: false, idle: null };
  window.__bench = bench;
  const observer = new MutationObserver(() => {
    const state = document.querySelector('[data-testid=stApp]')
      .getAttribute('data-test-script-state');
    if (state === 'running') bench.running = true;
    if (state === 'notRunning' && bench.running && bench.idle === null) {
      bench.idle = performance.now();
    }
    if (bench.changed === null) {
      const now = marks();
      if (now.length >= bench.count && signature(now) !== bench.before) {
        bench.changed = performance.now();
      }
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true,
                               characterData: true });
  window.__benchObserver = observer;
}
"""

_READ = """() => {
  const bench = window.__bench;
  const since = (t) => (t === null ? null : t - window.__keyAt);
  return [since(bench.changed), since(bench.idle)];
}"""


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    slider: str
    watch: str  # CSS selector of what must change on screen
    max_value: int = 100
    step: int = 5


TARGETS = (
    Target("overview", "/", "Tijdshorizon", "[data-testid=stMain] svg [aria-label]"),
    Target("chart_only", "/Meting_kaart", "Tijdshorizon", "[data-testid=stMain] svg [aria-label]"),
    Target("slider_only", "/Meting", "Meting", "[data-testid=stMain] [data-testid=stMarkdown]"),
)


NAMES = ("overview", "chart_only", "slider_only")  # the order the report reads them in


@dataclass
class Result:
    name: str
    url: str
    samples_ms: list[float] = field(default_factory=list)
    changed_ms: list[float] = field(default_factory=list)  # key press → the marks changed
    unmeasured: int = 0

    @property
    def summary(self) -> dict[str, float | None]:
        return {
            "min": min(self.samples_ms),
            "median": statistics.median(self.samples_ms),
            "max": max(self.samples_ms),
            "median_changed": statistics.median(self.changed_ms) if self.changed_ms else None,
        }


def measure(browser: Browser, base_url: str, target: Target, presses: int, warmup: int) -> Result:
    context = new_context(browser)
    context.add_init_script(_KEY_CLOCK)
    try:
        page = context.new_page()
        url = base_url + target.path
        open_app(page, url)
        thumb = slider_thumb(page, target.slider)
        thumb.focus()
        # Vega draws the chart a moment after the run that sent it.
        try:
            page.wait_for_selector(target.watch, state="attached", timeout=30_000)
        except PlaywrightTimeoutError as error:
            raise RuntimeError(f"nothing matches {target.watch!r} on {url}") from error
        result = Result(target.name, url)
        value = 0
        for press in range(warmup + presses):
            # Bounce between the ends so every press changes the value.
            key = "ArrowRight" if value + target.step <= target.max_value else "ArrowLeft"
            if key == "ArrowLeft" and value - target.step < 0:
                key = "ArrowRight"
            value += target.step if key == "ArrowRight" else -target.step
            page.evaluate(_ARM, [target.watch])
            before = script_runs(page).finished
            thumb.press(key)
            # The run's end on the protocol, then a quiet spell for Vega to draw.
            wait_until_idle(page, after=before, settle=0.3)
            changed, idle = page.evaluate(_READ)
            seen = [t for t in (changed, idle) if t is not None]
            if press < warmup:
                continue
            if not seen:
                result.unmeasured += 1  # neither moved nor showed as running: no in-page time
                continue
            result.samples_ms.append(round(max(seen), 1))
            if changed is not None:
                result.changed_ms.append(round(changed, 1))
        if not result.samples_ms:
            raise RuntimeError(f"{url}: no press could be timed ({target.watch!r} never changed)")
        return result
    finally:
        context.close()


def machine() -> dict[str, object]:
    import streamlit

    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
    }


def table(results: list[Result], ratio: float, bound: float) -> str:
    lines = [
        f"{'page':<12} {'url':<14} {'timed':>5} {'min ms':>7} {'median ms':>9} {'max ms':>7}"
        f"   {'moved':>5} {'median ms until it moved':>24}"
    ]
    for result in results:
        s = result.summary
        path = "/" + result.url.split("/", 3)[-1]
        moved = "—" if s["median_changed"] is None else f"{s['median_changed']:.0f}"
        lines.append(
            f"{result.name:<12} {path:<14} {len(result.samples_ms):>5} "
            f"{s['min']:>7.0f} {s['median']:>9.0f} {s['max']:>7.0f}"
            f"   {len(result.changed_ms):>5} {moved:>24}"
        )
    verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
    lines += [
        f"ratio of medians (overview / slider only): {ratio:.2f}  {verdict} target ≤ 2",
        f"ratio of medians (chart only / slider only): {bound:.2f}  what this chart alone costs",
        "min/median/max: key press → the run shown finished and the marks redrawn, whichever is"
        " later; moved: presses that changed the marks, and the median time until they did.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=20, help="measured presses per page")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured presses first")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON results file")
    parser.add_argument(
        "--streamlit-option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="passed to `streamlit run` as --NAME=VALUE, e.g. runner.postScriptGC=false",
    )
    args = parser.parse_args(argv)
    if args.presses < 1:
        parser.error("--presses must be at least 1")

    missing = chromium_missing()
    if missing:
        print(f"cannot run: {missing}", file=sys.stderr)
        return 2

    started = time.monotonic()
    options = tuple(f"--{option.removeprefix('--')}" for option in args.streamlit_option)
    with (
        StreamlitServer(root=common.bench_app(), options=options) as server,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        chromium_version = browser.version
        try:
            results = [
                measure(browser, server.url, target, args.presses, args.warmup)
                for target in TARGETS
            ]
        except Exception:
            print(server.output(), file=sys.stderr)
            raise
        finally:
            browser.close()
    overview, chart_only, floor = (next(r for r in results if r.name == n) for n in NAMES)
    ratio = overview.summary["median"] / floor.summary["median"]
    bound = chart_only.summary["median"] / floor.summary["median"]
    print(table(results, ratio, bound))

    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "what": "keydown on the horizon slider → run finished and the watched marks changed",
        "presses": args.presses,
        "streamlit_options": list(options),
        "warmup": args.warmup,
        "machine": {**machine(), "chromium": chromium_version},
        "pages": {r.name: {**asdict(r), **r.summary} for r in results},
        "ratio_of_medians": round(ratio, 3),
        "chart_only_ratio": round(bound, 3),
        "target_ratio": TARGET_RATIO,
        "within_target": ratio <= TARGET_RATIO,
        "wall_seconds": round(time.monotonic() - started, 1),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
