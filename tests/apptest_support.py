"""Reading what AppTest rendered (the data behind a Vega-Lite chart, the live control) and
setting the live settings through their public seam (session-state keys, issue 17)."""

from __future__ import annotations

import json
import re

import pandas as pd
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from igemo_data.charts import live_steps


def chart_points(at: AppTest, index: int = 0) -> pd.DataFrame:
    """The rows the quadrant chart draws as services: the dataset that carries `quadrant`.

    A live chart's rows hold every horizon step's values (`charts.live`): they are read at the
    step its control shows, as the browser draws them."""
    chart = at.get("vega_lite_chart")[index]
    spec = json.loads(chart.proto.spec)
    named = [(d.name, convert_arrow_bytes_to_pandas_df(d.data.data)) for d in chart.proto.datasets]
    named.extend((name, pd.DataFrame(rows)) for name, rows in spec.get("datasets", {}).items())
    if "data" in spec and "values" in spec["data"]:
        named.append(("", pd.DataFrame(spec["data"]["values"])))
    for layer in spec.get("layer", []):
        values = (layer.get("data") or {}).get("values")
        if values:
            named.append(("", pd.DataFrame(values)))
    with_quadrant = [
        (name, f)
        for name, f in named
        if {"id", "quadrant", "description"} <= set(f.columns) and len(f)
    ]
    assert with_quadrant, "the chart carries no service points"
    name, points = max(with_quadrant, key=lambda pair: len(pair[1]))
    if name and live_steps.step_param(name) in {p.get("name") for p in spec.get("params", [])}:
        step = live_control(at)["values"]["horizon"]
        points = pd.DataFrame(live_steps.rows_at(spec, name, points.to_dict("records"), step))
    return points.drop_duplicates("id").set_index("id")


# --- The live control (issue 17) --------------------------------------------------------
LIVE_SETTINGS = ("horizon", "market_cut", "need_cut")


def set_setting(at: AppTest, key: str, value: float) -> AppTest:
    """Set the horizon (percent) or a cut through the public seam, and run, as a slider move."""
    assert key in LIVE_SETTINGS, key
    at.session_state[key] = value
    return at.run()


def live_control(at: AppTest) -> dict:
    """The data the sidebar's live control was drawn with: values, labels, seen."""
    found = at.get("bidi_component")
    assert len(found) == 1, f"one live control expected, found {len(found)}"
    return json.loads(found[0].proto.json)


def shown_setting(at: AppTest, key: str) -> float:
    """What the live control shows for a setting: the horizon in percent, a cut as a number."""
    value = live_control(at)["values"][key]
    return value if key == "horizon" else value / 100


_COUNT_CELL = re.compile(r'aria-label="([^"]+): (\d+)" data-quadrant="(\w+)"')


def count_cells(html: str) -> list[tuple[str, str, int]]:
    """(quadrant key, label, count) of each cell of the counts grid, in the order drawn."""
    return [(key, label, int(number)) for label, number, key in _COUNT_CELL.findall(html)]
