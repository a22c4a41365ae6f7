"""Runs one real page file inside the bench's own app (see bench/common.py: `bench_app`).

Each page of the bench's app is a two-line stub that calls `run` with the real file: the
workshop's pages unchanged, and the two measurement pages that only the bench serves. The
compiled code is kept per process, as Streamlit keeps a page's own.
"""

from __future__ import annotations

import functools
from pathlib import Path
from types import CodeType


@functools.cache
def _code(path: str) -> CodeType:
    return compile(Path(path).read_text(encoding="utf-8"), path, "exec")


def run(path: str) -> None:
    """Run the page at `path` as Streamlit runs a page: as `__main__`, in a fresh namespace."""
    exec(_code(path), {"__name__": "__main__", "__file__": path})
