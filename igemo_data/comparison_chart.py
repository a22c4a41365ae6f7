"""Two editions compared on screen: the matrix with arrows, and the changed fields in words."""

# Moves to igemo_data/charts/comparison.py at the merge

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from igemo_data import charts
from igemo_data.compare import EditionDiff
from igemo_data.schema import DOMAINS, SCORE_COLUMNS
from igemo_data.texts import DEFAULT_LANGUAGE, t


def edition_arrows(
    old_table: pd.DataFrame, new_table: pd.DataFrame, *, market_cut: float, need_cut: float
) -> pd.DataFrame:
    """Arrows from each service's place in the old edition to its place in the new one.

    Both tables are `classify` results with the same horizon and cuts; services in only one of
    them get no arrow. The frame has `charts.evolution_arrows`' columns, for
    `charts.quadrant_chart(new_table, arrows=…)`: the arrow ends at the new edition's marker
    and starts at a hollow marker where the service stood before.
    """
    common = set(old_table["id"]) & set(new_table["id"])
    old_common = old_table[old_table["id"].isin(common)].reset_index(drop=True)
    new_common = new_table[new_table["id"].isin(common)].reset_index(drop=True)
    if not len(old_common):
        return charts.evolution_arrows(
            old_table.iloc[0:0], new_table.iloc[0:0], market_cut=market_cut, need_cut=need_cut
        )
    return charts.evolution_arrows(old_common, new_common, market_cut=market_cut, need_cut=need_cut)


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
    return charts.quadrant_chart(
        table,
        market_cut=diff.market_cut,
        need_cut=diff.need_cut,
        lang=lang,
        arrows=arrows,
        title=title,
        subtitle=subtitle,
        selectable=False,
    )


def change_rows(changes: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Changed fields as a table: service, field (in words), old and new value.

    Here and not in `edition_tables` only because scores are written by `charts.format_score`;
    once that decimal-comma rule lives in the texts package, this table can move there.
    """
    labels = {column: t(f"field_{column}", lang) for column in SCORE_COLUMNS}
    labels.update(
        {
            "domain": t("field_domain", lang),
            "cluster": t("field_cluster", lang),
            "code": t("field_code", lang),
            "name": t("field_name", lang),
            "description": t("field_description", lang),
            "plan_decision": t("field_plan_decision", lang),
            "plan_note": t("field_plan_note", lang),
        }
    )

    def shown(column: str, value: object) -> str:
        if column in SCORE_COLUMNS:
            return charts.format_score(float(value), lang)  # type: ignore[arg-type]
        return str(value)

    return pd.DataFrame(
        {
            t("field_code", lang): changes["code"],
            t("field_name", lang): changes["name"],
            t("edition_field", lang): [labels.get(f, f) for f in changes["field"]],
            t("edition_old", lang): [
                shown(f, v) for f, v in zip(changes["field"], changes["old"], strict=True)
            ],
            t("edition_new", lang): [
                shown(f, v) for f, v in zip(changes["field"], changes["new"], strict=True)
            ],
        }
    )
