"""The charts of the Strategiekaart, as Altair specs: data in, chart out, no Streamlit.

The quadrant chart is read from the back of a workshop room on a 1920×1080 projector and pasted
onto board slides, so every size here is chosen for that: large markers, 16–34 px text, and no
service ever hidden behind another. The plan's scores tie heavily (at horizon 0 the 39 services
sit on four points), so `spread_positions` lays tied and nearly tied services out on a lattice of
free cells inside their own quadrant; the layout is deterministic and keeps each service in its
cell from one rerun to the next.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import altair as alt
import numpy as np
import pandas as pd

from igemo_data.matrix import CUT_TOLERANCE
from igemo_data.schema import (
    CREEER,
    DOMAINS,
    ELIMINEER,
    QUADRANTS,
    SCORE_COLUMNS,
    SCORE_MAX,
    SCORE_MIN,
    VERMEERDER,
    VERMINDER,
    quadrant_for,
)
from igemo_data.texts import DEFAULT_LANGUAGE, decision_label, domain_label, quadrant_label, t

# --- Palette and sizes -----------------------------------------------------------------------

# Paul Tol's "pale" scheme: background tints made to carry dark text, distinct from each other
# and from the Okabe-Ito marker colours drawn on top of them.
QUADRANT_COLORS: Final[dict[str, str]] = {
    VERMEERDER: "#CCDDAA",  # pale green
    CREEER: "#BBCCEE",  # pale blue
    VERMINDER: "#EEEEBB",  # pale yellow
    ELIMINEER: "#FFCCCC",  # pale red
}
# Okabe-Ito, the colour-blind-safe palette; vermilion is kept for arrows that cross a cut.
DOMAIN_COLORS: Final[dict[str, str]] = {
    "RUIMTE": "#009E73",  # bluish green
    "MENS": "#CC79A7",  # reddish purple
    "BESTUUR": "#0072B2",  # blue
}
DOMAIN_SHAPES: Final[dict[str, str]] = {
    "RUIMTE": "circle",
    "MENS": "diamond",
    "BESTUUR": "square",
}
# Vega draws every symbol inside a square of side sqrt(size); a diamond fills half of it, a
# circle 79 %, so the sizes differ to give the three shapes about the same visible area.
DOMAIN_MARKER_SIZES: Final[dict[str, int]] = {"RUIMTE": 620, "MENS": 760, "BESTUUR": 460}
CROSSING_COLOR: Final = "#D55E00"  # Okabe-Ito vermilion
ARROW_COLOR: Final = "#6B6B6B"
INK: Final = "#1F1F1F"
CUT_LINE_COLOR: Final = "#222222"

# The plotted window: the scores run 1–2; the margin left and right keeps markers and their
# codes off the frame, the bands above 2 and below 1 hold the quadrants' action words.
X_DOMAIN: Final = (0.88, 2.14)
Y_DOMAIN: Final = (0.80, 2.20)
WIDTH: Final = 900
HEIGHT: Final = 700
TICKS: Final = (1.0, 1.5, 2.0)

MARKER_DIAMETER: Final = math.sqrt(max(DOMAIN_MARKER_SIZES.values()))  # px, bounding square
LABEL_FONT_SIZE: Final = 17
LABEL_GAP: Final = 3  # px between a marker's edge and its code
CELL_GAP_X: Final = 7  # px between a code and the next marker to its right
CELL_GAP_Y: Final = 5  # px between two markers one above the other
CUT_CLEARANCE: Final = 4  # px between a marker (or its code) and a cut line
# Bold sans-serif digits and lower-case letters average about 0.6 em; a little over so the
# code never touches the next marker.
CHAR_WIDTH_EM: Final = 0.62

WORD_FONT_SIZE: Final = 34
QUESTION_FONT_SIZE: Final = 18
AXIS_LABEL_FONT_SIZE: Final = 18
AXIS_TITLE_FONT_SIZE: Final = 22
LEGEND_FONT_SIZE: Final = 18
TITLE_FONT_SIZE: Final = 28
SUBTITLE_FONT_SIZE: Final = 20

SELECTION_NAME: Final = "dienst"
USERMETA: Final = {"embedOptions": {"renderer": "svg"}}


def quadrant_colors() -> dict[str, str]:
    """Background tint per quadrant key, for pages that draw their own quadrant colours."""
    return dict(QUADRANT_COLORS)


def domain_colors() -> dict[str, str]:
    """Marker colour per werkdomein."""
    return dict(DOMAIN_COLORS)


def domain_shapes() -> dict[str, str]:
    """Vega symbol shape per werkdomein."""
    return dict(DOMAIN_SHAPES)


def format_score(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A score as a director reads it: `1`, `1,5`, `1,33` (decimal point in English)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


# --- Placement ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlotFrame:
    """Pixel geometry of the plotting area; pixel y runs upwards like the data."""

    width: float = WIDTH
    height: float = HEIGHT
    x_domain: tuple[float, float] = X_DOMAIN
    y_domain: tuple[float, float] = Y_DOMAIN

    def px(self, x):
        low, high = self.x_domain
        return (np.asarray(x, dtype=float) - low) / (high - low) * self.width

    def py(self, y):
        low, high = self.y_domain
        return (np.asarray(y, dtype=float) - low) / (high - low) * self.height

    def data_x(self, px):
        low, high = self.x_domain
        return low + np.asarray(px, dtype=float) / self.width * (high - low)

    def data_y(self, py):
        low, high = self.y_domain
        return low + np.asarray(py, dtype=float) / self.height * (high - low)


def label_width(codes: Iterable[str]) -> float:
    """Pixels the longest code needs beside its marker."""
    longest = max((len(str(code)) for code in codes), default=2)
    return max(longest, 2) * CHAR_WIDTH_EM * LABEL_FONT_SIZE


def _axis_cells(
    edge: float, step: float, inner: float, outer: float
) -> tuple[np.ndarray, np.ndarray]:
    """Cell centres along one axis for one side of a cut line, in pixels.

    The cells run from the score's edge (1 or 2; `step` is signed, pointing to the cut) to
    `inner`, the last place a cell clears the cut line, evenly spaced at least `step` apart:
    a service scored exactly 1 or 2 sits on its value, and a service on the cut sits right
    beside the line. Cells beyond the edge, out to `outer`, are a reserve for crowded quadrants.
    """
    pitch = abs(step)
    sign = 1.0 if step > 0 else -1.0
    span = (inner - edge) * sign
    centres: list[float] = []
    reserve: list[bool] = []
    if span >= 0:
        gaps = math.floor(span / pitch + 1e-9)
        spacing = span / gaps if gaps else 0.0
        centres = [edge + sign * spacing * k for k in range(gaps + 1)]
        reserve = [False] * len(centres)
        first_reserve = edge - step
    else:
        # The cut lies closer to the edge than half a cell: only the reserve side is left.
        first_reserve = inner
    c = first_reserve
    while (c - outer) * sign >= -1e-9:
        centres.append(c)
        reserve.append(True)
        c -= step
    if not centres:
        # A cut within a marker's width of the frame: one tight cell on the right side.
        centres, reserve = [inner], [True]
    return np.array(centres), np.array(reserve)


class _Grid:
    """Free cells per quadrant; `take` hands out the free cell nearest to a service's spot.

    A cell is a marker plus its code to the right; cells of different quadrants never come
    closer than a cell because each quadrant's cells stop short of the cut lines. When every
    cell of a quadrant is taken (hundreds of services), cells are handed out a second time,
    least used first: overlap is then unavoidable, but placement stays deterministic.
    """

    def __init__(
        self, frame: PlotFrame, market_cut: float, need_cut: float, label_px: float
    ) -> None:
        self.frame = frame
        self.market_cut = market_cut
        self.need_cut = need_cut
        radius = MARKER_DIAMETER / 2
        reach_right = radius + LABEL_GAP + label_px
        self.cell_width = MARKER_DIAMETER + LABEL_GAP + label_px + CELL_GAP_X
        self.cell_height = MARKER_DIAMETER + CELL_GAP_Y
        px_cut = float(frame.px(market_cut))
        py_cut = float(frame.py(need_cut))
        px_low, px_high = 0.0, float(frame.width)
        py_low, py_high = 0.0, float(frame.height)
        x_cells = {
            False: _axis_cells(
                float(frame.px(SCORE_MIN)),
                self.cell_width,
                px_cut - reach_right - CUT_CLEARANCE,
                px_low + radius,
            ),
            True: _axis_cells(
                float(frame.px(SCORE_MAX)),
                -self.cell_width,
                px_cut + radius + CUT_CLEARANCE,
                px_high - reach_right,
            ),
        }
        y_cells = {
            False: _axis_cells(
                float(frame.py(SCORE_MIN)),
                self.cell_height,
                py_cut - radius - CUT_CLEARANCE,
                py_low + radius,
            ),
            True: _axis_cells(
                float(frame.py(SCORE_MAX)),
                -self.cell_height,
                py_cut + radius + CUT_CLEARANCE,
                py_high - radius,
            ),
        }
        self._cells: dict[tuple[bool, bool], dict[str, np.ndarray]] = {}
        for market_strong in (False, True):
            for need_strong in (False, True):
                xs, x_reserve = x_cells[market_strong]
                ys, y_reserve = y_cells[need_strong]
                cx, cy = np.meshgrid(xs, ys, indexing="ij")
                rx, ry = np.meshgrid(x_reserve, y_reserve, indexing="ij")
                self._cells[(market_strong, need_strong)] = {
                    "x": cx.ravel(),
                    "y": cy.ravel(),
                    "reserve": (rx | ry).ravel(),
                    "used": np.zeros(cx.size, dtype=int),
                }

    def sides(self, market: float, need: float) -> tuple[bool, bool]:
        # The same rule as matrix.classify: on the cut is strong, float noise included.
        return (
            bool(market >= self.market_cut - CUT_TOLERANCE),
            bool(need >= self.need_cut - CUT_TOLERANCE),
        )

    def take(self, market: float, need: float, count: int = 1) -> list[tuple[float, float]]:
        """The `count` free cells nearest to (market, need) on its quadrant's side, in pixels,
        in reading order (top row first, left to right) so a group's codes read in sequence."""
        cells = self._cells[self.sides(market, need)]
        dx = cells["x"] - float(self.frame.px(market))
        dy = cells["y"] - float(self.frame.py(need))
        distance = np.round(dx * dx + dy * dy, 6)
        # lexsort's last key sorts first: least used, then inside the scores' range, then
        # nearest, then the smaller vertical step (rows are closer than columns).
        order = np.lexsort((np.round(np.abs(dy), 6), distance, cells["reserve"], cells["used"]))
        chosen = []
        while len(chosen) < count:
            # More services than cells: hand the cells out again, least used first.
            chosen.extend(order[: count - len(chosen)].tolist())
        np.add.at(cells["used"], chosen, 1)
        chosen.sort(key=lambda i: (-round(cells["y"][i], 6), round(cells["x"][i], 6)))
        return [(float(cells["x"][i]), float(cells["y"][i])) for i in chosen]


def _same(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= CUT_TOLERANCE


def _spot(market: float, need: float) -> tuple[float, float]:
    return (round(float(market), 9), round(float(need), 9))


def _place(grid: _Grid, spots: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Cells for services at `spots` (market, need), in order: services sharing a spot take
    that spot's nearest free cells together and fill them in their order, in reading order."""
    groups: dict[tuple[float, float], list[int]] = {}
    for i, (market, need) in enumerate(spots):
        groups.setdefault(_spot(market, need), []).append(i)
    cells: list[tuple[float, float]] = [(0.0, 0.0)] * len(spots)
    for (market, need), members in groups.items():
        for i, cell in zip(members, grid.take(market, need, len(members)), strict=True):
            cells[i] = cell
    return cells


@dataclass
class _Layout:
    grid: _Grid
    x: np.ndarray  # pixels, per row of the table
    y: np.ndarray
    home: dict[str, tuple[float, float]]  # id -> pixels where a what-if service sits without it


def _layout(
    table: pd.DataFrame,
    *,
    market_cut: float,
    need_cut: float,
    frame: PlotFrame,
    base: pd.DataFrame | None = None,
) -> _Layout:
    grid = _Grid(frame, market_cut, need_cut, label_width(table["code"].astype(str)))
    markets = table["market"].to_numpy(dtype=float)
    needs = table["need"].to_numpy(dtype=float)
    base_values: dict[str, tuple[float, float]] = {}
    if base is not None and len(base):
        base_values = {
            str(row.id): (float(row.market), float(row.need))
            for row in base[["id", "market", "need"]].itertuples(index=False)
        }
    ids = [str(i) for i in table["id"]]
    # Everyone first takes the cell they have without what-ifs, in the plan's order; a what-if
    # then moves only its own service, so nobody else jumps while a slider is dragged.
    homes = [
        base_values.get(service_id, (markets[i], needs[i])) for i, service_id in enumerate(ids)
    ]
    cells = _place(grid, homes)
    moved = [
        i
        for i, service_id in enumerate(ids)
        if service_id in base_values
        and not (_same(homes[i][0], markets[i]) and _same(homes[i][1], needs[i]))
    ]
    home = {ids[i]: cells[i] for i in moved}
    for i, cell in zip(moved, _place(grid, [(markets[i], needs[i]) for i in moved]), strict=True):
        cells[i] = cell
    return _Layout(
        grid=grid,
        x=np.array([c[0] for c in cells], dtype=float),
        y=np.array([c[1] for c in cells], dtype=float),
        home=home,
    )


def spread_positions(
    table: pd.DataFrame,
    *,
    market_cut: float,
    need_cut: float,
    width: float = WIDTH,
    height: float = HEIGHT,
    base: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A copy of `table` with plot coordinates `x`, `y` (in score units) for every service.

    Each quadrant holds a lattice of cells, a marker of `MARKER_DIAMETER` px plus its code
    wide, running from the scores' edge (1 or 2) to just short of the cut lines, for a chart
    drawn at `width`×`height` px over `X_DOMAIN`×`Y_DOMAIN`. Services sharing a spot (market,
    need) take the free cells nearest to it, filled in the table's (the plan's) order in
    reading order; nearly equal spots (1.5 and 1.52) simply take the next free cells. So no two
    markers or codes overlap, every marker lies on its quadrant's side of both cut lines, a
    score of exactly 1 or 2 sits on its value and its neighbours spread inwards, and the same
    table always gives the same places.

    `base`: the same services without their what-ifs (id, market, need), as `quadrant_chart`'s
    `ghosts`. Every service then keeps the cell it has without what-ifs, and a service moved by a
    what-if takes the nearest free cell at its new spot, so dragging a slider moves one marker.

    A quadrant holds about 40 cells at 900×700; beyond that its cells are handed out again
    (overlap is then unavoidable). Cost: one sort of a quadrant's cells per spot, so linear in
    the number of services (1,000 services in about 15 ms).
    """
    frame = PlotFrame(width=width, height=height)
    layout = _layout(table, market_cut=market_cut, need_cut=need_cut, frame=frame, base=base)
    out = table.copy()
    out["x"] = frame.data_x(layout.x)
    out["y"] = frame.data_y(layout.y)
    return out


# --- Evolution arrows --------------------------------------------------------------------------


def evolution_arrows(
    now_table: pd.DataFrame,
    future_table: pd.DataFrame,
    *,
    market_cut: float,
    need_cut: float,
    width: float = WIDTH,
    height: float = HEIGHT,
) -> pd.DataFrame:
    """One row per service whose place changes from horizon 0 to horizon 1.

    `x`, `y` is its spread place at horizon 0 (where `quadrant_chart(now_table)` draws it),
    `x2`, `y2` the free cell nearest to its place at horizon 1 (free of the horizon-0 markers
    and of other arrows' ends, so no arrowhead lands on a marker). `crosses` is True when the
    quadrant changes. Services that keep their scores get no row.
    """
    frame = PlotFrame(width=width, height=height)
    future = future_table.set_index("id")
    layout = _layout(now_table, market_cut=market_cut, need_cut=need_cut, frame=frame)
    movers = []
    for i, row in enumerate(now_table.itertuples(index=False)):
        if row.id not in future.index:
            continue
        to = future.loc[row.id]
        if not (_same(row.market, to["market"]) and _same(row.need, to["need"])):
            movers.append((i, row, to))
    ends = _place(layout.grid, [(float(to["market"]), float(to["need"])) for _, _, to in movers])
    rows = []
    for (i, row, to), (x2, y2) in zip(movers, ends, strict=True):
        rows.append(
            {
                "id": row.id,
                "code": row.code,
                "name": row.name,
                "domain": row.domain,
                "market_from": float(row.market),
                "need_from": float(row.need),
                "market_to": float(to["market"]),
                "need_to": float(to["need"]),
                "quadrant_from": row.quadrant,
                "quadrant_to": to["quadrant"],
                "crosses": row.quadrant != to["quadrant"],
                "x": float(frame.data_x(layout.x[i])),
                "y": float(frame.data_y(layout.y[i])),
                "x2": float(frame.data_x(x2)),
                "y2": float(frame.data_y(y2)),
            }
        )
    columns = [
        "id",
        "code",
        "name",
        "domain",
        "market_from",
        "need_from",
        "market_to",
        "need_to",
        "quadrant_from",
        "quadrant_to",
        "crosses",
        "x",
        "y",
        "x2",
        "y2",
    ]
    return pd.DataFrame(rows, columns=columns).astype({"crosses": bool})


# --- The quadrant chart ------------------------------------------------------------------------


def _score_scale(domain: tuple[float, float]) -> alt.Scale:
    return alt.Scale(domain=list(domain), nice=False, zero=False, clamp=False)


def _number_expr(lang: str) -> str:
    formatted = "format(datum.value, '.2~f')"
    return f"replace({formatted}, '.', ',')" if lang == "nl" else formatted


def _x_encoding(lang: str, frame: PlotFrame) -> alt.X:
    weak, strong = t("axis_weak", lang), t("axis_strong", lang)
    number = _number_expr(lang)
    # Two-line labels: the value, and under 1 and 2 what it means.
    label = f"[{number}, datum.value == 1 ? '{weak}' : datum.value == 2 ? '{strong}' : '']"
    return alt.X(
        "x:Q",
        scale=_score_scale(frame.x_domain),
        axis=alt.Axis(
            title=t("axis_market", lang),
            values=list(TICKS),
            labelExpr=label,
            labelFontSize=AXIS_LABEL_FONT_SIZE,
            titleFontSize=AXIS_TITLE_FONT_SIZE,
            titleFontWeight="bold",
            titlePadding=10,
            labelColor=INK,
            titleColor=INK,
            tickSize=8,
            grid=False,
            domain=False,
            labelFlush=False,
        ),
    )


def _y_encoding(lang: str, frame: PlotFrame) -> alt.Y:
    weak, strong = t("axis_weak", lang), t("axis_strong", lang)
    number = _number_expr(lang)
    label = f"(datum.value == 1 ? '{weak}  ' : datum.value == 2 ? '{strong}  ' : '') + {number}"
    return alt.Y(
        "y:Q",
        scale=_score_scale(frame.y_domain),
        axis=alt.Axis(
            title=t("axis_need", lang),
            values=list(TICKS),
            labelExpr=label,
            labelFontSize=AXIS_LABEL_FONT_SIZE,
            titleFontSize=AXIS_TITLE_FONT_SIZE,
            titleFontWeight="bold",
            titlePadding=12,
            labelColor=INK,
            titleColor=INK,
            tickSize=8,
            grid=False,
            domain=False,
            labelFlush=False,
        ),
    )


def _point_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The columns marker, label and tooltip read; every visible value already in words."""
    domain_names = [domain_label(d, lang) for d in table["domain"]]
    quadrant_names = [quadrant_label(q, lang) for q in table["quadrant"]]
    decisions = table["plan_decision"] if "plan_decision" in table else [""] * len(table)
    points = pd.DataFrame(
        {
            "id": table["id"].astype(str).to_numpy(),
            "code": table["code"].astype(str).to_numpy(),
            "name": table["name"].astype(str).to_numpy(),
            "domain": table["domain"].astype(str).to_numpy(),
            "domain_label": domain_names,
            "cluster": table["cluster"].astype(str).to_numpy(),
            "quadrant": table["quadrant"].astype(str).to_numpy(),
            "quadrant_label": quadrant_names,
            "decision_label": [
                decision_label("" if pd.isna(d) else str(d), lang) for d in decisions
            ],
        }
    )
    for column in (*SCORE_COLUMNS, "market", "need"):
        points[f"{column}_text"] = [format_score(v, lang) for v in table[column]]
    points["description"] = [
        f"{name} ({code}, {domain}): {quadrant}"
        for name, code, domain, quadrant in zip(
            points["name"], points["code"], domain_names, quadrant_names, strict=True
        )
    ]
    return points


def _domain_scales(lang: str) -> tuple[alt.Color, alt.Shape, alt.Size]:
    """Colour, shape and size per werkdomein, with the legend in Dutch."""
    labels = [domain_label(d, lang) for d in DOMAINS]
    domain_legend = alt.Legend(
        title=t("field_domain", lang),
        titleFontSize=LEGEND_FONT_SIZE,
        labelFontSize=LEGEND_FONT_SIZE,
        titleColor=INK,
        labelColor=INK,
        symbolSize=420,
        symbolStrokeColor=INK,
        symbolStrokeWidth=1.2,
        orient="top",
        direction="horizontal",
        titleOrient="left",
        titleAnchor="middle",
        columnPadding=24,
        offset=12,
    )
    color = alt.Color(
        "domain_label:N",
        scale=alt.Scale(domain=labels, range=[DOMAIN_COLORS[d] for d in DOMAINS]),
        legend=domain_legend,
    )
    shape = alt.Shape(
        "domain_label:N",
        scale=alt.Scale(domain=labels, range=[DOMAIN_SHAPES[d] for d in DOMAINS]),
        legend=domain_legend,
    )
    size = alt.Size(
        "domain_label:N",
        scale=alt.Scale(domain=labels, range=[DOMAIN_MARKER_SIZES[d] for d in DOMAINS]),
        legend=None,
    )
    return color, shape, size


def _tooltip(lang: str) -> list[alt.Tooltip]:
    fields = [
        ("name", "field_name"),
        ("code", "field_code"),
        ("domain_label", "field_domain"),
        ("cluster", "field_cluster"),
        ("market_current_text", "field_market_current"),
        ("market_potential_text", "field_market_potential"),
        ("need_current_text", "field_need_current"),
        ("need_future_text", "field_need_future"),
        ("market_text", "field_market"),
        ("need_text", "field_need"),
        ("quadrant_label", "field_quadrant"),
        ("decision_label", "field_plan_decision"),
    ]
    return [alt.Tooltip(f"{field}:N", title=t(key, lang)) for field, key in fields]


def _backgrounds(market_cut: float, need_cut: float, lang: str, frame: PlotFrame) -> pd.DataFrame:
    (x_low, x_high), (y_low, y_high) = frame.x_domain, frame.y_domain
    rows = []
    for market_strong in (False, True):
        for need_strong in (False, True):
            key = quadrant_for(market_strong=market_strong, need_strong=need_strong)
            rows.append(
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
    return pd.DataFrame(rows)


def _fitting_size(text: str, size: float, em: float, room: float, smallest: float) -> float:
    """The font size at which `text` fits in `room` px (estimated), never above `size`."""
    needed = len(text) * em * size
    return max(smallest, min(size, size * room / needed)) if needed else size


def _quadrant_words(backgrounds: pd.DataFrame, frame: PlotFrame) -> list[alt.Chart]:
    """Action word and question in each quadrant's outer corner, in the band beyond 1 or 2.

    Markers only sit between 1 and 2, so the bands above 2 and below 1 stay free for the words.
    A quadrant squeezed by a cut near the edge gets smaller words, cut off at its border.
    """
    pad = 12.0
    line = 6.0
    layers = []
    y_low, y_high = frame.y_domain
    px_per_y = frame.height / (y_high - y_low)
    for quadrant in backgrounds.itertuples(index=False):
        right, top = bool(quadrant.right), bool(quadrant.top)
        room = float(frame.px(quadrant.x2) - frame.px(quadrant.x)) - 2 * pad
        word_size = _fitting_size(quadrant.word, WORD_FONT_SIZE, 0.62, room, 14)
        question_size = _fitting_size(quadrant.question, QUESTION_FONT_SIZE, 0.5, room, 11)
        x = float(frame.data_x(frame.width - pad)) if right else float(frame.data_x(pad))
        if top:
            word_y = y_high - pad / px_per_y
            question_y = word_y - (word_size + line) / px_per_y
        else:
            question_y = y_low + pad / px_per_y
            word_y = question_y + (question_size + line) / px_per_y
        data = pd.DataFrame(
            {
                "quadrant": [quadrant.quadrant],
                "word": [quadrant.word],
                "question": [quadrant.question],
                "x": [x],
                "word_y": [word_y],
                "question_y": [question_y],
            }
        )
        text = {
            "align": "right" if right else "left",
            "baseline": "top" if top else "bottom",
            "color": INK,
            "opacity": 0.78,
            "limit": max(room, 1.0),
            "aria": False,
        }
        base = alt.Chart(data)
        layers.append(
            base.mark_text(fontSize=word_size, fontWeight="bold", **text).encode(
                x="x:Q", y="word_y:Q", text="word:N"
            )
        )
        layers.append(
            base.mark_text(fontSize=question_size, fontStyle="italic", **text).encode(
                x="x:Q", y="question_y:Q", text="question:N"
            )
        )
    return layers


def _direction(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float, float]:
    """Unit vector and length from (x1, y1) to (x2, y2), in pixels with y up."""
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    if length == 0:
        return 0.0, 1.0, 0.0
    return dx / length, dy / length, length


def _arrow_frame(
    arrows: pd.DataFrame,
    layout: _Layout,
    table: pd.DataFrame,
    frame: PlotFrame,
    lang: str,
) -> pd.DataFrame:
    """Arrow geometry in the chart's own cells.

    An arrow end with the scores a service's marker is drawn with starts (or stops) at that
    marker; any other end takes a free cell and gets a hollow marker there, so no arrowhead
    lands on another service and every arrow's end is labelled with its code.
    """
    markers = {
        str(service_id): (float(m), float(n), float(x), float(y))
        for service_id, m, n, x, y in zip(
            table["id"], table["market"], table["need"], layout.x, layout.y, strict=True
        )
    }
    gap = MARKER_DIAMETER / 2 + 3
    head = 9.0  # px from the head's centre to its tip
    records = list(arrows.itertuples(index=False))
    ends: dict[tuple[int, int], tuple[float, float, bool]] = {}
    loose: list[tuple[int, int]] = []
    loose_spots: list[tuple[float, float]] = []
    for r, row in enumerate(records):
        marker = markers.get(str(row.id))
        for side, (market, need) in enumerate(
            ((row.market_from, row.need_from), (row.market_to, row.need_to))
        ):
            if marker and _same(marker[0], market) and _same(marker[1], need):
                ends[(r, side)] = (marker[2], marker[3], True)
            else:
                loose.append((r, side))
                loose_spots.append((float(market), float(need)))
    for key, cell in zip(loose, _place(layout.grid, loose_spots), strict=True):
        ends[key] = (*cell, False)
    rows = []
    for r, row in enumerate(records):
        (x1, y1, start_is_marker), (x2, y2, end_is_marker) = ends[(r, 0)], ends[(r, 1)]
        ux, uy, length = _direction(x1, y1, x2, y2)
        if length <= 2 * gap + 2 * head:
            continue
        sx, sy = x1 + ux * gap, y1 + uy * gap
        hx, hy = x2 - ux * (gap + head), y2 - uy * (gap + head)
        rows.append(
            {
                "id": row.id,
                "name": row.name,
                "code": row.code,
                "domain": row.domain,
                "crosses": bool(row.crosses),
                "from_label": quadrant_label(row.quadrant_from, lang),
                "to_label": quadrant_label(row.quadrant_to, lang),
                "x": float(frame.data_x(sx)),
                "y": float(frame.data_y(sy)),
                "x2": float(frame.data_x(hx)),
                "y2": float(frame.data_y(hy)),
                # Vega turns a symbol clockwise from pointing up; pixel y here runs upwards.
                "angle": math.degrees(math.atan2(ux, uy)) % 360,
                "start_x": float(frame.data_x(x1)),
                "start_y": float(frame.data_y(y1)),
                "start_is_marker": start_is_marker,
                "end_x": float(frame.data_x(x2)),
                "end_y": float(frame.data_y(y2)),
                "end_is_marker": end_is_marker,
            }
        )
    columns = [
        "id",
        "name",
        "code",
        "domain",
        "crosses",
        "from_label",
        "to_label",
        "x",
        "y",
        "x2",
        "y2",
        "angle",
        "start_x",
        "start_y",
        "start_is_marker",
        "end_x",
        "end_y",
        "end_is_marker",
    ]
    return pd.DataFrame(rows, columns=columns)


def _hollow_markers(data: pd.DataFrame, tooltip: list[alt.Tooltip]) -> list[alt.Chart]:
    """Faint, hollow markers with their codes: where a service was, or where it is heading.

    One layer per werkdomein with shape and colour as fixed mark properties: a layer that
    encodes shape or colour differently from the solid markers would take their legend away.
    """
    layers = []
    for domain in dict.fromkeys(data["domain"]):
        layers.append(
            alt.Chart(data[data["domain"] == domain])
            .mark_point(
                filled=False,
                shape=DOMAIN_SHAPES.get(domain, "circle"),
                size=DOMAIN_MARKER_SIZES.get(domain, 600),
                color=DOMAIN_COLORS.get(domain, INK),
                strokeWidth=2.5,
                opacity=0.75,
                aria=False,
            )
            .encode(x="x:Q", y="y:Q", tooltip=tooltip)
        )
    layers.append(
        alt.Chart(data)
        .mark_text(
            align="left",
            baseline="middle",
            dx=MARKER_DIAMETER / 2 + LABEL_GAP,
            fontSize=LABEL_FONT_SIZE,
            fontWeight="bold",
            color=INK,
            opacity=0.6,
            aria=False,
        )
        .encode(x="x:Q", y="y:Q", text="code:N", tooltip=tooltip)
    )
    return layers


def quadrant_chart(
    table: pd.DataFrame,
    *,
    market_cut: float,
    need_cut: float,
    lang: str = DEFAULT_LANGUAGE,
    ghosts: pd.DataFrame | None = None,
    arrows: pd.DataFrame | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
    selectable: bool = True,
) -> alt.LayerChart:
    """The Harrigan matrix: quadrant tints and words, cut lines, one marker per service.

    `table` is `classify`'s result; markers sit where `spread_positions(table, base=ghosts)`
    puts them. `ghosts`: the what-if services classified without their what-if; each is drawn
    hollow and faint in the cell it has without it, linked to its marker by a thin line.
    `arrows`: from `evolution_arrows`; thick vermilion where a service changes quadrant, thin
    grey otherwise, each ending at a hollow marker in a free cell. With `selectable`, a click
    selects the point selection "dienst" on the field `id`. `width`×`height` is the plotting
    area in pixels; the spread guarantees no overlap when the chart is drawn at that size.
    """
    frame = PlotFrame(width=width, height=height)
    if ghosts is not None and len(ghosts):
        ghosts = ghosts[ghosts["id"].isin(set(table["id"]))]
    layout = _layout(table, market_cut=market_cut, need_cut=need_cut, frame=frame, base=ghosts)
    points = _point_frame(table, lang)
    points["x"] = frame.data_x(layout.x)
    points["y"] = frame.data_y(layout.y)
    tooltip = _tooltip(lang)

    backgrounds = _backgrounds(market_cut, need_cut, lang, frame)
    cut_line = {"color": CUT_LINE_COLOR, "strokeWidth": 2.5, "strokeDash": [10, 6], "aria": False}
    layers: list[alt.Chart] = [
        alt.Chart(backgrounds)
        .mark_rect(aria=False, strokeWidth=0)
        .encode(
            x=_x_encoding(lang, frame),
            x2="x2:Q",
            y=_y_encoding(lang, frame),
            y2="y2:Q",
            fill=alt.Fill(
                "quadrant:N",
                scale=alt.Scale(
                    domain=list(QUADRANTS), range=[QUADRANT_COLORS[q] for q in QUADRANTS]
                ),
                legend=None,
            ),
        ),
        *_quadrant_words(backgrounds, frame),
        alt.Chart(pd.DataFrame({"x": [float(market_cut)]})).mark_rule(**cut_line).encode(x="x:Q"),
        alt.Chart(pd.DataFrame({"y": [float(need_cut)]})).mark_rule(**cut_line).encode(y="y:Q"),
    ]

    if layout.home:
        moved = list(layout.home)
        ghost_points = points.set_index("id").loc[moved].reset_index()
        gap = MARKER_DIAMETER / 2 + 2
        links = []
        for service_id, x2, y2 in zip(moved, ghost_points["x"], ghost_points["y"], strict=True):
            x1, y1 = layout.home[service_id]
            x2, y2 = float(frame.px(x2)), float(frame.py(y2))
            ux, uy, length = _direction(x1, y1, x2, y2)
            gap_here = min(gap, length / 2)
            links.append(
                (x1 + ux * gap_here, y1 + uy * gap_here, x2 - ux * gap_here, y2 - uy * gap_here)
            )
        ghost_points["x"] = [float(frame.data_x(layout.home[i][0])) for i in moved]
        ghost_points["y"] = [float(frame.data_y(layout.home[i][1])) for i in moved]
        link_frame = pd.DataFrame(
            {
                "x": frame.data_x([link[0] for link in links]),
                "y": frame.data_y([link[1] for link in links]),
                "x2": frame.data_x([link[2] for link in links]),
                "y2": frame.data_y([link[3] for link in links]),
            }
        )
        layers.append(
            alt.Chart(link_frame)
            .mark_rule(color=INK, strokeWidth=1.5, strokeDash=[5, 4], opacity=0.55, aria=False)
            .encode(x="x:Q", y="y:Q", x2="x2:Q", y2="y2:Q")
        )
        layers.extend(_hollow_markers(ghost_points, tooltip))

    arrow_heads = None
    if arrows is not None and len(arrows):
        geometry = _arrow_frame(arrows, layout, table, frame, lang)
        if len(geometry):
            crossing = alt.datum.crosses
            ink = (
                alt.when(crossing).then(alt.value(CROSSING_COLOR)).otherwise(alt.value(ARROW_COLOR))
            )
            arrow_tooltip = [
                alt.Tooltip("name:N", title=t("field_name", lang)),
                alt.Tooltip("code:N", title=t("field_code", lang)),
                alt.Tooltip("from_label:N", title=t("field_from", lang)),
                alt.Tooltip("to_label:N", title=t("field_to", lang)),
            ]
            for column in ("start", "end"):
                loose = geometry[~geometry[f"{column}_is_marker"]]
                if len(loose):
                    layers.extend(
                        _hollow_markers(
                            loose.assign(x=loose[f"{column}_x"], y=loose[f"{column}_y"]),
                            arrow_tooltip,
                        )
                    )
            arrow_base = alt.Chart(geometry)
            layers.append(
                arrow_base.mark_rule(aria=False, strokeCap="round", opacity=0.9).encode(
                    x="x:Q",
                    y="y:Q",
                    x2="x2:Q",
                    y2="y2:Q",
                    stroke=ink,
                    strokeWidth=alt.when(crossing).then(alt.value(3)).otherwise(alt.value(1.8)),
                    tooltip=arrow_tooltip,
                )
            )
            arrow_heads = arrow_base.mark_point(
                shape="triangle-up", filled=True, opacity=1, strokeWidth=0, aria=False
            ).encode(
                x="x2:Q",
                y="y2:Q",
                angle=alt.Angle("angle:Q", scale=None),
                fill=ink,
                size=alt.when(crossing).then(alt.value(320)).otherwise(alt.value(200)),
                tooltip=arrow_tooltip,
            )

    color, shape, size = _domain_scales(lang)
    markers = (
        alt.Chart(points)
        .mark_point(filled=True, opacity=1, stroke=INK, cursor="pointer")
        .encode(
            x="x:Q",
            y="y:Q",
            color=color,
            shape=shape,
            size=size,
            tooltip=tooltip,
            description=alt.Description("description:N"),
        )
    )
    if selectable:
        selection = alt.selection_point(name=SELECTION_NAME, fields=["id"], on="click")
        markers = markers.add_params(selection).encode(
            strokeWidth=alt.when(selection, empty=False)
            .then(alt.value(4))
            .otherwise(alt.value(1.2))
        )
    else:
        markers = markers.encode(strokeWidth=alt.value(1.2))
    layers.append(markers)
    layers.append(
        alt.Chart(points)
        .mark_text(
            align="left",
            baseline="middle",
            dx=MARKER_DIAMETER / 2 + LABEL_GAP,
            fontSize=LABEL_FONT_SIZE,
            fontWeight="bold",
            color=INK,
            aria=False,
        )
        .encode(x="x:Q", y="y:Q", text="code:N", tooltip=tooltip)
    )
    if arrow_heads is not None:
        layers.append(arrow_heads)

    chart = alt.layer(*layers).properties(width=width, height=height, usermeta=USERMETA)
    if title:
        chart = chart.properties(
            title=alt.Title(
                text=title,
                subtitle=subtitle or alt.Undefined,
                fontSize=TITLE_FONT_SIZE,
                subtitleFontSize=SUBTITLE_FONT_SIZE,
                anchor="start",
                color=INK,
                subtitleColor="#444444",
                offset=14,
            )
        )
    return chart


# --- Tables as charts --------------------------------------------------------------------------


def _text_color_on(field: str, threshold: float):
    """White text on the dark end of a sequential scale, ink on the light end."""
    return (
        alt.when(f"datum.{field} >= {threshold}").then(alt.value("white")).otherwise(alt.value(INK))
    )


def score_heatmap(services: pd.DataFrame, *, lang: str = DEFAULT_LANGUAGE) -> alt.LayerChart:
    """The four scores per service: one row per service in the plan's order, value printed."""
    labels = [
        f"{code}  {name}" for code, name in zip(services["code"], services["name"], strict=True)
    ]
    seen: dict[str, int] = {}
    unique = []
    for label, domain in zip(labels, services["domain"], strict=True):
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({domain_label(domain, lang)})")
    titles = [t(f"field_{column}", lang) for column in SCORE_COLUMNS]
    rows = []
    for label, (_, service) in zip(unique, services.iterrows(), strict=True):
        for column, title in zip(SCORE_COLUMNS, titles, strict=True):
            value = float(service[column])
            rows.append(
                {
                    "service": label,
                    "score": title,
                    "value": value,
                    "value_text": format_score(value, lang),
                    "score_text": f"{title}: {format_score(value, lang)}",
                    "name": str(service["name"]),
                }
            )
    data = pd.DataFrame(rows)
    x = alt.X(
        "score:N",
        sort=titles,
        title=None,
        axis=alt.Axis(
            orient="top",
            labelAngle=0,
            labelFontSize=16,
            labelFontWeight="bold",
            labelColor=INK,
            # Two lines ("Huidige" / "marktpositie"); Vega hangs the second line below the
            # first, so the padding lifts both clear of the first row.
            labelExpr="split(datum.label, ' ')",
            labelBaseline="bottom",
            labelLineHeight=20,
            labelLimit=200,
            domain=False,
            ticks=False,
            labelPadding=28,
        ),
        scale=alt.Scale(paddingInner=0.04),
    )
    y = alt.Y(
        "service:N",
        sort=unique,
        title=None,
        axis=alt.Axis(
            labelFontSize=17,
            labelColor=INK,
            labelLimit=420,
            domain=False,
            ticks=False,
            labelPadding=8,
        ),
        scale=alt.Scale(paddingInner=0.08),
    )
    base = alt.Chart(data).encode(x=x, y=y)
    cells = base.mark_rect(aria=False).encode(
        color=alt.Color(
            "value:Q",
            scale=alt.Scale(domain=[SCORE_MIN, SCORE_MAX], scheme="blues"),
            legend=alt.Legend(
                title=t("field_score", lang),
                titleFontSize=LEGEND_FONT_SIZE,
                labelFontSize=16,
                values=list(TICKS),
                labelExpr=_number_expr(lang),
                gradientLength=200,
                gradientThickness=18,
            ),
        ),
        tooltip=[
            alt.Tooltip("name:N", title=t("field_name", lang)),
            alt.Tooltip("score_text:N", title=t("field_score", lang)),
        ],
    )
    values = base.mark_text(fontSize=18, fontWeight="bold", aria=False).encode(
        text="value_text:N",
        color=_text_color_on("value", 1.6),
    )
    return alt.layer(cells, values).properties(
        width=alt.Step(150), height=alt.Step(32), usermeta=USERMETA
    )


def cluster_quadrant_chart(table: pd.DataFrame, *, lang: str = DEFAULT_LANGUAGE) -> alt.LayerChart:
    """Services per cluster and quadrant: a grid laid out like a table, counts printed."""
    clusters = list(dict.fromkeys(table["cluster"].astype(str)))
    words = [quadrant_label(q, lang) for q in QUADRANTS]
    counts = table.groupby(["cluster", "quadrant"]).size()
    rows = []
    for cluster in clusters:
        for quadrant, word in zip(QUADRANTS, words, strict=True):
            count = int(counts.get((cluster, quadrant), 0))
            rows.append(
                {
                    "cluster": cluster,
                    "quadrant": quadrant,
                    "quadrant_label": word,
                    "count": count,
                    "count_text": str(count) if count else "–",
                    "fill": QUADRANT_COLORS[quadrant] if count else "#F4F4F4",
                }
            )
    data = pd.DataFrame(rows)
    base = alt.Chart(data).encode(
        x=alt.X(
            "quadrant_label:N",
            sort=words,
            title=None,
            axis=alt.Axis(
                orient="top",
                labelAngle=0,
                labelFontSize=18,
                labelFontWeight="bold",
                labelColor=INK,
                domain=False,
                ticks=False,
                labelPadding=8,
            ),
            scale=alt.Scale(paddingInner=0.06),
        ),
        y=alt.Y(
            "cluster:N",
            sort=clusters,
            title=None,
            axis=alt.Axis(
                labelFontSize=18,
                labelColor=INK,
                labelLimit=360,
                domain=False,
                ticks=False,
                labelPadding=8,
            ),
            scale=alt.Scale(paddingInner=0.08),
        ),
    )
    cells = base.mark_rect(aria=False, stroke="#9A9A9A", strokeWidth=1).encode(
        fill=alt.Fill("fill:N", scale=None),
        tooltip=[
            alt.Tooltip("cluster:N", title=t("field_cluster", lang)),
            alt.Tooltip("quadrant_label:N", title=t("field_quadrant", lang)),
            alt.Tooltip("count:Q", title=t("field_count", lang)),
        ],
    )
    numbers = base.mark_text(fontSize=22, fontWeight="bold", aria=False).encode(
        text="count_text:N",
        color=alt.when(alt.datum.count > 0).then(alt.value(INK)).otherwise(alt.value("#9A9A9A")),
    )
    return alt.layer(cells, numbers).properties(
        width=alt.Step(140), height=alt.Step(44), usermeta=USERMETA
    )
