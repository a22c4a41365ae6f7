"""Saved scenarios: a workshop's result, stored so that it is never lost (design §5).

A scenario is stored whole or not at all: every write is one DuckDB transaction, writes in a
process are serialised by a lock (DuckDB would otherwise refuse a concurrent conflicting
commit), and every statement is parameterised.

No update is lost: every scenario has a version, raised by every write. A save that names the
version it started from (`based_on`) is refused with `ChangedMeanwhile` when someone else has
saved in between, so the page can ask: overwrite, or save as new? Files from before versions
get the column on opening (version 1 for every scenario already there).
"""

from __future__ import annotations

import dataclasses
import json
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from igemo_data.edition import MAX_NAME
from igemo_data.settings import Settings, SettingsError
from igemo_data.store.base import (
    FIELD_AUTHOR,
    FIELD_NAME,
    TextRules,
    Transaction,
    clean_record,
    clean_text,
    open_database,
)
from igemo_data.texts import Phrase
from igemo_data.texts.said import Said

_SCHEMA = """
CREATE TABLE IF NOT EXISTS scenarios (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    author VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    horizon DOUBLE NOT NULL,
    market_cut DOUBLE NOT NULL,
    need_cut DOUBLE NOT NULL,
    domains VARCHAR NOT NULL,
    overrides VARCHAR NOT NULL,
    edition VARCHAR NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS scenarios_name ON scenarios (lower(name));
ALTER TABLE scenarios ADD COLUMN IF NOT EXISTS version INTEGER DEFAULT 1;
ALTER TABLE scenarios ADD COLUMN IF NOT EXISTS updated_by VARCHAR DEFAULT '';
"""
_COLUMNS = (
    "id, name, author, note, created_at, updated_at, horizon, market_cut, need_cut, "
    "domains, overrides, edition, version, updated_by"
)
# A read-only file from before versions cannot get the columns: it reads as version 1.
_COLUMNS_BEFORE_VERSIONS = _COLUMNS.replace("version, updated_by", "1 AS version, '' AS updated_by")


class ScenarioError(Said):
    """A scenario could not be stored or found; `str` is Dutch, `text(lang)` any language."""


_TEXT_RULES = TextRules(
    ScenarioError, missing="scenario_text_missing", too_long="scenario_text_too_long"
)
_GONE = Phrase.of("scenario_gone")


class NameTaken(ScenarioError):
    """Another scenario already has this name; the caller asks: overwrite or rename?"""

    def __init__(self, existing: Scenario):
        self.existing = existing
        super().__init__(
            Phrase.of(
                "scenario_name_taken",
                name=existing.name,
                saved=f"{existing.updated_at:%d-%m-%Y %H:%M}",
            )
        )


class ChangedMeanwhile(ScenarioError):
    """Someone saved this scenario after the version a save started from; ask, never overwrite."""

    def __init__(self, current: Scenario):
        self.current = current
        super().__init__(
            Phrase.of(
                "scenario_changed_meanwhile",
                name=current.name,
                by=current.updated_by or Phrase.of("scenario_changed_by_someone"),
                saved=f"{current.updated_at:%d-%m-%Y %H:%M}",
            )
        )


@dataclass(frozen=True)
class Scenario:
    id: str
    name: str
    author: str
    note: str
    created_at: datetime
    updated_at: datetime
    settings: Settings
    version: int = 1  # raised by every write; a save based on an older one is refused
    updated_by: str = ""  # who saved last, as typed (may be empty)


def _checked(settings: Settings) -> None:
    """Settings no slider could set are refused as a scenario error, in the store's words."""
    try:
        settings.check()
    except SettingsError as error:
        raise ScenarioError(error.phrase or str(error)) from None


class ScenarioStore:
    """The scenarios in one DuckDB file; one connection per store, a cursor per call."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        opened = open_database(self.path, _SCHEMA, ScenarioError)
        self._connection = opened.connection
        self.read_only = opened.read_only
        self.warning = opened.warning  # Dutch; `warning_phrase` writes it in any language
        self.warning_phrase = opened.warning_phrase
        self._columns = _COLUMNS if self._has_versions() else _COLUMNS_BEFORE_VERSIONS

    def _has_versions(self) -> bool:
        cursor = self._cursor()
        try:
            row = cursor.execute(
                "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'scenarios' "
                "AND column_name = 'version' AND database_name = current_database()"
            ).fetchone()
        finally:
            cursor.close()
        return bool(row and row[0])

    def close(self) -> None:
        self._connection.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        return self._connection.cursor()

    # --- reading ---------------------------------------------------------------------------

    def list(self) -> list[Scenario]:
        """Every scenario, the most recently saved first."""
        cursor = self._cursor()
        try:
            rows = cursor.execute(
                f"SELECT {self._columns} FROM scenarios ORDER BY updated_at DESC, name"
            ).fetchall()
        finally:
            cursor.close()
        return [_scenario(row) for row in rows]

    def get(self, scenario_id: str) -> Scenario | None:
        cursor = self._cursor()
        try:
            row = cursor.execute(
                f"SELECT {self._columns} FROM scenarios WHERE id = ?", [scenario_id]
            ).fetchone()
        finally:
            cursor.close()
        return _scenario(row) if row else None

    def by_name(self, name: str) -> Scenario | None:
        cursor = self._cursor()
        try:
            row = cursor.execute(
                f"SELECT {self._columns} FROM scenarios WHERE lower(name) = lower(?)",
                [name.strip()],
            ).fetchone()
        finally:
            cursor.close()
        return _scenario(row) if row else None

    # --- writing ---------------------------------------------------------------------------

    def save(
        self,
        name: str,
        settings: Settings,
        *,
        author: str = "",
        note: str = "",
        overwrite: bool = False,
        based_on: int | None = None,
    ) -> Scenario:
        """Store a new scenario; under a taken name only with `overwrite`, else `NameTaken`.

        With `based_on` (the version the caller saw when it asked to overwrite), an overwrite
        of a scenario saved since is refused with `ChangedMeanwhile`.
        """
        name, author, note = clean_record(_TEXT_RULES, name, author, note)
        _checked(settings)
        now = datetime.now(UTC)
        with self._lock, self._transaction() as cursor:
            existing = _find_by_name(cursor, name)
            if existing and not overwrite:
                raise NameTaken(existing)
            if existing:
                _unchanged_since(existing, based_on)
                scenario = Scenario(
                    existing.id, name, author, note, existing.created_at, now, settings,
                    existing.version + 1, author,
                )  # fmt: skip
                cursor.execute("DELETE FROM scenarios WHERE id = ?", [existing.id])
            else:
                scenario = Scenario(
                    uuid.uuid4().hex[:12], name, author, note, now, now, settings, 1, author
                )
            _insert(cursor, scenario)
        return scenario

    def update(
        self, scenario_id: str, settings: Settings, *, based_on: int | None = None, by: str = ""
    ) -> Scenario:
        """Store new settings under an existing scenario (its name and author stay).

        `based_on` is the version the caller started from: when someone saved since, nothing
        is stored and `ChangedMeanwhile` says who and when. `by` is who saves now.
        """
        _checked(settings)
        by = clean_text(_TEXT_RULES, FIELD_AUTHOR, by, MAX_NAME)
        with self._lock, self._transaction() as cursor:
            current = _find_by_id(cursor, scenario_id)
            _unchanged_since(current, based_on)
            updated = Scenario(
                current.id,
                current.name,
                current.author,
                current.note,
                current.created_at,
                datetime.now(UTC),
                settings,
                current.version + 1,
                by,
            )
            cursor.execute("DELETE FROM scenarios WHERE id = ?", [scenario_id])
            _insert(cursor, updated)
        return updated

    def rename(self, scenario_id: str, new_name: str) -> Scenario:
        new_name = clean_text(_TEXT_RULES, FIELD_NAME, new_name, MAX_NAME, required=True)
        with self._lock, self._transaction() as cursor:
            current = _find_by_id(cursor, scenario_id)
            existing = _find_by_name(cursor, new_name)
            if existing and existing.id != scenario_id:
                raise NameTaken(existing)
            now = datetime.now(UTC)
            cursor.execute(
                "UPDATE scenarios SET name = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                [new_name, now, scenario_id],
            )
        return dataclasses.replace(
            current, name=new_name, updated_at=now, version=current.version + 1
        )

    def duplicate(self, scenario_id: str, new_name: str) -> Scenario:
        original = self.get(scenario_id)
        if original is None:
            raise ScenarioError(_GONE)
        return self.save(new_name, original.settings, author=original.author, note=original.note)

    def delete(self, scenario_id: str) -> None:
        with self._lock, self._transaction() as cursor:
            _find_by_id(cursor, scenario_id)
            cursor.execute("DELETE FROM scenarios WHERE id = ?", [scenario_id])

    def _transaction(self) -> Transaction:
        return Transaction(
            self._cursor(),
            self.path,
            what=Phrase.of("scenario_the"),
            error=ScenarioError,
            read_only=self.read_only,
        )


def _unchanged_since(current: Scenario, based_on: int | None) -> None:
    """Refuse a write that started from an older version than the one stored now."""
    if based_on is not None and current.version != based_on:
        raise ChangedMeanwhile(current)


def _find_by_name(cursor: duckdb.DuckDBPyConnection, name: str) -> Scenario | None:
    row = cursor.execute(
        f"SELECT {_COLUMNS} FROM scenarios WHERE lower(name) = lower(?)", [name]
    ).fetchone()
    return _scenario(row) if row else None


def _find_by_id(cursor: duckdb.DuckDBPyConnection, scenario_id: str) -> Scenario:
    row = cursor.execute(f"SELECT {_COLUMNS} FROM scenarios WHERE id = ?", [scenario_id]).fetchone()
    if row is None:
        raise ScenarioError(_GONE)
    return _scenario(row)


def _insert(cursor: duckdb.DuckDBPyConnection, scenario: Scenario) -> None:
    s = scenario.settings
    cursor.execute(
        f"INSERT INTO scenarios ({_COLUMNS}) VALUES ({', '.join(['?'] * 14)})",
        [
            scenario.id,
            scenario.name,
            scenario.author,
            scenario.note,
            scenario.created_at,
            scenario.updated_at,
            float(s.horizon),
            float(s.market_cut),
            float(s.need_cut),
            json.dumps(list(s.domains)),
            json.dumps({k: dict(v) for k, v in s.overrides.items()}, sort_keys=True),
            s.edition,
            scenario.version,
            scenario.updated_by,
        ],
    )


def _scenario(row: Sequence[object]) -> Scenario:
    (sid, name, author, note, created, updated, horizon, market_cut, need_cut, domains,
     overrides, edition, version, updated_by) = row  # fmt: skip
    settings = Settings(
        horizon=float(horizon),  # type: ignore[arg-type]
        market_cut=float(market_cut),  # type: ignore[arg-type]
        need_cut=float(need_cut),  # type: ignore[arg-type]
        domains=tuple(json.loads(str(domains))),
        overrides=json.loads(str(overrides)),
        edition=str(edition),
    )
    return Scenario(
        str(sid),
        str(name),
        str(author),
        str(note),
        created,
        updated,
        settings,  # type: ignore[arg-type]
        int(version if version is not None else 1),  # type: ignore[call-overload]
        str(updated_by or ""),
    )
