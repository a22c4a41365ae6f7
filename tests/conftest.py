"""One shared fixture world: the bundled services, classified the plan's way."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from igemo_data import classify, load_services

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "services.csv"

# No test may touch a real scenario store: every test run gets its own, also for the servers
# the browser tests start (they inherit the environment).
os.environ["STRATEGIEKAART_DB"] = str(
    Path(tempfile.mkdtemp(prefix="strategiekaart-tests-")) / "scenarios.duckdb"
)


@pytest.fixture(scope="session")
def services() -> pd.DataFrame:
    return load_services(BUNDLED)


@pytest.fixture(scope="session")
def baseline(services: pd.DataFrame) -> pd.DataFrame:
    return classify(services)
