"""Issue 18, items 9 and 14 in a real browser at 1920×1080: the sidebar's pages in groups that
fit the screen without scrolling, and an edit in the data table that survives leaving the page.

The server has a facilitator password (as a workshop has), so the sidebar carries the
facilitator panel too, and the data table is edited after signing in.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import (  # noqa: F401 - browser_fixture is a fixture
    PROJECTOR,
    ServerOutputOnFailure,
    StreamlitServer,
    act,
    browser_fixture,
    exceptions,
    new_context,
    open_app,
    require_chromium,
    screenshot,
    wait_until_drawn,
)
from playwright.sync_api import Browser, Dialog, Locator, Page, expect

pytestmark = pytest.mark.browser

PASSWORD = "workshop-facilitator"
# Every page of the app, as its sidebar link reads, written out by hand.
LINKS = (
    "Strategiekaart",
    "Werkdomein Ruimte",
    "Werkdomein Mens",
    "Werkdomein Bestuur",
    "Plan versus matrix",
    "Gevoeligheid",
    "Strategiekaart 8.3",
    "Scenario's",
    "Scenario's vergelijken",
    "Edities vergelijken",
    "Gegevens",
    "Het plan",
)
GROUPS = ("Workshop", "Bewaren en vergelijken", "Gegevens")
# Where "Markt nu" of the first row is in the data editor: a row-marker column (to select rows
# for deleting), then code 70, name 250 and domain 130 px wide (data_tables.column_config), and
# the header row; the accessible grid numbers that column 4 (glide-cell-4-<row>).
ROW_HEIGHT = 38
MARKET_NOW_X = 34 + 70 + 250 + 130 + 75
MARKET_NOW = 4
E1_EDIT = "e1 Huidige marktpositie 1 → 1,5"


@pytest.fixture(scope="module")
def server(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[StreamlitServer]:
    """The app with a facilitator password, as a workshop runs it."""
    require_chromium()
    secrets = Path(tmp_path_factory.mktemp("secrets")) / "secrets.toml"
    secrets.write_text(f'facilitator_password = "{PASSWORD}"\n', encoding="utf-8")
    with StreamlitServer(options=(f"--secrets.files={secrets}",)) as running:
        plugin = ServerOutputOnFailure(running)
        request.config.pluginmanager.register(plugin)
        try:
            yield running
        finally:
            request.config.pluginmanager.unregister(plugin)


@pytest.fixture
def page(browser: Browser):
    context = new_context(browser)
    yield context.new_page()
    context.close()


def sidebar_scroll(page: Page) -> tuple[int, int]:
    """The sidebar's content height and the height it shows: equal when nothing scrolls."""
    content = page.get_by_test_id("stSidebarContent")
    return tuple(content.evaluate("e => [e.scrollHeight, e.clientHeight]"))


def in_view(locator: Locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PROJECTOR["height"]


def test_the_sidebar_fits_1080_pixels_with_every_page_one_click_away(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, server.url + "/")
    sidebar = page.get_by_test_id("stSidebar")
    facilitator = sidebar.get_by_text("Facilitator", exact=True)
    expect(facilitator).to_be_visible()
    page.mouse.move(0, 0)
    screenshot(page, "sidebar-overview")
    scroll, shown = sidebar_scroll(page)
    assert scroll <= shown, f"the sidebar scrolls: {scroll} px of content in {shown} px"
    # Settings, every page, the language and the facilitator panel: all on the screen.
    for label in ("Kies een editie", "Tijdshorizon", "Grens behoefte", "Werkdomeinen"):
        assert in_view(sidebar.get_by_text(label, exact=True)), label
    for group in GROUPS:
        assert in_view(sidebar.get_by_text(group, exact=True).first), group
    for label in LINKS:
        link = sidebar.get_by_role("link", name=label, exact=True)
        expect(link).to_be_visible()
        assert in_view(link), label
    assert in_view(sidebar.get_by_text("English", exact=True))
    assert in_view(facilitator)

    # One click from the overview to a page at the bottom of the list, and it fits there too.
    act(page, sidebar.get_by_role("link", name="Edities vergelijken", exact=True).click)
    assert urlsplit(page.url).path == "/Edities_vergelijken"
    expect(page.get_by_test_id("stMain").locator("h1")).to_have_text("Edities vergelijken")
    scroll, shown = sidebar_scroll(page)
    assert scroll <= shown, f"the sidebar scrolls: {scroll} px of content in {shown} px"

    # In English too, where labels are longer.
    open_app(page, server.url + "/?lang=en")
    expect(sidebar.get_by_role("link", name="Compare editions", exact=True)).to_be_visible()
    scroll, shown = sidebar_scroll(page)
    assert scroll <= shown, f"the sidebar scrolls: {scroll} px of content in {shown} px"
    assert exceptions(page) == []


def sign_in(page: Page) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Facilitator", exact=True).click()
    sidebar.get_by_label("Wachtwoord").fill(PASSWORD)
    act(page, sidebar.get_by_role("button", name="Aanmelden").click)


def edit_first_market_score(page: Page, editor: Locator, value: str) -> None:
    """Type `value` into "Markt nu" of the table's first row (e1), as a director would."""
    target = editor.get_by_test_id(f"glide-cell-{MARKET_NOW}-0")
    expect(target).to_have_text("1")  # the rows are there
    wait_until_drawn(page)
    editor.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)  # the grid redraws its canvas where it now stands
    box = editor.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + MARKET_NOW_X, box["y"] + ROW_HEIGHT * 1.5)
    expect(target).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")  # open the cell's editor on its value
    typing = page.locator("#portal input, #portal textarea").first
    expect(typing).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    expect(typing).to_have_value(value)
    # The grid reads the typed text from its own state a moment later; Enter at once would
    # commit the old value (nothing changes, nothing runs).
    page.wait_for_timeout(300)
    act(page, lambda: page.keyboard.press("Enter"))


def test_an_edit_in_the_data_table_survives_a_page_switch_and_a_reload_asks_first(
    server: StreamlitServer, page: Page
) -> None:
    dialogs: list[str] = []

    def answer(dialog: Dialog) -> None:
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    open_app(page, server.url + "/Gegevens")
    sign_in(page)
    act(page, page.get_by_text("Bewerken in de app", exact=True).click)
    editor = page.get_by_test_id("stDataFrame").last
    edit_first_market_score(page, editor, "1,5")
    expect(editor.get_by_test_id(f"glide-cell-{MARKET_NOW}-0")).to_have_text("1.5")
    summary = page.locator(".st-key-unsaved_edits")
    expect(summary).to_contain_text("1 wijziging")
    expect(summary).to_contain_text(E1_EDIT)
    # The summary stands beside the save button.
    save = page.get_by_role("button", name="Bewaren als nieuwe editie en actief maken")
    save_box, summary_box = save.bounding_box(), summary.bounding_box()
    assert save_box and summary_box
    assert (
        abs(save_box["y"] + save_box["height"] / 2 - summary_box["y"] - summary_box["height"] / 2)
        < 40
    )

    # A sidebar link is no unload: the edit waits in the session, and the sidebar says so.
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Facilitator", exact=True).click()  # signed in: fold the panel again
    act(page, sidebar.get_by_role("link", name="Strategiekaart", exact=True).click)
    back = sidebar.get_by_role("link", name="Gegevens · niet bewaard", exact=True)
    expect(back).to_be_visible()
    scroll, shown = sidebar_scroll(page)
    assert scroll <= shown, f"the sidebar scrolls: {scroll} px of content in {shown} px"
    page.mouse.move(0, 0)
    screenshot(page, "sidebar-unsaved-edits")
    act(page, back.click)

    # Back: the editor is open, the change is in its cell, the notice and the summary say so.
    editor = page.get_by_test_id("stDataFrame").last
    expect(editor.get_by_test_id(f"glide-cell-{MARKET_NOW}-0")).to_have_text("1.5")
    expect(page.get_by_text("Je hebt nog niet-bewaarde wijzigingen")).to_be_visible()
    expect(page.locator(".st-key-unsaved_edits")).to_contain_text(E1_EDIT)
    page.locator(".st-key-unsaved_edits").scroll_into_view_if_needed()
    screenshot(page, "data-edits-kept")
    assert dialogs == []

    # Closing or reloading the tab would lose the edit: the browser asks first.
    page.reload()
    assert dialogs == ["beforeunload"]
    assert exceptions(page) == []


def test_without_edits_a_reload_asks_nothing(server: StreamlitServer, page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    open_app(page, server.url + "/Gegevens")
    sign_in(page)
    act(page, page.get_by_text("Bewerken in de app", exact=True).click)
    page.get_by_test_id("stDataFrame").last.click()  # the tab has been used: it could ask
    page.reload()
    assert dialogs == []
