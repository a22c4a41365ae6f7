"""Issue 5, item 5 in a real browser: text a user brings is shown as text and runs nothing.

A services file whose new service is named `<img src=x onerror=alert(1)>`, uploaded under a
file name that is itself markup, saved as an edition whose name is a script tag: each must
appear literally on the Gegevens page and on the comparison chart, no element may be made
from them, and no dialog may open. The upload goes through the page's own file input with
Playwright's `set_input_files`, from memory; nothing is written to disk.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from browser import (  # noqa: F401 - server_fixture and browser_fixture are fixtures
    ServerOutputOnFailure,
    StreamlitServer,
    act,
    browser_fixture,
    exceptions,
    launch_chromium,
    new_context,
    open_app,
    point_labels,
    require_chromium,
    screenshot,
    server_fixture,
    wait_until_idle,
)
from playwright.sync_api import Browser, Page, expect

from igemo_data import load_services, spreadsheet

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SERVICE_NAME = "<img src=x onerror=alert(1)>"
FILE_NAME = "<svg onload=alert(2)>.csv"
EDITION_NAME = "<script>alert(3)</script>"
NOTE = '<iframe src="javascript:alert(4)"></iframe>'
# Anything the payloads could have made, looked for in the live document.
INJECTED = """
() => ({
  images: document.querySelectorAll('img[src="x"]').length,
  svgs: Array.from(document.querySelectorAll('svg[onload]')).length,
  iframes: document.querySelectorAll('iframe[src^="javascript"]').length,
  scripts: Array.from(document.scripts).filter(s => s.textContent.includes('alert(')).length,
  handlers: Array.from(document.querySelectorAll('*'))
      .filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
})
"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser)
    opened = context.new_page()
    yield opened
    context.close()


def _upload_bytes() -> bytes:
    services = load_services(ROOT / "data" / "services.csv")
    intruder = services.iloc[[0]].assign(
        id="ruimte-x1", code="x1", name=SERVICE_NAME, description=NOTE, plan_note=SERVICE_NAME
    )
    changed = pd.concat([services, intruder], ignore_index=True)
    changed.loc[0, ["market_current", "need_current"]] = 2.0  # e1 moves: an arrow on the chart
    return spreadsheet.services_csv_bytes(changed)


def _markdown(page: Page, text: str):
    return page.get_by_test_id("stMarkdownContainer").filter(has_text=text)


def test_markup_in_an_upload_is_shown_literally_and_runs_nothing(
    server: StreamlitServer, page: Page
) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    open_app(page, f"{server.url}/Gegevens")
    expect(page.get_by_role("heading", name="Gegevens", exact=True)).to_be_visible()

    # Streamlit's upload box reads Dutch: what is drawn on its button and its limits line.
    # The style element may reach the page a moment after the heading: wait for it to apply.
    labels = """() => {
        const zone = document.querySelector("[data-testid=stFileUploaderDropzone]");
        return ["button [data-testid=stMarkdownContainer] p",
                "[data-testid=stFileUploaderDropzoneInstructions] span"]
            .map(s => zone && zone.querySelector(s))
            .map(e => (e ? getComputedStyle(e, "::after").content : "missing"));
    }"""
    page.wait_for_function(f"({labels})().every(c => c !== 'none' && c !== 'missing')")
    drawn = page.evaluate(labels)
    assert drawn == [
        '"Bestand kiezen"',
        '"Sleep een bestand hierheen · Excel, ODS of CSV · hoogstens 5 MB"',
    ]

    upload = page.locator("[data-testid=stFileUploader] input[type=file]")
    act(
        page,
        lambda: upload.set_input_files(
            files=[{"name": FILE_NAME, "mimeType": "text/csv", "buffer": _upload_bytes()}]
        ),
    )
    expect(page.get_by_text(f"{FILE_NAME} is in orde: 40 diensten.")).to_be_visible()
    expect(_markdown(page, f"Nieuw: x1 {SERVICE_NAME}")).to_be_visible()
    screenshot(page, "editions-xss-upload", full_page=True)

    form = page.get_by_test_id("stForm").filter(has_text="Bewaren als nieuwe editie")
    # Typing inside a form does not rerun the script; only the button sends the form.
    form.get_by_label("Naam").fill(EDITION_NAME)
    form.get_by_label("Notitie").fill(NOTE)
    act(page, lambda: form.get_by_role("button", name="Bewaren als nieuwe editie").click())
    heading = page.get_by_role("heading", name=f"Actieve editie: {EDITION_NAME}")
    expect(heading).to_be_visible(timeout=30_000)
    expect(page.get_by_text(f"Nieuwe editie bewaard en actief: {EDITION_NAME}")).to_be_visible()
    wait_until_idle(page)
    screenshot(page, "editions-xss-saved", full_page=True)
    assert page.evaluate(INJECTED) == {
        "images": 0,
        "svgs": 0,
        "iframes": 0,
        "scripts": 0,
        "handlers": 0,
    }

    # A new session on the comparison page: the newest edition against the plan.
    open_app(page, f"{server.url}/Edities_vergelijken")
    deadline = time.monotonic() + 15
    while not any(SERVICE_NAME in label for label in point_labels(page)):
        assert time.monotonic() < deadline, point_labels(page)
        page.wait_for_timeout(100)
    assert f"{SERVICE_NAME} (x1, Ruimte): Elimineer" in point_labels(page)
    chart_text = page.locator("[data-testid=stVegaLiteChart] svg").first.text_content()
    assert f"Plan 2019–2024 → {EDITION_NAME}" in chart_text
    expect(page.get_by_role("combobox", name="Nieuwe editie")).to_have_value(EDITION_NAME)
    screenshot(page, "editions-xss-compare", full_page=True)

    page.wait_for_timeout(1000)  # an onerror or onload would have fired by now
    assert page.evaluate(INJECTED)["images"] == 0
    assert not exceptions(page)
    assert dialogs == []


def test_the_browser_and_the_app_draw_the_upload_limit_at_the_same_byte(
    server: StreamlitServer, page: Page
) -> None:
    # Issue 13: "5 MB" is 5,000,000 bytes in the words, in the browser and in the app's rule.
    open_app(page, f"{server.url}/Gegevens")
    upload = page.locator("[data-testid=stFileUploader] input[type=file]")
    refused = "een bestand mag hoogstens 5 MB zijn"
    # One byte over: the upload box refuses it in the browser; the app never reads it.
    upload.set_input_files(
        files=[{"name": "groot.csv", "mimeType": "text/csv", "buffer": b"x" * 5_000_001}]
    )
    chip = page.get_by_test_id("stFileChip")
    expect(chip).to_have_attribute("aria-invalid", "true")
    # Streamlit's box says why in English only ("File must be 5.0MB or smaller."): in Dutch
    # here, where a screen reader reads it and where hovering shows it.
    expect(chip.get_by_role("alert")).to_have_text(
        "Fout: Dit bestand is groter dan 5 MB en is niet verstuurd; kies een kleiner bestand."
    )
    chip.hover()
    tooltip = page.get_by_text("Dit bestand is groter dan 5 MB en is niet verstuurd", exact=False)
    expect(tooltip.last).to_be_visible()
    expect(page.get_by_text("or smaller")).to_have_count(0)
    screenshot(page, "editions-upload-refused")
    wait_until_idle(page)
    expect(page.get_by_text("groot.csv is in orde")).to_have_count(0)
    page.get_by_test_id("stFileChipDeleteBtn").locator("button").click()
    expect(page.get_by_test_id("stFileChip")).to_have_count(0)
    # Exactly the limit: the browser sends it and the app reads it; its loader answers (this
    # is no table of services), not its size rule.
    act(
        page,
        lambda: upload.set_input_files(
            files=[{"name": "precies.csv", "mimeType": "text/csv", "buffer": b"x" * 5_000_000}]
        ),
    )
    expect(page.get_by_test_id("stFileChip")).not_to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("precies.csv", exact=False).first).to_be_visible()
    expect(page.get_by_text(refused)).to_have_count(0)
    screenshot(page, "editions-upload-limit", full_page=True)
