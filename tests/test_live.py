"""The live chart (issue 17): one spec with the server's layout at every horizon step, and the
browser's quadrant by Vega expressions that copy `classify`.

Item 2 (at rest, nothing hides): the rows the live chart draws at step k are exactly the ones
`quadrant_chart` lays out for horizon k %, and at every step no two markers overlap. The
expressions are run by real Vega here (vl-convert renders the spec at the params' values);
tests/test_browser_live.py runs them in Chromium for the full grid.
"""

from __future__ import annotations

import functools
import json
import re

import pandas as pd
import pytest
from test_charts import (
    assert_markers_stand_apart,
    assert_on_their_side,
    collisions,
    marker_boxes,
)
from test_charts_room import OVERVIEW, label_boxes, markers_only

from igemo_data import charts, classify, workshop
from igemo_data.charts import export, live, live_steps, theme
from igemo_data.settings import Settings

INPUTS = charts.LiveInputs("#h", "#m", "#n", "#t")


def build_for(services: pd.DataFrame, settings: Settings, size=OVERVIEW, names=False):
    baseline = classify(services)

    def build(step: int, window=None):
        at = settings.at(step / 100)
        table = classify(
            services,
            horizon=at.horizon,
            market_cut=at.market_cut,
            need_cut=at.need_cut,
            overrides=at.overrides,
        )
        chart = charts.quadrant_chart(
            table,
            at,
            width=size[0],
            height=size[1],
            label_size=charts.ROOM_LABEL_FONT_SIZE,
            names=names,
            on_screen=True,
            moved=workshop.against_baseline(baseline, table).moved,
            window=window,
        )
        return chart, table

    return build


@functools.cache
def _live(services_key: str, market_cut: float, need_cut: float) -> dict:
    services = _SERVICES[services_key]
    settings = Settings(horizon=0.3, market_cut=market_cut, need_cut=need_cut)
    return live.live_spec(build_for(services, settings), settings, lang="nl", inputs=INPUTS)


_SERVICES: dict[str, pd.DataFrame] = {}


@pytest.fixture
def live_at(services: pd.DataFrame):
    _SERVICES["plan"] = services
    return lambda market_cut=1.5, need_cut=1.5: _live("plan", market_cut, need_cut)


def spec_at(spec: dict, step: int) -> dict:
    """The live spec as the browser draws it at horizon step `step`: each step-tagged dataset
    cut to that step's rows, every mark property that follows the step resolved, no trails."""
    datasets = {}
    for name in spec["datasets"]:
        datasets[name] = live_steps.dataset_at(spec, name, step)
    layers = []
    for layer in spec["layer"]:
        if any(live.TRAILS_PARAM in json.dumps(t) for t in layer.get("transform", [])):
            continue
        mark = dict(layer["mark"])
        for key, value in mark.items():
            if isinstance(value, dict) and "expr" in value:
                values = json.loads(re.match(r"(\[.*\])\[", value["expr"]).group(1))
                mark[key] = values[step]
        kept = [
            t
            for t in layer.get("transform", [])
            if "filter" not in t and live_steps.STEP_PREFIX not in t.get("calculate", "")
        ]
        encoding = dict(layer.get("encoding") or {})
        rows = datasets.get((layer.get("data") or {}).get("name"), [])
        for channel, value in encoding.items():
            field = value.get("field", "") if isinstance(value, dict) else ""
            if field.startswith("_live_") and rows:
                # The field this step's value came from ("code" or "label").
                sources = [k for k in ("label", "code") if all(r.get(k) == r[field] for r in rows)]
                source = sources[0] if sources else "code"
                encoding[channel] = {**value, "field": source}
        layers.append({**layer, "mark": mark, "transform": kept, "encoding": encoding})
    return {**spec, "layer": layers, "datasets": datasets}


def markers(spec: dict) -> dict:
    """The spec without what is no service's marker: the arrows' key, the rings round what
    moved and their key (`markers_only` of the room tests, for charts drawn with rings)."""
    spec = markers_only(spec)
    kept = [
        layer
        for layer in spec["layer"]
        if not str((layer.get("data") or {}).get("name", "")).startswith("moved")
    ]
    return {**spec, "layer": kept}


def plain(spec: dict) -> dict:
    """A chart's spec with its data moved to named datasets, as the live spec holds it."""
    return charts.with_named_datasets(charts.as_spec(spec))


def test_every_step_draws_exactly_the_servers_layout_for_that_horizon(services, live_at):
    spec = live_at()
    for step in (0, 1, 29, 30, 50, 73, 99, 100):
        settings = Settings(horizon=step / 100)
        chart, _ = build_for(services, settings)(step)
        expected = plain(chart)
        drawn = spec_at(spec, step)
        for name in ("points", "codes", "moved_rings", "stamp"):
            rows = [
                {
                    k: v
                    for k, v in row.items()
                    if k not in live.SCORE_FIELDS and not k.startswith("_live_")
                }
                for row in drawn["datasets"][name]
            ]
            assert rows == expected["datasets"][name], (step, name)


@pytest.mark.parametrize(("market_cut", "need_cut"), [(1.5, 1.5), (1.3, 1.7), (1.9, 1.9)])
def test_at_rest_no_two_markers_overlap_at_any_horizon_step(
    services, live_at, market_cut, need_cut
):
    spec = live_at(market_cut, need_cut)
    for step in range(live.STEP_COUNT):
        drawn = markers(spec_at(spec, step))
        boxes = marker_boxes(drawn)
        assert collisions(boxes) == [], step
        assert_markers_stand_apart(boxes)
        table = classify(services, horizon=step / 100, market_cut=market_cut, need_cut=need_cut)
        assert_on_their_side(drawn, table, market_cut, need_cut)


@pytest.mark.parametrize("domain", ["MENS", "BESTUUR"])
def test_a_werkdomeins_live_chart_names_services_and_nothing_overlaps_at_any_step(services, domain):
    # Where a quadrant is crowded a werkdomein's chart shows codes alone, elsewhere code and
    # name: the live chart switches with the step, as the server's layout does.
    mine = services[services["domain"] == domain].reset_index(drop=True)
    settings = Settings(horizon=0.5)
    spec = live.live_spec(build_for(mine, settings, names=True), settings, lang="nl", inputs=INPUTS)
    for step in range(0, live.STEP_COUNT, 4):
        boxes = label_boxes(markers(spec_at(spec, step)))
        assert collisions(boxes) == [], step
        assert_markers_stand_apart(boxes)


# Every cut the sidebar's sliders allow (1 to 2), a tenth apart, and the cuts of a workshop.
ALL_CUTS = tuple(sorted({round(1 + k / 10, 1) for k in range(11)} | {1.35, 1.45, 1.55}))


@pytest.mark.parametrize("horizon", [0.0, 0.5, 1.0])
def test_no_two_markers_overlap_at_any_cut_the_sliders_allow(services, horizon):
    # What the live chart holds at rest for other cuts is `quadrant_chart` at exactly those
    # settings (the tests above show the identity). A cut near 1 or 2 leaves a quadrant a
    # sliver (at 1,9 / 1,9 and 100 % the 18 services strong on both share 175 x 129 px): the
    # chart widens its window there instead of drawing markers over each other.
    for market_cut in ALL_CUTS:
        for need_cut in ALL_CUTS:
            settings = Settings(horizon=horizon, market_cut=market_cut, need_cut=need_cut)
            chart, table = build_for(services, settings)(round(horizon * 100))
            spec = markers(plain(chart))
            boxes = marker_boxes(spec)
            assert collisions(boxes) == [], (market_cut, need_cut)
            assert_markers_stand_apart(boxes)
            assert_on_their_side(spec, table, market_cut, need_cut)


@pytest.mark.parametrize("domain", ["RUIMTE", "MENS", "BESTUUR"])
def test_a_werkdomeins_names_never_overlap_at_any_cut(services, domain):
    mine = services[services["domain"] == domain].reset_index(drop=True)
    for market_cut in ALL_CUTS[::3]:
        for need_cut in ALL_CUTS[::3]:
            for horizon in (0.0, 1.0):
                settings = Settings(horizon=horizon, market_cut=market_cut, need_cut=need_cut)
                chart, _ = build_for(mine, settings, names=True)(round(horizon * 100))
                boxes = label_boxes(markers(plain(chart)))
                assert collisions(boxes) == [], (market_cut, need_cut, horizon)


def words_covered(spec: dict, market_cut: float, need_cut: float) -> list[str]:
    """The services whose marker or code overlaps a quadrant's word or question."""
    from igemo_data.charts.backdrop import _static_layers
    from igemo_data.charts.theme import PlotFrame

    frame = PlotFrame(spec["width"], spec["height"], *live.window_of(spec))
    _, words = _static_layers(market_cut, need_cut, "nl", frame, cut_labels=True)
    boxes = marker_boxes(spec)
    covered = []
    for row in boxes.itertuples(index=False):
        half = row.extent / 2
        # Screen y runs down; the words' boxes run up (left, bottom, right, top).
        left, right = row.x - half, row.label_right
        bottom, top = spec["height"] - (row.y + half), spec["height"] - (row.y - half)
        for w_left, w_bottom, w_right, w_top in words:
            if left < w_right and w_left < right and bottom < w_top and w_bottom < top:
                covered.append(row.code)
    return covered


@pytest.mark.parametrize(
    ("horizon", "market_cut", "need_cut"),
    [(0.0, 1.4, 1.4), (0.0, 1.5, 1.2), (0.0, 1.3, 1.3), (1.0, 1.9, 1.9)],
)
def test_no_marker_covers_a_quadrants_word_where_a_cut_crowds_it(
    services, horizon, market_cut, need_cut
):
    # At cuts 1,4 / 1,4 the 27 services weak on both used to fill their quadrant down over
    # "Elimineer" and its question; the window now widens a little instead.
    settings = Settings(horizon=horizon, market_cut=market_cut, need_cut=need_cut)
    chart, _ = build_for(services, settings)(round(horizon * 100))
    assert words_covered(markers(plain(chart)), market_cut, need_cut) == []


def test_the_window_widens_only_where_a_cut_crowds_a_quadrant(services):
    def window(horizon, market_cut, need_cut):
        settings = Settings(horizon=horizon, market_cut=market_cut, need_cut=need_cut)
        return live.window_of(plain(build_for(services, settings)(round(horizon * 100))[0]))

    usual = (theme.X_DOMAIN, theme.Y_DOMAIN)
    assert window(0.0, 1.5, 1.5) == usual
    assert window(1.0, 1.5, 1.5) == usual
    # 27 services weak on both at 0 %, cuts 1,3: the window grows below 1, nowhere else.
    (x_low, x_high), (y_low, y_high) = window(0.0, 1.3, 1.3)
    assert (x_low < theme.X_DOMAIN[0] or y_low < theme.Y_DOMAIN[0]) and (x_high, y_high) == (
        theme.X_DOMAIN[1],
        theme.Y_DOMAIN[1],
    )
    # 18 services strong on both at 100 %, cuts 1,9: it grows above 2, nowhere else.
    (x_low, x_high), (y_low, y_high) = window(1.0, 1.9, 1.9)
    assert (x_high > theme.X_DOMAIN[1] or y_high > theme.Y_DOMAIN[1]) and (x_low, y_low) == (
        theme.X_DOMAIN[0],
        theme.Y_DOMAIN[0],
    )


def test_the_live_chart_keeps_one_window_while_the_horizon_moves(live_at):
    # At cuts 1,9 / 1,9 the steps near 100 % need a wider window than those near 0 %; the live
    # chart draws every step in the widest, so nothing zooms while the horizon is dragged.
    spec = live_at(1.9, 1.9)
    windows = {live.window_of(spec_at(spec, step)) for step in range(0, live.STEP_COUNT, 10)}
    assert len(windows) == 1
    (_, x_high), (_, y_high) = windows.pop()
    assert x_high > theme.X_DOMAIN[1] or y_high > theme.Y_DOMAIN[1]


def aria_labels(svg: str) -> list[str]:
    labels = re.findall(r'aria-label="([^"]+: [^"]+)"', svg)
    return sorted(label for label in labels if re.search(r"\([a-z]+\d+, ", label))


def expected_labels(services: pd.DataFrame, settings: Settings) -> list[str]:
    table = classify(
        services,
        horizon=settings.horizon,
        market_cut=settings.market_cut,
        need_cut=settings.need_cut,
        overrides=settings.overrides,
    )
    words = {"vermeerder": "Vermeerder", "creeer": "Creëer", "verminder": "Verminder"}
    domain = {"RUIMTE": "Ruimte", "MENS": "Mens", "BESTUUR": "Bestuur"}
    return sorted(
        f"{r.name} ({r.code}, {domain[r.domain]}): {words.get(r.quadrant, 'Elimineer')}"
        for r in table.itertuples(index=False)
    )


@pytest.mark.parametrize(
    ("horizon", "market_cut", "need_cut"),
    [(0.5, 1.5, 1.5), (0.37, 1.45, 1.6), (1.0, 1.0, 2.0), (0.0, 1.5, 1.15)],
)
def test_vega_places_every_service_where_classify_does(
    services, live_at, horizon, market_cut, need_cut
):
    # Built for cuts 1,5 / 1,5 at 30 %; drawn (by Vega itself) with the params elsewhere: the
    # browser's quadrant follows the params, not the rows it was built with.
    spec = live_at()
    settings = Settings(horizon=horizon, market_cut=market_cut, need_cut=need_cut)
    svg = export.svg(live.at_settings(spec, settings, INPUTS))
    assert aria_labels(svg) == expected_labels(services, settings)
    stamp = f"Tijdshorizon {round(horizon * 100)} % · grenzen"
    assert stamp in svg


def drawn_markers(svg: str) -> dict[str, str]:
    """Each service's marker as Vega drew it: its name and code → its place (transform)."""
    marks = {}
    for element in re.findall(r"<path [^>]*>", svg):
        label = re.search(r'aria-label="([^"]+?) \(([a-z]+\d+), ', element)
        place = re.search(r'transform="translate\(([^)]*)\)"', element)
        if label and place:
            marks[f"{label.group(1)} ({label.group(2)})"] = place.group(1)
    assert len(marks) >= 39, "not every service's marker is in the drawing"
    return marks


def ring_count(svg: str) -> int:
    group = re.search(r'class="mark-symbol role-mark moved_rings_marks"[^>]*>(.*?)</g>', svg, re.S)
    return group.group(1).count("<path") if group else 0


@pytest.mark.parametrize("step", [0, 1, 37, 64, 100])
def test_vega_draws_each_steps_marks_where_the_server_laid_them_out(services, live_at, step):
    # Built at 30 %; drawn by Vega itself with the horizon param at `step`: every marker stands
    # where the chart built for exactly that horizon puts it, with exactly its rings.
    settings = Settings(horizon=step / 100)
    live_svg = export.svg(live.at_settings(live_at(), settings, INPUTS))
    chart, _ = build_for(services, settings)(step)
    server_svg = export.svg(plain(chart))
    assert drawn_markers(live_svg) == drawn_markers(server_svg)
    assert ring_count(live_svg) == ring_count(server_svg)


def test_the_cut_lines_and_values_follow_the_params(live_at):
    settings = Settings(horizon=0.3, market_cut=1.35, need_cut=1.8)
    svg = export.svg(live.at_settings(live_at(), settings, INPUTS))
    assert ">1,35<" in svg and ">1,8<" in svg
    assert "grenzen 1,35 / 1,8" in svg


def test_params_start_at_the_settings_and_bind_to_the_controls_inputs(live_at):
    spec = live.at_settings(live_at(), Settings(horizon=0.42, market_cut=1.45), INPUTS)
    assert live.bound_values(spec) == {
        live.HORIZON_PARAM: 42,
        live.MARKET_PARAM: 145,
        live.NEED_PARAM: 150,
    }
    binds = {p["name"]: p.get("bind") for p in spec["params"]}
    assert binds[live.HORIZON_PARAM] == {"element": "#h"}
    assert binds[live.TRAILS_PARAM] == {"element": "#t"}


def test_no_nan_reaches_the_browser(live_at):
    # NaN in inline rows stops Vega from drawing the chart (issue 17's gotchas).
    text = json.dumps(live_at(), allow_nan=True)
    assert "NaN" not in text


def test_steps_that_differ_in_their_layers_are_refused(services):
    build = build_for(services, Settings())

    def odd(step: int):
        chart, table = build(step)
        spec = plain(chart)
        if step == 3:
            spec = {**spec, "layer": spec["layer"][:-1]}
        return spec, table

    with pytest.raises(live.LiveSpecError):
        live.live_spec(odd, Settings(), lang="nl", inputs=INPUTS, steps=5)
