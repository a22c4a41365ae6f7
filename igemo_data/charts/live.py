"""The live quadrant chart: one spec that holds the server's layout for every horizon step and
follows the sidebar's controls in the browser, without a round trip to Python.

Why: a key press that waits for Python is redrawn after ~90 ms at best (the floor of any
Streamlit round trip is ~30 ms); a Vega param bound to an input element redraws in ~5 ms and
glides while the slider is dragged (issue 17). Python stays the truth: every step's markers
and codes are the collision-free layout `quadrant_chart` computes for exactly that horizon
(design §6), and the value reaches Python on release to update counts, lists, URL and exports.

How: `quadrant_chart` is built at every whole percent of the horizon; the datasets that differ
between steps are joined, one row per mark holding the values that change as lists of each
step's value, and every layer that draws one picks the values of the step the horizon input
shows (`live_steps.packed`). The cut lines, the tints, the cut values,
the stamp and each service's quadrant (its aria-label, what screen readers and tests read)
follow the cut inputs by Vega expressions that copy `matrix.classify` exactly:
`(1 − t)·current + t·future` and "strong when ≥ cut − 1e-9" (other forms give other doubles).
While a cut is dragged the markers keep the layout of the last synced cuts; on release Python
sends the layouts for the new cuts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from igemo_data.charts.live_steps import packed, step_param, step_values, values_at
from igemo_data.charts.spec import as_spec, with_named_datasets
from igemo_data.charts.theme import Window
from igemo_data.matrix import CUT_TOLERANCE
from igemo_data.schema import QUADRANTS, SCORE_COLUMNS
from igemo_data.settings import Settings
from igemo_data.texts import quadrant_label, t

STEP_COUNT = 101  # every whole percent from now (0) to the future (100)
# The params the chart's expressions read; each is bound to an input element outside the chart.
HORIZON_PARAM = "sk_horizon"  # percent, 0–100
MARKET_PARAM = "sk_market_cut"  # hundredths, 100–200: 145 is the cut 1,45
NEED_PARAM = "sk_need_cut"
TRAILS_PARAM = "sk_trails"
# What the browser's quadrant needs on each point besides what `quadrant_chart` puts there.
SCORE_FIELDS = (*SCORE_COLUMNS, "what_if_market", "what_if_need")
TRAIL_OPACITY = 0.45


class LiveSpecError(ValueError):
    """The steps' charts differ in more than their rows: no one spec can draw them all."""


@dataclass(frozen=True)
class LiveInputs:
    """CSS selectors of the input elements the chart's params are bound to (`ui.compat`)."""

    horizon: str
    market_cut: str
    need_cut: str
    trails: str = ""  # a hidden input holding "1" while the horizon plays: trails are drawn


def cut_hundredths(cut: float) -> int:
    """A cut as its input element holds it: 1.45 → 145 (the cut step is 0,05)."""
    return round(float(cut) * 100)


def step_of(horizon: float) -> int:
    """The horizon's whole percent: the step whose layout is on screen."""
    return round(float(horizon) * 100)


def live_spec(
    build: Callable[..., tuple[object, pd.DataFrame]],
    settings: Settings,
    *,
    lang: str,
    inputs: LiveInputs,
    steps: int = STEP_COUNT,
) -> dict:
    """One spec drawing `build(k)`'s chart at horizon step k (k % of the way to the future).

    `build(k, window=None)` returns the quadrant chart at k % and the classified table it was
    drawn from (for each service's four scores); `window` is `quadrant_chart`'s. Where a cut
    leaves a quadrant too small at some steps, those steps' charts widen their window; every
    step is then built again in the widest, so the chart does not zoom while the horizon moves.
    Raises `LiveSpecError` when the steps' charts differ in their layers (the caller then draws
    the chart of `settings` alone).
    """

    def built(k: int, window: Window | None) -> tuple[dict, pd.DataFrame]:
        chart, table = build(k) if window is None else build(k, window=window)
        return with_named_datasets(as_spec(chart)), table

    # Every tenth step first: where a cut crowds a quadrant, they show how wide the window
    # must be, and the 101 steps are then built once, not twice (3.2 s → 1.6 s at cuts
    # 1,9 / 1,9; a step between that needs more still makes a second pass).
    probes = sorted({*range(0, steps, 10), steps - 1})
    window = None
    for _ in range(3):  # a wider window can crowd another quadrant: probe again in it
        windows = {window_of(built(k, window)[0]) for k in probes}
        if len(windows) == 1:
            break
        window = _widest(windows if window is None else {*windows, window})
    for _ in range(3):
        specs, tables = zip(*(built(k, window) for k in range(steps)), strict=True)
        windows = {window_of(spec) for spec in specs}
        if len(windows) == 1:
            return stitch(specs, tables, settings, lang=lang, inputs=inputs)
        window = _widest(windows)
    raise LiveSpecError("the steps' charts keep other windows")


def _widest(windows: set[Window | None]) -> Window:
    """The window holding each of `windows` (None: a spec without one, which never happens
    for a quadrant chart)."""
    known = [w for w in windows if w is not None]
    return (
        (min(w[0][0] for w in known), max(w[0][1] for w in known)),
        (min(w[1][0] for w in known), max(w[1][1] for w in known)),
    )


def window_of(spec: Mapping) -> Window | None:
    """The scores a quadrant chart's spec plots: ((market from, to), (need from, to))."""
    found = {}
    for layer in spec.get("layer", []):
        for channel in ("x", "y"):
            domain = (((layer.get("encoding") or {}).get(channel) or {}).get("scale") or {}).get(
                "domain"
            )
            if channel not in found and isinstance(domain, list) and len(domain) == 2:
                found[channel] = (float(domain[0]), float(domain[1]))
    if len(found) < 2:
        return None
    return found["x"], found["y"]


def stitch(
    specs: Sequence[dict],
    tables: Sequence[pd.DataFrame],
    settings: Settings,
    *,
    lang: str,
    inputs: LiveInputs,
) -> dict:
    """The specs of every step as one, filtered by the horizon param (see module docstring)."""
    current = specs[min(step_of(settings.horizon), len(specs) - 1)]
    shape = [_data_name(layer) for layer in specs[0]["layer"]]
    if any([_data_name(layer) for layer in spec["layer"]] != shape for spec in specs):
        raise LiveSpecError("the steps' charts have other layers")
    result = {key: value for key, value in current.items() if key not in ("layer", "datasets")}
    specs = _one_field_per_channel(specs)
    step_of_spec = min(step_of(settings.horizon), len(specs) - 1)
    current = specs[step_of_spec]
    datasets, picks, packed = _joined_datasets(specs, step_of_spec)
    _add_scores(datasets, tables, settings)
    layers = []
    for index, layer in enumerate(current["layer"]):
        versions = [spec["layer"][index] for spec in specs]
        layer = _one_layer(versions)
        name = (layer.get("data") or {}).get("name")
        transforms = [*picks.get(name, []), *_following_the_cuts(name, lang)]
        if transforms:
            layer = {**layer, "transform": [*transforms, *layer.get("transform", [])]}
        if name == "points" and name in picks and inputs.trails:
            layers.append(_trail_layer(picks[name]))
        layers.append(layer)
    result["layer"] = layers
    result["datasets"] = datasets
    result["params"] = [*_bound_params(settings, inputs), *packed, *current.get("params", [])]
    return result


def _data_name(layer: dict) -> str | None:
    return (layer.get("data") or {}).get("name")


# --- Steps -------------------------------------------------------------------------------

# Derived params, computed once per input event (not once per row: Streamlit runs Vega's
# expressions through its interpreter, and the step filter meets ~9,000 rows per step). They
# follow the bound params they read (Vega-Lite params with `expr` update with them).
STEP_PARAM = "sk_step"
_DERIVED = (
    (STEP_PARAM, f"clamp(round(toNumber({HORIZON_PARAM})), 0, {STEP_COUNT - 1})"),
    ("sk_t", f"{STEP_PARAM} / 100"),
    ("sk_mcut", f"toNumber({MARKET_PARAM}) / 100"),
    ("sk_ncut", f"toNumber({NEED_PARAM}) / 100"),
)
_STEP = STEP_PARAM
_HORIZON = "sk_t"
_MARKET_CUT = "sk_mcut"
_NEED_CUT = "sk_ncut"


def _one_field_per_channel(specs: Sequence[dict]) -> list[dict]:
    """Where a layer reads a channel from another field at some steps (a werkdomein's codes
    read `label`, "code name", where there is room, else `code`), each step's rows get that
    step's value under one field, `_live_<channel>`, and every step's layer reads that."""
    specs = [
        {**spec, "layer": list(spec["layer"]), "datasets": dict(spec["datasets"])} for spec in specs
    ]
    for index, layer in enumerate(specs[0]["layer"]):
        name = _data_name(layer)
        for channel, encoding in (layer.get("encoding") or {}).items():
            fields = [
                (spec["layer"][index].get("encoding") or {}).get(channel, {}) for spec in specs
            ]
            named = [f.get("field") if isinstance(f, dict) else None for f in fields]
            if name is None or len(set(named)) < 2 or None in named:
                continue
            others = [{k: v for k, v in f.items() if k != "field"} for f in fields]
            if any(other != others[0] for other in others):
                continue  # more than the field differs: `_one_layer` refuses it
            column = f"_live_{channel}"
            for spec, field in zip(specs, named, strict=True):
                rows = spec["datasets"][name]
                spec["datasets"][name] = [{**row, column: row.get(field)} for row in rows]
                step_layer = spec["layer"][index]
                spec["layer"][index] = {
                    **step_layer,
                    "encoding": {**step_layer["encoding"], channel: {**encoding, "field": column}},
                }
    return specs


def _joined_datasets(
    specs: Sequence[dict], current: int
) -> tuple[dict[str, list], dict[str, list[dict]], list[dict]]:
    """Each dataset once; for each one that differs between steps, the transforms that pick a
    step's values and the param that holds them (`live_steps.packed`)."""
    datasets: dict[str, list] = {}
    picks: dict[str, list[dict]] = {}
    params: list[dict] = []
    names = list(specs[0].get("datasets", {}))
    for spec in specs[1:]:
        if list(spec.get("datasets", {})) != names:
            raise LiveSpecError("the steps' charts name other datasets")
    for name in names:
        versions = [spec["datasets"][name] for spec in specs]
        if all(rows == versions[0] for rows in versions[1:]):
            datasets[name] = versions[0]
            continue
        param = step_param(name)
        if any(p["name"] == param for p in params):
            raise LiveSpecError(f"two datasets would share the param {param}")
        datasets[name], picks[name], values = packed(versions, current, param, _STEP)
        params.append({"name": param, "value": values})
    return datasets, picks, params


def _one_layer(versions: Sequence[dict]) -> dict:
    """The layer of every step as one: a mark property that differs between steps (a code's
    font size where a cut crowds a quadrant) becomes an expression of the step."""
    first = versions[0]
    if all(version == first for version in versions[1:]):
        return first
    for version in versions[1:]:
        if {k: v for k, v in version.items() if k != "mark"} != {
            k: v for k, v in first.items() if k != "mark"
        }:
            raise LiveSpecError("the steps' charts encode a layer differently")
    marks = [version["mark"] for version in versions]
    if any(set(mark) != set(marks[0]) for mark in marks):
        raise LiveSpecError("the steps' charts have other mark properties")
    mark = dict(marks[0])
    for key in mark:
        values = [m[key] for m in marks]
        if any(value != values[0] for value in values):
            if not all(isinstance(v, int | float | str) for v in values):
                raise LiveSpecError(f"mark property {key} varies in a way no expression holds")
            mark[key] = {"expr": f"{json.dumps(values)}[{_STEP}]"}
    return {**first, "mark": mark}


def _add_scores(datasets: dict[str, list], tables: Sequence[pd.DataFrame], settings) -> None:
    """Each service's four scores and what-ifs on its point, for the browser's quadrant."""
    if "points" not in datasets:
        return
    what_ifs = settings.overrides
    scores = {}
    for row in tables[0].itertuples(index=False):
        values = {column: float(getattr(row, column)) for column in SCORE_COLUMNS}
        entry = what_ifs.get(row.id, {})
        # None, not NaN: NaN in a chart's inline rows stops Vega from drawing it.
        values["what_if_market"] = _number_or_none(entry.get("market"))
        values["what_if_need"] = _number_or_none(entry.get("need"))
        scores[str(row.id)] = values
    for row in datasets["points"]:
        row.update(scores[row["id"]])


def _number_or_none(value: object) -> float | None:
    return None if value is None else float(value)


def _trail_layer(picks: list[dict]) -> dict:
    """Once the horizon plays: a faint dotted line from where each service stood at 0 %."""
    # From where each service stood at 0 % straight to where it stands now: the steps between
    # would draw the cell-to-cell hops of the spread, a tangle on a projector.
    at = {pick["as"]: pick["calculate"] for pick in picks if "as" in pick}
    start = [
        {
            "calculate": at[axis].replace(f"[{_STEP}]", "[0]") if axis in at else f"datum.{axis}",
            "as": f"{axis}_start",
        }
        for axis in ("x", "y")
    ]
    return {
        "data": {"name": "points"},
        "transform": [{"filter": f"{TRAILS_PARAM} == '1'"}, *start, *picks],
        "mark": {
            "type": "rule",
            "color": "#1F1F1F",
            "opacity": TRAIL_OPACITY,
            "strokeWidth": 2.5,
            "strokeDash": [2, 5],
            "strokeCap": "round",
            "aria": False,
        },
        "encoding": {
            "x": {"field": "x_start", "type": "quantitative"},
            "y": {"field": "y_start", "type": "quantitative"},
            "x2": {"field": "x"},
            "y2": {"field": "y"},
        },
    }


def _bound_params(settings: Settings, inputs: LiveInputs) -> list[dict]:
    """The params, each bound to its input element; `value` is the last synced setting
    (a view built before its element exists shows that)."""
    trails = [{"name": TRAILS_PARAM, "value": "0", "bind": {"element": inputs.trails}}]
    return [
        *(trails if inputs.trails else []),
        {
            "name": HORIZON_PARAM,
            "value": step_of(settings.horizon),
            "bind": {"element": inputs.horizon},
        },
        {
            "name": MARKET_PARAM,
            "value": cut_hundredths(settings.market_cut),
            "bind": {"element": inputs.market_cut},
        },
        {
            "name": NEED_PARAM,
            "value": cut_hundredths(settings.need_cut),
            "bind": {"element": inputs.need_cut},
        },
        *({"name": name, "expr": expr} for name, expr in _DERIVED),
    ]


# --- What follows the cuts in the browser ------------------------------------------------


def _quote(text: str) -> str:
    """A text as a string literal of Vega's expression language (JSON's quoting is valid)."""
    return json.dumps(text, ensure_ascii=False)


def _number(expr: str, lang: str) -> str:
    """`texts.decimal(value, lang, trim=True)` as an expression: 1,5 · 1,45 · 1 in Dutch."""
    formatted = f"format({expr}, '.2~f')"
    mark = t("decimal_mark", lang)
    return f"replace({formatted}, '.', {_quote(mark)})" if mark != "." else formatted


def quadrant_expr(market: str, need: str) -> str:
    """The quadrant key of design §3 for two expressions, by `classify`'s rule and tolerance."""
    strong_market = f"({market} >= {_MARKET_CUT} - {CUT_TOLERANCE!r})"
    strong_need = f"({need} >= {_NEED_CUT} - {CUT_TOLERANCE!r})"
    keys = {
        (m, n): q
        for q, m, n in (
            ("vermeerder", True, True),
            ("creeer", False, True),
            ("verminder", True, False),
            ("elimineer", False, False),
        )
    }
    assert set(keys.values()) == set(QUADRANTS)
    return (
        f"{strong_market} ? ({strong_need} ? {_quote(keys[True, True])} : "
        f"{_quote(keys[True, False])}) : ({strong_need} ? {_quote(keys[False, True])} : "
        f"{_quote(keys[False, False])})"
    )


def position_expr(axis: str) -> str:
    """A service's market or need at the horizon shown: its what-if, else `classify`'s blend."""
    now, then = {"market": ("market_current", "market_potential")}.get(
        axis, ("need_current", "need_future")
    )
    blend = f"(1 - {_HORIZON}) * datum.{now} + {_HORIZON} * datum.{then}"
    return f"(isValid(datum.what_if_{axis}) ? datum.what_if_{axis} : {blend})"


def _label_expr(field: str, lang: str) -> str:
    labels = {q: quadrant_label(q, lang) for q in QUADRANTS}
    expr = _quote(labels[QUADRANTS[-1]])
    for key in QUADRANTS[:-1]:
        expr = f"datum.{field} === {_quote(key)} ? {_quote(labels[key])} : ({expr})"
    return expr


def _following_the_cuts(name: str | None, lang: str) -> list[dict]:
    """Calculate transforms that move a backdrop layer's rows with the cut inputs.

    Keyed by the dataset names `charts.backdrop` and `charts.quadrant` give their layers.
    """
    market, need = _MARKET_CUT, _NEED_CUT
    if name == "quadrants":
        return [
            {"calculate": f"datum.right ? {market} : datum.x", "as": "x"},
            {"calculate": f"datum.right ? datum.x2 : {market}", "as": "x2"},
            {"calculate": f"datum.top ? {need} : datum.y", "as": "y"},
            {"calculate": f"datum.top ? datum.y2 : {need}", "as": "y2"},
        ]
    if name == "cut_market":
        return [{"calculate": market, "as": "x"}]
    if name == "cut_need":
        return [{"calculate": need, "as": "y"}]
    if name and name.startswith("cut_label_market"):
        return [
            {"calculate": market, "as": "x"},
            {"calculate": _number(market, lang), "as": "text"},
        ]
    if name and name.startswith("cut_label_need"):
        return [
            {"calculate": need, "as": "y"},
            {"calculate": _number(need, lang), "as": "text"},
        ]
    if name == "stamp":
        stamp = t("chart_stamp", lang, percent="{p}", market="{m}", need="{n}")
        expr = _quote(stamp)
        for hole, value in (
            ("{p}", f"{_STEP} + ''"),
            ("{m}", _number(market, lang)),
            ("{n}", _number(need, lang)),
        ):
            expr = f"replace({expr}, {_quote(hole)}, {value})"
        return [{"calculate": expr, "as": "text"}]
    if name == "points":
        return [
            {"calculate": position_expr("market"), "as": "live_market"},
            {"calculate": position_expr("need"), "as": "live_need"},
            {"calculate": quadrant_expr("datum.live_market", "datum.live_need"), "as": "quadrant"},
            {"calculate": _label_expr("quadrant", lang), "as": "quadrant_label"},
            {
                "calculate": "datum.name + ' (' + datum.code + ', ' + datum.domain_label + '): '"
                " + datum.quadrant_label",
                "as": "description",
            },
        ]
    return []


def bound_values(spec: Mapping) -> dict[str, object]:
    """The start values of the three bound params of a live spec (for tests and the bench)."""
    names = (HORIZON_PARAM, MARKET_PARAM, NEED_PARAM)
    return {p["name"]: p.get("value") for p in spec.get("params", []) if p.get("name") in names}


def at_settings(spec: Mapping, settings: Settings, inputs: LiveInputs) -> dict:
    """A live spec whose bound params start at `settings`, its packed rows holding that step's
    values (what AppTest and a download read); the steps' values are shared, not copied."""
    bound = {p["name"]: p for p in _bound_params(settings, inputs)}
    params = [bound.get(p.get("name"), p) for p in spec.get("params", [])]
    step = step_of(settings.horizon)
    packed = step_values(spec)
    datasets = {
        name: values_at(rows, packed[name], step) if name in packed else rows
        for name, rows in spec.get("datasets", {}).items()
    }
    return {**spec, "params": params, "datasets": datasets}
