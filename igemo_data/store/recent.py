"""A bounded memory of recently used tables: what a store keeps of editions, which never change.

An edition is read once and then served from memory, because every page reads it on every
rerun. Unbounded, each large edition a workshop ever opened stayed in the process for good
(60–170 MB each for 100,000 services). This memory holds at most `limit` tables and at most
`budget` bytes; the least recently used table is forgotten first. A single table larger than
the budget is still kept, alone, so the edition on screen is not read again on every rerun.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

import pandas as pd

DEFAULT_LIMIT = 8
DEFAULT_BUDGET = 256 * 1024 * 1024  # bytes, as pandas counts them (deep)


def frame_bytes(frame: pd.DataFrame) -> int:
    """What a table takes in memory, its text included."""
    return int(frame.memory_usage(index=True, deep=True).sum())


class Recent:
    """Tables by key, bounded by count and bytes; safe to share between sessions' threads."""

    def __init__(self, limit: int = DEFAULT_LIMIT, budget: int = DEFAULT_BUDGET):
        self.limit = limit
        self.budget = budget
        self._tables: OrderedDict[Hashable, tuple[pd.DataFrame, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> pd.DataFrame | None:
        with self._lock:
            kept = self._tables.get(key)
            if kept is None:
                return None
            self._tables.move_to_end(key)
            return kept[0]

    def put(self, key: Hashable, table: pd.DataFrame) -> None:
        size = frame_bytes(table)
        with self._lock:
            self._tables[key] = (table, size)
            self._tables.move_to_end(key)
            while len(self._tables) > 1 and (
                len(self._tables) > self.limit or self._bytes() > self.budget
            ):
                self._tables.popitem(last=False)

    def pop(self, key: Hashable) -> None:
        with self._lock:
            self._tables.pop(key, None)

    def held(self) -> tuple[int, int]:
        """How many tables and how many bytes are kept now."""
        with self._lock:
            return len(self._tables), self._bytes()

    def _bytes(self) -> int:
        return sum(size for _, size in self._tables.values())
