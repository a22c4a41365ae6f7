"""The Harrigan matrix of design §3, computed in DuckDB.

One in-memory connection per process and a cursor per call: a DuckDB connection shared by
Streamlit's script threads refuses concurrent calls, its cursors do not.
"""

from __future__ import annotations

import functools
import math
import numbers
import threading
from collections.abc import Mapping, Sequence

import duckdb
import numpy as np
import pandas as pd

from igemo_data.schema import DEFAULT_CUT, SCORE_COLUMNS, SCORE_MAX, SCORE_MIN, quadrant_for
from igemo_data.settings import Settings
from igemo_data.texts import Phrase
from igemo_data.texts.said import Refused

Overrides = Mapping[str, Mapping[str, float]]

# Floating point puts 0.7·1 + 0.3·2 a hair below 1.3; the plan's rule "on the cut is strong"
# must hold for what a director sees on the slider, so the comparison allows this much.
CUT_TOLERANCE = 1e-9

# Columns classify adds. An input that already has them (a table classify returned, fed back in
# for another horizon) would otherwise keep its stale values next to DuckDB's renamed new ones.
DERIVED_COLUMNS = ("market", "need", "market_strong", "need_strong", "quadrant", "overridden")
_POSITION = "_position"

# Only numbers cross into DuckDB: the service's position, its four scores and its what-ifs.
# Text columns stay in pandas, which keeps 100,000 services well under the workshop's latency.
_SQL = """
WITH placed AS (
    SELECT
        _step,
        _position,
        coalesce(what_if_market,
                 (1 - horizon) * market_current + horizon * market_potential) AS market,
        coalesce(what_if_need, (1 - horizon) * need_current + horizon * need_future) AS need,
        (what_if_market IS NOT NULL OR what_if_need IS NOT NULL) AS overridden
    FROM services_in CROSS JOIN horizons_in
)
SELECT
    market,
    need,
    market >= $market_cut - $tolerance AS market_strong,
    need >= $need_cut - $tolerance AS need_strong,
    overridden
FROM placed
ORDER BY _step, _position
"""


@functools.cache
def _connection() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(":memory:")


_connection_lock = threading.Lock()


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the process's one in-memory DuckDB connection."""
    with _connection_lock:
        return _connection().cursor()


def classify(
    services: pd.DataFrame,
    *,
    horizon: float = 0.0,
    market_cut: float = DEFAULT_CUT,
    need_cut: float = DEFAULT_CUT,
    overrides: Overrides | None = None,
) -> pd.DataFrame:
    """Place every service on the matrix for one horizon, pair of cut lines and what-ifs.

    Returns one row per service in input order: the service's columns plus `market`, `need`,
    `market_strong`, `need_strong`, `quadrant` (a key of design §3) and `overridden`.
    """
    (table,) = classify_steps(
        services, [horizon], market_cut=market_cut, need_cut=need_cut, overrides=overrides
    )
    return table


def classify_steps(
    services: pd.DataFrame,
    horizons: Sequence[float],
    *,
    market_cut: float = DEFAULT_CUT,
    need_cut: float = DEFAULT_CUT,
    overrides: Overrides | None = None,
) -> list[pd.DataFrame]:
    """`classify` at each of `horizons`, in one query.

    Why: the live chart classifies the plan at every whole percent of the horizon (101 tables);
    one query over the services times the horizons costs about what one `classify` does.
    """
    for horizon in horizons:
        _check_range("horizon", horizon, 0.0, 1.0)
    _check_range("market_cut", market_cut, SCORE_MIN, SCORE_MAX)
    _check_range("need_cut", need_cut, SCORE_MIN, SCORE_MAX)
    override_frame = _override_frame(services, overrides or {})

    stale = [c for c in (*DERIVED_COLUMNS, _POSITION) if c in services.columns]
    base = services.drop(columns=stale).reset_index(drop=True)
    numbers_in = pd.DataFrame(
        {
            _POSITION: np.arange(len(base)),
            **{column: base[column].to_numpy("float64") for column in SCORE_COLUMNS},
            "what_if_market": override_frame["market"],
            "what_if_need": override_frame["need"],
        }
    )
    horizons_in = pd.DataFrame(
        {"_step": np.arange(len(horizons)), "horizon": np.asarray(horizons, dtype="float64")}
    )
    con = cursor()
    try:
        con.register("services_in", numbers_in)
        con.register("horizons_in", horizons_in)
        placed = con.execute(
            _SQL,
            {
                "market_cut": float(market_cut),
                "need_cut": float(need_cut),
                "tolerance": CUT_TOLERANCE,
            },
        ).fetchnumpy()
    finally:
        con.close()
    # schema.quadrant_for is the one place that maps the two axes to the quadrant keys.
    keys = np.array(
        [
            quadrant_for(market_strong=m, need_strong=n)
            for m in (False, True)
            for n in (False, True)
        ],
        dtype=object,
    )
    count = len(base)
    tables = []
    for step in range(len(horizons)):
        rows = slice(step * count, (step + 1) * count)
        market_strong = placed["market_strong"][rows].astype(bool)
        need_strong = placed["need_strong"][rows].astype(bool)
        result = base if len(horizons) == 1 else base.copy()
        result["market"] = placed["market"][rows].astype("float64")
        result["need"] = placed["need"][rows].astype("float64")
        result["market_strong"] = market_strong
        result["need_strong"] = need_strong
        result["quadrant"] = keys[market_strong.astype(int) * 2 + need_strong.astype(int)]
        result["overridden"] = placed["overridden"][rows].astype(bool)
        tables.append(result)
    return tables


def _check_range(name: str | Phrase, value: float, low: float, high: float) -> None:
    # numbers.Real takes numpy scalars too; a bool is a mistake, not the number 0 or 1.
    is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not is_number or math.isnan(value) or not low <= value <= high:
        raise Refused(
            Phrase.of("matrix_out_of_range", name=name, low=low, high=high, value=repr(value))
        )


def _override_frame(services: pd.DataFrame, overrides: Overrides) -> pd.DataFrame:
    """The what-ifs aligned with the services' rows (masked: no what-if is NULL in DuckDB)."""
    count = len(services)
    values = {"market": np.zeros(count), "need": np.zeros(count)}
    missing = {"market": np.ones(count, dtype=bool), "need": np.ones(count, dtype=bool)}
    if overrides:
        wanted = list(overrides)
        # A vectorised lookup: iterating 100,000 ids in Python would cost more than the query.
        positions = pd.Index(services["id"]).get_indexer(wanted)
        unknown = sorted(str(key) for key, pos in zip(wanted, positions, strict=True) if pos < 0)
        if unknown:
            raise Refused(Phrase.of("matrix_unknown_services", services=", ".join(unknown)))
        for service_id, position in zip(wanted, positions, strict=True):
            entry = overrides[service_id]
            if not isinstance(entry, Mapping):
                raise Refused(
                    Phrase.of(
                        "matrix_what_if_shape",
                        service=service_id,
                        shape="{'market': …, 'need': …}",
                        value=repr(entry),
                    )
                )
            extra = set(entry) - {"market", "need"}
            if extra:
                raise Refused(
                    Phrase.of("matrix_what_if_axes", service=service_id, extra=str(sorted(extra)))
                )
            for axis in ("market", "need"):
                if entry.get(axis) is not None:
                    what = Phrase.of("matrix_what_if", axis=axis, service=service_id)
                    _check_range(what, entry[axis], SCORE_MIN, SCORE_MAX)
                    values[axis][position] = float(entry[axis])
                    missing[axis][position] = False
    return pd.DataFrame(
        {axis: pd.arrays.FloatingArray(values[axis], missing[axis]) for axis in ("market", "need")}
    )


def classify_with(services: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """`classify` at one Settings value: what every page and export draws from."""
    return classify(
        services,
        horizon=settings.horizon,
        market_cut=settings.market_cut,
        need_cut=settings.need_cut,
        overrides=settings.overrides,
    )
