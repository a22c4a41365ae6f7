"""Which edition a session has chosen, as kept in its session state."""

# Moves to igemo_data/ui/ at the merge

from __future__ import annotations

from collections.abc import Mapping

from igemo_data.edition import PLAN_EDITION, is_known_form

# Where pages keep the active edition (the sidebar's choice).
ACTIVE_KEY = "_kept_edition"


def active_id(state: Mapping[str, object]) -> str:
    """The active edition's id as kept in session state, the plan's when none is kept."""
    value = state.get(ACTIVE_KEY)
    return value if isinstance(value, str) and is_known_form(value) else PLAN_EDITION
