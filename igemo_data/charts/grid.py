"""The lattice of free cells a quadrant chart places its services in (no Altair here).

Each quadrant holds cells, a marker plus its code wide, from the scores' edge (1 or 2) to just
short of the cut lines, and beyond the edge a reserve for crowded quadrants; `Grid.take` hands
out the free cell nearest to a service's spot. Where a cut leaves a quadrant too small for its
services, `widened` finds the least wider window that holds them (`charts.layout` uses both).
"""

from __future__ import annotations

import collections
import dataclasses
import math
from typing import Final

import numpy as np

from igemo_data.charts.theme import (
    CELL_GAP_X,
    CELL_GAP_Y,
    CUT_CLEARANCE,
    LABEL_GAP,
    MARKER_DIAMETER,
    WORDS_HEIGHT,
    PlotFrame,
)
from igemo_data.matrix import CUT_TOLERANCE
from igemo_data.schema import SCORE_MAX, SCORE_MIN


def axis_cells(
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


class Grid:
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
        self.label_px = label_px
        self.market_cut = market_cut
        self.need_cut = need_cut
        radius = MARKER_DIAMETER / 2
        reach_right = radius + LABEL_GAP + label_px
        self.radius, self.reach_right = radius, reach_right
        self.cell_width = MARKER_DIAMETER + LABEL_GAP + label_px + CELL_GAP_X
        self.cell_height = MARKER_DIAMETER + CELL_GAP_Y
        px_cut = float(frame.px(market_cut))
        py_cut = float(frame.py(need_cut))
        px_low, px_high = 0.0, float(frame.width)
        py_low, py_high = 0.0, float(frame.height)
        x_cells = {
            False: axis_cells(
                float(frame.px(SCORE_MIN)),
                self.cell_width,
                px_cut - reach_right - CUT_CLEARANCE,
                px_low + radius,
            ),
            True: axis_cells(
                # A score of 2 sits on its value, unless its label would then leave the frame.
                min(float(frame.px(SCORE_MAX)), px_high - reach_right),
                -self.cell_width,
                px_cut + radius + CUT_CLEARANCE,
                px_high - reach_right,
            ),
        }
        y_cells = {
            False: axis_cells(
                float(frame.py(SCORE_MIN)),
                self.cell_height,
                py_cut - radius - CUT_CLEARANCE,
                py_low + radius,
            ),
            True: axis_cells(
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
                if need_strong:
                    words = cy + radius > float(frame.height) - WORDS_HEIGHT
                else:
                    words = cy - radius < WORDS_HEIGHT
                self._cells[(market_strong, need_strong)] = {
                    "x": cx.ravel(),
                    "y": cy.ravel(),
                    "reserve": (rx | ry).ravel(),
                    # Cells in the strip of the quadrant's word and question: taken last.
                    "words": words.ravel(),
                    "used": np.zeros(cx.size, dtype=int),
                }

    def holds(
        self, demand: collections.Counter, *, reserve: bool, clear_words: bool = False
    ) -> bool:
        """Whether each quadrant has a cell of its own for each of the `demand` (per `sides`),
        marker and label inside the frame; with `reserve` counting the cells beyond the scores'
        range too (they reach into the bands of the quadrant words), except, with
        `clear_words`, those in the strip the words take."""
        for side, count in demand.items():
            cells = self._cells[side]
            x, y = cells["x"], cells["y"]
            inside = (
                (x - self.radius >= -1e-6)
                & (x + self.reach_right <= self.frame.width + 1e-6)
                & (y - self.radius >= -1e-6)
                & (y + self.radius <= self.frame.height + 1e-6)
            )
            if not reserve:
                inside &= ~cells["reserve"]
            if clear_words:
                inside &= ~cells["words"]
            if int(inside.sum()) < count:
                return False
        return True

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
        # lexsort's last key sorts first: least used, then inside the scores' range, then out
        # of the words' strip, then nearest, then the smaller vertical step (rows are closer
        # than columns).
        order = np.lexsort(
            (
                np.round(np.abs(dy), 6),
                distance,
                cells["words"],
                cells["reserve"],
                cells["used"],
            )
        )
        chosen = []
        while len(chosen) < count:
            # More services than cells: hand the cells out again, least used first.
            chosen.extend(order[: count - len(chosen)].tolist())
        np.add.at(cells["used"], chosen, 1)
        chosen.sort(key=lambda i: (-round(cells["y"][i], 6), round(cells["x"][i], 6)))
        return [(float(cells["x"][i]), float(cells["y"][i])) for i in chosen]


# How far the window may widen past the scores' range, in score units, and by how much a time;
# `WIDEN_SOFT`: how far it may widen to keep the room's large codes clear of the quadrants'
# words (beyond it the codes step down first, see `layout._fitting_grid`).
WIDEN_STEP: Final = 0.05
WIDEN_SOFT: Final = 0.3
WIDEN_MAX: Final = 2.0


def widened(
    grid: Grid,
    demand: collections.Counter,
    *,
    limit: float = WIDEN_MAX,
    clear_words: tuple[bool, ...] = (True, False),
) -> Grid | None:
    """The grid of the least widened window (at most `limit` score units wider on a side)
    whose cells hold `demand`, or None.

    A cut close to 1 or 2 leaves a quadrant a sliver of the chart: at cuts 1,9 / 1,9 the 18
    services strong on both at 100 % share 175 × 129 px, room for 3 markers with their codes;
    at 1,4 / 1,4 the 27 weak on both fill their quadrant down over its word "Elimineer".
    Rather than draw markers over each other or over the words, the window grows on the
    crowded quadrants' sides, past 1 or 2, into the bands that hold the quadrants' words, a
    step at a time, first in width, then in height, then in both, until each quadrant has a
    cell per service: clear of its words first (each of `clear_words` in turn), then anywhere.
    The scores keep their linear axes and the cut lines their values; the chart is only zoomed
    out.
    """
    frame = grid.frame
    steps = round(limit / WIDEN_STEP + 1e-9)
    for clear in clear_words:
        crowded = [
            side
            for side, count in demand.items()
            if not grid.holds(collections.Counter({side: count}), reserve=True, clear_words=clear)
        ]
        if not crowded:
            return grid
        x_low = any(not market for market, _ in crowded)
        x_high = any(market for market, _ in crowded)
        y_low = any(not need for _, need in crowded)
        y_high = any(need for _, need in crowded)
        for k in range(1, steps + 1):
            grow = k * WIDEN_STEP
            for wide, tall in ((True, False), (False, True), (True, True)):
                (xl, xh), (yl, yh) = frame.x_domain, frame.y_domain
                if wide:
                    xl, xh = xl - grow * x_low, xh + grow * x_high
                if tall:
                    yl, yh = yl - grow * y_low, yh + grow * y_high
                x_domain, y_domain = (round(xl, 6), round(xh, 6)), (round(yl, 6), round(yh, 6))
                window = dataclasses.replace(frame, x_domain=x_domain, y_domain=y_domain)
                wider = Grid(window, grid.market_cut, grid.need_cut, grid.label_px)
                if wider.holds(demand, reserve=True, clear_words=clear):
                    return wider
    return None
