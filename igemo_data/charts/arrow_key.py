"""The key of the evolution arrows, drawn on the chart itself under its horizontal axis: what
the solid marker, the small tail dot, the hollow marker and the arrow mean at the horizon shown.

A caption below the chart scrolls out of view on a projector and is never on a copied image;
this key travels with the chart. Only the marks the chart draws at that horizon are listed
(no tail dot at 0 %, no hollow marker at 100 %).
"""

from __future__ import annotations

from typing import Final

import altair as alt

from igemo_data.charts.marks import _X, _Y, _field, _layer
from igemo_data.charts.text_metrics import text_width
from igemo_data.charts.theme import (
    ARROW_COLOR,
    ARROW_WIDTH,
    HEAD_SIZE,
    HOLLOW_STROKE,
    INK,
    LEGEND_FONT_SIZE,
    MARKER_STROKE,
    TAIL_SIZE,
    PlotFrame,
)
from igemo_data.texts import percent, t

# px from the plot's bottom edge to the key's first row: clear of the two-line axis labels and
# the axis title also in the browser's font, which sets them lower than vl-convert does.
KEY_TOP: Final = 150
KEY_ROW: Final = 30  # px between rows
SAMPLE: Final = 28  # px a marker sample takes before its words
ARROW_SAMPLE: Final = 44  # px of the arrow sample
GAP: Final = 26  # px between entries
SAMPLE_GREY: Final = "#8A8A8A"  # the marker samples: no werkdomein's colour


def key_entries(horizon: float, lang: str) -> list[tuple[str, str]]:
    """(kind, words) of each mark the chart draws at `horizon`, in reading order."""
    entries = [("filled", t("arrow_key_filled", lang, percent=percent(horizon)))]
    if horizon > 0:
        entries.append(("tail", t("arrow_key_tail", lang)))
    if horizon < 1:
        entries.append(("hollow", t("arrow_key_hollow", lang)))
    entries.append(("arrow", t("arrow_key_arrow", lang)))
    return entries


def _flow(entries: list[tuple[str, str]], title: str, room: float) -> list[dict]:
    """Each entry's sample and words placed left to right (pixels, y down from the key's top),
    starting a new row when the next entry would run past `room`."""
    size = LEGEND_FONT_SIZE
    placed = [{"kind": "title", "x": 0.0, "row": 0, "text": title}]
    x = text_width(title, size, bold=True) + 12
    row = 0
    for kind, words in entries:
        sample = ARROW_SAMPLE if kind == "arrow" else SAMPLE
        width = sample + text_width(words, size)
        if x + width > room and x > 0:
            row, x = row + 1, 0.0
        placed.append({"kind": kind, "x": x, "row": row, "text": words, "sample": sample})
        x += width + GAP
    return placed


def arrow_key_layers(horizon: float, lang: str, frame: PlotFrame) -> list[alt.Chart]:
    """The key's layers: samples and words in the chart's data units, below the x axis."""
    placed = _flow(key_entries(horizon, lang), t("arrow_key_title", lang), frame.width)

    def at(px: float, row: int) -> dict:
        return {
            "x": float(frame.data_x(px)),
            "y": float(frame.data_y(-(KEY_TOP + row * KEY_ROW))),
        }

    words = [
        {
            **at(p["x"] + p.get("sample", 0), p["row"]),
            "text": p["text"],
            "bold": p["kind"] == "title",
        }
        for p in placed
    ]
    by_kind = {p["kind"]: p for p in placed}
    text = {
        "type": "text",
        "align": "left",
        "baseline": "middle",
        "fontSize": LEGEND_FONT_SIZE,
        "color": INK,
        "aria": False,
    }
    layers = [
        _layer(
            (f"arrow_key_{weight}", [w for w in words if w["bold"] == (weight == "bold")]),
            {**text, "fontWeight": weight},
            {"x": _X, "y": _Y, "text": _field("text")},
        )
        for weight in ("bold", "normal")
    ]
    point = {"type": "point", "shape": "circle", "opacity": 1, "aria": False}
    samples = {
        "filled": {**point, "filled": True, "fill": SAMPLE_GREY, "stroke": INK, "size": 420}
        | {"strokeWidth": MARKER_STROKE},
        "hollow": {**point, "filled": False, "fill": "white", "stroke": SAMPLE_GREY, "size": 420}
        | {"strokeWidth": HOLLOW_STROKE},
        "tail": {**point, "filled": True, "fill": ARROW_COLOR, "size": TAIL_SIZE, "strokeWidth": 0},
    }
    for kind, mark in samples.items():
        if kind in by_kind:
            p = by_kind[kind]
            layers.append(
                _layer((f"arrow_key_{kind}", [at(p["x"] + 10, p["row"])]), mark, {"x": _X, "y": _Y})
            )
    p = by_kind["arrow"]
    start, tip = at(p["x"], p["row"]), at(p["x"] + ARROW_SAMPLE - 14, p["row"])
    layers.append(
        _layer(
            ("arrow_key_line", [{**start, "x2": tip["x"]}]),
            {
                "type": "rule",
                "color": ARROW_COLOR,
                "strokeWidth": ARROW_WIDTH[False] + 1,
                "aria": False,
            },
            {"x": _X, "y": _Y, "x2": {"field": "x2"}},
        )
    )
    layers.append(
        _layer(
            ("arrow_key_head", [tip]),
            {
                "type": "point",
                "shape": "triangle-right",
                "filled": True,
                "fill": ARROW_COLOR,
                "size": HEAD_SIZE[False],
                "opacity": 1,
                "aria": False,
            },
            {"x": _X, "y": _Y},
        )
    )
    return layers
