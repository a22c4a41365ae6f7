"""Vega-Lite building blocks of the quadrant charts: encodings, axes, titles and thin layers.

The chart is rebuilt on every rerun of the page (a slider press), so it is written directly as
Vega-Lite JSON pieces wrapped in Altair objects, not through Altair's shorthand: an
`encode(x="x:Q")` makes Altair hash every schema class on each call (vega/altair#3547, about
4 ms per call), and DataFrames are re-sanitised column by column in `to_dict`. Every layer
carries its rows inline under a fixed name, so `to_dict` neither converts nor hashes data and
the spec stays the same size; pages hand `chart.to_dict(validate=False)` to Streamlit.
"""

from __future__ import annotations

import hashlib
import json
from typing import Final

import altair as alt

from igemo_data.charts.theme import (
    AXIS_LABEL_FONT_SIZE,
    AXIS_TITLE_FONT_SIZE,
    INK,
    SUBTITLE_FONT_SIZE,
    TITLE_FONT_SIZE,
    PlotFrame,
)
from igemo_data.texts import t


def _number_expr(lang: str) -> str:
    formatted = "format(datum.value, '.2~f')"
    return f"replace({formatted}, '.', ',')" if lang == "nl" else formatted


def _score_scale(domain: tuple[float, float]) -> dict:
    return {"domain": list(domain), "nice": False, "zero": False, "clamp": False}


def ticks(cut: float) -> list[float]:
    """The score axis' ticks: 1 (weak), the cut and 2 (strong). A fixed tick at 1,5 read as the
    border after the cut had moved to 1,3; a cut within 0,1 of an end gets no tick of its own
    (its label would run into that end's)."""
    values = [1.0, 2.0]
    if 1.1 <= cut <= 1.9:
        values.insert(1, round(float(cut), 4))
    return values


def _axis(title: str, label_expr: str, title_padding: float, cut: float) -> dict:
    return {
        "title": title,
        "values": ticks(cut),
        "labelExpr": label_expr,
        "labelFontSize": AXIS_LABEL_FONT_SIZE,
        "titleFontSize": AXIS_TITLE_FONT_SIZE,
        "titleFontWeight": "bold",
        "titlePadding": title_padding,
        "labelColor": INK,
        "titleColor": INK,
        "tickSize": 8,
        "grid": False,
        "domain": False,
        "labelFlush": False,
    }


def _x_encoding(lang: str, frame: PlotFrame, cut: float = 1.5) -> dict:
    weak, strong = t("axis_weak", lang), t("axis_strong", lang)
    number = _number_expr(lang)
    # Two-line labels: the value, and under 1 and 2 what it means.
    label = f"[{number}, datum.value == 1 ? '{weak}' : datum.value == 2 ? '{strong}' : '']"
    return {
        "field": "x",
        "type": "quantitative",
        "scale": _score_scale(frame.x_domain),
        "axis": _axis(t("axis_market", lang), label, 10, cut),
    }


def _y_encoding(lang: str, frame: PlotFrame, cut: float = 1.5) -> dict:
    weak, strong = t("axis_weak", lang), t("axis_strong", lang)
    number = _number_expr(lang)
    label = f"(datum.value == 1 ? '{weak}  ' : datum.value == 2 ? '{strong}  ' : '') + {number}"
    return {
        "field": "y",
        "type": "quantitative",
        "scale": _score_scale(frame.y_domain),
        "axis": _axis(t("axis_need", lang), label, 12, cut),
    }


_X: Final = {"field": "x", "type": "quantitative"}
_Y: Final = {"field": "y", "type": "quantitative"}


def _field(name: str, kind: str = "nominal", **extra) -> dict:
    return {"field": name, "type": kind, **extra}


class _InlineRows(alt.InlineData):
    """A layer's rows, plain JSON already, carried through Altair as they are.

    Altair deep-copies every layer whenever charts are combined (several times per chart) and
    walks every value on `to_dict`, with a slow protocol check per value: about 5 ms per
    thousand values, for rows that need neither. This node is shared instead of copied (the
    rows never change once the chart is built) and hands over a copy of each row.

    A name keeps the rows inline in their layer rather than hoisted to the top-level
    `datasets`, which Streamlit would convert to Arrow one dataset at a time (about 4 ms for
    the services). The name ends in a digest of the rows: layers drawing the same rows share
    it, and two charts put side by side in one spec (the comparison PDF) never clash.
    """

    _class_is_valid_at_instantiation = False  # the whole spec is validated by `to_dict`

    def __init__(self, base: str | None = None, rows: list[dict] | None = None, **kwds) -> None:
        if base is not None:  # else a copy, from `name` and `values`
            text = json.dumps(rows, separators=(",", ":"), allow_nan=False)
            digest = hashlib.blake2b(text.encode(), digest_size=6).hexdigest()
            kwds = {"name": f"{base}_{digest}", "values": rows}
        super().__init__(**kwds)

    def __deepcopy__(self, memo=None) -> _InlineRows:
        return self

    def to_dict(self, validate: bool = True, **_: object) -> dict:
        return {"name": self._kwds["name"], "values": [dict(row) for row in self._kwds["values"]]}


class _Encoding(alt.FacetedEncoding):
    """A layer's encoding, plain JSON already: shared instead of copied, and handed over as a
    copy in one go instead of value by value (see `_InlineRows`)."""

    _class_is_valid_at_instantiation = False

    def __deepcopy__(self, memo=None) -> _Encoding:
        return self

    def to_dict(self, validate: bool = True, **_: object) -> dict:
        channels = {key: value for key, value in self._kwds.items() if value is not alt.Undefined}
        return json.loads(json.dumps(channels))


class _Selection(alt.TopLevelSelectionParameter):
    """The click selection. Altair copies a chart's parameters and reads each back with a
    validating `to_dict` every time charts are combined (about 1 ms each); the whole spec is
    validated once by the chart's own `to_dict`, so not here as well."""

    _class_is_valid_at_instantiation = False

    def to_dict(self, validate: bool = True, **kwargs: object) -> dict:
        return super().to_dict(validate=False, **kwargs)


def _layer(
    data: _InlineRows | tuple[str, list[dict]], mark: dict, encoding: dict, **props
) -> alt.Chart:
    """One layer drawing `data` (or rows, inline, named after the given name) with a Vega-Lite
    mark and encoding. Layers drawing the same rows share one `_InlineRows`."""
    if not isinstance(data, _InlineRows):
        data = _InlineRows(*data)
    return alt.Chart(
        data=data,
        mark=mark,
        encoding=_Encoding(**encoding),
        **props,
    )


_TOOLTIP_FIELDS: Final = (
    ("name", "field_name"),
    ("code", "field_code"),
    ("domain_label", "field_domain"),
    ("cluster", "field_cluster"),
    ("market_current_text", "field_market_current"),
    ("market_potential_text", "field_market_potential"),
    ("need_current_text", "field_need_current"),
    ("need_future_text", "field_need_future"),
    ("market_text", "field_market"),
    ("need_text", "field_need"),
    ("quadrant_label", "field_quadrant"),
    ("decision_label", "field_plan_decision"),
)


def _tooltip(lang: str) -> list[dict]:
    return [_field(field, title=t(key, lang)) for field, key in _TOOLTIP_FIELDS]


def _arrow_tooltip(lang: str) -> list[dict]:
    return [
        _field("name", title=t("field_name", lang)),
        _field("code", title=t("field_code", lang)),
        _field("from_label", title=t("field_from", lang)),
        _field("to_label", title=t("field_to", lang)),
    ]


def _title(title: str | None, subtitle: str | None) -> dict:
    if not title:
        return {}
    spec = {
        "text": title,
        "fontSize": TITLE_FONT_SIZE,
        "anchor": "start",
        "color": INK,
        "offset": 14,
    }
    if subtitle:
        spec |= {
            "subtitle": subtitle,
            "subtitleFontSize": SUBTITLE_FONT_SIZE,
            "subtitleColor": "#444444",
        }
    return {"title": spec}
