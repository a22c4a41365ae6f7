"""The four quadrant counts as one small piece of HTML, laid out like the matrix itself.

One element instead of four metrics in two rows of columns: every element a slider's rerun
sends costs the page a render (bench/README.md), and this one changes on every key press.
Only our own labels and whole numbers go in, escaped all the same; never user text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from igemo_data.charts import INK, quadrant_colors
from igemo_data.schema import CREEER, ELIMINEER, VERMEERDER, VERMINDER
from igemo_data.texts import quadrant_label, t

# Need strong on top, market position strong on the right: as on the chart.
LAYOUT: tuple[tuple[str, str], ...] = ((CREEER, VERMEERDER), (ELIMINEER, VERMINDER))


def change_text(change: int) -> str:
    """A count's change as the room reads it: "+1", "−2" (a real minus sign), "" for none."""
    if change > 0:
        return f"+{change}"
    if change < 0:
        return f"\u2212{-change}"
    return ""


def counts_grid_html(
    counts: Mapping[str, int],
    lang: str,
    *,
    in_a_row: bool = False,
    changes: Mapping[str, int] | None = None,
) -> str:
    """A 2×2 grid of `counts` per quadrant key (missing keys count 0), in the chart's tints.

    `in_a_row`: the four side by side, for the presentation's line above the chart.
    `changes`: each count's change against the plan, shown beside its number (+1, −1; nothing
    when 0), so the room sees where services went without reading the list of moves.
    """
    tints = quadrant_colors()
    cells = []
    for row in LAYOUT:
        for key in row:
            label = html.escape(quadrant_label(key, lang))
            number = int(counts.get(key, 0))
            change = change_text(int((changes or {}).get(key, 0)))
            said = ""
            beside = ""
            if change:
                words = html.escape(t("count_change", lang, change=change))
                said = f' data-change="{change}" aria-description="{words}" title="{words}"'
                beside = (
                    f'<span data-count-change="{key}" '
                    f'style="font-size:1.5rem;font-weight:700">{change}</span>'
                )
            cells.append(
                f'<div role="listitem" aria-label="{label}: {number}" data-quadrant="{key}"{said} '
                f'style="background:{tints[key]};border-radius:0.5rem;'
                f'padding:0.5rem 0.9rem;color:{INK}">'
                f'<div style="font-size:1rem">{label}</div>'
                '<div style="display:flex;align-items:baseline;gap:0.6rem">'
                f'<div style="font-size:2.25rem;font-weight:600;line-height:1.2">{number}</div>'
                f"{beside}</div>"
                "</div>"
            )
    columns = "repeat(4,1fr)" if in_a_row else "1fr 1fr"
    return (
        f'<div role="list" style="display:grid;grid-template-columns:{columns};gap:0.5rem">'
        + "".join(cells)
        + "</div>"
    )
