"""Board output: real PNG, SVG and PDF files of slide size, and tables that open safely."""

from __future__ import annotations

import csv
import io
import struct
from datetime import date

import pandas as pd
import pytest
import vl_convert
from openpyxl import load_workbook

from igemo_data import classify, spreadsheet, workshop
from igemo_data.charts import export
from igemo_data.settings import Settings

ON = date(2026, 11, 26)


@pytest.fixture(scope="module")
def slide(services: pd.DataFrame) -> dict:
    table = classify(services, horizon=0.5, overrides={"ruimte-o6": {"market": 1.9}})
    return export.slide_spec(
        table,
        Settings(horizon=0.5, domains=("RUIMTE", "MENS")),
        lang="nl",
        scenario_name="Workshop <mei> & co",
        on=ON,
    )


def test_png_is_twice_a_full_hd_slide(slide: dict) -> None:
    data = export.png(slide)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (2 * 1920, 2 * 1080)


def test_svg_names_the_scenario_and_the_date(slide: dict) -> None:
    text = export.svg(slide)
    assert text.lstrip().startswith("<svg")
    assert "Workshop &lt;mei&gt; &amp; co" in text
    assert "26-11-2026" in text
    assert "Ruimte, Mens" in text
    # Every service's code is drawn on the slide.
    for code in ("e1", "o6", "w10", "v2"):
        assert f">{code}<" in text


EDITION = "Bewerking (29-11-2026 20:53)"


@pytest.mark.parametrize(
    ("scenario", "changed", "lang", "name"),
    [
        (None, False, "nl", EDITION),
        (None, True, "nl", f"{EDITION} (niet bewaard)"),
        ("Workshop mei", False, "nl", f"{EDITION} · scenario Workshop mei"),
        (
            "Workshop mei",
            True,
            "nl",
            f"{EDITION} · scenario Workshop mei (gewijzigd sinds het bewaren)",
        ),
        ("Workshop May", True, "en", f"{EDITION} · scenario Workshop May (changed since saved)"),
    ],
)
def test_a_slide_is_named_after_its_edition_and_scenario(
    scenario: str | None, changed: bool, lang: str, name: str
) -> None:
    """Issue 18, item 2: another edition's slide read "Plan 2019–2024 (niet bewaard)"."""
    assert export.slide_name(EDITION, scenario, changed=changed, lang=lang) == name


def test_the_plan_unchanged_is_just_the_plan() -> None:
    assert export.slide_name("Plan 2019–2024", None, changed=False, lang="nl") == "Plan 2019–2024"


def test_the_slide_title_names_the_edition_and_the_scenario(services: pd.DataFrame) -> None:
    name = export.slide_name(EDITION, "Workshop mei", changed=False, lang="nl")
    spec = export.slide_spec(classify(services), Settings(), lang="nl", scenario_name=name, on=ON)
    text = export.svg(spec)
    assert f"Strategiekaart — {EDITION} · scenario Workshop mei" in text
    assert "Plan 2019–2024" not in text


def test_pdf_is_a_pdf(slide: dict) -> None:
    data = export.pdf(slide)
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


def _needed_margins(spec: dict) -> dict[str, float]:
    """The room Vega's own "fit" layout would leave around the plot of a 1920×1080 slide."""
    fitted = {
        **spec,
        "width": export.SLIDE_WIDTH,
        "height": export.SLIDE_HEIGHT,
        "autosize": {"type": "fit", "contains": "padding"},
        "padding": 5,
    }
    scene = vl_convert.vegalite_to_scenegraph(fitted)
    left, top = scene["origin"]
    plot = scene["scenegraph"]["items"][0]
    return {
        "left": left,
        "top": top,
        "right": export.SLIDE_WIDTH - left - plot["width"],
        "bottom": export.SLIDE_HEIGHT - top - plot["height"],
    }


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("extra", ["none", "ghosts", "long name"])
def test_the_fixed_slide_margins_hold_everything_vega_would_fit(
    services: pd.DataFrame, lang: str, extra: str
) -> None:
    table = classify(services, horizon=1.0, overrides={"ruimte-o6": {"market": 1.0}})
    plain = classify(services, horizon=1.0)
    spec = export.slide_spec(
        table,
        Settings(horizon=1.0),
        lang=lang,
        scenario_name="W" * 120 if extra == "long name" else "Workshop",
        on=ON,
        ghosts=plain[plain["id"] == "ruimte-o6"] if extra == "ghosts" else None,
    )
    assert spec["autosize"] == {"type": "none"}
    assert spec["width"] + spec["padding"]["left"] + spec["padding"]["right"] == 1920
    assert spec["height"] + spec["padding"]["top"] + spec["padding"]["bottom"] == 1080
    needed = _needed_margins(spec)
    for side, room in export.SLIDE_MARGINS.items():
        assert needed[side] <= room, (side, needed)
    # And not much more than needed: the plot keeps the slide's space.
    assert needed["top"] >= export.SLIDE_MARGINS["top"] - 12
    assert needed["bottom"] >= export.SLIDE_MARGINS["bottom"] - 12


def test_a_repeated_export_is_served_from_the_cache(slide: dict) -> None:
    assert export.png(slide) is export.png(dict(slide))


def test_scenario_table_neutralises_formula_names(services: pd.DataFrame) -> None:
    hostile = services.copy()
    hostile.loc[0, "name"] = '=HYPERLINK("http://x","klik")'
    hostile.loc[1, "name"] = "@SUM(A1)"
    table = classify(hostile, overrides={"ruimte-e1": {"need": 2.0}})
    rows = workshop.scenario_table(table, {"ruimte-e1": {"need": 2.0}}, "nl")
    assert len(rows) == len(services)
    english = spreadsheet.csv_bytes(rows, lang="en").decode("utf-8-sig")
    reader = list(csv.reader(io.StringIO(english)))
    names = [row[4] for row in reader[1:]]
    assert names[0] == '\'=HYPERLINK("http://x","klik")' and names[1] == "'@SUM(A1)"
    assert reader[0][9] == "Aanpassing marktpositie" and reader[1][10] == "2.0"
    # Dutch (the default): `;` and decimal commas, the same text (issue 18, item 12).
    dutch = spreadsheet.csv_bytes(rows).decode("utf-8-sig")
    reader = list(csv.reader(io.StringIO(dutch), delimiter=";"))
    assert [row[4] for row in reader[1:]] == names
    assert reader[0][9] == "Aanpassing marktpositie" and reader[1][10] == "2,0"
    sheet = load_workbook(io.BytesIO(spreadsheet.xlsx_bytes(rows))).active
    assert sheet.cell(2, 5).value == '=HYPERLINK("http://x","klik")'
    assert sheet.cell(2, 5).data_type == "s"
    assert sheet.cell(2, 14).value == "Creëer"


def test_comparison_pdf_is_one_page(services: pd.DataFrame) -> None:
    first = classify(services)
    second = classify(services, horizon=1.0)
    moves = workshop.shifts(first, second)
    data = export.comparison_pdf(
        first,
        second,
        moves,
        settings=(Settings(), Settings(horizon=1.0)),
        names=("Plan", "Toekomst"),
        lang="nl",
        on=ON,
    )
    assert data.startswith(b"%PDF-")
    assert b"/Count 1" in data  # one page


def test_moves_table_reads_from_to_with_scores(services: pd.DataFrame) -> None:
    moves = workshop.shifts(classify(services), classify(services, horizon=1.0))
    shown = workshop.moves_table(moves, "nl").set_index("Code")
    assert shown.loc["e1", "Van"] == "Elimineer" and shown.loc["e1", "Naar"] == "Vermeerder"
    assert shown.loc["e1", "Marktpositie"] == "1 → 2"
    assert shown.loc["o6", "Behoefte"] == "2"  # Mobiliteit's need does not change
