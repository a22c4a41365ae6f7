"""Issue 18, item 6 in a real browser: what moved, on the map.

Move the horizon so services change quadrant: each service in another quadrant than the plan's
(horizon now, cuts 1,5, no what-ifs) is ringed on the chart, each count shows its change, "N
verschoven" stands under the counts, and it opens the list of moves beside the chart with the
chart still in view. Expected quadrants come from data/services.csv by design §3's rule
(tests/test_browser.py), never from the app.
"""

from __future__ import annotations

import contextlib
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
    press_slider,
    screenshot,
    server_fixture,
    slider_text,
    wait_for_point_labels,
)
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError
from test_browser import expected_labels

from igemo_data.ui.compat import TABLE_ROW_HEIGHT

pytestmark = pytest.mark.browser

QUADRANT_KEY = {"Vermeerder": "vermeerder", "Creëer": "creeer", "Verminder": "verminder"}
QUADRANT_KEY["Elimineer"] = "elimineer"
# charts.moved names the rings' view: Vega's SVG gives its group this class.
RINGS = "g.moved_rings_marks path"


@pytest.fixture
def page(browser: Browser):
    context = new_context(browser)
    yield context.new_page()
    context.close()


def quadrants(labels: list[str]) -> dict[str, str]:
    """Quadrant key per service (name and code), from the point labels."""
    return {label.rsplit(": ", 1)[0]: QUADRANT_KEY[label.rsplit(": ", 1)[1]] for label in labels}


def changes(before: list[str], after: list[str]) -> dict[str, str]:
    """Each quadrant's change in count as the grid should write it: "+3", "−2", or none."""
    old, new = Counter(quadrants(before).values()), Counter(quadrants(after).values())
    written = {}
    for key in QUADRANT_KEY.values():
        change = new[key] - old[key]
        if change:
            written[key] = f"+{change}" if change > 0 else f"\u2212{-change}"
    return written


def shown_changes(page: Page) -> dict[str, str]:
    cells = page.locator("[data-quadrant][data-change]")
    return {
        cell.get_attribute("data-quadrant"): cell.get_attribute("data-change")
        for cell in cells.all()
    }


def rings(page: Page, expected: int, timeout: float = 10_000) -> int:
    """The rings on the chart, once Vega has drawn `expected` of them (or the time is up)."""
    with contextlib.suppress(PlaywrightError):  # the count below tells what was drawn instead
        page.wait_for_function(
            f"n => document.querySelectorAll('{RINGS}').length === n", arg=expected, timeout=timeout
        )
    return page.locator(RINGS).count()


def test_what_moved_is_ringed_counted_and_listed_beside_the_chart(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, server.url + "/")
    plan = expected_labels(0)
    assert wait_for_point_labels(page, plan) == plan
    # At the plan's own reading nothing has moved: no ring, no change, "0 verschoven".
    assert rings(page, 0) == 0
    assert shown_changes(page) == {}
    expect(page.get_by_text("0 verschoven", exact=False)).to_be_visible()

    press_slider(page, "Tijdshorizon", "End")
    assert slider_text(page, "Tijdshorizon") == "100 %"
    future = expected_labels(100)
    assert wait_for_point_labels(page, future) == future
    moved = sorted(set(future) - set(plan))
    assert len(moved) >= 10, "the plan's future scores move many services"
    assert rings(page, len(moved)) == len(moved)
    assert shown_changes(page) == changes(plan, future)
    # The key on the chart says what a ring means.
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(
        chart.locator("svg text", has_text="omcirkeld: ander kwadrant dan het plan")
    ).to_have_count(1)

    # Closed, the list sends no table: a hidden one would never paint (nor let a screenshot).
    expect(page.locator(".st-key-moved_list").get_by_test_id("stDataFrame")).to_have_count(0)
    screenshot(page, "overview-moved-100-closed")

    # "N verschoven" opens the list of moves beside the chart; the chart stays in view.
    toggle = page.get_by_text(f"{len(moved)} verschoven tegenover het plan")
    expect(toggle).to_be_visible()
    act(page, toggle.click)
    expander = page.locator(".st-key-moved_list")
    table = expander.get_by_test_id("stDataFrame")
    expect(table).to_be_visible()
    page.mouse.move(0, 0)
    screenshot(page, "overview-moved-100")
    box, listed = chart.bounding_box(), table.bounding_box()
    assert box is not None and listed is not None
    assert listed["x"] >= box["x"] + box["width"], (box, listed)  # beside, not below
    # The whole chart on the projector's one screen, and beside it the list's header and at
    # least its first four moves, without scrolling.
    assert box["y"] >= 0 and box["y"] + box["height"] <= PROJECTOR["height"], box
    assert listed["y"] >= 0 and listed["y"] + TABLE_ROW_HEIGHT * 5 <= PROJECTOR["height"], listed
    assert listed["y"] < box["y"] + box["height"], (box, listed)

    # It stays open while the horizon moves, and N follows.
    press_slider(page, "Tijdshorizon", "Home")
    assert wait_for_point_labels(page, plan) == plan
    assert rings(page, 0) == 0
    expect(page.get_by_text("0 verschoven tegenover het plan")).to_be_visible()
    expect(expander.get_by_text("Geen verschuivingen", exact=False)).to_be_visible()
    assert exceptions(page) == []
