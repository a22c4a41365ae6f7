"""Shim: moved to igemo_data.store.scenarios (removed after the merge)."""

from igemo_data.edition import PLAN_EDITION  # noqa: F401
from igemo_data.store.base import db_path_from_env  # noqa: F401
from igemo_data.store.scenarios import (  # noqa: F401
    NameTaken,
    Scenario,
    ScenarioError,
    ScenarioStore,
    Settings,
)
