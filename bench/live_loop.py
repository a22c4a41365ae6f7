"""The live loop (issue 17), in one run: the slider-only floor, the overview's key press → marks
changed, the drag's frame rate, and release → Python has the value.

Starts the bench's own app (bench/common.py: `bench_app`) and Debian's Chromium at 1920×1080:

- floor: the slider-only page /Meting, key press → its number redrawn after the round trip
  (bench/slider_latency.py's measure: Streamlit's own floor);
- key press → marks changed: the overview's live horizon control, ArrowRight/Left (5 % a
  press), from the keydown to the first change of the chart's point marks (a MutationObserver
  in the page); each press waits for its run, so presses do not overlap;
- drag: the mouse drags the horizon thumb from 0 to 100 % one whole percent per step, paced at
  the display's frames; in the page, every value the slider takes and every frame in which the
  chart's marks changed are recorded: drawn frames per second, and the share of steps drawn;
- release → server has the value: the control stamps each value it sends with the browser's
  clock, Python notes how long it took to arrive (`session.LIVE_LAG`, echoed to the page).

    python bench/live_loop.py                 # 40 presses, 3 drags, 20 releases
    python bench/live_loop.py --presses 3 --drags 1 --releases 2   # proves the script works
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402 - beside this script
import slider_latency  # noqa: E402 - its floor page and in-page recorder

from tests.browser import (  # noqa: E402 - the support module lives beside the tests
    StreamlitServer,
    act,
    chromium_missing,
    launch_chromium,
    new_context,
    open_app,
    script_runs,
    slider_thumb,
    wait_until_idle,
)

DEFAULT_OUTPUT = ROOT / "bench" / "results" / "live_loop.json"
MARKS = "[data-testid=stMain] svg [aria-label]"
HORIZON = "#sk-live-horizon"
TARGETS = {"press_ratio": 0.5, "drag_fps": 50.0, "release_ms": 150.0}

# While dragging: each value the slider takes, and each animation frame that shows a new one.
# Vega redraws within the input event's task (its dataflow runs before the next frame), so a
# frame that shows a new value shows its chart: a slow redraw delays the frames, never skips
# the drawing. `moved`: frames whose marks differ from the frame before (the server's layout
# keeps a service in its cell for a few steps, so not every step moves a mark).
_DRAG_RECORDER = """
([selector, input]) => {
  const slider = document.querySelector(input);
  const rec = { values: [], frames: [], moved: 0, running: true };
  window.__drag = rec;
  slider.addEventListener('input', () => rec.values.push([performance.now(), slider.value]));
  let lastValue = slider.value;
  let lastMarks = null;
  const tick = (now) => {
    if (slider.value !== lastValue) {
      rec.frames.push([now, slider.value]);
      lastValue = slider.value;
      const marks = Array.from(document.querySelectorAll(selector))
        .map((m) => m.getAttribute('transform') || '').join('|');
      if (lastMarks !== null && marks !== lastMarks) rec.moved += 1;
      lastMarks = marks;
    }
    if (rec.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
"""

# The same drag without the mouse: one step per animation frame, set in the page (what the
# browser can draw when input comes as fast as the display, with no CDP round trip per step).
_PAGE_DRAG = """
async (input) => {
  const slider = document.querySelector(input);
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  await frame();
  const started = performance.now();
  let longest = 0;
  for (let value = 1; value <= 100; value++) {
    const before = performance.now();
    slider.value = String(value);
    slider.dispatchEvent(new Event('input'));
    longest = Math.max(longest, performance.now() - before);
    await frame();
  }
  const seconds = (performance.now() - started) / 1000;
  return { fps: Math.round((100 / seconds) * 10) / 10, longest_ms: Math.round(longest * 10) / 10 };
}
"""


def press_changes(page: Page, presses: int, warmup: int = 2) -> list[float]:
    """Key press → the chart's marks changed, ms, per press on the live horizon control."""
    thumb = slider_thumb(page, "Tijdshorizon")
    thumb.focus()
    samples = []
    value = 0
    for press in range(warmup + presses):
        key = "ArrowRight" if value + 5 <= 100 else "ArrowLeft"
        if key == "ArrowLeft" and value - 5 < 0:
            key = "ArrowRight"
        value += 5 if key == "ArrowRight" else -5
        page.evaluate(slider_latency._ARM, [MARKS])
        before = script_runs(page).finished
        thumb.press(key)
        wait_until_idle(page, after=before, settle=0.2)
        changed, _ = page.evaluate(slider_latency._READ)
        if press >= warmup and changed is not None:
            samples.append(round(changed, 2))
    return samples


def drag(page: Page, frame_ms: float = 1000 / 60) -> dict[str, float]:
    """One drag 0 → 100 %, one whole percent per display frame: frames drawn per second."""
    thumb = page.locator(HORIZON)
    box = thumb.bounding_box()
    assert box is not None
    if thumb.input_value() != "0":
        act(page, lambda: thumb.press("Home"))
    y = box["y"] + box["height"] / 2
    # The thumb's centre runs from half a thumb in from each end (Chromium's default thumb).
    inset = 8
    left, right = box["x"] + inset, box["x"] + box["width"] - inset
    page.evaluate(_DRAG_RECORDER, [MARKS, HORIZON])
    page.mouse.move(left, y)
    page.mouse.down()
    started = time.perf_counter()
    for percent in range(1, 101):
        page.mouse.move(left + (right - left) * percent / 100, y)
        wait = started + percent * frame_ms / 1000 - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
    before = script_runs(page).finished
    page.mouse.up()
    wait_until_idle(page, after=before, settle=0.3)
    record = page.evaluate("() => { window.__drag.running = false; return window.__drag; }")
    frames = record["frames"]
    steps = {value for _, value in record["values"]}
    drawn = {value for _, value in frames}
    span = (frames[-1][0] - frames[0][0]) / 1000 if len(frames) > 1 else float("nan")
    in_page = page.evaluate(_PAGE_DRAG, HORIZON)
    if thumb.input_value() != "0":
        act(page, lambda: thumb.press("Home"))
    return {
        "steps": len(steps),
        "steps_drawn": len(drawn & steps),
        "frames_drawn": len(frames),
        "frames_marks_moved": record["moved"],
        "seconds": round(span, 3),
        "fps": round((len(frames) - 1) / span, 1) if len(frames) > 1 else 0.0,
        "in_page_fps": in_page["fps"],
        "in_page_longest_step_ms": in_page["longest_ms"],
    }


def releases(page: Page, count: int) -> list[float]:
    """Release (a key press sends too) → Python has the value, ms, as Python measured it."""
    thumb = slider_thumb(page, "Tijdshorizon")
    lags = []
    for i in range(count):
        act(page, lambda key="ArrowRight" if i % 2 == 0 else "ArrowLeft": thumb.press(key))
        lag = page.locator(".sk-live").get_attribute("data-lag")
        if lag:
            lags.append(float(lag))
    return lags


def stats(samples: list[float]) -> dict[str, float | None]:
    if not samples:
        return {"n": 0, "min": None, "median": None, "p95": None, "max": None}
    ordered = sorted(samples)
    return {
        "n": len(samples),
        "min": ordered[0],
        "median": round(statistics.median(ordered), 2),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "max": ordered[-1],
    }


def measure(browser: Browser, url: str, presses: int, drags: int, count: int) -> dict:
    floor = slider_latency.measure(
        browser,
        url,
        next(t for t in slider_latency.TARGETS if t.name == "slider_only"),
        presses,
        2,
    )
    context = new_context(browser)
    context.add_init_script(slider_latency._KEY_CLOCK)
    try:
        page = context.new_page()
        open_app(page, url + "/")
        page.wait_for_selector(MARKS, state="attached", timeout=30_000)
        changed = press_changes(page, presses)
        dragged = [drag(page) for _ in range(drags)]
        lags = releases(page, count)
    finally:
        context.close()
    return {
        "floor_ms": stats(floor.samples_ms),
        "press_changed_ms": stats(changed),
        "drags": dragged,
        "release_ms": stats(lags),
    }


def report_table(result: dict) -> str:
    floor = result["floor_ms"]["median"]
    press = result["press_changed_ms"]["median"]
    fps = statistics.median(d["fps"] for d in result["drags"])
    drawn = min(d["steps_drawn"] / max(d["steps"], 1) for d in result["drags"])
    page_fps = statistics.median(d["in_page_fps"] for d in result["drags"])
    release = result["release_ms"]["median"]
    ratio = press / floor
    rows = [
        ("slider-only page: key press → run done (floor)", result["floor_ms"], "ms", "", ""),
        (
            "overview: key press → marks changed (live)",
            result["press_changed_ms"],
            "ms",
            f"{ratio:.2f}× floor",
            f"≤ {TARGETS['press_ratio']}× floor: {'yes' if ratio <= 0.5 else 'NO'}",
        ),
        (
            "overview: mouse drag 0 → 100 %, marks redrawn",
            {"n": len(result["drags"]), "median": fps},
            "fps",
            f"{drawn:.0%} of steps drawn",
            f"≥ {TARGETS['drag_fps']:.0f} fps: {'yes' if fps >= 50 else 'NO'}",
        ),
        (
            "overview: the same drag set in the page, a step a frame",
            {"n": len(result["drags"]), "median": page_fps},
            "fps",
            "no CDP round trip per step",
            "",
        ),
        (
            "overview: release → Python has the value",
            result["release_ms"],
            "ms",
            "",
            f"≤ {TARGETS['release_ms']:.0f} ms: {'yes' if release <= 150 else 'NO'}",
        ),
    ]
    lines = [f"{'measurement':<50} {'n':>3} {'median':>8} {'p95':>8} unit  result / target"]
    for name, s, unit, note, target in rows:
        p95 = s.get("p95")
        lines.append(
            f"{name:<50} {s['n']:>3} {s['median']:>8.1f} "
            f"{'' if p95 is None else f'{p95:.1f}':>8} {unit:<4}  {note}  {target}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=40, help="measured key presses")
    parser.add_argument("--drags", type=int, default=3, help="drags 0 → 100 %%")
    parser.add_argument("--releases", type=int, default=20, help="values sent to Python")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON results file")
    args = parser.parse_args(argv)
    missing = chromium_missing()
    if missing:
        print(f"cannot run: {missing}", file=sys.stderr)
        return 2
    started = time.monotonic()
    with StreamlitServer(root=common.bench_app()) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            result = measure(browser, server.url, args.presses, args.drags, args.releases)
            chromium = browser.version
        except Exception:
            print(server.output(), file=sys.stderr)
            raise
        finally:
            browser.close()
    print(report_table(result))
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {**slider_latency.machine(), "chromium": chromium},
        **result,
        "wall_seconds": round(time.monotonic() - started, 1),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
