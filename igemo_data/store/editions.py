"""Editions of the services data, stored: keep every version, never change one.

An edition is a complete, validated services table (design §2) with a name, an author, a time
and a note. "Plan 2019–2024" is the first edition: it is read from data/services.csv every
time and is never stored, so nobody can change or delete it. Every accepted upload or edit in
the app becomes a new edition; editions are never changed afterwards, only added or deleted,
so a scenario that names the edition it was made on always opens on the same numbers.

The editions live in the scenarios' DuckDB file (design §5), each service as a typed row. Rows
and not the CSV text because the database then guards the contract itself (CHECK constraints on
domain, decision and score range), a notebook can query the editions with plain SQL, and
reading an edition back needs no parsing. Every statement is parameterised; no SQL is ever
built from anything a user typed or uploaded: an edition's rows go in as one registered table
(`INSERT … SELECT`), 100,000 rows in well under two seconds.

Only writes wait for each other. A reader (every page's edition list) takes its own cursor and
sees the last committed state (DuckDB's MVCC), so a page never waits for a save to finish.
Editions read into memory are kept in a bounded `Recent` memory, never without limit.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from igemo_data.edition import (
    MAX_NAME,
    PLAN_AUTHOR,
    PLAN_EDITION,
    PLAN_NAME,
    Edition,
    is_edition_id,
    is_known_form,
)
from igemo_data.loading import ServiceDataError, load_services
from igemo_data.matrix import classify
from igemo_data.schema import COLUMNS, DECISIONS, DOMAINS, SCORE_COLUMNS, SCORE_MAX, SCORE_MIN
from igemo_data.store.base import (
    TextRules,
    Transaction,
    clean_record,
    db_path_from_env,
    explain_failure,
    open_database,
    store_for,
)
from igemo_data.store.recent import Recent
from igemo_data.texts import Phrase, t
from igemo_data.texts.said import Said
from igemo_data.uploads import name_only, validate_edit

ROOT = Path(__file__).resolve().parent.parent.parent
PLAN_PATH = ROOT / "data" / "services.csv"


class EditionError(Said):
    """An edition could not be stored, found or deleted; `str` is Dutch, `text(lang)` any."""


_TEXT_RULES = TextRules(
    EditionError, missing="edition_text_missing", too_long="edition_text_too_long"
)
_GONE = Phrase.of("edition_gone")

_CHECK_DOMAIN = ", ".join(f"'{d}'" for d in DOMAINS)  # constants of schema.py, not user text
_CHECK_DECISION = ", ".join(f"'{d}'" for d in ("", *DECISIONS))
_SCORE_RANGE = f"BETWEEN {SCORE_MIN!r} AND {SCORE_MAX!r}"
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS editions (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    author VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    source VARCHAR NOT NULL,
    based_on VARCHAR NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS editions_name ON editions (lower(name));
CREATE TABLE IF NOT EXISTS edition_services (
    edition_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    id VARCHAR NOT NULL,
    domain VARCHAR NOT NULL CHECK (domain IN ({_CHECK_DOMAIN})),
    cluster VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    market_current DOUBLE NOT NULL CHECK (market_current {_SCORE_RANGE}),
    market_potential DOUBLE NOT NULL CHECK (market_potential {_SCORE_RANGE}),
    need_current DOUBLE NOT NULL CHECK (need_current {_SCORE_RANGE}),
    need_future DOUBLE NOT NULL CHECK (need_future {_SCORE_RANGE}),
    plan_decision VARCHAR NOT NULL CHECK (plan_decision IN ({_CHECK_DECISION})),
    plan_note VARCHAR NOT NULL,
    PRIMARY KEY (edition_id, id)
);
"""
_EDITION_COLUMNS = "id, name, author, note, created_at, source, based_on"
_EDITION_SELECT = ", ".join(f"e.{c.strip()}" for c in _EDITION_COLUMNS.split(","))
_SERVICE_COLUMNS = ", ".join(COLUMNS)


class EditionStore:
    """The editions in the scenarios' DuckDB file; one connection, a cursor per call.

    The plan's edition is not in the file: it is read from `plan_path`. Opening the file while
    a `ScenarioStore` has it open is fine, DuckDB shares one database per file in a process.
    """

    def __init__(self, path: str | Path, plan_path: str | Path = PLAN_PATH):
        self.path = Path(path)
        self.plan_path = Path(plan_path)
        self._lock = threading.Lock()  # writes only: a reader never takes it
        # Services and baselines by ("services" | "baseline", edition id), bounded.
        self.memory = Recent()
        # Every page's sidebar lists the editions on every rerun; only this store writes them
        # (DuckDB lets one process write a file), so the list is read again after a change only.
        # A list read while a write commits is not kept: the generation tells.
        self._listed: tuple[Edition, ...] | None = None
        self._generation = 0
        self._list_lock = threading.Lock()
        # Only opening may set a damaged file aside; creating our tables is a separate step,
        # so the scenarios in the same file are never moved because of the editions.
        opened = open_database(self.path, "SELECT 1", EditionError)
        self._connection = opened.connection
        self.read_only = opened.read_only
        self.warning = opened.warning  # Dutch; `warning_phrase` writes it in any language
        self.warning_phrase = opened.warning_phrase
        self._ready = self._create_tables()

    def _create_tables(self) -> bool:
        """Whether the editions' tables are there; a read-only file may predate them."""
        try:
            if self.read_only:
                row = self._connection.execute(
                    "SELECT count(*) FROM duckdb_tables() "
                    "WHERE table_name IN ('editions', 'edition_services') "
                    "AND database_name = current_database()"
                ).fetchone()
                return bool(row and row[0] == 2)
            self._connection.execute(_SCHEMA)
            return True
        except duckdb.Error as error:
            raise EditionError(explain_failure("edition_unreadable", self.path, error)) from error

    def close(self) -> None:
        self._connection.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        return self._connection.cursor()

    # --- reading -----------------------------------------------------------------------------

    def plan(self) -> Edition:
        """The first edition: the plan's own scores from data/services.csv."""
        return Edition(
            PLAN_EDITION,
            PLAN_NAME,
            PLAN_AUTHOR,
            # The plan's note is data of the plan, like its name: Dutch in every language.
            t("edition_plan_note"),
            None,
            len(self._frame(PLAN_EDITION)),
            source=self.plan_path.name,
        )

    def list(self) -> list[Edition]:
        """The plan's edition first, then every stored edition, the newest first."""
        if not self._ready:
            return [self.plan()]
        with self._list_lock:
            listed, generation = self._listed, self._generation
        if listed is None:
            cursor = self._cursor()
            try:
                rows = cursor.execute(
                    f"""
                    SELECT {_EDITION_SELECT}, count(s.id)
                    FROM editions AS e
                    LEFT JOIN edition_services AS s ON s.edition_id = e.id
                    GROUP BY ALL
                    ORDER BY e.created_at DESC, e.name
                    """
                ).fetchall()
            finally:
                cursor.close()
            listed = (self.plan(), *(_edition(row) for row in rows))
            with self._list_lock:
                if self._generation == generation:
                    self._listed = listed
        return list(listed)

    def _forget_list(self) -> None:
        with self._list_lock:
            self._generation += 1
            self._listed = None

    def get(self, edition_id: str) -> Edition | None:
        if edition_id == PLAN_EDITION:
            return self.plan()
        if not is_edition_id(edition_id) or not self._ready:
            return None
        cursor = self._cursor()
        try:
            row = _select_edition(cursor, "e.id = ?", edition_id)
        finally:
            cursor.close()
        return _edition(row) if row else None

    def by_name(self, name: str) -> Edition | None:
        if _same_name(name, PLAN_NAME):
            return self.plan()
        if not self._ready:
            return None
        cursor = self._cursor()
        try:
            row = _select_edition(cursor, "lower(e.name) = lower(?)", name.strip())
        finally:
            cursor.close()
        return _edition(row) if row else None

    def services(self, edition_id: str) -> pd.DataFrame:
        """The edition's services as `load_services` returns them (a fresh copy each call).

        Editions never change, so each is read once per store and then served from memory.
        Raises `EditionError` for an edition that does not exist (any more).
        """
        return self._frame(edition_id).copy()

    def _frame(self, edition_id: str) -> pd.DataFrame:
        cached = self.memory.get(("services", edition_id))
        if cached is None:
            cached = self._read_services(edition_id)
            self.memory.put(("services", edition_id), cached)
        return cached

    def baseline(self, edition_id: str) -> pd.DataFrame:
        """The edition read as the plan reads it (horizon now, cuts 1.5, no what-ifs).

        Every page compares the screen with it on every rerun; an edition never changes, so
        it is classified once. A fresh copy each call, like `services`.
        """
        cached = self.memory.get(("baseline", edition_id))
        if cached is None:
            cached = classify(self.services(edition_id))
            self.memory.put(("baseline", edition_id), cached)
        return cached.copy()

    def _read_services(self, edition_id: str) -> pd.DataFrame:
        if edition_id == PLAN_EDITION:
            try:
                return load_services(self.plan_path)
            except ServiceDataError as error:
                raise EditionError(
                    Phrase.of("edition_plan_unloadable", path=self.plan_path, failure=error)
                ) from error
        if not is_edition_id(edition_id) or not self._ready:
            raise EditionError(_GONE)
        cursor = self._cursor()
        try:
            rows = cursor.execute(
                f"SELECT {_SERVICE_COLUMNS} FROM edition_services "
                "WHERE edition_id = ? ORDER BY position",
                [edition_id],
            ).fetchall()
        finally:
            cursor.close()
        if not rows:
            raise EditionError(_GONE)
        services = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
        for column in SCORE_COLUMNS:
            services[column] = services[column].astype("float64")
        return services

    def scenarios_using(self, edition_id: str) -> list[str]:
        """Names of the saved scenarios made on this edition (they open on it)."""
        cursor = self._cursor()
        try:
            exists = cursor.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'scenarios' "
                "AND database_name = current_database()"
            ).fetchone()
            if not exists or not exists[0]:
                return []
            rows = cursor.execute(
                "SELECT name FROM scenarios WHERE edition = ? ORDER BY name", [edition_id]
            ).fetchall()
        finally:
            cursor.close()
        return [str(row[0]) for row in rows]

    # --- writing -----------------------------------------------------------------------------

    def save(
        self,
        name: str,
        services: pd.DataFrame,
        *,
        author: str = "",
        note: str = "",
        source: str = "",
        based_on: str = "",
    ) -> Edition:
        """Store a new edition; the services are checked again with the loader's rules first.

        Raises `ServiceDataError` when the table breaks a rule of design §2 and `EditionError`
        when the name is missing, too long or taken (the plan's name included).
        """
        name, author, note = clean_record(_TEXT_RULES, name, author, note)
        source = name_only(source)[:MAX_NAME]
        checked = validate_edit(services[[c for c in COLUMNS if c in services.columns]]).services
        if _same_name(name, PLAN_NAME):
            raise _name_taken(self.plan())
        edition = Edition(
            uuid.uuid4().hex[:12],
            name,
            author,
            note,
            datetime.now(UTC),
            len(checked),
            source=source,
            based_on=based_on if is_known_form(based_on) else "",
        )
        rows = _rows_of(edition.id, checked)
        with self._lock, self._transaction() as cursor:
            existing = _select_edition(cursor, "lower(e.name) = lower(?)", name)
            if existing:
                raise _name_taken(_edition(existing))
            cursor.execute(
                f"INSERT INTO editions ({_EDITION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    edition.id,
                    edition.name,
                    edition.author,
                    edition.note,
                    edition.created_at,
                    edition.source,
                    edition.based_on,
                ],
            )
            _insert_rows(cursor, rows)
        self.memory.put(("services", edition.id), checked)
        self._forget_list()
        return edition

    def delete(self, edition_id: str) -> None:
        """Delete a stored edition; never the plan's, never one a saved scenario opens on."""
        if edition_id == PLAN_EDITION:
            raise EditionError(Phrase.of("edition_plan_undeletable", name=PLAN_NAME))
        used = self.scenarios_using(edition_id)
        if used:
            shown = ", ".join(f"'{name}'" for name in used[:5])
            more = Phrase.of("edition_in_use_more", count=len(used) - 5) if len(used) > 5 else ""
            raise EditionError(Phrase.of("edition_in_use", shown=shown, more=more))
        with self._lock, self._transaction() as cursor:
            if not _select_edition(cursor, "e.id = ?", edition_id):
                raise EditionError(_GONE)
            cursor.execute("DELETE FROM edition_services WHERE edition_id = ?", [edition_id])
            cursor.execute("DELETE FROM editions WHERE id = ?", [edition_id])
        self.memory.pop(("services", edition_id))
        self.memory.pop(("baseline", edition_id))
        self._forget_list()

    def _transaction(self) -> Transaction:
        return Transaction(
            self._cursor(),
            self.path,
            what=Phrase.of("edition_the"),
            error=EditionError,
            read_only=self.read_only,
        )


def _select_edition(
    cursor: duckdb.DuckDBPyConnection, condition: str, value: str
) -> tuple[object, ...] | None:
    # `condition` is one of this module's literals; the user's value is always a parameter.
    return cursor.execute(
        f"""
        SELECT {_EDITION_SELECT},
               (SELECT count(*) FROM edition_services AS s WHERE s.edition_id = e.id)
        FROM editions AS e
        WHERE {condition}
        """,
        [value],
    ).fetchone()


def _rows_of(edition_id: str, services: pd.DataFrame) -> pd.DataFrame:
    """The rows of `edition_services` for one edition, as one table to insert at once."""
    rows = services[list(COLUMNS)].reset_index(drop=True)
    rows.insert(0, "position", pd.RangeIndex(len(rows)).to_numpy("int32"))
    rows.insert(0, "edition_id", edition_id)
    return rows


def _insert_rows(cursor: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> None:
    """Insert a whole edition in one statement: DuckDB reads the table itself.

    Row by row (`executemany`) took 30 s for 100,000 services, all the while holding the
    write lock. The values never become SQL text; the names are this module's constants.
    """
    cursor.register("incoming_services", rows)
    try:
        cursor.execute(
            f"INSERT INTO edition_services (edition_id, position, {_SERVICE_COLUMNS}) "
            f"SELECT edition_id, position, {_SERVICE_COLUMNS} FROM incoming_services"
        )
    finally:
        cursor.unregister("incoming_services")


def _edition(row: Sequence[object]) -> Edition:
    edition_id, name, author, note, created, source, based_on, count = row
    return Edition(
        str(edition_id),
        str(name),
        str(author),
        str(note),
        created,  # type: ignore[arg-type]
        int(count),  # type: ignore[arg-type]
        source=str(source),
        based_on=str(based_on),
    )


def _same_name(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _name_taken(existing: Edition) -> EditionError:
    return EditionError(Phrase.of("edition_name_taken", name=existing.name))


def shared_store(path: str, plan_path: str) -> EditionStore:
    """One store per process and file (what `st.cache_resource` would give, without Streamlit)."""
    return store_for(EditionStore, path, plan_path)


def default_store(plan_path: str | Path = PLAN_PATH) -> EditionStore:
    """The process's store on `STRATEGIEKAART_DB`; raises `EditionError` when unusable."""
    return shared_store(str(db_path_from_env()), str(plan_path))


# --- The active edition ----------------------------------------------------------------------


@dataclass(frozen=True)
class Active:
    edition: Edition
    services: pd.DataFrame
    warning_phrase: Phrase | None = None  # why the wanted edition is not the one shown

    @property
    def warning(self) -> str | None:
        """The warning in Dutch, as pages and logs have always read it."""
        return self.warning_phrase.text() if self.warning_phrase else None


def resolve(store: EditionStore | None, wanted: str, plan_path: str | Path = PLAN_PATH) -> Active:
    """The wanted edition and its services; the plan's, with a warning, when it is gone.

    `store` None means the DuckDB file cannot be used: the plan still works from its CSV.
    """
    if store is None:
        services = load_services(plan_path)
        plan = Edition(PLAN_EDITION, PLAN_NAME, PLAN_AUTHOR, "", None, len(services))
        return Active(plan, services, None if wanted == PLAN_EDITION else _gone_warning())
    if wanted != PLAN_EDITION:
        edition = store.get(wanted)
        if edition is not None:
            with contextlib.suppress(EditionError):
                return Active(edition, store.services(edition.id))
        return Active(store.plan(), store.services(PLAN_EDITION), _gone_warning())
    return Active(store.plan(), store.services(PLAN_EDITION))


def _gone_warning() -> Phrase:
    return Phrase.of("edition_gone_shown_plan", plan=PLAN_NAME)
