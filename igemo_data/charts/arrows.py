"""The evolution arrows and what-if links on the quadrant chart: where each one starts and
ends in the chart's own cells, the layers that draw them beneath the markers, and their key."""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Iterable
from typing import Final

import altair as alt
import pandas as pd

from igemo_data.charts.layout import _column, _Layout, _place, _same, _spot, _tuples
from igemo_data.charts.marks import _X, _Y, _field, _InlineRows, _layer
from igemo_data.charts.routing import _arrow_path, _Router, _Symbol, _symbol, _uncrossed
from igemo_data.charts.text_metrics import text_width
from igemo_data.charts.theme import (
    ARROW_COLOR,
    ARROW_HALO,
    ARROW_WIDTH,
    CROSSING_COLOR,
    DEFAULT_MARKER_SIZE,
    DOMAIN_COLORS,
    DOMAIN_MARKER_SIZES,
    DOMAIN_SHAPES,
    HEAD_REACH,
    HEAD_SIZE,
    HOLLOW_STROKE,
    INK,
    KEY_TEXT,
    LABEL_FONT_SIZE,
    LEGEND_FONT_SIZE,
    MARKER_STROKE,
    RIM_STROKE,
    TAIL_SIZE,
    PlotFrame,
)
from igemo_data.texts import percent, quadrant_label, t


def _arrow_geometry(
    arrows: pd.DataFrame,
    layout: _Layout,
    table: pd.DataFrame,
    frame: PlotFrame,
    lang: str,
    ghost_symbols: list[_Symbol],
    word_boxes: Iterable[tuple[float, float, float, float]],
    *,
    through: bool = False,
) -> tuple[list[dict], list[dict], list[dict], dict[str, bool], list[dict]]:
    """Arrow curves, heads and loose ends, in the chart's own cells.

    An arrow end with the scores a service's marker is drawn with starts (or stops) at that
    marker; any other end takes a free cell and gets a hollow marker there, so no arrowhead
    lands on another service and every arrow's end is labelled with its code. Curves start at
    the marker's edge and are routed around other markers and codes (`_Router`).

    With `through` (arrows from horizon 0 to 1 on a chart drawn at any horizon), each mark
    keeps one meaning at every horizon: the solid marker is the service at the horizon shown,
    a hollow marker its place at 100 %, a small tail dot (no code) its place now, and the
    arrow runs from now through the solid marker to 100 %, its head pointing at 100 %. So no
    service is drawn twice hollow, and its solid marker always lies on its own arrow.

    Returns the curves' points, the heads, the hollow markers, per service whose solid marker
    an arrow leaves or reaches whether that arrow crosses a cut, and the tail dots.
    """
    ids = _column(table, "id")
    codes = _column(table, "code")
    domains = _column(table, "domain")
    markets = table["market"].tolist()
    needs = table["need"].tolist()
    font = layout.labels.size if layout.labels else LABEL_FONT_SIZE  # the labels drawn
    symbols = [
        _symbol(domain, x, y, layout.label_of(sid, code), MARKER_STROKE, font)
        for sid, domain, x, y, code in zip(ids, domains, layout.x, layout.y, codes, strict=True)
    ]
    marker_of = {service_id: i for i, service_id in enumerate(ids)}
    columns = ("id", "code", "name", "domain", "crosses", "quadrant_from", "quadrant_to")
    records = _tuples(arrows, (*columns, "market_from", "need_from", "market_to", "need_to"))
    ends: dict[tuple[int, int], int] = {}
    middles: dict[int, int] = {}  # arrow -> the solid marker it runs through (`through`)
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
        if through and i is not None and (r, 0) not in ends and (r, 1) not in ends:
            middles[r] = i
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
        tail = through and side == 0
        symbols.append(
            _tail_symbol(x, y)
            if tail
            else _symbol(
                str(row.domain), x, y, layout.label_of(row.id, row.code), HOLLOW_STROKE, font
            )
        )
        loose_rows.append((r, x, y, tail))
    busy = {ends[(r, side)] for r in range(len(records)) for side in (0, 1)} | set(middles.values())
    for i in busy:
        if i < len(ids):  # a solid marker with an arrow is drawn with a thicker rim
            symbols[i] = dataclasses.replace(symbols[i], stroke=RIM_STROKE)
    router = _Router(frame, symbols + ghost_symbols, word_boxes, busy)
    paths, heads, hollow, tails = [], [], [], []
    rims: dict[str, bool] = {}
    labels = {r: _arrow_labels(row, lang) for r, row in enumerate(records)}
    for r, x, y, tail in loose_rows:
        row = records[r]
        if tail:
            tails.append({**labels[r], "crosses": bool(row.crosses), **_data_xy(frame, x, y)})
        else:
            hollow.append(_hollow_record(str(row.domain), x, y, frame, labels[r]))
    for r, row in enumerate(records):
        stops = [ends[(r, 0)], *([middles[r]] if r in middles else []), ends[(r, 1)]]
        crosses = bool(row.crosses)
        for leg, (a, b) in enumerate(itertools.pairwise(stops)):
            last = leg == len(stops) - 2
            control = router.route(a, b)
            if control is None:
                continue
            path = _arrow_path(symbols[a], symbols[b], control, HEAD_REACH[crosses] if last else 0)
            if path is None:
                continue
            points, (hx, hy), angle = path
            for end in (a, b):
                if end < len(ids):
                    rims[ids[end]] = rims.get(ids[end], False) or crosses
            xs = frame.data_x([p[0] for p in points])
            ys = frame.data_y([p[1] for p in points])
            for step, (x, y) in enumerate(zip(xs.tolist(), ys.tolist(), strict=True)):
                paths.append(
                    {"id": labels[r]["id"], "leg": leg, "crosses": crosses, "step": step}
                    | {"x": x, "y": y}
                )
            if not last:
                continue
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
    return paths, heads, hollow, rims, tails


def _tail_symbol(x: float, y: float) -> _Symbol:
    """Where an arrow from now starts when the service has moved on: a small dot, no code."""
    return _Symbol(x=float(x), y=float(y), shape="circle", size=TAIL_SIZE, stroke=0.0, code="")


def _data_xy(frame: PlotFrame, x: float, y: float) -> dict:
    return {"x": float(frame.data_x(x)), "y": float(frame.data_y(y))}


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
        "detail": [_field("id"), _field("leg", "ordinal")],
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


def _tail_layer(tails: list[dict], tooltip: list[dict]) -> list[alt.Chart]:
    """Small dots in the arrow's colour where an arrow from now starts (see `_arrow_geometry`)."""
    if not tails:
        return []
    ink = {"condition": {"test": "datum.crosses", "value": CROSSING_COLOR}, "value": ARROW_COLOR}
    mark = {
        "type": "point",
        "shape": "circle",
        "filled": True,
        "size": TAIL_SIZE,
        "opacity": 1,
        "stroke": "white",
        "strokeWidth": 1.5,
        "aria": False,
    }
    return [
        _layer(("arrow_tails", tails), mark, {"x": _X, "y": _Y, "fill": ink, "tooltip": tooltip})
    ]


# --- The key: drawn on the chart itself under its horizontal axis -------------------------------
# What the solid marker, the small tail dot, the hollow marker and the arrow mean at the horizon
# shown. A caption below the chart scrolls out of view on a projector and is never on a copied
# image; this key travels with the chart. Only the marks drawn at that horizon are listed (no
# tail dot at 0 %, no hollow marker at 100 %).

# px from the plot's bottom edge to the key's first row: clear of the two-line axis labels and
# the axis title also in the browser's font, which sets them lower than vl-convert does.
KEY_TOP: Final = 150
KEY_ROW: Final = 30  # px between rows
SAMPLE: Final = 28  # px a marker sample takes before its words
ARROW_SAMPLE: Final = 44  # px of the arrow sample
GAP: Final = 26  # px between entries
SAMPLE_GREY: Final = "#8A8A8A"  # the marker samples: no werkdomein's colour


def key_entries(horizon: float, lang: str) -> list[tuple[str, str]]:
    """(kind, words) of each mark the chart draws at `horizon`, in reading order."""
    entries = [("filled", t("arrow_key_filled", lang, percent=percent(horizon)))]
    if horizon > 0:
        entries.append(("tail", t("arrow_key_tail", lang)))
    if horizon < 1:
        entries.append(("hollow", t("arrow_key_hollow", lang)))
    entries.append(("arrow", t("arrow_key_arrow", lang)))
    return entries


def _flow(entries: list[tuple[str, str]], title: str, room: float) -> list[dict]:
    """Each entry's sample and words placed left to right (pixels, y down from the key's top),
    starting a new row when the next entry would run past `room`."""
    size = LEGEND_FONT_SIZE
    placed = [{"kind": "title", "x": 0.0, "row": 0, "text": title}]
    x = text_width(title, size, bold=True) + 12
    row = 0
    for kind, words in entries:
        sample = ARROW_SAMPLE if kind == "arrow" else SAMPLE
        width = sample + text_width(words, size)
        if x + width > room and x > 0:
            row, x = row + 1, 0.0
        placed.append({"kind": kind, "x": x, "row": row, "text": words, "sample": sample})
        x += width + GAP
    return placed


def arrow_key_layers(horizon: float, lang: str, frame: PlotFrame) -> list[alt.Chart]:
    """The key's layers: samples and words in the chart's data units, below the x axis."""
    placed = _flow(key_entries(horizon, lang), t("arrow_key_title", lang), frame.width)

    def at(px: float, row: int) -> dict:
        return {
            "x": float(frame.data_x(px)),
            "y": float(frame.data_y(-(KEY_TOP + row * KEY_ROW))),
        }

    words = [
        {
            **at(p["x"] + p.get("sample", 0), p["row"]),
            "text": p["text"],
            "bold": p["kind"] == "title",
        }
        for p in placed
    ]
    by_kind = {p["kind"]: p for p in placed}
    text = dict(KEY_TEXT)
    layers = [
        _layer(
            (f"arrow_key_{weight}", [w for w in words if w["bold"] == (weight == "bold")]),
            {**text, "fontWeight": weight},
            {"x": _X, "y": _Y, "text": _field("text")},
        )
        for weight in ("bold", "normal")
    ]
    point = {"type": "point", "shape": "circle", "opacity": 1, "aria": False}
    samples = {
        "filled": {**point, "filled": True, "fill": SAMPLE_GREY, "stroke": INK, "size": 420}
        | {"strokeWidth": MARKER_STROKE},
        "hollow": {**point, "filled": False, "fill": "white", "stroke": SAMPLE_GREY, "size": 420}
        | {"strokeWidth": HOLLOW_STROKE},
        "tail": {**point, "filled": True, "fill": ARROW_COLOR, "size": TAIL_SIZE, "strokeWidth": 0},
    }
    for kind, mark in samples.items():
        if kind in by_kind:
            p = by_kind[kind]
            layers.append(
                _layer((f"arrow_key_{kind}", [at(p["x"] + 10, p["row"])]), mark, {"x": _X, "y": _Y})
            )
    p = by_kind["arrow"]
    start, tip = at(p["x"], p["row"]), at(p["x"] + ARROW_SAMPLE - 14, p["row"])
    layers.append(
        _layer(
            ("arrow_key_line", [{**start, "x2": tip["x"]}]),
            {
                "type": "rule",
                "color": ARROW_COLOR,
                "strokeWidth": ARROW_WIDTH[False] + 1,
                "aria": False,
            },
            {"x": _X, "y": _Y, "x2": {"field": "x2"}},
        )
    )
    layers.append(
        _layer(
            ("arrow_key_head", [tip]),
            {
                "type": "point",
                "shape": "triangle-right",
                "filled": True,
                "fill": ARROW_COLOR,
                "size": HEAD_SIZE[False],
                "opacity": 1,
                "aria": False,
            },
            {"x": _X, "y": _Y},
        )
    )
    return layers
