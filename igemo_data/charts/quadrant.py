"""The quadrant chart: the Harrigan matrix with one marker per service, its code beside it,
what-if ghosts and evolution arrows.

The chart is rebuilt on every slider press, so it is built for speed: from Vega-Lite JSON
pieces in thin Altair wrappers (see `marks`), a few milliseconds per chart. With arrows
(`evolution_arrows`), each is a curve routed around markers, codes and the other arrows, drawn
beneath the markers; the markers it joins are rimmed in its colour.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

import altair as alt
import pandas as pd

from igemo_data.charts.arrows import (
    _arrow_geometry,
    _arrow_layers,
    _direction,
    _hollow_record,
    _tail_layer,
    arrow_key_layers,
)
from igemo_data.charts.backdrop import _domain_encodings, _static_layers, stamp_layers
from igemo_data.charts.decided import decided_layers
from igemo_data.charts.firmness import apply_firmness
from igemo_data.charts.label_layers import _code_layers, _code_record, _found_layers
from igemo_data.charts.labels import LabelStyle
from igemo_data.charts.layout import _column, _Layout, _layout, _same
from igemo_data.charts.marks import (
    _X,
    _Y,
    _arrow_tooltip,
    _field,
    _layer,
    _Selection,
    _title,
    _tooltip,
)
from igemo_data.charts.moved import moved_layers
from igemo_data.charts.routing import _Symbol, _symbol
from igemo_data.charts.theme import (
    ARROW_COLOR,
    CROSSING_COLOR,
    DEFAULT_MARKER_SIZE,
    DOMAIN_MARKER_SIZES,
    GHOST_OPACITY,
    HEIGHT,
    HOLLOW_STROKE,
    INK,
    LABEL_FONT_SIZE,
    MARKER_DIAMETER,
    MARKER_STROKE,
    MARKERS_VIEW,
    RIM_STROKE,
    SELECTED_STROKE,
    SELECTION_NAME,
    STILL_OPACITY,
    USERMETA,
    WIDTH,
    PlotFrame,
    Window,
)
from igemo_data.schema import (
    SCORE_COLUMNS,
)
from igemo_data.settings import Settings
from igemo_data.texts import (
    DEFAULT_LANGUAGE,
    decision_label,
    domain_label,
    format_score,
    quadrant_label,
)


def _point_records(table: pd.DataFrame, xs, ys, lang: str) -> list[dict]:
    """One row per service for marker and tooltip; every visible value already in words."""
    domains = _column(table, "domain")
    quadrants = _column(table, "quadrant")
    domain_names = {d: domain_label(d, lang) for d in set(domains)}
    quadrant_names = {q: quadrant_label(q, lang) for q in set(quadrants)}
    if "plan_decision" in table:
        decisions = [
            decision_label("" if pd.isna(d) else str(d), lang) for d in table["plan_decision"]
        ]
    else:
        decisions = [decision_label("", lang)] * len(table)
    scores: dict[float, str] = {}

    def score_texts(column: str) -> list[str]:
        texts = []
        for value in table[column].tolist():
            if value not in scores:
                scores[value] = format_score(value, lang)
            texts.append(scores[value])
        return texts

    texts = {f"{column}_text": score_texts(column) for column in (*SCORE_COLUMNS, "market", "need")}
    text_columns = list(texts)
    rows = []
    for i, (service_id, code, name, domain, cluster, quadrant, decision) in enumerate(
        zip(
            _column(table, "id"),
            _column(table, "code"),
            _column(table, "name"),
            domains,
            _column(table, "cluster"),
            quadrants,
            decisions,
            strict=True,
        )
    ):
        row = {
            "id": service_id,
            "code": code,
            "name": name,
            "domain": domain,
            "domain_label": domain_names[domain],
            "cluster": cluster,
            "quadrant": quadrant,
            "quadrant_label": quadrant_names[quadrant],
            "decision_label": decision,
            "description": f"{name} ({code}, {domain_names[domain]}): {quadrant_names[quadrant]}",
            "x": float(xs[i]),
            "y": float(ys[i]),
            "size": DOMAIN_MARKER_SIZES.get(domain, DEFAULT_MARKER_SIZE),
        }
        for column in text_columns:
            row[column] = texts[column][i]
        rows.append(row)
    return rows


def _hollow_layer(
    name: str, rows: list[dict], tooltip: list[dict], opacity: float
) -> list[alt.Chart]:
    """Hollow markers: white inside, outlined in the domain's own colour at full strength.

    One layer per shape, the shape set on the mark: a `shape` channel here, even without a
    scale, makes Streamlit's Vega-Lite drop the shapes from the werkdomein legend. Outline
    and size come from each row with no scale and no legend.
    """
    layers = []
    for shape in sorted({row["shape"] for row in rows}):
        layers.append(
            _layer(
                (
                    f"{name}_{re.sub(r'[^a-z]', '', shape)}",
                    [r for r in rows if r["shape"] == shape],
                ),
                {
                    "type": "point",
                    "shape": shape,
                    "filled": False,
                    "fill": "white",
                    "strokeWidth": HOLLOW_STROKE,
                    "opacity": opacity,
                    "aria": False,
                },
                {
                    "x": _X,
                    "y": _Y,
                    "stroke": _field("outline", scale=None, legend=None),
                    "size": _field("size", "quantitative", scale=None, legend=None),
                    "tooltip": tooltip,
                },
            )
        )
    return layers


def _ghosts(
    layout: _Layout, points: list[dict], frame: PlotFrame
) -> tuple[alt.Chart, list[dict], list[_Symbol]]:
    """For each service a what-if moved: a hollow marker where it stands without the what-if,
    and a dashed line from there to its marker (the layer of lines, the hollow markers' rows,
    their symbols for the arrows to avoid)."""
    by_id = {point["id"]: point for point in points}
    rows, symbols, links = [], [], []
    for service_id, (x1, y1) in layout.home.items():
        point = by_id[service_id]
        x2, y2 = float(frame.px(point["x"])), float(frame.py(point["y"]))
        label = layout.label_of(service_id, point["code"])
        font = layout.labels.size if layout.labels else LABEL_FONT_SIZE
        symbols.append(_symbol(point["domain"], x1, y1, label, HOLLOW_STROKE, font))
        rows.append(_hollow_record(point["domain"], x1, y1, frame, point))
        ux, uy, length = _direction(x1, y1, x2, y2)
        gap = min(MARKER_DIAMETER / 2 + 2, length / 2)
        links.append(
            {
                "x": float(frame.data_x(x1 + ux * gap)),
                "y": float(frame.data_y(y1 + uy * gap)),
                "x2": float(frame.data_x(x2 - ux * gap)),
                "y2": float(frame.data_y(y2 - uy * gap)),
            }
        )
    line = {
        "type": "rule",
        "color": INK,
        "strokeWidth": 2,
        "strokeDash": [6, 4],
        "opacity": 0.8,
        "aria": False,
    }
    encoding = {"x": _X, "y": _Y, "x2": {"field": "x2"}, "y2": {"field": "y2"}}
    return _layer(("ghost_links", links), line, encoding), rows, symbols


def quadrant_chart(
    table: pd.DataFrame,
    settings: Settings,
    *,
    lang: str = DEFAULT_LANGUAGE,
    ghosts: pd.DataFrame | None = None,
    arrows: pd.DataFrame | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
    selectable: bool = True,
    highlight: Collection[str] = (),
    evolution_at: float | None = None,
    label_size: float = LABEL_FONT_SIZE,
    names: bool = False,
    on_screen: bool = False,
    moved: Collection[str] | None = None,
    firmness: pd.DataFrame | None = None,
    decided: Mapping[str, tuple[str, str]] | None = None,
    window: Window | None = None,
) -> alt.LayerChart:
    """The Harrigan matrix: quadrant tints and words, cut lines, one marker per service.

    `table` is `classify`'s result at `settings` (of which the chart needs the cut lines; the
    caller has already kept the settings' domains); markers sit where `spread_positions(table, base=ghosts)`
    puts them. `ghosts`: the what-if services classified without their what-if; each is drawn
    hollow in the cell it has without it, linked to its marker by a dashed line.
    `arrows`: from `evolution_arrows`; thick vermilion where a service changes quadrant, thin
    grey otherwise, each from the edge of one marker to a hollow marker in a free cell, curved
    around other markers and codes and drawn beneath them. `evolution_at`: the horizon `table`
    is drawn at, when `arrows` run from horizon 0 to 1; then each service's solid marker lies
    on its arrow (from a small tail dot where it stands now, to a hollow marker where it stands
    at 100 %) and a key under the chart says what each mark means. The legend lists the werkdomeinen in
    `table`. With `selectable`, a click selects the point selection "dienst" on the field `id`.
    `width`×`height` is the plotting area in pixels; the spread guarantees no overlap when the
    chart is drawn at that size. Quick to build (39 services: about 3 ms, 13 ms with 16 arrows
    to route; `bench/chart_build.py`); pages hand `chart.to_dict(validate=False)` to Streamlit,
    which is the very spec `to_dict()` validates.

    For the room: codes `label_size` px high, and with `names` each service's name beside its
    code, shortened with "…" to fit its cell (`charts.labels`: where a quadrant is too crowded
    for names, codes alone, then smaller codes; never an overlap). `on_screen`: drawn on a
    screen (not a slide): the plot exactly `width`×`height` (Streamlit's theme would otherwise
    fit axes and legend into that size, squeezing the cells the spread was laid out for), each
    cut's value at its line and "Tijdshorizon … · grenzen …" above the plot.
    `moved`: the ids of services in another quadrant than the plan's, each ringed, with a key
    line on the chart (`charts.moved`; empty: its layers are there, without rows).
    `firmness`: `sensitivity`'s table ("Toon hoe vast"): markers filled by their chance to stay,
    rings where arrows cross a cut, and their key (`charts.firmness`).
    `decided`: id → (agrees or disagrees, words) of the services with a recorded decision,
    each ringed by whether it follows its quadrant, with a key line (`charts.decided`).
    `window`: the scores plotted, ((market from, to), (need from, to)), `theme.X_DOMAIN` ×
    `theme.Y_DOMAIN` by default; where a cut leaves a quadrant too small for its services, the
    chart widens it until every service has a cell (`grid.widened`).
    """
    market_cut, need_cut = settings.market_cut, settings.need_cut
    frame = PlotFrame(width, height, *window) if window else PlotFrame(width, height)
    if ghosts is not None and len(ghosts):
        ghosts = ghosts[ghosts["id"].isin(set(table["id"]))]
    style = None
    if names or label_size != LABEL_FONT_SIZE:
        style = LabelStyle(size=label_size, names=names)
    layout = _layout(
        table,
        market_cut=market_cut,
        need_cut=need_cut,
        frame=frame,
        base=ghosts,
        style=style,
        extra=_arrow_spots(arrows, table) if style is not None else (),
        widen=True,
    )
    frame = layout.grid.frame  # wider than asked where a cut leaves a quadrant too small
    points = _point_records(table, frame.data_x(layout.x), frame.data_y(layout.y), lang)
    tooltip = _tooltip(lang)
    layers, word_boxes = _static_layers(
        float(market_cut), float(need_cut), lang, frame, cut_labels=on_screen
    )
    if on_screen:
        layers.extend(stamp_layers(settings, lang, frame))
    codes = [_code_record(point, layout, hollow=False) for point in points]
    beneath: list[alt.Chart] = []  # links and arrows, drawn under every marker and code
    hollow: list[alt.Chart] = []
    ghost_symbols: list[_Symbol] = []
    rimmed = False
    paths: list[dict] = []

    if layout.home:
        for point in points:
            if point["id"] in layout.home:
                point["what_if"] = True
        links, ghost_rows, ghost_symbols = _ghosts(layout, points, frame)
        beneath.append(links)
        hollow.extend(_hollow_layer("ghosts", ghost_rows, tooltip, GHOST_OPACITY))
        codes.extend(_code_record(row, layout, hollow=True) for row in ghost_rows)

    if arrows is not None and len(arrows):
        paths, heads, ends, rims, tails = _arrow_geometry(
            arrows,
            layout,
            table,
            frame,
            lang,
            ghost_symbols,
            word_boxes,
            through=evolution_at is not None,
        )
        for point in points:
            if point["id"] in rims:
                point["arrow"] = "cross" if rims[point["id"]] else "move"
        rimmed = bool(rims)
        arrow_tooltip = _arrow_tooltip(lang)
        if ends:
            hollow.extend(_hollow_layer("arrow_ends", ends, arrow_tooltip, 1.0))
            codes.extend(_code_record(end, layout, hollow=True) for end in ends)
        if paths:
            beneath.extend(_arrow_layers(paths, heads, arrow_tooltip))
        beneath.extend(_tail_layer(tails, arrow_tooltip))
        if evolution_at is not None:
            layers.extend(arrow_key_layers(evolution_at, lang, frame))

    if moved is not None:  # beneath arrows, markers and codes
        layers.extend(moved_layers(points, moved, lang, frame))
    if decided is not None:
        layers.extend(decided_layers(points, decided, lang, frame))

    color, shape = _domain_encodings(_column(table, "domain"), lang)
    markers = {
        "x": _X,
        "y": _Y,
        "color": color,
        "shape": shape,
        "size": _field("size", "quantitative", scale=None, legend=None),
        "tooltip": tooltip,
        "description": _field("description"),
        # A marker an arrow leaves (or reaches) is rimmed in the arrow's colour.
        "stroke": {
            "condition": [
                {"test": "datum.arrow === 'cross'", "value": CROSSING_COLOR},
                {"test": "datum.arrow === 'move'", "value": ARROW_COLOR},
            ],
            "value": INK,
        },
        "strokeWidth": {
            "condition": [{"test": "datum.arrow", "value": RIM_STROKE}],
            "value": MARKER_STROKE,
        },
    }
    if rimmed:
        # With arrows, services that stay put (and have no what-if) step back: an arrow running
        # under one of them shows through it instead of seeming to start there.
        markers["opacity"] = {
            "condition": {"test": "datum.arrow || datum.what_if", "value": 1},
            "value": STILL_OPACITY,
        }
    if firmness is not None:  # rings on the arrows, under the markers; the key
        rings, key = apply_firmness(points, markers, firmness, paths, settings, lang, frame)
        beneath.extend(rings if paths else [])
        layers.extend(key)
    props = {}
    params = alt.Undefined
    if selectable:
        selected = {"param": SELECTION_NAME, "empty": False, "value": SELECTED_STROKE}
        markers["strokeWidth"]["condition"].insert(0, selected)
        props["name"] = MARKERS_VIEW
        params = [
            _Selection(
                name=SELECTION_NAME,
                select={"type": "point", "fields": ["id"], "on": "click"},
                views=[MARKERS_VIEW],
            )
        ]
    solid = _layer(
        ("points", points),
        {"type": "point", "filled": True, "opacity": 1, "stroke": INK, "cursor": "pointer"},
        markers,
        **props,
    )
    layers.extend([*beneath, *hollow, solid, *_code_layers(codes, bool(beneath), layout)])
    found_size = layout.labels.size if layout.labels else LABEL_FONT_SIZE
    layers.extend(_found_layers([p for p in points if p["id"] in set(highlight)], found_size))

    top = _title(title, subtitle)
    if on_screen:
        top["autosize"] = {"type": "pad"}
    return alt.LayerChart(
        layer=layers,
        params=params,
        width=width,
        height=height,
        usermeta={"embedOptions": dict(USERMETA["embedOptions"])},
        **top,
    )


def _arrow_spots(arrows: pd.DataFrame | None, table: pd.DataFrame) -> list[tuple[float, float]]:
    """The arrow ends that take a cell of their own (any end away from its service's marker),
    for the labels to leave room for."""
    if arrows is None or not len(arrows):
        return []
    at = {
        str(sid): (float(m), float(n))
        for sid, m, n in zip(table["id"], table["market"], table["need"], strict=True)
    }
    spots = []
    for row in arrows.itertuples(index=False):
        now = at.get(str(row.id))
        for spot in ((row.market_from, row.need_from), (row.market_to, row.need_to)):
            if now is None or not (_same(now[0], spot[0]) and _same(now[1], spot[1])):
                spots.append((float(spot[0]), float(spot[1])))
    return spots
