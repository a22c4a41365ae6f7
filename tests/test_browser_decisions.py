"""Issue 16 in a real browser: record a decision beside the chart and see its marker change,
take the minutes home, and see 8.3 "Volgens de beslissingen".

With "Toon beslissingen" on, a service with a recorded decision is ringed on the chart: solid
blue when the decision follows its quadrant, dashed vermilion when it goes against it, with a
key under the chart. The minutes downloaded from Plan versus matrix hold the decision.
"""

from __future__ import annotations

import io
import re

import pytest
from browser import (  # noqa: F401 - server_fixture and browser_fixture are fixtures
    StreamlitServer,
    act,
    browser_fixture,
    choose,
    download,
    exceptions,
    new_context,
    open_app,
    screenshot,
    server_fixture,
)
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser

# charts.decided names each ring view: Vega's SVG gives its group this class.
AGAINST = "g.decided_rings_disagrees_marks path"
FOLLOWS = "g.decided_rings_agrees_marks path"


@pytest.fixture
def page(browser: Browser):
    context = new_context(browser)
    yield context.new_page()
    context.close()


def _record(page: Page, decision: str, rationale: str) -> None:
    side = page.locator(".st-key-decision_what_if_panel")
    choices = side.get_by_role("radiogroup", name="Beslissing")
    if not choices.is_visible():
        side.locator("summary").click()
    choices.get_by_text(decision, exact=True).click()
    expect(choices.get_by_role("radio", name=decision, exact=True)).to_be_checked()
    side.get_by_label("Motivering").fill(rationale)
    side.get_by_label("Trekker").fill("Directeur Ruimte")
    act(page, side.get_by_role("button", name="Beslissing vastleggen").click)


def _chart_in_view(page: Page) -> None:
    """Back to the top, where the chart stands (the form sits below the fold)."""
    page.get_by_test_id("stMain").evaluate("main => main.scrollTo(0, 0)")
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)


def test_a_recorded_decision_rings_its_marker_and_reaches_the_minutes(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, server.url + "/")
    chart = page.get_by_test_id("stVegaLiteChart").first
    act(page, page.get_by_text("Toon beslissingen", exact=True).click)
    expect(chart.locator(AGAINST)).to_have_count(0)
    expect(chart.locator("svg text", has_text="tegen het kwadrant")).to_have_count(1)

    choose(page, "Kies een dienst", "o6 · Mobiliteit (Ruimte)")
    _record(page, "Afbouwen", "Te duur voor wat het oplevert")
    expect(page.get_by_text("Vastgelegd: o6 Mobiliteit: Afbouwen.")).to_be_visible()
    ring = chart.locator(AGAINST)
    expect(ring).to_have_count(1)
    expect(ring).to_have_attribute(
        "aria-label", "o6 Mobiliteit: beslist Afbouwen, tegen het kwadrant"
    )
    expect(chart.locator(FOLLOWS)).to_have_count(0)
    _chart_in_view(page)
    screenshot(page, "overview-decision-against")

    # A new decision supersedes it: the ring follows the quadrant now.
    _record(page, "Investeren", "Toch investeren: regionaal plan")
    expect(chart.locator(FOLLOWS)).to_have_count(1)
    expect(chart.locator(AGAINST)).to_have_count(0)
    _chart_in_view(page)
    screenshot(page, "overview-decision-follows")
    assert exceptions(page) == []

    # The workshop's end: the minutes, from Plan versus matrix, hold the decision in force.
    open_app(page, server.url + "/Plan_versus_matrix")
    pdf = PdfReader(io.BytesIO(download(page, "Verslag (PDF)")))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Toch investeren: regionaal plan" in text and "Directeur Ruimte" in text
    assert "Mobiliteit: Afbouwen" in text  # the superseded one, too
    assert sum(len(p.images) for p in pdf.pages) == 4
    assert exceptions(page) == []

    # 8.3's third view: o6 (Investeren, as the plan) stays under investing, on its left side.
    open_app(page, server.url + "/Strategiekaart_8_3")
    act(page, page.get_by_test_id("stButtonGroup").get_by_text("Volgens de beslissingen").click)
    smap = page.get_by_test_id("stVegaLiteChart").first
    side = re.compile("^Volgens de beslissingen$")  # the legend says it too, lower case
    expect(smap.locator("svg text", has_text=side)).to_have_count(1)
    page.mouse.move(0, 0)
    screenshot(page, "smap-decisions")
    assert exceptions(page) == []
