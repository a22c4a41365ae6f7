"""Issue 15: `sensitivity` at scale, and the page Gevoeligheid's key press against the overview's.

(1) `sensitivity` for generated portfolios (bench/common.py's, the same on every machine) with
2,000 draws, at horizon 0 % and 50 % (at 50 % every score moves its axis), `--repeat` calls
each after one warm-up call. Target: 10,000 services × 2,000 draws in at most 1 s.

(2) The key press, as `bench/apptest_pages.py` measures a page: AppTest script time of a rerun
after a horizon change, the page Gevoeligheid and the overview (app.py) alternately in the same
run on the bundled 39 services. Target: the page's median at most the overview's.

    python bench/sensitivity.py                         # 10,000 services, 10 calls, 10 reruns
    python bench/sensitivity.py --sizes 39 --repeat 1   # proves the script works
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import apptest_pages  # noqa: E402 - beside this script
import common  # noqa: E402

PAGE = "pages/12_Gevoeligheid.py"
OVERVIEW = "app.py"
DRAWS = 2000
LIMIT_MS = 1000.0


def measure_sensitivity(size: int, horizon: float, repeat: int) -> list[float]:
    from igemo_data import load_services, sensitivity

    path = common.BUNDLED if size == 39 else common.portfolio(size)
    services = load_services(path)
    return common.timed(
        lambda i: sensitivity(services, horizon=horizon, draws=DRAWS, seed=i),
        repeat,
        warmup=1,
    )


def measure_pages(repeat: int) -> dict[str, list[float]]:
    """Rerun samples of both pages, measured in turns so the machine's drift hits both."""
    samples: dict[str, list[float]] = {PAGE: [], OVERVIEW: []}
    for _ in range(2):
        for page_file in samples:
            taken, _, errors = apptest_pages.measure_page(page_file, max(1, repeat // 2))
            if errors:
                raise RuntimeError(f"{page_file} showed {errors} exception(s)")
            samples[page_file].extend(taken)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__.split("\n\n")[0], "sensitivity")
    parser.add_argument("--sizes", default="10000", help="comma-separated portfolio sizes")
    parser.add_argument("--repeat", type=int, default=10, help="timed calls and reruns")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    common.isolated_store()
    common.quiet_streamlit()
    os.environ.pop("STRATEGIEKAART_DATA", None)  # the pages: the bundled 39 services
    report = common.Report("sensitivity", argv)

    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for size in sizes:
        for horizon in (0.0, 0.5):
            samples = measure_sensitivity(size, horizon, args.repeat)
            rows.append(common.stat_row([f"{size:,}", f"{horizon:.0%}"], samples))
            target = size == 10_000
            report.row(
                "sensitivity",
                f"sensitivity, {size:,} services × {DRAWS:,} draws, horizon {horizon:.0%}",
                samples,
                limit=LIMIT_MS if target else None,
                target="≤ 1 s" if target else "",
            )
    report.table(
        common.Table(
            f"sensitivity(): {DRAWS:,} draws, ms per call",
            ["services", "horizon", "n", "min", "median", "max"],
            rows,
            note="Target (issue 15): 10,000 services × 2,000 draws ≤ 1 s.",
        )
    )

    pages = measure_pages(args.repeat)
    page_stats = common.Stats.of(pages[PAGE])
    overview_stats = common.Stats.of(pages[OVERVIEW])
    ratio = page_stats.median / overview_stats.median
    report.table(
        common.Table(
            "Key press (AppTest rerun after a horizon change), 39 services, ms",
            ["page", "n", "min", "median", "max"],
            [common.stat_row([name], taken) for name, taken in pages.items()],
            note=f"Gevoeligheid / overview = {ratio:.2f} (target ≤ 1).",
        )
    )
    report.row("sensitivity", "AppTest rerun after a horizon change, app.py", pages[OVERVIEW])
    report.row(
        "sensitivity",
        f"AppTest rerun after a horizon change, {PAGE}",
        pages[PAGE],
        value=ratio,
        shown=f"{ratio:.2f}× the overview",
        limit=1.0,
        target="≤ the overview's",
    )
    report.data.update(
        draws=DRAWS,
        sizes=sizes,
        pages={name: common.Stats.of(s).as_dict(s) for name, s in pages.items()},
        ratio=round(ratio, 3),
    )
    report.write(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
