"""Issue 18, items 8, 15 and 16 in a real browser: the presentation a facilitator steers with
the keyboard alone, the full link to a scenario, and an opened scenario that lands at the top.

Expected quadrants come from data/services.csv by design §3's rule (tests/test_browser.py),
never from the app; the app's answer is each service's point mark's aria-label.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from browser import (  # noqa: F401 - server_fixture and browser_fixture are fixtures
    PROJECTOR,
    StreamlitServer,
    act,
    browser_fixture,
    exceptions,
    new_context,
    open_app,
    point_labels,
    screenshot,
    server_fixture,
    wait_for_point_labels,
)
from playwright.sync_api import Browser, Page, expect
from test_browser import expected_labels, label_of, point

pytestmark = pytest.mark.browser

CROSSING = "#D55E00"  # charts.theme.CROSSING_COLOR: an arrow that crosses a cut
QUADRANT_KEY = {"Vermeerder": "vermeerder", "Creëer": "creeer", "Verminder": "verminder"}
QUADRANT_KEY["Elimineer"] = "elimineer"


@pytest.fixture
def page(browser: Browser):
    context = new_context(browser)
    yield context.new_page()
    context.close()


def crossing_arrows(page: Page) -> int:
    """The thick vermilion arrow curves on the page's charts."""
    return page.locator(f'svg path[stroke="{CROSSING}" i]').count()


def shown_counts(page: Page) -> dict[str, int]:
    """The counts grid's four numbers, by quadrant key."""
    cells = page.locator("[data-quadrant]")
    return {
        # The aria-label holds the count alone: the text may add its change (+3, −14).
        cell.get_attribute("data-quadrant"): int(cell.get_attribute("aria-label").rsplit(": ")[-1])
        for cell in cells.all()
    }


def expected_counts(labels: list[str]) -> dict[str, int]:
    counted = Counter(QUADRANT_KEY[label.rsplit(": ", 1)[1]] for label in labels)
    return {key: counted.get(key, 0) for key in QUADRANT_KEY.values()}


def test_presentation_shows_horizon_cuts_counts_and_arrows_and_the_keys_move_the_horizon(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, server.url + "/?present=1&arrows=1&market_cut=1.4")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    now = expected_labels(0, market_cut=1.4)
    assert wait_for_point_labels(page, now) == now
    status = page.locator(".st-key-present_status")
    expect(status).to_contain_text("Tijdshorizon 0 %")
    expect(status).to_contain_text("Grens marktpositie 1,4")
    expect(status).to_contain_text("Grens behoefte 1,5")
    assert shown_counts(page) == expected_counts(now)
    assert crossing_arrows(page) > 0, "the arrows toggle is on: the chart shows the arrows"
    # One arrow per button: the key the shortcut names, no icon repeating it.
    for name in ("Vorige", "Volgende"):
        text = page.get_by_role("button", name=re.compile(name)).inner_text()
        assert len(re.findall("[←→]|arrow_", text)) <= 1, text
    page.mouse.move(0, 0)
    screenshot(page, "presentation-arrows-0")

    # Ondernemerschap (e1): market 1 → 2, need 1 → 2; it crosses both cuts by 50 %.
    assert label_of("ruimte-e1", now).endswith("Elimineer")
    for _ in range(10):
        act(page, lambda: page.keyboard.press("ArrowUp"))
    halfway = expected_labels(50, market_cut=1.4)
    expect(status).to_contain_text("Tijdshorizon 50 %")
    expect(point(page, "ruimte-e1")).to_have_attribute(
        "aria-label", "Ondernemerschap (e1, Ruimte): Vermeerder"
    )
    assert wait_for_point_labels(page, halfway) == halfway
    assert shown_counts(page) == expected_counts(halfway)
    assert "horizon=50" in page.url
    page.mouse.move(0, 0)
    screenshot(page, "presentation-arrows-50")

    for _ in range(10):
        act(page, lambda: page.keyboard.press("ArrowUp"))
    act(page, lambda: page.keyboard.press("ArrowUp"))  # 100 % is the end: it stays there
    future = expected_labels(100, market_cut=1.4)
    expect(status).to_contain_text("Tijdshorizon 100 %")
    assert wait_for_point_labels(page, future) == future
    page.mouse.move(0, 0)
    screenshot(page, "presentation-arrows-100")
    act(page, lambda: page.keyboard.press("ArrowDown"))
    expect(status).to_contain_text("Tijdshorizon 95 %")
    # The horizon keys leave the domain step alone, and the domain keys the horizon.
    act(page, lambda: page.keyboard.press("ArrowRight"))
    expect(page.get_by_test_id("stMain").locator("h1")).to_contain_text("Ruimte")
    expect(status).to_contain_text("Tijdshorizon 95 %")
    wanted = expected_labels(95, market_cut=1.4, domain="RUIMTE")
    assert wait_for_point_labels(page, wanted) == wanted
    # Everything fits the projector: no scrolling to reach the chart's bottom.
    chart = page.get_by_test_id("stVegaLiteChart").first.bounding_box()
    assert chart is not None and chart["y"] + chart["height"] <= PROJECTOR["height"], chart
    assert exceptions(page) == []


def test_an_opened_scenario_lands_at_the_top_and_its_link_is_whole(
    server: StreamlitServer, browser: Browser
) -> None:
    # A laptop's screen, where Streamlit left the overview scrolled as far as the list was.
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-BE")
    page = context.new_page()
    try:
        open_app(page, server.url + "/Scenarios?horizon=30")
        page.get_by_label("Naam", exact=True).fill("Landing")
        act(page, lambda: page.get_by_role("button", name="Bewaren als scenario").click())
        expect(page.get_by_text("Bewaard. Landing")).to_be_visible()
        link = page.get_by_test_id("stCode").inner_text().strip()
        found = re.fullmatch(re.escape(server.url) + r"/\?scenario=([0-9a-f]{12})", link)
        assert found, link

        page.mouse.move(700, 400)
        page.mouse.wheel(0, 5000)
        page.wait_for_timeout(300)
        main = page.get_by_test_id("stMain")
        scrolled = main.evaluate("main => main.scrollTop")
        assert scrolled > 400
        act(page, page.get_by_role("button", name="Openen").click)
        expect(main.locator("h1")).to_have_text("Strategiekaart")
        seen = wait_for_point_labels(page, expected_labels(30))
        assert seen == expected_labels(30)
        page.wait_for_timeout(500)
        where = page.evaluate(
            "() => [window.scrollY, document.querySelector('[data-testid=stMain]').scrollTop]"
        )
        assert where == [0, 0], f"landed at {where} px (the list was at {scrolled} px)"
    finally:
        context.close()

    # The full link opens the scenario in a browser that never saw it.
    other = new_context(browser).new_page()
    try:
        open_app(other, link)
        assert wait_for_point_labels(other, seen) == seen
        expect(other.get_by_text("Scenario: Landing")).to_be_visible()
    finally:
        other.context.close()
