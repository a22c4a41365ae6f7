"""Board output: real PNG, SVG and PDF files of slide size, and tables that open safely."""

from __future__ import annotations

import csv
import html
import io
import re
import struct
from datetime import date

import pandas as pd
import pytest
import vl_convert
from openpyxl import load_workbook

from igemo_data import charts, classify, spreadsheet, workshop
from igemo_data.charts import export, slide_key
from igemo_data.charts.text_metrics import text_width
from igemo_data.charts.theme import DOMAIN_SHAPES
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
    """The room Vega's own "fit" layout would leave around the plot of a 1920×1080 slide,
    the key's column taken off: the chart alone, fitted into what the key leaves it."""
    fitted = {
        **spec,
        "layer": [layer for layer in spec["layer"] if not _is_key(layer)],
        # The title runs over the key's column too (the key starts under it, at the plot's top).
        "title": {**spec["title"], "limit": spec["title"]["limit"] - export.KEY_COLUMN},
        "width": export.SLIDE_WIDTH - export.KEY_COLUMN,
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
        "right": export.SLIDE_WIDTH - export.KEY_COLUMN - left - plot["width"],
        "bottom": export.SLIDE_HEIGHT - top - plot["height"],
    }


def _is_key(layer: dict) -> bool:
    return str(layer.get("name", "")).startswith("slide_key")


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
    assert any(_is_key(layer) for layer in spec["layer"])
    assert {
        **export.CHART_MARGINS,
        "right": export.CHART_MARGINS["right"] + export.KEY_COLUMN,
    } == export.SLIDE_MARGINS
    needed = _needed_margins(spec)
    for side, room in export.CHART_MARGINS.items():
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


# --- Issue 18, items 10 and 11: every slide's key, the 16:9 comparison page -------------------

WHAT_IFS = {"ruimte-o6": {"market": 1.8}, "bestuur-v1": {"market": 2.0, "need": 1.2}}


@pytest.fixture(scope="module")
def keyed(services: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Every werkdomein at 50 %, two what-ifs (one on a code that exists twice)."""
    settings = Settings(horizon=0.5, overrides=WHAT_IFS)
    table = classify(services, horizon=0.5, overrides=WHAT_IFS)
    spec = export.slide_spec(table, settings, lang="nl", scenario_name="Workshop", on=ON)
    return table, spec


def _key_texts(spec: dict) -> list[dict]:
    """The key's texts with their mark: x, y (px from the plot's top-left), text, size, limit."""
    return [
        {**row, "fontSize": layer["mark"]["fontSize"], "limit": layer["mark"].get("limit", 0)}
        for layer in spec["layer"]
        if _is_key(layer) and layer["mark"]["type"] == "text"
        for row in layer["data"]["values"]
    ]


def test_the_key_names_every_service_under_its_werkdomein(keyed) -> None:
    """v1 and v2 exist in Mens and in Bestuur: the key says which is which, by name and domain."""
    table, spec = keyed
    texts = _key_texts(spec)
    by_place = {(round(r["x"]), round(r["y"])): r["text"] for r in texts}
    svg = export.svg(spec)
    assert ">Diensten op de kaart<" in svg
    for domain in ("Ruimte", "Mens", "Bestuur"):
        assert any(r["text"].startswith(domain) for r in texts), domain
    for row in table.itertuples():
        # The code, and on the same line to its right the name.
        codes = [r for r in texts if r["text"] == row.code]
        assert any(
            any(
                text == row.name and y == round(code["y"]) and 0 < x - code["x"] < 80
                for (x, y), text in by_place.items()
            )
            for code in codes
        ), row.code
        assert f">{html.escape(row.name, quote=False)}<" in svg
    # Each code's werkdomein: the heading above it in its column.
    for code, name, domain in (
        ("v1", "Cultuur", "Mens"),
        ("v1", "Gemeentelijke veiligheid", "Bestuur"),
    ):
        (line,) = [r for r in texts if r["text"] == name]
        headings = [
            r
            for r in texts
            if r["fontSize"] == slide_key.KEY_DOMAIN_SIZE
            and abs(r["x"] - (line["x"] - 30)) < 40
            and r["y"] < line["y"]
        ]
        assert max(headings, key=lambda r: r["y"])["text"].startswith(domain), (code, name)


def test_the_key_counts_add_up_to_the_services_shown(keyed, services: pd.DataFrame) -> None:
    table, spec = keyed
    counts = [
        r["text"]
        for r in _key_texts(spec)
        if re.fullmatch(r"\w+: \d+", r["text"].replace("ë", "e"))
    ]
    assert [c.split(":")[0] for c in counts] == ["Vermeerder", "Creëer", "Verminder", "Elimineer"]
    assert sum(int(c.split(": ")[1]) for c in counts) == len(table) == 39
    assert ">Aantal per kwadrant (39 diensten)<" in export.svg(spec)
    # Only Mens: the key counts what the slide shows, 13 services.
    mens = workshop.only_domains(table, ["MENS"])
    mens_settings = Settings(horizon=0.5, domains=("MENS",), overrides=WHAT_IFS)
    spec = export.slide_spec(mens, mens_settings, lang="nl", scenario_name="Mens", on=ON)
    texts = [r["text"] for r in _key_texts(spec)]
    assert "Aantal per kwadrant (13 diensten)" in texts
    assert "Gemeentelijke veiligheid" not in texts and "Mobiliteit" not in texts
    assert not any(text.startswith(("o6 ", "v1 Gemeentelijke")) for text in texts)


def test_the_key_gives_each_what_if_as_old_to_new(keyed) -> None:
    """Mobiliteit's market at 50 % is 1,5 (1 now, 2 potential); the what-if makes it 1,8."""
    _, spec = keyed
    svg = export.svg(spec)
    assert ">o6 Mobiliteit: marktpositie 1,5 → 1,8<" in svg
    assert ">v1 Gemeentelijke veiligheid: marktpositie 1 → 2; behoefte 1 → 1,2<" in svg
    english = export.slide_spec(
        keyed[0], Settings(horizon=0.5, overrides=WHAT_IFS), lang="en", scenario_name="W", on=ON
    )
    assert "o6 Mobiliteit: market position 1.5 → 1.8" in [r["text"] for r in _key_texts(english)]


def test_a_slide_without_what_ifs_says_so(services: pd.DataFrame) -> None:
    spec = export.slide_spec(classify(services), Settings(), lang="nl", scenario_name="P", on=ON)
    assert "geen: alle scores zoals in de gegevens" in [r["text"] for r in _key_texts(spec)]


def test_the_key_is_legible_and_stays_in_its_column(keyed) -> None:
    """16 px or more, right of the plot, inside the slide, no two lines on top of each other."""
    _, spec = keyed
    texts = _key_texts(spec)
    assert len(texts) > 2 * 39  # every code and name, the headings, counts and what-ifs
    sizes = [
        layer["mark"]["fontSize"]
        for layer in spec["layer"]
        if isinstance(layer.get("mark"), dict) and layer["mark"].get("type") == "text"
    ]
    assert min(sizes) >= 16
    boxes = []
    for r in texts:
        width = text_width(r["text"], r["fontSize"], bold=r.get("bold", False))
        width = min(width, r["limit"]) if r["limit"] else width
        box = (r["x"], r["y"] - r["fontSize"] / 2, r["x"] + width, r["y"] + r["fontSize"] / 2)
        assert box[0] >= export.PLOT_WIDTH + slide_key.KEY_GAP, r
        assert box[2] <= export.PLOT_WIDTH + export.SLIDE_MARGINS["right"] - 12, r
        assert box[1] >= 0 and box[3] < export.PLOT_HEIGHT + 86, r  # under the title
        boxes.append((box, r["text"]))
    for i, (a, first) in enumerate(boxes):
        for b, second in boxes[i + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (first, second)
    # Every name is whole: none needs more than its column's room.
    names = [r for r in texts if r["limit"] and r["fontSize"] == slide_key.KEY_FONT_SIZE]
    assert all(text_width(r["text"], r["fontSize"]) <= r["limit"] for r in names)


def test_a_large_portfolio_keeps_the_key_on_the_slide(services: pd.DataFrame) -> None:
    """300 services do not fit a key: it lists what fits and says how many more there are."""
    many = pd.concat([services] * 8, ignore_index=True)
    many["id"] = [f"{i}-{n}" for n, i in enumerate(many["id"])]
    spec = export.slide_spec(classify(many), Settings(), lang="nl", scenario_name="P", on=ON)
    texts = _key_texts(spec)
    assert any(r["text"].startswith("… en nog ") for r in texts)
    assert max(r["y"] for r in texts) < export.PLOT_HEIGHT + 86
    assert "Aantal per kwadrant (312 diensten)" in [r["text"] for r in texts]


def _page_ratio(data: bytes) -> float:
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s*\]", data)
    assert len(boxes) == 1, boxes
    x0, y0, x1, y1 = (float(v) for v in boxes[0])
    return (x1 - x0) / (y1 - y0)


def test_the_slide_pdf_is_16_by_9(slide: dict) -> None:
    assert _page_ratio(export.pdf(slide)) == pytest.approx(16 / 9, rel=1e-3)


@pytest.fixture(scope="module")
def comparison(services: pd.DataFrame) -> dict:
    first, second = Settings(), Settings(horizon=1.0, market_cut=1.3)
    tables = (classify(services), classify(services, horizon=1.0, market_cut=1.3))
    return {
        "args": (*tables, workshop.shifts(*tables)),
        "options": {
            "settings": (first, second),
            "names": ("Het plan", "Workshop mei"),
            "lang": "nl",
            "on": ON,
        },
    }


def test_the_comparison_page_is_16_by_9_and_states_each_side(comparison: dict) -> None:
    data = export.comparison_pdf(*comparison["args"], **comparison["options"])
    assert _page_ratio(data) == pytest.approx(16 / 9, rel=1e-3)
    svg = export.comparison_svg(*comparison["args"], **comparison["options"])
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"')
    for name, line in (
        ("Het plan", "tijdshorizon 0 % · grenzen 1,5 / 1,5"),
        ("Workshop mei", "tijdshorizon 100 % · grenzen 1,3 / 1,5"),
    ):
        assert f">{name}</text>" in svg and f">{line}</text>" in svg
    # One werkdomein legend for both sides.
    assert svg.count('aria-roledescription="legend"') == 1
    # Every move named by code and name (v1 exists twice).
    assert ">v1 Cultuur</text>" in svg


def test_the_comparison_legend_has_the_domains_shapes(comparison: dict) -> None:
    page = export.comparison_page(*comparison["args"], **comparison["options"])
    row = page["vconcat"][0]
    assert row["resolve"]["scale"] == {"color": "shared", "shape": "shared"}
    for half in row["hconcat"]:
        (solid,) = [layer for layer in half["layer"] if "shape" in layer.get("encoding", {})]
        scale = solid["encoding"]["shape"]["scale"]
        assert dict(zip(scale["domain"], scale["range"], strict=True)) == {
            "Ruimte": DOMAIN_SHAPES["RUIMTE"],
            "Mens": DOMAIN_SHAPES["MENS"],
            "Bestuur": DOMAIN_SHAPES["BESTUUR"],
        }
    # Nothing smaller than 16 px in the moves.
    moves = page["vconcat"][1]
    assert min(layer["mark"]["fontSize"] for layer in moves["layer"]) >= 16


@pytest.mark.parametrize("horizon", [0.0, 0.5, 1.0])
def test_the_narrower_slide_plot_keeps_every_service_apart(
    services: pd.DataFrame, horizon: float
) -> None:
    """The key took width from the plot: the spread still gives every marker and code its
    own place at the slide's plot size and at the comparison page's."""
    from test_charts import assert_markers_stand_apart, collisions, marker_boxes

    table = classify(services, horizon=horizon, overrides=WHAT_IFS)
    plain = classify(services, horizon=horizon)
    ghosts = plain[plain["id"].isin(list(WHAT_IFS))]
    settings = Settings(horizon=horizon, overrides=WHAT_IFS)
    spec = export.slide_spec(table, settings, lang="nl", scenario_name="W", on=ON, ghosts=ghosts)
    assert (spec["width"], spec["height"]) == (export.PLOT_WIDTH, export.PLOT_HEIGHT)
    plot = {**spec, "layer": [layer for layer in spec["layer"] if not _is_key(layer)]}
    boxes = marker_boxes(plot)
    assert len(boxes) == len(services) + len(WHAT_IFS)
    assert collisions(boxes) == []
    assert_markers_stand_apart(boxes)
    low, _ = export.COMPARE_CHART_HEIGHT
    for cut in (1.5, 1.3, 1.2):
        half = charts.quadrant_chart(
            classify(services, horizon=horizon, market_cut=cut),
            Settings(horizon=horizon, market_cut=cut),
            width=export.COMPARE_CHART_WIDTH,
            height=low,
            selectable=False,
        ).to_dict(validate=False)
        assert collisions(marker_boxes(half)) == [], cut
