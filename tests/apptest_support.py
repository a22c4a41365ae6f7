"""Reading what AppTest rendered: the data behind a Vega-Lite chart."""

from __future__ import annotations

import json
import re

import pandas as pd
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest


def chart_points(at: AppTest, index: int = 0) -> pd.DataFrame:
    """The rows the quadrant chart draws as services: the dataset that carries `quadrant`."""
    chart = at.get("vega_lite_chart")[index]
    frames = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets]
    spec = json.loads(chart.proto.spec)
    if "data" in spec and "values" in spec["data"]:
        frames.append(pd.DataFrame(spec["data"]["values"]))
    for dataset in spec.get("datasets", {}).values():
        frames.append(pd.DataFrame(dataset))
    for layer in spec.get("layer", []):
        values = (layer.get("data") or {}).get("values")
        if values:
            frames.append(pd.DataFrame(values))
    with_quadrant = [
        f for f in frames if {"id", "quadrant", "description"} <= set(f.columns) and len(f)
    ]
    assert with_quadrant, "the chart carries no service points"
    points = max(with_quadrant, key=len)
    return points.drop_duplicates("id").set_index("id")


_COUNT_CELL = re.compile(r'aria-label="([^"]+): (\d+)" data-quadrant="(\w+)"')


def count_cells(html: str) -> list[tuple[str, str, int]]:
    """(quadrant key, label, count) of each cell of the counts grid, in the order drawn."""
    return [(key, label, int(number)) for label, number, key in _COUNT_CELL.findall(html)]
