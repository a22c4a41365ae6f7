"""Hostile files: time and peak memory of reading each case of tests/hostile_corpus.py.

Each case runs in a fresh Python process: it builds the case's bytes, collects garbage, resets
the process's peak resident set (`/proc/self/clear_refs`, 5), then calls `read_services` on the
bytes `--repeat` times (what `load_services` does, without turning notes into warnings), a
refusal (`ServiceDataError`) included. Peak growth: VmHWM after the calls minus VmRSS before
them, so the case's own bytes do not count, only what reading them costs. Target of the
hostile-input issue: at most 2 s and 200 MB for each case.

    python bench/hostile.py                                   # every case, 3 calls each
    python bench/hostile.py --cases "empty file,PNG image"    # some cases (names as in CASES)
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402 - beside this script

TIME_TARGET_MS = 2000.0
MEMORY_TARGET_MB = 200.0


def _corpus() -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    from hostile_corpus import CASES

    return CASES


def _status(field: str) -> int:
    """A /proc/self/status field in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _child(name: str, repeat: int, output: Path) -> None:
    from igemo_data import ServiceDataError, read_services

    build, expected = _corpus()[name]
    data = build()
    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")
        reset = True
    except OSError:
        reset = False  # without the reset, the peak may be the building's: an upper bound
    before = _status("VmRSS")
    outcome = ""
    samples = []
    for _ in range(repeat):

        def read() -> None:
            nonlocal outcome
            try:
                read_services(data)
                outcome = "loaded"
            except ServiceDataError:
                outcome = "refused"

        samples.append(common.clock_ms(read))
    growth = _status("VmHWM") - before
    output.write_text(
        json.dumps(
            {
                "case": name,
                "expected": expected,
                "outcome": outcome,
                "bytes": len(data),
                "ms": samples,
                "peak_growth_mb": max(growth, 0) / 1e6,
                "peak_was_reset": reset,
            }
        ),
        "utf-8",
    )


def run_case(name: str, repeat: int) -> dict[str, object]:
    result = common.run_child(__file__, name, ["--repeat", str(repeat)])
    return {"case": name, **result} if "error" in result else result


def parse_cases(text: str, known: list[str]) -> list[str]:
    """Comma-separated case names; a name that holds a comma ("250,000 rows") is found whole."""
    names, current = [], ""
    for piece in text.split(","):
        current = f"{current},{piece}" if current else piece.strip()
        if current in known:
            names.append(current)
            current = ""
    if current:
        raise SystemExit(f"unknown case {current!r}; known: {', '.join(known)}")
    return names


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__.split("\n\n")[0], "hostile")
    parser.add_argument("--repeat", type=int, default=3, help="timed calls per case")
    parser.add_argument("--cases", help="comma-separated case names (default: every case)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.repeat, args.child_output)
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    known = list(_corpus())
    names = parse_cases(args.cases, known) if args.cases else known

    report = common.Report("hostile", argv)
    results = []
    for name in names:
        results.append(run_case(name, args.repeat))

    rows = []
    worst_ms, worst_mb = 0.0, 0.0
    for entry in results:
        if "error" in entry:
            rows.append([entry["case"], "", "(failed)", "", "", "", "", "", entry["error"]])
            worst_ms = worst_mb = float("inf")
            continue
        stats = common.Stats.of(entry["ms"])
        entry.update(stats.as_dict())
        met = stats.median <= TIME_TARGET_MS and entry["peak_growth_mb"] <= MEMORY_TARGET_MB
        entry["met"] = met
        worst_ms = max(worst_ms, stats.median)
        worst_mb = max(worst_mb, entry["peak_growth_mb"])
        outcome = entry["outcome"]
        if entry["expected"] in ("refused", "loaded") and outcome != entry["expected"]:
            outcome += f" (expected {entry['expected']})"
        rows.append(
            [
                entry["case"],
                f"{entry['bytes'] / 1e6:.3f}",
                outcome,
                stats.count,
                stats.min,
                stats.median,
                stats.max,
                entry["peak_growth_mb"],
                met,
            ]
        )
    report.table(
        common.Table(
            "hostile inputs: read_services per case, ms; peak RSS growth, MB (fresh process each)",
            ["case", "input MB", "outcome", "n", "min", "median", "max", "peak +MB", "met?"],
            rows,
            note="target: ≤ 2 s (median) and ≤ 200 MB peak growth for each case",
        )
    )
    finite = [e for e in results if "error" not in e]
    slowest = max(finite, key=lambda e: e["median"], default=None)
    largest = max(finite, key=lambda e: e["peak_growth_mb"], default=None)
    failed = len(results) - len(finite)
    report.row(
        "hostile",
        f"slowest of {len(results)} cases (median of its calls)",
        slowest["ms"] if slowest and not failed else None,
        value=worst_ms if not failed else None,
        limit=TIME_TARGET_MS,
        target="≤ 2 s each",
        note=f"{slowest['case']}" if slowest else "",
    )
    report.row(
        "hostile",
        f"largest peak RSS growth of {len(results)} cases",
        unit="MB",
        value=worst_mb if not failed else None,
        shown=f"{worst_mb:.0f} MB" if not failed else None,
        limit=MEMORY_TARGET_MB,
        target="≤ 200 MB each",
        note=f"{largest['case']}" if largest else "",
    )
    report.data.update(repeat=args.repeat, cases=results)
    report.write(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
