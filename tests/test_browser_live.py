"""Issue 17 in a real browser: the chart follows the sidebar's live control without a round
trip, Python still gets every value, play animates the horizon, and the offline board pack.

Expected quadrants come from data/services.csv by design §3's rule (tests/test_browser.py),
never from the app; the app's answer is each service's point mark's aria-label. The edges we
depend on (Vega's external binding, the v2 component in the light DOM, Streamlit's element
kinds) are pinned by `test_the_edges_the_live_loop_stands_on`: an upgrade that moves them
fails here first.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from browser import (  # noqa: F401 - server_fixture and browser_fixture are fixtures
    SCREENSHOTS,
    StreamlitServer,
    act,
    browser_fixture,
    download,
    exceptions,
    new_context,
    open_app,
    point_labels,
    press_slider,
    screenshot,
    script_runs,
    server_fixture,
    slider_text,
    wait_for_point_labels,
    wait_until_idle,
)
from playwright.sync_api import Browser, Page, expect
from test_browser import expected_labels, query_of

pytestmark = pytest.mark.browser

HORIZON, MARKET, NEED = "#sk-live-horizon", "#sk-live-market-cut", "#sk-live-need-cut"

# Move one of the control's inputs in the page only: `input` (what a drag fires), no `change`,
# so Python hears nothing and whatever changes on the chart was done by the browser.
_MOVE = """([selector, value]) => {
  const input = document.querySelector(selector);
  input.value = String(value);
  input.dispatchEvent(new Event('input'));
}"""


@pytest.fixture
def page(browser: Browser):
    context = new_context(browser)
    yield context.new_page()
    context.close()


def move(page: Page, selector: str, value: int) -> None:
    page.evaluate(_MOVE, [selector, value])


def labels_now(page: Page, expected: list[str]) -> list[str]:
    """The chart's labels once they match (Vega redraws within a frame; a short wait)."""
    return wait_for_point_labels(page, expected, timeout=2.0)


def test_the_browser_places_every_service_as_classify_does_on_a_grid(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, server.url + "/")
    assert wait_for_point_labels(page, expected_labels()) == expected_labels()
    runs = script_runs(page).started
    for percent in range(0, 101, 5):  # all 21 horizons at the default cuts
        move(page, HORIZON, percent)
        expected = expected_labels(percent)
        assert labels_now(page, expected) == expected, percent
    cuts = (100, 125, 150, 175, 200)
    for percent in (0, 50, 100):  # a 5 × 5 grid of cuts at three horizons
        move(page, HORIZON, percent)
        for market in cuts:
            move(page, MARKET, market)
            for need in cuts:
                move(page, NEED, need)
                expected = expected_labels(percent, market_cut=market / 100, need_cut=need / 100)
                assert labels_now(page, expected) == expected, (percent, market, need)
    # All of it in the browser: not one run of the script.
    assert script_runs(page).started == runs
    move(page, MARKET, 135)
    move(page, NEED, 180)
    move(page, HORIZON, 40)
    svg = page.get_by_test_id("stMain").locator("svg.marks").first
    expect(svg).to_contain_text("Tijdshorizon 40 % · grenzen 1,35 / 1,8")
    page.mouse.move(0, 0)
    screenshot(page, "live-moved-in-the-browser")


def test_a_key_press_moves_the_chart_and_python_follows(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, server.url + "/")
    assert wait_for_point_labels(page, expected_labels()) == expected_labels()
    press_slider(page, "Tijdshorizon", "ArrowRight", 6)
    assert slider_text(page, "Tijdshorizon") == "30 %"
    assert query_of(page.url).get("horizon") == "30"
    assert labels_now(page, expected_labels(30)) == expected_labels(30)
    # Shift+arrow: one whole percent; Python has it, and the chart shows its layout at 31 %.
    act(page, lambda: page.locator(HORIZON).press("Shift+ArrowRight"))
    assert slider_text(page, "Tijdshorizon") == "31 %"
    assert query_of(page.url).get("horizon") == "31"
    assert labels_now(page, expected_labels(31)) == expected_labels(31)
    press_slider(page, "Grens marktpositie", "ArrowLeft", 2)
    assert slider_text(page, "Grens marktpositie") == "1,4"
    assert query_of(page.url).get("market_cut") == "1.4"
    expected = expected_labels(31, market_cut=1.4)
    assert labels_now(page, expected) == expected
    # The counts beside the chart follow from Python.
    counts = page.locator("[data-quadrant]")
    shown = sum(int(c.get_attribute("aria-label").rsplit(": ")[-1]) for c in counts.all())
    assert shown == len(expected)
    assert exceptions(page) == []


def test_the_control_is_dutch_labelled_and_keyboard_reachable(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, server.url + "/?horizon=50&market_cut=1.45")
    horizon = page.get_by_label("Tijdshorizon", exact=True)
    expect(horizon).to_have_attribute("aria-valuetext", "50 %")
    cut = page.get_by_label("Grens marktpositie", exact=True)
    expect(cut).to_have_attribute("aria-valuetext", "1,45")
    assert slider_text(page, "Grens behoefte") == "1,5"
    # Reached with Tab, it shows where the focus is.
    horizon.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = horizon.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("", "none"), outline
    page.mouse.move(0, 0)
    screenshot(page, "live-control-focus")


def test_play_runs_now_to_future_with_trails_and_python_gets_the_end(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, server.url + "/")
    play = page.locator("[data-sk-play]")
    expect(play).to_have_text("▶ Afspelen nu → toekomst")
    started = time.monotonic()
    before = script_runs(page).finished
    play.click()
    page.wait_for_timeout(1500)
    midway = int(page.locator(HORIZON).input_value())
    assert 10 < midway < 90, midway
    # A trail is a dotted rule from where the service stood at 0 % to where it stands now.
    trails = page.locator("[data-testid=stMain] svg .mark-rule line[stroke-dasharray='2,5']")
    lengths = trails.evaluate_all(
        "(lines) => lines.map((l) => Math.hypot(+l.getAttribute('x2') || 0,"
        " +l.getAttribute('y2') || 0))"
    )
    assert sum(length > 20 for length in lengths) > 0, (
        "playing draws each moved service's faint trail from now"
    )
    expect(play).to_have_text("Pauze")
    screenshot(page, "live-play-midway")
    expect(play).to_have_text("↺ Opnieuw afspelen", timeout=10_000)
    assert 3.0 < time.monotonic() - started < 8.0
    wait_until_idle(page, after=before)
    assert query_of(page.url).get("horizon") == "100"
    assert labels_now(page, expected_labels(100)) == expected_labels(100)
    # Pause: a click while playing stops it where it is, and Python gets that value.
    play.click()
    page.wait_for_timeout(800)
    act(page, play.click)
    paused = page.locator(HORIZON).input_value()
    assert 0 < int(paused) < 100
    assert query_of(page.url).get("horizon") == paused
    page.mouse.move(0, 0)
    screenshot(page, "live-play-paused")


def test_presenting_the_arrow_keys_move_the_live_chart(server: StreamlitServer, page: Page) -> None:
    open_app(page, server.url + "/?present=1")
    assert wait_for_point_labels(page, expected_labels()) == expected_labels()
    for _ in range(10):
        act(page, lambda: page.keyboard.press("ArrowUp"))
    assert labels_now(page, expected_labels(50)) == expected_labels(50)
    expect(page.locator(".st-key-present_status")).to_contain_text("Tijdshorizon 50 %")
    act(page, lambda: page.keyboard.press("ArrowRight"))  # the next werkdomein, same horizon
    expect(page.get_by_test_id("stMain").locator("h1")).to_contain_text("Ruimte")
    wanted = expected_labels(50, domain="RUIMTE")
    assert wait_for_point_labels(page, wanted) == wanted
    page.mouse.move(0, 0)
    screenshot(page, "live-presentation-ruimte-50")
    # P plays the horizon on from where it stands to the future; Python gets the end.
    page.keyboard.press("p")
    page.wait_for_timeout(600)
    screenshot(page, "live-presentation-playing")
    status = page.locator(".st-key-present_status")
    expect(status).to_contain_text("Tijdshorizon 100 %", timeout=15_000)
    wanted = expected_labels(100, domain="RUIMTE")
    assert wait_for_point_labels(page, wanted) == wanted
    assert exceptions(page) == []


def test_the_board_pack_opens_offline_and_its_slider_moves_the_chart(
    server: StreamlitServer, page: Page, browser: Browser, tmp_path: Path
) -> None:
    open_app(page, server.url + "/?horizon=20&market_cut=1.4")
    pack = download(page, "Interactieve kaart (HTML)")
    path = tmp_path / "kaart.html"
    path.write_bytes(pack)
    assert b'src="http' not in pack and b'href="http' not in pack, "nothing to fetch"

    offline = browser.new_context(viewport={"width": 1400, "height": 1000}, offline=True)
    asked: list[str] = []

    def refuse(route) -> None:
        if not route.request.url.startswith("file:"):
            asked.append(route.request.url)
            route.abort()
            return
        route.continue_()

    offline.route("**/*", refuse)
    try:
        board = offline.new_page()
        board.goto(path.as_uri())
        board.wait_for_function("() => window.packView !== undefined", timeout=30_000)
        start = expected_labels(20, market_cut=1.4)
        assert wait_for_point_labels(board, start) == start
        expect(board.locator("h1")).not_to_be_empty()
        expect(board.locator(".pack-line")).to_contain_text("tijdshorizon 20 % · grenzen 1,4 / 1,5")
        slider = board.get_by_label("Tijdshorizon (%)")
        slider.press("End")
        end = expected_labels(100, market_cut=1.4)
        assert wait_for_point_labels(board, end) == end
        expect(board.locator("#pack-horizon-out")).to_have_text("100 %")
        slider.press("Home")
        board.get_by_role("button", name="▶ Afspelen nu → toekomst").click()
        expect(board.get_by_role("button", name="↺ Opnieuw afspelen")).to_be_visible(timeout=10_000)
        assert wait_for_point_labels(board, end) == end
        board.screenshot(path=str(SCREENSHOTS / "live-board-pack.png"))
        assert asked == []
    finally:
        offline.close()


def test_the_edges_the_live_loop_stands_on(server: StreamlitServer, page: Page) -> None:
    """What ui/compat relies on, from Streamlit 1.67 and its Vega (issue 17, item 7)."""
    open_app(page, server.url + "/")
    page.wait_for_selector(HORIZON, state="attached")
    # The v2 component renders in the sidebar, in the light DOM (no iframe, no shadow root):
    # Vega finds its inputs with document.querySelector.
    found = page.evaluate(
        """() => { const el = document.querySelector('#sk-live-horizon');
                   return el && !!el.closest('[data-testid=stSidebar]')
                       && el.getRootNode() === document && !el.closest('iframe'); }"""
    )
    assert found is True
    # Streamlit draws it as a bidi_component element; on a horizon move the chart, unchanged,
    # travels as a reference to the message the browser holds (Streamlit's message cache).
    press_slider(page, "Tijdshorizon", "ArrowRight")
    drawn = script_runs(page).drawn
    assert "bidi_component" in drawn and "cached" in drawn, str(drawn)
    assert "vega_lite_chart" not in drawn
    # Vega's external binding: an `input` event on the element moves the chart's param.
    move(page, HORIZON, 100)
    assert labels_now(page, expected_labels(100)) == expected_labels(100)
    # A cut's change sends all three values; the view built anew for the new cut (a new spec)
    # binds to the inputs again and keeps following them.
    press_slider(page, "Grens behoefte", "ArrowRight")
    expected = expected_labels(100, need_cut=1.55)
    assert labels_now(page, expected) == expected
    move(page, HORIZON, 0)
    expected = expected_labels(0, need_cut=1.55)
    assert labels_now(page, expected) == expected
    assert point_labels(page)
