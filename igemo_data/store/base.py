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

from igemo_data.texts import Phrase
from igemo_data.texts.said import Said

DEFAULT_DB = Path(__file__).resolve().parent.parent.parent / "data" / "strategiekaart.duckdb"

Store = TypeVar("Store")


@dataclass
class Opened:
    connection: duckdb.DuckDBPyConnection
    read_only: bool = False
    warning_phrase: Phrase | None = None  # for the user: what happened while opening

    @property
    def warning(self) -> str | None:
        """The warning in Dutch, as pages and logs have always read it."""
        return self.warning_phrase.text() if self.warning_phrase else None


def open_database(path: Path, schema: str, error: type[Said]) -> Opened:
    """Open (or create) the file and its tables; `error` is the caller's `Said` exception."""
    if not path.parent.is_dir():
        raise error(Phrase.of("store_folder_missing", folder=path.parent))
    try:
        connection = duckdb.connect(str(path))
        connection.execute(schema)
        return Opened(connection)
    except duckdb.Error as failure:
        if not path.exists():
            raise error(Phrase.of("store_cannot_create", path=path, failure=failure)) from failure
        if not os.access(path.parent, os.W_OK):
            return _open_read_only(path, failure, error)
        text = str(failure).lower()
        if "lock" in text or "configuration" in text:
            raise error(Phrase.of("store_in_use", path=path, failure=failure)) from failure
        return _set_aside_and_reopen(path, schema)


def _open_read_only(path: Path, failure: Exception, error: type[Said]) -> Opened:
    # A read-only disk still lets a board see what was saved; only saving is refused.
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as second:
        raise error(Phrase.of("store_cannot_open", path=path, failure=failure)) from second
    return Opened(
        connection, read_only=True, warning_phrase=Phrase.of("store_read_only", folder=path.parent)
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
    return Opened(connection, warning_phrase=Phrase.of("store_set_aside", aside=aside.name))


def write_failed(what: Phrase, path: Path, failure: Exception) -> Phrase:
    return Phrase.of("store_write_failed", what=what, path=path, failure=failure)


class Transaction:
    """BEGIN … COMMIT on a fresh cursor; ROLLBACK and the store's error when anything fails."""

    def __init__(
        self,
        cursor: duckdb.DuckDBPyConnection,
        path: Path,
        *,
        what: Phrase,
        error: type[Said],
        read_only: bool = False,
    ):
        if read_only:
            cursor.close()
            raise error(Phrase.of("store_write_read_only", what=what, folder=path.parent))
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
    """How one store refuses a name or note: its exception and its catalogue keys."""

    error: type[Said]
    missing: str  # catalogue key, with {what}: a required text is empty
    too_long: str  # catalogue key, with {what} and {limit}


def clean_text(
    rules: TextRules, what: Phrase, value: str, limit: int, *, required: bool = False
) -> str:
    """`value` without surrounding space; the store's error when it is missing or too long.

    `what` names the field (a catalogue phrase such as `store_field_name`).
    """
    text = (value or "").strip()
    if required and not text:
        raise rules.error(Phrase(rules.missing, (("what", what),)))
    if len(text) > limit:
        raise rules.error(Phrase(rules.too_long, (("what", what), ("limit", limit))))
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
