"""Het verslag: the minutes as Word and PDF, read back with python-docx and pypdf.

Every decision in force (decision, rationale, owner, due date), the superseded ones, the
settings in words, the counts, the moves, the disagreement list where a round was held and
the four maps must be in both files as real text and real images; user text is printed as
typed, never read as markup. The PDF's first page is rendered (pypdfium2) for a look.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from pypdf import PdfReader

from igemo_data import classify
from igemo_data.charts.minutes_images import minutes_pictures
from igemo_data.decisions import Context, Decision
from igemo_data.minutes.content import minutes
from igemo_data.minutes.pdf import pdf_bytes
from igemo_data.minutes.word import A4_WIDTH_CM, MARGIN_CM, docx_bytes
from igemo_data.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = Settings(horizon=0.5, market_cut=1.4, overrides={"ruimte-o6": {"market": 1.9}})
HOSTILE = "<b>niet vet</b> & <br/> **ook niet** =1+1"
ON = date(2026, 11, 30)


def _entry(number: int, sid: str, code: str, name: str, decision: str, rationale: str, owner: str,
           due: date | None) -> Decision:  # fmt: skip
    context = Context("plan-2019-2024", "Plan 2019–2024", SETTINGS, "creeer", "Workshop mei")
    when = datetime(2026, 11, 30, 9, number, tzinfo=UTC)
    return Decision(number, sid, code, name, decision, rationale, owner, due, when, context)


LOG = [
    _entry(1, "ruimte-o6", "o6", "Mobiliteit", "wait", "Eerst de cijfers", "An", None),
    _entry(2, "mens-s4", "s4", "Kinderopvang", "phase_out", HOSTILE, "Bo <team>", date(2027, 6, 30)),
    _entry(3, "ruimte-o6", "o6", "Mobiliteit", "invest", "Regionaal\nmobiliteitsplan", "Cas",
           date(2027, 1, 15)),
]  # fmt: skip
IN_FORCE = [LOG[2], LOG[1]]
DISAGREEMENT = pd.DataFrame({"id": ["bestuur-w9", "ruimte-e1"], "disagreement": [0.6, 0.25]})


@pytest.fixture(scope="module")
def pictures(services: pd.DataFrame):
    return minutes_pictures(
        classify(services, horizon=0.5, market_cut=1.4, overrides=SETTINGS.overrides),
        SETTINGS,
        lang="nl",
        scenario_name="Workshop mei",
        on=ON,
    )


def _minutes(services: pd.DataFrame, pictures, *, lang: str = "nl", disagreement=DISAGREEMENT):
    table = classify(services, horizon=0.5, market_cut=1.4, overrides=SETTINGS.overrides)
    return minutes(
        lang=lang,
        on=ON,
        edition_name="Plan 2019–2024",
        scenario_name="Workshop mei",
        settings=SETTINGS,
        services=services,
        baseline=classify(services),
        table=table,
        log=LOG,
        pictures=pictures,
        disagreement=disagreement,
    )


@pytest.fixture(scope="module")
def docx_text(services, pictures) -> tuple[str, Document]:
    document = Document(io.BytesIO(docx_bytes(_minutes(services, pictures))))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts), document


@pytest.fixture(scope="module")
def pdf(services, pictures) -> bytes:
    return pdf_bytes(_minutes(services, pictures))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _must_say(text: str) -> list[str]:
    return [
        "Verslag van de strategieworkshop",
        "30-11-2026",
        "Plan 2019–2024",
        "Workshop mei",
        "tijdshorizon 50 %",
        "marktpositie vanaf 1,40 en in behoefte vanaf 1,50",
        "Mobiliteit: marktpositie 1,90",
        "Diensten per kwadrant",
        "Verschuivingen tegenover het plan",
        "Investeren",
        "Afbouwen",
        "Regionaal",
        "mobiliteitsplan",
        "Cas",
        "15-01-2027",
        HOSTILE,
        "Bo <team>",
        "30-06-2027",
        "Eerder beslist en vervangen:",
        "Afwachten",
        "Waar de deelnemers het oneens waren",
        "GIS, ICT en e-government",
        "60 %",
    ]


def test_the_word_minutes_hold_every_decision_the_settings_and_four_maps(docx_text) -> None:
    text, document = docx_text
    flat = _flat(text)
    missing = [words for words in _must_say(text) if _flat(words) not in flat]
    assert missing == []
    # The decision in force per service, once each; the superseded one only under "earlier".
    decisions_table = next(t for t in document.tables if t.rows[0].cells[2].text == "Beslissing")
    rows = [[cell.text for cell in row.cells] for row in decisions_table.rows[1:]]
    assert [(r[0], r[2], r[4], r[5]) for r in rows] == [
        ("o6", "Investeren", "Cas", "15-01-2027"),
        ("s4", "Afbouwen", "Bo <team>", "30-06-2027"),
    ]
    assert rows[1][3] == HOSTILE
    assert [p.style.name for p in document.paragraphs if p.text == "De kaarten"] == ["Heading 1"]
    shapes = document.inline_shapes
    assert len(shapes) == 4
    text_width = (A4_WIDTH_CM - 2 * MARGIN_CM) / 2.54 * 914400
    for shape in shapes:
        assert shape.width == pytest.approx(text_width, rel=0.01)
        assert shape.height / shape.width == pytest.approx(9 / 16, rel=0.01)


def test_the_maps_are_sharp_at_a4(pictures) -> None:
    # At the text width of A4 (17 cm) a 3840-pixel-wide picture is ~570 dpi: print needs 300.
    assert [p.title for p in pictures] == [
        "Alle werkdomeinen",
        "Werkdomein Ruimte",
        "Werkdomein Mens",
        "Werkdomein Bestuur",
    ]
    for picture in pictures:
        assert picture.png.startswith(b"\x89PNG") and picture.width == 3840
        assert picture.width / ((A4_WIDTH_CM - 2 * MARGIN_CM) / 2.54) > 300


def test_the_pdf_minutes_are_real_text_with_every_decision_and_the_maps(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = _flat(text)
    missing = [words for words in _must_say(text) if _flat(words) not in flat]
    assert missing == []
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4 portrait
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 4
    assert all(image.image.size == (3840, 2160) for image in images)
    assert "Pagina 1" in reader.pages[0].extract_text()
    assert reader.metadata.title == "Verslag van de strategieworkshop"


def test_without_a_round_there_is_no_disagreement_list_and_english_reads_english(
    services, pictures
) -> None:
    document = Document(
        io.BytesIO(docx_bytes(_minutes(services, [], lang="en", disagreement=None)))
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Minutes of the strategy workshop" in text
    assert "time horizon 50 %" in text and "from 1.40" in text
    assert "Where the participants disagreed" not in text
    assert "oneens" not in text and len(document.inline_shapes) == 0


def test_the_first_page_of_the_pdf_as_an_image(pdf: bytes) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(pdf)
    image = document[0].render(scale=150 / 72).to_pil()
    document.close()
    folder = ROOT / "screenshots"
    folder.mkdir(exist_ok=True)
    image.save(folder / "minutes-first-page.png")
    width, height = image.size  # A4 at 150 dpi: 1240 × 1754, give or take a rounding
    assert abs(width - 1240) <= 1 and abs(height - 1754) <= 1
    # Not blank: the title's ink and the overview map's colours are on it.
    dark = sum(image.convert("L").histogram()[:100])
    assert dark > 5000
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 200
