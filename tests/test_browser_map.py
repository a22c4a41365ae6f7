"""Issue 18, items 5 and 10 in a real browser at 1920×1080: the chart is the page.

The overview's chart takes more than half the projector's width right under the title, its
codes are 28 px, each cut's value stands at its line (also after the cut moved) with the
horizon above the plot; a werkdomein's chart and the presentation per werkdomein show the
name beside each code. Sizes are read from the drawn SVG (bounding boxes, computed font size).
"""

from __future__ import annotations

import pandas as pd
import pytest
from browser import (  # noqa: F401 - server_fixture and browser_fixture are fixtures
    PROJECTOR,
    ROOT,
    StreamlitServer,
    act,
    browser_fixture,
    exceptions,
    new_context,
    open_app,
    overflowing_charts,
    press_slider,
    screenshot,
    server_fixture,
    wait_for_point_labels,
)
from playwright.sync_api import Browser, Page
from test_browser import expected_labels

pytestmark = pytest.mark.browser

SERVICES = pd.read_csv(ROOT / "data" / "services.csv")
CODES = set(SERVICES["code"])

# Every text the first chart draws: its words, its computed font size and its box.
_CHART_TEXTS = """
chart => Array.from(chart.querySelectorAll('svg text')).map((text) => {
  const box = text.getBoundingClientRect();
  return {text: text.textContent.trim(), size: parseFloat(getComputedStyle(text).fontSize),
          x: box.x, y: box.y, width: box.width, height: box.height};
})
"""


@pytest.fixture
def page(browser: Browser):
    context = new_context(browser)
    yield context.new_page()
    context.close()


def chart_texts(page: Page) -> list[dict]:
    return page.get_by_test_id("stVegaLiteChart").first.evaluate(_CHART_TEXTS)


def wait_for_text(page: Page, wanted: str, tries: int = 100) -> list[dict]:
    for _ in range(tries):
        texts = chart_texts(page)
        if any(t["text"] == wanted for t in texts):
            return texts
        page.wait_for_timeout(100)
    return texts


def test_the_overview_chart_is_the_page_with_large_codes_and_labelled_cuts(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, server.url + "/")
    assert wait_for_point_labels(page, expected_labels()) == expected_labels()
    title = page.get_by_test_id("stMain").locator("h1").first.bounding_box()
    chart = page.get_by_test_id("stVegaLiteChart").first.bounding_box()
    assert title is not None and chart is not None
    # More than half the projector's width, right under the title, wholly on screen.
    assert chart["width"] >= 0.55 * PROJECTOR["width"], chart
    assert chart["y"] - (title["y"] + title["height"]) <= 200, (title, chart)
    assert chart["y"] + chart["height"] <= PROJECTOR["height"], chart
    assert overflowing_charts(page) == []
    texts = wait_for_text(page, "Tijdshorizon 0 % · grenzen 1,5 / 1,5")
    codes = [t for t in texts if t["text"] in CODES]
    assert len(codes) >= len(SERVICES)  # each code, some twice (v1, v2; white halos)
    assert min(t["size"] for t in codes) >= 28, sorted({t["size"] for t in codes})
    assert "Tijdshorizon 0 % · grenzen 1,5 / 1,5" in [t["text"] for t in texts]
    page.mouse.move(0, 0)
    screenshot(page, "map-overview")

    # The market cut moves to 1,3: its value stands at its line, top and bottom, and the
    # axis no longer says 1,5 anywhere along the market position.
    press_slider(page, "Grens marktpositie", "ArrowLeft", 4)
    assert wait_for_point_labels(page, expected_labels(market_cut=1.3)) == expected_labels(
        market_cut=1.3
    )
    texts = wait_for_text(page, "Tijdshorizon 0 % · grenzen 1,3 / 1,5")
    assert "Tijdshorizon 0 % · grenzen 1,3 / 1,5" in [t["text"] for t in texts]
    market = [t for t in texts if t["text"] == "1,3"]
    plot_top = min(t["y"] for t in texts if t["text"] in CODES)
    assert any(t["y"] < plot_top and t["size"] >= 20 for t in market), market  # the line's top
    axis = next(t for t in texts if t["text"] == "Marktpositie")
    assert any(abs(t["y"] - axis["y"]) < 80 for t in market), market  # the axis' tick
    # 1,5 is written only at the need cut now: left of the plot and right of its line's end,
    # at the height of the horizontal cut, never under the plot along the market position.
    for t in (t for t in texts if t["text"] == "1,5"):
        assert t["y"] < axis["y"] - 60, t
    assert exceptions(page) == []
    page.mouse.move(0, 0)
    screenshot(page, "map-overview-cut-1-3")


def test_a_domain_page_and_the_presentation_name_each_service(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, server.url + "/Ruimte")
    wanted = expected_labels(domain="RUIMTE")
    assert wait_for_point_labels(page, wanted) == wanted
    texts = [t["text"] for t in wait_for_text(page, "e1 Ondernemerschap")]
    assert "e1 Ondernemerschap" in texts
    assert any(text.startswith("o7 Materialenbeheer") for text in texts), texts
    assert overflowing_charts(page) == []
    page.mouse.move(0, 0)
    screenshot(page, "map-domain-ruimte")

    open_app(page, server.url + "/?present=1")
    act(page, lambda: page.keyboard.press("ArrowRight"))  # the whole portfolio → Ruimte
    wanted = expected_labels(domain="RUIMTE")
    assert wait_for_point_labels(page, wanted) == wanted
    texts = wait_for_text(page, "o7 Materialenbeheer / afval")
    named = [t for t in texts if t["text"] == "o7 Materialenbeheer / afval"]
    assert named and min(t["size"] for t in named) >= 28
    chart = page.get_by_test_id("stVegaLiteChart").first.bounding_box()
    assert chart is not None and chart["y"] + chart["height"] <= PROJECTOR["height"], chart
    assert exceptions(page) == []
    page.mouse.move(0, 0)
    screenshot(page, "map-presentation-ruimte")
