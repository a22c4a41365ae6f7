"""Every benchmark of issue 6, one after the other, and one summary table with the targets.

Runs each script in its own process with its defaults (its tables are printed as they come),
then gathers bench/results/<name>.json into bench/results/summary.json and a Markdown table,
bench/results/summary.md, with the columns "target" and "met?". About 8–12 minutes on 2 cores.

    python bench/run_all.py
    python bench/run_all.py --skip startup,scale     # leave some out
    python bench/run_all.py --only export,hostile
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402 - beside this script

# (name, what it measures), in the order of issue 6, then issue 13's and issue 15's.
SCRIPTS = (
    ("apptest_pages", "(a) AppTest script time of every page after a horizon change"),
    ("slider_latency", "(b) Chromium: horizon key press → chart, against a slider-only page"),
    ("scale", "(c) 39 to 100,000 services"),
    ("export", "(d) PNG, SVG and PDF export"),
    ("startup", "(e) cold start and memory per session"),
    ("hostile", "hostile input files"),
    ("load_protocol", "issue 13 (6): 30 protocol-level sessions moving sliders, saving, 60 s"),
    ("sensitivity", "issue 15: sensitivity at 10,000 services, Gevoeligheid's key press"),
    ("round_load", "issue 14: 30 phones answering a scoring round; the reveal's key press"),
)
COLUMNS = ["", "measurement", "n", "min", "median", "max", "unit", "result", "target", "met?"]


def slider_rows(report: dict) -> list[dict[str, object]]:
    """bench/slider_latency.py keeps its own JSON shape; its lines for the summary."""
    pages = report["pages"]
    ratio = report["ratio_of_medians"]
    return [
        common.summary_row(
            "b",
            "Chromium: key press → run done, slider-only page /Meting",
            pages["slider_only"]["samples_ms"],
        ),
        common.summary_row(
            "b",
            "Chromium: key press → chart redrawn, chart-only page /Meting_kaart",
            pages["chart_only"]["samples_ms"],
            shown=f"{report['chart_only_ratio']:.2f}× slider only",
        ),
        common.summary_row(
            "b",
            "Chromium: key press → chart redrawn, overview /",
            pages["overview"]["samples_ms"],
            value=ratio,
            shown=f"{ratio:.2f}× slider only",
            limit=report["target_ratio"],
            target="≤ 2.0× slider only",
        ),
    ]


def cell(entry: dict[str, object], column: str, *, raw: bool = False) -> object:
    """The text of one cell; with `raw`, numbers stay numbers (the text table aligns them)."""
    if raw and column in ("n", "min", "median", "max"):
        return entry.get(column)
    if column == "":
        return str(entry["section"])
    if column == "measurement":
        note = f" ({entry['note']})" if entry.get("note") else ""
        return f"{entry['what']}{note}"
    if column == "result":
        if entry.get("shown"):
            return str(entry["shown"])
        if entry.get("limit") is not None:
            if entry.get("value") is None:
                return "failed"
            return f"{common.fmt(entry['value'])} {entry['unit']}"
        return ""
    if column == "target":
        return str(entry.get("target") or "")
    if column == "met?":
        met = entry.get("met")
        return "" if met is None else ("yes" if met else "**no**")
    if column == "unit":
        return str(entry["unit"]) if entry.get("n") else ""
    return common.fmt(entry.get(column))


def markdown(rows: list[dict[str, object]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
    for entry in rows:
        texts = [str(cell(entry, c)).replace("|", "\\|") for c in COLUMNS]
        lines.append("| " + " | ".join(texts) + " |")
    return "\n".join(lines)


def _plain(value: object) -> object:
    return value.replace("**", "") if isinstance(value, str) else value


def text_table(rows: list[dict[str, object]]) -> str:
    table = common.Table(
        "summary",
        COLUMNS,
        [[_plain(cell(e, c, raw=True)) for c in COLUMNS] for e in rows],
    )
    return table.text()


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__.split("\n\n")[0], "summary")
    parser.add_argument("--skip", default="", help="comma-separated scripts to leave out")
    parser.add_argument("--only", default="", help="comma-separated scripts to run")
    args = parser.parse_args(argv)
    names = [name for name, _ in SCRIPTS]
    skip = {s for s in args.skip.split(",") if s}
    only = {s for s in args.only.split(",") if s}
    for name in skip | only:
        if name not in names:
            parser.error(f"unknown script {name!r}; known: {', '.join(names)}")
    chosen = [(n, w) for n, w in SCRIPTS if n not in skip and (not only or n in only)]

    started = time.monotonic()
    measured_at = datetime.now(UTC).isoformat(timespec="seconds")
    machine = common.machine()
    chromium = common.chromium_version()
    rows: list[dict[str, object]] = []
    runs: dict[str, dict[str, object]] = {}
    for name, what in chosen:
        output = common.RESULTS / f"{name}.json"
        banner = f"=== {name}: {what} (load average {common.load_average()}) ==="
        print(f"\n{banner}", flush=True)
        output.unlink(missing_ok=True)
        began = time.monotonic()
        done = subprocess.run(
            [sys.executable, str(ROOT / "bench" / f"{name}.py"), "--output", str(output)],
            cwd=ROOT,
            check=False,
        )
        seconds = round(time.monotonic() - began, 1)
        runs[name] = {"exit_code": done.returncode, "seconds": seconds}
        if done.returncode != 0 or not output.exists():
            rows.append(
                common.summary_row(name, "the script failed", note=f"exit {done.returncode}")
            )
            continue
        report = json.loads(output.read_text("utf-8"))
        runs[name]["load_average"] = report.get("machine", {}).get("load_average")
        rows.extend(slider_rows(report) if name == "slider_latency" else report["summary"])

    wall = round(time.monotonic() - started, 1)
    failed = [name for name, run in runs.items() if run["exit_code"] != 0]
    targets = [r for r in rows if r.get("limit") is not None]
    missed = [r for r in targets if not r["met"]]
    command = "python bench/run_all.py" + (" " + " ".join(argv or sys.argv[1:])).rstrip()
    summary = {
        "name": "summary",
        "measured_at": measured_at,
        "command": command.strip(),
        "machine": {**machine, "chromium": chromium},
        "load_average_after": common.load_average(),
        "wall_seconds": wall,
        "runs": runs,
        "rows": rows,
        "targets_met": len(targets) - len(missed),
        "targets": len(targets),
    }
    common.RESULTS.mkdir(parents=True, exist_ok=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", "utf-8")
    header = (
        f"Measured {measured_at} with `{summary['command']}` in {wall:.0f} s on "
        f"{machine['cpus']} × {machine['cpu']}, {machine['memory_gib']} GiB, "
        f"{machine['platform']}, Python {machine['python']}, Streamlit {machine['streamlit']}, "
        f"DuckDB {machine['duckdb']}, {chromium or 'no Chromium'}; load average "
        f"{machine['load_average']} at the start, {summary['load_average_after']} at the end."
    )
    loads = "; ".join(
        f"{name} {run['load_average']}" for name, run in runs.items() if run.get("load_average")
    )
    md = (
        f"{header}\n\n{markdown(rows)}\n\n"
        f"Load average (1, 5, 15 min) as each script measured it: {loads}.\n\n"
        f"{len(targets) - len(missed)} of {len(targets)} targets met."
        + (f" Scripts that failed: {', '.join(failed)}." if failed else "")
        + "\n"
    )
    md_path = args.output.with_suffix(".md")
    md_path.write_text(md, "utf-8")

    print("\n=== summary ===")
    print(header)
    print(text_table(rows))
    print(f"load average (1, 5, 15 min) as each script measured it: {loads}")
    print(f"{len(targets) - len(missed)} of {len(targets)} targets met.")
    for entry in missed:
        print(
            f"  missed: {entry['section']} {entry['what']}: {cell(entry, 'result')} "
            f"(target {entry['target']})"
        )
    if failed:
        print(f"scripts that failed: {', '.join(failed)}")
    print(f"written to {args.output} and {md_path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
