"""Issue 15 in a real browser at 1920×1080: "Toon hoe vast" fills the markers by their chance
to stay, and the page Gevoeligheid fits the projector (its screenshot is the README's)."""

from __future__ import annotations

import time

import pandas as pd
import pytest
from browser import (  # noqa: F401 - server_fixture and browser_fixture are fixtures
    POINT_LABEL,
    SCREENSHOTS,
    StreamlitServer,
    act,
    browser_fixture,
    exceptions,
    new_context,
    open_app,
    overflowing_charts,
    screenshot,
    server_fixture,
)
from playwright.sync_api import Browser, Page, expect

from igemo_data.charts.firmness import marker_fill
from igemo_data.firmness import sensitivity

pytestmark = pytest.mark.browser

MARKS = """marks => marks.map(mark => [mark.getAttribute('aria-label'),
                                   mark.getAttribute('fill-opacity')])"""


@pytest.fixture
def page(browser: Browser):
    context = new_context(browser)
    yield context.new_page()
    context.close()


def marker_fills(page: Page, *, toggled: bool, count: int = 14) -> dict[str, float]:
    """code → the fill opacity of each Ruimte marker, read from the chart's SVG once Vega has
    drawn all `count` of them (after the run), with (`toggled`) or without fill opacities."""
    deadline = time.monotonic() + 15
    while True:
        found = {}
        for label, fill in page.locator("svg [aria-label]").evaluate_all(MARKS):
            match = POINT_LABEL.match(label or "")
            if match and match["domain"] == "Ruimte":
                found[match["code"]] = float(fill) if fill is not None else 1.0
        drawn = len(found) == count and (set(found.values()) != {1.0}) == toggled
        if drawn or time.monotonic() > deadline:
            return found
        page.wait_for_timeout(100)


def test_how_firm_fills_each_marker_by_its_chance_to_stay(
    server: StreamlitServer, page: Page, services: pd.DataFrame
) -> None:
    open_app(page, server.url + "/?horizon=50&arrows=1")
    before = marker_fills(page, toggled=False)
    assert set(before.values()) == {1.0}  # off: every marker solid
    act(page, page.get_by_text("Toon hoe vast", exact=True).click)
    expect(page.get_by_text("kans te blijven:", exact=True)).to_be_visible()
    fills = marker_fills(page, toggled=True)
    chances = sensitivity(services, horizon=0.5, uncertainty=0.1).set_index("id")
    ruimte = services[services["domain"] == "RUIMTE"].set_index("code")
    assert set(fills) == set(ruimte.index)
    for code, fill in fills.items():
        row = chances.loc[ruimte.at[code, "id"]]
        assert fill == pytest.approx(float(marker_fill(row[f"p_{row['quadrant']}"])), abs=2e-3)
    assert fills["e2"] == 1.0 and fills["e1"] < 0.7  # e2: 2 everywhere; e1 on both cuts
    # With arrows on, a ring where e1's arrow crosses a cut, named by its horizon.
    assert page.locator("svg [aria-label='50 %']").count() > 0
    assert exceptions(page) == []
    page.mouse.move(0, 0)
    screenshot(page, "overview-firmness")


def test_the_page_fits_the_projector(server: StreamlitServer, page: Page) -> None:
    open_app(page, server.url + "/Gevoeligheid?horizon=50")
    expect(page.get_by_test_id("stMain").locator("h1")).to_have_text("Gevoeligheid")
    expect(page.locator("svg text", has_text="Kansen per kwadrant")).to_be_visible()
    assert overflowing_charts(page) == []
    assert exceptions(page) == []
    page.mouse.move(0, 0)
    screenshot(page, "gevoeligheid")
    assert (SCREENSHOTS / "gevoeligheid.png").stat().st_size > 0
