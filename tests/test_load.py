"""A full workshop room: 20 browser sessions on one server for 60 seconds, moving sliders and
saving scenarios now and then. Afterwards no page shows an exception, the server logged no
error, and every scenario a page saw saved is in the store. The 95th-percentile slider
latency is printed (a measurement, not an assertion: this machine is shared).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

import pytest
from browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECTOR,
    StreamlitServer,
    is_app_stream,
    message_kind,
    require_chromium,
)
from playwright.async_api import Page, async_playwright

from igemo_data.store.scenarios import ScenarioStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SESSIONS = 20
SECONDS = 60
SAVE_EVERY = 6  # actions


class Runs:
    """Finished script runs of one page, counted from Streamlit's websocket messages."""

    def __init__(self, page: Page) -> None:
        self.finished = 0
        self.changed = asyncio.Event()
        page.on("websocket", self._attach)

    def _attach(self, socket) -> None:
        if is_app_stream(socket):
            socket.on("framereceived", self._received)

    def _received(self, payload: bytes | str) -> None:
        if message_kind(payload) == "script_finished":
            self.finished += 1
            self.changed.set()

    async def after(self, count: int, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while self.finished <= count:
            self.changed.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("a script run did not finish in time")
            try:
                await asyncio.wait_for(self.changed.wait(), timeout=left)
            except TimeoutError:
                continue


async def _act(page: Page, runs: Runs, action) -> float:
    before = runs.finished
    started = time.perf_counter()
    await action()
    await runs.after(before)
    return (time.perf_counter() - started) * 1000


async def _session(number: int, page: Page, url: str, stop_at: float, log: dict) -> None:
    runs = Runs(page)
    # Twenty sessions share two cores: a page may wait its turn far longer than a person would.
    page.set_default_timeout(120_000)
    await page.goto(url)
    await runs.after(0)
    # The sidebar's live control (issue 17): its horizon slider, found by its label.
    thumb = page.locator(".sk-live").get_by_label("Tijdshorizon", exact=True)
    await thumb.wait_for(state="attached")
    # The minute of work starts once this session has the page: twenty browsers on the same
    # two cores each build the live chart's view (every step's layout) before anyone moves.
    stop_at = max(stop_at, time.monotonic() + SECONDS / 2)
    actions = 0
    direction = "ArrowRight"
    while time.monotonic() < stop_at:
        actions += 1
        if actions % SAVE_EVERY == 2:
            name = f"Kamer {number:02d}-{actions:03d}"
            await _act(
                page, runs, lambda: page.get_by_role("link", name="Scenario's", exact=True).click()
            )
            await page.get_by_label("Naam", exact=True).fill(name)
            await _act(
                page, runs, lambda: page.get_by_role("button", name="Bewaren als scenario").click()
            )
            await page.get_by_text(f"Bewaard. {name}").wait_for()
            log["saved"].append(name)
            await _act(
                page,
                runs,
                lambda: page.get_by_role("link", name="Strategiekaart", exact=True).click(),
            )
            continue
        value = int((await thumb.input_value()) or 0)  # a native range input (issue 17)
        if value >= 100:
            direction = "ArrowLeft"
        elif value <= 0:
            direction = "ArrowRight"
        log["latency_ms"].append(await _act(page, runs, lambda key=direction: thumb.press(key)))
    log["exceptions"] += await page.get_by_test_id("stException").count()


async def _room(url: str) -> dict:
    log: dict = {"saved": [], "latency_ms": [], "exceptions": 0}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        pages = []
        for _ in range(SESSIONS):
            context = await browser.new_context(viewport=PROJECTOR)
            pages.append(await context.new_page())
        stop_at = time.monotonic() + SECONDS
        await asyncio.gather(
            *(_session(n, page, url, stop_at, log) for n, page in enumerate(pages))
        )
        await browser.close()
    return log


def test_a_full_room_for_a_minute(capsys: pytest.CaptureFixture[str]) -> None:
    require_chromium()
    server = StreamlitServer().start()
    try:
        log = asyncio.run(_room(server.url))
        output = server.output()
        database = Path(server._scratch.name) / "scenarios.duckdb"
        server.stop()  # DuckDB lets one process hold the file: read it once the server is gone
        store = ScenarioStore(database)
        stored = {scenario.name for scenario in store.list()}
        store.close()
    finally:
        server.close()
    latencies = sorted(log["latency_ms"])
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    with capsys.disabled():  # the figure belongs in CI's log, not only in a failure report
        print(
            f"\n{SESSIONS} sessions × {SECONDS} s: {len(latencies)} slider moves, "
            f"{len(log['saved'])} saves; slider latency median "
            f"{statistics.median(latencies):.0f} ms, 95th percentile {p95:.0f} ms"
        )
    assert latencies, "the sessions moved no slider"
    assert log["saved"], "the sessions saved no scenario"
    assert log["exceptions"] == 0
    for marker in ("Traceback", "Error", "Exception"):
        assert marker not in output, output[-3000:]
    assert set(log["saved"]) <= stored
