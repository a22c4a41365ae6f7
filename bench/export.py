"""(d) Chart export: PNG, SVG and PDF of the overview's slide, first call and later calls.

The slide is `igemo_data.charts.export.slide_spec` of the bundled 39 services. Per format:
- first call: in a fresh Python process (vl-convert not yet started), `--first` times;
- later, same spec: the same spec again; `export` keeps identical specs' files (lru_cache), so
  this is what a second click on the same download costs;
- later, changed spec: a spec never rendered before (another horizon and cut), in a process
  that has rendered before: what the next download after a slider move costs.
`slide_spec` itself (building the chart and its Vega-Lite dict) is timed on its own; the file
times do not include it, and the "spec + PNG" row adds them up for a changed spec.

    python bench/export.py               # 10 later calls each, 3 fresh processes per format
    python bench/export.py --repeat 1    # proves the script works
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402 - beside this script

FORMATS = ("png", "svg", "pdf")
PNG_TARGET_MS = 150.0
DAY = date(2026, 1, 1)  # a fixed date: the subtitle, hence the spec, is the same every day


def _classified(horizon: float, cut: float):
    from igemo_data import classify, load_services

    return classify(load_services(common.BUNDLED), horizon=horizon, market_cut=cut)


def _spec(table, cut: float, horizon: float = 0.0) -> dict:
    from igemo_data.charts import export
    from igemo_data.settings import Settings

    return export.slide_spec(
        table,
        Settings(horizon=horizon, market_cut=cut),
        lang="nl",
        scenario_name="Bench",
        on=DAY,
    )


def _settings(count: int, offset: int) -> list[tuple[float, float]]:
    """`count` (horizon, market cut) pairs, none shared with another offset's."""
    out = []
    for n in range(offset, offset + count):
        horizon = (n % 20 + 1) * 0.05
        cut = round(1.5 - 0.05 * (n // 20 % 10), 2)
        out.append((horizon, cut))
    return out


def _clear_caches() -> None:
    from igemo_data.charts import export

    for name in ("_svg", "_png", "_pdf"):
        cached = getattr(export, name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


def _child_first(fmt: str, output: Path) -> None:
    """In a fresh process: the first spec and the first file of one format."""
    from igemo_data.charts import export

    table = _classified(0.0, 1.5)
    spec_ms = common.clock_ms(lambda: _spec(table, 1.5))
    spec = _spec(table, 1.5)
    render = getattr(export, fmt)
    file_ms = common.clock_ms(lambda: render(spec))
    output.write_text(json.dumps({"spec_ms": spec_ms, "file_ms": file_ms}), "utf-8")


def first_calls(fmt: str, times: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"spec_ms": [], "file_ms": []}
    for _ in range(times):
        with tempfile.TemporaryDirectory(prefix="strategiekaart-bench-") as scratch:
            result = Path(scratch) / "first.json"
            env = dict(os.environ, STRATEGIEKAART_DB=str(Path(scratch) / "s.duckdb"))
            subprocess.run(
                [sys.executable, __file__, "--child-first", fmt, "--child-output", str(result)],
                cwd=ROOT,
                env=env,
                check=True,
                timeout=600,
            )
            measured = json.loads(result.read_text("utf-8"))
        for key in out:
            out[key].append(measured[key])
    return out


def later_calls(repeat: int) -> dict[str, dict[str, list[float]]]:
    from igemo_data.charts import export

    base = _classified(0.0, 1.5)
    spec = _spec(base, 1.5)
    for fmt in FORMATS:
        getattr(export, fmt)(spec)  # the first call in this process, not timed
    out: dict[str, dict[str, list[float]]] = {}
    for index, fmt in enumerate(FORMATS):
        render = getattr(export, fmt)
        render(spec)  # in the cache again (the changed specs below clear it)
        same = common.timed(lambda i, render=render: render(spec), repeat)
        chosen = _settings(repeat, offset=index * repeat)
        tables = [_classified(h, c) for h, c in chosen]
        spec_ms: list[float] = []
        specs = []
        for table, (horizon, cut) in zip(tables, chosen, strict=True):
            started = time.perf_counter()
            specs.append(_spec(table, cut, horizon))
            spec_ms.append((time.perf_counter() - started) * 1000)
        changed = []
        for changed_spec in specs:
            _clear_caches()  # every spec is new anyway; this also drops the SVG a PNG reuses
            changed.append(common.clock_ms(lambda s=changed_spec, r=render: r(s)))
        out[fmt] = {"same_ms": same, "changed_ms": changed, "spec_ms": spec_ms}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__.split("\n\n")[0], "export")
    parser.add_argument("--repeat", type=int, default=10, help="timed later calls per kind")
    parser.add_argument(
        "--first",
        type=int,
        help="fresh processes per format for the first call (default: 3, or --repeat when smaller)",
    )
    parser.add_argument("--child-first", choices=FORMATS, help=argparse.SUPPRESS)
    parser.add_argument("--child-output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    common.isolated_store()
    if args.child_first:
        _child_first(args.child_first, args.child_output)
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    first_times = args.first if args.first is not None else min(3, args.repeat)

    report = common.Report("export", argv)
    first = {fmt: first_calls(fmt, first_times) for fmt in FORMATS}
    later = later_calls(args.repeat)

    rows = []
    all_first_specs = [ms for fmt in FORMATS for ms in first[fmt]["spec_ms"]]
    all_later_specs = [ms for fmt in FORMATS for ms in later[fmt]["spec_ms"]]
    rows.append(["slide_spec", "first call (fresh process)", *common.stat_row([], all_first_specs)])
    rows.append(["slide_spec", "later, changed settings", *common.stat_row([], all_later_specs)])
    for fmt in FORMATS:
        rows.append(
            [fmt.upper(), "first call (fresh process)", *common.stat_row([], first[fmt]["file_ms"])]
        )
        rows.append(
            [fmt.upper(), "later, same spec (cached)", *common.stat_row([], later[fmt]["same_ms"])]
        )
        rows.append(
            [fmt.upper(), "later, changed spec", *common.stat_row([], later[fmt]["changed_ms"])]
        )
    png_total = [
        s + f for s, f in zip(later["png"]["spec_ms"], later["png"]["changed_ms"], strict=True)
    ]
    rows.append(["spec + PNG", "later, changed settings", *common.stat_row([], png_total)])
    report.table(
        common.Table(
            "(d) chart export of the overview slide (39 services), ms",
            ["what", "call", "n", "min", "median", "max"],
            rows,
            note="File rows exclude slide_spec. The PNG is 3840×2160 (the SVG rasterised).",
        )
    )
    report.row("d", "slide_spec, first call (fresh process)", all_first_specs)
    report.row("d", "slide_spec, later (changed settings)", all_later_specs)
    for fmt in FORMATS:
        big = fmt.upper()
        report.row("d", f"{big}, first call (fresh process)", first[fmt]["file_ms"])
        report.row("d", f"{big}, later, same spec (cached)", later[fmt]["same_ms"])
        judged = {"limit": PNG_TARGET_MS, "target": "≤ 150 ms"} if fmt == "png" else {}
        report.row("d", f"{big}, later, changed spec", later[fmt]["changed_ms"], **judged)
    report.row(
        "d",
        "slide_spec + PNG, later (changed settings)",
        png_total,
        note="what a download after a slider move costs",
    )
    report.data.update(
        repeat=args.repeat,
        first_processes=first_times,
        formats={
            fmt: {
                "first_call": common.Stats.of(first[fmt]["file_ms"]).as_dict(first[fmt]["file_ms"]),
                "same_spec": common.Stats.of(later[fmt]["same_ms"]).as_dict(later[fmt]["same_ms"]),
                "changed_spec": common.Stats.of(later[fmt]["changed_ms"]).as_dict(
                    later[fmt]["changed_ms"]
                ),
            }
            for fmt in FORMATS
        },
        slide_spec={
            "first_call": common.Stats.of(all_first_specs).as_dict(all_first_specs),
            "later": common.Stats.of(all_later_specs).as_dict(all_later_specs),
        },
    )
    report.write(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
