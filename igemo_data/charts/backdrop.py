"""What every quadrant chart draws behind its services: tints, axes, words, cut lines, and
the werkdomein legend's colours and shapes (shared by the labelled and the dense chart)."""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt

from igemo_data.charts.marks import _X, _Y, _field, _InlineRows, _layer, _x_encoding, _y_encoding
from igemo_data.charts.text_metrics import text_width
from igemo_data.charts.theme import (
    CUT_LABEL_FONT_SIZE,
    CUT_LINE_COLOR,
    DOMAIN_COLORS,
    DOMAIN_SHAPES,
    INK,
    LEGEND_FONT_SIZE,
    MARKER_STROKE,
    QUADRANT_COLORS,
    QUESTION_FONT_SIZE,
    STAMP_FONT_SIZE,
    WORD_FONT_SIZE,
    WORD_LINE,
    WORD_PAD,
    PlotFrame,
)
from igemo_data.schema import (
    DOMAINS,
    QUADRANTS,
    quadrant_for,
)
from igemo_data.settings import Settings
from igemo_data.texts import decimal, domain_label, percent, quadrant_label, t

Box = tuple[float, float, float, float]  # left, bottom, right, top in pixels, y up
CUT_LABEL_PAD = 6.0  # px between a cut's value and the plot's top edge, or the line's end


def _domain_encodings(present: Iterable[str], lang: str) -> tuple[dict, dict]:
    """Colour and shape per werkdomein, fixed per domain; the legend lists only `present`."""
    shown = [d for d in DOMAINS if d in set(present)] or list(DOMAINS)
    labels = [domain_label(d, lang) for d in shown]
    legend = {
        "title": t("field_domain", lang),
        "titleFontSize": LEGEND_FONT_SIZE,
        "labelFontSize": LEGEND_FONT_SIZE,
        "titleColor": INK,
        "labelColor": INK,
        "symbolSize": 420,
        "symbolStrokeColor": INK,
        "symbolStrokeWidth": MARKER_STROKE,
        "orient": "top",
        "direction": "horizontal",
        "titleOrient": "left",
        "titleAnchor": "middle",
        "columnPadding": 24,
        "offset": 12,
    }
    color = _field(
        "domain_label",
        scale={"domain": labels, "range": [DOMAIN_COLORS[d] for d in shown]},
        legend=legend,
    )
    shape = _field(
        "domain_label",
        scale={"domain": labels, "range": [DOMAIN_SHAPES[d] for d in shown]},
        legend=legend,
    )
    return color, shape


def _fitting_size(text: str, size: float, em: float, room: float, smallest: float) -> float:
    """The font size at which `text` fits in `room` px (estimated), never above `size`."""
    needed = len(text) * em * size
    return max(smallest, min(size, size * room / needed)) if needed else size


def _static_layers(
    market_cut: float, need_cut: float, lang: str, frame: PlotFrame, *, cut_labels: bool = False
) -> tuple[list[alt.Chart], list[tuple[float, float, float, float]]]:
    """Quadrant tints with the axes, each quadrant's word and question, the two cut lines; and
    the pixel boxes of the words. With `cut_labels`, each cut's value at its line: at the top
    of the vertical one (the top words keep clear of it), right of the horizontal one's end.
    (Built in about 0.15 ms: not worth caching.)"""
    (x_low, x_high), (y_low, y_high) = frame.x_domain, frame.y_domain
    tiles = []
    for market_strong in (False, True):
        for need_strong in (False, True):
            key = quadrant_for(market_strong=market_strong, need_strong=need_strong)
            tiles.append(
                {
                    "quadrant": key,
                    "word": quadrant_label(key, lang),
                    "question": t(f"question_{key}", lang),
                    "x": market_cut if market_strong else x_low,
                    "x2": x_high if market_strong else market_cut,
                    "y": need_cut if need_strong else y_low,
                    "y2": y_high if need_strong else need_cut,
                    "right": market_strong,
                    "top": need_strong,
                }
            )
    layers = [
        _layer(
            ("quadrants", tiles),
            {"type": "rect", "aria": False, "strokeWidth": 0},
            {
                "x": _x_encoding(lang, frame, market_cut),
                "x2": {"field": "x2"},
                "y": _y_encoding(lang, frame, need_cut),
                "y2": {"field": "y2"},
                "fill": _field(
                    "quadrant",
                    scale={
                        "domain": list(QUADRANTS),
                        "range": [QUADRANT_COLORS[q] for q in QUADRANTS],
                    },
                    legend=None,
                ),
            },
        )
    ]
    market_text = decimal(market_cut, lang, trim=True)
    keep_clear = 0.0
    if cut_labels:
        keep_clear = text_width(market_text, CUT_LABEL_FONT_SIZE, bold=True) / 2 + CUT_LABEL_PAD
    words, word_boxes = _quadrant_words(tiles, frame, keep_clear)
    layers.extend(words)
    cut_line = {
        "type": "rule",
        "color": CUT_LINE_COLOR,
        "strokeWidth": 2.5,
        "strokeDash": [10, 6],
        "aria": False,
    }
    layers.append(_layer(("cut_market", [{"x": float(market_cut)}]), cut_line, {"x": _X}))
    layers.append(_layer(("cut_need", [{"y": float(need_cut)}]), cut_line, {"y": _Y}))
    if cut_labels:
        labels, box = _cut_labels(market_cut, need_cut, market_text, lang, frame)
        layers.extend(labels)
        word_boxes.append(box)
    return layers, word_boxes


def _cut_labels(
    market_cut: float, need_cut: float, market_text: str, lang: str, frame: PlotFrame
) -> tuple[list[alt.Chart], Box]:
    """Each cut's value written at its line: "1,3" on a white halo at the top of the vertical
    line, inside the plot where only the quadrant words are (they keep clear), and "1,5"
    just right of the horizontal line's end, outside the plot where nothing else is drawn.
    Also the box the first takes, for arrows to avoid."""
    top = frame.height - CUT_LABEL_PAD
    rows = [
        {
            "cut": "market",
            "text": market_text,
            "x": float(market_cut),
            "y": float(frame.data_y(top)),
            "align": "center",
            "baseline": "top",
        },
        {
            "cut": "need",
            "text": decimal(need_cut, lang, trim=True),
            "x": float(frame.data_x(frame.width + CUT_LABEL_PAD)),
            "y": float(need_cut),
            "align": "left",
            "baseline": "middle",
        },
    ]
    text = {
        "type": "text",
        "fontSize": CUT_LABEL_FONT_SIZE,
        "fontWeight": "bold",
        "color": CUT_LINE_COLOR,
        "aria": False,
    }
    halo = {"stroke": "white", "strokeWidth": 6, "strokeJoin": "round", "fill": "white"}
    layers = []
    for row in rows:
        place = {"align": row["align"], "baseline": row["baseline"]}
        data = _InlineRows(f"cut_label_{row['cut']}", [row])
        encoding = {"x": _X, "y": _Y, "text": _field("text")}
        layers.append(_layer(data, {**text, **place, **halo}, encoding))
        layers.append(_layer(data, {**text, **place}, encoding))
    half = text_width(market_text, CUT_LABEL_FONT_SIZE, bold=True) / 2
    x = float(frame.px(market_cut))
    return layers, (x - half, top - CUT_LABEL_FONT_SIZE, x + half, top)


def stamp_layers(settings: Settings, lang: str, frame: PlotFrame) -> list[alt.Chart]:
    """ "Tijdshorizon 50 % · grenzen 1,3 / 1,5" at the right end of the row above the plot
    (the werkdomein legend starts at its left): what the chart shows, on the chart itself."""
    words = t(
        "chart_stamp",
        lang,
        percent=percent(settings.horizon),
        market=decimal(settings.market_cut, lang, trim=True),
        need=decimal(settings.need_cut, lang, trim=True),
    )
    row = {"text": words, "x": frame.x_domain[1], "y": float(frame.data_y(frame.height + 12))}
    mark = {
        "type": "text",
        "align": "right",
        "baseline": "bottom",
        "fontSize": STAMP_FONT_SIZE,
        "fontWeight": "bold",
        "color": INK,
        "aria": False,
    }
    return [_layer(("stamp", [row]), mark, {"x": _X, "y": _Y, "text": _field("text")})]


def _quadrant_words(
    tiles: list[dict], frame: PlotFrame, keep_clear: float = 0.0
) -> tuple[list[alt.Chart], list[tuple[float, float, float, float]]]:
    """Action word and question in each quadrant's outer corner, in the band beyond 1 or 2,
    and the boxes (left, bottom, right, top in pixels, y up) they cover, for arrows to avoid.

    Markers only sit between 1 and 2, so the bands above 2 and below 1 stay free for the words.
    A quadrant squeezed by a cut near the edge gets smaller words, cut off at its border.
    """
    pad = WORD_PAD
    line = WORD_LINE
    layers = []
    boxes = []
    y_low, y_high = frame.y_domain
    px_per_y = frame.height / (y_high - y_low)
    for tile in tiles:
        right, top = tile["right"], tile["top"]
        room = float(frame.px(tile["x2"]) - frame.px(tile["x"])) - 2 * pad
        if top:  # the vertical cut's value stands at the top of its line
            room -= keep_clear
        word_size = _fitting_size(tile["word"], WORD_FONT_SIZE, 0.62, room, 14)
        question_size = _fitting_size(tile["question"], QUESTION_FONT_SIZE, 0.5, room, 11)
        x = float(frame.data_x(frame.width - pad)) if right else float(frame.data_x(pad))
        if top:
            word_y = y_high - pad / px_per_y
            question_y = word_y - (word_size + line) / px_per_y
        else:
            question_y = y_low + pad / px_per_y
            word_y = question_y + (question_size + line) / px_per_y
        rows = [
            {
                "quadrant": tile["quadrant"],
                "word": tile["word"],
                "question": tile["question"],
                "x": x,
                "word_y": word_y,
                "question_y": question_y,
            }
        ]
        text = {
            "type": "text",
            "align": "right" if right else "left",
            "baseline": "top" if top else "bottom",
            "color": INK,
            "opacity": 0.78,
            "limit": max(room, 1.0),
            "aria": False,
        }
        for text_y, size, em, words in (
            (word_y, word_size, 0.62, tile["word"]),
            (question_y, question_size, 0.5, tile["question"]),
        ):
            extent = min(len(words) * em * size, max(room, 1.0))
            left = frame.width - pad - extent if right else pad
            edge = float(frame.py(text_y))
            low, high = (edge - size, edge) if top else (edge, edge + size)
            boxes.append((left, low, left + extent, high))
        data = _InlineRows(f"words_{tile['quadrant']}", rows)
        layers.append(
            _layer(
                data,
                {**text, "fontSize": word_size, "fontWeight": "bold"},
                {"x": _X, "y": _field("word_y", "quantitative"), "text": _field("word")},
            )
        )
        layers.append(
            _layer(
                data,
                {**text, "fontSize": question_size, "fontStyle": "italic"},
                {"x": _X, "y": _field("question_y", "quantitative"), "text": _field("question")},
            )
        )
    return layers, boxes
