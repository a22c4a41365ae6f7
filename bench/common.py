"""What every bench script shares: generated portfolios, timing, tables and the JSON report.

Every script prints one or more tables (min / median / max) and writes
`bench/results/<name>.json` in one shape (see `Report`), which `bench/run_all.py` gathers:

    {"name", "measured_at", "command", "machine", "load_average_after", "wall_seconds",
     "tables": [{"title", "columns", "rows", "note"}],
     "summary": [{"section", "what", "n", "min", "median", "max", "unit", "value", "shown",
                  "target", "limit", "met", "note"}],
     "targets": [the summary entries that have a target], …script-specific keys}
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
BUNDLED = ROOT / "data" / "services.csv"
PORTFOLIOS = RESULTS / "portfolios"
SEED = 2019  # the plan's first year: every generated portfolio is the same on every machine
SCORES = (1.0, 1.25, 1.5, 1.75, 2.0)

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# --- Generated portfolios -------------------------------------------------------------------


def _bundled_rows() -> tuple[list[str], list[dict[str, str]]]:
    with BUNDLED.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or ()), list(reader)


def portfolio_rows(count: int, seed: int = SEED) -> tuple[list[str], list[dict[str, str]]]:
    """`count` services in data/services.csv's columns, the same for the same seed.

    Each row copies the texts of a random bundled service (domain, cluster, description,
    decision and note, so the texts have the plan's lengths) and gets its own id
    (`ruimte-g000123`), code (`g000123`), name and four random scores from 1 to 2 in steps
    of 0.25.
    """
    columns, templates = _bundled_rows()
    rng = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        template = rng.choice(templates)
        code = f"g{number:06d}"
        row = dict(template)
        row.update(
            id=f"{template['domain'].lower()}-{code}",
            code=code,
            name=f"{template['name']} {number}",
            market_current=f"{rng.choice(SCORES):g}",
            market_potential=f"{rng.choice(SCORES):g}",
            need_current=f"{rng.choice(SCORES):g}",
            need_future=f"{rng.choice(SCORES):g}",
        )
        rows.append(row)
    return columns, rows


def write_portfolio(count: int, path: Path, seed: int = SEED) -> Path:
    columns, rows = portfolio_rows(count, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_suffix(f".{os.getpid()}.tmp")  # another process may write it too
    with scratch.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    scratch.replace(path)
    return path


def portfolio(count: int, seed: int = SEED) -> Path:
    """bench/results/portfolios/services-<count>-seed<seed>.csv, written the first time."""
    path = PORTFOLIOS / f"services-{count}-seed{seed}.csv"
    if not path.exists():
        write_portfolio(count, path, seed)
    return path


def quiet_streamlit() -> None:
    """No "missing ScriptRunContext" warnings from AppTest in this process.

    The warning says nothing about the page measured; everything else is still logged.
    """
    import logging

    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )


def isolated_store() -> Path:
    """A throwaway STRATEGIEKAART_DB for this process, never data/strategiekaart.duckdb."""
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="strategiekaart-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    os.environ["STRATEGIEKAART_DB"] = str(folder / "scenarios.duckdb")
    return folder


# --- Timing ---------------------------------------------------------------------------------


def clock_ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def timed(
    action: Callable[[int], object],
    repeat: int,
    warmup: int = 0,
    budget_s: float | None = None,
) -> list[float]:
    """Milliseconds of `repeat` calls of action(i), after `warmup` unmeasured ones.

    `i` counts from 0 over warm-up and measured calls together. With `budget_s`, no further
    call starts once the measured calls have taken that long (at least one is measured).
    """
    samples: list[float] = []
    for index in range(warmup + repeat):
        started = time.perf_counter()
        action(index)
        elapsed = (time.perf_counter() - started) * 1000
        if index >= warmup:
            samples.append(elapsed)
            if budget_s is not None and sum(samples) >= budget_s * 1000:
                break
    return samples


@dataclass(frozen=True)
class Stats:
    count: int
    min: float
    median: float
    max: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stats:
        if not samples:
            raise ValueError("no samples")
        return cls(len(samples), min(samples), statistics.median(samples), max(samples))

    def as_dict(self, samples: Sequence[float] | None = None) -> dict[str, object]:
        out: dict[str, object] = {
            "count": self.count,
            "min": round(self.min, 3),
            "median": round(self.median, 3),
            "max": round(self.max, 3),
        }
        if samples is not None:
            out["samples"] = [round(s, 3) for s in samples]
        return out


def fmt(value: object, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return "—"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) < 1:
            return f"{value:.2f}"
        return f"{value:.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


# --- Tables ---------------------------------------------------------------------------------


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[object]]
    note: str = ""

    def text(self) -> str:
        cells = [[fmt(c) for c in row] for row in self.rows]
        widths = [
            max([len(col), *(len(row[i]) for row in cells)]) for i, col in enumerate(self.columns)
        ]

        # Numbers right, words left.
        numeric = [
            all(isinstance(row[i], int | float) or row[i] in (None, "") for row in self.rows)
            for i in range(len(self.columns))
        ]

        def line(values: Sequence[str]) -> str:
            return "  ".join(
                v.rjust(w) if right else v.ljust(w)
                for v, w, right in zip(values, widths, numeric, strict=True)
            ).rstrip()

        out = [self.title, line(self.columns), line(["-" * w for w in widths])]
        out += [line(row) for row in cells]
        if self.note:
            out.append(self.note)
        return "\n".join(out)

    def markdown(self) -> str:
        out = [
            "| " + " | ".join(self.columns) + " |",
            "|" + "|".join("---" for _ in self.columns) + "|",
        ]
        out += ["| " + " | ".join(fmt(c) for c in row) + " |" for row in self.rows]
        return "\n".join(out)

    def as_dict(self) -> dict[str, object]:
        return {"title": self.title, "columns": self.columns, "rows": self.rows, "note": self.note}


def summary_row(
    section: str,
    what: str,
    samples: Sequence[float] | None = None,
    unit: str = "ms",
    *,
    value: float | None = None,
    shown: str | None = None,
    limit: float | None = None,
    target: str = "",
    note: str = "",
) -> dict[str, object]:
    """One line of bench/results/summary.md.

    `samples`: the min / median / max columns. `value` (default: the samples' median) is what
    a target judges: met when at most `limit`; None with a limit means it could not be measured
    (a failure), which counts as not met. `shown`: how the judged value reads, e.g. "3.2×".
    """
    stats = Stats.of(samples) if samples else None
    if value is None and stats is not None and limit is not None:
        value = stats.median
    met = None if limit is None else (value is not None and value <= limit)
    return {
        "section": section,
        "what": what,
        "n": stats.count if stats else None,
        "min": round(stats.min, 3) if stats else None,
        "median": round(stats.median, 3) if stats else None,
        "max": round(stats.max, 3) if stats else None,
        "unit": unit,
        "value": None if value is None else round(value, 3),
        "shown": shown,
        "target": target,
        "limit": limit,
        "met": met,
        "note": note,
    }


# --- The machine and the report -------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict[str, object]:
    import duckdb
    import streamlit

    return {
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "cpus": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "load_average": load_average(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "duckdb": duckdb.__version__,
    }


def chromium_version() -> str | None:
    import subprocess

    try:
        done = subprocess.run(
            ["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def parser(description: str, name: str) -> argparse.ArgumentParser:
    out = argparse.ArgumentParser(description=description)
    out.add_argument(
        "--output",
        type=Path,
        default=RESULTS / f"{name}.json",
        help=f"JSON results file (default bench/results/{name}.json)",
    )
    return out


class Report:
    """Collects a script's tables and targets, prints them and writes the JSON."""

    def __init__(self, name: str, argv: Sequence[str] | None = None) -> None:
        self.name = name
        self.started = time.monotonic()
        self.data: dict[str, object] = {
            "name": name,
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": " ".join(
                ["python", f"bench/{name}.py", *(sys.argv[1:] if argv is None else argv)]
            ),
            "machine": machine(),
            "tables": [],
            "summary": [],
            "targets": [],
        }

    def table(self, table: Table) -> None:
        self.data["tables"].append(table.as_dict())  # type: ignore[union-attr]
        print(table.text(), flush=True)
        print(flush=True)

    def row(self, *args: object, **kwargs: object) -> dict[str, object]:
        """A line for the summary (see `summary_row`); a line with a target is a target too."""
        entry = summary_row(*args, **kwargs)  # type: ignore[arg-type]
        self.data["summary"].append(entry)  # type: ignore[union-attr]
        if entry["limit"] is not None:
            self.data["targets"].append(entry)  # type: ignore[union-attr]
        return entry

    def write(self, output: Path) -> Path:
        self.data["load_average_after"] = load_average()
        self.data["wall_seconds"] = round(time.monotonic() - self.started, 1)
        targets = self.data["targets"]
        if targets:
            print("targets:")
            for item in targets:  # type: ignore[union-attr]
                verdict = "met" if item["met"] else "MISSED"
                value = item["shown"] or (
                    "not measured (failed)"
                    if item["value"] is None
                    else f"{fmt(item['value'])} {item['unit']}"
                )
                print(
                    f"  {item['section']} {item['what']}: {value} (target {item['target']}):"
                    f" {verdict}"
                )
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(self.data, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(
            f"load average {self.data['machine']['load_average']} at the start, "  # type: ignore[index]
            f"{self.data['load_average_after']} at the end; {self.data['wall_seconds']} s"
        )
        print(f"written to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
        return output


def stat_row(label: Iterable[object], samples: Sequence[float]) -> list[object]:
    """[*label, n, min, median, max] for a table."""
    s = Stats.of(samples)
    return [*label, s.count, s.min, s.median, s.max]


def run_child(
    script: str,
    child: str,
    options: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    timeout: float = 600,
) -> dict[str, object]:
    """Run `script --child CHILD …` in a fresh Python with a throwaway store; return the JSON
    it writes, or {"error": its last line} when it fails. A fresh process per measurement
    keeps one case's memory and imports out of the next one's figures."""
    with tempfile.TemporaryDirectory(prefix="strategiekaart-bench-") as scratch:
        output = Path(scratch) / "result.json"
        environment = dict(env or os.environ)
        environment["STRATEGIEKAART_DB"] = str(Path(scratch) / "scenarios.duckdb")
        done = subprocess.run(
            [sys.executable, script, "--child", child, *options, "--child-output", str(output)],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-1:]
            return {"error": tail[0] if tail else f"exit {done.returncode}"}
        return json.loads(output.read_text("utf-8"))
