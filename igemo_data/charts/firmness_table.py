"""The page Gevoeligheid's table as one Vega-Lite spec, laid out in pixels.

Vega-Lite has no table mark: per service a row with its code and name, its quadrant in its
tint, the two margins as small signed bars around the cut, the four chances as one bar in the
quadrant tints with the chance to stay beside it, the crossing horizons, and under the name the
flip sentence. Projector sizes: 18 px text, 16 px for the second line. Written as a plain spec
(no Altair objects): it is rebuilt on every key press of the page's sliders.
"""

from __future__ import annotations

import itertools
from typing import Final

import numpy as np
import pandas as pd

from igemo_data.charts.theme import INK, QUADRANT_COLORS
from igemo_data.schema import QUADRANTS
from igemo_data.texts import decimal, percent, quadrant_label, t

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


def firmness_table(rows: pd.DataFrame, lang: str) -> dict:
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


def _layer(name: str, rows: list[dict], mark: dict, encoding: dict) -> dict:
    return {"data": {"name": name, "values": rows}, "mark": mark, "encoding": encoding}


def _table_chart(texts, boxes, bars, zero_lines, height: int) -> dict:
    rect = {"type": "rect", "aria": False}
    rects = _pixels("x", "x2", "y", "y2")
    fill = {"fill": {"field": "fill", "type": "nominal", "scale": None, "legend": None}}
    layers = [
        _layer("firmness_boxes", [b for b in boxes if "stroke" not in b], rect, {**rects, **fill}),
        _layer("firmness_bars", bars, rect, {**rects, **fill}),
        _layer(
            "firmness_frames",
            [b for b in boxes if "stroke" in b],
            {**rect, "fill": None, "fillOpacity": 0, "stroke": INK, "strokeWidth": 1},
            rects,
        ),
        _layer(
            "firmness_zero",
            zero_lines,
            {"type": "rule", "color": INK, "strokeWidth": 1.5, "aria": False},
            _pixels("x", "y", "y2"),
        ),
    ]

    def style(row: dict) -> tuple:
        return (row["bold"], row["size"], row["limit"])

    for (bold, size, limit), group in itertools.groupby(sorted(texts, key=style), key=style):
        layers.append(
            _layer(
                f"firmness_text_{int(bold)}_{size}_{int(limit)}",
                [{k: row[k] for k in ("x", "y", "text", "color")} for row in group],
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
                    "text": {"field": "text", "type": "nominal"},
                    "color": {"field": "color", "type": "nominal", "scale": None, "legend": None},
                },
            )
        )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "layer": layers,
        "width": WIDTH,
        "height": height,
        "view": {"stroke": None},
        "usermeta": {"embedOptions": {"renderer": "svg"}},
    }
