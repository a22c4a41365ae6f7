"""Saving a large edition, and what a page waits for meanwhile (issue 13, item 3).

Per size a generated portfolio (bench/common.py: `portfolio`, the plan's columns and texts) is
loaded, then saved as a new edition in a fresh store file. `EditionStore.save` is timed whole
and in its two parts: the loader's rules (`validate_edit`, a CSV round trip outside any lock,
timed on its own beforehand) and the store's write (the one transaction under the write lock,
timed inside the save). While it runs, a second thread
plays every new page arriving: it asks for the edition list afresh (the list's memory is
forgotten before each call, as after another save) and records how long each call waited.

    python bench/edition_save.py                      # 1,000, 10,000 and 100,000 services
    python bench/edition_save.py --sizes 100000 --repeat 3

Targets: 100,000 services written in ≤ 2 s (the write lock held that long at most; before
issue 13 it was 29–47 s, row by row); the edition list during that save ≤ 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402 - beside this script

SIZES = (1_000, 10_000, 100_000)
SAVE_TARGET_S = 2.0
WAIT_TARGET_S = 1.0


def _reader(store, stop: threading.Event, waits: list[float]) -> None:
    """A new page every 20 ms: the edition list read afresh, each call timed."""
    while not stop.is_set():
        store._forget_list()
        started = time.perf_counter()
        store.list()
        waits.append(time.perf_counter() - started)
        stop.wait(0.02)


def _timed_transactions(store, held: list[float]) -> None:
    """Record how long each of the store's write transactions (the write lock) lasts."""
    original = store._transaction

    @contextlib.contextmanager
    def timed():
        started = time.perf_counter()
        with original() as cursor:
            yield cursor
        held.append(time.perf_counter() - started)

    store._transaction = timed


def measure(size: int, attempt: int) -> dict[str, float]:
    """Save one `size`-service edition with a reader beside it; seconds of each part."""
    from igemo_data.loading import load_services
    from igemo_data.store.editions import PLAN_PATH, EditionStore
    from igemo_data.uploads import validate_edit

    services = load_services(common.portfolio(size))
    with tempfile.TemporaryDirectory(prefix="strategiekaart-bench-") as folder:
        store = EditionStore(Path(folder) / "store.duckdb", PLAN_PATH)
        store.save("Klein", services.head(39))
        held: list[float] = []
        _timed_transactions(store, held)
        stop, waits = threading.Event(), []
        reader = threading.Thread(target=_reader, args=(store, stop, waits), daemon=True)
        reader.start()
        started = time.perf_counter()
        validate_edit(services)  # the loader's rules alone, as save() runs them first
        rules = time.perf_counter() - started
        time.sleep(0.1)
        before = len(waits)
        started = time.perf_counter()
        store.save(f"Groot {attempt}", services)
        save = time.perf_counter() - started
        during = waits[before:] or [0.0]
        stop.set()
        reader.join()
        store.close()
    return {
        "rules": rules,
        "save": save,
        "write": held[-1],
        "wait_p50": statistics.median(during),
        "wait_max": max(during),
        "reads": float(len(during)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--repeat", type=int, default=1)
    options = parser.parse_args(argv)
    sizes = [int(s) for s in options.sizes.split(",") if s]
    header = ("rows", "save s", "rules s", "write s", "reader wait p50 s", "max s", "reads")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    met = True
    for size in sizes:
        for attempt in range(options.repeat):
            row = measure(size, attempt)
            print(
                f"{size:,} | {row['save']:.2f} | {row['rules']:.2f} | {row['write']:.2f} | "
                f"{row['wait_p50']:.3f} | {row['wait_max']:.3f} | {row['reads']:.0f}"
            )
            if size >= 100_000:
                met &= row["write"] <= SAVE_TARGET_S and row["wait_max"] <= WAIT_TARGET_S
    print(
        f"\ntargets (100,000 rows): write ≤ {SAVE_TARGET_S} s, reader wait ≤ {WAIT_TARGET_S} s;"
        " the rules run outside the lock (uploads.validate_edit)"
    )
    print("met" if met else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
