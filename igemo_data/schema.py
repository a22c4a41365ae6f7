"""The contracts of design §2 and §3: columns, allowed values and quadrant keys.

Kept in one place so the loader, the matrix, the charts and the tests agree on them.
"""

from __future__ import annotations

from typing import Final

COLUMNS: Final = (
    "id",
    "domain",
    "cluster",
    "code",
    "name",
    "description",
    "market_current",
    "market_potential",
    "need_current",
    "need_future",
    "plan_decision",
    "plan_note",
)
SCORE_COLUMNS: Final = ("market_current", "market_potential", "need_current", "need_future")
TEXT_COLUMNS: Final = tuple(c for c in COLUMNS if c not in SCORE_COLUMNS)
# A file without these cannot be placed on the matrix or named on the chart.
REQUIRED_COLUMNS: Final = ("id", "domain", "cluster", "code", "name", *SCORE_COLUMNS)

DOMAINS: Final = ("RUIMTE", "MENS", "BESTUUR")
DECISIONS: Final = ("invest", "wait", "niche", "phase_out", "no_invest")

SCORE_MIN: Final = 1.0
SCORE_MAX: Final = 2.0
DEFAULT_CUT: Final = 1.5

# Stable identifiers of design §3; the Dutch action words are labels in `texts`.
VERMEERDER: Final = "vermeerder"
CREEER: Final = "creeer"
VERMINDER: Final = "verminder"
ELIMINEER: Final = "elimineer"
QUADRANTS: Final = (VERMEERDER, CREEER, VERMINDER, ELIMINEER)


def quadrant_for(market_strong: bool, need_strong: bool) -> str:
    """The plan's reading of the two axes (design §3), as the one place that maps them."""
    if need_strong:
        return VERMEERDER if market_strong else CREEER
    return VERMINDER if market_strong else ELIMINEER


# Limits against accidents and attacks, each far above a real portfolio (100,000 services
# make a 16 MB CSV): a bigger file, a zip that unpacks to more, or longer texts are refused.
MAX_BYTES: Final = 32 * 1024 * 1024
MAX_UNPACKED: Final = 128 * 1024 * 1024
MAX_ROWS: Final = 200_000
MAX_COLUMNS: Final = 200
MAX_PROBLEMS: Final = 200
MAX_TEXT: Final = {
    "id": 80,
    "domain": 20,
    "cluster": 120,
    "code": 20,
    "name": 200,
    "description": 1000,
    "plan_decision": 20,
    "plan_note": 2000,
}
