"""(c) Scale: generated portfolios of 39, 1,000, 10,000 and 100,000 services.

Per size a portfolio in data/services.csv's columns is generated with a fixed seed
(bench/common.py: `portfolio`), and a fresh Python process, with STRATEGIEKAART_DATA pointing at
it, times
- `load_services` of the CSV,
- `classify` (another horizon each call, after one unmeasured call),
- the overview's script time under AppTest after a horizon change (as bench/apptest_pages.py).
Up to `--browser-max` services (10,000) it then starts the bench's own app (bench/common.py:
`bench_app`) on that portfolio and times horizon key presses on the overview in Chromium the way bench/slider_latency.py does
(key press → run finished and the chart redrawn), with the slider-only page once as the floor.

    python bench/scale.py                                   # all four sizes, with the browser
    python bench/scale.py --sizes 39,1000 --no-browser      # quick
    python bench/scale.py --sizes 39 --no-browser --repeat 1
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402 - beside this script

SIZES = (39, 1_000, 10_000, 100_000)
LOAD_TARGET_MS = 1500.0  # load_services of a 100,000-row CSV
CLASSIFY_TARGET_MS = 100.0  # classify of 100,000 services
BROWSER_TARGET_MS = 400.0  # the overview answers a slider with 10,000 services
# What must change on screen after a press: the chart's SVG marks, or, should the chart be drawn
# on a canvas at large sizes, the canvas (then the run's end alone times the press).
WATCH = "[data-testid=stMain] svg [aria-label], [data-testid=stMain] canvas.marks"


# --- One size, in its own process -----------------------------------------------------------


def _child(size: int, repeat: int, budget: float, output: Path) -> None:
    """Runs in a fresh process with STRATEGIEKAART_DATA set: the non-browser timings."""
    common.quiet_streamlit()
    from igemo_data import classify, load_services

    path = Path(os.environ["STRATEGIEKAART_DATA"])
    result: dict[str, object] = {"size": size, "csv_bytes": path.stat().st_size}
    services = None

    def load(_: int) -> None:
        nonlocal services
        services = load_services(path)

    result["load_services_ms"] = common.timed(load, repeat, budget_s=budget)
    assert services is not None and len(services) == size, "the portfolio did not load whole"
    horizons = [(i % 21) * 0.05 for i in range(repeat + 1)]
    result["classify_ms"] = common.timed(
        lambda i: classify(services, horizon=horizons[i]), repeat, warmup=1
    )

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    result["overview_first_run_ms"] = common.clock_ms(at.run)
    values = [5 * (1 + i % 20) for i in range(repeat)]
    result["overview_ms"] = common.timed(
        lambda i: common.set_horizon(at, values[i]), repeat, budget_s=budget
    )
    result["overview_exceptions"] = [e.message.splitlines()[0][:200] for e in at.exception]
    output.write_text(json.dumps(result), "utf-8")


def run_size(size: int, repeat: int, budget: float) -> dict[str, object]:
    env = dict(os.environ, STRATEGIEKAART_DATA=str(common.portfolio(size)))
    result = common.run_child(
        __file__,
        str(size),
        ["--repeat", str(repeat), "--budget", str(budget)],
        env=env,
        timeout=1800,
    )
    return {"size": size, **result} if "error" in result else result


# --- The browser ----------------------------------------------------------------------------


def browser_latency(sizes: list[int], presses: int, warmup: int) -> dict[str, object]:
    from playwright.sync_api import sync_playwright
    from slider_latency import TARGETS, Target, measure

    from tests.browser import (
        StreamlitServer,
        chromium_missing,
        exceptions,
        launch_chromium,
        new_context,
        open_app,
    )

    missing = chromium_missing()
    if missing:
        return {"error": missing}
    out: dict[str, object] = {"sizes": {}}
    overview = Target("overview", "/", "Tijdshorizon", WATCH)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        out["chromium"] = browser.version
        try:
            for index, size in enumerate(sizes):
                saved = os.environ.get("STRATEGIEKAART_DATA")
                os.environ["STRATEGIEKAART_DATA"] = str(common.portfolio(size))
                server = StreamlitServer(root=common.bench_app())
                try:
                    server.start()
                finally:
                    if saved is None:
                        os.environ.pop("STRATEGIEKAART_DATA", None)
                    else:
                        os.environ["STRATEGIEKAART_DATA"] = saved
                entry: dict[str, object] = {}
                try:
                    # One look first: a page that fails shows an exception, not a chart.
                    context = new_context(browser)
                    try:
                        page = context.new_page()
                        open_app(page, server.url)
                        shown = exceptions(page)
                    finally:
                        context.close()
                    if shown:
                        entry["error"] = shown[0].splitlines()[0][:200]
                    else:
                        result = measure(browser, server.url, overview, presses, warmup)
                        entry.update(
                            result.summary,
                            samples_ms=result.samples_ms,
                            changed_ms=result.changed_ms,
                            unmeasured=result.unmeasured,
                        )
                    if index == 0:
                        slider_only = next(t for t in TARGETS if t.name == "slider_only")
                        floor = measure(browser, server.url, slider_only, presses, warmup)
                        out["slider_only"] = {**floor.summary, "samples_ms": floor.samples_ms}
                except Exception as error:  # a size that fails is a finding
                    entry["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
                    traceback.print_exc()
                    print(server.output()[-3000:], file=sys.stderr)
                finally:
                    server.close()
                out["sizes"][str(size)] = entry  # type: ignore[index]
        finally:
            browser.close()
    return out


# --- The report -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__.split("\n\n")[0], "scale")
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in SIZES),
        help="comma-separated portfolio sizes (default 39,1000,10000,100000)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed calls per measurement")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium part")
    parser.add_argument(
        "--budget",
        type=float,
        default=45.0,
        help="seconds: a measurement makes no further call once its calls took this long",
    )
    parser.add_argument(
        "--browser-max", type=int, default=10_000, help="largest size timed in the browser"
    )
    parser.add_argument("--presses", type=int, default=10, help="timed key presses per size")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured key presses first")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        _child(args.child, args.repeat, args.budget, args.child_output)
        return 0
    if args.repeat < 1 or args.presses < 1:
        parser.error("--repeat and --presses must be at least 1")
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    report = common.Report("scale", argv)
    results = {}
    for size in sizes:
        print(f"size {size:,}: generating and timing in a fresh process …", flush=True)
        results[size] = run_size(size, args.repeat, args.budget)

    rows = []
    for size, entry in results.items():
        if "error" in entry:
            rows.append([f"{size:,}", "(failed)", "", "", "", "", entry["error"]])
            continue
        for label, key in (
            ("load_services", "load_services_ms"),
            ("classify", "classify_ms"),
            ("overview (AppTest)", "overview_ms"),
        ):
            note = ""
            if key == "overview_ms":
                note = f"first run {common.fmt(entry['overview_first_run_ms'])} ms"
                if entry["overview_exceptions"]:
                    note += "; EXCEPTION: " + entry["overview_exceptions"][0]
            rows.append([f"{size:,}", label, *common.stat_row([], entry[key])[0:4], note])
    report.table(
        common.Table(
            "(c) scale: ms per call (a fresh process per size; classify after one warm-up call)",
            ["services", "what", "n", "min", "median", "max", "note"],
            rows,
        )
    )

    browser: dict[str, object] = {}
    browser_sizes = [s for s in sizes if s <= args.browser_max]
    if not args.no_browser and browser_sizes:
        browser = browser_latency(browser_sizes, args.presses, args.warmup)
        rows = []
        floor = browser.get("slider_only")
        if floor:
            rows.append(
                [
                    "slider only /Meting",
                    len(floor["samples_ms"]),
                    floor["min"],
                    floor["median"],
                    floor["max"],
                    1.0,
                    "",
                ]
            )
        for size, entry in browser.get("sizes", {}).items():
            if "error" in entry:
                rows.append([f"overview, {int(size):,}", "", "", "", "", "", entry["error"]])
                continue
            ratio = entry["median"] / floor["median"] if floor else None
            rows.append(
                [
                    f"overview, {int(size):,}",
                    len(entry["samples_ms"]),
                    entry["min"],
                    entry["median"],
                    entry["max"],
                    ratio,
                    "",
                ]
            )
        report.table(
            common.Table(
                "(c) scale in Chromium: horizon key press → run finished and chart redrawn, ms",
                ["page, services", "presses", "min", "median", "max", "× slider only", "note"],
                rows,
                note=browser.get("error", ""),
            )
        )

    for size, entry in results.items():
        label = f"{size:,} services"
        if "error" in entry:
            report.row("c", f"{label}: failed", note=str(entry["error"]))
            continue
        big = size == 100_000
        report.row(
            "c",
            f"load_services, {label}",
            entry["load_services_ms"],
            limit=LOAD_TARGET_MS if big else None,
            target="≤ 1.5 s" if big else "",
        )
        report.row(
            "c",
            f"classify, {label}",
            entry["classify_ms"],
            limit=CLASSIFY_TARGET_MS if big else None,
            target="≤ 100 ms" if big else "",
        )
        failed = entry["overview_exceptions"]
        report.row(
            "c",
            f"overview script time (AppTest), {label}",
            entry["overview_ms"],
            note=f"the page shows an exception: {failed[0]}" if failed else "",
        )
    if browser:
        floor = browser.get("slider_only")
        if floor:
            report.row("c", "browser: slider-only page (floor)", floor["samples_ms"])
        for size in browser_sizes:
            entry = browser.get("sizes", {}).get(str(size), {"error": browser.get("error")})
            judged = size == 10_000
            kwargs = {"limit": BROWSER_TARGET_MS, "target": "≤ 400 ms"} if judged else {}
            what = f"browser: key press → chart, overview, {size:,} services"
            if entry.get("error") or not entry.get("samples_ms"):
                report.row("c", what, note=f"failed: {entry.get('error')}", **kwargs)
            else:
                ratio = entry["median"] / floor["median"] if floor else None
                report.row(
                    "c",
                    what,
                    entry["samples_ms"],
                    shown=f"{common.fmt(entry['median'])} ms"
                    + (f", {ratio:.1f}× floor" if ratio else ""),
                    **kwargs,
                )

    report.data.update(
        sizes=sizes,
        repeat=args.repeat,
        seed=common.SEED,
        results={str(k): v for k, v in results.items()},
        browser=browser or None,
        chromium=browser.get("chromium") if browser else None,
    )
    report.write(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
