"""The workshop in a real browser: Debian's Chromium against `streamlit run app.py`.

What a facilitator does on the projector, step by step: open a page from a link, press the
arrow keys on the horizon slider, click a service and move its what-if slider, send the link
to a colleague, switch pages. Expected quadrants are derived here from data/services.csv with
design §3's rule, never read back from the app; the app's answer is read from the aria-label
of each service's point mark. Screenshots of every page land in screenshots/ for review.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import (
    PROJECTOR,
    ROOT,
    SCREENSHOTS,
    ServerOutputOnFailure,
    StreamlitServer,
    act,
    download,
    exceptions,
    launch_chromium,
    new_context,
    open_app,
    overflowing_charts,
    press_slider,
    require_chromium,
    screenshot,
    script_runs,
    slider_text,
    wait_for_point_labels,
)
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

pytestmark = pytest.mark.browser

SERVICES_CSV = ROOT / "data" / "services.csv"
TOLERANCE = 1e-9  # design §3: on the cut is strong, floating-point noise included

# Design §3's table and the Dutch words on screen, written out by hand.
QUADRANT_WORD = {
    (True, True): "Vermeerder",
    (False, True): "Creëer",
    (True, False): "Verminder",
    (False, False): "Elimineer",
}
DOMAIN_WORD = {"RUIMTE": "Ruimte", "MENS": "Mens", "BESTUUR": "Bestuur"}


@dataclass(frozen=True)
class AppPage:
    file: str  # as Streamlit's automatic multipage folder knows it
    path: str  # the URL path Streamlit derives from the file name
    title: str  # the page's h1
    shot: str  # screenshots/<shot>.png
    domain: str | None = None
    chart: bool = False


PAGES = (
    AppPage("app.py", "/", "Strategiekaart", "overview", chart=True),
    AppPage("pages/1_Ruimte.py", "/Ruimte", "Werkdomein Ruimte", "ruimte", "RUIMTE", True),
    AppPage("pages/2_Mens.py", "/Mens", "Werkdomein Mens", "mens", "MENS", True),
    AppPage("pages/3_Bestuur.py", "/Bestuur", "Werkdomein Bestuur", "bestuur", "BESTUUR", True),
    AppPage(
        "pages/4_Plan_versus_matrix.py",
        "/Plan_versus_matrix",
        "Plan versus matrix",
        "plan-versus-matrix",
    ),
    AppPage("pages/5_Scenarios.py", "/Scenarios", "Scenario's", "scenarios"),
    AppPage("pages/6_Het_plan.py", "/Het_plan", "Het plan", "het-plan"),
    AppPage("pages/7_Gegevens.py", "/Gegevens", "Gegevens", "gegevens"),
    AppPage(
        "pages/8_Edities_vergelijken.py",
        "/Edities_vergelijken",
        "Edities vergelijken",
        "edities-vergelijken",
    ),
    AppPage(
        "pages/9_Scenarios_vergelijken.py",
        "/Scenarios_vergelijken",
        "Scenario's vergelijken",
        "scenarios-vergelijken",
    ),
    AppPage(
        "pages/10_Strategiekaart_8_3.py",
        "/Strategiekaart_8_3",
        "Strategiekaart 8.3",
        "strategiekaart-8-3",
    ),
    AppPage("pages/12_Gevoeligheid.py", "/Gevoeligheid", "Gevoeligheid", "gevoeligheid-link"),
    AppPage("pages/11_Scoreronde.py", "/Scoreronde", "Scoreronde", "scoreronde"),
)
OVERVIEW = PAGES[0]


# --- The expected answer, from the data file ------------------------------------------------


def read_services() -> list[dict[str, str]]:
    with SERVICES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


SERVICES = read_services()


def expected_labels(
    horizon_percent: int = 0,
    *,
    market_cut: float = 1.5,
    need_cut: float = 1.5,
    domain: str | None = None,
    overrides: Mapping[str, Mapping[str, float]] | None = None,
) -> list[str]:
    """Every service's point label as design §3 places it, sorted."""
    t = horizon_percent / 100
    labels = []
    for row in SERVICES:
        if domain and row["domain"] != domain:
            continue
        market = (1 - t) * float(row["market_current"]) + t * float(row["market_potential"])
        need = (1 - t) * float(row["need_current"]) + t * float(row["need_future"])
        override = (overrides or {}).get(row["id"], {})
        market = override.get("market", market)
        need = override.get("need", need)
        word = QUADRANT_WORD[(market >= market_cut - TOLERANCE, need >= need_cut - TOLERANCE)]
        labels.append(f"{row['name']} ({row['code']}, {DOMAIN_WORD[row['domain']]}): {word}")
    return sorted(labels)


def label_of(service_id: str, labels: list[str]) -> str:
    row = next(r for r in SERVICES if r["id"] == service_id)
    prefix = f"{row['name']} ({row['code']}, {DOMAIN_WORD[row['domain']]}): "
    found = [label for label in labels if label.startswith(prefix)]
    assert len(found) == 1, f"{service_id}: {found}"
    return found[0]


def point(page: Page, service_id: str):
    """The point mark of one service on the quadrant chart."""
    row = next(r for r in SERVICES if r["id"] == service_id)
    prefix = f"{row['name']} ({row['code']}, {DOMAIN_WORD[row['domain']]}): "
    return page.locator(f'svg [aria-label^="{prefix}"]')


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


# --- Fixtures: one server and one browser per module, a fresh session per test --------------


@pytest.fixture(scope="module")
def reporter(request: pytest.FixtureRequest) -> Iterator[ServerOutputOnFailure]:
    require_chromium()
    for stale in SCREENSHOTS.glob("failed-*.png"):  # pictures of an earlier run's failures
        stale.unlink()
    with StreamlitServer() as server:
        plugin = ServerOutputOnFailure(server)
        request.config.pluginmanager.register(plugin, f"streamlit-server-{server.port}")
        try:
            yield plugin
        finally:
            request.config.pluginmanager.unregister(plugin)


@pytest.fixture(scope="module")
def server(reporter: ServerOutputOnFailure) -> StreamlitServer:
    return reporter.server


@pytest.fixture(scope="module")
def browser(server: StreamlitServer) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture
def script_errors(page: Page) -> list[str]:
    """Uncaught JavaScript errors of the page (a chart that fails to draw shows up here)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def page(
    context: BrowserContext, reporter: ServerOutputOnFailure, request: pytest.FixtureRequest
) -> Iterator[Page]:
    page = context.new_page()
    yield page
    if request.node.nodeid in reporter.failed and not page.is_closed():
        screenshot(page, f"failed-{request.node.name}", full_page=True)


# --- The tests ----------------------------------------------------------------------------


def test_every_page_file_is_listed_here() -> None:
    """A page added to pages/ gets its browser check (and screenshot) the day it is added."""
    files = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert files == {p.file for p in PAGES if p.file != "app.py"}


@pytest.mark.parametrize("app_page", PAGES, ids=[p.shot for p in PAGES])
def test_page_opens_from_a_direct_link(
    app_page: AppPage, server: StreamlitServer, page: Page, script_errors: list[str]
) -> None:
    # A fresh session that enters on this page: app.py never ran for it.
    open_app(page, server.url + app_page.path)
    assert urlsplit(page.url).path == app_page.path
    assert exceptions(page) == []
    assert script_errors == []
    expect(page.get_by_test_id("stMain").locator("h1")).to_have_text(app_page.title)
    assert page.title().startswith(app_page.title)
    if app_page.chart:
        expected = expected_labels(domain=app_page.domain)
        assert wait_for_point_labels(page, expected) == expected
    page.mouse.move(0, 0)
    screenshot(page, app_page.shot)
    screenshot(page, f"{app_page.shot}-full-page", full_page=True)
    # On the projector nothing may be clipped or drawn over the column beside it.
    assert overflowing_charts(page) == []


def test_horizon_arrow_keys_move_a_service_to_another_quadrant(
    server: StreamlitServer, page: Page
) -> None:
    # Ondernemerschap scores market 1 → 2 and need 1 → 2: both reach the cut 1.5 at 50 %.
    now, halfway = expected_labels(0), expected_labels(50)
    assert label_of("ruimte-e1", now) == "Ondernemerschap (e1, Ruimte): Elimineer"
    assert label_of("ruimte-e1", halfway) == "Ondernemerschap (e1, Ruimte): Vermeerder"

    open_app(page, server.url + "/")
    assert wait_for_point_labels(page, now) == now
    press_slider(page, "Tijdshorizon", "ArrowRight", 10)

    assert slider_text(page, "Tijdshorizon") == "50 %"
    assert query_of(page.url).get("horizon") == "50"
    expect(point(page, "ruimte-e1")).to_have_attribute(
        "aria-label", "Ondernemerschap (e1, Ruimte): Vermeerder"
    )
    assert wait_for_point_labels(page, halfway) == halfway
    # A key press redraws what follows from the settings, and not the page around it (its
    # toggles, search, navigation, downloads). The live control comes before the chart: the
    # chart's params bind to its inputs (issue 17; the chart moved in the browser already).
    # The chart itself is the same message as before (every step is in it): Streamlit sends
    # only its hash, the browser keeps the drawn view.
    drawn = script_runs(page).drawn
    assert drawn.count("bidi_component") == 1 and drawn.count("cached") == 1
    assert drawn.index("bidi_component") < drawn.index("cached")
    assert "vega_lite_chart" not in drawn and "slider" not in drawn
    assert not {"page_link", "download_button", "checkbox", "text_input"} & set(drawn)
    # The downloads, drawn once before the key presses, hold what the screen shows now.
    table = download(page, "Tabel (CSV)").decode("utf-8-sig")
    rows = csv.DictReader(table.splitlines(), delimiter=";")  # Dutch: `;` (issue 18, item 12)
    quadrants = {row["id"]: row["Kwadrant"] for row in rows}
    assert quadrants == {
        row["id"]: label_of(row["id"], halfway).rsplit(": ", 1)[1] for row in SERVICES
    }
    assert exceptions(page) == []


def test_clicking_a_service_picks_it_and_its_what_if_moves_it(
    server: StreamlitServer, page: Page, browser: Browser
) -> None:
    # Ondernemerschap today: market 1, need 1 (Elimineer); its market at 1.5 makes it Verminder.
    after = expected_labels(overrides={"ruimte-e1": {"market": 1.5}})
    assert label_of("ruimte-e1", after) == "Ondernemerschap (e1, Ruimte): Verminder"

    open_app(page, server.url + "/")
    marker = point(page, "ruimte-e1")
    expect(marker).to_have_attribute("aria-label", "Ondernemerschap (e1, Ruimte): Elimineer")
    act(page, marker.click)

    picker = page.get_by_test_id("stSelectbox").filter(has_text="Kies een dienst")
    expect(picker.get_by_role("combobox")).to_have_value("e1 · Ondernemerschap (Ruimte)")
    assert slider_text(page, "Marktpositie") == "1"  # Dutch: as the nl-BE browser writes it
    press_slider(page, "Marktpositie", "ArrowRight", 10)

    assert slider_text(page, "Marktpositie") == "1,5"
    expect(marker).to_have_attribute("aria-label", "Ondernemerschap (e1, Ruimte): Verminder")
    assert wait_for_point_labels(page, after) == after
    assert exceptions(page) == []
    page.mouse.move(0, 0)
    # What the facilitator sees while moving the slider, and the map itself.
    screenshot(page, "overview-what-if-slider")
    page.get_by_test_id("stMain").evaluate("main => main.scrollTo(0, 0)")
    screenshot(page, "overview-what-if")
    screenshot(page, "overview-what-if-full-page", full_page=True)

    # The link carries the what-if too.
    colleague = new_context(browser)
    try:
        other = colleague.new_page()
        open_app(other, page.url)
        assert exceptions(other) == []
        assert wait_for_point_labels(other, after) == after
    finally:
        colleague.close()


def test_a_copied_link_shows_the_same_screen_in_a_new_browser(
    server: StreamlitServer, page: Page, browser: Browser
) -> None:
    settings = {"horizon_percent": 40, "market_cut": 1.4}
    expected = expected_labels(**settings)
    assert expected != expected_labels(), "the settings must change the picture"

    open_app(page, server.url + "/")
    press_slider(page, "Tijdshorizon", "ArrowRight", 8)
    press_slider(page, "Grens marktpositie", "ArrowLeft", 2)
    shown = {
        label: slider_text(page, label)
        for label in ("Tijdshorizon", "Grens marktpositie", "Grens behoefte")
    }
    assert shown == {"Tijdshorizon": "40 %", "Grens marktpositie": "1,4", "Grens behoefte": "1,5"}
    assert wait_for_point_labels(page, expected) == expected
    link = page.url

    colleague = new_context(browser)
    try:
        other = colleague.new_page()
        open_app(other, link)
        assert exceptions(other) == []
        assert {label: slider_text(other, label) for label in shown} == shown
        assert wait_for_point_labels(other, expected) == expected
    finally:
        colleague.close()


def test_sidebar_links_keep_the_settings(server: StreamlitServer, page: Page) -> None:
    open_app(page, server.url + "/")
    press_slider(page, "Tijdshorizon", "ArrowRight", 10)
    press_slider(page, "Grens marktpositie", "ArrowLeft", 1)
    sidebar = page.get_by_test_id("stSidebar")

    act(page, sidebar.get_by_role("link", name="Werkdomein Ruimte", exact=True).click)
    assert urlsplit(page.url).path == "/Ruimte"
    expect(page.get_by_test_id("stMain").locator("h1")).to_have_text("Werkdomein Ruimte")
    assert slider_text(page, "Tijdshorizon") == "50 %"
    assert slider_text(page, "Grens marktpositie") == "1,45"
    assert query_of(page.url).get("horizon") == "50"
    expected = expected_labels(50, market_cut=1.45, domain="RUIMTE")
    assert wait_for_point_labels(page, expected) == expected

    act(page, sidebar.get_by_role("link", name="Strategiekaart", exact=True).click)
    assert urlsplit(page.url).path == "/"
    assert slider_text(page, "Tijdshorizon") == "50 %"
    assert slider_text(page, "Grens marktpositie") == "1,45"
    expected = expected_labels(50, market_cut=1.45)
    assert wait_for_point_labels(page, expected) == expected
    assert exceptions(page) == []


def test_arrows_show_the_change_from_now_to_the_future(server: StreamlitServer, page: Page) -> None:
    open_app(page, server.url + "/")
    act(page, page.get_by_text("Toon evolutie nu → toekomst").click)
    assert query_of(page.url).get("arrows") == "1"
    expect(
        page.get_by_text("Pijlen gaan van de huidige naar de toekomstige plaats")
    ).to_be_visible()
    assert exceptions(page) == []
    # The arrows come on top of the markers, they replace none.
    assert wait_for_point_labels(page, expected_labels()) == expected_labels()
    page.mouse.move(0, 0)
    screenshot(page, "overview-arrows")
    assert (SCREENSHOTS / "overview-arrows.png").stat().st_size > 0


def test_presentation_steps_through_the_domains_with_the_arrow_keys(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, server.url + "/?present=1&horizon=40")
    title = page.get_by_test_id("stMain").locator("h1")
    expect(title).to_contain_text("Alle werkdomeinen")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    assert wait_for_point_labels(page, expected_labels(40)) == expected_labels(40)
    # The chart fills the projector's width: its plot and axes, not a thumbnail.
    chart = page.get_by_test_id("stVegaLiteChart").first.bounding_box()
    assert chart is not None and chart["width"] >= 0.85 * PROJECTOR["width"], chart
    page.mouse.move(0, 0)
    screenshot(page, "presentation")

    # The arrow keys step whole portfolio → Ruimte → Mens → Bestuur, and back round.
    steps = [("ArrowRight", "Ruimte", "RUIMTE"), ("ArrowRight", "Mens", "MENS")]
    steps += [("ArrowLeft", "Ruimte", "RUIMTE"), ("ArrowLeft", "Alle werkdomeinen", None)]
    steps += [("ArrowLeft", "Bestuur", "BESTUUR")]
    for key, heading, domain in steps:
        act(page, lambda key=key: page.keyboard.press(key))
        expect(title).to_contain_text(heading)
        wanted = expected_labels(40, domain=domain)
        assert wait_for_point_labels(page, wanted) == wanted, (key, heading)
    screenshot(page, "presentation-bestuur")
    assert exceptions(page) == []


def test_plan_versus_matrix_shows_every_row_without_an_inner_scrollbar(
    server: StreamlitServer, page: Page
) -> None:
    """One table-height rule (ui.compat.table_height) with the row height it assumes."""
    open_app(page, server.url + "/Plan_versus_matrix")
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    scroller = table.locator(".dvn-scroller")
    expect(scroller).to_be_visible()
    heights = scroller.evaluate("s => [s.scrollHeight, s.clientHeight]")
    assert heights[0] <= heights[1], heights


# --- Issue 18, items 1 and 7: arrows that mean one thing at every horizon -----------------------

ARROW_KEY = {
    "filled": "de dienst op {percent} % (gekozen horizon)",
    "tail": "waar hij nu staat (0 %)",
    "hollow": "waar hij op 100 % staat (wit)",
    "arrow": "van nu naar 100 %; dik oranje: ander kwadrant",
}


def chart_texts(page: Page) -> list[str]:
    """Every word drawn inside the first chart's SVG."""
    chart = page.get_by_test_id("stVegaLiteChart").first
    return [text.strip() for text in chart.locator("svg text").all_text_contents()]


def wait_for_chart_text(page: Page, wanted: str, timeout: float = 15.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while True:
        texts = chart_texts(page)
        if wanted in texts or time.monotonic() > deadline:
            return texts
        page.wait_for_timeout(100)


@pytest.mark.parametrize(
    ("percent", "kinds"),
    [
        (0, ("filled", "hollow", "arrow")),
        (50, ("filled", "tail", "hollow", "arrow")),
        (100, ("filled", "tail", "arrow")),
    ],
)
def test_arrows_key_says_what_each_mark_means_at_every_horizon(
    server: StreamlitServer, page: Page, percent: int, kinds: tuple[str, ...]
) -> None:
    open_app(page, f"{server.url}/?arrows=1&horizon={percent}")
    # Each service's filled marker once: the arrows add hollow places and tail dots, no copy.
    assert wait_for_point_labels(page, expected_labels(percent)) == expected_labels(percent)
    filled = ARROW_KEY["filled"].format(percent=percent)
    texts = wait_for_chart_text(page, filled)
    for kind in kinds:
        assert ARROW_KEY[kind].format(percent=percent) in texts, (kind, texts)
    for kind in set(ARROW_KEY) - set(kinds):
        assert ARROW_KEY[kind] not in texts, kind
    # The key is on screen with the chart at 1920×1080, not below the fold, and clear of the
    # axis title.
    chart = page.get_by_test_id("stVegaLiteChart").first
    axis = chart.locator("svg text", has_text="Marktpositie").bounding_box()
    assert axis is not None
    for kind in kinds:
        words = ARROW_KEY[kind].format(percent=percent)
        box = chart.locator("svg text", has_text=words).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PROJECTOR["height"], (kind, box)
        assert box["y"] >= axis["y"] + axis["height"] or (
            box["x"] >= axis["x"] + axis["width"] or box["x"] + box["width"] <= axis["x"]
        ), (kind, box, axis)
    assert exceptions(page) == []
    page.mouse.move(0, 0)
    screenshot(page, f"overview-arrows-{percent}")


def test_only_what_moves_on_the_overview_and_a_domain_page(
    server: StreamlitServer, page: Page
) -> None:
    open_app(page, f"{server.url}/?arrows=1&horizon=50")
    act(page, page.get_by_text("Alleen wat verschuift").click)
    assert query_of(page.url).get("only_moves") == "1"
    assert wait_for_point_labels(page, expected_labels(50)) == expected_labels(50)
    assert exceptions(page) == []
    page.mouse.move(0, 0)
    screenshot(page, "overview-arrows-only-moves")
    # The domain page keeps the arrows, the choice and the list of shifts.
    open_app(page, f"{server.url}/Ruimte?arrows=1&only_moves=1&horizon=100")
    expect(page.get_by_text("Alleen wat verschuift")).to_be_visible()
    expect(page.get_by_role("heading", name="Verschuivingen")).to_be_visible()
    wanted = expected_labels(100, domain="RUIMTE")
    assert wait_for_point_labels(page, wanted) == wanted
    assert ARROW_KEY["filled"].format(percent=100) in wait_for_chart_text(
        page, ARROW_KEY["filled"].format(percent=100)
    )
    assert exceptions(page) == []
    page.mouse.move(0, 0)
    screenshot(page, "domain-arrows")
