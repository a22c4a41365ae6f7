"""Text widths estimated without a browser: Arial's metrics (Liberation Sans, which vl-convert
draws with, has the same). Streamlit's own font on screen is narrower, so the estimate errs safe;
the strategy map lays out its names in pixels with it."""

from __future__ import annotations

import unicodedata
from typing import Final

# Arial's advance widths (1/1000 em) for ASCII 32–126, regular and bold, as Liberation Sans
# (what vl-convert draws with) has them too; accented letters take their base letter's width.
_ARIAL: Final = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_ARIAL_BOLD: Final = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
)  # fmt: skip
_UNKNOWN_WIDTH: Final = 1000  # a character outside the tables: as wide as an em, to be safe
# Fonts differ a little between machines (and Streamlit draws its own on screen): a margin.
_SAFETY: Final = 1.03


def _char_width(char: str, table: tuple[int, ...]) -> int:
    code = ord(char)
    if 32 <= code <= 126:
        return table[code - 32]
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 32 <= ord(base) <= 126:
        return table[ord(base) - 32]
    if char in "–‘’“”·":
        return 556
    return _UNKNOWN_WIDTH


def text_width(text: str, size: float, *, bold: bool = False, margin: bool = True) -> float:
    """Estimated width in pixels of `text` at `size` px.

    Without `margin`, the metrics' own width: for a box that keeps its own clearance (a code's
    layout cell ends `CELL_GAP_X` px before the next marker), where 3 % more would cost a
    narrow quadrant a column.
    """
    table = _ARIAL_BOLD if bold else _ARIAL
    return sum(_char_width(c, table) for c in text) * size / 1000 * (_SAFETY if margin else 1.0)


def wrap(text: str, room: float, size: float, *, bold: bool = False) -> list[str]:
    """`text` broken between words into lines no wider than `room` px (a longer word stays)."""
    lines: list[str] = []
    current = ""
    for word in str(text).split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold=bold) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines
