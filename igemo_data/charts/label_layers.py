"""The labels drawn beside the quadrant chart's markers: each service's code (or code and
name, as `charts.labels` chose them) and the search's rings with code and name."""

from __future__ import annotations

from typing import Final

import altair as alt

from igemo_data.charts.layout import _Layout
from igemo_data.charts.marks import _X, _Y, _field, _InlineRows, _layer
from igemo_data.charts.theme import CROSSING_COLOR, HOLLOW_INK, INK, LABEL_DX, LABEL_FONT_SIZE


def _code_record(row: dict, layout: _Layout, *, hollow: bool) -> dict:
    return {
        "id": row["id"],
        "code": row["code"],
        "label": layout.label_of(row["id"], row["code"]),
        "x": row["x"],
        "y": row["y"],
        "hollow": hollow,
    }


def _code_layers(rows: list[dict], halo: bool, layout: _Layout) -> list[alt.Chart]:
    """The codes (or "code name", see `charts.labels`) beside the markers, hollow markers' a
    shade lighter; with `halo` first a white outline under each, so an arrow running past never
    hides a letter."""
    labels = layout.labels
    text = {
        "type": "text",
        "align": "left",
        "baseline": "middle",
        "dx": LABEL_DX,
        "fontSize": labels.size if labels else LABEL_FONT_SIZE,
        "fontWeight": "bold",
        "aria": False,
    }
    field = "label" if labels and labels.names else "code"
    encoding = {"x": _X, "y": _Y, "text": _field(field)}
    data = _InlineRows("codes", rows)
    layers = []
    if halo:
        outline = {"fill": "white", "stroke": "white", "strokeWidth": 5, "strokeJoin": "round"}
        layers.append(_layer(data, {**text, **outline}, encoding))
    ink = {"condition": {"test": "datum.hollow", "value": HOLLOW_INK}, "value": INK}
    layers.append(_layer(data, text, {**encoding, "color": ink}))
    return layers


FOUND_SIZE: Final = 1500
FOUND_STROKE: Final = 4


def _found_layers(rows: list[dict], size: float = LABEL_FONT_SIZE) -> list[alt.Chart]:
    """A vermilion ring around every service the search found, with its code and name."""
    if not rows:
        return []
    found = [
        {"x": row["x"], "y": row["y"], "id": row["id"], "label": f"{row['code']} {row['name']}"}
        for row in rows
    ]
    data = _InlineRows("found", found)
    ring = _layer(
        data,
        {
            "type": "point",
            "shape": "circle",
            "filled": False,
            "size": FOUND_SIZE,
            "strokeWidth": FOUND_STROKE,
            "color": CROSSING_COLOR,
        },
        {"x": _X, "y": _Y},
    )
    label = _layer(
        data,
        {
            "type": "text",
            "align": "left",
            "dx": 26,
            "dy": -22,
            "fontSize": size + 2,
            "fontWeight": "bold",
            "color": CROSSING_COLOR,
        },
        {"x": _X, "y": _Y, "text": _field("label")},
    )
    return [ring, label]
