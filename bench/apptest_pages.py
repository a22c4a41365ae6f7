"""(a) AppTest script time of every page after a horizon change, against an empty page.

For every file Streamlit serves as a page (app.py and pages/*.py) one AppTest session runs the
page once (not timed), then sets the "Tijdshorizon" slider to another value and reruns,
`--repeat` times, bouncing 5 % at a time between 0 and 100 %. Each sample is the wall time of
that rerun (`AppTest.run()`: the whole script, as AppTest runs it, in this process). An empty
page (a script that only imports Streamlit) is rerun the same number of times in the same
process: the ratio of medians says how much each page costs beyond Streamlit's own rerun.

    python bench/apptest_pages.py               # 10 reruns per page
    python bench/apptest_pages.py --repeat 1    # proves the script works
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402 - beside this script

EMPTY_PAGE = "import streamlit as st\n"


def page_files() -> list[str]:
    """Every page of the workshop's app, then the bench's measurement pages."""
    return [
        "app.py",
        *sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")),
        *common.measurement_page_files(),
    ]


def _session(page_file: str):
    from streamlit.testing.v1 import AppTest

    # The measurement pages are served by the bench's own app only.
    measuring = page_file in common.measurement_page_files()
    main = common.bench_app() / "app.py" if measuring else ROOT / "app.py"
    at = AppTest.from_file(str(main), default_timeout=300)
    if page_file != "app.py":
        at.switch_page(page_file)
    return at


def _values(count: int) -> list[int]:
    """Horizon values 5, 10, … bouncing between 0 and 100, each differing from the one before."""
    values, value, step = [], 0, 5
    for _ in range(count):
        if not 0 <= value + step <= 100:
            step = -step
        value += step
        values.append(value)
    return values


def measure_page(page_file: str, repeat: int) -> tuple[list[float], float, int]:
    """(rerun samples in ms, first run in ms, exceptions shown)."""
    at = _session(page_file)
    first = common.clock_ms(at.run)
    values = _values(repeat)
    samples = common.timed(lambda i: common.set_horizon(at, values[i]), repeat)
    return samples, first, len(at.exception)


def measure_empty(repeat: int) -> tuple[list[float], float]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(EMPTY_PAGE, default_timeout=300)
    first = common.clock_ms(at.run)
    return common.timed(lambda i: at.run(), repeat), first


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__.split("\n\n")[0], "apptest_pages")
    parser.add_argument("--repeat", type=int, default=10, help="timed reruns per page")
    parser.add_argument(
        "--pages", help="comma-separated page files (default: every page), e.g. app.py"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    common.isolated_store()
    common.quiet_streamlit()
    os.environ.pop("STRATEGIEKAART_DATA", None)  # the bundled 39 services

    report = common.Report("apptest_pages", argv)
    files = args.pages.split(",") if args.pages else page_files()

    # The empty page first and last: the machine's load drifts, the floor is their pooled median.
    empty_before, empty_first = measure_empty(args.repeat)
    pages: dict[str, dict[str, object]] = {}
    for page_file in files:
        samples, first, errors = measure_page(page_file, args.repeat)
        pages[page_file] = {
            **common.Stats.of(samples).as_dict(samples),
            "first_run_ms": round(first, 1),
            "exceptions": errors,
        }
    empty_after, _ = measure_empty(args.repeat)
    empty = empty_before + empty_after
    floor = common.Stats.of(empty)

    rows = [["(empty page)", *common.stat_row([], empty), 1.0, empty_first, 0]]
    for page_file, entry in pages.items():
        ratio = entry["median"] / floor.median
        entry["ratio_to_empty"] = round(ratio, 2)
        rows.append(
            [
                page_file,
                entry["count"],
                entry["min"],
                entry["median"],
                entry["max"],
                ratio,
                entry["first_run_ms"],
                entry["exceptions"],
            ]
        )
    report.table(
        common.Table(
            "(a) AppTest: rerun after a horizon change, ms (the empty page: a plain rerun)",
            ["page", "n", "min", "median", "max", "× empty", "first run", "exceptions"],
            rows,
            note="× empty: the page's median over the empty page's (measured before and after"
            " the pages, pooled). No target in issue 6; exceptions should be 0.",
        )
    )
    report.row("a", "AppTest rerun, empty page", empty)
    for page_file, entry in pages.items():
        note = f"{entry['exceptions']} exception(s) shown" if entry["exceptions"] else ""
        report.row(
            "a",
            f"AppTest rerun after a horizon change, {page_file}",
            entry["samples"],
            shown=f"{entry['ratio_to_empty']:.1f}× empty",
            note=note,
        )
    report.data.update(
        repeat=args.repeat,
        empty_page={**floor.as_dict(empty), "first_run_ms": round(empty_first, 1)},
        pages=pages,
    )
    report.write(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
