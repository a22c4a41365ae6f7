"""Issue 4 in a real browser: a workshop saves a scenario, someone opens it the next day (a new
browser context) from the list and from its link and sees the same chart, and the board
downloads are real PNG, SVG, PDF, CSV and XLSX files."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from browser import (  # noqa: F401 - server_fixture and browser_fixture are fixtures
    ServerOutputOnFailure,
    StreamlitServer,
    act,
    browser_fixture,
    choose,
    download,
    exceptions,
    launch_chromium,
    new_context,
    open_app,
    point_labels,
    press_slider,
    require_chromium,
    screenshot,
    server_fixture,
    slider_text,
    wait_for_point_labels,
)
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

NAME = "Raad december <b>vet</b>"


def _fresh_page(browser: Browser) -> Page:
    return new_context(browser).new_page()


def test_a_saved_scenario_comes_back_in_a_new_browser(server: StreamlitServer, browser: Browser):
    workshop = _fresh_page(browser)
    open_app(workshop, f"{server.url}/?whatif=ruimte-o6:m1.8")
    press_slider(workshop, "Tijdshorizon", "ArrowRight", times=6)
    assert slider_text(workshop, "Tijdshorizon") == "30 %"
    seen = wait_for_point_labels(workshop, point_labels(workshop))
    assert len(seen) == 39
    assert "Mobiliteit (o6, Ruimte): Vermeerder" in seen

    act(workshop, lambda: workshop.get_by_role("link", name="Scenario's", exact=True).click())
    workshop.get_by_label("Naam", exact=True).fill(NAME)
    workshop.get_by_label("Auteur", exact=True).fill("Facilitator")
    # Streamlit's hint under the box being typed in reads Dutch too (it has no Dutch itself).
    hint = workshop.get_by_test_id("stForm").get_by_test_id("InputInstructions")
    expect(hint).to_be_visible()
    shown = hint.evaluate("e => getComputedStyle(e, '::before').content")
    assert shown == '"Druk op Enter om te versturen"'
    assert "Press" not in hint.inner_text()
    act(workshop, lambda: workshop.get_by_role("button", name="Bewaren als scenario").click())
    expect(workshop.get_by_text(f"Bewaard. {NAME}")).to_be_visible()
    link = workshop.get_by_test_id("stCode").inner_text().strip()
    # Issue 18, item 15: the whole address, to copy and send.
    found = re.fullmatch(re.escape(server.url) + r"/\?scenario=([0-9a-f]{12})", link)
    scenario_id = found.group(1)
    # Two more for the comparison below: the same what-if, the future and today.
    for name, key, presses in (("Toekomst", "ArrowRight", 14), ("Vandaag", "ArrowLeft", 20)):
        press_slider(workshop, "Tijdshorizon", key, times=presses)
        workshop.get_by_label("Naam", exact=True).fill(name)
        act(workshop, lambda: workshop.get_by_role("button", name="Bewaren als scenario").click())
        expect(workshop.get_by_text(f"Bewaard. {name}")).to_be_visible()
    assert exceptions(workshop) == []
    screenshot(workshop, "scenarios-saved")
    workshop.context.close()

    # The next day: a new browser opens the list and the scenario from it.
    next_day = _fresh_page(browser)
    open_app(next_day, f"{server.url}/Scenarios")
    chooser = next_day.get_by_role("combobox", name="Kies een scenario")
    expect(chooser).to_have_value("Vandaag")  # the newest first
    # Listed literally, markup and all, in the scenario chooser.
    choose(next_day, "Kies een scenario", NAME)
    act(next_day, lambda: next_day.get_by_role("button", name="Openen").click())
    wait_for_point_labels(next_day, seen)
    assert sorted(point_labels(next_day)) == sorted(seen)
    assert slider_text(next_day, "Tijdshorizon") == "30 %"
    next_day.context.close()

    # And from its link, on a fresh session.
    from_link = _fresh_page(browser)
    open_app(from_link, f"{server.url}/?scenario={scenario_id}")
    assert sorted(wait_for_point_labels(from_link, seen)) == sorted(seen)
    expect(from_link.get_by_text(f"Scenario: {NAME}")).to_be_visible()

    # The board's files, from the overview of the opened scenario.
    png = download(from_link, "Grafiek (PNG)")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (3840, 2160)
    svg = download(from_link, "Grafiek (SVG)").decode("utf-8")
    assert svg.lstrip().startswith("<svg") and "Raad december &lt;b&gt;vet&lt;/b&gt;" in svg
    assert download(from_link, "Grafiek (PDF)").startswith(b"%PDF-")
    table = download(from_link, "Tabel (CSV)").decode("utf-8-sig")
    assert table.startswith("id;") and len(table.strip().splitlines()) == 40  # Dutch: `;`
    assert download(from_link, "Tabel (Excel)").startswith(b"PK\x03\x04")
    assert exceptions(from_link) == []
    from_link.context.close()


def _moves_between_now_and_future(fixed: set[str]) -> int:
    with open(Path(__file__).resolve().parent.parent / "data" / "services.csv") as handle:
        rows = list(csv.DictReader(handle))

    def quadrant(row: dict, horizon: float) -> tuple[bool, bool]:
        market = (1 - horizon) * float(row["market_current"]) + horizon * float(
            row["market_potential"]
        )
        need = (1 - horizon) * float(row["need_current"]) + horizon * float(row["need_future"])
        return market >= 1.5, need >= 1.5

    return sum(1 for row in rows if row["id"] not in fixed and quadrant(row, 0) != quadrant(row, 1))


def test_compare_two_saved_scenarios_and_download_one_pdf(
    server: StreamlitServer, browser: Browser
):
    page = _fresh_page(browser)
    open_app(page, f"{server.url}/Scenarios_vergelijken")
    choose(page, "Eerste", "Vandaag")
    choose(page, "Tweede", "Toekomst")
    # Both keep Mobiliteit's what-if (market 1.8, need 2): it stays put; the rest follow the plan.
    moved = _moves_between_now_and_future({"ruimte-o6"})
    expect(page.get_by_text(f"{moved} diensten wisselen van kwadrant.")).to_be_visible()
    screenshot(page, "scenarios-compare-saved")
    pdf = download(page, "Vergelijking (PDF, één pagina)")
    assert pdf.startswith(b"%PDF-") and b"/Count 1" in pdf
    assert exceptions(page) == []
    page.context.close()
