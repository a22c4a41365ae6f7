"""Strategiekaart's logic: the services data, the Harrigan matrix, scenarios, charts and texts.

Pages import from here; nothing in this package except `page` touches Streamlit.
"""

from igemo_data.firmness import sensitivity
from igemo_data.loading import (
    LoadResult,
    Problem,
    ServiceDataError,
    ServiceDataWarning,
    load_services,
    read_services,
)
from igemo_data.matrix import classify
from igemo_data.rounds import group_scores, round_summary
from igemo_data.schema import COLUMNS, DECISIONS, DOMAINS, QUADRANTS

__all__ = [
    "COLUMNS",
    "DECISIONS",
    "DOMAINS",
    "QUADRANTS",
    "LoadResult",
    "Problem",
    "ServiceDataError",
    "ServiceDataWarning",
    "classify",
    "group_scores",
    "load_services",
    "read_services",
    "round_summary",
    "sensitivity",
]
