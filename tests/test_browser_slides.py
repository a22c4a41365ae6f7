"""Issue 18, items 10 and 11 in a real browser: a slide downloaded from the overview carries
its key (every service's code and name under its werkdomein, the counts, the what-ifs as
old → new), and its PDF is a 16:9 page.

The what-if comes in through the link, as a colleague's link would bring it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from browser import (  # noqa: F401 - server_fixture and browser_fixture are fixtures
    ROOT,
    SCREENSHOTS,
    StreamlitServer,
    browser_fixture,
    download,
    exceptions,
    new_context,
    open_app,
    server_fixture,
)
from playwright.sync_api import Browser, Page

from igemo_data import load_services

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser)
    opened = context.new_page()
    yield opened
    context.close()


def test_the_overview_slide_carries_its_key(server: StreamlitServer, page: Page) -> None:
    # Mobiliteit (o6) has market 1 now; the link sets it to 1,8.
    open_app(page, f"{server.url}/?whatif=ruimte-o6:m1.8")
    svg = download(page, "Grafiek (SVG)").decode("utf-8")
    texts = set(re.findall(r">([^<>]+)</text>", svg))

    assert "Diensten op de kaart" in texts
    for domain in ("Ruimte", "Mens", "Bestuur"):
        assert any(text.startswith(domain) for text in texts), domain
    services = load_services(ROOT / "data" / "services.csv")
    for code, name in zip(services["code"], services["name"], strict=True):
        assert code in texts and html.escape(name, quote=False) in texts, (code, name)
    # v1 and v2 twice: both names are on the slide.
    assert {"Cultuur", "Gemeentelijke veiligheid", "Sport", "Nood- en rampenplanning"} <= texts
    assert "Aantal per kwadrant (39 diensten)" in texts
    counts = [t for t in texts if re.fullmatch(r"(Vermeerder|Creëer|Verminder|Elimineer): \d+", t)]
    assert len(counts) == 4 and sum(int(c.split(": ")[1]) for c in counts) == 39
    assert "o6 Mobiliteit: marktpositie 1 → 1,8" in texts

    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "slide-key.png").write_bytes(download(page, "Grafiek (PNG)"))
    pdf = download(page, "Grafiek (PDF)")
    (box,) = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert float(box[0]) / float(box[1]) == pytest.approx(16 / 9, rel=1e-3)
    assert exceptions(page) == []
