"""What moved, on the map: a ring around every service whose quadrant differs from the
baseline (the plan's own reading), and one key line on the chart that says what a ring means.

The counts say how many moved and the list says which; the rings let the room see it on the
map itself, without a list ~900 px below the chart. A ring is thick and black: black is
colour-blind safe and no quadrant tint or werkdomein colour, and the search's ring (vermilion,
with a label) and the arrows' rims (vermilion or grey, on the marker's own outline) stay apart
from it. Rings are drawn beneath markers and codes, so neither is ever hidden by one.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

import altair as alt

from igemo_data.charts.marks import _X, _Y, _field, _layer
from igemo_data.charts.text_metrics import text_width
from igemo_data.charts.theme import INK, LEGEND_FONT_SIZE, MARKER_DIAMETER, PlotFrame
from igemo_data.texts import t

MOVED_COLOR: Final = INK
MOVED_STROKE: Final = 3.0  # px: thicker than any marker's outline or rim
MOVED_GAP: Final = 3.0  # px between the largest marker's edge and the ring
# Vega draws a circle of `size` with a diameter of sqrt(size).
MOVED_RING_SIZE: Final = (MARKER_DIAMETER + 2 * MOVED_GAP) ** 2
MOVED_RINGS: Final = "moved_rings"  # the rings' rows and view: Vega's SVG names their group
MOVED_KEY: Final = "moved_key"
# px from the plot's bottom edge down to the key line's middle: below the two-line tick labels
# ("2" / "sterk"), level with the axis title, at the right (the stamp holds the top right).
KEY_BELOW: Final = 78
# A plot this wide (the presentation's) has room on its top row, between the werkdomein legend
# at the left and the horizon stamp at the right, so the key adds no height under the chart.
WIDE_PLOT: Final = 1200
KEY_TOP_START: Final = 0.4  # of the plot's width, where the sample stands on the top row
KEY_ABOVE: Final = 24  # px from the plot's top edge up to the top row's middle
KEY_SAMPLE: Final = 30  # px the ring sample takes before the words


def moved_layers(
    points: list[dict], moved: Collection[str], lang: str, frame: PlotFrame
) -> list[alt.Chart]:
    """The rings around the services in `points` whose id is in `moved`, and the key line.

    The layers are there even when nothing moved, without rows: a slider move that makes the
    first service move then changes only the chart's data, and the browser swaps rows instead
    of drawing the chart anew (`charts.with_named_datasets`). Draw them beneath the markers.
    """
    wanted = set(moved)
    rows = [{"id": p["id"], "x": p["x"], "y": p["y"]} for p in points if p["id"] in wanted]
    ring = {
        "type": "point",
        "shape": "circle",
        "filled": False,
        "size": MOVED_RING_SIZE,
        "strokeWidth": MOVED_STROKE,
        "color": MOVED_COLOR,
        "opacity": 1,
        "aria": False,
    }
    rings = _layer((MOVED_RINGS, rows), ring, {"x": _X, "y": _Y}, name=MOVED_RINGS)
    return [rings, *_key_layers(ring, lang, frame, shown=bool(rows))]


def _key_layers(ring: dict, lang: str, frame: PlotFrame, *, shown: bool) -> list[alt.Chart]:
    """A ring sample and "omcirkeld: …" on the chart itself, so it travels with every copy of
    the chart: under the plot's bottom right corner, or on a wide plot on the top row.

    The sample stands where the words would start if the browser's font were as wide as our
    estimate, and the words start right after the sample (`xOffset`, in screen pixels): a
    narrower font leaves room at the right end, never a gap between sample and words. Without
    `shown`, the layers have no rows: nothing moved, so there is nothing to explain.
    """
    words = t("moved_key", lang)
    if frame.width >= WIDE_PLOT:  # the top row has room between legend and stamp
        start, level = frame.width * KEY_TOP_START, frame.height + KEY_ABOVE
    else:
        start, level = frame.width - text_width(words, LEGEND_FONT_SIZE) - KEY_SAMPLE, -KEY_BELOW
    corner = {"x": float(frame.data_x(start)), "y": float(frame.data_y(level))}
    at = [corner] if shown else []
    sample = {**ring, "size": (LEGEND_FONT_SIZE + 4) ** 2}
    text = {
        "type": "text",
        "align": "left",
        "xOffset": KEY_SAMPLE / 2,
        "baseline": "middle",
        "fontSize": LEGEND_FONT_SIZE,
        "color": INK,
        "aria": False,
    }
    return [
        _layer((f"{MOVED_KEY}_ring", at), sample, {"x": _X, "y": _Y}),
        _layer(
            (f"{MOVED_KEY}_text", [{**row, "text": words} for row in at]),
            text,
            {"x": _X, "y": _Y, "text": _field("text")},
        ),
    ]
