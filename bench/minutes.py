"""The workshop's end (issue 16): what recording a decision, the chart's toggle and the minutes
cost.

- record: one `DecisionStore.record` (one transaction) into a log of N entries;
- in force: what "Toon beslissingen" adds to a slider press: the log read whole, the latest
  per service and the chart's marks for the 39 services (`decisions.decided_marks`);
- minutes: the four maps as PNG (vl-convert, first call in this process included once), the
  content, the Word file and the PDF, with their sizes, as a click on a download costs.

    python bench/minutes.py                 # logs of 50, 500 and 5,000 decisions, 5 repeats
    python bench/minutes.py --repeat 1 --sizes 50
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import common  # noqa: E402 - beside this script

SIZES = (50, 500, 5_000)


def _context():
    from igemo_data.decisions import Context
    from igemo_data.settings import Settings

    return Context("plan-2019-2024", "Plan 2019–2024", Settings(horizon=0.5), "creeer", "Bench")


def _fill(store, services, count: int) -> None:
    ids = services[["id", "code", "name"]].to_records(index=False)
    kinds = ("invest", "wait", "niche", "phase_out", "no_invest")
    context = _context()
    for number in range(count):
        sid, code, name = ids[number % len(ids)]
        store.record(
            service_id=str(sid), code=str(code), name=str(name), decision=kinds[number % 5],
            rationale="Motivering " * 20, owner="Trekker", due=date(2027, 1, 1), context=context,
        )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args(argv)
    from igemo_data import classify, decisions, load_services
    from igemo_data.charts.minutes_images import minutes_pictures
    from igemo_data.minutes.content import minutes
    from igemo_data.minutes.pdf import pdf_bytes
    from igemo_data.minutes.word import docx_bytes
    from igemo_data.settings import Settings
    from igemo_data.store.decisions import DecisionStore

    services = load_services(common.BUNDLED)
    settings = Settings(horizon=0.5)
    table = classify(services, horizon=0.5)
    rows, sizes = [], []
    with tempfile.TemporaryDirectory(prefix="strategiekaart-bench-") as folder:
        for size in [int(s) for s in options.sizes.split(",") if s]:
            store = DecisionStore(Path(folder) / f"log-{size}.duckdb")
            _fill(store, services, size - 1)
            record = common.timed(
                lambda i, store=store: _fill(store, services, 1), options.repeat
            )  # each adds one: the log grows by `repeat`, negligible against its size
            rows.append(common.stat_row((f"record one, log of {size:,}",), record))

            def marks(_: int, store=store) -> None:
                decisions.decided_marks(table, store.in_force(), "nl")

            rows.append(
                common.stat_row(
                    (f"in force + marks, log of {size:,}",), common.timed(marks, options.repeat)
                )
            )
            store.close()
        store = DecisionStore(Path(folder) / "minutes.duckdb")
        _fill(store, services, 13)
        log = store.all()
        pictures = []

        def draw(i: int) -> None:
            from igemo_data.charts import export

            for name in ("_svg", "_png"):
                getattr(export, name).cache_clear()
            pictures[:] = minutes_pictures(
                table, settings, lang="nl", scenario_name=f"Bench {i}", on=date.today()
            )

        rows.append(
            common.stat_row(("four maps as PNG (first call included)",), common.timed(draw, 1))
        )
        rows.append(common.stat_row(("four maps as PNG",), common.timed(draw, options.repeat)))
        content = {}

        def write(_: int) -> None:
            content["m"] = minutes(
                lang="nl", on=date.today(), edition_name="Plan 2019–2024", scenario_name="Bench",
                settings=settings, services=services, baseline=classify(services), table=table,
                log=log, pictures=pictures,
            )  # fmt: skip

        rows.append(common.stat_row(("content",), common.timed(write, options.repeat)))
        for label, writer in (("Word (.docx)", docx_bytes), ("PDF", pdf_bytes)):
            made = {}

            def run(_: int, writer=writer, made=made) -> None:
                made["bytes"] = writer(content["m"])

            rows.append(common.stat_row((label,), common.timed(run, options.repeat)))
            sizes.append([label, round(len(made["bytes"]) / 1024 / 1024, 2)])
        store.close()
    report = common.Table(
        "Issue 16: decisions and minutes (ms)", ["what", "n", "min", "median", "max"], rows
    )
    print(report.text())
    print()
    print(common.Table("File sizes, 13 decisions, four maps", ["file", "MiB"], sizes).text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
