"""What each marker on the quadrant chart is labelled with, and how large (no Altair here).

In the room nobody can hover, and codes alone are ambiguous (v1 and v2 exist twice), so a chart
can ask for "code name" beside each marker and for codes read from the back (28 px). Both make
the spread's cells wider; `label_choices` offers the labels from the most to the least room
they take, and the spread (`layout._layout`) keeps the first whose cells hold every service
(names shortened with "…", then codes alone, then smaller codes): never an overlap.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from igemo_data.charts.text_metrics import text_width
from igemo_data.charts.theme import LABEL_FONT_SIZE

ELLIPSIS: Final = "…"
# A shortened name keeps at least this many letters: "o7 M…" tells the room nothing.
MIN_NAME_LETTERS: Final = 4


@dataclasses.dataclass(frozen=True)
class LabelStyle:
    """What a chart asks for: codes of `size` px, with each service's name beside its code."""

    size: float = LABEL_FONT_SIZE
    names: bool = False


@dataclasses.dataclass(frozen=True)
class Labels:
    """The labels drawn: one text per service (in the table's order), their size in px, and
    the width in px the widest takes (the cells are sized from it)."""

    texts: tuple[str, ...]
    size: float
    width: float
    names: bool


def label_width(codes: Iterable[str], size: float = LABEL_FONT_SIZE) -> float:
    """Pixels the widest code needs beside its marker (at least two figures' worth, so a
    one-letter code keeps the cells of a two-letter one)."""
    texts = {str(code) for code in codes} | {"00"}
    return max(text_width(text, size, bold=True, margin=False) for text in texts)


def shorten(code: str, name: str, room: float, size: float) -> str | None:
    """ "code name" in at most `room` px (bold, `size` px), the name cut with "…" if needed;
    None when not even `MIN_NAME_LETTERS` letters of the name fit."""
    full = f"{code} {name}".strip()
    if text_width(full, size, bold=True) <= room:
        return full
    for letters in range(len(name) - 1, MIN_NAME_LETTERS - 1, -1):
        text = f"{code} {name[:letters].rstrip()}{ELLIPSIS}"
        if text_width(text, size, bold=True) <= room:
            return text
    return None


def _named(codes: Sequence[str], names: Sequence[str], size: float) -> Iterator[Labels]:
    """Code and name at `size` px, from the full names one em narrower each time, down to
    the narrowest that still says something (`MIN_NAME_LETTERS` letters of each name)."""
    pairs = list(zip(codes, names, strict=True))

    def widest(texts: Iterable[str]) -> float:
        return max((text_width(text, size, bold=True) for text in texts), default=0.0)

    full = widest(f"{code} {name}".strip() for code, name in pairs)
    narrowest = widest(
        f"{code} {name}" if len(name) <= MIN_NAME_LETTERS else f"{code} {name[:MIN_NAME_LETTERS]}…"
        for code, name in pairs
    )
    floor = label_width(codes, size)
    rooms = [room for room in _steps(full, narrowest, size)]
    for room in rooms:
        texts = [shorten(code, name, room, size) for code, name in pairs]
        if any(text is None for text in texts):
            return
        width = max(widest(texts), floor)
        yield Labels(tuple(texts), size, width, names=True)


def _steps(start: float, stop: float, step: float) -> list[float]:
    """`start`, then `step` less each time while above `stop`, and `stop` itself."""
    rooms = []
    room = start
    while room > stop:
        rooms.append(room)
        room -= step
    return [*rooms, stop]


def label_choices(
    codes: Sequence[str], names: Sequence[str], style: LabelStyle
) -> Iterator[Labels]:
    """Every labelling the style allows, from the most room to the least: names (shortening),
    then the codes at `style.size`, then the codes a pixel smaller each time down to
    `LABEL_FONT_SIZE` (the codes' size on slides)."""
    codes = [str(code) for code in codes]
    if style.names:
        yield from _named(codes, [str(name) for name in names], style.size)
    size = style.size
    while True:
        yield Labels(tuple(codes), size, label_width(codes, size), names=False)
        if size <= LABEL_FONT_SIZE:
            return
        size = max(LABEL_FONT_SIZE, size - 1)
