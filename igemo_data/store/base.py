"""The one DuckDB file that keeps scenarios, editions, scoring rounds and decisions: opening
it safely, writing whole.

Both stores open the same file (DuckDB shares one database per file within a process) and
follow the same rules: a missing folder is said; a file the app may read but not write (a
service user, a read-only disk, an immutable file) is opened read-only and still shows what
was saved; only a file DuckDB calls damaged is moved aside (never overwritten); every write
is one transaction that is stored whole or not at all; the screen never shows a path, a PID
or DuckDB's own words, the server log does; and every name or note a user types is cleaned by
one rule. Each process keeps one store per kind and file (`store_for`).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import duckdb

from igemo_data.edition import MAX_NAME, MAX_TEXT
from igemo_data.texts import Phrase
from igemo_data.texts.said import Said

DEFAULT_DB = Path(__file__).resolve().parent.parent.parent / "data" / "strategiekaart.duckdb"

Store = TypeVar("Store")

# The server log gets the whole story (paths, DuckDB's words, the PID holding a lock); the
# screen gets the catalogue's words only, which name "the data folder (STRATEGIEKAART_DB)".
log = logging.getLogger("strategiekaart")

# What DuckDB 2.0.1 says of a file that is not (or no longer) a whole database, and only that
# (tests/test_store_open.py makes each): garbage, an empty file or a broken magic number
# ('… exists, but it is not a valid DuckDB database file!', an IOException), a flipped byte in a
# header or block ('Corrupt database file: computed checksum … does not match …', a plain
# duckdb.Error), a truncated file ('Could not read enough bytes from file …', an IOException).
# Every other failure (permission denied, a read-only disk, too many open files) is also an
# IOException: the words decide, never the class.
_DAMAGED = (
    "not a valid duckdb database file",
    "corrupt database file",
    "could not read enough bytes from file",
)
_LOCKED = ("could not set lock", "conflicting lock")
# DuckDB shares one database per file in a process: once a store opened it read-only, opening
# it for writing is refused with these words, and opening it read-only again works.
_OPEN_READ_ONLY_HERE = "different configuration than existing connections"

# Why a store cannot be written, by errno or by the system's words inside DuckDB's message.
# Each name has a `store_cause_<name>` (what is wrong) and a `store_fix_<name>` (what the
# operator can do) in the catalogue.
_CAUSES: tuple[tuple[str, tuple[int, ...], tuple[str, ...]], ...] = (
    ("permission", (errno.EACCES, errno.EPERM), ("permission denied", "not permitted")),
    ("read_only_disk", (errno.EROFS,), ("read-only file system",)),
    ("too_many_files", (errno.EMFILE, errno.ENFILE), ("too many open files",)),
    ("disk_full", (errno.ENOSPC, errno.EDQUOT), ("no space left", "quota exceeded")),
)
_read_only_causes: dict[Path, str] = {}  # why a file this process opened read-only is so


@dataclass
class Opened:
    connection: duckdb.DuckDBPyConnection
    read_only: bool = False
    warning_phrase: Phrase | None = None  # for the user: what happened while opening

    @property
    def warning(self) -> str | None:
        """The warning in Dutch, as pages and logs have always read it."""
        return self.warning_phrase.text() if self.warning_phrase else None


def is_damaged(failure: BaseException) -> bool:
    """Whether DuckDB says the file itself is broken: the one case that sets a file aside."""
    text = str(failure).lower()
    return any(words in text for words in _DAMAGED)


def cause_of(failure: BaseException) -> str:
    """The name of what went wrong (`permission`, `read_only_disk`, …), else `other`."""
    number = getattr(failure, "errno", None)
    text = str(failure).lower()
    for name, numbers, words in _CAUSES:
        if number in numbers or any(word in text for word in words):
            return name
    return "other"


def _explained(key: str, cause: str, **values: object) -> Phrase:
    """`key` filled with what is wrong and what the operator can do about it."""
    return Phrase.of(
        key, cause=Phrase.of(f"store_cause_{cause}"), fix=Phrase.of(f"store_fix_{cause}"), **values
    )


def open_database(path: Path, schema: str, error: type[Said]) -> Opened:
    """Open (or create) the file and its tables; `error` is the caller's `Said` exception.

    Only a file DuckDB calls damaged is set aside. Any other failure (no write permission, a
    read-only disk, an immutable file, too many open files) opens the file read-only when it
    can, so what was saved stays visible, and raises `error` in the operator's words when not.
    """
    if not path.parent.is_dir():
        log.error("store %s: the folder %s does not exist", path, path.parent)
        raise error(Phrase.of("store_folder_missing"))
    existed = path.exists()
    try:
        connection = _connect(path, schema)
    except (duckdb.Error, OSError) as failure:
        log.warning("store %s cannot be opened for writing: %s", path, failure)
        if is_damaged(failure):
            return _set_aside_and_reopen(path, schema, error)
        if any(words in str(failure).lower() for words in _LOCKED):
            raise error(Phrase.of("store_in_use")) from failure
        if not existed:
            raise error(_explained("store_cannot_create", cause_of(failure))) from failure
        return _open_read_only(path, _first_cause(path, failure), schema, error)
    if not _folder_writable(path.parent):
        # DuckDB opens a writable file in a locked folder, then fails at the first save (its
        # journal goes next to the file): say so now, and show what was saved.
        connection.close()
        cause = "read_only_disk" if _read_only_mount(path.parent) else "permission"
        log.warning("store %s: the folder %s cannot be written (%s)", path, path.parent, cause)
        return _open_read_only(path, cause, schema, error)
    return Opened(connection)


def _connect(path: Path, schema: str) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(path))
    try:
        connection.execute(schema)
    except BaseException:
        connection.close()  # a file about to be set aside must not stay open
        raise
    return connection


def _first_cause(path: Path, failure: BaseException) -> str:
    if _OPEN_READ_ONLY_HERE in str(failure).lower():
        return _read_only_causes.get(path.resolve(), "other")
    return cause_of(failure)


def _folder_writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _open_read_only(path: Path, cause: str, schema: str, error: type[Said]) -> Opened:
    # An unwritable file still lets a board see what was saved; only saving is refused.
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except (duckdb.Error, OSError) as failure:
        log.error("store %s cannot be opened read-only either: %s", path, failure)
        if is_damaged(failure):
            return _set_aside_and_reopen(path, schema, error)
        second = cause_of(failure)
        raise error(
            _explained("store_cannot_open", second if second != "other" else cause)
        ) from failure
    _read_only_causes[path.resolve()] = cause
    return Opened(connection, read_only=True, warning_phrase=_explained("store_read_only", cause))


def _set_aside_and_reopen(path: Path, schema: str, error: type[Said]) -> Opened:
    # A damaged file is evidence, and maybe recoverable: move it aside, never overwrite it.
    aside = _aside_name(path)
    wal = path.with_name(path.name + ".wal")
    try:
        os.replace(path, aside)
        if wal.exists():
            try:
                os.replace(wal, aside.with_name(aside.name + ".wal"))
            except OSError:
                # The journal belongs to the damaged file: put that back rather than start a
                # new file that would read the old journal.
                with contextlib.suppress(OSError):
                    os.replace(aside, path)
                raise
    except OSError as failure:
        log.error("store %s is damaged and cannot be set aside: %s", path, failure)
        raise error(_explained("store_damaged_stuck", cause_of(failure))) from failure
    log.warning("store %s was damaged and is set aside as %s", path, aside)
    try:
        connection = _connect(path, schema)
    except (duckdb.Error, OSError) as failure:
        log.error("store %s cannot be created after setting the old one aside: %s", path, failure)
        raise error(_explained("store_cannot_create", cause_of(failure))) from failure
    return Opened(connection, warning_phrase=Phrase.of("store_set_aside", aside=aside.name))


def _aside_name(path: Path) -> Path:
    """`<name>.beschadigd-<UTC time>`, numbered when that name is taken: never overwrite one."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.beschadigd-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.beschadigd-{stamp}-{number}")
    return aside


def explain_failure(key: str, path: Path, failure: BaseException, **values: object) -> Phrase:
    """`key` for the screen (why, and what to do); the server log gets path and DuckDB's words."""
    log.error("store %s: %s: %s", path, key, failure)
    return _explained(key, cause_of(failure), **values)


def write_failed(what: Phrase, path: Path, failure: Exception) -> Phrase:
    return explain_failure("store_write_failed", path, failure, what=what)


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
            log.warning("store %s is open read-only: %s not saved", path, what.text())
            raise error(Phrase.of("store_write_read_only", what=what))
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


# The words that name a record's text fields in a refusal ("Geef het scenario een naam.").
FIELD_NAME = Phrase.of("store_field_name")
FIELD_AUTHOR = Phrase.of("store_field_author")
FIELD_NOTE = Phrase.of("store_field_note")


def clean_record(rules: TextRules, name: str, author: str, note: str) -> tuple[str, str, str]:
    """A scenario's or an edition's name (required), author and note, each within its limit."""
    return (
        clean_text(rules, FIELD_NAME, name, MAX_NAME, required=True),
        clean_text(rules, FIELD_AUTHOR, author, MAX_NAME),
        clean_text(rules, FIELD_NOTE, note, MAX_TEXT),
    )
