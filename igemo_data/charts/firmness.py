"""How firm each placement is, drawn: on the quadrant chart ("Toon hoe vast") and as the
page Gevoeligheid's table.

On the chart, each marker is filled as strongly as its chance to stay in its quadrant: full
is firm, faint is a coin toss; a key on the chart says so, so it travels with every copy. With
arrows, an open vermilion ring marks where a service's arrow crosses a cut, with the horizon.

The table is one Vega-Lite chart laid out in pixels (Vega-Lite has no table mark): per service
a row with its code and name, its quadrant in its tint, the two margins as small signed bars
around the cut, the four chances as one bar in the quadrant tints, the crossing horizon, and
under it the flip sentence. Projector sizes: 18 px text, 16 px for the second line.
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
    LEGEND_FONT_SIZE,
    MARKER_STROKE,
    QUADRANT_COLORS,
    PlotFrame,
)
from igemo_data.schema import QUADRANTS
from igemo_data.settings import Settings
from igemo_data.texts import decimal, percent, quadrant_label, t

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
    text = {
        "type": "text",
        "align": "left",
        "baseline": "middle",
        "fontSize": LEGEND_FONT_SIZE,
        "color": INK,
        "aria": False,
    }
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


# --- The page's table ------------------------------------------------------------------------
ROW: Final = 56  # px per service: a line of marks and the flip sentence under it
HEAD: Final = 40  # px of the header row
FONT: Final = 18
SMALL: Final = 16
BAR_HEIGHT: Final = 18
# Each column's left edge and width, in px.
COLUMNS: Final = {
    "code": (0, 56),
    "name": (56, 290),
    "quadrant": (350, 130),
    "market_margin": (484, 196),
    "need_margin": (684, 196),
    "chances": (890, 280),
    "crossing": (1176, 190),
}
WIDTH: Final = 1366
MARGIN_SCALE: Final = 30  # px for a margin of 0,5: the bars run 60 px either side of the cut
STRONG_BAR: Final = "#3A3A3A"  # a margin on the strong side of the cut
WEAK_BAR: Final = "#A8A8A8"
CHANCE_BAR: Final = 210  # px of the stacked chances; its number stands right of it


def _pixels(*names: str) -> dict:
    """Encodings that take the rows' values as pixels (x2 and y2 follow x's and y's scale)."""
    return {
        name: {"field": name}
        if name.endswith("2")
        else {"field": name, "type": "quantitative", "scale": None}
        for name in names
    }


def firmness_table(rows: pd.DataFrame, lang: str) -> alt.LayerChart:
    """The page's table from `firmness_words.firmness_rows`: one row per service, in its order."""
    count = len(rows)
    height = HEAD + ROW * max(count, 1)
    middle = [HEAD + ROW * i + 14 for i in range(count)]  # first line's middle, px from top
    texts: list[dict] = []
    boxes: list[dict] = []
    bars: list[dict] = []
    zero_lines: list[dict] = []

    def text(column: str, y: float, value: str, *, bold=False, small=False, dx=0.0, limit=0):
        left, width = COLUMNS[column]
        texts.append(
            {
                "x": left + dx,
                "y": y,
                "text": value,
                "bold": bold,
                "size": SMALL if small else FONT,
                "limit": limit or width - 8,
                "color": "#444444" if small else INK,
            }
        )

    headers = {
        "code": t("field_code", lang),
        "name": t("field_name", lang),
        "quadrant": t("field_quadrant", lang),
        "market_margin": t("firmness_market_margin", lang),
        "need_margin": t("firmness_need_margin", lang),
        "chances": t("firmness_chances", lang),
        "crossing": t("firmness_crossing", lang),
    }
    for column, words in headers.items():
        text(column, HEAD / 2, words, bold=True)
    for i, row in enumerate(rows.itertuples(index=False)):
        y = middle[i]
        if i % 2:
            boxes.append({"x": 0, "x2": WIDTH, "y": y - 16, "y2": y - 16 + ROW, "fill": "#F4F4F4"})
        text("code", y, str(row.code), bold=True)
        text("name", y, str(row.name))
        left, width = COLUMNS["quadrant"]
        boxes.append(
            {
                "x": left,
                "x2": left + width - 10,
                "y": y - 13,
                "y2": y + 13,
                "fill": QUADRANT_COLORS[row.quadrant],
            }
        )
        text("quadrant", y, quadrant_label(row.quadrant, lang), dx=6)
        for column in ("market_margin", "need_margin"):
            margin = round(float(getattr(row, column)), 2) + 0.0  # on the cut: 0, not −0
            left, width = COLUMNS[column]
            zero = left + MARGIN_SCALE * 2 + 2
            end = zero + np.clip(margin, -1, 1) * MARGIN_SCALE * 2
            bars.append(
                {
                    "x": min(zero, end),
                    "x2": max(zero, end),
                    "y": y - BAR_HEIGHT / 2,
                    "y2": y + BAR_HEIGHT / 2,
                    "fill": INK if margin >= 0 else "#9A9A9A",
                }
            )
            zero_lines.append({"x": zero, "y": y - 15, "y2": y + 15})
            sign = "+" if margin > 0 else ("−" if margin < 0 else "±")
            text(
                column,
                y,
                f"{sign}{decimal(abs(margin), lang)}",
                small=True,
                dx=MARGIN_SCALE * 2 + 12,
                limit=56,
            )
        left, _ = COLUMNS["chances"]
        start = float(left)
        for quadrant in QUADRANTS:
            share = float(getattr(row, f"p_{quadrant}"))
            if share > 0:
                end = start + share * CHANCE_BAR
                bars.append(
                    {
                        "x": start,
                        "x2": end,
                        "y": y - BAR_HEIGHT / 2 - 2,
                        "y2": y + BAR_HEIGHT / 2 + 2,
                        "fill": QUADRANT_COLORS[quadrant],
                    }
                )
                start = end
        boxes.append(
            {
                "x": left,
                "x2": left + CHANCE_BAR,
                "y": y - BAR_HEIGHT / 2 - 2,
                "y2": y + BAR_HEIGHT / 2 + 2,
                "fill": "none",
                "stroke": INK,
            }
        )
        text(
            "chances", y, f"{percent(float(row.p_stay))} %", bold=True, dx=CHANCE_BAR + 8, limit=64
        )
        for line, words in enumerate(_crossing_lines(row, lang)):
            text("crossing", y + 24 * line, words, small=True)
        flip = str(row.flip) or t("firmness_no_flip", lang)
        text("name", y + 24, flip, small=True, limit=WIDTH - COLUMNS["name"][0])
    return _table_chart(texts, boxes, bars, zero_lines, height)


def _crossing_lines(row, lang: str) -> list[str]:
    """ "markt bij 50 %", "behoefte bij 50 %": one line per axis that crosses, else "—"."""
    parts = [
        t("firmness_cross_at", lang, axis=t(f"firmness_axis_{axis}", lang), percent=percent(at))
        for axis, at in (("market", row.market_cross), ("need", row.need_cross))
        if not pd.isna(at)
    ]
    return parts or ["—"]


def _table_chart(texts, boxes, bars, zero_lines, height: int) -> alt.LayerChart:
    rect = {"type": "rect", "aria": False}
    rects = _pixels("x", "x2", "y", "y2")
    fill = {"fill": {"field": "fill", "type": "nominal", "scale": None, "legend": None}}
    layers = [
        _layer(
            ("firmness_boxes", [b for b in boxes if "stroke" not in b]), rect, {**rects, **fill}
        ),
        _layer(("firmness_bars", bars), rect, {**rects, **fill}),
        _layer(
            ("firmness_frames", [b for b in boxes if "stroke" in b]),
            {**rect, "fill": None, "fillOpacity": 0, "stroke": INK, "strokeWidth": 1},
            rects,
        ),
        _layer(
            ("firmness_zero", zero_lines),
            {"type": "rule", "color": INK, "strokeWidth": 1.5, "aria": False},
            _pixels("x", "y", "y2"),
        ),
    ]

    def style(row: dict) -> tuple:
        return (row["bold"], row["size"], row["limit"])

    for (bold, size, limit), group in itertools.groupby(sorted(texts, key=style), key=style):
        layers.append(
            _layer(
                (f"firmness_text_{int(bold)}_{size}_{int(limit)}", list(group)),
                {
                    "type": "text",
                    "align": "left",
                    "baseline": "middle",
                    "fontSize": size,
                    "fontWeight": "bold" if bold else "normal",
                    "limit": limit,
                },
                {
                    **_pixels("x", "y"),
                    "text": _field("text"),
                    "color": {"field": "color", "type": "nominal", "scale": None, "legend": None},
                },
            )
        )
    return alt.LayerChart(
        layer=layers,
        width=WIDTH,
        height=height,
        view={"stroke": None},
        usermeta={"embedOptions": {"renderer": "svg"}},
    )
