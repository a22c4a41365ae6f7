"""`sensitivity`'s table in words a board reads: the flip as a sentence, the crossing horizon,
and one table for the screen and the spreadsheet downloads (CSV/XLSX through `spreadsheet`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from igemo_data.firmness import PROBABILITY_COLUMNS, fragile_first, staying
from igemo_data.matrix import CUT_TOLERANCE
from igemo_data.schema import QUADRANTS, SCORE_COLUMNS, quadrant_for
from igemo_data.settings import Settings
from igemo_data.texts import domain_label, format_score, percent, quadrant_label, t

# The catalogue's name of each score column, as the data page writes it.
SCORE_FIELDS = {column: f"field_{column}" for column in SCORE_COLUMNS}


def flip_targets(table: pd.DataFrame, services: pd.DataFrame, settings: Settings) -> np.ndarray:
    """The quadrant each service's flip brings it to ("" where no single change does).

    `table` is `sensitivity`'s at `settings` for `services` (same rows, same order).
    """
    scores = {c: services[c].to_numpy("float64").copy() for c in SCORE_COLUMNS}
    flip = table["flip_score"].to_numpy(object)
    value = table["flip_value"].to_numpy("float64")
    for column in SCORE_COLUMNS:
        chosen = flip == column
        scores[column][chosen] = value[chosen]
    h = settings.horizon
    strong = {}
    for axis, (now, future) in {
        "market": SCORE_COLUMNS[:2],
        "need": SCORE_COLUMNS[2:],
    }.items():
        moved = np.isin(flip, (now, future))
        blended = (1 - h) * scores[now] + h * scores[future]
        kept = table[axis].to_numpy("float64")
        cut = settings.market_cut if axis == "market" else settings.need_cut
        strong[axis] = np.where(moved, blended, kept) >= cut - CUT_TOLERANCE
    return np.array(
        [
            quadrant_for(market_strong=bool(m), need_strong=bool(n)) if f else ""
            for m, n, f in zip(strong["market"], strong["need"], flip, strict=True)
        ],
        dtype=object,
    )


def flip_sentence(score: str, old: float, new: float, code: str, was: str, to: str, lang: str):
    """ "Toekomstige behoefte 1,4 → 1,5 brengt o7 van Verminder naar Vermeerder"."""
    return t(
        "firmness_flip",
        lang,
        score=t(SCORE_FIELDS[score], lang),
        old=format_score(old, lang),
        new=format_score(new, lang),
        code=code,
        was=quadrant_label(was, lang),
        to=quadrant_label(to, lang),
    )


def crossing_text(market_cross: float, need_cross: float, lang: str) -> str:
    """ "kruist de grens bij 50 % (behoefte)", or "" when neither axis crosses its cut."""
    parts = [
        t("firmness_cross_axis", lang, percent=percent(at), axis=t(f"firmness_axis_{axis}", lang))
        for axis, at in (("market", market_cross), ("need", need_cross))
        if not pd.isna(at)
    ]
    return t("firmness_cross", lang, where=", ".join(parts)) if parts else ""


def firmness_rows(
    table: pd.DataFrame, services: pd.DataFrame, settings: Settings, lang: str
) -> pd.DataFrame:
    """One row per service, most fragile first: what the page draws and the downloads hold.

    `table` is `sensitivity`'s for `services` (same rows, same order) at `settings`. Columns
    (fixed; `export_table` gives them the reader's words): id, code, name, domain, quadrant,
    market_margin, need_margin, crossing (in words), market_cross, need_cross, flip (the
    sentence, "" when none), p_stay and the four probabilities.
    """
    order = fragile_first(table)
    targets = flip_targets(table, services, settings)[order]
    picked = table.take(order)
    codes = services["code"].astype(str).to_numpy()[order]
    scores = {c: services[c].to_numpy("float64")[order] for c in SCORE_COLUMNS}
    quadrants = picked["quadrant"].to_numpy(object)
    flip_columns = picked["flip_score"].to_numpy(object)
    flip_values = picked["flip_value"].to_numpy("float64")
    flips = [
        flip_sentence(
            column, scores[column][i], flip_values[i], codes[i], quadrants[i], targets[i], lang
        )
        if column
        else ""
        for i, column in enumerate(flip_columns)
    ]
    market_cross = picked["market_cross"].to_numpy("float64")
    need_cross = picked["need_cross"].to_numpy("float64")
    return pd.DataFrame(
        {
            "id": picked["id"].to_numpy(),
            "code": codes,
            "name": services["name"].astype(str).to_numpy()[order],
            "domain": services["domain"].astype(str).to_numpy()[order],
            "quadrant": quadrants,
            "market_margin": picked["market_margin"].to_numpy(),
            "need_margin": picked["need_margin"].to_numpy(),
            "crossing": [
                crossing_text(m, n, lang) for m, n in zip(market_cross, need_cross, strict=True)
            ],
            "market_cross": market_cross,
            "need_cross": need_cross,
            "flip": flips,
            "p_stay": staying(picked).to_numpy(),
            **{c: picked[c].to_numpy() for c in PROBABILITY_COLUMNS},
        }
    )


def export_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`firmness_rows` with the reader's headers and words; margins as numbers, chances in %."""
    return pd.DataFrame(
        {
            t("field_code", lang): rows["code"],
            t("field_name", lang): rows["name"],
            t("field_domain", lang): [domain_label(d, lang) for d in rows["domain"]],
            t("field_quadrant", lang): [quadrant_label(q, lang) for q in rows["quadrant"]],
            # Rounded, and + 0.0 so a service on its cut reads 0, not −0.
            t("firmness_market_margin", lang): rows["market_margin"].round(4) + 0.0,
            t("firmness_need_margin", lang): rows["need_margin"].round(4) + 0.0,
            t("firmness_crossing", lang): rows["crossing"],
            t("firmness_flip_header", lang): rows["flip"],
            t("firmness_stay", lang): (rows["p_stay"] * 100).round(1),
            **{
                t("firmness_chance", lang, quadrant=quadrant_label(q, lang)): (
                    rows[f"p_{q}"] * 100
                ).round(1)
                for q in QUADRANTS
            },
        }
    )
