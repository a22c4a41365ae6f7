"""Portfolios too large to label: small unlabelled dots, and the search box's rings to find one."""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

import altair as alt
import pandas as pd

from igemo_data.charts.backdrop import _domain_encodings, _static_layers
from igemo_data.charts.layout import dense_positions
from igemo_data.charts.marks import _X, _Y, _title
from igemo_data.charts.quadrant import _found_layers, quadrant_chart
from igemo_data.charts.theme import HEIGHT, WIDTH, PlotFrame
from igemo_data.schema import (
    DOMAINS,
    QUADRANTS,
)
from igemo_data.settings import Settings
from igemo_data.texts import DEFAULT_LANGUAGE, domain_label, quadrant_label, t

# Above this many services the spread cannot give each its own cell at projector size: the
# chart draws small unlabelled dots instead, and the search box finds a service by name.
DENSE_FROM: Final = 200
DENSE_SIZE: Final = 36


def dense_parts(
    table: pd.DataFrame,
    settings: Settings,
    *,
    lang: str = DEFAULT_LANGUAGE,
    width: int = WIDTH,
    height: int = HEIGHT,
    highlight: Collection[str] = (),
    title: str | None = None,
    subtitle: str | None = None,
) -> tuple[dict, pd.DataFrame]:
    """The dense chart as a spec whose dots layer takes the top-level data, and that data.

    The page hands the frame to Streamlit, which sends it as Arrow: encoding 10,000 dots as
    JSON on every slider move took longer than drawing them.
    """
    frame = PlotFrame(width=width, height=height)
    placed = dense_positions(table, settings)
    layers, _ = _static_layers(float(settings.market_cut), float(settings.need_cut), lang, frame)
    quadrant_names = {q: quadrant_label(q, lang) for q in QUADRANTS}
    dots = pd.DataFrame(
        {
            "x": placed["x"].round(4),
            "y": placed["y"].round(4),
            "id": placed["id"].astype(str),
            "code": placed["code"].astype(str),
            "name": placed["name"].astype(str),
            "domain_label": placed["domain"].map({d: domain_label(d, lang) for d in DOMAINS}),
            "quadrant_label": placed["quadrant"].map(quadrant_names),
        }
    )
    color, _ = _domain_encodings(placed["domain"], lang)
    dots_layer = {
        "mark": {"type": "circle", "size": DENSE_SIZE, "opacity": 0.55},
        "encoding": {
            "x": _X,
            "y": _Y,
            "color": color,
            "tooltip": [
                {"field": "name", "type": "nominal", "title": t("field_name", lang)},
                {"field": "code", "type": "nominal", "title": t("field_code", lang)},
                {"field": "quadrant_label", "type": "nominal", "title": t("field_quadrant", lang)},
            ],
        },
    }
    found = dots[dots["id"].isin(set(highlight))]
    layers.extend(_found_layers(found.to_dict("records")))
    spec = alt.LayerChart(
        layer=layers,
        width=width,
        height=height,
        usermeta={"embedOptions": {"renderer": "canvas"}},
        **_title(title, subtitle),
    ).to_dict(validate=False)
    # The dots go under the found rings: after the static layers, before the rings.
    spec["layer"].insert(len(spec["layer"]) - (2 if len(found) else 0), dots_layer)
    return spec, dots


def dense_quadrant_chart(table: pd.DataFrame, settings: Settings, **options) -> dict:
    """`dense_parts` with the dots inline: a self-contained spec for files (vl-convert)."""
    spec, dots = dense_parts(table, settings, **options)
    spec["data"] = {"values": dots.to_dict("records")}
    return spec


def portfolio_chart(table: pd.DataFrame, settings: Settings, **options) -> alt.LayerChart | dict:
    """`quadrant_chart`, or `dense_quadrant_chart`'s spec for a portfolio too large to label."""
    if len(table) >= DENSE_FROM:
        # Ghosts, arrows and clicks need a labelled place per service; dots have none.
        kept = ("lang", "width", "height", "highlight", "title", "subtitle")
        return dense_quadrant_chart(
            table, settings, **{k: v for k, v in options.items() if k in kept}
        )
    return quadrant_chart(table, settings, **options)
