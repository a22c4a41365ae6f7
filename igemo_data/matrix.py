"""The Harrigan matrix of design §3, computed in DuckDB.

One in-memory connection per process and a cursor per call: a DuckDB connection shared by
Streamlit's script threads refuses concurrent calls, its cursors do not.
"""

from __future__ import annotations

import functools
import math
import numbers
import threading
from collections.abc import Mapping

import duckdb
import pandas as pd

from igemo_data.schema import DEFAULT_CUT, SCORE_MAX, SCORE_MIN, quadrant_for

Overrides = Mapping[str, Mapping[str, float]]

# Floating point puts 0.7·1 + 0.3·2 a hair below 1.3; the plan's rule "on the cut is strong"
# must hold for what a director sees on the slider, so the comparison allows this much.
CUT_TOLERANCE = 1e-9

# Columns classify adds. An input that already has them (a table classify returned, fed back in
# for another horizon) would otherwise keep its stale values next to DuckDB's renamed new ones.
DERIVED_COLUMNS = ("market", "need", "market_strong", "need_strong", "quadrant", "overridden")
_POSITION = "_position"

_SQL = """
WITH placed AS (
    SELECT
        s.*,
        coalesce(o.market, (1 - $horizon) * s.market_current + $horizon * s.market_potential)
            AS market,
        coalesce(o.need, (1 - $horizon) * s.need_current + $horizon * s.need_future) AS need,
        (o.market IS NOT NULL OR o.need IS NOT NULL) AS overridden
    FROM services_in AS s
    LEFT JOIN overrides_in AS o ON o.id = s.id
), judged AS (
    SELECT
        *,
        market >= $market_cut - $tolerance AS market_strong,
        need >= $need_cut - $tolerance AS need_strong
    FROM placed
)
SELECT
    * EXCLUDE (_position, overridden),
    CASE
        WHEN need_strong AND market_strong THEN $q_strong_strong
        WHEN need_strong THEN $q_weak_market_strong_need
        WHEN market_strong THEN $q_strong_market_weak_need
        ELSE $q_weak_weak
    END AS quadrant,
    overridden
FROM judged
ORDER BY _position
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
    _check_range("horizon", horizon, 0.0, 1.0)
    _check_range("market_cut", market_cut, SCORE_MIN, SCORE_MAX)
    _check_range("need_cut", need_cut, SCORE_MIN, SCORE_MAX)
    override_frame = _override_frame(services, overrides or {})

    stale = [c for c in (*DERIVED_COLUMNS, _POSITION) if c in services.columns]
    services_in = services.drop(columns=stale).assign(**{_POSITION: range(len(services))})
    con = cursor()
    try:
        con.register("services_in", services_in)
        con.register("overrides_in", override_frame)
        return con.execute(
            _SQL,
            {
                "horizon": float(horizon),
                "market_cut": float(market_cut),
                "need_cut": float(need_cut),
                "tolerance": CUT_TOLERANCE,
                # schema.quadrant_for is the one place that maps the axes to the keys.
                "q_strong_strong": quadrant_for(market_strong=True, need_strong=True),
                "q_weak_market_strong_need": quadrant_for(market_strong=False, need_strong=True),
                "q_strong_market_weak_need": quadrant_for(market_strong=True, need_strong=False),
                "q_weak_weak": quadrant_for(market_strong=False, need_strong=False),
            },
        ).df()
    finally:
        con.close()


def _check_range(name: str, value: float, low: float, high: float) -> None:
    # numbers.Real takes numpy scalars too; a bool is a mistake, not the number 0 or 1.
    is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not is_number or math.isnan(value) or not low <= value <= high:
        raise ValueError(f"{name} moet tussen {low:g} en {high:g} liggen, niet {value!r}")


def _override_frame(services: pd.DataFrame, overrides: Overrides) -> pd.DataFrame:
    known = set(services["id"])
    unknown = sorted(str(key) for key in overrides if key not in known)
    if unknown:
        raise ValueError(f"onbekende dienst(en) in de what-ifs: {', '.join(unknown)}")
    rows = []
    for service_id, values in overrides.items():
        if not isinstance(values, Mapping):
            raise ValueError(
                f"what-if voor {service_id}: geef {{'market': …, 'need': …}}, niet {values!r}"
            )
        extra = set(values) - {"market", "need"}
        if extra:
            raise ValueError(
                f"what-if voor {service_id}: alleen 'market' en 'need', niet {sorted(extra)}"
            )
        for axis in ("market", "need"):
            if values.get(axis) is not None:
                _check_range(
                    f"what-if {axis} voor {service_id}", values[axis], SCORE_MIN, SCORE_MAX
                )
        rows.append((service_id, values.get("market"), values.get("need")))
    return pd.DataFrame(
        {
            "id": pd.Series([r[0] for r in rows], dtype="object"),
            "market": pd.Series([r[1] for r in rows], dtype="float64"),
            "need": pd.Series([r[2] for r in rows], dtype="float64"),
        }
    )
