"""The plan's strategy map of part 8.3 as a chart: the plan's side left, the matrix's right.

`igemo_data.strategy_map` files each service under its heading twice (data only);
`strategy_map_layout` places every cell and name in pixels; this module draws them, on screen
and on a 1920×1080 slide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd

from igemo_data.charts.export import describe_settings
from igemo_data.charts.strategy_map_layout import (
    DIFFER_COLOR,
    DOMAIN_SIZE,
    MARKER,
    MIN_FONT_SIZE,
    MUTED,
    SCREEN_WIDTH,
    SIDE_TITLE_SIZE,
    SLIDE_HEIGHT,
    SLIDE_MIN_FONT_SIZE,
    SLIDE_WIDTH,
    SUBTITLE_SIZE,
    TITLE_SIZE,
    _fit,
    _Geometry,
)
from igemo_data.charts.theme import INK, USERMETA
from igemo_data.settings import Settings
from igemo_data.texts import (
    DEFAULT_LANGUAGE,
    t,
)


@dataclass(frozen=True)
class _Canvas:
    """Encodings that map data units one to one onto pixels, y running down."""

    width: float
    height: float

    def x(self, name: str = "x") -> alt.X:
        scale = alt.Scale(domain=[0, self.width], nice=False, zero=False)
        return alt.X(f"{name}:Q", scale=scale, axis=None)

    def y(self, name: str = "y") -> alt.Y:
        scale = alt.Scale(domain=[0, self.height], nice=False, zero=False, reverse=True)
        return alt.Y(f"{name}:Q", scale=scale, axis=None)


def strategy_map_chart(
    frame: pd.DataFrame,
    *,
    lang: str = DEFAULT_LANGUAGE,
    title: str | None = None,
    subtitle: str | None = None,
    width: int = SCREEN_WIDTH,
    height: int | None = None,
    smallest: float = MIN_FONT_SIZE,
    horizon: float | None = None,
    left: str = "plan",
) -> alt.LayerChart:
    """The strategy map as the plan prints it: the plan's side left, the matrix's right.

    `frame` is `strategy_map`'s result. Rows are werkdomeinen and clusters in the plan's order;
    each side has the three headings as tinted columns with every service's name in its cell,
    one per line; a service the plan's text does not mention sits apart in a grey strip under
    the plan's cells. A service under another heading than in the plan is drawn bold in a
    white chip with a vermilion border and a ●, on both sides.

    The canvas is `width` px wide. Names are `FONT_SIZE` px where every word fits its column,
    smaller (not below `smallest`) where not. Without `height` the canvas is as tall as the map
    needs; with it the names shrink until the map fits, and the canvas is exactly `height`
    tall unless even `smallest` needs more. `horizon` is the time horizon the matrix's side
    is read at: its title names it. `left` is "decisions" when `frame`'s decisions are the
    workshop's (`decisions.effective_decisions`): the left side is then "Volgens de
    beslissingen".
    """
    g, drawing = _fit(
        frame,
        lang=lang,
        width=float(width),
        height=None if height is None else float(height),
        title=title,
        subtitle=subtitle,
        smallest=smallest,
        horizon=horizon,
        left=left,
    )
    canvas = _Canvas(width=float(width), height=max(float(height or 0), math.ceil(drawing.height)))
    chips = pd.DataFrame(drawing.chips)
    layers: list[alt.Chart] = [
        alt.Chart(pd.DataFrame(drawing.rects))
        .mark_rect(aria=False, strokeWidth=0)
        .encode(
            x=canvas.x(), x2="x2:Q", y=canvas.y(), y2="y2:Q", fill=alt.Fill("fill:N", scale=None)
        ),
        alt.Chart(chips)
        .mark_rect(fill="white", stroke=DIFFER_COLOR, strokeWidth=2.5, cornerRadius=5, aria=False)
        .encode(x=canvas.x(), x2="x2:Q", y=canvas.y(), y2="y2:Q"),
        alt.Chart(chips)
        .mark_text(
            text=MARKER,
            fontSize=g.size * 1.1,
            color=DIFFER_COLOR,
            align="center",
            baseline="middle",
            aria=False,
        )
        .encode(x=canvas.x("marker_x"), y=canvas.y("marker_y")),
    ]

    texts = pd.DataFrame(drawing.texts)
    styles = {
        "title": {"fontSize": TITLE_SIZE, "fontWeight": "bold", "baseline": "top",
                  "limit": width - 2 * g.margin},
        "subtitle": {"fontSize": SUBTITLE_SIZE, "color": "#444444", "baseline": "top",
                     "limit": width - 2 * g.margin},
        "side": {"fontSize": SIDE_TITLE_SIZE, "fontWeight": "bold", "align": "center",
                 "baseline": "top"},
        "head": {"fontSize": g.size, "fontWeight": "bold", "align": "center"},
        "cluster": {"fontSize": g.size, "fontWeight": "bold"},
        "domain": {"fontSize": DOMAIN_SIZE, "fontWeight": "bold", "align": "center",
                   "angle": 270},
        "apart": {"fontSize": g.size, "fontStyle": "italic", "color": MUTED, "align": "right"},
        "key": {"fontSize": g.size, "fontWeight": "bold"},
        "legend": {"fontSize": g.size},
    }  # fmt: skip
    for kind, style in styles.items():
        data = texts[texts["kind"] == kind]
        if len(data):
            mark = {"align": "left", "baseline": "middle", "color": INK, "aria": False, **style}
            layers.append(
                alt.Chart(data).mark_text(**mark).encode(x=canvas.x(), y=canvas.y(), text="text:N")
            )
    if drawing.lines:
        layers.extend(_name_layers(pd.DataFrame(drawing.lines), g, canvas, lang))
    chart = alt.layer(*layers).properties(
        width=width, height=canvas.height, usermeta=USERMETA, padding=0, autosize="none"
    )
    return chart.configure_view(stroke=None)


def _name_layers(lines: pd.DataFrame, g: _Geometry, canvas: _Canvas, lang: str) -> list[alt.Chart]:
    """Every service's name, line by line: bold where it differs, clipped to its column."""
    tooltip = [
        alt.Tooltip("name:N", title=t("field_name", lang)),
        alt.Tooltip("code:N", title=t("field_code", lang)),
        alt.Tooltip("domain_label:N", title=t("field_domain", lang)),
        alt.Tooltip("cluster:N", title=t("field_cluster", lang)),
        alt.Tooltip("decision:N", title=t("field_plan_decision", lang)),
        alt.Tooltip("quadrant_label:N", title=t("field_quadrant", lang)),
    ]
    layers = []
    # Mark properties cannot be encoded: one layer per weight and width. Only a name's first
    # line speaks to a screen reader, its description naming the service and both headings.
    for (first, differs, room), part in lines.groupby(["first", "differs", "room"], sort=False):
        encoding = {"x": canvas.x(), "y": canvas.y(), "text": "text:N", "tooltip": tooltip}
        if first:
            encoding["description"] = alt.Description("description:N")
        layers.append(
            alt.Chart(part)
            .mark_text(
                align="left",
                baseline="middle",
                fontSize=g.size,
                fontWeight="bold" if differs else "normal",
                color=INK,
                limit=float(room) + g.pad,
                aria=bool(first),
            )
            .encode(**encoding)
        )
    return layers


def slide(
    frame: pd.DataFrame,
    settings: Settings,
    *,
    lang: str,
    scenario_name: str,
    on: date,
    left: str = "plan",
) -> dict:
    """The map for a 1920×1080 slide: titled with the scenario, settings and date; white."""
    chart = strategy_map_chart(
        frame,
        lang=lang,
        title=f"{t('page_strategy_map', lang)} — {scenario_name}",
        subtitle=f"{describe_settings(settings, lang)} · {on:%d-%m-%Y}",
        width=SLIDE_WIDTH,
        height=SLIDE_HEIGHT,
        smallest=SLIDE_MIN_FONT_SIZE,
        horizon=settings.horizon,
        left=left,
    )
    spec = chart.to_dict()
    spec["background"] = "white"
    return spec
