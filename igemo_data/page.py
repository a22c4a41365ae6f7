"""Shim: moved to igemo_data.ui (removed after the merge).

tests/test_faults.py (not this branch's to edit) clears the cached scenario store through it;
the public seam is `igemo_data.ui.session.close_scenario_store()`.
"""

from igemo_data.ui.session import _scenario_store  # noqa: F401
