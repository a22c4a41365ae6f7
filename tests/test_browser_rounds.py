"""A scoring round in real Chromium: one facilitator on the projector, three phones.

The phones (390×844, touch) answer through the participant view; the facilitator's live
counts follow without a key press; the reveal draws the room's matrix and "Waar het bestuur
het oneens is", and both change when a participant changes an answer.
"""

from __future__ import annotations

import re
import shutil
import time

import pytest
from browser import (  # noqa: F401 - browser_fixture and server_fixture are fixtures
    PROJECTOR,
    ROOT,
    act,
    browser_fixture,
    exceptions,
    new_context,
    open_app,
    screenshot,
    script_runs,
    server_fixture,
    slider_thumb,
    wait_until_idle,
)
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
CODE = re.compile(r"/\?ronde=([A-Z0-9]{8})")


def _phone(browser: Browser, url: str) -> Page:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-BE")
    context.set_default_timeout(30_000)
    page = context.new_page()
    open_app(page, url)
    return page


def _score(page: Page, label: str, key: str) -> None:
    act(page, lambda: slider_thumb(page, label).press(key))


def _answer(page: Page, keys: tuple[str, ...]) -> None:
    """The card on screen: each of the four scores by a key on its thumb (End = 2,0; "low": →
    from "weet niet", where a fresh card starts, = 1,0)."""
    labels = ("Huidige marktpositie", "Potentiële marktpositie", "Huidige behoefte",
              "Toekomstige behoefte")  # fmt: skip
    for label, key in zip(labels, keys, strict=True):
        _score(page, label, "ArrowRight" if key == "low" else key)


def _next(page: Page) -> None:
    act(page, lambda: page.get_by_role("button", name="Volgende").click())


def _points(page: Page) -> list[str]:
    labels = page.locator("[data-testid=stMain] svg [aria-label]").evaluate_all(
        "marks => marks.map(mark => mark.getAttribute('aria-label'))"
    )
    return [label for label in labels if re.search(r"\([a-z]+\d+, [^()]+\): ", label)]


def _wait_for(page: Page, check, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while True:
        got = check()
        if got or time.monotonic() > deadline:
            return got
        page.wait_for_timeout(150)


def test_a_round_with_three_phones(browser: Browser, server) -> None:
    facilitator = new_context(browser).new_page()
    open_app(facilitator, f"{server.url}/Scoreronde")
    facilitator.get_by_label("Titel van de ronde").fill("Najaar 2026")
    facilitator.get_by_test_id("stRadio").get_by_text(
        "Ruimte", exact=True
    ).click()  # one werkdomein: 14 services
    act(facilitator, lambda: facilitator.get_by_role("button", name="Ronde openen").click())
    assert exceptions(facilitator) == []
    found = CODE.search(facilitator.get_by_test_id("stMain").inner_text())
    assert found, "the short link is on the screen"
    code = found.group(1)
    qr = facilitator.get_by_role("img", name="QR-code met de link naar de scoreronde")
    assert qr.bounding_box()["width"] >= 380  # scannable from the back of the room

    phones = [_phone(browser, f"{server.url}/?ronde={code}") for _ in range(3)]
    for phone in phones:
        assert phone.get_by_test_id("stSidebar").count() == 0
        expect(phone.get_by_text("0 van 14 gescoord")).to_be_visible()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], "nothing sticks out sideways on the phone"
    # e1: two phones see it strong on both axes, the third weak: divided. e2: all three weak.
    _answer(phones[0], ("End",) * 4)
    _answer(phones[1], ("End",) * 4)
    _answer(phones[2], ("low",) * 4)
    for phone in phones:
        _next(phone)
        _answer(phone, ("low",) * 4)
    expect(phones[0].get_by_text("2 van 14 gescoord")).to_be_visible()
    phones[0].get_by_test_id("stMain").evaluate("main => main.scrollTo(0, 0)")
    phones[0].evaluate("window.scrollTo(0, 0)")
    screenshot(phones[0], "round_phone")
    # A phone that closed the page comes back to its own answers (its token stays in the
    # browser, never in the link).
    context = phones[0].context
    phones[0].close()
    phones[0] = context.new_page()
    open_app(phones[0], f"{server.url}/?ronde={code}")
    expect(phones[0].get_by_text("2 van 14 gescoord")).to_be_visible()
    assert code in phones[0].url and "token" not in phones[0].url

    # The live counts follow by themselves (no key press on the facilitator's screen).
    metric = facilitator.get_by_test_id("stMetric").filter(has_text="Deelnemers")
    assert _wait_for(facilitator, lambda: "3" in metric.inner_text().split("\n")[-1])
    assert exceptions(facilitator) == []

    act(facilitator, lambda: facilitator.get_by_role("button", name="Onthullen").click())
    points = _wait_for(facilitator, lambda: [p for p in _points(facilitator) if "(e1," in p])
    assert points and points[0].endswith("Vermeerder · verdeeld")
    assert any("(e2," in p and p.endswith(": Elimineer") for p in _points(facilitator))
    listed = facilitator.locator(".st-key-round_list").get_by_test_id("stRadio")
    text = listed.inner_text()
    assert text.startswith("e1 ") and "verdeeld: 2 van 3 zien" in text
    assert "2 van 3 zien Vermeerder, 1 Elimineer" in text

    # A participant changes their mind about e2: after the next key press the room's chart and
    # the list show e2 divided too.
    _answer(phones[2], ("End",) * 4)
    act(facilitator, lambda: slider_thumb(facilitator, "Tijdshorizon").press("ArrowRight"))
    assert _wait_for(
        facilitator,
        lambda: any("(e2," in p and p.endswith("· verdeeld") for p in _points(facilitator)),
    )
    wait_until_idle(facilitator)
    text = listed.inner_text()
    assert "2 van 3 zien Elimineer, 1 Vermeerder" in text
    # Clicking a service shows its answers as dots, anonymous.
    act(facilitator, lambda: listed.get_by_text("e2 ", exact=False).first.click())
    dots = facilitator.locator("svg [aria-label*='deelnemer']").count()
    assert dots == 12  # three raters × four scores
    assert exceptions(facilitator) == [] and all(exceptions(p) == [] for p in phones)
    facilitator.set_viewport_size(PROJECTOR)
    facilitator.get_by_test_id("stMain").evaluate("main => main.scrollTo(0, 0)")
    shot = screenshot(facilitator, "round_reveal")
    shutil.copyfile(shot, ROOT / "docs" / "round.png")
    assert script_runs(facilitator).finished > 0
    expect(facilitator.get_by_text("Waar het bestuur het oneens is", exact=True)).to_be_visible()
