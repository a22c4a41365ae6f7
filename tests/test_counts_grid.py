"""The quadrant counts beside the chart: one HTML grid laid out like the matrix."""

from __future__ import annotations

import re

from apptest_support import count_cells as cells

from igemo_data.texts import quadrant_label
from igemo_data.ui.counts_grid import change_text, counts_grid_html


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


# --- Issue 18, item 6: each count's change against the plan ----------------------------------


def test_a_change_reads_with_its_sign_and_nothing_for_none() -> None:
    assert change_text(3) == "+3"
    assert change_text(-14) == "\u221214"  # a real minus sign, as wide as the plus
    assert change_text(0) == ""


def test_each_count_shows_its_change_beside_the_number() -> None:
    counts = {"vermeerder": 18, "creeer": 7, "verminder": 1, "elimineer": 13}
    changes = {"vermeerder": 10, "creeer": 3, "verminder": 0, "elimineer": -13}
    html = counts_grid_html(counts, "nl", changes=changes)
    # The counts themselves read as before (the load test and the pages read them so).
    assert cells(html) == cells(counts_grid_html(counts, "nl"))
    assert re.findall(r"font-weight:600[^>]*>(\d+)<", html) == ["7", "18", "13", "1"]
    shown = dict(re.findall(r'data-count-change="(\w+)"[^>]*>([^<]+)<', html))
    assert shown == {"creeer": "+3", "vermeerder": "+10", "elimineer": "\u221213"}
    # Said for a screen reader and on hover too, in the reader's language.
    assert 'aria-description="+10 tegenover het plan"' in html
    assert 'title="+3 compared with the plan"' in counts_grid_html(counts, "en", changes=changes)


def test_without_changes_the_grid_is_as_before() -> None:
    counts = {"vermeerder": 8, "creeer": 4, "verminder": 0, "elimineer": 27}
    for html in (
        counts_grid_html(counts, "nl"),
        counts_grid_html(counts, "nl", changes=dict.fromkeys(counts, 0)),
    ):
        assert "data-change" not in html and "data-count-change" not in html
