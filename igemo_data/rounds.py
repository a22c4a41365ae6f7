"""Scoring rounds (design §8): what the room thinks, and where it disagrees.

Every director scores the services on their own phone; these functions turn the answers into
the group's scores (the median per service and score), each rater's own position on the
matrix, the quartiles of those positions and the share of raters per quadrant. Pure pandas and
the one `classify`: the store, the charts and the pages build on it, tests check it by hand.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

import numpy as np
import pandas as pd

from igemo_data.matrix import CUT_TOLERANCE, classify
from igemo_data.schema import (
    COLUMNS,
    DEFAULT_CUT,
    QUADRANTS,
    SCORE_COLUMNS,
    SCORE_MAX,
    SCORE_MIN,
    quadrant_for,
)
from igemo_data.texts import Phrase, quadrant_label, t
from igemo_data.texts.said import Said

ANSWER_COLUMNS = ("participant", "service_id", *SCORE_COLUMNS)
# The plan's scale, as a director picks from it: 1,0 … 2,0 in steps of 0,1.
SCALE: tuple[float, ...] = tuple(round(SCORE_MIN + step / 10, 1) for step in range(11))
MAX_PARTICIPANTS = 200  # per round: a board has six to twelve, a packed hall a few dozen
MAX_PARTICIPANT_NAME = 60
SHARE_COLUMNS = tuple(f"share_{quadrant}" for quadrant in QUADRANTS)
SUMMARY_COLUMNS = (
    "id",
    "n",
    "market",
    "need",
    "quadrant",
    "market_q1",
    "market_q3",
    "need_q1",
    "need_q3",
    *SHARE_COLUMNS,
    "divided",
    "disagreement",
)


class RoundError(Said):
    """A round refused something (a closed code, a score off the scale, a full round)."""


def check_score(value: object) -> float | None:
    """A score as the store keeps it: None for "weet niet", else a value of `SCALE`.

    Raises `RoundError` (Dutch) for anything a participant's controls could not have sent.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not is_number or not SCORE_MIN <= float(value) <= SCORE_MAX:
        raise RoundError(Phrase.of("round_score_refused", value=repr(value)))
    tenths = float(value) * 10
    if abs(tenths - round(tenths)) > 1e-6:
        raise RoundError(Phrase.of("round_score_refused", value=repr(value)))
    return round(float(value), 1)


def check_scores(scores: Mapping[str, object]) -> dict[str, float | None]:
    """The four scores of one answer, each checked; an unknown score name is refused."""
    unknown = sorted(str(name) for name in scores if name not in SCORE_COLUMNS)
    if unknown:
        raise RoundError(Phrase.of("round_score_unknown", names=", ".join(unknown)))
    return {column: check_score(scores.get(column)) for column in SCORE_COLUMNS}


def clean_name(name: str | None) -> str:
    """A participant's optional name: trimmed, without control characters, not too long."""
    text = "".join(c for c in (name or "") if c.isprintable()).strip()
    if len(text) > MAX_PARTICIPANT_NAME:
        raise RoundError(Phrase.of("round_name_too_long", limit=MAX_PARTICIPANT_NAME))
    return text


def _answers(services: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """The answers on services of the table, scores as floats (NaN = "weet niet")."""
    frame = answers.loc[:, list(ANSWER_COLUMNS)].copy()
    for column in SCORE_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    frame["service_id"] = frame["service_id"].astype(str)
    return frame[frame["service_id"].isin(set(services["id"].astype(str)))]


def group_scores(services: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """The services table with each score replaced by the median of the answers given.

    A score nobody gave keeps the table's value. `n_answers`: participants who gave at least
    one score for that service.
    """
    table = services.loc[:, [c for c in COLUMNS if c in services.columns]].reset_index(drop=True)
    given = _answers(services, answers)
    ids = table["id"].astype(str)
    medians = given.groupby("service_id")[list(SCORE_COLUMNS)].median()
    for column in SCORE_COLUMNS:
        median = ids.map(medians[column]) if len(medians) else pd.Series(np.nan, index=ids.index)
        table[column] = median.fillna(table[column]).astype("float64")
    some = given[given[list(SCORE_COLUMNS)].notna().any(axis=1)]
    counts = some.groupby("service_id")["participant"].nunique()
    table["n_answers"] = ids.map(counts).fillna(0).astype(int)
    return table


def rater_positions(
    services: pd.DataFrame,
    answers: pd.DataFrame,
    *,
    horizon: float,
    market_cut: float,
    need_cut: float,
) -> pd.DataFrame:
    """Each rater's own position per service (design §3 with their scores) and its quadrant.

    Only raters who gave all four scores for a service have a position there.
    """
    full = _answers(services, answers).dropna(subset=list(SCORE_COLUMNS)).copy()
    full["market"] = (1 - horizon) * full["market_current"] + horizon * full["market_potential"]
    full["need"] = (1 - horizon) * full["need_current"] + horizon * full["need_future"]
    market_strong = full["market"] >= market_cut - CUT_TOLERANCE
    need_strong = full["need"] >= need_cut - CUT_TOLERANCE
    full["quadrant"] = [
        quadrant_for(market_strong=bool(m), need_strong=bool(n))
        for m, n in zip(market_strong, need_strong, strict=True)
    ]
    return full


def round_summary(
    services: pd.DataFrame,
    answers: pd.DataFrame,
    *,
    horizon: float = 0.0,
    market_cut: float = DEFAULT_CUT,
    need_cut: float = DEFAULT_CUT,
) -> pd.DataFrame:
    """One row per service, in the services' order: the group's position and the spread."""
    group = group_scores(services, answers)
    placed = classify(
        group[[c for c in COLUMNS if c in group.columns]],
        horizon=horizon,
        market_cut=market_cut,
        need_cut=need_cut,
    )
    raters = rater_positions(
        services, answers, horizon=horizon, market_cut=market_cut, need_cut=need_cut
    )
    summary = pd.DataFrame(
        {
            "id": placed["id"].astype(str),
            "market": placed["market"].astype("float64"),
            "need": placed["need"].astype("float64"),
            "quadrant": placed["quadrant"].astype(str),
        }
    )
    by_service = raters.groupby("service_id")
    n = summary["id"].map(by_service.size()).fillna(0).astype(int)
    summary.insert(1, "n", n)
    for axis in ("market", "need"):
        for name, level in (("q1", 0.25), ("q3", 0.75)):
            values = by_service[axis].quantile(level) if len(raters) else pd.Series(dtype=float)
            summary[f"{axis}_{name}"] = summary["id"].map(values).astype("float64")
    counts = pd.crosstab(raters["service_id"], raters["quadrant"]) if len(raters) else None
    for quadrant, column in zip(QUADRANTS, SHARE_COLUMNS, strict=True):
        if counts is not None and quadrant in counts.columns:
            count = summary["id"].map(counts[quadrant]).fillna(0)
        else:
            count = pd.Series(0.0, index=summary.index)
        summary[column] = np.where(n > 0, count / n.where(n > 0, 1), 0.0).astype("float64")
    shares = summary[list(SHARE_COLUMNS)]
    summary["divided"] = (shares > 0).sum(axis=1) >= 2
    summary["disagreement"] = np.where(n > 0, 1 - shares.max(axis=1), 0.0).astype("float64")
    return summary.loc[:, list(SUMMARY_COLUMNS)].reset_index(drop=True)


def spread_width(summary: pd.DataFrame) -> pd.Series:
    """(market_q3 − market_q1) + (need_q3 − need_q1), 0 where nobody has a position."""
    width = (summary["market_q3"] - summary["market_q1"]) + (
        summary["need_q3"] - summary["need_q1"]
    )
    return width.fillna(0.0)


def disagreement_order(summary: pd.DataFrame) -> pd.DataFrame:
    """The summary ordered as "Waar het bestuur het oneens is" lists it (design §8)."""
    ranked = summary.assign(
        _width=spread_width(summary).round(12),
        _position=np.arange(len(summary)),
        _disagreement=summary["disagreement"].round(12),
    )
    ranked = ranked.sort_values(
        ["_disagreement", "_width", "_position"], ascending=[False, False, True], kind="stable"
    )
    return ranked.drop(columns=["_width", "_position", "_disagreement"]).reset_index(drop=True)


def shares_text(row: Mapping[str, object], lang: str) -> str:
    """'4 van 9 zien Vermeerder, 5 Verminder': the quadrants raters see, the most first."""
    n = int(row["n"])
    if n == 0:
        return t("round_no_positions", lang)
    counts = [
        (round(float(row[f"share_{q}"]) * n), position, q) for position, q in enumerate(QUADRANTS)
    ]
    seen = sorted((c for c in counts if c[0] > 0), key=lambda c: (-c[0], c[1]))
    first, *rest = seen
    parts = [
        t("round_shares_first", lang, count=first[0], n=n, quadrant=quadrant_label(first[2], lang))
    ]
    parts.extend(
        t("round_shares_more", lang, count=count, quadrant=quadrant_label(q, lang))
        for count, _, q in rest
    )
    return ", ".join(parts)


def spread_change(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Per service of `after`, the spread of a first round beside a second's (Delphi)."""
    old = before.set_index("id")
    rows = after.assign(
        disagreement_before=after["id"].map(old["disagreement"]),
        width_before=after["id"].map(spread_width(before).set_axis(before["id"])),
        width_after=spread_width(after),
    )
    return rows[["id", "disagreement_before", "disagreement", "width_before", "width_after"]]
