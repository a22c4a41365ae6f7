"""How firm each placement is, drawn on the quadrant chart ("Toon hoe vast"); the page
Gevoeligheid's table is `firmness_table`.

On the chart, each marker is filled as strongly as its chance to stay in its quadrant: full
is firm, faint is a coin toss; a key on the chart says so, so it travels with every copy. With
arrows, an open vermilion ring marks where a service's arrow crosses a cut, with the horizon.
"""

from __future__ import annotations

import itertools
from typing import Final

import altair as alt
import numpy as np
import pandas as pd

from igemo_data.charts.marks import _X, _Y, _field, _layer
from igemo_data.charts.moved import KEY_BELOW
from igemo_data.charts.text_metrics import text_width
from igemo_data.charts.theme import (
    CROSSING_COLOR,
    INK,
    KEY_TEXT,
    LEGEND_FONT_SIZE,
    MARKER_STROKE,
    PlotFrame,
)
from igemo_data.schema import QUADRANTS
from igemo_data.settings import Settings
from igemo_data.texts import decimal, percent, t

FAINTEST: Final = 0.12  # a marker with no chance to stay still shows its werkdomein's colour
KEY_LEVELS: Final = (1.0, 0.5, 0.0)
KEY_SAMPLE_GREY: Final = "#5A5A5A"
KEY_SAMPLE: Final = 26  # px a sample takes before its words
KEY_GAP: Final = 14  # px between entries
CROSS_RING_SIZE: Final = 210  # a ring ~14 px across on the arrow
CROSS_FONT_SIZE: Final = 17
MARKER_REACH: Final = 16  # px from a marker's centre to the edge of the largest marker
CODE_ROOM: Final = 64  # px right of a marker that its code may take (28 px "w10")


def marker_fill(p_stay) -> np.ndarray:
    """A marker's fill opacity for its chance to stay: 1 when firm, `FAINTEST` at no chance."""
    return FAINTEST + (1.0 - FAINTEST) * np.clip(np.asarray(p_stay, dtype=float), 0.0, 1.0)


def firmness_stamp(firmness: pd.DataFrame, lang: str) -> str:
    """ "hoe vast: onzekerheid ±0,1": what a slide with "Toon hoe vast" on was drawn with."""
    uncertainty = firmness.attrs.get("uncertainty")
    shown = "?" if uncertainty is None else decimal(uncertainty, lang, trim=True)
    return t("firmness_stamp", lang, uncertainty=shown)


def stay_chances(firmness: pd.DataFrame) -> dict[str, float]:
    """Per service id, the chance `sensitivity` gives it to stay in its own quadrant."""
    shares = firmness[[f"p_{q}" for q in QUADRANTS]].to_numpy(float)
    column = {q: i for i, q in enumerate(QUADRANTS)}
    picked = shares[np.arange(len(firmness)), [column[q] for q in firmness["quadrant"]]]
    return dict(zip(firmness["id"].astype(str), picked.tolist(), strict=True))


def apply_firmness(
    points: list[dict],
    markers: dict,
    firmness: pd.DataFrame,
    paths: list[dict],
    settings: Settings,
    lang: str,
    frame: PlotFrame,
) -> tuple[list[alt.Chart], list[alt.Chart]]:
    """Fill each marker by its chance to stay (rows of `points` and the `markers` encoding are
    changed in place); return the layers of the rings where arrows cross a cut, and the key."""
    chances = stay_chances(firmness)
    for point in points:
        chance = chances.get(str(point["id"]), 1.0)
        point["fill_opacity"] = round(float(marker_fill(chance)), 3)
        point["stay_text"] = f"{percent(chance)} %"
    markers["fillOpacity"] = _field("fill_opacity", "quantitative", scale=None, legend=None)
    stay = _field("stay_text", title=t("firmness_stay", lang).removesuffix(" (%)"))
    markers["tooltip"] = [*markers["tooltip"], stay]
    crossings = crossing_points(paths, firmness, settings)
    return _crossing_layers(crossings, points, frame), key_layers(lang, frame)


def crossing_points(paths: list[dict], firmness: pd.DataFrame, settings: Settings) -> list[dict]:
    """Where each drawn arrow crosses a cut line, with the horizon of that crossing.

    The arrows are curves between the markers' cells, so the point is found on the curve as
    drawn (where it meets the line x = market cut or y = need cut), not on the straight line
    between the scores; the horizon is `sensitivity`'s `market_cross` / `need_cross`.
    """
    if not paths:
        return []
    at = firmness.set_index(firmness["id"].astype(str))
    found = []
    by_id = itertools.groupby(
        sorted(paths, key=lambda p: (p["id"], p["leg"], p["step"])), key=lambda p: p["id"]
    )
    for service_id, steps in by_id:
        if service_id not in at.index:
            continue
        line = [(p["x"], p["y"]) for p in steps]
        for axis, cut, index in (
            ("market", settings.market_cut, 0),
            ("need", settings.need_cut, 1),
        ):
            horizon = at.at[service_id, f"{axis}_cross"]
            if pd.isna(horizon):
                continue
            for a, b in itertools.pairwise(line):
                if (a[index] - cut) * (b[index] - cut) <= 0 and a[index] != b[index]:
                    share = (cut - a[index]) / (b[index] - a[index])
                    found.append(
                        {
                            "id": service_id,
                            "x": float(a[0] + share * (b[0] - a[0])),
                            "y": float(a[1] + share * (b[1] - a[1])),
                            "text": f"{percent(float(horizon))} %",
                        }
                    )
                    break
    return found


def _labelled(rows: list[dict], points: list[dict], frame: PlotFrame) -> list[dict]:
    """The crossings whose horizon label has room: a label that would touch a marker with its
    code, or a label already placed, is left out (its ring stays, its tooltip says the
    horizon; the plan's whole-number scores all cross at 50 %, many on the same line)."""
    taken = []
    for point in points:
        x, y = float(frame.px(point["x"])), float(frame.py(point["y"]))
        taken.append((x - MARKER_REACH, y - MARKER_REACH, x + MARKER_REACH + CODE_ROOM, y + 16))
    labelled = []
    for row in rows:
        x, y = float(frame.px(row["x"])), float(frame.py(row["y"]))
        width = text_width(row["text"], CROSS_FONT_SIZE, bold=True)
        box = (x + 7, y + 3, x + 11 + width, y + 7 + CROSS_FONT_SIZE)  # dx 9, dy -5: above right
        if not any(_overlap(box, other) for other in taken):
            taken.append(box)
            labelled.append(row)
    return labelled


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crossing_layers(rows: list[dict], points: list[dict], frame: PlotFrame) -> list[alt.Chart]:
    """An open vermilion ring on the arrow and, where it has room, its horizon on a halo."""
    ring = {
        "type": "point",
        "shape": "circle",
        "filled": True,
        "fill": "white",
        "stroke": CROSSING_COLOR,
        "strokeWidth": 3.5,
        "size": CROSS_RING_SIZE,
        "opacity": 1,
    }
    text = {
        "type": "text",
        "align": "left",
        "baseline": "bottom",
        "dx": 9,
        "dy": -5,
        "fontSize": CROSS_FONT_SIZE,
        "fontWeight": "bold",
        "aria": False,
    }
    position = {"x": _X, "y": _Y}
    labels = _labelled(rows, points, frame)
    return [
        _layer(("firmness_crossings", rows), ring, {**position, "description": _field("text")}),
        _layer(
            ("firmness_crossing_labels", labels),
            {**text, "color": "white", "stroke": "white", "strokeWidth": 4},
            {**position, "text": _field("text")},
        ),
        _layer(
            ("firmness_crossing_labels", labels),
            {**text, "color": CROSSING_COLOR},
            {**position, "text": _field("text")},
        ),
    ]


def key_layers(lang: str, frame: PlotFrame) -> list[alt.Chart]:
    """ "kans te blijven: ● 100 % ◐ 50 % ○ 0 %" under the plot's bottom left corner, level
    with the axis title (the moved-ring key holds the right end of that row)."""
    title = t("firmness_key", lang)
    x = 0.0
    words = [{"px": x, "text": title, "bold": True}]
    x += text_width(title, LEGEND_FONT_SIZE, bold=True) + 8
    samples = []
    for level in KEY_LEVELS:
        samples.append({"px": x + KEY_SAMPLE / 2 - 4, "fill_opacity": float(marker_fill(level))})
        label = f"{percent(level)} %"
        words.append({"px": x + KEY_SAMPLE, "text": label, "bold": False})
        x += KEY_SAMPLE + text_width(label, LEGEND_FONT_SIZE) + KEY_GAP
    level_y = float(frame.data_y(-KEY_BELOW))
    for row in (*words, *samples):
        row["x"] = float(frame.data_x(row.pop("px")))
        row["y"] = level_y
    text = dict(KEY_TEXT)
    return [
        _layer(
            (f"firmness_key_{weight}", [w for w in words if w["bold"] == (weight == "bold")]),
            {**text, "fontWeight": weight},
            {"x": _X, "y": _Y, "text": _field("text")},
        )
        for weight in ("bold", "normal")
    ] + [
        _layer(
            ("firmness_key_samples", samples),
            {
                "type": "point",
                "shape": "circle",
                "filled": True,
                "fill": KEY_SAMPLE_GREY,
                "stroke": INK,
                "strokeWidth": MARKER_STROKE,
                "size": 380,
                "opacity": 1,
                "aria": False,
            },
            {
                "x": _X,
                "y": _Y,
                "fillOpacity": _field("fill_opacity", "quantitative", scale=None, legend=None),
            },
        )
    ]
