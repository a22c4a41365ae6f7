"""Shim: moved to igemo_data.charts.export (removed after the merge)."""

from igemo_data.charts.export import (  # noqa: F401
    comparison_pdf,
    describe_settings,
    moves_table,
    pdf,
    png,
    scenario_table,
    slide_spec,
    svg,
    table_csv,
    table_xlsx,
)
