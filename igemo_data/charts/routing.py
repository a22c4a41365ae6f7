"""Arrow geometry in pixels: markers as drawn, cubic Bézier curves, and the router that steers
each arrow around markers, codes, words and the other arrows (numpy only, no Altair)."""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Iterable
from typing import ClassVar

import numpy as np

from igemo_data.charts.text_metrics import text_width
from igemo_data.charts.theme import (
    ARROW_GAP,
    ARROW_WIDTH,
    DEFAULT_MARKER_SIZE,
    DOMAIN_MARKER_SIZES,
    DOMAIN_SHAPES,
    LABEL_DX,
    LABEL_FONT_SIZE,
    PlotFrame,
)


@dataclasses.dataclass(frozen=True)
class _Symbol:
    """A marker as drawn, in pixels (y up): its outline and the label (its code, or code and
    name) to its right, `font` px high."""

    x: float
    y: float
    shape: str
    size: float
    stroke: float
    code: str
    font: float = LABEL_FONT_SIZE

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
        width = text_width(self.code, self.font, bold=True, margin=False)
        return (left, self.y - self.font / 2, left + width, self.y + self.font / 2)


def _symbol(
    domain: str, x: float, y: float, code: str, stroke: float, font: float = LABEL_FONT_SIZE
) -> _Symbol:
    return _Symbol(
        x=float(x),
        y=float(y),
        shape=DOMAIN_SHAPES.get(domain, "circle"),
        size=DOMAIN_MARKER_SIZES.get(domain, DEFAULT_MARKER_SIZE),
        stroke=stroke,
        code=str(code),
        font=font,
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
