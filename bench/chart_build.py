"""How long the quadrant chart takes to build and to turn into a Vega-Lite spec.

Times `charts.quadrant_chart` as the overview calls it (920×700 px), and the chart's
`to_dict()` with and without jsonschema validation, on the bundled 39 services (plain, with two
what-ifs drawn as ghosts, with the evolution arrows) and on 1,000 generated services.

    python bench/chart_build.py                  # 30 timed runs per case after 3 warm-ups
    python bench/chart_build.py --runs 5         # a quick run
    python bench/chart_build.py --output out.json

Prints min / median / max in milliseconds per case and step, and writes the samples to
bench/results/chart_build.json (git-ignored). Figures depend on the load of the machine;
compare runs made side by side.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import altair as alt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from igemo_data import charts, classify, load_services  # noqa: E402
from igemo_data.settings import Settings  # noqa: E402
from tests.generated import random_services  # noqa: E402 - shared with the chart tests

DEFAULT_OUTPUT = ROOT / "bench" / "results" / "chart_build.json"
WIDTH, HEIGHT = 920, 700  # the overview's plotting area (page.SCREEN_PLOT)
CUT = 1.5
SCORES = (1.0, 1.25, 1.5, 1.75, 2.0)  # ties and near-ties, as a workshop makes them


def cases() -> dict[str, Callable[[], alt.TopLevelMixin]]:
    """Name → a function that builds one chart, as the pages do."""
    services = load_services(ROOT / "data" / "services.csv")
    now = classify(services)
    future = classify(services, horizon=1.0)
    overrides = {"mens-s5": {"market": 1.8}, "ruimte-o6": {"need": 1.2}}
    what_ifs = classify(services, overrides=overrides)
    ghosts = now[now["id"].isin(list(overrides))]
    arrows = charts.evolution_arrows(
        now, future, Settings(market_cut=CUT, need_cut=CUT), width=WIDTH, height=HEIGHT
    )
    many = classify(random_services(7, 1000, SCORES), horizon=0.4)
    cuts = Settings(market_cut=CUT, need_cut=CUT)
    size = {"width": WIDTH, "height": HEIGHT}
    return {
        "39 services": lambda: charts.quadrant_chart(now, cuts, **size),
        "39 + 2 ghosts": lambda: charts.quadrant_chart(what_ifs, cuts, ghosts=ghosts, **size),
        "39 + 16 arrows": lambda: charts.quadrant_chart(now, cuts, arrows=arrows, **size),
        "1,000 services": lambda: charts.quadrant_chart(many, cuts, **size),
    }


def timed(step: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = step()
    return (time.perf_counter() - start) * 1000, result


def measure(build: Callable[[], alt.TopLevelMixin], runs: int, warmup: int) -> dict:
    samples: dict[str, list[float]] = {"build": [], "to_dict": [], "to_dict(validate=False)": []}
    for run in range(warmup + runs):
        build_ms, chart = timed(build)
        validated_ms, _ = timed(lambda chart=chart: chart.to_dict())
        plain_ms, _ = timed(lambda chart=chart: chart.to_dict(validate=False))
        if run >= warmup:
            samples["build"].append(build_ms)
            samples["to_dict"].append(validated_ms)
            samples["to_dict(validate=False)"].append(plain_ms)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per case (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (default 3)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    report: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "altair": alt.__version__,
        "machine": platform.platform(),
        "size_px": [WIDTH, HEIGHT],
        "runs": args.runs,
        "cases": {},
    }
    print(f"quadrant_chart at {WIDTH}×{HEIGHT} px, {args.runs} runs after {args.warmup} warm-ups")
    print()
    print("| case | step | min ms | median ms | max ms |")
    print("|---|---|---|---|---|")
    for name, build in cases().items():
        samples = measure(build, args.runs, args.warmup)
        report["cases"][name] = samples
        for step, values in samples.items():
            print(
                f"| {name} | {step} | {min(values):.1f} | {statistics.median(values):.1f} "
                f"| {max(values):.1f} |"
            )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print()
    print(f"samples written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
