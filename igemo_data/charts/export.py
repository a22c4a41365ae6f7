"""Board-meeting output: the quadrant chart as PNG, SVG and PDF, and the scenario's table.

Charts are drawn by `vl-convert` (Vega's own renderer, no browser needed). A slide chart is
1920×1080 and its PNG is rendered at twice that; the SVG is rendered once and rasterised,
which is about twice as fast as asking for the PNG directly.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from datetime import date

import altair as alt
import pandas as pd
import vl_convert as vlc

from igemo_data.charts.dense import portfolio_chart
from igemo_data.charts.spec import as_spec
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
SLIDE_MARGINS = {"left": 118, "top": 108, "right": 12, "bottom": 86}
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
) -> dict:
    """The quadrant chart for a slide: title, scenario, date and legend; no screen controls.

    The subtitle says in words what `settings` shows (`describe_settings`), so a slide can
    never show one matrix and name another.
    """
    chart = portfolio_chart(
        table,
        settings,
        lang=lang,
        ghosts=ghosts,
        arrows=arrows,
        title=f"{t('app_title', lang)} — {scenario_name}",
        subtitle=f"{describe_settings(settings, lang)} · {on:%d-%m-%Y}",
        width=PLOT_WIDTH,
        height=PLOT_HEIGHT,
        selectable=False,
    )
    spec = as_spec(chart)
    spec["width"] = PLOT_WIDTH
    spec["height"] = PLOT_HEIGHT
    spec["autosize"] = {"type": "none"}
    spec["padding"] = dict(SLIDE_MARGINS)
    # A long scenario name ends in "…" at the slide's edge instead of running off it.
    spec["title"] = {**spec["title"], "limit": SLIDE_WIDTH - 2 * SLIDE_MARGINS["right"]}
    spec["background"] = "white"
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


def comparison_pdf(
    left: pd.DataFrame,
    right: pd.DataFrame,
    moves: pd.DataFrame,
    *,
    settings: tuple[Settings, Settings],
    names: tuple[str, str],
    lang: str,
    on: date,
) -> bytes:
    """One page for the board: the two charts side by side and the table of moves."""
    halves = [
        as_spec(
            portfolio_chart(
                table,
                side,
                lang=lang,
                title=name,
                width=900,
                height=700,
                selectable=False,
            )
        )
        for table, side, name in zip((left, right), settings, names, strict=True)
    ]
    moves_spec = _moves_table(moves_table(moves, lang), lang).to_dict()
    moves_spec["view"] = {"stroke": None}
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
    page = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "title": {
            "text": f"{t('app_title', lang)} — {names[0]} ↔ {names[1]}",
            "subtitle": f"{t('compare_moves', lang)} · {on:%d-%m-%Y}",
            "fontSize": 26,
            "subtitleFontSize": 18,
            "anchor": "start",
        },
        "vconcat": [
            {"hconcat": parts[:2], "spacing": 40, "resolve": {"scale": {"color": "independent"}}},
            parts[2],
        ],
        "spacing": 30,
        "datasets": datasets,
        "config": config,
        "background": "white",
    }
    return vlc.vegalite_to_pdf(page)


def _moves_table(moves: pd.DataFrame, lang: str) -> alt.Chart:
    """The moves as rows of text; Vega-Lite has no table mark, so each column is a text mark."""
    columns = [c for c in moves.columns if c != "id"]
    if moves.empty:
        return (
            alt.Chart(pd.DataFrame({"text": [t("compare_no_moves", lang)]}))
            .mark_text(fontSize=18, align="left")
            .encode(text="text:N")
            .properties(width=1700, height=40)
        )
    rows = moves[columns].astype(str).reset_index(drop=True)
    rows["_row"] = range(len(rows))
    long = rows.melt(id_vars="_row", var_name="column", value_name="text")
    header = pd.DataFrame({"_row": -1, "column": columns, "text": columns})

    def text_rows(data: pd.DataFrame, weight: str) -> alt.Chart:
        return (
            alt.Chart(data)
            .mark_text(fontSize=15, fontWeight=weight, align="left", limit=330)
            .encode(
                x=alt.X("column:N", sort=columns, axis=None),
                y=alt.Y("_row:O", axis=None),
                text="text:N",
            )
        )

    return alt.layer(text_rows(header, "bold"), text_rows(long, "normal")).properties(
        width=1700, height=26 * (len(rows) + 1)
    )
