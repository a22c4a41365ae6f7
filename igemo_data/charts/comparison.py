"""Two editions compared on the matrix: the new edition, an arrow from each moved service."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from igemo_data.charts.layout import evolution_arrows
from igemo_data.charts.quadrant import quadrant_chart
from igemo_data.compare import EditionDiff
from igemo_data.schema import DOMAINS
from igemo_data.settings import Settings
from igemo_data.texts import DEFAULT_LANGUAGE


def edition_arrows(
    old_table: pd.DataFrame, new_table: pd.DataFrame, settings: Settings
) -> pd.DataFrame:
    """Arrows from each service's place in the old edition to its place in the new one.

    Both tables are `classify` results with the same horizon and cuts; services in only one of
    them get no arrow. The frame has ``evolution_arrows`' columns, for
    `quadrant_chart(new_table, arrows=…)`: the arrow ends at the new edition's marker
    and starts at a hollow marker where the service stood before.
    """
    common = set(old_table["id"]) & set(new_table["id"])
    old_common = old_table[old_table["id"].isin(common)].reset_index(drop=True)
    new_common = new_table[new_table["id"].isin(common)].reset_index(drop=True)
    if not len(old_common):
        return evolution_arrows(old_table.iloc[0:0], new_table.iloc[0:0], settings)
    return evolution_arrows(old_common, new_common, settings)


def comparison_chart(
    diff: EditionDiff,
    *,
    lang: str = DEFAULT_LANGUAGE,
    domains: Sequence[str] = DOMAINS,
    title: str | None = None,
    subtitle: str | None = None,
):
    """The new edition on the matrix, with an arrow from every moved service's old place."""
    table = diff.new[diff.new["domain"].isin(list(domains))].reset_index(drop=True)
    arrows = diff.moves[diff.moves["domain"].isin(list(domains))]
    # The arrows' own geometry comes from quadrant_chart; evolution_arrows' x/y are not needed.
    return quadrant_chart(
        table,
        diff.settings,
        lang=lang,
        arrows=arrows,
        title=title,
        subtitle=subtitle,
        selectable=False,
    )
