"""Issue 18, item 12 in a real browser: the overview's table download opens in Excel in
Belgium as columns (`;` and decimal commas in Dutch), and in English as an English Excel
expects it (`,` and points). The edition download on the Gegevens page follows the same rule.
"""

from __future__ import annotations

import csv

import pytest
from browser import (  # noqa: F401 - server_fixture and browser_fixture are fixtures
    StreamlitServer,
    browser_fixture,
    download,
    exceptions,
    new_context,
    open_app,
    server_fixture,
)
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


def _fresh_page(browser: Browser) -> Page:
    return new_context(browser).new_page()


def _overview_csv(page: Page, url: str, label: str) -> str:
    open_app(page, url)
    return download(page, label).decode("utf-8-sig")


def test_the_dutch_table_download_has_semicolons_and_decimal_commas(
    server: StreamlitServer, browser: Browser
) -> None:
    page = _fresh_page(browser)
    # Ondernemerschap (e1) scores market 1 → 2: at 30 % its market position is 1,3.
    text = _overview_csv(page, f"{server.url}/?horizon=30", "Tabel (CSV)")
    lines = text.splitlines()
    assert lines[0].startswith("id;Werkdomein;Cluster;Code;Dienst;Huidige marktpositie;")
    rows = {row["id"]: row for row in csv.DictReader(lines, delimiter=";")}
    assert len(rows) == 39
    first = rows["ruimte-e1"]
    assert first["Dienst"] == "Ondernemerschap"
    assert first["Huidige marktpositie"] == "1,0"
    assert first["Potentiële marktpositie"] == "2,0"
    assert first["Marktpositie nu gekozen"] == "1,3"
    assert not any("." in row["Behoefte nu gekozen"] for row in rows.values())
    assert exceptions(page) == []
    page.context.close()


def test_the_english_table_download_has_commas_and_points(
    server: StreamlitServer, browser: Browser
) -> None:
    page = _fresh_page(browser)
    text = _overview_csv(page, f"{server.url}/?horizon=30&lang=en", "Table (CSV)")
    rows = {row["id"]: row for row in csv.DictReader(text.splitlines())}
    assert len(rows) == 39
    assert rows["ruimte-e1"]["Current market position"] == "1.0"
    assert rows["ruimte-e1"]["Market position now set"] == "1.3"
    page.context.close()


def test_the_dutch_edition_download_has_semicolons_and_decimal_commas(
    server: StreamlitServer, browser: Browser
) -> None:
    page = _fresh_page(browser)
    open_app(page, f"{server.url}/Gegevens")
    text = download(page, "Download als CSV").decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == (
        "id;domain;cluster;code;name;description;market_current;market_potential;"
        "need_current;need_future;plan_decision;plan_note"
    )
    rows = {row["id"]: row for row in csv.DictReader(lines, delimiter=";")}
    assert len(rows) == 39
    # The plan's scores are whole numbers (a fraction gets its comma: tests/test_spreadsheet.py).
    assert (rows["ruimte-e1"]["market_current"], rows["ruimte-e1"]["need_future"]) == ("1", "2")
    assert rows["ruimte-e1"]["plan_decision"] == "invest"  # design §2's CSV: technical values
    assert exceptions(page) == []
    page.context.close()
