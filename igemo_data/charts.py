"""The charts of the Strategiekaart, as Altair specs: data in, chart out, no Streamlit.

The quadrant chart is read from the back of a workshop room on a 1920×1080 projector and pasted
onto board slides, so every size here is chosen for that: large markers, 16–34 px text, and no
service ever hidden behind another. The plan's scores tie heavily (at horizon 0 the 39 services
sit on four points), so `spread_positions` lays tied and nearly tied services out on a lattice of
free cells inside their own quadrant; the layout is deterministic and keeps each service in its
cell from one rerun to the next.

The chart is rebuilt on every slider press, so it is built for speed: from Vega-Lite JSON
pieces in thin Altair wrappers (see "The quadrant chart" below), a few milliseconds per chart.
With arrows (`evolution_arrows`), each is a curve routed around markers, codes and the other
arrows, drawn beneath the markers; the markers it joins are rimmed in its colour.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import hashlib
import json
import math
import re
from collections.abc import Collection, Iterable
from typing import ClassVar, Final

import altair as alt
import numpy as np
import pandas as pd
import pyarrow as pa

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
# circle 79 %, so the sizes differ to bring the three shapes' visible areas closer. A diamond
# is as tall as its box, so it is held to 25.7 px: two stacked diamonds with the thickest
# outline (2.5 px) keep 3 px of background between their tips in a 32.6 px row (see
# `CELL_GAP_Y`). Each service's size travels with its row, with no size scale: Vega-Lite's
# point scale for a nominal field uses only the first two values of a range.
DOMAIN_MARKER_SIZES: Final[dict[str, int]] = {"RUIMTE": 620, "MENS": 660, "BESTUUR": 460}
DEFAULT_MARKER_SIZE: Final = 600
MARKER_STROKE: Final = 1.2  # px, dark outline of a solid marker
SELECTED_STROKE: Final = 3.5  # px, outline of the clicked marker
RIM_STROKE: Final = 2.5  # px, outline in the arrow's colour of a marker with an arrow
STILL_OPACITY: Final = 0.45  # markers without an arrow, when arrows are shown
HOLLOW_STROKE: Final = 2.5  # px, outline of a hollow marker, in its domain's colour
GHOST_OPACITY: Final = 0.85  # a what-if's former place: a little fainter than a future one
CROSSING_COLOR: Final = "#D55E00"  # Okabe-Ito vermilion
ARROW_COLOR: Final = "#6B6B6B"
ARROW_WIDTH: Final = {True: 3.5, False: 1.5}  # px, crossing a cut or not
ARROW_HALO: Final = 2.5  # px of white on either side of an arrow
ARROW_GAP: Final = 3.0  # px between a marker's outline and the arrow's start or tip
HEAD_SIZE: Final = {True: 320, False: 200}
# Vega's triangle-up reaches sqrt(3)/2 of half its box's side above its centre.
HEAD_REACH: Final = {key: math.sqrt(size) / 2 * math.sqrt(3) / 2 for key, size in HEAD_SIZE.items()}
INK: Final = "#1F1F1F"
HOLLOW_INK: Final = "#3A3A3A"  # codes of hollow markers
CUT_LINE_COLOR: Final = "#222222"

# The plotted window: the scores run 1–2; the margin left and right keeps markers and their
# codes off the frame, the bands above 2 and below 1 hold the quadrants' action words.
X_DOMAIN: Final = (0.88, 2.14)
Y_DOMAIN: Final = (0.80, 2.20)
WIDTH: Final = 900
HEIGHT: Final = 700
TICKS: Final = (1.0, 1.5, 2.0)

# px, the square each marker gets in the layout: a little more than the largest marker drawn.
MARKER_DIAMETER: Final = math.sqrt(760)
LABEL_FONT_SIZE: Final = 17
LABEL_GAP: Final = 3  # px between a marker's edge and its code
LABEL_DX: Final = MARKER_DIAMETER / 2 + LABEL_GAP  # px from a marker's centre to its code
CELL_GAP_X: Final = 7  # px between a code and the next marker to its right
# px between the layout squares of two markers one above the other; with the markers drawn
# smaller than their square, any two keep at least 3 px of background between them, outlines
# included. (A larger gap would cost the compare page's 680×600 charts a row.)
CELL_GAP_Y: Final = 5
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
MARKERS_VIEW: Final = "dienst_markers"  # the view the selection listens to
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


@dataclasses.dataclass(frozen=True)
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


@functools.lru_cache(maxsize=16)
def _row_type(columns: tuple[str, ...]) -> type:
    return collections.namedtuple("Row", columns)


def _tuples(frame: pd.DataFrame, columns: tuple[str, ...]) -> list:
    """The rows of `frame` as named tuples of `columns` (`itertuples` is several times slower)."""
    row = _row_type(columns)
    return [row._make(values) for values in zip(*(frame[c].tolist() for c in columns), strict=True)]


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


@dataclasses.dataclass
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
            for row in _tuples(base, ("id", "market", "need"))
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


# What an arrow says about a service that moves (also the columns of an edition's moves).
MOVE_COLUMNS: Final = (
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
)


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
    future = {
        service_id: {"market": float(market), "need": float(need), "quadrant": quadrant}
        for service_id, market, need, quadrant in zip(
            future_table["id"],
            future_table["market"],
            future_table["need"],
            future_table["quadrant"],
            strict=True,
        )
    }
    layout = _layout(now_table, market_cut=market_cut, need_cut=need_cut, frame=frame)
    movers = []
    columns = ("id", "code", "name", "domain", "market", "need", "quadrant")
    for i, row in enumerate(_tuples(now_table, columns)):
        to = future.get(row.id)
        if to is not None and not (_same(row.market, to["market"]) and _same(row.need, to["need"])):
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
    columns = [*MOVE_COLUMNS, "x", "y", "x2", "y2"]
    return pd.DataFrame(rows, columns=columns).astype({"crosses": bool})


# --- The quadrant chart ------------------------------------------------------------------------
#
# The chart is rebuilt on every rerun of the page (a slider press), so it is written directly as
# Vega-Lite JSON pieces wrapped in Altair objects, not through Altair's shorthand: an
# `encode(x="x:Q")` makes Altair hash every schema class on each call (vega/altair#3547, about
# 4 ms per call), and DataFrames are re-sanitised column by column in `to_dict`. Every layer
# carries its rows inline under a fixed name, so `to_dict` neither converts nor hashes data and
# the spec stays the same size; pages hand `chart.to_dict(validate=False)` to Streamlit.


def _number_expr(lang: str) -> str:
    formatted = "format(datum.value, '.2~f')"
    return f"replace({formatted}, '.', ',')" if lang == "nl" else formatted


def _score_scale(domain: tuple[float, float]) -> dict:
    return {"domain": list(domain), "nice": False, "zero": False, "clamp": False}


def _axis(title: str, label_expr: str, title_padding: float) -> dict:
    return {
        "title": title,
        "values": list(TICKS),
        "labelExpr": label_expr,
        "labelFontSize": AXIS_LABEL_FONT_SIZE,
        "titleFontSize": AXIS_TITLE_FONT_SIZE,
        "titleFontWeight": "bold",
        "titlePadding": title_padding,
        "labelColor": INK,
        "titleColor": INK,
        "tickSize": 8,
        "grid": False,
        "domain": False,
        "labelFlush": False,
    }


def _x_encoding(lang: str, frame: PlotFrame) -> dict:
    weak, strong = t("axis_weak", lang), t("axis_strong", lang)
    number = _number_expr(lang)
    # Two-line labels: the value, and under 1 and 2 what it means.
    label = f"[{number}, datum.value == 1 ? '{weak}' : datum.value == 2 ? '{strong}' : '']"
    return {
        "field": "x",
        "type": "quantitative",
        "scale": _score_scale(frame.x_domain),
        "axis": _axis(t("axis_market", lang), label, 10),
    }


def _y_encoding(lang: str, frame: PlotFrame) -> dict:
    weak, strong = t("axis_weak", lang), t("axis_strong", lang)
    number = _number_expr(lang)
    label = f"(datum.value == 1 ? '{weak}  ' : datum.value == 2 ? '{strong}  ' : '') + {number}"
    return {
        "field": "y",
        "type": "quantitative",
        "scale": _score_scale(frame.y_domain),
        "axis": _axis(t("axis_need", lang), label, 12),
    }


_X: Final = {"field": "x", "type": "quantitative"}
_Y: Final = {"field": "y", "type": "quantitative"}


def _field(name: str, kind: str = "nominal", **extra) -> dict:
    return {"field": name, "type": kind, **extra}


class _InlineRows(alt.InlineData):
    """A layer's rows, plain JSON already, carried through Altair as they are.

    Altair deep-copies every layer whenever charts are combined (several times per chart) and
    walks every value on `to_dict`, with a slow protocol check per value: about 5 ms per
    thousand values, for rows that need neither. This node is shared instead of copied (the
    rows never change once the chart is built) and hands over a copy of each row.

    A name keeps the rows inline in their layer rather than hoisted to the top-level
    `datasets`, which Streamlit would convert to Arrow one dataset at a time (about 4 ms for
    the services). The name ends in a digest of the rows: layers drawing the same rows share
    it, and two charts put side by side in one spec (the comparison PDF) never clash.
    """

    _class_is_valid_at_instantiation = False  # the whole spec is validated by `to_dict`

    def __init__(self, base: str | None = None, rows: list[dict] | None = None, **kwds) -> None:
        if base is not None:  # else a copy, from `name` and `values`
            text = json.dumps(rows, separators=(",", ":"), allow_nan=False)
            digest = hashlib.blake2b(text.encode(), digest_size=6).hexdigest()
            kwds = {"name": f"{base}_{digest}", "values": rows}
        super().__init__(**kwds)

    def __deepcopy__(self, memo=None) -> _InlineRows:
        return self

    def to_dict(self, validate: bool = True, **_: object) -> dict:
        return {"name": self._kwds["name"], "values": [dict(row) for row in self._kwds["values"]]}


class _Encoding(alt.FacetedEncoding):
    """A layer's encoding, plain JSON already: shared instead of copied, and handed over as a
    copy in one go instead of value by value (see `_InlineRows`)."""

    _class_is_valid_at_instantiation = False

    def __deepcopy__(self, memo=None) -> _Encoding:
        return self

    def to_dict(self, validate: bool = True, **_: object) -> dict:
        channels = {key: value for key, value in self._kwds.items() if value is not alt.Undefined}
        return json.loads(json.dumps(channels))


class _Selection(alt.TopLevelSelectionParameter):
    """The click selection. Altair copies a chart's parameters and reads each back with a
    validating `to_dict` every time charts are combined (about 1 ms each); the whole spec is
    validated once by the chart's own `to_dict`, so not here as well."""

    _class_is_valid_at_instantiation = False

    def to_dict(self, validate: bool = True, **kwargs: object) -> dict:
        return super().to_dict(validate=False, **kwargs)


def _layer(
    data: _InlineRows | tuple[str, list[dict]], mark: dict, encoding: dict, **props
) -> alt.Chart:
    """One layer drawing `data` (or rows, inline, named after the given name) with a Vega-Lite
    mark and encoding. Layers drawing the same rows share one `_InlineRows`."""
    if not isinstance(data, _InlineRows):
        data = _InlineRows(*data)
    return alt.Chart(
        data=data,
        mark=mark,
        encoding=_Encoding(**encoding),
        **props,
    )


_TOOLTIP_FIELDS: Final = (
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
)


def _tooltip(lang: str) -> list[dict]:
    return [_field(field, title=t(key, lang)) for field, key in _TOOLTIP_FIELDS]


def _arrow_tooltip(lang: str) -> list[dict]:
    return [
        _field("name", title=t("field_name", lang)),
        _field("code", title=t("field_code", lang)),
        _field("from_label", title=t("field_from", lang)),
        _field("to_label", title=t("field_to", lang)),
    ]


def _column(table: pd.DataFrame, name: str) -> list[str]:
    return list(map(str, table[name].tolist()))


def _point_records(table: pd.DataFrame, xs, ys, lang: str) -> list[dict]:
    """One row per service for marker and tooltip; every visible value already in words."""
    domains = _column(table, "domain")
    quadrants = _column(table, "quadrant")
    domain_names = {d: domain_label(d, lang) for d in set(domains)}
    quadrant_names = {q: quadrant_label(q, lang) for q in set(quadrants)}
    if "plan_decision" in table:
        decisions = [
            decision_label("" if pd.isna(d) else str(d), lang) for d in table["plan_decision"]
        ]
    else:
        decisions = [decision_label("", lang)] * len(table)
    scores: dict[float, str] = {}

    def score_texts(column: str) -> list[str]:
        texts = []
        for value in table[column].tolist():
            if value not in scores:
                scores[value] = format_score(value, lang)
            texts.append(scores[value])
        return texts

    texts = {f"{column}_text": score_texts(column) for column in (*SCORE_COLUMNS, "market", "need")}
    text_columns = list(texts)
    rows = []
    for i, (service_id, code, name, domain, cluster, quadrant, decision) in enumerate(
        zip(
            _column(table, "id"),
            _column(table, "code"),
            _column(table, "name"),
            domains,
            _column(table, "cluster"),
            quadrants,
            decisions,
            strict=True,
        )
    ):
        row = {
            "id": service_id,
            "code": code,
            "name": name,
            "domain": domain,
            "domain_label": domain_names[domain],
            "cluster": cluster,
            "quadrant": quadrant,
            "quadrant_label": quadrant_names[quadrant],
            "decision_label": decision,
            "description": f"{name} ({code}, {domain_names[domain]}): {quadrant_names[quadrant]}",
            "x": float(xs[i]),
            "y": float(ys[i]),
            "size": DOMAIN_MARKER_SIZES.get(domain, DEFAULT_MARKER_SIZE),
        }
        for column in text_columns:
            row[column] = texts[column][i]
        rows.append(row)
    return rows


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
    market_cut: float, need_cut: float, lang: str, frame: PlotFrame
) -> tuple[list[alt.Chart], list[tuple[float, float, float, float]]]:
    """Quadrant tints with the axes, each quadrant's word and question, the two cut lines; and
    the pixel boxes of the words. (Built in about 0.15 ms: not worth caching.)"""
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
                "x": _x_encoding(lang, frame),
                "x2": {"field": "x2"},
                "y": _y_encoding(lang, frame),
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
    words, word_boxes = _quadrant_words(tiles, frame)
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
    return layers, word_boxes


def _quadrant_words(
    tiles: list[dict], frame: PlotFrame
) -> tuple[list[alt.Chart], list[tuple[float, float, float, float]]]:
    """Action word and question in each quadrant's outer corner, in the band beyond 1 or 2,
    and the boxes (left, bottom, right, top in pixels, y up) they cover, for arrows to avoid.

    Markers only sit between 1 and 2, so the bands above 2 and below 1 stay free for the words.
    A quadrant squeezed by a cut near the edge gets smaller words, cut off at its border.
    """
    pad = 12.0
    line = 6.0
    layers = []
    boxes = []
    y_low, y_high = frame.y_domain
    px_per_y = frame.height / (y_high - y_low)
    for tile in tiles:
        right, top = tile["right"], tile["top"]
        room = float(frame.px(tile["x2"]) - frame.px(tile["x"])) - 2 * pad
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


# --- Arrows and links: geometry in pixels ------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Symbol:
    """A marker as drawn, in pixels (y up): its outline and the code to its right."""

    x: float
    y: float
    shape: str
    size: float
    stroke: float
    code: str

    @property
    def half(self) -> float:
        """Half the drawn extent: the symbol's box plus its outline."""
        return math.sqrt(self.size) / 2 + self.stroke / 2

    def outside(self, px, py):
        """How far points lie outside the outline (negative inside), exact along the edges."""
        dx, dy = np.abs(np.asarray(px) - self.x), np.abs(np.asarray(py) - self.y)
        if self.shape == "square":
            return np.maximum(dx, dy) - self.half
        if self.shape == "diamond":
            return (dx + dy - self.half) / math.sqrt(2)
        return np.hypot(dx, dy) - self.half

    def label_box(self) -> tuple[float, float, float, float]:
        left = self.x + LABEL_DX
        width = len(self.code) * CHAR_WIDTH_EM * LABEL_FONT_SIZE
        return (left, self.y - LABEL_FONT_SIZE / 2, left + width, self.y + LABEL_FONT_SIZE / 2)


def _symbol(domain: str, x: float, y: float, code: str, stroke: float) -> _Symbol:
    return _Symbol(
        x=float(x),
        y=float(y),
        shape=DOMAIN_SHAPES.get(domain, "circle"),
        size=DOMAIN_MARKER_SIZES.get(domain, DEFAULT_MARKER_SIZE),
        stroke=stroke,
        code=str(code),
    )


def _weights(ts: np.ndarray) -> np.ndarray:
    """The cubic Bernstein weights at parameters `ts`, shape (len(ts), 4)."""
    s = 1 - ts
    return np.stack((s**3, 3 * s * s * ts, 3 * s * ts * ts, ts**3), axis=1)


@functools.lru_cache(maxsize=256)
def _bernstein(count: int) -> tuple[np.ndarray, np.ndarray]:
    """`count` parameters evenly from 0 to 1, and the cubic Bernstein weights there."""
    ts = np.linspace(0.0, 1.0, count)
    weights = _weights(ts)
    ts.flags.writeable = weights.flags.writeable = False
    return ts, weights


def _bezier(controls: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Points of cubic Bézier curves at the parameters `weights` stand for (`_bernstein`).

    `controls` has shape (..., 4, 2): start, two control points, end. Returns (..., len(ts), 2).
    """
    return weights @ controls


def _point(controls: np.ndarray, t: float) -> np.ndarray:
    """One point of a cubic Bézier curve."""
    s = 1 - t
    return (
        s**3 * controls[0]
        + 3 * s * s * t * controls[1]
        + 3 * s * t * t * controls[2]
        + t**3 * controls[3]
    )


def _crossing(ts: np.ndarray, values: np.ndarray) -> float | None:
    """The first parameter where `values` (sampled at `ts`) rises through zero, interpolated
    between samples; None if it never does."""
    above = np.flatnonzero(values >= 0)
    if not len(above):
        return None
    k = int(above[0])
    if k == 0:
        return float(ts[0])
    v0, v1 = float(values[k - 1]), float(values[k])
    return float(ts[k - 1] + (ts[k] - ts[k - 1]) * (-v0) / (v1 - v0))


def _within(index: np.ndarray, size: int) -> np.ndarray:
    """Indices held to 0 … size - 1 (`ndarray.clip` is several times slower)."""
    return np.minimum(np.maximum(index, 0), size - 1)


class _Router:
    """Routes arrows as smooth curves around markers, codes, words and each other.

    Each arrow is a cubic Bézier curve from its start marker to its end marker; of a fixed set
    of ways out and ways in (`route`) the cheapest wins. The price is read off a raster of the
    chart: running under a marker costs most per pixel (a
    marker that has an arrow of its own still more: the arrow would seem to leave from there),
    a code or a quadrant word less, ground another arrow already runs on a little; then length,
    and turning, so a detour has to pay for itself. Leaving the frame is ruled out.
    Deterministic: arrows are routed in order, candidates tried in a fixed order.
    """

    CELL = 2.0  # px per cell of the raster of markers, codes and words
    ARROW_CELL = 5.0  # px per cell of the raster of ground arrows run on
    STEP = 7.0  # px between sample points along a candidate
    COST: ClassVar[dict[str, float]] = {  # per px run over it, unless said otherwise
        "busy marker": 2.0,
        "marker": 0.2,
        "code": 0.4,
        "word": 0.3,
        "arrow": 0.3,
        "length": 0.01,
        "turn": 12.0,  # per radian of turning
    }

    def __init__(
        self,
        frame: PlotFrame,
        symbols: list[_Symbol],
        word_boxes: Iterable[tuple[float, float, float, float]] = (),
        busy: Iterable[int] = (),
    ) -> None:
        self.frame = frame
        self.symbols = symbols
        self.shape = (int(frame.width // self.CELL) + 1, int(frame.height // self.CELL) + 1)
        self.price = np.zeros(self.shape)
        self.arrows = np.zeros(
            (int(frame.width // self.ARROW_CELL) + 1, int(frame.height // self.ARROW_CELL) + 1)
        )
        # Arrows run beneath the markers, so their halo may slip under a marker's edge.
        pad = ARROW_WIDTH[True] / 2
        busy = set(busy)
        for i, symbol in enumerate(symbols):
            half = symbol.half + pad
            kind = "busy marker" if i in busy else "marker"
            self._add(
                self.price,
                (symbol.x - half, symbol.y - half, symbol.x + half, symbol.y + half),
                kind,
            )
            left, bottom, right, top = symbol.label_box()
            self._add(self.price, (left - 1, bottom - 1, right + 1, top + 1), "code")
        for box in word_boxes:
            self._add(self.price, box, "word")

    def _add(self, raster: np.ndarray, box: tuple[float, float, float, float], kind: str) -> None:
        left, bottom, right, top = box
        i0, i1 = max(0, round(left / self.CELL)), min(self.shape[0], round(right / self.CELL))
        j0, j1 = max(0, round(bottom / self.CELL)), min(self.shape[1], round(top / self.CELL))
        region = raster[i0:i1, j0:j1]
        np.maximum(region, self.COST[kind], out=region)

    @staticmethod
    def _turned(direction: np.ndarray, degrees: float) -> np.ndarray:
        c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
        return np.array([c * direction[0] - s * direction[1], s * direction[0] + c * direction[1]])

    def route(self, a: int, b: int) -> np.ndarray | None:
        """The control points (4×2, pixels) of the cheapest curve from symbol `a` to `b`.

        First the way out: straight, or leaving at 22.5°, 45°, 67.5° or 90° to either side of
        the straight line, turning late or early, all arriving along the straight line. Then,
        on the best way out, the way in: along the straight line or from 45° or 90° to either
        side (so an arrow need not run through a marker stacked below its end).
        """
        start = np.array([self.symbols[a].x, self.symbols[a].y])
        end = np.array([self.symbols[b].x, self.symbols[b].y])
        length = float(np.hypot(*(end - start)))
        if length == 0:
            return None
        _, weights = _bernstein(int(min(200, max(24, 1.3 * length / self.STEP))))
        chord = (end - start) / length
        far = min(max(0.35 * length, 30.0), 160.0)
        near = min(max(0.15 * length, 24.0), 70.0)
        arrive = end - far * chord
        candidates = np.array([(start, start + far * chord, arrive, end)])
        cells, price = self._price(candidates, weights, a, b)
        # A straight line over free ground needs no search.
        if price[0] > self.COST["length"] * length * 1.0001:
            outs = [start + far * chord] + [
                start + reach * self._turned(chord, degrees)
                for degrees in (22.5, -22.5, 45.0, -45.0, 67.5, -67.5, 90.0, -90.0)
                for reach in (far, near)
            ]
            ways_out = np.array([(start, out, arrive, end) for out in outs])
            _, price = self._price(ways_out, weights, a, b)
            out = outs[int(np.argmin(price))]
            ways_in = [arrive] + [
                end - far * self._turned(chord, degrees) for degrees in (45.0, -45.0, 90.0, -90.0)
            ]
            candidates = np.array([(start, out, way_in, end) for way_in in ways_in])
            cells, price = self._price(candidates, weights, a, b)
        best = int(np.argmin(price))
        if not math.isfinite(price[best]):
            best = 0  # every candidate leaves the frame: take the straight one
        self._lay((cells[0][best : best + 1], cells[1][best : best + 1]))
        return candidates[best]

    def _price(
        self, controls: np.ndarray, weights: np.ndarray, a: int, b: int
    ) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
        """Each candidate's arrow-raster cells and its price (inf when it leaves the frame)."""
        points = _bezier(controls, weights)  # (candidates, samples, 2)
        x, y = points[..., 0], points[..., 1]
        steps = np.diff(points, axis=1)
        step_length = np.hypot(steps[..., 0], steps[..., 1])
        # The stretch inside the arrow's own two markers (and its halo at their edge) is free.
        pad = ARROW_WIDTH[True] / 2
        own = (self.symbols[a].outside(x, y) < pad) | (self.symbols[b].outside(x, y) < pad)
        i, j = (x / self.CELL).astype(int), (y / self.CELL).astype(int)
        per_px = self.price[_within(i, self.shape[0]), _within(j, self.shape[1])]
        ai = _within((x / self.ARROW_CELL).astype(int), self.arrows.shape[0])
        aj = _within((y / self.ARROW_CELL).astype(int), self.arrows.shape[1])
        per_px = np.where(own, 0.0, per_px + self.arrows[ai, aj])
        cost = (per_px[:, 1:] * step_length).sum(axis=1)
        cost += self.COST["length"] * step_length.sum(axis=1)
        headings = np.arctan2(steps[..., 1], steps[..., 0])
        turns = np.abs((np.diff(headings, axis=1) + math.pi) % (2 * math.pi) - math.pi)
        cost += self.COST["turn"] * turns.sum(axis=1)
        margin = 2.0
        outside = (
            (x.min(axis=1) < margin)
            | (y.min(axis=1) < margin)
            | (x.max(axis=1) > self.frame.width - margin)
            | (y.max(axis=1) > self.frame.height - margin)
        )
        cost[outside] = math.inf
        return (ai, aj), cost

    def _lay(self, cells: tuple[np.ndarray, np.ndarray]) -> None:
        """Ground an arrow runs on, and a cell around it, costs the arrows still to come."""
        ai, aj = cells
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                self.arrows[
                    _within(ai + di, self.arrows.shape[0]),
                    _within(aj + dj, self.arrows.shape[1]),
                ] = self.COST["arrow"]


def _arrow_path(
    start: _Symbol, end: _Symbol, controls: np.ndarray, head_reach: float
) -> tuple[list[tuple[float, float]], tuple[float, float], float] | None:
    """The drawn curve (pixels) from `start`'s edge to the arrowhead, the head's centre and
    its angle, or None when the markers are too close for an arrow.

    The curve leaves `ARROW_GAP` px outside the start marker's outline; the head's tip stops
    as far outside the end marker's outline, its centre on the curve `head_reach` before it.
    """
    ts, weights = _bernstein(401)
    points = _bezier(controls, weights)
    t_start = _crossing(ts, start.outside(points[:, 0], points[:, 1]) - ARROW_GAP)
    back = ts[::-1]
    t_tip = _crossing(back, end.outside(points[::-1, 0], points[::-1, 1]) - ARROW_GAP)
    if t_start is None or t_tip is None or t_tip <= t_start:
        return None
    tip = _point(controls, t_tip)
    if float(np.hypot(*(tip - _point(controls, t_start)))) <= head_reach + 6:
        return None
    # Back from the tip along the curve to the point `head_reach` away: the head's centre.
    beyond = np.where(back > t_tip, -1e9, 0.0)
    t_head = _crossing(back, np.hypot(*(points[::-1] - tip).T) - head_reach + beyond)
    if t_head is None or t_head <= t_start:
        return None
    (cx, cy), length = controls[3] - controls[0], float(np.hypot(*(controls[3] - controls[0])))
    # Straight when both control points lie on the line from start to end.
    offsets = [
        abs(cx * (p[1] - controls[0][1]) - cy * (p[0] - controls[0][0])) for p in controls[1:3]
    ]
    straight = max(offsets) <= 1e-6 * length * length
    steps = 2 if straight else int(min(40, max(8, length / 12)))
    path = _bezier(controls, _weights(np.linspace(t_start, t_head, steps)))
    head = path[-1]
    ux, uy = (tip - head) / max(float(np.hypot(*(tip - head))), 1e-9)
    # Vega turns a symbol clockwise from pointing up; pixel y here runs upwards.
    angle = math.degrees(math.atan2(ux, uy)) % 360
    return [(float(x), float(y)) for x, y in path], (float(head[0]), float(head[1])), angle


def _uncrossed(
    cells: list[tuple[float, float]], anchors: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """`cells` reordered so the straight lines from each anchor to its cell do not cross.

    Swaps any two cells while that shortens the lines' total length; the shortest matching has
    no crossings, and a crossing pair can always be shortened by swapping. Deterministic.
    """
    cells = list(cells)

    def length(anchor: tuple[float, float], cell: tuple[float, float]) -> float:
        return math.hypot(cell[0] - anchor[0], cell[1] - anchor[1])

    improved = True
    while improved:
        improved = False
        for i in range(len(cells)):
            for j in range(i + 1, len(cells)):
                now = length(anchors[i], cells[i]) + length(anchors[j], cells[j])
                swapped = length(anchors[i], cells[j]) + length(anchors[j], cells[i])
                if swapped < now - 1e-6:
                    cells[i], cells[j] = cells[j], cells[i]
                    improved = True
    return cells


def _arrow_geometry(
    arrows: pd.DataFrame,
    layout: _Layout,
    table: pd.DataFrame,
    frame: PlotFrame,
    lang: str,
    ghost_symbols: list[_Symbol],
    word_boxes: Iterable[tuple[float, float, float, float]],
) -> tuple[list[dict], list[dict], list[dict], dict[str, bool]]:
    """Arrow curves, heads and loose ends, in the chart's own cells.

    An arrow end with the scores a service's marker is drawn with starts (or stops) at that
    marker; any other end takes a free cell and gets a hollow marker there, so no arrowhead
    lands on another service and every arrow's end is labelled with its code. Curves start at
    the marker's edge and are routed around other markers and codes (`_Router`).

    Returns the curves' points, the heads, the hollow markers and, per service whose solid
    marker an arrow leaves or reaches, whether that arrow crosses a cut.
    """
    ids = _column(table, "id")
    codes = _column(table, "code")
    domains = _column(table, "domain")
    markets = table["market"].tolist()
    needs = table["need"].tolist()
    symbols = [
        _symbol(domain, x, y, code, MARKER_STROKE)
        for domain, x, y, code in zip(domains, layout.x, layout.y, codes, strict=True)
    ]
    marker_of = {service_id: i for i, service_id in enumerate(ids)}
    columns = ("id", "code", "name", "domain", "crosses", "quadrant_from", "quadrant_to")
    records = _tuples(arrows, (*columns, "market_from", "need_from", "market_to", "need_to"))
    ends: dict[tuple[int, int], int] = {}
    loose: list[tuple[int, int]] = []
    loose_spots: list[tuple[float, float]] = []
    for r, row in enumerate(records):
        i = marker_of.get(str(row.id))
        for side, (market, need) in enumerate(
            ((row.market_from, row.need_from), (row.market_to, row.need_to))
        ):
            if i is not None and _same(markets[i], market) and _same(needs[i], need):
                ends[(r, side)] = i
            else:
                loose.append((r, side))
                loose_spots.append((float(market), float(need)))
    cells = _place(layout.grid, loose_spots)
    # Arrows bound for the same spot share its free cells; hand them out so no two of these
    # arrows cross (by the straight line from the other end).
    others = {
        (r, side): (layout.x[ends[(r, 1 - side)]], layout.y[ends[(r, 1 - side)]])
        for r, side in loose
        if (r, 1 - side) in ends
    }
    groups: dict[tuple[int, tuple[float, float]], list[int]] = {}
    for k, ((r, side), (market, need)) in enumerate(zip(loose, loose_spots, strict=True)):
        if (r, side) in others:
            groups.setdefault((side, _spot(market, need)), []).append(k)
    for members in groups.values():
        anchors = [others[loose[k]] for k in members]
        spots = _uncrossed([cells[k] for k in members], anchors)
        for k, cell in zip(members, spots, strict=True):
            cells[k] = cell
    loose_rows = []
    for (r, side), (x, y) in zip(loose, cells, strict=True):
        row = records[r]
        ends[(r, side)] = len(symbols)
        symbols.append(_symbol(str(row.domain), x, y, str(row.code), HOLLOW_STROKE))
        loose_rows.append((r, x, y))
    busy = {ends[(r, side)] for r in range(len(records)) for side in (0, 1)}
    for i in busy:
        if i < len(ids):  # a solid marker with an arrow is drawn with a thicker rim
            symbols[i] = dataclasses.replace(symbols[i], stroke=RIM_STROKE)
    router = _Router(frame, symbols + ghost_symbols, word_boxes, busy)
    paths, heads, hollow = [], [], []
    rims: dict[str, bool] = {}
    labels = {r: _arrow_labels(row, lang) for r, row in enumerate(records)}
    for r, x, y in loose_rows:
        row = records[r]
        hollow.append(_hollow_record(str(row.domain), x, y, frame, labels[r]))
    for r, row in enumerate(records):
        a, b = ends[(r, 0)], ends[(r, 1)]
        crosses = bool(row.crosses)
        control = router.route(a, b)
        if control is None:
            continue
        path = _arrow_path(symbols[a], symbols[b], control, HEAD_REACH[crosses])
        if path is None:
            continue
        points, (hx, hy), angle = path
        for end in (a, b):
            if end < len(ids):
                rims[ids[end]] = rims.get(ids[end], False) or crosses
        xs = frame.data_x([p[0] for p in points])
        ys = frame.data_y([p[1] for p in points])
        for step, (x, y) in enumerate(zip(xs.tolist(), ys.tolist(), strict=True)):
            paths.append({"id": labels[r]["id"], "crosses": crosses, "step": step, "x": x, "y": y})
        heads.append(
            {
                **labels[r],
                "crosses": crosses,
                "x": float(frame.data_x(hx)),
                "y": float(frame.data_y(hy)),
                "angle": angle,
                "end_x": float(frame.data_x(symbols[b].x)),
                "end_y": float(frame.data_y(symbols[b].y)),
            }
        )
    return paths, heads, hollow, rims


def _arrow_labels(row, lang: str) -> dict:
    return {
        "id": str(row.id),
        "code": str(row.code),
        "name": str(row.name),
        "domain": str(row.domain),
        "from_label": quadrant_label(row.quadrant_from, lang),
        "to_label": quadrant_label(row.quadrant_to, lang),
    }


def _hollow_record(domain: str, x: float, y: float, frame: PlotFrame, fields: dict) -> dict:
    """A hollow marker at pixel (x, y): shape, outline colour and size fixed per domain."""
    return {
        **fields,
        "x": float(frame.data_x(x)),
        "y": float(frame.data_y(y)),
        "shape": DOMAIN_SHAPES.get(domain, "circle"),
        "outline": DOMAIN_COLORS.get(domain, INK),
        "size": DOMAIN_MARKER_SIZES.get(domain, DEFAULT_MARKER_SIZE),
    }


def _direction(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float, float]:
    """Unit vector and length from (x1, y1) to (x2, y2), in pixels with y up."""
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    if length == 0:
        return 0.0, 1.0, 0.0
    return dx / length, dy / length, length


def _hollow_layer(
    name: str, rows: list[dict], tooltip: list[dict], opacity: float
) -> list[alt.Chart]:
    """Hollow markers: white inside, outlined in the domain's own colour at full strength.

    One layer per shape, the shape set on the mark: a `shape` channel here, even without a
    scale, makes Streamlit's Vega-Lite drop the shapes from the werkdomein legend. Outline
    and size come from each row with no scale and no legend.
    """
    layers = []
    for shape in sorted({row["shape"] for row in rows}):
        layers.append(
            _layer(
                (
                    f"{name}_{re.sub(r'[^a-z]', '', shape)}",
                    [r for r in rows if r["shape"] == shape],
                ),
                {
                    "type": "point",
                    "shape": shape,
                    "filled": False,
                    "fill": "white",
                    "strokeWidth": HOLLOW_STROKE,
                    "opacity": opacity,
                    "aria": False,
                },
                {
                    "x": _X,
                    "y": _Y,
                    "stroke": _field("outline", scale=None, legend=None),
                    "size": _field("size", "quantitative", scale=None, legend=None),
                    "tooltip": tooltip,
                },
            )
        )
    return layers


def _code_record(row: dict, *, hollow: bool) -> dict:
    return {"id": row["id"], "code": row["code"], "x": row["x"], "y": row["y"], "hollow": hollow}


def _code_layers(rows: list[dict], halo: bool) -> list[alt.Chart]:
    """The codes beside the markers, hollow markers' codes a shade lighter; with `halo` first a
    white outline under each code, so an arrow running past never hides a letter."""
    text = {
        "type": "text",
        "align": "left",
        "baseline": "middle",
        "dx": LABEL_DX,
        "fontSize": LABEL_FONT_SIZE,
        "fontWeight": "bold",
        "aria": False,
    }
    encoding = {"x": _X, "y": _Y, "text": _field("code")}
    data = _InlineRows("codes", rows)
    layers = []
    if halo:
        outline = {"fill": "white", "stroke": "white", "strokeWidth": 5, "strokeJoin": "round"}
        layers.append(_layer(data, {**text, **outline}, encoding))
    ink = {"condition": {"test": "datum.hollow", "value": HOLLOW_INK}, "value": INK}
    layers.append(_layer(data, text, {**encoding, "color": ink}))
    return layers


def _ghosts(
    layout: _Layout, points: list[dict], frame: PlotFrame
) -> tuple[alt.Chart, list[dict], list[_Symbol]]:
    """For each service a what-if moved: a hollow marker where it stands without the what-if,
    and a dashed line from there to its marker (the layer of lines, the hollow markers' rows,
    their symbols for the arrows to avoid)."""
    by_id = {point["id"]: point for point in points}
    rows, symbols, links = [], [], []
    for service_id, (x1, y1) in layout.home.items():
        point = by_id[service_id]
        x2, y2 = float(frame.px(point["x"])), float(frame.py(point["y"]))
        symbols.append(_symbol(point["domain"], x1, y1, point["code"], HOLLOW_STROKE))
        rows.append(_hollow_record(point["domain"], x1, y1, frame, point))
        ux, uy, length = _direction(x1, y1, x2, y2)
        gap = min(MARKER_DIAMETER / 2 + 2, length / 2)
        links.append(
            {
                "x": float(frame.data_x(x1 + ux * gap)),
                "y": float(frame.data_y(y1 + uy * gap)),
                "x2": float(frame.data_x(x2 - ux * gap)),
                "y2": float(frame.data_y(y2 - uy * gap)),
            }
        )
    line = {
        "type": "rule",
        "color": INK,
        "strokeWidth": 2,
        "strokeDash": [6, 4],
        "opacity": 0.8,
        "aria": False,
    }
    encoding = {"x": _X, "y": _Y, "x2": {"field": "x2"}, "y2": {"field": "y2"}}
    return _layer(("ghost_links", links), line, encoding), rows, symbols


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
    highlight: Collection[str] = (),
) -> alt.LayerChart:
    """The Harrigan matrix: quadrant tints and words, cut lines, one marker per service.

    `table` is `classify`'s result; markers sit where `spread_positions(table, base=ghosts)`
    puts them. `ghosts`: the what-if services classified without their what-if; each is drawn
    hollow in the cell it has without it, linked to its marker by a dashed line.
    `arrows`: from `evolution_arrows`; thick vermilion where a service changes quadrant, thin
    grey otherwise, each from the edge of one marker to a hollow marker in a free cell, curved
    around other markers and codes and drawn beneath them. The legend lists the werkdomeinen in
    `table`. With `selectable`, a click selects the point selection "dienst" on the field `id`.
    `width`×`height` is the plotting area in pixels; the spread guarantees no overlap when the
    chart is drawn at that size. Quick to build (39 services: about 3 ms, 13 ms with 16 arrows
    to route; `bench/chart_build.py`); pages hand `chart.to_dict(validate=False)` to Streamlit,
    which is the very spec `to_dict()` validates.
    """
    frame = PlotFrame(width=width, height=height)
    if ghosts is not None and len(ghosts):
        ghosts = ghosts[ghosts["id"].isin(set(table["id"]))]
    layout = _layout(table, market_cut=market_cut, need_cut=need_cut, frame=frame, base=ghosts)
    points = _point_records(table, frame.data_x(layout.x), frame.data_y(layout.y), lang)
    tooltip = _tooltip(lang)
    layers, word_boxes = _static_layers(float(market_cut), float(need_cut), lang, frame)
    codes = [_code_record(point, hollow=False) for point in points]
    beneath: list[alt.Chart] = []  # links and arrows, drawn under every marker and code
    hollow: list[alt.Chart] = []
    ghost_symbols: list[_Symbol] = []
    rimmed = False

    if layout.home:
        for point in points:
            if point["id"] in layout.home:
                point["what_if"] = True
        links, ghost_rows, ghost_symbols = _ghosts(layout, points, frame)
        beneath.append(links)
        hollow.extend(_hollow_layer("ghosts", ghost_rows, tooltip, GHOST_OPACITY))
        codes.extend(_code_record(row, hollow=True) for row in ghost_rows)

    if arrows is not None and len(arrows):
        paths, heads, ends, rims = _arrow_geometry(
            arrows, layout, table, frame, lang, ghost_symbols, word_boxes
        )
        for point in points:
            if point["id"] in rims:
                point["arrow"] = "cross" if rims[point["id"]] else "move"
        rimmed = bool(rims)
        arrow_tooltip = _arrow_tooltip(lang)
        if ends:
            hollow.extend(_hollow_layer("arrow_ends", ends, arrow_tooltip, 1.0))
            codes.extend(_code_record(end, hollow=True) for end in ends)
        if paths:
            beneath.extend(_arrow_layers(paths, heads, arrow_tooltip))

    color, shape = _domain_encodings(_column(table, "domain"), lang)
    markers = {
        "x": _X,
        "y": _Y,
        "color": color,
        "shape": shape,
        "size": _field("size", "quantitative", scale=None, legend=None),
        "tooltip": tooltip,
        "description": _field("description"),
        # A marker an arrow leaves (or reaches) is rimmed in the arrow's colour.
        "stroke": {
            "condition": [
                {"test": "datum.arrow === 'cross'", "value": CROSSING_COLOR},
                {"test": "datum.arrow === 'move'", "value": ARROW_COLOR},
            ],
            "value": INK,
        },
        "strokeWidth": {
            "condition": [{"test": "datum.arrow", "value": RIM_STROKE}],
            "value": MARKER_STROKE,
        },
    }
    if rimmed:
        # With arrows, services that stay put (and have no what-if) step back: an arrow running
        # under one of them shows through it instead of seeming to start there.
        markers["opacity"] = {
            "condition": {"test": "datum.arrow || datum.what_if", "value": 1},
            "value": STILL_OPACITY,
        }
    props = {}
    params = alt.Undefined
    if selectable:
        selected = {"param": SELECTION_NAME, "empty": False, "value": SELECTED_STROKE}
        markers["strokeWidth"]["condition"].insert(0, selected)
        props["name"] = MARKERS_VIEW
        params = [
            _Selection(
                name=SELECTION_NAME,
                select={"type": "point", "fields": ["id"], "on": "click"},
                views=[MARKERS_VIEW],
            )
        ]
    solid = _layer(
        ("points", points),
        {"type": "point", "filled": True, "opacity": 1, "stroke": INK, "cursor": "pointer"},
        markers,
        **props,
    )
    layers.extend([*beneath, *hollow, solid, *_code_layers(codes, halo=bool(beneath))])
    layers.extend(_found_layers([p for p in points if p["id"] in set(highlight)]))

    top = _title(title, subtitle)
    return alt.LayerChart(
        layer=layers,
        params=params,
        width=width,
        height=height,
        usermeta={"embedOptions": dict(USERMETA["embedOptions"])},
        **top,
    )


def _title(title: str | None, subtitle: str | None) -> dict:
    if not title:
        return {}
    spec = {
        "text": title,
        "fontSize": TITLE_FONT_SIZE,
        "anchor": "start",
        "color": INK,
        "offset": 14,
    }
    if subtitle:
        spec |= {
            "subtitle": subtitle,
            "subtitleFontSize": SUBTITLE_FONT_SIZE,
            "subtitleColor": "#444444",
        }
    return {"title": spec}


def _arrow_layers(paths: list[dict], heads: list[dict], tooltip: list[dict]) -> list[alt.Chart]:
    """Arrow curves on a white halo, and their heads (which carry the tooltip)."""
    crossing = "datum.crosses"
    width = {
        "condition": {"test": crossing, "value": ARROW_WIDTH[True]},
        "value": ARROW_WIDTH[False],
    }
    halo_width = {
        "condition": {"test": crossing, "value": ARROW_WIDTH[True] + 2 * ARROW_HALO},
        "value": ARROW_WIDTH[False] + 2 * ARROW_HALO,
    }
    curve = {
        "x": _X,
        "y": _Y,
        "detail": _field("id"),
        "order": _field("step", "quantitative"),
    }
    line = {"type": "line", "strokeCap": "round", "strokeJoin": "round", "aria": False}
    ink = {"condition": {"test": crossing, "value": CROSSING_COLOR}, "value": ARROW_COLOR}
    curves = _InlineRows("arrow_paths", paths)
    return [
        _layer(
            curves, {**line, "color": "white", "opacity": 0.9}, {**curve, "strokeWidth": halo_width}
        ),
        _layer(curves, {**line, "opacity": 1}, {**curve, "stroke": ink, "strokeWidth": width}),
        _layer(
            ("arrow_heads", heads),
            {
                "type": "point",
                "shape": "triangle-up",
                "filled": True,
                "opacity": 1,
                "stroke": "white",
                "strokeWidth": 1.5,
                "aria": False,
            },
            {
                "x": _X,
                "y": _Y,
                "angle": _field("angle", "quantitative", scale=None, legend=None),
                "fill": ink,
                "size": {
                    "condition": {"test": crossing, "value": HEAD_SIZE[True]},
                    "value": HEAD_SIZE[False],
                },
                "tooltip": tooltip,
            },
        ),
    ]


# --- Tables as charts --------------------------------------------------------------------------


def _text_color_on(field: str, threshold: float) -> alt.ColorValue:
    """White text on the dark end of a sequential scale, ink on the light end.

    Channel objects throughout: a shorthand string or an `alt.when` makes Altair hash all its
    schema classes on every `encode` (vega/altair#3547)."""
    return alt.ColorValue(
        INK, condition={"test": f"datum.{field} >= {threshold}", "value": "white"}
    )


def _grid_axis(**options) -> alt.Axis:
    """The axis of a table-like chart: row or column names only, no line and no ticks."""
    return alt.Axis(
        **{"labelColor": INK, "domain": False, "ticks": False, "labelPadding": 8, **options}
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
        axis=_grid_axis(labelFontSize=17, labelLimit=420),
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
        text=alt.Text("value_text:N"),
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
            axis=_grid_axis(orient="top", labelAngle=0, labelFontSize=18, labelFontWeight="bold"),
            scale=alt.Scale(paddingInner=0.06),
        ),
        y=alt.Y(
            "cluster:N",
            sort=clusters,
            title=None,
            axis=_grid_axis(labelFontSize=18, labelLimit=360),
            scale=alt.Scale(paddingInner=0.08),
        ),
    )
    cells = base.mark_rect(aria=False, stroke="#9A9A9A", strokeWidth=1).encode(
        fill=alt.Fill("fill:N", scale=None, legend=None),
        tooltip=[
            alt.Tooltip("cluster:N", title=t("field_cluster", lang)),
            alt.Tooltip("quadrant_label:N", title=t("field_quadrant", lang)),
            alt.Tooltip("count:Q", title=t("field_count", lang)),
        ],
    )
    numbers = base.mark_text(fontSize=22, fontWeight="bold", aria=False).encode(
        text=alt.Text("count_text:N"),
        color=alt.ColorValue("#9A9A9A", condition={"test": "datum.count > 0", "value": INK}),
    )
    return alt.layer(cells, numbers).properties(
        width=alt.Step(140), height=alt.Step(44), usermeta=USERMETA
    )


# --- Finding services, and portfolios too large to label -----------------------------------

FOUND_SIZE: Final = 1500
FOUND_STROKE: Final = 4
# Above this many services the spread cannot give each its own cell at projector size: the
# chart draws small unlabelled dots instead, and the search box finds a service by name.
DENSE_FROM: Final = 200
DENSE_SIZE: Final = 36
DENSE_JITTER: Final = 0.045  # in score units; tied services fan out around their spot


def _found_layers(rows: list[dict]) -> list[alt.Chart]:
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
            "fontSize": LABEL_FONT_SIZE + 2,
            "fontWeight": "bold",
            "color": CROSSING_COLOR,
        },
        {"x": _X, "y": _Y, "text": _field("label")},
    )
    return [ring, label]


def dense_positions(table: pd.DataFrame, *, market_cut: float, need_cut: float) -> pd.DataFrame:
    """Each service at its own scores, fanned out by a fixed offset drawn from its id (so it
    keeps its place from one rerun to the next) and kept on its side of both cut lines."""
    ids = pd.util.hash_pandas_object(table["id"].astype(str), index=False).to_numpy()
    first = ((ids & 0xFFFF) / 0xFFFF) * 2 - 1
    second = (((ids >> 16) & 0xFFFF) / 0xFFFF) * 2 - 1
    x = table["market"].to_numpy(float) + DENSE_JITTER * first
    y = table["need"].to_numpy(float) + DENSE_JITTER * second
    gap = 0.01
    strong_x = table["market_strong"].to_numpy(bool)
    strong_y = table["need_strong"].to_numpy(bool)
    x = np.where(strong_x, np.maximum(x, market_cut + gap), np.minimum(x, market_cut - gap))
    y = np.where(strong_y, np.maximum(y, need_cut + gap), np.minimum(y, need_cut - gap))
    x = np.clip(x, X_DOMAIN[0] + gap, X_DOMAIN[1] - gap)
    y = np.clip(y, Y_DOMAIN[0] + gap, Y_DOMAIN[1] - gap)
    return table.assign(x=x, y=y)


def dense_parts(
    table: pd.DataFrame,
    *,
    market_cut: float,
    need_cut: float,
    lang: str = DEFAULT_LANGUAGE,
    width: int = WIDTH,
    height: int = HEIGHT,
    highlight: Collection[str] = (),
    title: str | None = None,
    subtitle: str | None = None,
) -> tuple[dict, pd.DataFrame]:
    """The dense chart as a spec whose dots layer takes the top-level data, and that data.

    The page hands the frame to Streamlit, which sends it as Arrow: encoding 10,000 dots as
    JSON on every slider move took longer than drawing them.
    """
    frame = PlotFrame(width=width, height=height)
    placed = dense_positions(table, market_cut=market_cut, need_cut=need_cut)
    layers, _ = _static_layers(float(market_cut), float(need_cut), lang, frame)
    quadrant_names = {q: quadrant_label(q, lang) for q in QUADRANTS}
    dots = pd.DataFrame(
        {
            "x": placed["x"].round(4),
            "y": placed["y"].round(4),
            "id": placed["id"].astype(str),
            "code": placed["code"].astype(str),
            "name": placed["name"].astype(str),
            "domain_label": placed["domain"].map({d: domain_label(d, lang) for d in DOMAINS}),
            "quadrant_label": placed["quadrant"].map(quadrant_names),
        }
    )
    color, _ = _domain_encodings(placed["domain"], lang)
    dots_layer = {
        "mark": {"type": "circle", "size": DENSE_SIZE, "opacity": 0.55},
        "encoding": {
            "x": _X,
            "y": _Y,
            "color": color,
            "tooltip": [
                {"field": "name", "type": "nominal", "title": t("field_name", lang)},
                {"field": "code", "type": "nominal", "title": t("field_code", lang)},
                {"field": "quadrant_label", "type": "nominal", "title": t("field_quadrant", lang)},
            ],
        },
    }
    found = dots[dots["id"].isin(set(highlight))]
    layers.extend(_found_layers(found.to_dict("records")))
    spec = alt.LayerChart(
        layer=layers,
        width=width,
        height=height,
        usermeta={"embedOptions": {"renderer": "canvas"}},
        **_title(title, subtitle),
    ).to_dict(validate=False)
    # The dots go under the found rings: after the static layers, before the rings.
    spec["layer"].insert(len(spec["layer"]) - (2 if len(found) else 0), dots_layer)
    return spec, dots


def dense_quadrant_chart(table: pd.DataFrame, **options) -> dict:
    """`dense_parts` with the dots inline: a self-contained spec for files (vl-convert)."""
    spec, dots = dense_parts(table, **options)
    spec["data"] = {"values": dots.to_dict("records")}
    return spec


def as_spec(chart: alt.TopLevelMixin | dict) -> dict:
    """A Vega-Lite spec from a chart or a spec, without re-validating its schema."""
    return chart if isinstance(chart, dict) else chart.to_dict(validate=False)


def with_named_datasets(spec: dict) -> dict:
    """The spec with each layer's inline rows moved to top-level datasets under stable names.

    Streamlit sends datasets as Arrow and, when nothing but the datasets changed, the browser
    swaps the rows in the drawn chart instead of building it anew: a slider move then costs a
    data update, not a redraw. The names drop the content hash, so they stay the same.
    """
    result = dict(spec)
    datasets: dict[str, list] = dict(result.get("datasets", {}))
    layers = []
    for layer in result.get("layer", []):
        data = layer.get("data") if isinstance(layer, dict) else None
        if isinstance(data, dict) and "values" in data and "name" in data:
            stable = re.sub(r"_[0-9a-f]{12}$", "", data["name"])
            name = stable
            number = 1
            while name in datasets and datasets[name] is not data["values"]:
                number += 1
                name = f"{stable}_{number}"
            datasets[name] = data["values"]
            layer = {**layer, "data": {"name": name}}
        layers.append(layer)
    if datasets:
        result["layer"] = layers
        result["datasets"] = datasets
    return result


def with_arrow_datasets(spec: dict) -> dict:
    """The spec with each named dataset as Arrow IPC bytes, the form Streamlit sends it in.

    Handed rows, Streamlit builds a pandas DataFrame per dataset and converts that: a fifth of
    a slider move's script time for a chart of nine small datasets. pyarrow reads the rows
    directly. Rows it cannot type (a column mixing text and numbers) are left to Streamlit.
    """
    datasets = spec.get("datasets")
    if not isinstance(datasets, dict) or not datasets:
        return spec
    converted = {name: _arrow_bytes(rows) for name, rows in datasets.items()}
    return {**spec, "datasets": converted}


def _arrow_bytes(rows: object) -> object:
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        return rows
    columns = list(dict.fromkeys(key for row in rows for key in row))
    try:
        table = pa.table({column: [row.get(column) for row in rows] for column in columns})
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return rows
    sink = pa.BufferOutputStream()
    with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def portfolio_chart(table: pd.DataFrame, **options) -> alt.LayerChart | dict:
    """`quadrant_chart`, or `dense_quadrant_chart`'s spec for a portfolio too large to label."""
    if len(table) >= DENSE_FROM:
        # Ghosts, arrows and clicks need a labelled place per service; dots have none.
        kept = ("market_cut", "need_cut", "lang", "width", "height", "highlight", "title")
        return dense_quadrant_chart(
            table, **{k: v for k, v in options.items() if k in (*kept, "subtitle")}
        )
    return quadrant_chart(table, **options)
