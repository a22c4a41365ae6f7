"""Board-meeting output: the quadrant chart as PNG, SVG and PDF, and the scenario's table.

Charts are drawn by `vl-convert` (Vega's own renderer, no browser needed). A slide chart is
1920×1080 and its PNG is rendered at twice that; the SVG is rendered once and rasterised,
which is about twice as fast as asking for the PNG directly.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping
from datetime import date

import pandas as pd
import vl_convert as vlc

from igemo_data.charts.dense import portfolio_chart
from igemo_data.charts.firmness import firmness_stamp
from igemo_data.charts.slide_key import KEY_GAP, KEY_WIDTH, key_drawing, key_layers
from igemo_data.charts.spec import as_spec
from igemo_data.charts.text_metrics import text_width
from igemo_data.settings import Settings
from igemo_data.texts import decimal, domain_label, percent, t
from igemo_data.workshop import moves_table

SLIDE_WIDTH = 1920
SLIDE_HEIGHT = 1080
PNG_SCALE = 2
# Room around the plot for the title, legend and axes, in both languages. Fixed, rather than
# left to Vega's "fit", which lays a chart out twice (to measure, then to draw): that second
# pass was a third of every export's time. tests/test_export.py checks that Vega's own fit
# never needs more room than this, so nothing is ever cut off.
CHART_MARGINS = {"left": 118, "top": 108, "right": 12, "bottom": 86}
# Right of the plot, the key: every service shown as code and name, the counts, the what-ifs.
KEY_COLUMN = KEY_GAP + KEY_WIDTH
SLIDE_MARGINS = {**CHART_MARGINS, "right": CHART_MARGINS["right"] + KEY_COLUMN}
PLOT_WIDTH = SLIDE_WIDTH - SLIDE_MARGINS["left"] - SLIDE_MARGINS["right"]
PLOT_HEIGHT = SLIDE_HEIGHT - SLIDE_MARGINS["top"] - SLIDE_MARGINS["bottom"]


def describe_settings(settings: Settings, lang: str) -> str:
    """One line that says what the chart shows, for the slide's subtitle."""
    shown = ", ".join(domain_label(d, lang) for d in settings.domains) or "—"
    cuts = f"{decimal(settings.market_cut, lang)} / {decimal(settings.need_cut, lang)}"
    return (
        f"{shown} · {t('horizon', lang)} {percent(settings.horizon)} % · "
        f"{t('market_cut', lang)} / {t('need_cut', lang)}: {cuts}"
    )


def slide_name(edition: str, scenario: str | None, *, changed: bool, lang: str) -> str:
    """What a slide and the presentation are named after: the edition drawn, the scenario open.

    A slide shown to the board must say whose numbers it draws: the edition's name always
    (the plan's or an upload's), then the scenario if one is open. `changed` says the screen
    differs from that scenario as saved or, with none open, from the edition's own reading
    (horizon 0 %, cuts 1,5, every werkdomein, no what-ifs): what is on it was never saved.
    """
    if scenario is None:
        return f"{edition} ({t('unsaved_name', lang)})" if changed else edition
    named = f"{edition} · {t('slide_scenario', lang, name=scenario)}"
    return f"{named} ({t('scenario_changed', lang)})" if changed else named


def slide_spec(
    table: pd.DataFrame,
    settings: Settings,
    *,
    lang: str,
    scenario_name: str,
    on: date,
    ghosts: pd.DataFrame | None = None,
    arrows: pd.DataFrame | None = None,
    firmness: pd.DataFrame | None = None,
) -> dict:
    """The quadrant chart for a slide: title, scenario, date, legend and key; no screen controls.

    The subtitle says in words what `settings` shows (`describe_settings`), so a slide can
    never show one matrix and name another. `table` is what the chart shows (the chosen
    werkdomeinen only): the key beside the plot names each of its services, counts them per
    quadrant and lists `settings`' what-ifs among them as old → new (`slide_key`).
    `firmness` ("Toon hoe vast" on): `sensitivity`'s table; the markers are filled by their
    chance to stay, and the subtitle says so with the uncertainty used.
    """
    subtitle = describe_settings(settings, lang)
    if firmness is not None:
        subtitle += " · " + firmness_stamp(firmness, lang)
    chart = portfolio_chart(
        table,
        settings,
        lang=lang,
        ghosts=ghosts,
        arrows=arrows,
        title=f"{t('app_title', lang)} — {scenario_name}",
        subtitle=f"{subtitle} · {on:%d-%m-%Y}",
        width=PLOT_WIDTH,
        height=PLOT_HEIGHT,
        selectable=False,
        firmness=firmness,
    )
    spec = as_spec(chart)
    spec["width"] = PLOT_WIDTH
    spec["height"] = PLOT_HEIGHT
    spec["autosize"] = {"type": "none"}
    spec["padding"] = dict(SLIDE_MARGINS)
    # A long scenario name ends in "…" at the slide's edge instead of running off it.
    spec["title"] = {**spec["title"], "limit": SLIDE_WIDTH - 2 * CHART_MARGINS["right"]}
    spec["background"] = "white"
    key = key_drawing(
        table,
        settings,
        lang=lang,
        width=KEY_WIDTH,
        height=PLOT_HEIGHT + CHART_MARGINS["bottom"] - 16,
    )
    spec["layer"] = [*spec["layer"], *key_layers(key, PLOT_WIDTH + KEY_GAP)]
    return spec


def _key(spec: Mapping) -> str:
    return json.dumps(spec, sort_keys=True, default=str)


@functools.lru_cache(maxsize=32)
def _svg(key: str) -> str:
    return vlc.vegalite_to_svg(json.loads(key))


def svg(spec: Mapping) -> str:
    return _svg(_key(spec))


@functools.lru_cache(maxsize=32)
def _png(key: str) -> bytes:
    return vlc.svg_to_png(_svg(key), scale=PNG_SCALE)


def png(spec: Mapping) -> bytes:
    """Twice the slide's size (3840×2160 for a 1920×1080 slide), sharp on any projector."""
    return _png(_key(spec))


@functools.lru_cache(maxsize=32)
def _pdf(key: str) -> bytes:
    return vlc.svg_to_pdf(_svg(key))


def pdf(spec: Mapping) -> bytes:
    return _pdf(_key(spec))


# The comparison page: 16:9 like the slide. The two charts share the width; the moves run in
# up to three blocks of rows under them; the charts take the height the moves leave, down
# to a least height (a 39-service quadrant needs it), and a page taller than 16:9 is shrunk whole.
PAGE_PADDING = 12
COMPARE_SPACING = 14
COMPARE_CHART_WIDTH = (
    880  # px: at 860, 27 services in a quadrant left of a 1,2 cut run into each other
)
COMPARE_CHART_HEIGHT = (600, 700)  # px, the least and the most a side's plot gets
MOVES_FONT_SIZE = 16
MOVES_LINE = 22  # px per row of the moves
MOVES_BLOCKS = 3  # at most this many blocks of rows side by side
MOVES_WIDTH = 1790  # px the moves may take: the page less its padding and the left axis
MOVES_COLUMN_GAP = 14  # px between two columns
MOVES_BLOCK_GAP = 36  # px between two blocks
MOVES_NAME_ROOM = 330  # px at most for 'code name'; a longer name ends in "…"
# Title, legend, both sides' titles and the x axis: what the page holds besides plots and moves.
COMPARE_FRAME_HEIGHT = 295


def side_settings(settings: Settings, lang: str) -> str:
    """'tijdshorizon 50 % · grenzen 1,5 / 1,3': what one side of a comparison is read at."""
    return t(
        "slide_side_settings",
        lang,
        horizon=percent(settings.horizon),
        market_cut=decimal(settings.market_cut, lang, trim=True),
        need_cut=decimal(settings.need_cut, lang, trim=True),
    )


def comparison_page(
    left: pd.DataFrame,
    right: pd.DataFrame,
    moves: pd.DataFrame,
    *,
    settings: tuple[Settings, Settings],
    names: tuple[str, str],
    lang: str,
    on: date,
) -> dict:
    """The board's page as a spec: both charts titled with their name, horizon and cuts, one
    werkdomein legend for both (the same shapes and colours as every chart), the moves under."""
    moves_spec = _moves_spec(moves, lang)
    low, high = COMPARE_CHART_HEIGHT
    height = max(low, min(high, SLIDE_HEIGHT - COMPARE_FRAME_HEIGHT - moves_spec["height"]))
    halves = [
        as_spec(
            portfolio_chart(
                table,
                side,
                lang=lang,
                title=name,
                subtitle=side_settings(side, lang),
                width=COMPARE_CHART_WIDTH,
                height=height,
                selectable=False,
            )
        )
        for table, side, name in zip((left, right), settings, names, strict=True)
    ]
    _without_y_labels(halves[1])
    # A chart with its own config cannot be nested in a concat, so the page is assembled as
    # a spec: datasets merged, one config on top.
    datasets: dict = {}
    parts = []
    config = halves[0].get("config", {})
    for spec in (*halves, moves_spec):
        datasets.update(spec.pop("datasets", {}))
        spec.pop("config", None)
        for key in ("$schema", "usermeta", "autosize"):
            spec.pop(key, None)
        parts.append(spec)
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "title": {
            "text": f"{t('app_title', lang)} — {names[0]} ↔ {names[1]}",
            "subtitle": f"{t('compare_moves', lang)} · {on:%d-%m-%Y}",
            "fontSize": 26,
            "subtitleFontSize": 18,
            "anchor": "start",
        },
        "vconcat": [
            {
                "hconcat": parts[:2],
                "spacing": COMPARE_SPACING,
                # One legend: both sides map each werkdomein to the same colour and shape.
                "resolve": {"scale": {"color": "shared", "shape": "shared"}},
            },
            parts[2],
        ],
        "spacing": 24,
        "padding": PAGE_PADDING,
        "datasets": datasets,
        "config": config,
        "background": "white",
    }


def _without_y_labels(spec: dict) -> None:
    """The right-hand chart's need axis keeps its ticks but not its words: the left chart's,
    at the same height, say them once, and the page keeps its width for the plots."""
    for layer in spec.get("layer", []):
        y = layer.get("encoding", {}).get("y", {})
        if isinstance(y.get("axis"), dict):
            y["axis"] = {**y["axis"], "title": None, "labels": False}


def on_page(svg_text: str, width: int = SLIDE_WIDTH, height: int = SLIDE_HEIGHT) -> str:
    """`svg_text` centred on a white `width`×`height` page, shrunk if it is larger.

    A concatenated Vega-Lite chart is as large as its parts; the board's page is 16:9 whatever
    the number of moves.
    """
    size = re.search(r'<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"', svg_text)
    inner_width, inner_height = (float(v) for v in size.groups())
    scale = min(1.0, width / inner_width, height / inner_height)
    dx = (width - inner_width * scale) / 2
    dy = (height - inner_height * scale) / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><rect width="{width}" height="{height}" fill="white"/>'
        f'<g transform="translate({dx:.2f},{dy:.2f}) scale({scale:.4f})">{svg_text}</g></svg>'
    )


def comparison_svg(*args, **options) -> str:
    """`comparison_page` drawn on a 1920×1080 page."""
    return on_page(vlc.vegalite_to_svg(comparison_page(*args, **options)))


def comparison_pdf(*args, **options) -> bytes:
    """One 16:9 page for the board: the two charts side by side and the moves."""
    return vlc.svg_to_pdf(comparison_svg(*args, **options))


def _moves_rows(moves: pd.DataFrame, lang: str) -> list[tuple[str, ...]]:
    """The header and one row per move: 'code name', from → to, market, need."""
    table = moves_table(moves, lang)
    code, name, _, was, now, market, need = table.columns
    rows = [(f"{code} · {name}", f"{was} → {now}", market, need)]
    rows.extend(
        (f"{r[code]} {r[name]}", f"{r[was]} → {r[now]}", str(r[market]), str(r[need]))
        for _, r in table.iterrows()
    )
    return rows


def _moves_spec(moves: pd.DataFrame, lang: str) -> dict:
    """The moves as rows of text in up to three blocks side by side, columns as wide as their
    widest text. Vega-Lite has no table mark: the rows are text marks placed in pixels."""
    if moves.empty:
        rows, blocks, per_block = [(t("compare_no_moves", lang),)], 1, 0
        widths = [MOVES_WIDTH]
    else:
        rows = _moves_rows(moves, lang)
        widths = [
            min(
                MOVES_NAME_ROOM if c == 0 else MOVES_WIDTH,
                max(text_width(row[c], MOVES_FONT_SIZE, bold=i == 0) for i, row in enumerate(rows)),
            )
            + MOVES_COLUMN_GAP
            for c in range(4)
        ]
        block = sum(widths) + MOVES_BLOCK_GAP
        blocks = max(1, min(MOVES_BLOCKS, int((MOVES_WIDTH + MOVES_BLOCK_GAP) // block)))
        per_block = math.ceil((len(rows) - 1) / blocks)
        blocks = math.ceil((len(rows) - 1) / per_block)
    starts = [sum(widths[:c]) for c in range(len(widths))]
    texts: list[dict] = []
    for b in range(blocks):
        left = b * (sum(widths) + MOVES_BLOCK_GAP)
        chunk = rows[1 + b * per_block : 1 + (b + 1) * per_block] if per_block else []
        for j, row in enumerate([rows[0], *chunk]):
            for c, text in enumerate(row):
                texts.append(
                    {
                        "x": left + starts[c],
                        "y": (j + 0.5) * MOVES_LINE,
                        "text": text,
                        "c": c,
                        "head": j == 0 and per_block > 0,
                    }
                )
    layers = []
    for c, room in enumerate(widths):
        for head in (True, False):
            part = [r for r in texts if r["c"] == c and r["head"] == head]
            if part:
                mark = {
                    "type": "text",
                    "align": "left",
                    "baseline": "middle",
                    "fontSize": MOVES_FONT_SIZE,
                    "limit": room - MOVES_COLUMN_GAP / 2,
                    "fontWeight": "bold" if head else "normal",
                }
                layers.append(
                    {
                        "data": {"values": part},
                        "mark": mark,
                        "encoding": {
                            "x": {"field": "x", "type": "quantitative", "scale": None},
                            "y": {"field": "y", "type": "quantitative", "scale": None},
                            "text": {"field": "text"},
                        },
                    }
                )
    lines = (per_block or 0) + 1
    width = blocks * sum(widths) + (blocks - 1) * MOVES_BLOCK_GAP
    return {"width": width, "height": lines * MOVES_LINE, "view": {"stroke": None}, "layer": layers}
