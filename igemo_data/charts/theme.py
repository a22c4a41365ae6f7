"""How the charts look: palette, marker and font sizes, the plotted window, and the pixel
geometry (`PlotFrame`) every other chart module measures in.

The quadrant chart is read from the back of a workshop room on a 1920×1080 projector and pasted
onto board slides, so every size here is chosen for that: large markers, 16–34 px text.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Final

import numpy as np

from igemo_data.schema import (
    CREEER,
    ELIMINEER,
    VERMEERDER,
    VERMINDER,
)

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
# An arrow from now whose service has moved on starts at a small dot in its colour, no code.
TAIL_SIZE: Final = 110
# Vega's triangle-up reaches sqrt(3)/2 of half its box's side above its centre.
HEAD_REACH: Final = {key: math.sqrt(size) / 2 * math.sqrt(3) / 2 for key, size in HEAD_SIZE.items()}
INK: Final = "#1F1F1F"
HOLLOW_INK: Final = "#3A3A3A"  # codes of hollow markers
CUT_LINE_COLOR: Final = "#222222"

# The plotted window: the scores run 1–2; the margin left and right keeps markers and their
# codes off the frame, the bands above 2 and below 1 hold the quadrants' action words.
X_DOMAIN: Final = (0.88, 2.14)
Y_DOMAIN: Final = (0.80, 2.20)
# The scores a chart plots, ((market from, to), (need from, to)); wider than X_DOMAIN ×
# Y_DOMAIN where a cut leaves a quadrant too small for its services (`grid.widened`).
Window = tuple[tuple[float, float], tuple[float, float]]
WIDTH: Final = 900
HEIGHT: Final = 700
TICKS: Final = (1.0, 1.5, 2.0)  # tables' score axes; a quadrant chart ticks its cuts instead

# px, the square each marker gets in the layout: a little more than the largest marker drawn.
MARKER_DIAMETER: Final = math.sqrt(760)
LABEL_FONT_SIZE: Final = 17  # px of the codes on slides and the comparisons' small charts
# px of the codes on the projector (overview, werkdomeinen, presentation): read from the back of
# the room. Where a cut squeezes a crowded quadrant, the codes step down towards
# `LABEL_FONT_SIZE` rather than overlap (see `charts.labels`).
ROOM_LABEL_FONT_SIZE: Final = 28
CUT_LABEL_FONT_SIZE: Final = 22  # px of a cut's value written at its line, on screen
STAMP_FONT_SIZE: Final = 22  # px of "Tijdshorizon 50 % · grenzen 1,3 / 1,5" above the plot
LABEL_GAP: Final = 3  # px between a marker's edge and its code
LABEL_DX: Final = MARKER_DIAMETER / 2 + LABEL_GAP  # px from a marker's centre to its code
CELL_GAP_X: Final = 7  # px between a code and the next marker to its right
# px between the layout squares of two markers one above the other; with the markers drawn
# smaller than their square, any two keep at least 3 px of background between them, outlines
# included. (A larger gap would cost the compare page's 680×600 charts a row.)
CELL_GAP_Y: Final = 5
CUT_CLEARANCE: Final = 4  # px between a marker (or its code) and a cut line

WORD_FONT_SIZE: Final = 34
QUESTION_FONT_SIZE: Final = 18
WORD_PAD: Final = 12.0  # px between a quadrant's word (or question) and the frame
WORD_LINE: Final = 6.0  # px between the word and its question
# px from the frame's top (bottom) edge that the upper (lower) quadrants' words and questions
# take at most: crowded quadrants keep their markers out of it where they can.
WORDS_HEIGHT: Final = WORD_PAD + WORD_FONT_SIZE + WORD_LINE + QUESTION_FONT_SIZE
AXIS_LABEL_FONT_SIZE: Final = 18
AXIS_TITLE_FONT_SIZE: Final = 22
LEGEND_FONT_SIZE: Final = 18
# The words of every key drawn on a chart (the arrows', "Toon hoe vast"'s, the decisions'):
# copy it ({**KEY_TEXT, …}) to add to it, never change it.
KEY_TEXT: Final = {
    "type": "text",
    "align": "left",
    "baseline": "middle",
    "fontSize": LEGEND_FONT_SIZE,
    "color": INK,
    "aria": False,
}
TITLE_FONT_SIZE: Final = 28
SUBTITLE_FONT_SIZE: Final = 20

SELECTION_NAME: Final = "dienst"
MARKERS_VIEW: Final = "dienst_markers"  # the view the selection listens to
USERMETA: Final = {"embedOptions": {"renderer": "svg"}}


def quadrant_colors() -> dict[str, str]:
    """Background tint per quadrant key, for pages that draw their own quadrant colours."""
    return dict(QUADRANT_COLORS)


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
