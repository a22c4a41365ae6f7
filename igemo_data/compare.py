"""Comparing two editions of the services data: what is new, gone, changed and moved.

Pure tables: the chart that draws a comparison is in `comparison_chart` (charts' layer).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Final

import pandas as pd

from igemo_data.matrix import CUT_TOLERANCE, classify_with
from igemo_data.schema import SCORE_COLUMNS
from igemo_data.settings import DEFAULT_SETTINGS, Settings

# What a move says about a service: the columns of `EditionDiff.moves`, and the first columns
# of `charts.evolution_arrows`, which takes them from here: a move is what an arrow says.
MOVE_COLUMNS: Final = (
    "id",
    "code",
    "name",
    "domain",
    "market_from",
    "need_from",
    "market_to",
    "need_to",
    "quadrant_from",
    "quadrant_to",
    "crosses",
)
_SUMMARY = ["id", "code", "name", "domain", "cluster", "market", "need", "quadrant"]
_CHANGE_COLUMNS = ["id", "code", "name", "domain", "field", "old", "new"]
_TEXT_FIELDS = ("domain", "cluster", "code", "name", "description", "plan_decision", "plan_note")


@dataclass(frozen=True)
class EditionDiff:
    """What changed from an old edition to a new one, the way a technology radar shows it.

    `old` and `new` are both editions classified with the same horizon and cuts. `added` and
    `removed` are services only in the new or only in the old edition (by id); `changed_scores`
    and `changed_texts` list one row per changed field (id, code, name, domain, field, old,
    new); `moves` every service in both whose place on the matrix changed, and `crosses` marks
    the ones that land in another quadrant.
    """

    old: pd.DataFrame
    new: pd.DataFrame
    added: pd.DataFrame
    removed: pd.DataFrame
    changed_scores: pd.DataFrame
    changed_texts: pd.DataFrame
    moves: pd.DataFrame
    settings: Settings = DEFAULT_SETTINGS  # what both were classified at, without what-ifs
    unchanged: list[str] = field(default_factory=list)

    @property
    def quadrant_moves(self) -> pd.DataFrame:
        return self.moves[self.moves["crosses"]].reset_index(drop=True)

    @property
    def identical(self) -> bool:
        parts = (self.added, self.removed, self.changed_scores, self.changed_texts)
        return not any(len(part) for part in parts)


def compare_editions(
    old: pd.DataFrame,
    new: pd.DataFrame,
    settings: Settings = DEFAULT_SETTINGS,
) -> EditionDiff:
    """New, removed and changed services, and moves on the matrix, from `old` to `new`.

    Both are services tables (design §2); services are matched by id. Places and quadrants are
    computed at `settings`' horizon and cuts, without what-ifs: a comparison is about the data.
    """
    settings = settings.without_what_ifs()
    old_table = classify_with(old, settings)
    new_table = classify_with(new, settings)
    old_ids = set(old_table["id"])
    new_ids = set(new_table["id"])
    added = new_table[~new_table["id"].isin(old_ids)][_SUMMARY].reset_index(drop=True)
    removed = old_table[~old_table["id"].isin(new_ids)][_SUMMARY].reset_index(drop=True)

    before = old_table.set_index("id")
    score_rows: list[dict[str, object]] = []
    text_rows: list[dict[str, object]] = []
    unchanged: list[str] = []
    for row in new_table[new_table["id"].isin(old_ids)].itertuples(index=False):
        was = before.loc[row.id]
        label = {"id": row.id, "code": row.code, "name": row.name, "domain": row.domain}
        changed = False
        for column in SCORE_COLUMNS:
            if not math.isclose(float(was[column]), float(getattr(row, column)), abs_tol=1e-12):
                score_rows.append(
                    {
                        **label,
                        "field": column,
                        "old": float(was[column]),
                        "new": getattr(row, column),
                    }
                )
                changed = True
        for column in _TEXT_FIELDS:
            if str(was[column]) != str(getattr(row, column)):
                text_rows.append(
                    {**label, "field": column, "old": str(was[column]), "new": getattr(row, column)}
                )
                changed = True
        if not changed:
            unchanged.append(row.id)

    return EditionDiff(
        old=old_table,
        new=new_table,
        added=added,
        removed=removed,
        changed_scores=pd.DataFrame(score_rows, columns=_CHANGE_COLUMNS),
        changed_texts=pd.DataFrame(text_rows, columns=_CHANGE_COLUMNS),
        moves=moves(old_table, new_table),
        settings=settings,
        unchanged=unchanged,
    )


def moves(old_table: pd.DataFrame, new_table: pd.DataFrame) -> pd.DataFrame:
    """One row per service in both tables whose place changed, in the old table's order.

    Both are `classify` results with the same horizon and cuts. A place counts as changed as
    the charts count it (beyond `CUT_TOLERANCE` on either axis), so every move has an arrow.
    """
    new_places = {
        service_id: (float(market), float(need), quadrant)
        for service_id, market, need, quadrant in zip(
            new_table["id"].tolist(),
            new_table["market"].tolist(),
            new_table["need"].tolist(),
            new_table["quadrant"].tolist(),
            strict=True,
        )
    }
    columns = ("id", "code", "name", "domain", "market", "need", "quadrant")
    rows = []
    for sid, code, name, domain, market, need, quadrant in zip(
        *(old_table[c].tolist() for c in columns), strict=True
    ):
        to = new_places.get(sid)
        if to is None:
            continue
        market_to, need_to, quadrant_to = to
        if _same(market, market_to) and _same(need, need_to):
            continue
        rows.append(
            {
                "id": sid,
                "code": code,
                "name": name,
                "domain": domain,
                "market_from": float(market),
                "need_from": float(need),
                "market_to": market_to,
                "need_to": need_to,
                "quadrant_from": quadrant,
                "quadrant_to": quadrant_to,
                "crosses": quadrant != quadrant_to,
            }
        )
    return pd.DataFrame(rows, columns=list(MOVE_COLUMNS)).astype({"crosses": bool})


def _same(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= CUT_TOLERANCE
