"""The quadrant counts beside the chart: one HTML grid laid out like the matrix."""

from __future__ import annotations

import re

from apptest_support import count_cells as cells

from igemo_data.texts import quadrant_label
from igemo_data.ui.counts_grid import counts_grid_html


def test_cells_read_like_the_matrix_need_strong_on_top_market_strong_right() -> None:
    counts = {"vermeerder": 8, "creeer": 4, "verminder": 0, "elimineer": 27}
    assert cells(counts_grid_html(counts, "nl")) == [
        ("creeer", "Creëer", 4),
        ("vermeerder", "Vermeerder", 8),
        ("elimineer", "Elimineer", 27),
        ("verminder", "Verminder", 0),
    ]


def test_a_quadrant_without_services_counts_zero_and_english_labels_follow() -> None:
    found = cells(counts_grid_html({"creeer": 2}, "en"))
    assert [(key, number) for key, _, number in found] == [
        ("creeer", 2),
        ("vermeerder", 0),
        ("elimineer", 0),
        ("verminder", 0),
    ]
    assert [label for _, label, _ in found] == [quadrant_label(k, "en") for k, *_ in found]


def test_the_big_number_is_the_count_shown_to_the_room() -> None:
    html = counts_grid_html({"creeer": 12, "vermeerder": 3}, "nl")
    shown = re.findall(r"font-weight:600[^>]*>(\d+)<", html)
    assert shown == ["12", "3", "0", "0"]
