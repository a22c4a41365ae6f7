"""The strategy map of part 8.3 laid out in pixels: every cell, name and line gets its place
here (plain Python, no Altair), and `strategy_map` only draws them.

Vega-Lite has no table mark, so the chart is laid out on a canvas scaled one data unit to one
pixel. Names shrink, from `FONT_SIZE` down, until every word fits its column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import pandas as pd

from igemo_data.charts.text_metrics import text_width, wrap
from igemo_data.charts.theme import quadrant_colors
from igemo_data.schema import ELIMINEER, VERMEERDER, VERMINDER
from igemo_data.strategy_map import (
    COLUMNS,
    NOT_STATED,
    SIDES,
    differing_count,
    heading_label,
    stated_count,
)
from igemo_data.texts import (
    decision_label,
    domain_label,
    percent,
    quadrant_label,
    t,
)
from igemo_data.workshop import (
    HEADING_ELIMINATE,
    HEADING_INVEST,
    HEADING_REDUCE,
    HEADINGS,
)

# Okabe-Ito vermilion marks a service the matrix files elsewhere than the plan, as the arrows
# that cross a cut on the quadrant chart; the white chip keeps its name legible on any tint.
DIFFER_COLOR: Final = "#D55E00"
MARKER: Final = "●"
NOT_STATED_FILL: Final = "#EDEDED"
LABEL_FILL: Final = "#F3F3F3"
DOMAIN_FILL: Final = "#DDDDDD"
RULE_COLOR: Final = "#8A8A8A"
MUTED: Final = "#555555"
HEADING_FILLS: Final = {
    HEADING_INVEST: quadrant_colors()[VERMEERDER],
    HEADING_REDUCE: quadrant_colors()[VERMINDER],
    HEADING_ELIMINATE: quadrant_colors()[ELIMINEER],
}

FONT_SIZE: Final = 18.0  # the names' size when there is room
MIN_FONT_SIZE: Final = 16.0  # legible from the back of the room; a screen chart grows instead
SLIDE_MIN_FONT_SIZE: Final = 12.0  # a slide stays 1920×1080 even when one column holds all 39
FONT_STEP: Final = 0.5
TITLE_SIZE: Final = 28.0
SUBTITLE_SIZE: Final = 20.0
SIDE_TITLE_SIZE: Final = 24.0
DOMAIN_SIZE: Final = 20.0
LINE_SPACING: Final = 1.25
COLUMN_GAP: Final = 4.0
CLUSTER_GAP: Final = 4.0
DOMAIN_GAP: Final = 10.0
SIDE_GAP: Final = 28.0

SLIDE_WIDTH: Final = 1920
SLIDE_HEIGHT: Final = 1080
SCREEN_WIDTH: Final = 1380  # the main column of a 1920 px wide screen with the sidebar open


@dataclass(frozen=True)
class _Geometry:
    """Where the columns are, for a canvas `width` px wide and names at `size` px."""

    width: float
    size: float
    margin: float

    @property
    def line(self) -> float:
        return round(self.size * LINE_SPACING, 2)

    @property
    def pad(self) -> float:
        return round(self.size * 0.3, 2)

    @property
    def pad_y(self) -> float:
        return round(self.size * 0.25, 2)

    @property
    def indent(self) -> float:
        """Room for the marker before every name, so marked and plain names align."""
        return round(self.size * 0.9, 2)

    @property
    def band(self) -> float:
        return round(DOMAIN_SIZE * 1.9, 2)

    @property
    def label_width(self) -> float:
        return min(200.0, max(140.0, self.width * 0.1))

    @property
    def label_x(self) -> float:
        return self.margin + self.band + COLUMN_GAP

    @property
    def columns_x(self) -> float:
        return self.label_x + self.label_width + 2 * COLUMN_GAP

    @property
    def column_width(self) -> float:
        room = self.width - self.margin - self.columns_x - 4 * COLUMN_GAP - SIDE_GAP
        return room / 6

    def column_x(self, side: str, heading: str) -> float:
        x = self.columns_x + HEADINGS.index(heading) * (self.column_width + COLUMN_GAP)
        if side == "matrix":
            x += 3 * self.column_width + 2 * COLUMN_GAP + SIDE_GAP
        return x

    def side_span(self, side: str) -> tuple[float, float]:
        start = self.column_x(side, HEADINGS[0])
        return start, self.column_x(side, HEADINGS[-1]) + self.column_width

    @property
    def name_room(self) -> float:
        return self.column_width - self.indent - 2 * self.pad

    @property
    def strip_room(self) -> float:
        start, end = self.side_span("plan")
        return end - start - self.indent - 2 * self.pad


@dataclass
class _Drawing:
    """Everything the chart draws, in pixels from the top left (y runs down)."""

    rects: list[dict] = field(default_factory=list)  # x, y, x2, y2, fill
    texts: list[dict] = field(default_factory=list)  # kind, x, y, text
    lines: list[dict] = field(default_factory=list)  # one row per line of a service's name
    chips: list[dict] = field(default_factory=list)  # x, y, x2, y2, marker_x, marker_y
    height: float = 0.0
    squeezed: bool = False  # a word is wider than its column at this size
    sides: dict[str, str] = field(default_factory=dict)  # each side's title (`side_title`)
    left: str = "plan"  # what the left side files by: the plan's decisions or the workshop's

    def rect(self, x: float, y: float, x2: float, y2: float, fill: str) -> None:
        self.rects.append({"x": x, "y": y, "x2": x2, "y2": y2, "fill": fill})

    def text(self, kind: str, x: float, y: float, text: str) -> None:
        self.texts.append({"kind": kind, "x": x, "y": y, "text": text})

    def chip(self, x: float, y: float, x2: float, y2: float, g: _Geometry) -> None:
        self.chips.append(
            {
                "x": x,
                "x2": x2,
                "y": y + 2,
                "y2": y2 - 2,
                "marker_x": x + g.pad / 2 + g.indent * 0.45,
                "marker_y": y + g.line / 2,
            }
        )


def side_title(side: str, lang: str, horizon: float | None = None) -> str:
    """A side's title: the matrix's names the horizon it is read at, never a bare "now".

    At 100 % the matrix places the services by their future scores; "volgens de matrix nu"
    then said the opposite of what is drawn.
    """
    if side == "matrix" and horizon is not None:
        return t("smap_side_matrix_at", lang, horizon=percent(horizon))
    return t(f"smap_side_{side}", lang)


def _records(frame: pd.DataFrame) -> list[dict]:
    """The map's rows as plain Python values: laying out 39 names needs no pandas."""
    records = frame[list(COLUMNS)].to_dict("records")
    for record in records:
        for key in COLUMNS:
            record[key] = bool(record[key]) if key == "differs" else str(record[key])
    return records


def _left_words(left: str, key: str) -> str:
    """A catalogue key of the plan's side, or its counterpart for the workshop's decisions."""
    return key if left == "plan" else key.replace("smap_", "smap_decisions_", 1)


def _layout(
    frame: pd.DataFrame,
    *,
    lang: str,
    g: _Geometry,
    title: str | None,
    subtitle: str | None,
    horizon: float | None = None,
    left: str = "plan",
) -> _Drawing:
    drawing = _Drawing(sides={side: side_title(side, lang, horizon) for side in SIDES}, left=left)
    drawing.sides["plan"] = side_title(left, lang)  # "decisions": "Volgens de beslissingen"
    top = g.margin
    legend = t(
        _left_words(left, "smap_legend"),
        lang,
        count=differing_count(frame),
        total=stated_count(frame),
    )
    key_width = _key_width(g, lang, legend)
    if title:
        drawing.text("title", g.margin, top, title)
        # The key shares the title's line, right-aligned, so the map keeps its height; a long
        # scenario name pushes it onto a line of its own.
        title_end = g.margin + text_width(title, TITLE_SIZE, bold=True)
        beside = title_end + 2 * g.size <= g.width - g.margin - key_width
        if beside:
            left = g.width - g.margin - key_width
            _key(drawing, g, lang, legend, left=left, middle=top + TITLE_SIZE / 2)
        top += TITLE_SIZE + 8
        if subtitle:
            drawing.text("subtitle", g.margin, top, subtitle)
            top += SUBTITLE_SIZE
        top += 16
        if not beside:
            _key(drawing, g, lang, legend, left=g.margin + g.pad, middle=top + g.line / 2)
            top += g.line + 12
    else:
        _key(drawing, g, lang, legend, left=g.columns_x + g.pad, middle=top + g.line / 2)
        top += g.line + 12

    # The two sides' titles, then each side's three headings as column heads.
    for side in SIDES:
        start, end = g.side_span(side)
        drawing.text("side", (start + end) / 2, top, drawing.sides[side])
    top += SIDE_TITLE_SIZE + 10
    head_top = top
    room = g.column_width - 2 * g.pad
    head_lines = {h: wrap(heading_label(h, lang), room, g.size, bold=True) for h in HEADINGS}
    head_height = max(len(lines) for lines in head_lines.values()) * g.line + 2 * g.pad
    for side in SIDES:
        for heading in HEADINGS:
            x = g.column_x(side, heading)
            drawing.rect(x, top, x + g.column_width, top + head_height, HEADING_FILLS[heading])
            for i, line in enumerate(head_lines[heading]):
                y = top + g.pad + (i + 0.5) * g.line
                drawing.text("head", x + g.column_width / 2, y, line)
    top += head_height + COLUMN_GAP

    # `strategy_map` keeps each werkdomein's and cluster's services together, in order.
    groups: dict[str, dict[str, list[dict]]] = {}
    for service in _records(frame):
        groups.setdefault(service["domain"], {}).setdefault(service["cluster"], []).append(service)
    for domain, clusters in groups.items():
        domain_top = top
        for cluster, members in clusters.items():
            top = _cluster_row(drawing, members, cluster, top, g, lang) + CLUSTER_GAP
        domain_bottom = top - CLUSTER_GAP
        drawing.rect(g.margin, domain_top, g.margin + g.band, domain_bottom, DOMAIN_FILL)
        drawing.text(
            "domain",
            g.margin + g.band / 2,
            (domain_top + domain_bottom) / 2,
            domain_label(domain, lang).upper(),
        )
        top = domain_bottom + DOMAIN_GAP
    body_bottom = top - DOMAIN_GAP if len(frame) else top
    rule_x = g.side_span("plan")[1] + SIDE_GAP / 2
    drawing.rect(rule_x - 1, head_top, rule_x + 1, body_bottom, RULE_COLOR)

    drawing.height = body_bottom + g.margin
    return drawing


def _key_width(g: _Geometry, lang: str, legend: str) -> float:
    return (
        g.indent
        + text_width(t("field_name", lang), g.size, bold=True)
        + 2 * g.pad
        + (text_width(legend, g.size))
    )


def _key(drawing: _Drawing, g: _Geometry, lang: str, legend: str, *, left: float, middle: float):
    """A chip like the ones in the cells, and how many services are marked so."""
    key = t("field_name", lang)
    chip_width = g.indent + text_width(key, g.size, bold=True) + g.pad
    top = middle - g.line / 2
    drawing.chip(left - g.pad / 2, top, left + chip_width, top + g.line, g)
    drawing.text("key", left + g.indent, middle, key)
    drawing.text("legend", left + chip_width + g.pad, middle, legend)


def _cluster_row(
    drawing: _Drawing, members: list[dict], cluster: str, top: float, g: _Geometry, lang: str
) -> float:
    """Lay out one cluster's row of cells from `top`; return its bottom."""
    label_lines = wrap(cluster, g.label_width - 2 * g.pad, g.size, bold=True)
    wrapped = {m["id"]: wrap(m["name"], g.name_room, g.size, bold=m["differs"]) for m in members}
    apart = [m for m in members if m["plan_heading"] == NOT_STATED]
    apart_lines = {m["id"]: wrap(m["name"], g.strip_room, g.size) for m in apart}
    for m in members:
        if any(
            text_width(line, g.size, bold=m["differs"]) > g.name_room for line in wrapped[m["id"]]
        ):
            drawing.squeezed = True

    def under(side: str, heading: str) -> list[dict]:
        return [m for m in members if m[f"{side}_heading"] == heading]

    def lines_under(side: str, heading: str) -> int:
        return sum(len(wrapped[m["id"]]) for m in under(side, heading))

    strip_count = sum(len(lines) for lines in apart_lines.values())
    strip_height = strip_count * g.line + 2 * g.pad_y if strip_count else 0.0
    strip_room = strip_height + COLUMN_GAP if strip_count else 0.0
    plan_lines = max(lines_under("plan", h) for h in HEADINGS)
    matrix_lines = max(lines_under("matrix", h) for h in HEADINGS)
    bottom = top + max(
        len(label_lines) * g.line + 2 * g.pad_y,
        plan_lines * g.line + 2 * g.pad_y + strip_room,
        matrix_lines * g.line + 2 * g.pad_y,
    )

    drawing.rect(g.label_x, top, g.label_x + g.label_width, bottom, LABEL_FILL)
    for i, line in enumerate(label_lines):
        drawing.text("cluster", g.label_x + g.pad, top + g.pad_y + (i + 0.5) * g.line, line)

    cells_bottom = {"plan": bottom - strip_room, "matrix": bottom}
    for side in SIDES:
        for heading in HEADINGS:
            x = g.column_x(side, heading)
            drawing.rect(x, top, x + g.column_width, cells_bottom[side], HEADING_FILLS[heading])
            y = top + g.pad_y
            for m in under(side, heading):
                _name(drawing, m, side, x + g.pad, y, wrapped[m["id"]], g, lang, g.name_room)
                y += len(wrapped[m["id"]]) * g.line

    if strip_count:
        x, end = g.side_span("plan")
        strip_top = bottom - strip_height
        drawing.rect(x, strip_top, end, bottom, NOT_STATED_FILL)
        label = (
            heading_label(NOT_STATED, lang).lower()
            if drawing.left == "plan"
            else t("smap_decisions_apart", lang)
        )
        drawing.text("apart", end - g.pad, strip_top + g.pad_y + g.line / 2, label)
        y = strip_top + g.pad_y
        for m in apart:
            _name(drawing, m, "plan", x + g.pad, y, apart_lines[m["id"]], g, lang, g.strip_room)
            y += len(apart_lines[m["id"]]) * g.line
    return bottom


def _name(
    drawing: _Drawing,
    service: dict,
    side: str,
    x: float,
    y: float,
    lines: list[str],
    g: _Geometry,
    lang: str,
    room: float,
) -> None:
    """One service's name in a cell, line by line, with its chip and marker when it differs."""
    differs = service["differs"]
    if differs:
        widest = max(text_width(line, g.size, bold=True) for line in lines)
        x2 = x + g.indent + min(widest, room) + g.pad / 2
        drawing.chip(x - g.pad / 2, y, x2, y + len(lines) * g.line, g)
    plan = service["plan_heading"]
    heading = plan if side == "plan" else service["matrix_heading"]
    state = "smap_state_differs" if differs else "smap_state_agrees"
    if plan == NOT_STATED:
        state = "smap_state_not_stated"
    state = _left_words(drawing.left, state)
    domain = domain_label(service["domain"], lang)
    common = {
        "id": service["id"],
        "side": side,
        "name": service["name"],
        "code": service["code"],
        "domain_label": domain,
        "cluster": service["cluster"],
        "decision": decision_label(service["plan_decision"], lang),
        "quadrant_label": quadrant_label(service["quadrant"], lang),
        "differs": differs,
        "room": room,
        "description": (
            f"{service['name']} ({service['code']}, {domain}) · {drawing.sides[side]}: "
            f"{heading_label(heading, lang)} · {t(state, lang)}"
        ),
    }
    for i, line in enumerate(lines):
        drawing.lines.append(
            {
                **common,
                "x": x + g.indent,
                "y": y + (i + 0.5) * g.line,
                "text": line,
                "first": i == 0,
            }
        )


def _fit(
    frame: pd.DataFrame,
    *,
    lang: str,
    width: float,
    height: float | None,
    title: str | None,
    subtitle: str | None,
    smallest: float,
    horizon: float | None = None,
    left: str = "plan",
) -> tuple[_Geometry, _Drawing]:
    """The largest name size, from `FONT_SIZE` down to `smallest`, at which every word fits
    its column and the map fits `height`."""
    margin = 24.0 if title else 6.0
    size = FONT_SIZE
    while True:
        geometry = _Geometry(width=width, size=size, margin=margin)
        drawing = _layout(
            frame, lang=lang, g=geometry, title=title, subtitle=subtitle, horizon=horizon,
            left=left,
        )  # fmt: skip
        fits = not drawing.squeezed and (height is None or drawing.height <= height)
        if fits or size - FONT_STEP < smallest:
            return geometry, drawing
        size -= FONT_STEP
