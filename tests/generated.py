"""Plan-shaped portfolios made up for the chart tests and bench/chart_build.py."""

from __future__ import annotations

import random

import pandas as pd

from igemo_data import DOMAINS


def random_services(seed: int, count: int, values: tuple[float, ...]) -> pd.DataFrame:
    """A plan-shaped table whose scores tie and nearly tie, e.g. 1.5 beside 1.52."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        domain = DOMAINS[i % len(DOMAINS)]
        rows.append(
            {
                "id": f"{domain.lower()}-x{i}",
                "domain": domain,
                "cluster": f"Cluster {i % 4}",
                "code": f"x{i}",
                "name": f"Dienst {i}",
                "description": "",
                "market_current": rng.choice(values),
                "market_potential": rng.choice(values),
                "need_current": rng.choice(values),
                "need_future": rng.choice(values),
                "plan_decision": "",
                "plan_note": "",
            }
        )
    return pd.DataFrame(rows)
