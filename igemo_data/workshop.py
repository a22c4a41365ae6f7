"""What the workshop screens summarise: counts, shifts, plan versus matrix, the tables to keep.

Plain functions over `classify` tables, so every number a director reads on the projector is
unit-tested apart from Streamlit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from igemo_data.schema import CREEER, ELIMINEER, QUADRANTS, VERMEERDER, VERMINDER
from igemo_data.texts import (
    decision_label,
    domain_label,
    format_score,
    normalise,
    quadrant_label,
    t,
)

# Part 8.3 of the plan groups its decisions under three headings; the matrix's quadrants map
# onto the same three. "Agreement" means both land under the same heading.
HEADING_INVEST = "invest"
HEADING_REDUCE = "reduce"
HEADING_ELIMINATE = "eliminate"
HEADINGS = (HEADING_INVEST, HEADING_REDUCE, HEADING_ELIMINATE)

DECISION_HEADING: Mapping[str, str] = {
    "invest": HEADING_INVEST,
    "wait": HEADING_REDUCE,
    "niche": HEADING_REDUCE,
    "phase_out": HEADING_ELIMINATE,
    "no_invest": HEADING_ELIMINATE,
}
QUADRANT_HEADING: Mapping[str, str] = {
    VERMEERDER: HEADING_INVEST,
    CREEER: HEADING_INVEST,
    VERMINDER: HEADING_REDUCE,
    ELIMINEER: HEADING_ELIMINATE,
}

AGREES = "agrees"
DISAGREES = "disagrees"
NOT_STATED = "not_stated"


def only_domains(table: pd.DataFrame, domains: Iterable[str]) -> pd.DataFrame:
    """The rows of the chosen werkdomeinen, in the table's order."""
    return table[table["domain"].isin(list(domains))].reset_index(drop=True)


def quadrant_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Services per quadrant, every quadrant listed (also with zero) in the plan's order."""
    counts = table["quadrant"].value_counts()
    return pd.DataFrame(
        {"quadrant": list(QUADRANTS), "count": [int(counts.get(q, 0)) for q in QUADRANTS]}
    )


def shifts(baseline: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Services whose quadrant differs from the baseline: from → to, with both places' scores.

    Serves the overview (against the plan) and the comparison of two scenarios alike.
    """
    merged = current[["id", "code", "name", "domain", "quadrant", "market", "need"]].merge(
        baseline[["id", "quadrant", "market", "need"]],
        on="id",
        suffixes=("_to", "_from"),
    )
    moved = merged[merged["quadrant_to"] != merged["quadrant_from"]]
    return moved.rename(columns={"quadrant_from": "from_quadrant", "quadrant_to": "to_quadrant"})[
        [
            "id",
            "code",
            "name",
            "domain",
            "from_quadrant",
            "to_quadrant",
            "market_from",
            "market_to",
            "need_from",
            "need_to",
        ]
    ].reset_index(drop=True)


@dataclass(frozen=True)
class AgainstBaseline:
    """What moved on the map: the counts now, each count's change and the services that moved.

    `changes[q]` is the count in quadrant `q` now minus the count in the baseline, for the same
    services; `moved` are the ids whose quadrant differs from the baseline, in `current`'s order.
    Two services that swap quadrants leave every change at 0 and still count as two moves.
    """

    counts: dict[str, int]
    changes: dict[str, int]
    moved: tuple[str, ...]

    @property
    def shifted(self) -> int:
        """How many services stand in another quadrant than in the baseline ("N verschoven")."""
        return len(self.moved)


def against_baseline(baseline: pd.DataFrame, current: pd.DataFrame) -> AgainstBaseline:
    """`current`'s counts, their change against `baseline` and the ids that moved.

    Only the baseline's rows for the services in `current` count: a werkdomein's page compares
    its own services, never the whole plan's.
    """
    # Plain lists and dicts: this runs twice on every slider press (chart and counts), and a
    # DataFrame merge costs ten times as much for 39 services.
    before_by_id = dict(zip(baseline["id"].tolist(), baseline["quadrant"].tolist(), strict=True))
    ids, quadrants = current["id"].tolist(), current["quadrant"].tolist()
    now = Counter(quadrants)
    before = Counter(before_by_id[i] for i in ids if i in before_by_id)
    return AgainstBaseline(
        counts={q: now[q] for q in QUADRANTS},
        changes={q: now[q] - before[q] for q in QUADRANTS},
        moved=tuple(
            i
            for i, q in zip(ids, quadrants, strict=True)
            if i in before_by_id and before_by_id[i] != q
        ),
    )


def plan_versus_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Per service the plan's decision beside the computed quadrant, and whether they agree."""
    result = table[
        ["id", "domain", "cluster", "code", "name", "plan_decision", "quadrant", "plan_note"]
    ].copy()
    decision_heading = result["plan_decision"].map(DECISION_HEADING)
    quadrant_heading = result["quadrant"].map(QUADRANT_HEADING)
    result["agreement"] = AGREES
    result.loc[decision_heading != quadrant_heading, "agreement"] = DISAGREES
    result.loc[decision_heading.isna(), "agreement"] = NOT_STATED
    return result.reset_index(drop=True)


def to_discuss_first(table: pd.DataFrame) -> pd.DataFrame:
    """`table`'s rows, those where plan and matrix disagree first, each group in plan order."""
    disagrees = plan_versus_matrix(table)["agreement"].to_numpy() == DISAGREES
    order = sorted(range(len(table)), key=lambda i: (not disagrees[i], i))
    return table.iloc[order].reset_index(drop=True)


def find_services(table: pd.DataFrame, query: str, limit: int = 50) -> list[str]:
    """The ids of the services whose code, name or id hold every word of `query`, ignoring
    case and accents ('creeer' finds 'Creëer'); at most `limit`, in the table's order."""
    words = normalise(query).split()
    if not words:
        return []
    haystack = table["code"].astype(str) + " " + table["name"].astype(str) + " " + table["id"]
    folded = haystack.map(normalise)
    mask = pd.Series(True, index=table.index)
    for word in words:
        mask &= folded.str.contains(word, regex=False)
    return table.loc[mask, "id"].head(limit).tolist()


def override_table(
    services: pd.DataFrame, overrides: Mapping[str, Mapping[str, float]]
) -> pd.DataFrame:
    """The what-ifs as rows in the plan's order: id, code, name, market, need (None if unset)."""
    rows = services[services["id"].isin(list(overrides))][["id", "code", "name", "domain"]]
    rows = rows.copy()
    rows["market"] = [overrides[i].get("market") for i in rows["id"]]
    rows["need"] = [overrides[i].get("need") for i in rows["id"]]
    return rows.reset_index(drop=True)


def without_override(
    overrides: Mapping[str, Mapping[str, float]], service_id: str
) -> dict[str, dict[str, float]]:
    """A copy of the what-ifs with one service's removed."""
    return {key: dict(value) for key, value in overrides.items() if key != service_id}


def with_override(
    overrides: Mapping[str, Mapping[str, float]], service_id: str, axis: str, value: float
) -> dict[str, dict[str, float]]:
    """A copy of the what-ifs with one axis of one service set."""
    if axis not in ("market", "need"):
        raise ValueError(f"onbekende as {axis!r}")
    result = {key: dict(entry) for key, entry in overrides.items()}
    result.setdefault(service_id, {})[axis] = float(value)
    return result


def scenario_table(table: pd.DataFrame, overrides: Mapping, lang: str) -> pd.DataFrame:
    """Services, their four scores, the what-ifs and the quadrant: the scenario as a table."""
    return pd.DataFrame(
        {
            "id": table["id"],
            t("field_domain", lang): [domain_label(d, lang) for d in table["domain"]],
            t("field_cluster", lang): table["cluster"],
            t("field_code", lang): table["code"],
            t("field_name", lang): table["name"],
            t("field_market_current", lang): table["market_current"],
            t("field_market_potential", lang): table["market_potential"],
            t("field_need_current", lang): table["need_current"],
            t("field_need_future", lang): table["need_future"],
            f"{t('field_what_if', lang)} {t('what_if_market', lang).lower()}": [
                overrides.get(i, {}).get("market") for i in table["id"]
            ],
            f"{t('field_what_if', lang)} {t('what_if_need', lang).lower()}": [
                overrides.get(i, {}).get("need") for i in table["id"]
            ],
            t("field_market", lang): table["market"].round(4),
            t("field_need", lang): table["need"].round(4),
            t("field_quadrant", lang): [quadrant_label(q, lang) for q in table["quadrant"]],
            t("field_plan_decision", lang): [
                decision_label(d, lang) for d in table["plan_decision"]
            ],
        }
    )


def moves_table(moves: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The output of `workshop.shifts` as a table a board member reads: labels, from → to."""

    def change(before: float, after: float) -> str:
        first, second = format_score(before, lang), format_score(after, lang)
        return first if first == second else f"{first} → {second}"

    return pd.DataFrame(
        {
            t("field_code", lang): moves["code"],
            t("field_name", lang): moves["name"],
            t("field_domain", lang): [domain_label(d, lang) for d in moves["domain"]],
            t("field_from", lang): [quadrant_label(q, lang) for q in moves["from_quadrant"]],
            t("field_to", lang): [quadrant_label(q, lang) for q in moves["to_quadrant"]],
            t("axis_market", lang): [
                change(a, b) for a, b in zip(moves["market_from"], moves["market_to"], strict=True)
            ],
            t("axis_need", lang): [
                change(a, b) for a, b in zip(moves["need_from"], moves["need_to"], strict=True)
            ],
        }
    )
