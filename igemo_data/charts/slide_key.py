"""The key beside a slide's chart: each service shown as code and name, the counts, the what-ifs.

On screen a director hovers over a marker; on a slide or a projector nobody can. Codes alone
are ambiguous (v1 and v2 exist in two werkdomeinen), so the key lists every service shown
under its werkdomein, with the werkdomein's shape and colour as the chart draws it, then the
number of services per quadrant and every what-if as old → new.

The key is drawn as Vega-Lite layers placed in pixels (`scale: null`) in the slide's fixed
right margin, beside the plot: the chart's own layout, and the spread's guarantee that no two
markers or codes overlap, stay those of a plot of `PLOT_WIDTH`×`PLOT_HEIGHT`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Final

import pandas as pd

from igemo_data.charts.text_metrics import text_width
from igemo_data.charts.theme import DOMAIN_COLORS, DOMAIN_SHAPES, INK, QUADRANT_COLORS
from igemo_data.matrix import classify
from igemo_data.schema import DOMAINS
from igemo_data.settings import Settings
from igemo_data.texts import domain_label, format_score, quadrant_label, t
from igemo_data.workshop import quadrant_counts

KEY_GAP: Final = 36  # px between the plot's right edge and the key
KEY_WIDTH: Final = 660  # px, the key's column on a 1920×1080 slide
KEY_FONT_SIZE: Final = 16  # px, a service's code and name: 39 names fit two columns
KEY_DOMAIN_SIZE: Final = 18  # px, a werkdomein's name over its services
KEY_HEAD_SIZE: Final = 20  # px, the three headings
KEY_LINE: Final = 23  # px from one line to the next
KEY_HEAD_LINE: Final = 32  # px from a heading to the first line under it
KEY_SECTION_GAP: Final = 18  # px between two parts of the key
COLUMN_GAP: Final = 16  # px between two columns of services
SYMBOL_X: Final = 7  # px, a row's shape centre from its column's left edge
CODE_X: Final = 18  # px, a row's code from its column's left edge
CODE_GAP: Final = 6  # px between the widest code and the names
SYMBOL_SIZE: Final = 130
DOMAIN_SYMBOL_SIZE: Final = 230
MUTED: Final = "#444444"


@dataclass
class KeyDrawing:
    """What the key draws, in pixels from its top-left corner (y running down)."""

    texts: list[dict] = field(default_factory=list)
    symbols: list[dict] = field(default_factory=list)
    swatches: list[dict] = field(default_factory=list)
    height: float = 0.0

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        limit: float = 0.0,
        color: str = INK,
    ) -> None:
        self.texts.append(
            {
                "x": x,
                "y": y,
                "text": text,
                "size": size,
                "bold": bold,
                "limit": round(limit),
                "color": color,
            }
        )


def what_if_lines(table: pd.DataFrame, settings: Settings, lang: str) -> list[str]:
    """Each what-if among the services shown as 'code name: marktpositie 1 → 1,8'.

    The old value is the score the service has at this horizon without its what-if, as
    `classify` computes it (the very place its hollow ghost is drawn); the name keeps a code
    that exists in two werkdomeinen unambiguous.
    """
    shown = table[table["id"].isin(list(settings.overrides))]
    if shown.empty:
        return []
    plain = classify(
        shown,
        horizon=settings.horizon,
        market_cut=settings.market_cut,
        need_cut=settings.need_cut,
    ).set_index("id")
    axes = (("market", t("what_if_market", lang)), ("need", t("what_if_need", lang)))
    lines = []
    for row in shown.itertuples(index=False):
        chosen = settings.overrides[row.id]
        parts = [
            f"{word.lower()} {format_score(plain.at[row.id, axis], lang)} → "
            f"{format_score(chosen[axis], lang)}"
            for axis, word in axes
            if chosen.get(axis) is not None
        ]
        if parts:
            lines.append(f"{row.code} {row.name}: {'; '.join(parts)}")
    return lines


def count_lines(table: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """(quadrant, 'Vermeerder: 12') for the four quadrants, in the plan's order."""
    counts = quadrant_counts(table)
    return [
        (q, f"{quadrant_label(q, lang)}: {n}")
        for q, n in zip(counts["quadrant"], counts["count"], strict=True)
    ]


def _service_entries(table: pd.DataFrame) -> list[tuple[str, str, str]]:
    """('domain', domain, '') and ('service', code, name) rows, grouped by werkdomein."""
    entries: list[tuple[str, str, str]] = []
    order = [d for d in DOMAINS if d in set(table["domain"])]
    order += sorted(set(table["domain"]) - set(order))
    for domain in order:
        entries.append(("domain", domain, ""))
        rows = table[table["domain"] == domain]
        entries.extend(
            ("service", str(code), str(name))
            for code, name in zip(rows["code"], rows["name"], strict=True)
        )
    return entries


def _columns(entries: list, rows: int, count: int) -> list[list] | None:
    """`entries` flowed into `count` columns of `rows`; a column that starts inside a
    werkdomein repeats its heading. None when they do not fit."""
    columns: list[list] = [[]]
    domain = None
    for entry in entries:
        if entry[0] == "domain":
            domain = entry
        if len(columns[-1]) == rows:
            columns.append([])
            if entry[0] == "service":
                columns[-1].append((*domain[:2], "continued"))
        columns[-1].append(entry)
        if len(columns) > count:
            return None
    return columns


def _flow(entries: list, room: int) -> tuple[list[list], int]:
    """Services in two columns, or three if two are too tall, at most `room` lines each;
    with more services than that, the last line says how many more there are."""
    for count in (2, 3):
        rows = max(1, math.ceil(len(entries) / count))
        while rows <= room:
            columns = _columns(entries, rows, count)
            if columns is not None:
                return columns, 0
            rows += 1
    kept = 3 * room - 3  # every column may repeat a heading; one line says "… and N more"
    hidden = sum(1 for e in entries[kept:] if e[0] == "service")
    columns = _columns(entries[:kept], room, 3) or [entries[:room]]
    return columns, hidden


def key_drawing(
    table: pd.DataFrame, settings: Settings, *, lang: str, width: float, height: float
) -> KeyDrawing:
    """The key for `table` (the services the chart shows) at `settings`, `width`×`height` px."""
    drawing = KeyDrawing()
    what_ifs = what_if_lines(table, settings, lang)
    counts = count_lines(table, lang)
    # From the bottom up: what-ifs (at least one line), the counts; the services take the rest.
    fixed = 3 * KEY_HEAD_LINE + 2 * KEY_SECTION_GAP + 2 * KEY_LINE
    room = int((height - fixed - KEY_LINE) // KEY_LINE)
    entries = _service_entries(table)
    columns, hidden = _flow(entries, room)

    y = KEY_HEAD_SIZE / 2
    drawing.text(0, y, t("slide_key_services", lang), KEY_HEAD_SIZE, bold=True, limit=width)
    y += KEY_HEAD_LINE
    column_width = (width - COLUMN_GAP * (len(columns) - 1)) / len(columns)
    codes = [e[1] for e in entries if e[0] == "service"]
    code_room = max((text_width(c, KEY_FONT_SIZE, bold=True) for c in codes), default=0)
    name_x = CODE_X + code_room + CODE_GAP
    for i, column in enumerate(columns):
        left = i * (column_width + COLUMN_GAP)
        for j, entry in enumerate(column):
            row_y = y + j * KEY_LINE
            if entry[0] == "domain":
                domain = entry[1]
                name = domain_label(domain, lang)
                if entry[2] == "continued":
                    name = t("slide_key_continued", lang, domain=name)
                _symbol(drawing, left + SYMBOL_X, row_y, domain, DOMAIN_SYMBOL_SIZE)
                drawing.text(
                    left + CODE_X,
                    row_y,
                    name,
                    KEY_DOMAIN_SIZE,
                    bold=True,
                    limit=column_width - CODE_X,
                )
                continue
            _symbol(drawing, left + SYMBOL_X, row_y, domain, SYMBOL_SIZE)
            drawing.text(left + CODE_X, row_y, entry[1], KEY_FONT_SIZE, bold=True)
            drawing.text(left + name_x, row_y, entry[2], KEY_FONT_SIZE, limit=column_width - name_x)
    y += max(len(c) for c in columns) * KEY_LINE
    if hidden:
        drawing.text(0, y, t("slide_key_more", lang, count=hidden), KEY_FONT_SIZE, color=MUTED)
        y += KEY_LINE

    y += KEY_SECTION_GAP
    total = t("slide_key_counts", lang, count=len(table))
    drawing.text(0, y, total, KEY_HEAD_SIZE, bold=True, limit=width)
    y += KEY_HEAD_LINE
    half = (width - COLUMN_GAP) / 2
    for i, (quadrant, text) in enumerate(counts):
        left, row_y = (i % 2) * (half + COLUMN_GAP), y + (i // 2) * KEY_LINE
        drawing.swatches.append(
            {
                "x": left,
                "x2": left + 14,
                "y": row_y - 7,
                "y2": row_y + 7,
                "fill": QUADRANT_COLORS.get(quadrant, "#DDDDDD"),
            }
        )
        drawing.text(left + CODE_X + 4, row_y, text, KEY_FONT_SIZE, limit=half - CODE_X)
    y += 2 * KEY_LINE + KEY_SECTION_GAP

    drawing.text(0, y, t("slide_key_what_ifs", lang), KEY_HEAD_SIZE, bold=True, limit=width)
    y += KEY_HEAD_LINE
    room = max(1, int((height - y) // KEY_LINE) + 1)
    shown = what_ifs if len(what_ifs) <= room else what_ifs[: room - 1]
    for line in shown or [t("slide_key_no_what_ifs", lang)]:
        drawing.text(0, y, line, KEY_FONT_SIZE, limit=width, color=INK if shown else MUTED)
        y += KEY_LINE
    if len(shown) < len(what_ifs):
        more = t("slide_key_more", lang, count=len(what_ifs) - len(shown))
        drawing.text(0, y, more, KEY_FONT_SIZE, color=MUTED)
        y += KEY_LINE
    drawing.height = y - KEY_LINE / 2
    return drawing


def _symbol(drawing: KeyDrawing, x: float, y: float, domain: str, size: float) -> None:
    drawing.symbols.append(
        {
            "x": x,
            "y": y,
            "shape": DOMAIN_SHAPES.get(domain, "circle"),
            "fill": DOMAIN_COLORS.get(domain, "#888888"),
            "size": size,
        }
    )


def _pixels(name: str) -> dict:
    return {"field": name, "type": "quantitative", "scale": None, "axis": None}


def key_layers(drawing: KeyDrawing, left: float) -> list[dict]:
    """The drawing as Vega-Lite layers, `left` px right of the plot's left edge.

    Every layer is named `slide_key…`, so a test can take the key away and measure the chart.
    """

    def moved(rows: list[dict], *fields: str) -> list[dict]:
        return [{**row, **{f: round(row[f] + left, 2) for f in fields}} for row in rows]

    layers: list[dict] = []
    if drawing.swatches:
        layers.append(
            {
                "name": "slide_key_swatches",
                "data": {"values": moved(drawing.swatches, "x", "x2")},
                "mark": {"type": "rect", "stroke": INK, "strokeWidth": 0.8, "aria": False},
                "encoding": {
                    "x": _pixels("x"),
                    "x2": {"field": "x2"},
                    "y": _pixels("y"),
                    "y2": {"field": "y2"},
                    "fill": {"field": "fill", "type": "nominal", "scale": None},
                },
            }
        )
    for shape in sorted({s["shape"] for s in drawing.symbols}):
        rows = [s for s in drawing.symbols if s["shape"] == shape]
        layers.append(
            {
                "name": f"slide_key_{shape}",
                "data": {"values": moved(rows, "x")},
                "mark": {
                    "type": "point",
                    "shape": shape,
                    "filled": True,
                    "stroke": INK,
                    "strokeWidth": 1,
                    "opacity": 1,
                    "aria": False,
                },
                "encoding": {
                    "x": _pixels("x"),
                    "y": _pixels("y"),
                    "fill": {"field": "fill", "type": "nominal", "scale": None},
                    "size": {"field": "size", "type": "quantitative", "scale": None},
                },
            }
        )
    styles = sorted({(r["size"], r["bold"], r["limit"]) for r in drawing.texts})
    for size, bold, limit in styles:
        rows = [
            r for r in drawing.texts if (r["size"], r["bold"], r["limit"]) == (size, bold, limit)
        ]
        mark = {
            "type": "text",
            "align": "left",
            "baseline": "middle",
            "fontSize": size,
            "fontWeight": "bold" if bold else "normal",
        }
        if limit:
            mark["limit"] = limit
        layers.append(
            {
                "name": f"slide_key_text_{len(layers)}",
                "data": {"values": moved(rows, "x")},
                "mark": mark,
                "encoding": {
                    "x": _pixels("x"),
                    "y": _pixels("y"),
                    "text": {"field": "text"},
                    "color": {"field": "color", "type": "nominal", "scale": None},
                },
            }
        )
    return layers
