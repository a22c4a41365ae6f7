"""The one DuckDB file that keeps scenarios and editions: opening it safely, writing whole.

Both stores open the same file (DuckDB shares one database per file within a process) and
follow the same rules: a missing folder is named, a read-only disk still shows what was
saved, a damaged file is moved aside (never overwritten), every write is one transaction
that is stored whole or not at all, and every name or note a user types is cleaned by one
rule. Each process keeps one store per kind and file (`store_for`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import duckdb

DEFAULT_DB = Path(__file__).resolve().parent.parent.parent / "data" / "strategiekaart.duckdb"

Store = TypeVar("Store")


@dataclass
class Opened:
    connection: duckdb.DuckDBPyConnection
    read_only: bool = False
    warning: str | None = None  # Dutch, for the user: what happened while opening


def open_database(path: Path, schema: str, error: type[Exception]) -> Opened:
    """Open (or create) the file and its tables; `error` is the caller's Dutch exception."""
    if not path.parent.is_dir():
        raise error(
            f"De map voor de scenario's en edities bestaat niet: {path.parent}. "
            "Maak ze aan of zet STRATEGIEKAART_DB op een bestaand pad."
        )
    try:
        connection = duckdb.connect(str(path))
        connection.execute(schema)
        return Opened(connection)
    except duckdb.Error as failure:
        if not path.exists():
            raise error(f"Het bestand {path} kan niet gemaakt worden: {failure}") from failure
        if not os.access(path.parent, os.W_OK):
            return _open_read_only(path, failure, error)
        text = str(failure).lower()
        if "lock" in text or "configuration" in text:
            raise error(
                f"Het bestand {path} is in gebruik door een ander programma: {failure}"
            ) from failure
        return _set_aside_and_reopen(path, schema)


def _open_read_only(path: Path, failure: Exception, error: type[Exception]) -> Opened:
    # A read-only disk still lets a board see what was saved; only saving is refused.
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as second:
        raise error(f"Het bestand {path} kan niet geopend worden: {failure}") from second
    return Opened(
        connection,
        read_only=True,
        warning=(
            f"De map {path.parent} is alleen-lezen: wat bewaard is, is te zien, "
            "maar nieuwe scenario's en edities kunnen niet bewaard worden."
        ),
    )


def _set_aside_and_reopen(path: Path, schema: str) -> Opened:
    # A damaged file is evidence, and maybe recoverable: move it aside, never overwrite it.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.beschadigd-{stamp}")
    shutil.move(path, aside)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        shutil.move(wal, aside.with_name(aside.name + ".wal"))
    connection = duckdb.connect(str(path))
    connection.execute(schema)
    return Opened(
        connection,
        warning=(
            f"Het bestand met scenario's en edities was beschadigd en is opzijgezet als "
            f"{aside.name}; er is een nieuw, leeg bestand begonnen."
        ),
    )


def write_failed(what: str, path: Path, failure: Exception) -> str:
    return f"{what} kon niet bewaard worden in {path} ({failure}). Wat eerder bewaard was, is ongewijzigd."


class Transaction:
    """BEGIN … COMMIT on a fresh cursor; ROLLBACK and a Dutch error when anything fails."""

    def __init__(
        self,
        cursor: duckdb.DuckDBPyConnection,
        path: Path,
        *,
        what: str,
        error: type[Exception],
        read_only: bool = False,
    ):
        if read_only:
            cursor.close()
            raise error(
                f"{what} kon niet bewaard worden: {path.parent} is alleen-lezen. "
                "Wat eerder bewaard was, is ongewijzigd."
            )
        self.cursor = cursor
        self.path = path
        self.what = what
        self.error = error

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.cursor.execute("BEGIN TRANSACTION")
        return self.cursor

    def __exit__(self, kind: type[BaseException] | None, failure: BaseException | None, _) -> bool:
        try:
            if kind is None:
                try:
                    self.cursor.execute("COMMIT")
                except duckdb.Error as commit_failure:
                    raise self.error(
                        write_failed(self.what, self.path, commit_failure)
                    ) from commit_failure
            else:
                # An aborted transaction refuses ROLLBACK; either way nothing was stored.
                with contextlib.suppress(duckdb.Error):
                    self.cursor.execute("ROLLBACK")
                if isinstance(failure, duckdb.Error):
                    raise self.error(write_failed(self.what, self.path, failure)) from failure
        finally:
            self.cursor.close()
        return False


# --- Text a user types --------------------------------------------------------------------------


@dataclass(frozen=True)
class TextRules:
    """How one store refuses a name or note: its exception and its Dutch messages."""

    error: type[Exception]
    missing: str  # Dutch, with {what}: a required text is empty
    too_long: str  # Dutch, with {what} and {limit}


def clean_text(
    rules: TextRules, what: str, value: str, limit: int, *, required: bool = False
) -> str:
    """`value` without surrounding space; the store's error when it is missing or too long."""
    text = (value or "").strip()
    if required and not text:
        raise rules.error(rules.missing.format(what=what))
    if len(text) > limit:
        raise rules.error(rules.too_long.format(what=what, limit=limit))
    return text


# --- One store per file in a process ---------------------------------------------------------------

_stores: dict[tuple[object, ...], object] = {}
_stores_lock = threading.Lock()


def db_path_from_env() -> Path:
    """The store's file: `STRATEGIEKAART_DB`, else data/strategiekaart.duckdb."""
    return Path(os.environ.get("STRATEGIEKAART_DB") or DEFAULT_DB)


def store_for(factory: Callable[..., Store], *args: str) -> Store:
    """The process's one `factory(*args)` (a store on one file), made on first use.

    What `st.cache_resource` gives a page, without Streamlit: every session shares the store,
    and with it the one DuckDB connection and the lock that serialises its writes.
    """
    key = (factory, *args)
    with _stores_lock:
        if key not in _stores:
            _stores[key] = factory(*args)
        return _stores[key]  # type: ignore[return-value]


def forget_stores() -> None:
    """Forget every shared store, so the next `store_for` opens afresh (tests, a changed path).

    The stores are not closed: a caller may still hold one.
    """
    with _stores_lock:
        _stores.clear()
