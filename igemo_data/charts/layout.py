"""Placing services on the quadrant chart so none hides another (no Altair here).

The plan's scores tie heavily (at horizon 0 the 39 services sit on four points), so
`spread_positions` lays tied and nearly tied services out on a lattice of free cells inside their
own quadrant; the layout is deterministic and keeps each service in its cell from one rerun to
the next. `evolution_arrows` finds each moving service's two ends on the same lattice, and
`dense_positions` fans out the dots of a portfolio too large to label.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
from collections.abc import Iterable
from typing import Final

import numpy as np
import pandas as pd

from igemo_data.charts.grid import WIDEN_SOFT, Grid, widened
from igemo_data.charts.labels import Labels, LabelStyle, label_choices, label_width
from igemo_data.charts.theme import (
    HEIGHT,
    WIDTH,
    X_DOMAIN,
    Y_DOMAIN,
    PlotFrame,
)
from igemo_data.compare import MOVE_COLUMNS
from igemo_data.matrix import CUT_TOLERANCE
from igemo_data.settings import Settings


@functools.lru_cache(maxsize=16)
def _row_type(columns: tuple[str, ...]) -> type:
    return collections.namedtuple("Row", columns)


def _tuples(frame: pd.DataFrame, columns: tuple[str, ...]) -> list:
    """The rows of `frame` as named tuples of `columns` (`itertuples` is several times slower)."""
    row = _row_type(columns)
    return [row._make(values) for values in zip(*(frame[c].tolist() for c in columns), strict=True)]


def _column(table: pd.DataFrame, name: str) -> list[str]:
    return list(map(str, table[name].tolist()))


def _same(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= CUT_TOLERANCE


def _spot(market: float, need: float) -> tuple[float, float]:
    return (round(float(market), 9), round(float(need), 9))


def _place(grid: Grid, spots: list[tuple[float, float]]) -> list[tuple[float, float]]:
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
    grid: Grid
    x: np.ndarray  # pixels, per row of the table
    y: np.ndarray
    home: dict[str, tuple[float, float]]  # id -> pixels where a what-if service sits without it
    labels: Labels | None = None  # the text beside each marker, per row of the table
    ids: tuple[str, ...] = ()  # the table's ids, in its order

    def label_of(self, service_id: str, code: str) -> str:
        """The label a service's markers (solid, hollow, ghost) carry: its code by default."""
        if self.labels is None:
            return str(code)
        return self._by_id.get(str(service_id), str(code))

    @functools.cached_property
    def _by_id(self) -> dict[str, str]:
        return dict(zip(self.ids, self.labels.texts, strict=True)) if self.labels else {}


def _fitting_grid(
    table: pd.DataFrame,
    frame: PlotFrame,
    market_cut: float,
    need_cut: float,
    style: LabelStyle,
    spots: list[tuple[float, float]],
    *,
    widen: bool = False,
) -> tuple[Grid, Labels]:
    """The grid of the first labelling (`label_choices`) whose cells inside the scores' range
    hold every one of `spots` in its own quadrant; else the first that holds them using the
    reserve cells too, clear of the quadrants' words; else, with `widen`, a wider window
    (`grid.widened`, below); else the first that holds them over the words; else the last
    (smallest) one, whose cells are then shared."""
    codes = _column(table, "code")
    names = _column(table, "name") if style.names and "name" in table else [""] * len(codes)
    grids = []
    for labels in label_choices(codes, names, style):
        grid = Grid(frame, market_cut, need_cut, labels.width)
        grids.append((grid, labels))
        demand = collections.Counter(grid.sides(m, n) for m, n in spots)
        if grid.holds(demand, reserve=False):
            return grid, labels
    # The reserve cells reach into the bands of the quadrants' words: cover no word if any
    # labelling can; else, with `widen`, the largest labels a slightly wider window holds clear
    # of the words; else the smallest labels in the least wider window.
    for grid, labels in grids:
        if grid.holds(demand, reserve=True, clear_words=True):
            return grid, labels
    smallest, small_labels = grids[-1]
    if widen:
        for grid, labels in grids:
            wider = widened(grid, demand, limit=WIDEN_SOFT, clear_words=(True,))
            if wider is not None:
                return wider, labels
        wider = widened(smallest, demand)
        if wider is not None:
            return wider, small_labels
    for grid, labels in grids:
        if grid.holds(demand, reserve=True):
            return grid, labels
    return smallest, small_labels


def _layout(
    table: pd.DataFrame,
    *,
    market_cut: float,
    need_cut: float,
    frame: PlotFrame,
    base: pd.DataFrame | None = None,
    style: LabelStyle | None = None,
    extra: Iterable[tuple[float, float]] = (),
    widen: bool = False,
) -> _Layout:
    """Each service's cell. With a `style`, the labels too: the largest the style allows whose
    cells hold every service, its what-if's former place and the `extra` spots (arrow ends).
    With `widen`, where a cut leaves a quadrant too small, the window grows until it holds them
    (`grid.widened`): the layout's `grid.frame` is the window to draw."""
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
    moved = [
        i
        for i, service_id in enumerate(ids)
        if service_id in base_values
        and not (_same(homes[i][0], markets[i]) and _same(homes[i][1], needs[i]))
    ]
    labels = None
    spots = [*homes, *((markets[i], needs[i]) for i in moved), *extra]
    if style is None:
        grid = Grid(frame, market_cut, need_cut, label_width(table["code"].astype(str)))
        demand = collections.Counter(grid.sides(m, n) for m, n in spots)
        if widen and not grid.holds(demand, reserve=True, clear_words=True):
            # As `_fitting_grid` does with its smallest labels.
            wider = widened(grid, demand, limit=WIDEN_SOFT, clear_words=(True,))
            if wider is None and not grid.holds(demand, reserve=True):
                wider = widened(grid, demand)
            grid = wider or grid
    else:
        grid, labels = _fitting_grid(table, frame, market_cut, need_cut, style, spots, widen=widen)
    cells = _place(grid, homes)
    home = {ids[i]: cells[i] for i in moved}
    for i, cell in zip(moved, _place(grid, [(markets[i], needs[i]) for i in moved]), strict=True):
        cells[i] = cell
    return _Layout(
        grid=grid,
        x=np.array([c[0] for c in cells], dtype=float),
        y=np.array([c[1] for c in cells], dtype=float),
        home=home,
        labels=labels,
        ids=tuple(ids),
    )


def spread_positions(
    table: pd.DataFrame,
    settings: Settings,
    *,
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
    layout = _layout(
        table,
        market_cut=settings.market_cut,
        need_cut=settings.need_cut,
        frame=frame,
        base=base,
    )
    out = table.copy()
    out["x"] = frame.data_x(layout.x)
    out["y"] = frame.data_y(layout.y)
    return out


def evolution_arrows(
    now_table: pd.DataFrame,
    future_table: pd.DataFrame,
    settings: Settings,
    *,
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
    layout = _layout(
        now_table, market_cut=settings.market_cut, need_cut=settings.need_cut, frame=frame
    )
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


DENSE_JITTER: Final = 0.045  # in score units; tied services fan out around their spot


def dense_positions(table: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Each service at its own scores, fanned out by a fixed offset drawn from its id (so it
    keeps its place from one rerun to the next) and kept on its side of both cut lines."""
    market_cut, need_cut = settings.market_cut, settings.need_cut
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
