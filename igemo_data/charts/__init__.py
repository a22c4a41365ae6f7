"""The charts of the Strategiekaart, as Altair specs: data in, chart out, no Streamlit.

The only package that imports `altair` and `vl_convert`. Read it from the bottom up: `theme`
(palette, sizes, the pixel frame), `layout` (placing tied services, no Altair), `routing`
(arrow curves, no Altair), `marks` and `backdrop` (Vega-Lite pieces), then the charts:
`quadrant`, `dense`, `tables`, `strategy_map`; `spec` turns charts into specs and `export`
renders slides (PNG, SVG, PDF). Below are the names pages and the core use.
"""

from igemo_data.charts.dense import DENSE_FROM, dense_parts, portfolio_chart
from igemo_data.charts.layout import MOVE_COLUMNS, evolution_arrows
from igemo_data.charts.live import LiveInputs, LiveSpecError, live_spec
from igemo_data.charts.quadrant import quadrant_chart
from igemo_data.charts.spec import as_spec, with_named_datasets
from igemo_data.charts.tables import cluster_quadrant_chart, score_heatmap
from igemo_data.charts.theme import INK, ROOM_LABEL_FONT_SIZE, Window, quadrant_colors

__all__ = [
    "DENSE_FROM",
    "INK",
    "MOVE_COLUMNS",
    "ROOM_LABEL_FONT_SIZE",
    "LiveInputs",
    "LiveSpecError",
    "Window",
    "as_spec",
    "cluster_quadrant_chart",
    "dense_parts",
    "evolution_arrows",
    "live_spec",
    "portfolio_chart",
    "quadrant_chart",
    "quadrant_colors",
    "score_heatmap",
    "with_named_datasets",
]
