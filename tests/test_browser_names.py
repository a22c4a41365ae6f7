"""Issue 18, items 2–4 in a real browser: every name and time on screen and slide is the truth.

2. A slide and the presentation name the edition they draw (not "Plan 2019–2024 (niet
   bewaard)" while another edition is active) and, when the screen differs from it, say so.
3. "Actief maken" says where an edition is active: in this browser tab, not for everyone.
4. "Plan versus matrix" and "Strategiekaart 8.3" name the horizon shown, never "nu" at 100 %.

The edition is uploaded through the Gegevens page's own file input, from memory, into the
test server's throwaway store.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from browser import (  # noqa: F401 - server_fixture and browser_fixture are fixtures
    SCREENSHOTS,
    StreamlitServer,
    act,
    browser_fixture,
    choose,
    download,
    exceptions,
    new_context,
    open_app,
    press_slider,
    screenshot,
    server_fixture,
    wait_until_drawn,
)
from playwright.sync_api import Browser, Page, expect

from igemo_data import load_services, spreadsheet

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
EDITION = "Bewerking (29-11-2026 20:53)"
PLAN = "Plan 2019–2024"
NOW = re.compile(r"\b(nu|now)\b", re.IGNORECASE)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser)
    opened = context.new_page()
    yield opened
    context.close()


def _edited_services() -> bytes:
    services = load_services(ROOT / "data" / "services.csv")
    services.loc[0, ["market_current", "need_current"]] = 2.0  # e1 moves: another edition
    return spreadsheet.services_csv_bytes(services)


@pytest.fixture(scope="module")
def edition_id(server: StreamlitServer, browser: Browser) -> str:
    """Upload and save an edition named like the app's own edits; its id from the URL."""
    context = new_context(browser)
    page = context.new_page()
    try:
        open_app(page, f"{server.url}/Gegevens")
        upload = page.locator("[data-testid=stFileUploader] input[type=file]")
        act(
            page,
            lambda: upload.set_input_files(
                files=[
                    {"name": "bewerkt.csv", "mimeType": "text/csv", "buffer": _edited_services()}
                ]
            ),
        )
        expect(page.get_by_text("bewerkt.csv is in orde: 39 diensten.")).to_be_visible()
        form = page.get_by_test_id("stForm").filter(has_text="Bewaren als nieuwe editie")
        form.get_by_label("Naam").fill(EDITION)
        act(page, lambda: form.get_by_role("button", name="Bewaren als nieuwe editie").click())
        expect(page.get_by_role("heading", name=f"Actieve editie: {EDITION}")).to_be_visible(
            timeout=30_000
        )
        deadline = time.monotonic() + 15
        while "edition" not in parse_qs(urlparse(page.url).query):
            assert time.monotonic() < deadline, page.url
            page.wait_for_timeout(100)
        return parse_qs(urlparse(page.url).query)["edition"][0]
    finally:
        context.close()


def _save(name: str, data: bytes) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / name
    path.write_bytes(data)
    return path


# --- Item 2: a slide names the edition it draws ------------------------------------------------


def test_a_slide_and_the_presentation_name_the_active_edition(
    server: StreamlitServer, page: Page, edition_id: str
) -> None:
    open_app(page, f"{server.url}/?edition={edition_id}")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("combobox", name="Kies een editie")).to_have_value(EDITION)

    svg = download(page, "Grafiek (SVG)").decode("utf-8")
    # Exactly the edition: its own reading (horizon 0 %, cuts 1,5) has nothing unsaved.
    assert f">Strategiekaart — {EDITION}</text>" in svg, re.findall(r">Strategiekaart[^<]*<", svg)
    assert PLAN not in svg
    _save("slide-edition.png", download(page, "Grafiek (PNG)"))

    press_slider(page, "Tijdshorizon", "ArrowRight")
    svg = download(page, "Grafiek (SVG)").decode("utf-8")
    assert f">Strategiekaart — {EDITION} (niet bewaard)</text>" in svg
    assert PLAN not in svg

    # The 8.3 slide is named after the same edition: its file name says so.
    open_app(page, f"{server.url}/Strategiekaart_8_3?edition={edition_id}")
    with page.expect_download(timeout=60_000) as event:
        page.get_by_role("button", name="Strategiekaart (PNG)").click()
    assert event.value.suggested_filename.startswith(
        "strategiekaart-8-3-Bewerking-29-11-2026-20-53"
    ), event.value.suggested_filename
    _save("slide-8-3-edition.png", Path(event.value.path()).read_bytes())

    open_app(page, f"{server.url}/?edition={edition_id}&present=1")
    title = page.get_by_test_id("stMain").locator("h1")
    expect(title).to_have_text(f"Alle werkdomeinen · {EDITION}")
    page.mouse.move(0, 0)
    screenshot(page, "presentation-edition")
    assert exceptions(page) == []


# --- Item 3: "Actief maken" says where ---------------------------------------------------------


def test_making_an_edition_active_says_it_holds_in_this_browser_tab(
    server: StreamlitServer, browser: Browser, page: Page, edition_id: str
) -> None:
    open_app(page, f"{server.url}/Gegevens?edition={edition_id}")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name=f"Actieve editie: {EDITION}")).to_be_visible()
    expect(main).to_contain_text("De actieve editie geldt in dit browsertabblad")
    assert "voor elke pagina" not in main.inner_text()

    choose(page, "Kies een editie", PLAN, within=main)
    button = main.get_by_role("button", name="Actief maken")
    expect(button).to_be_enabled()
    button.hover()
    tooltip = page.get_by_test_id("stTooltipContent")
    expect(tooltip).to_contain_text("actief in dit browsertabblad")
    expect(tooltip).to_contain_text("in een nieuw tabblad opent, begint op het plan 2019–2024")
    assert "voor elke pagina" not in tooltip.inner_text()
    screenshot(page, "edition-activate-help")

    act(page, lambda: button.click())
    said = main.get_by_test_id("stAlertContentSuccess")
    expect(said).to_contain_text(f"Actief in dit browsertabblad: {PLAN}.")
    expect(said).to_contain_text("Wie de app elders opent, ziet het plan 2019–2024")
    screenshot(page, "edition-activated")

    # What the text says holds: a fresh browser opens on the plan.
    fresh = new_context(browser)
    try:
        other = fresh.new_page()
        open_app(other, server.url)
        chooser = other.get_by_test_id("stSidebar").get_by_role("combobox", name="Kies een editie")
        expect(chooser).to_have_value(PLAN)
    finally:
        fresh.close()
    assert exceptions(page) == []


# --- Item 4: the horizon shown, never "nu" -------------------------------------------------------


def test_plan_versus_matrix_and_the_strategy_map_name_the_horizon_shown(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, f"{server.url}/Plan_versus_matrix?horizon=100")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("het kwadrant dat de matrix geeft bij tijdshorizon 100 %")
    wait_until_drawn(page)
    assert not NOW.search(main.inner_text()), NOW.findall(main.inner_text())
    screenshot(page, "plan-versus-matrix-100")

    open_app(page, f"{server.url}/Strategiekaart_8_3?horizon=100")
    expect(main).to_contain_text("rechts zoals de matrix ze plaatst bij tijdshorizon 100 %")
    chart = main.get_by_test_id("stVegaLiteChart").locator("svg").first
    expect(chart).to_contain_text("Volgens de matrix bij tijdshorizon 100 %")
    wait_until_drawn(page)
    for text in (main.inner_text(), chart.text_content() or ""):
        assert not NOW.search(text), NOW.findall(text)
    e1 = chart.locator('[aria-label^="Ondernemerschap (e1, Ruimte) · Volgens de matrix"]')
    expect(e1).to_have_attribute("aria-label", re.compile("bij tijdshorizon 100 %: "))
    page.mouse.move(0, 0)
    screenshot(page, "strategiekaart-8-3-100")
    assert exceptions(page) == []


def test_the_names_are_english_in_english(server: StreamlitServer, page: Page) -> None:
    open_app(page, f"{server.url}/Strategiekaart_8_3?horizon=100&lang=en")
    chart = page.get_by_test_id("stVegaLiteChart").locator("svg").first
    expect(chart).to_contain_text("According to the matrix at time horizon 100 %")
    assert not NOW.search(page.get_by_test_id("stMain").inner_text())
