"""Issue 18, items 5 and 10: the quadrant chart drawn for the room.

Codes of 28 px on the overview's and the presentation's plot, "code name" beside each marker on
a werkdomein's chart, each cut's value at its line, the horizon and cuts above the plot, and
the plot exactly the size the spread was laid out for. No two markers or labels may overlap,
whatever the labels cost in room; label widths are measured with the font vl-convert draws
with (Liberation Sans Bold, Arial's metrics), not with the estimate the code lays out with.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from PIL import ImageFont
from test_charts import (
    Pixels,
    assert_markers_stand_apart,
    assert_on_their_side,
    collisions,
    layer_data,
    mark_of,
    marker_boxes,
    point_layers,
    solid_layer,
    spec_of,
)

from igemo_data import charts, classify
from igemo_data.charts.backdrop import _static_layers
from igemo_data.charts.marks import ticks
from igemo_data.charts.theme import PlotFrame
from igemo_data.schema import DOMAINS
from igemo_data.settings import Settings

OVERVIEW = (920, 600)  # ui.frame.SCREEN_PLOT
PRESENTATION = (1560, 600)  # ui.presentation.PRESENT_PLOT
ROOM = 28  # px: codes read from the back of the room
BOLD = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")


def room_chart(table: pd.DataFrame, settings: Settings, size, **options) -> dict:
    width, height = size
    return spec_of(
        charts.quadrant_chart(
            table,
            settings,
            width=width,
            height=height,
            label_size=ROOM,
            on_screen=True,
            **options,
        )
    )


def arrows_for(services: pd.DataFrame, settings: Settings, ids: set[str]) -> pd.DataFrame:
    now = classify(services, horizon=0.0, market_cut=settings.market_cut)
    future = classify(services, horizon=1.0, market_cut=settings.market_cut)
    return charts.evolution_arrows(
        now[now["id"].isin(ids)], future[future["id"].isin(ids)], settings
    )


def markers_only(spec: dict) -> dict:
    """The spec without the arrows' key samples and tail dots: points that are no service."""
    kept = [
        layer
        for layer in spec["layer"]
        if not str((layer.get("data") or {}).get("name", "")).startswith(
            ("arrow_key", "arrow_tails")
        )
    ]
    return {**spec, "layer": kept}


def code_font(spec: dict) -> float:
    (size,) = {
        mark_of(layer)["fontSize"]
        for layer in spec["layer"]
        if mark_of(layer)["type"] == "text"
        and layer["encoding"].get("text", {}).get("field") in ("code", "label")
    }
    return float(size)


# --- Codes of 28 px -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [OVERVIEW, PRESENTATION])
@pytest.mark.parametrize("horizon", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("with_arrows", [False, True])
def test_room_codes_are_28_px_and_never_overlap(services, size, horizon, with_arrows):
    settings = Settings(horizon=horizon)
    table = classify(services, horizon=horizon)
    arrows = arrows_for(services, settings, set(table["id"])) if with_arrows else None
    spec = room_chart(
        table,
        settings,
        size,
        arrows=arrows,
        evolution_at=horizon if with_arrows else None,
    )
    assert code_font(spec) >= 28
    boxes = marker_boxes(markers_only(spec))
    assert collisions(boxes) == []
    assert_markers_stand_apart(boxes)
    assert_on_their_side(markers_only(spec), table, 1.5, 1.5)


@pytest.mark.parametrize(("market_cut", "need_cut"), [(1.3, 1.5), (1.3, 1.7), (1.7, 1.2)])
@pytest.mark.parametrize("horizon", [0.0, 1.0])
def test_a_moved_cut_shrinks_the_codes_rather_than_overlap(services, market_cut, need_cut, horizon):
    settings = Settings(horizon=horizon, market_cut=market_cut, need_cut=need_cut)
    table = classify(services, horizon=horizon, market_cut=market_cut, need_cut=need_cut)
    spec = room_chart(table, settings, OVERVIEW)
    assert 17 <= code_font(spec) <= 28
    assert collisions(marker_boxes(spec)) == []
    assert_on_their_side(spec, table, market_cut, need_cut)


# --- Code and name on a werkdomein's chart ------------------------------------------------------


def label_boxes(spec: dict) -> pd.DataFrame:
    """Each marker drawn and its label ("code name"), its width measured with the font."""
    if not BOLD.exists():
        pytest.skip(f"{BOLD} is missing (fonts-liberation)")
    pixels = Pixels(spec)
    (layer,) = [
        layer
        for layer in spec["layer"]
        if mark_of(layer)["type"] == "text"
        and layer["encoding"]["text"]["field"] in ("label", "code")
        and mark_of(layer).get("dx")
        and "stroke" not in mark_of(layer)
    ]
    mark = mark_of(layer)
    field = layer["encoding"]["text"]["field"]
    font = ImageFont.truetype(str(BOLD), round(mark["fontSize"]))
    labels = layer_data(spec, layer)
    rows = []
    for marker_layer in point_layers(spec):
        hollow = marker_layer is not solid_layer(spec)
        for row in layer_data(spec, marker_layer).itertuples(index=False):
            x, y = float(pixels.x(row.x)), float(pixels.y(row.y))
            (text,) = labels[(labels["id"] == row.id) & (labels["hollow"] == hollow)][
                field
            ].unique()
            width = font.getlength(text)
            rows.append(
                {
                    "id": row.id,
                    "code": row.code,
                    "text": text,
                    "hollow": hollow,
                    "x": x,
                    "y": y,
                    "side": row.size**0.5,
                    "extent": row.size**0.5 + 3.75,
                    "label_left": x + mark["dx"],
                    "label_right": x + mark["dx"] + width,
                    "label_top": y - mark["fontSize"] / 2,
                    "label_bottom": y + mark["fontSize"] / 2,
                }
            )
    return pd.DataFrame(rows)


def assert_names_are_the_services(boxes: pd.DataFrame, table: pd.DataFrame) -> None:
    names = dict(zip(table["id"], table["name"], strict=True))
    codes = dict(zip(table["id"], table["code"], strict=True))
    for row in boxes.itertuples(index=False):
        full = f"{codes[row.id]} {names[row.id]}"
        if row.text.endswith("…"):
            assert full.startswith(row.text[:-1].rstrip()), row.text
            assert len(row.text) >= len(codes[row.id]) + 1 + 4, row.text
        else:
            assert row.text == full, row.text


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("size", [OVERVIEW, PRESENTATION])
@pytest.mark.parametrize("horizon", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("with_arrows", [False, True])
def test_a_domains_chart_names_each_service_and_nothing_overlaps(
    services, domain, size, horizon, with_arrows
):
    settings = Settings(horizon=horizon)
    table = classify(services, horizon=horizon)
    table = table[table["domain"] == domain].reset_index(drop=True)
    arrows = arrows_for(services, settings, set(table["id"])) if with_arrows else None
    spec = room_chart(
        table,
        settings,
        size,
        names=True,
        arrows=arrows,
        evolution_at=horizon if with_arrows else None,
    )
    assert code_font(spec) >= 28
    boxes = label_boxes(markers_only(spec))
    named = (boxes["text"] != boxes["code"]).all()
    # The projector's width has room for names in every werkdomein at every horizon; the
    # overview's column for names where a quadrant is not too crowded, else codes alone.
    assert named or size != PRESENTATION
    if named:
        assert_names_are_the_services(boxes, table)
    assert collisions(boxes) == []
    assert_markers_stand_apart(boxes)
    # Every label stays inside the plot: none runs over the frame, the axis or the cut's value.
    assert (boxes["label_right"] <= size[0]).all(), boxes.loc[boxes["label_right"].idxmax()]
    assert (boxes["x"] - boxes["side"] / 2 >= 0).all()


def test_the_room_reads_names_where_they_fit(services):
    # Ruimte now, on the projector: the longest names are shortened, the others whole.
    table = classify(services)
    table = table[table["domain"] == "RUIMTE"].reset_index(drop=True)
    spec = room_chart(table, Settings(), PRESENTATION, names=True)
    texts = set(
        layer_data(spec, solid_layer(spec))["id"].map(
            dict(zip(label_boxes(spec)["id"], label_boxes(spec)["text"], strict=True))
        )
    )
    assert "o7 Materialenbeheer / afval" in texts
    assert "e1 Ondernemerschap" in texts
    # The overview keeps codes alone: 39 names do not fit.
    spec = room_chart(classify(services), Settings(), OVERVIEW)
    assert {
        layer["encoding"]["text"]["field"]
        for layer in spec["layer"]
        if mark_of(layer)["type"] == "text" and mark_of(layer).get("dx")
    } == {"code"}


# --- Cut values and horizon on the chart --------------------------------------------------------


def texts_of(spec: dict) -> dict[str, list[dict]]:
    """Every text mark's rows with their mark, by the text they draw."""
    found: dict[str, list[dict]] = {}
    for layer in spec["layer"]:
        if mark_of(layer)["type"] != "text":
            continue
        field = layer["encoding"]["text"]["field"]
        for row in layer_data(spec, layer).to_dict("records"):
            found.setdefault(str(row[field]), []).append({**row, **mark_of(layer)})
    return found


def test_cut_values_stand_at_their_lines_and_the_horizon_above_the_plot(services):
    settings = Settings(horizon=0.5, market_cut=1.3, need_cut=1.5)
    table = classify(services, horizon=0.5, market_cut=1.3)
    spec = room_chart(table, settings, OVERVIEW)
    texts = texts_of(spec)
    frame = PlotFrame(*OVERVIEW)
    (market,) = {(row["x"], row["align"]) for row in texts["1,3"]}
    assert market == (pytest.approx(1.3), "center")  # at the vertical line …
    assert all(row["y"] > 2.0 and row["fontSize"] >= 20 for row in texts["1,3"])  # … its top
    (need,) = {(row["y"], row["align"]) for row in texts["1,5"] if row.get("align") == "left"}
    assert need == (pytest.approx(1.5), "left")  # right of the horizontal line's end
    assert all(row["x"] > frame.x_domain[1] for row in texts["1,5"] if row.get("align") == "left")
    stamp = texts["Tijdshorizon 50 % · grenzen 1,3 / 1,5"]
    assert stamp and all(row["y"] > frame.y_domain[1] for row in stamp)  # above the plot
    assert spec["autosize"] == {"type": "pad"}  # drawn exactly the size it was laid out for
    # The axis no longer ticks a 1,5 in the middle of a quadrant.
    assert spec["layer"][0]["encoding"]["x"]["axis"]["values"] == [1.0, 1.3, 2.0]
    english = room_chart(table, settings, OVERVIEW, lang="en")
    assert "Time horizon 50 % · cuts 1.3 / 1.5" in texts_of(english)


def test_slides_keep_their_look(services):
    spec = spec_of(charts.quadrant_chart(classify(services), Settings(market_cut=1.3)))
    assert "autosize" not in spec
    assert not any(text.startswith("Tijdshorizon") for text in texts_of(spec))


@pytest.mark.parametrize("market_cut", [1.1, 1.2, 1.5, 1.8, 1.9])
def test_the_top_words_keep_clear_of_the_cuts_value(market_cut):
    frame = PlotFrame(*OVERVIEW)
    _, boxes = _static_layers(market_cut, 1.5, "nl", frame, cut_labels=True)
    *words, cut = boxes
    for left, bottom, right, top in words:
        assert right <= cut[0] or left >= cut[2] or top <= cut[1] or bottom >= cut[3], (
            (left, bottom, right, top),
            cut,
        )


def test_ticks_follow_the_cut():
    assert ticks(1.5) == [1.0, 1.5, 2.0]
    assert ticks(1.3) == [1.0, 1.3, 2.0]
    assert ticks(1.05) == [1.0, 2.0]  # its label would run into 1's
    assert ticks(1.0) == [1.0, 2.0]
