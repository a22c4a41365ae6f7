"""The workshop's decisions on the map: a ring round every service with a recorded decision,
solid blue where the decision follows its quadrant now, dashed vermilion where it goes
against it, and a key line under the chart that says so.

A decision against the matrix is discussion that was had, not an error; the room should see
at a glance which services it concerns. Colour and dash both tell (colour-blind safe): blue
and vermilion are Okabe-Ito colours, and the dash needs no colour at all. The ring stands
just outside the black ring of `charts.moved`, so a service that moved and was decided shows
both. Each ring speaks to a screen reader: "code name: beslist …, tegen het kwadrant".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import altair as alt

from igemo_data.charts.marks import _X, _Y, _field, _layer
from igemo_data.charts.moved import KEY_BELOW, MOVED_GAP, MOVED_STROKE
from igemo_data.charts.text_metrics import text_width
from igemo_data.charts.theme import KEY_TEXT, LEGEND_FONT_SIZE, MARKER_DIAMETER, PlotFrame
from igemo_data.texts import t
from igemo_data.workshop import AGREES, DISAGREES

DECIDED_RINGS: Final = "decided_rings"  # the rings' view: Vega's SVG names their group
AGREES_COLOR: Final = "#0072B2"  # Okabe-Ito blue
AGAINST_COLOR: Final = "#D55E00"  # Okabe-Ito vermilion
DECIDED_STROKE: Final = 4.0
AGAINST_DASH: Final = (6, 4)
# Outside the moved ring (its outer edge) with a gap of 1.5 px.
DECIDED_DIAMETER: Final = MARKER_DIAMETER + 2 * MOVED_GAP + 2 * MOVED_STROKE + 3 + DECIDED_STROKE
KEY_LINE: Final = KEY_BELOW + 30  # px below the plot: one line under the moved key
KEY_SAMPLE: Final = 30


def _ring(state: str, size: float) -> dict:
    ring = {
        "type": "point",
        "shape": "circle",
        "filled": False,
        "size": size,
        "strokeWidth": DECIDED_STROKE,
        "color": AGREES_COLOR if state == AGREES else AGAINST_COLOR,
        "opacity": 1,
    }
    if state == DISAGREES:
        ring["strokeDash"] = list(AGAINST_DASH)
    return ring


def decided_layers(
    points: list[dict], decided: Mapping[str, tuple[str, str]], lang: str, frame: PlotFrame
) -> list[alt.Chart]:
    """Rings round the services in `points` that `decided` names: id → (`AGREES` or
    `DISAGREES`, the words a screen reader says), and the key line. Draw them beneath the
    markers."""
    layers = []
    for state in (AGREES, DISAGREES):
        rows = [
            {"id": p["id"], "x": p["x"], "y": p["y"], "label": decided[p["id"]][1]}
            for p in points
            if p["id"] in decided and decided[p["id"]][0] == state
        ]
        layers.append(
            _layer(
                (f"{DECIDED_RINGS}_{state}", rows),
                {**_ring(state, DECIDED_DIAMETER**2), "aria": True},
                {"x": _X, "y": _Y, "description": _field("label")},
                name=f"{DECIDED_RINGS}_{state}",
            )
        )
    return [*layers, *_key_layers(lang, frame)]


def _key_layers(lang: str, frame: PlotFrame) -> list[alt.Chart]:
    """ "Beslist: ◯ volgt het kwadrant ◌ tegen het kwadrant", left under the plot."""
    y = float(frame.data_y(-KEY_LINE))
    title = t("decision_key_title", lang)
    x = 0.0
    texts, samples = [], {AGREES: [], DISAGREES: []}
    texts.append({"x": float(frame.data_x(x)), "y": y, "text": title})
    x += text_width(title, LEGEND_FONT_SIZE) + 12
    for state, key in ((AGREES, "decision_key_agrees"), (DISAGREES, "decision_key_against")):
        samples[state].append({"x": float(frame.data_x(x + KEY_SAMPLE / 2)), "y": y})
        x += KEY_SAMPLE
        words = t(key, lang)
        texts.append({"x": float(frame.data_x(x)), "y": y, "text": words})
        x += text_width(words, LEGEND_FONT_SIZE) + 20
    text = dict(KEY_TEXT)
    sample_size = (LEGEND_FONT_SIZE + 4) ** 2
    return [
        *(
            _layer(
                (f"decided_key_{state}", samples[state]),
                {**_ring(state, sample_size), "aria": False},
                {"x": _X, "y": _Y},
            )
            for state in (AGREES, DISAGREES)
        ),
        _layer(("decided_key_text", texts), text, {"x": _X, "y": _Y, "text": _field("text")}),
    ]
