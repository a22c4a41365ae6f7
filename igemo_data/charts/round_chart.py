"""The charts of a scoring round: the room's matrix and one service's answers as dots.

`round_chart` draws every service at the group's position (design §8) on the same quadrant
backdrop as every other chart, with a cross over the interquartile range of the raters'
positions on both axes, coloured by the group's quadrant; a service whose raters fall in two
or more quadrants gets a dashed ring and "verdeeld" in its label. Tied services are spread
like on the overview (`layout`), each cross moving with its marker so its size stays true.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Final

import altair as alt
import numpy as np
import pandas as pd

from igemo_data.charts.backdrop import _static_layers, stamp_layers
from igemo_data.charts.export import CHART_MARGINS, SLIDE_HEIGHT, SLIDE_WIDTH
from igemo_data.charts.label_layers import _code_layers, _code_record
from igemo_data.charts.layout import _layout
from igemo_data.charts.marks import _X, _Y, _field, _layer, _number_expr, _title
from igemo_data.charts.spec import as_spec
from igemo_data.charts.theme import (
    AXIS_LABEL_FONT_SIZE,
    AXIS_TITLE_FONT_SIZE,
    HEIGHT,
    INK,
    LEGEND_FONT_SIZE,
    USERMETA,
    WIDTH,
    PlotFrame,
)
from igemo_data.rounds import shares_text
from igemo_data.schema import CREEER, ELIMINEER, QUADRANTS, SCORE_COLUMNS, VERMEERDER, VERMINDER
from igemo_data.settings import Settings
from igemo_data.texts import domain_label, format_score, quadrant_label, t

# Okabe-Ito, strong enough to read on the pale quadrant tints; one per group quadrant.
ROUND_COLORS: Final[dict[str, str]] = {
    VERMEERDER: "#009E73",
    CREEER: "#0072B2",
    VERMINDER: "#E69F00",
    ELIMINEER: "#D55E00",
}
MARKER_SIZE: Final = 560
DIVIDED_RING: Final = 1700  # px² of the dashed ring round a divided service
CROSS_WIDTH: Final = 3.0
DOT_SIZE: Final = 150  # px²: a dot about 12 px across
DOT_STEP_PX: Final = 13  # px between two stacked dots of the same value
MEDIAN_COLOR: Final = "#D55E00"


def _rows(summary: pd.DataFrame, services: pd.DataFrame) -> pd.DataFrame:
    """The summary with each service's code, name and werkdomein, in the summary's order."""
    named = services.set_index("id")[["code", "name", "domain"]]
    return summary.join(named, on="id")


def round_chart(
    summary: pd.DataFrame,
    services: pd.DataFrame,
    settings: Settings,
    *,
    lang: str,
    width: int = WIDTH,
    height: int = HEIGHT,
    title: str | None = None,
    subtitle: str | None = None,
    on_screen: bool = False,
) -> alt.LayerChart:
    """The room's matrix: `summary` is `round_summary` at `settings`' horizon and cuts."""
    frame = PlotFrame(width=width, height=height)
    table = _rows(summary, services)
    layout = _layout(table, market_cut=settings.market_cut, need_cut=settings.need_cut, frame=frame)
    # Each marker's shift from its true place in pixels; its cross moves with it.
    dx = layout.x - frame.px(table["market"].to_numpy(float))
    dy = layout.y - frame.py(table["need"].to_numpy(float))
    xs, ys = frame.data_x(layout.x), frame.data_y(layout.y)
    points, crosses, rings, codes = [], [], [], []
    divided_word = t("round_divided", lang)
    for i, row in enumerate(table.itertuples(index=False)):
        quadrant = quadrant_label(row.quadrant, lang)
        label = f"{row.name} ({row.code}, {domain_label(row.domain, lang)}): {quadrant}"
        point = {
            "id": row.id,
            "code": row.code,
            "name": row.name,
            "quadrant": row.quadrant,
            "x": float(xs[i]),
            "y": float(ys[i]),
            "description": f"{label} · {divided_word}" if row.divided else label,
            "n": int(row.n),
            "market_text": format_score(float(row.market), lang),
            "need_text": format_score(float(row.need), lang),
            "shares": shares_text(row._asdict(), lang),
            "quadrant_label": quadrant,
            "divided_text": divided_word if row.divided else "",
        }
        points.append(point)
        codes.append(_code_record(point, layout, hollow=False))
        if row.divided:
            rings.append({"x": point["x"], "y": point["y"]})
        if int(row.n) > 0 and not math.isnan(float(row.market_q1)):
            x1, x3 = frame.data_x(frame.px([row.market_q1, row.market_q3]) + dx[i])
            y1, y3 = frame.data_y(frame.py([row.need_q1, row.need_q3]) + dy[i])
            crosses.append({"x": float(x1), "x2": float(x3), "y": point["y"], "y2": point["y"]})
            crosses.append({"x": point["x"], "x2": point["x"], "y": float(y1), "y2": float(y3)})
    layers, _ = _static_layers(
        float(settings.market_cut), float(settings.need_cut), lang, frame, cut_labels=on_screen
    )
    if on_screen:
        layers.extend(stamp_layers(settings, lang, frame))
    colour = _field(
        "quadrant",
        scale={"domain": list(QUADRANTS), "range": [ROUND_COLORS[q] for q in QUADRANTS]},
        legend=None,
    )
    cross_mark = {
        "type": "rule",
        "strokeWidth": CROSS_WIDTH,
        "color": INK,
        "opacity": 0.6,
        "clip": True,  # a long cross ends at the plot's edge, off the words above it
        "aria": False,
    }
    layers.append(
        _layer(
            ("round_crosses", crosses),
            cross_mark,
            {"x": _X, "x2": {"field": "x2"}, "y": _Y, "y2": {"field": "y2"}},
        )
    )
    ring = {
        "type": "point",
        "shape": "circle",
        "size": DIVIDED_RING,
        "filled": False,
        "stroke": INK,
        "strokeWidth": 2.5,
        "strokeDash": [5, 3],
        "aria": False,
    }
    layers.append(_layer(("round_divided", rings), ring, {"x": _X, "y": _Y}))
    tooltip = [
        _field("name", title=t("field_name", lang)),
        _field("code", title=t("field_code", lang)),
        _field("n", title=t("round_raters", lang)),
        _field("market_text", title=t("round_group_market", lang)),
        _field("need_text", title=t("round_group_need", lang)),
        _field("quadrant_label", title=t("field_quadrant", lang)),
        _field("shares", title=t("round_shares_title", lang)),
        _field("divided_text", title=divided_word),
    ]
    marker = {
        "type": "point",
        "filled": True,
        "shape": "circle",
        "size": MARKER_SIZE,
        "stroke": INK,
        "strokeWidth": 1.2,
        "opacity": 1,
    }
    layers.append(
        _layer(
            ("round_points", points),
            marker,
            {
                "x": _X,
                "y": _Y,
                "color": colour,
                "tooltip": tooltip,
                "description": _field("description"),
            },
        )
    )
    layers.extend(_code_layers(codes, True, layout))
    top = _title(title, subtitle)
    if on_screen:
        top["autosize"] = {"type": "pad"}
    return alt.LayerChart(
        layer=layers,
        width=width,
        height=height,
        usermeta={"embedOptions": dict(USERMETA["embedOptions"])},
        **top,
    )


def round_slide_spec(
    summary: pd.DataFrame,
    services: pd.DataFrame,
    settings: Settings,
    *,
    lang: str,
    title: str,
    on: date,
) -> dict:
    """The room's matrix as a 1920×1080 slide (PNG/PDF through `export`): title, date, no
    screen furniture."""
    width = SLIDE_WIDTH - CHART_MARGINS["left"] - CHART_MARGINS["right"]
    height = SLIDE_HEIGHT - CHART_MARGINS["top"] - CHART_MARGINS["bottom"]
    chart = round_chart(
        summary,
        services,
        settings,
        lang=lang,
        width=width,
        height=height,
        title=title,
        subtitle=f"{t('round_slide_subtitle', lang)} · {on:%d-%m-%Y}",
        on_screen=True,
    )
    spec = as_spec(chart)
    spec.update(
        width=width,
        height=height,
        autosize={"type": "none"},
        padding=dict(CHART_MARGINS),
        background="white",
    )
    return spec


def answers_dot_plot(
    answers: pd.DataFrame, *, lang: str, show_names: bool, width: int = 560
) -> alt.LayerChart:
    """Every answer for one service, one row per score: a dot per rater at the value given,
    stacked where values tie, and a black tick at the group's median."""
    rows, medians = [], []
    labels = [t(f"field_{column}", lang) for column in SCORE_COLUMNS]
    given_per = [answers[["participant", "name", c]].dropna(subset=[c]) for c in SCORE_COLUMNS]
    tallest = max(
        [
            int(g[c].round(1).value_counts().max())
            for g, c in zip(given_per, SCORE_COLUMNS, strict=True)
            if len(g)
        ]
        or [1]
    )
    line_px = max(64, DOT_STEP_PX * tallest + 28)  # each score's row holds its tallest stack
    step = DOT_STEP_PX / line_px
    for line, (column, given) in enumerate(zip(SCORE_COLUMNS, given_per, strict=True)):
        if len(given):
            medians.append({"x": float(given[column].median()), "y": float(line)})
        seen: dict[float, int] = {}
        stacks = given[column].round(1).value_counts()
        for participant, name, value in given.itertuples(index=False):
            value = round(float(value), 1)
            level = seen.get(value, 0)
            seen[value] = level + 1
            who = name if show_names and name else t("round_participant_n", lang, n=participant)
            rows.append(
                {
                    "x": value,
                    "y": line + (level - (int(stacks[value]) - 1) / 2) * step,
                    "who": who,
                    "value": format_score(value, lang),
                    "score": labels[line],
                    "description": f"{labels[line]}: {format_score(value, lang)} ({who})",
                }
            )
    label_expr = " : ".join(f"datum.value == {i} ? '{text}'" for i, text in enumerate(labels))
    y = {
        "field": "y",
        "type": "quantitative",
        "scale": {"domain": [-0.5, len(labels) - 0.5], "reverse": True, "nice": False},
        "axis": {
            "values": list(range(len(labels))),
            "labelExpr": f"{label_expr} : ''",
            "title": None,
            "labelFontSize": LEGEND_FONT_SIZE,
            "labelLimit": 260,
            "grid": False,
        },
    }
    x = {
        "field": "x",
        "type": "quantitative",
        "scale": {"domain": [0.95, 2.05], "nice": False, "zero": False},
        "axis": {
            "values": list(np.round(np.arange(1.0, 2.01, 0.1), 1)),
            "labelExpr": _number_expr(lang),
            "title": f"{t('axis_weak', lang)} → {t('axis_strong', lang)}",
            "labelFontSize": AXIS_LABEL_FONT_SIZE - 2,
            "titleFontSize": AXIS_TITLE_FONT_SIZE - 4,
        },
    }
    dots = _layer(
        ("round_dots", rows),
        {"type": "point", "filled": True, "size": DOT_SIZE, "color": "#0072B2", "stroke": INK},
        {
            "x": x,
            "y": y,
            "tooltip": [_field("score"), _field("value"), _field("who")],
            "description": _field("description"),
        },
    )
    tick = {
        "type": "tick",
        "orient": "vertical",
        "thickness": 4,
        "size": line_px - 8,
        "color": MEDIAN_COLOR,
    }
    median_layer = _layer(("round_medians", medians), tick, {"x": _X, "y": _Y})
    return alt.LayerChart(
        layer=[dots, median_layer],
        width=width,
        height=line_px * len(labels),
        usermeta={"embedOptions": dict(USERMETA["embedOptions"])},
    )
