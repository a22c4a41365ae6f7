"""The plan's strategy map of part 8.3, twice: as the plan decided and as the matrix places now.

Part 8.3 closes the plan with one table: per werkdomein and cluster, every service under one of
three headings. `strategy_map` puts each service under its heading twice, from the plan's
decision and from the quadrant the current settings give, so a workshop sees at once which
services the matrix now files elsewhere. The data only: `igemo_data.charts.strategy_map` draws
both sides the way the plan prints them.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from igemo_data.texts import DEFAULT_LANGUAGE, t
from igemo_data.workshop import DECISION_HEADING, HEADINGS, QUADRANT_HEADING

NOT_STATED: Final = ""  # plan_heading of a service the plan's text says nothing about
NOT_STATED_KEY: Final = "not_stated"  # its row in `heading_counts`
SIDES: Final = ("plan", "matrix")

# --- The map as data -------------------------------------------------------------------------

COLUMNS: Final = (
    "id",
    "domain",
    "cluster",
    "code",
    "name",
    "plan_decision",
    "quadrant",
    "plan_heading",
    "matrix_heading",
    "differs",
)


def plan_heading(decision: object) -> str:
    """The 8.3 heading of a plan decision; "" where the text states none."""
    if not isinstance(decision, str):
        return NOT_STATED
    return DECISION_HEADING.get(decision.strip(), NOT_STATED)


def matrix_heading(quadrant: str) -> str:
    """The 8.3 heading a quadrant files a service under."""
    return QUADRANT_HEADING[quadrant]


def strategy_map(table: pd.DataFrame) -> pd.DataFrame:
    """One row per service of `classify`'s table, grouped by werkdomein and cluster.

    Werkdomeinen, clusters and services keep the order in which the table (the plan) first
    names them. `plan_heading` is "" where the plan states nothing; such a service never
    `differs`, it is listed apart.
    """
    if table.empty:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in COLUMNS}).astype(
            {"differs": bool}
        )
    frame = table[["id", "domain", "cluster", "code", "name", "plan_decision", "quadrant"]].copy()
    frame["plan_decision"] = frame["plan_decision"].fillna("").astype(str)
    frame["plan_heading"] = [plan_heading(d) for d in frame["plan_decision"]]
    frame["matrix_heading"] = [matrix_heading(q) for q in frame["quadrant"]]
    frame["differs"] = (frame["plan_heading"] != NOT_STATED) & (
        frame["plan_heading"] != frame["matrix_heading"]
    )
    domain_rank = {d: i for i, d in enumerate(dict.fromkeys(frame["domain"]))}
    cluster_rank = {
        key: i
        for i, key in enumerate(dict.fromkeys(zip(frame["domain"], frame["cluster"], strict=True)))
    }
    frame["_domain"] = frame["domain"].map(domain_rank)
    frame["_cluster"] = [
        cluster_rank[key] for key in zip(frame["domain"], frame["cluster"], strict=True)
    ]
    frame["_position"] = range(len(frame))
    frame = frame.sort_values(["_domain", "_cluster", "_position"], kind="stable")
    return frame[list(COLUMNS)].reset_index(drop=True)


def heading_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Services per heading on each side: the three headings, then those the plan leaves out."""
    rows = []
    for heading in HEADINGS:
        rows.append(
            {
                "heading": heading,
                "plan": int((frame["plan_heading"] == heading).sum()),
                "matrix": int((frame["matrix_heading"] == heading).sum()),
            }
        )
    rows.append(
        {
            "heading": NOT_STATED_KEY,
            "plan": int((frame["plan_heading"] == NOT_STATED).sum()),
            "matrix": 0,
        }
    )
    return pd.DataFrame(rows, columns=["heading", "plan", "matrix"])


def differing_count(frame: pd.DataFrame) -> int:
    return int(frame["differs"].sum())


def stated_count(frame: pd.DataFrame) -> int:
    """Services with a decision in the plan's text: the ones that can differ."""
    return int((frame["plan_heading"] != NOT_STATED).sum())


def heading_label(heading: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The plan's words for a heading key (or for the services it does not mention)."""
    return t(f"smap_heading_{heading or NOT_STATED_KEY}", lang)
