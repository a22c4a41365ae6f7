"""One shared fixture world: the bundled services, classified the plan's way."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from igemo_data import classify, load_services

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "services.csv"


@pytest.fixture(scope="session")
def services() -> pd.DataFrame:
    return load_services(BUNDLED)


@pytest.fixture(scope="session")
def baseline(services: pd.DataFrame) -> pd.DataFrame:
    return classify(services)
