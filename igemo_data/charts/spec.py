"""Vega-Lite specs from charts, and their data moved to named top-level datasets."""

from __future__ import annotations

import re

import altair as alt


def as_spec(chart: alt.TopLevelMixin | dict) -> dict:
    """A Vega-Lite spec from a chart or a spec, without re-validating its schema."""
    return chart if isinstance(chart, dict) else chart.to_dict(validate=False)


def with_named_datasets(spec: dict) -> dict:
    """The spec with each layer's inline rows moved to top-level datasets under stable names.

    Streamlit sends datasets as Arrow and, when nothing but the datasets changed, the browser
    swaps the rows in the drawn chart instead of building it anew: a slider move then costs a
    data update, not a redraw. The names drop the content hash, so they stay the same.
    """
    result = dict(spec)
    datasets: dict[str, list] = dict(result.get("datasets", {}))
    layers = []
    for layer in result.get("layer", []):
        data = layer.get("data") if isinstance(layer, dict) else None
        if isinstance(data, dict) and "values" in data and "name" in data:
            stable = re.sub(r"_[0-9a-f]{12}$", "", data["name"])
            name = stable
            number = 1
            while name in datasets and datasets[name] is not data["values"]:
                number += 1
                name = f"{stable}_{number}"
            datasets[name] = data["values"]
            layer = {**layer, "data": {"name": name}}
        layers.append(layer)
    if datasets:
        result["layer"] = layers
        result["datasets"] = datasets
    return result
