"""How firmly each service sits in its quadrant: design §9's `sensitivity`.

A board that reads "o7: Elimineer" asks at once how close that was. This module answers in
four ways, all at the settings on screen: the distance to each cut (margins), the horizon at
which an axis crosses its cut, the one score change that flips the quadrant, and the chance of
each quadrant when every score is a judgement with some spread (Monte Carlo, in numpy).

Everything `classify` decides is taken from `classify` itself, and the random draws only move
a service away from its `classify` position: at uncertainty 0 each draw is exactly that
position, so the probabilities agree with `classify` exactly, tolerance and all.
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Final

import numpy as np
import pandas as pd

from igemo_data.matrix import CUT_TOLERANCE, Overrides, classify
from igemo_data.schema import (
    CREEER,
    DEFAULT_CUT,
    ELIMINEER,
    QUADRANTS,
    SCORE_COLUMNS,
    SCORE_MAX,
    SCORE_MIN,
    VERMEERDER,
    VERMINDER,
    quadrant_for,
)
from igemo_data.texts import Phrase
from igemo_data.texts.said import Refused

COLUMNS: Final = (
    "id",
    "quadrant",
    "market",
    "need",
    "market_margin",
    "need_margin",
    "market_cross",
    "need_cross",
    "flip_score",
    "flip_value",
    "p_vermeerder",
    "p_creeer",
    "p_verminder",
    "p_elimineer",
)
PROBABILITY_COLUMNS: Final = tuple(f"p_{q}" for q in QUADRANTS)
# The values a flip may set a score to: the plan's tenths, written as exact decimals.
FLIP_VALUES: Final = np.round(np.linspace(SCORE_MIN, SCORE_MAX, 11), 1)
UNCERTAINTY_MAX: Final = 1.0  # a spread as wide as the whole scale says nothing any more
DEFAULT_UNCERTAINTY: Final = 0.1
DEFAULT_DRAWS: Final = 2000
# A normal distribution's interquartile range is 1.349 standard deviations.
IQR_PER_SIGMA: Final = 1.349
# Services per block of draws: 512 × 2,000 draws × 4 scores of float32 is 16 MB at a time,
# whatever the portfolio's size. Fixed, so the same seed always draws the same numbers.
BLOCK: Final = 512
WORKERS: Final = max(1, min(4, os.cpu_count() or 1))  # threads for portfolios of many blocks
_AXES: Final = {"market": (0, 1), "need": (2, 3)}  # the score columns each axis blends


def sensitivity(
    services: pd.DataFrame,
    horizon: float = 0.0,
    market_cut: float = DEFAULT_CUT,
    need_cut: float = DEFAULT_CUT,
    overrides: Overrides | None = None,
    uncertainty: float | pd.DataFrame = DEFAULT_UNCERTAINTY,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
) -> pd.DataFrame:
    """How firmly each service sits in its quadrant at these settings (design §9).

    One row per service, in input order, with the columns of `COLUMNS`: `quadrant`, `market`,
    `need` as `classify` gives them; the margins to the cuts; the horizon at which each axis
    first lies on the other side of its cut than now (`*_cross`, NaN when never or with a
    what-if on that axis); the smallest single change of one score to 1.0, 1.1, … 2.0 that
    moves the service to another quadrant (`flip_score`, `flip_value`; "" and NaN when none
    does); and the share of `draws` Monte Carlo draws landing in each quadrant, every score
    drawn from Normal(score, uncertainty) clipped to [1, 2].

    `uncertainty` is one standard deviation for every score, or a table with `id` and the four
    score columns: one per service and score. A scoring round gives the latter:
    `uncertainty_from_answers` turns its raters' interquartile ranges into standard deviations.
    """
    _check_count("draws", draws)
    _check_count("seed", seed, low=0)
    placed = classify(
        services,
        horizon=horizon,
        market_cut=market_cut,
        need_cut=need_cut,
        overrides=overrides,
    )
    scores = np.column_stack([placed[c].to_numpy("float64") for c in SCORE_COLUMNS])
    fixed = _fixed_axes(placed, overrides or {})
    sigma = _sigma(placed, uncertainty)
    market = placed["market"].to_numpy("float64")
    need = placed["need"].to_numpy("float64")
    cuts = {"market": float(market_cut), "need": float(need_cut)}
    columns: dict[str, object] = {
        "id": placed["id"],
        "quadrant": placed["quadrant"],
        "market": market,
        "need": need,
        "market_margin": market - cuts["market"],
        "need_margin": need - cuts["need"],
    }
    for axis, (now, future) in _AXES.items():
        crossing = crossing_horizon(scores[:, now], scores[:, future], cuts[axis])
        columns[f"{axis}_cross"] = np.where(fixed[axis], np.nan, crossing)
    columns["flip_score"], columns["flip_value"] = _flips(
        scores, fixed, placed, float(horizon), cuts
    )
    shares = _shares(
        scores,
        sigma,
        fixed,
        {"market": market, "need": need},
        cuts,
        float(horizon),
        int(draws),
        int(seed),
    )
    for quadrant, share in shares.items():
        columns[f"p_{quadrant}"] = share
    result = pd.DataFrame(columns)
    # What a chart or slide drawn from this table says it was drawn with.
    same = float(sigma.flat[0]) if sigma.size and (sigma == sigma.flat[0]).all() else None
    result.attrs.update(uncertainty=same, draws=int(draws), seed=int(seed))
    return result


def crossing_horizon(now: np.ndarray, future: np.ndarray, cut: float) -> np.ndarray:
    """Per service, the horizon where the line from `now` (t = 0) to `future` (t = 1) meets
    `cut`, when the two ends lie on opposite sides of it by `classify`'s rule; else NaN.

    Weak now and strong later: at that horizon the value is on the cut, which counts as strong
    (e1's need, 1 → 2, is strong from exactly 50 %). Strong now and weak later: on the cut it is
    still strong, and weak at every horizon after it.
    """
    now = np.asarray(now, dtype="float64")
    future = np.asarray(future, dtype="float64")
    threshold = cut - CUT_TOLERANCE
    changes = (now >= threshold) != (future >= threshold)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = (cut - now) / (future - now)
    return np.where(changes, np.clip(at, 0.0, 1.0), np.nan)


def _fixed_axes(placed: pd.DataFrame, overrides: Overrides) -> dict[str, np.ndarray]:
    """Per axis, which services have a what-if on it (that axis no longer follows its scores)."""
    fixed = {axis: np.zeros(len(placed), dtype=bool) for axis in _AXES}
    if overrides:  # classify has refused unknown services already
        positions = pd.Index(placed["id"]).get_indexer(list(overrides))
        for position, entry in zip(positions, overrides.values(), strict=True):
            for axis in _AXES:
                fixed[axis][position] = entry.get(axis) is not None
    return fixed


def _flips(
    scores: np.ndarray,
    fixed: Mapping[str, np.ndarray],
    placed: pd.DataFrame,
    horizon: float,
    cuts: Mapping[str, float],
) -> tuple[np.ndarray, np.ndarray]:
    """The one score change to a tenth that moves each service to another quadrant with the
    smallest step (ties: the columns' order of design §2, then the lower value)."""
    count = len(scores)
    quadrant_now = _quadrant_index(
        placed["market_strong"].to_numpy(bool), placed["need_strong"].to_numpy(bool)
    )
    # candidates[service, column, value]: the axis that column moves, recomputed as classify
    # does; the other axis keeps classify's own strength.
    distance = np.full((count, 4, len(FLIP_VALUES)), np.inf)
    for column in range(4):
        axis = "market" if column < 2 else "need"
        now, future = _AXES[axis]
        trial_now = np.broadcast_to(scores[:, now, None], (count, len(FLIP_VALUES))).copy()
        trial_future = np.broadcast_to(scores[:, future, None], (count, len(FLIP_VALUES))).copy()
        (trial_now if column == now else trial_future)[:] = FLIP_VALUES
        value = (1 - horizon) * trial_now + horizon * trial_future
        strong = value >= cuts[axis] - CUT_TOLERANCE
        if axis == "market":
            other = placed["need_strong"].to_numpy(bool)[:, None]
            moved = _quadrant_index(strong, other)
        else:
            other = placed["market_strong"].to_numpy(bool)[:, None]
            moved = _quadrant_index(other, strong)
        step = np.round(np.abs(FLIP_VALUES[None, :] - scores[:, column, None]), 9)
        flips = (moved != quadrant_now[:, None]) & (step > 0) & ~fixed[axis][:, None]
        distance[:, column, :] = np.where(flips, step, np.inf)
    flat = distance.reshape(count, 4 * len(FLIP_VALUES))
    best = np.argmin(flat, axis=1)  # the first of equal steps: column order, then lower value
    found = np.isfinite(flat[np.arange(count), best])
    columns = np.array(SCORE_COLUMNS, dtype=object)[best // len(FLIP_VALUES)]
    values = FLIP_VALUES[best % len(FLIP_VALUES)]
    return np.where(found, columns, ""), np.where(found, values, np.nan)


def _quadrant_index(market_strong: np.ndarray, need_strong: np.ndarray) -> np.ndarray:
    """0 … 3 for (weak, weak), (weak, strong), (strong, weak), (strong, strong)."""
    return np.asarray(market_strong, dtype=np.int8) * 2 + np.asarray(need_strong, dtype=np.int8)


def _shares(
    scores: np.ndarray,
    sigma: np.ndarray,
    fixed: Mapping[str, np.ndarray],
    position: Mapping[str, np.ndarray],
    cuts: Mapping[str, float],
    horizon: float,
    draws: int,
    seed: int,
) -> dict[str, np.ndarray]:
    """Share of `draws` random draws in each quadrant, per service.

    A draw moves a score by `clip(σ·z, 1 − score, 2 − score)`: the clipped normal of §9 as a
    step from the score. An axis moves by the horizon's blend of its two steps, and is strong
    when that step reaches the distance from `classify`'s value to the cut (`cut − tolerance −
    value`, exact in float64). At σ = 0 every step is exactly 0: `classify`'s own verdict.
    """
    count = len(scores)
    weights = (1.0 - horizon, horizon)
    low = (SCORE_MIN - scores).astype(np.float32)
    high = (SCORE_MAX - scores).astype(np.float32)
    spread = sigma.astype(np.float32)
    needed = {
        axis: (cuts[axis] - CUT_TOLERANCE - position[axis]).astype(np.float32) for axis in _AXES
    }
    starts = range(0, count, BLOCK)
    # One stream per block and score column: a score's draws are the same at every horizon,
    # and a score the horizon gives no weight (market potential at 0 %) is not drawn at all.
    seeds = np.random.SeedSequence(seed).spawn(4 * max(1, len(starts)))
    strong_counts = {axis: np.zeros(count, dtype=np.int64) for axis in _AXES}
    both = np.zeros(count, dtype=np.int64)

    def block(number: int) -> None:
        rows = slice(starts[number], min(starts[number] + BLOCK, count))
        size = rows.stop - rows.start
        strong = {}
        for axis, columns in _AXES.items():
            step = np.zeros((size, draws), dtype=np.float32)
            for column, weight in zip(columns, weights, strict=True):
                if weight == 0.0:
                    continue
                rng = np.random.default_rng(seeds[4 * number + column])
                z = rng.standard_normal((size, draws), dtype=np.float32)
                z *= spread[rows, column, None]
                np.maximum(z, low[rows, column, None], out=z)  # two passes: quicker than clip
                np.minimum(z, high[rows, column, None], out=z)
                z *= np.float32(weight)
                step += z
            step[fixed[axis][rows]] = 0.0  # a what-if holds its axis still
            strong[axis] = step >= needed[axis][rows, None]
            strong_counts[axis][rows] = np.count_nonzero(strong[axis], axis=1)
        both[rows] = np.count_nonzero(strong["market"] & strong["need"], axis=1)

    if len(starts) > 1:  # numpy lets go of the GIL while it draws: blocks run side by side
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            list(pool.map(block, range(len(starts))))
    else:
        for number in range(len(starts)):
            block(number)
    market_only = strong_counts["market"] - both
    need_only = strong_counts["need"] - both
    neither = draws - market_only - need_only - both
    counts = {
        quadrant_for(market_strong=True, need_strong=True): both,
        quadrant_for(market_strong=False, need_strong=True): need_only,
        quadrant_for(market_strong=True, need_strong=False): market_only,
        quadrant_for(market_strong=False, need_strong=False): neither,
    }
    return {q: counts[q] / draws for q in (VERMEERDER, CREEER, VERMINDER, ELIMINEER)}


def _sigma(placed: pd.DataFrame, uncertainty: float | pd.DataFrame) -> np.ndarray:
    """The standard deviation per service and score column, shape (services, 4)."""
    count = len(placed)
    if isinstance(uncertainty, pd.DataFrame):
        missing = [c for c in ("id", *SCORE_COLUMNS) if c not in uncertainty.columns]
        if missing:
            raise Refused(Phrase.of("firmness_uncertainty_columns", columns=", ".join(missing)))
        by_id = uncertainty.drop_duplicates("id").set_index("id")
        sigma = (
            by_id.reindex(placed["id"])[list(SCORE_COLUMNS)]
            .apply(pd.to_numeric, errors="coerce")
            .to_numpy("float64")
        )
        # A service or score the round says nothing about keeps its score as it is.
        sigma = np.nan_to_num(sigma, nan=0.0)
        if ((sigma < 0) | (sigma > UNCERTAINTY_MAX)).any():
            worst = float(sigma[(sigma < 0) | (sigma > UNCERTAINTY_MAX)][0])
            _check_uncertainty(worst)
        return sigma
    _check_uncertainty(uncertainty)
    return np.full((count, 4), float(uncertainty))


def _check_uncertainty(value: object) -> None:
    is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not is_number or math.isnan(value) or not 0.0 <= value <= UNCERTAINTY_MAX:
        raise Refused(
            Phrase.of(
                "matrix_out_of_range",
                name="uncertainty",
                low=0.0,
                high=UNCERTAINTY_MAX,
                value=repr(value),
            )
        )


def _check_count(name: str, value: object, *, low: int = 1) -> None:
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < low:
        raise Refused(Phrase.of("firmness_whole_number", name=name, low=low, value=repr(value)))


def uncertainty_from_answers(answers: pd.DataFrame) -> pd.DataFrame:
    """A scoring round's spread as `sensitivity`'s uncertainty: per service and score, the
    raters' interquartile range over 1.349 (a normal distribution's IQR in standard deviations).

    `answers` is design §8's: one row per participant and service, `service_id` and the four
    scores (NaN = "weet niet"). A score nobody gave has no spread (NaN, read as 0).
    """
    grouped = answers.groupby("service_id", sort=False)[list(SCORE_COLUMNS)]
    spread = (grouped.quantile(0.75) - grouped.quantile(0.25)) / IQR_PER_SIGMA
    return spread.clip(upper=UNCERTAINTY_MAX).rename_axis("id").reset_index()


def staying(table: pd.DataFrame) -> pd.Series:
    """Per service id, the chance it stays in the quadrant `classify` puts it in."""
    shares = table[list(PROBABILITY_COLUMNS)].to_numpy()
    column = {q: i for i, q in enumerate(QUADRANTS)}
    picked = shares[np.arange(len(table)), [column[q] for q in table["quadrant"]]]
    return pd.Series(picked, index=table["id"].to_numpy(), name="p_stay")


def fragile_first(table: pd.DataFrame) -> np.ndarray:
    """The rows' positions, most fragile first: the largest chance to be elsewhere, then the
    nearest cut, then the plan's order."""
    nearest = np.minimum(
        np.abs(table["market_margin"].to_numpy(float)), np.abs(table["need_margin"].to_numpy(float))
    )
    elsewhere = 1 - staying(table).to_numpy()
    return np.lexsort((np.arange(len(table)), nearest, -elsewhere))
