"""The decision log in the shared DuckDB file: append-only, every write whole or not at all.

A new decision for a service supersedes the previous one by coming later (a higher number),
never by changing or deleting it: this store has no update and no delete. Each append is one
transaction under the store's lock, so a failed write (a full disk, a read-only file) leaves
the log exactly as it was, and a process killed mid-write loses at most the entry it was
writing, never one it reported stored. Texts are cleaned by the store base's one rule and
stripped of control characters; every statement is parameterised.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from igemo_data.decisions import MAX_OWNER, MAX_RATIONALE, Context, Decision, is_decision
from igemo_data.decisions import plain_text as _plain
from igemo_data.settings import Settings, SettingsError
from igemo_data.store.base import (
    TextRules,
    Transaction,
    clean_text,
    db_path_from_env,
    explain_failure,
    open_database,
    store_for,
)
from igemo_data.texts import Phrase
from igemo_data.texts.said import Said

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    number BIGINT PRIMARY KEY,
    service_id VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    decision VARCHAR NOT NULL
        CHECK (decision IN ('invest', 'wait', 'niche', 'phase_out', 'no_invest')),
    rationale VARCHAR NOT NULL,
    owner VARCHAR NOT NULL,
    due DATE,
    recorded_at TIMESTAMPTZ NOT NULL,
    edition VARCHAR NOT NULL,
    edition_name VARCHAR NOT NULL,
    scenario VARCHAR NOT NULL,
    round VARCHAR NOT NULL,
    quadrant VARCHAR NOT NULL,
    settings VARCHAR NOT NULL
);
"""
_COLUMNS = (
    "number, service_id, code, name, decision, rationale, owner, due, recorded_at, edition, "
    "edition_name, scenario, round, quadrant, settings"
)


class DecisionError(Said):
    """A decision could not be recorded or read; `str` is Dutch, `text(lang)` any language."""


_TEXT_RULES = TextRules(
    DecisionError, missing="decision_text_missing", too_long="decision_text_too_long"
)
FIELD_RATIONALE = Phrase.of("decision_field_rationale")
FIELD_OWNER = Phrase.of("decision_field_owner")


class DecisionStore:
    """The decision log in one DuckDB file; one connection per store, a cursor per call."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        # Only opening may set a damaged file aside; the table is made in a separate step, so
        # the scenarios and editions in the same file are never moved because of the log.
        opened = open_database(self.path, "SELECT 1", DecisionError)
        self._connection = opened.connection
        self.read_only = opened.read_only
        self.warning_phrase = opened.warning_phrase
        self._ready = self._create_table()

    def _create_table(self) -> bool:
        """Whether the log's table is there; a read-only file may predate it."""
        try:
            if self.read_only:
                row = self._connection.execute(
                    "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'decisions' "
                    "AND database_name = current_database()"
                ).fetchone()
                return bool(row and row[0])
            self._connection.execute(_SCHEMA)
            return True
        except duckdb.Error as error:
            raise DecisionError(explain_failure("decision_unreadable", self.path, error)) from error

    def close(self) -> None:
        self._connection.close()

    # --- reading -----------------------------------------------------------------------------

    def all(self) -> list[Decision]:
        """The whole log, oldest first (a read-only file from before decisions: empty)."""
        if not self._ready:
            return []
        cursor = self._connection.cursor()
        try:
            rows = cursor.execute(f"SELECT {_COLUMNS} FROM decisions ORDER BY number").fetchall()
        except duckdb.Error as error:
            raise DecisionError(explain_failure("decision_unreadable", self.path, error)) from error
        finally:
            cursor.close()
        return [_decision(row) for row in rows]

    def in_force(self) -> dict[str, Decision]:
        """The latest decision per service, chosen by DuckDB: what the chart's toggle reads on
        every slider press, so a long log is not turned into Python objects whole."""
        if not self._ready:
            return {}
        cursor = self._connection.cursor()
        try:
            rows = cursor.execute(
                f"SELECT {_COLUMNS} FROM decisions "
                "QUALIFY row_number() OVER (PARTITION BY service_id ORDER BY number DESC) = 1"
            ).fetchall()
        except duckdb.Error as error:
            raise DecisionError(explain_failure("decision_unreadable", self.path, error)) from error
        finally:
            cursor.close()
        return {entry.service_id: entry for entry in map(_decision, rows)}

    def for_service(self, service_id: str) -> list[Decision]:
        """Every decision for one service, newest first."""
        if not self._ready:
            return []
        cursor = self._connection.cursor()
        try:
            rows = cursor.execute(
                f"SELECT {_COLUMNS} FROM decisions WHERE service_id = ? ORDER BY number DESC",
                [service_id],
            ).fetchall()
        except duckdb.Error as error:
            raise DecisionError(explain_failure("decision_unreadable", self.path, error)) from error
        finally:
            cursor.close()
        return [_decision(row) for row in rows]

    # --- writing: append only ----------------------------------------------------------------

    def record(
        self,
        *,
        service_id: str,
        code: str,
        name: str,
        decision: str,
        rationale: str,
        owner: str,
        due: date | None,
        context: Context,
    ) -> Decision:
        """Append one decision; it supersedes the service's earlier ones, which stay."""
        if not is_decision(decision):
            raise DecisionError(Phrase.of("decision_unknown", value=str(decision)[:40]))
        if due is not None and not isinstance(due, date):
            raise DecisionError(Phrase.of("decision_bad_due"))
        if isinstance(due, datetime):
            due = due.date()
        rationale = clean_text(_TEXT_RULES, FIELD_RATIONALE, _plain(rationale), MAX_RATIONALE)
        owner = clean_text(_TEXT_RULES, FIELD_OWNER, _plain(owner), MAX_OWNER)
        try:
            context.settings.check()
        except SettingsError as error:
            raise DecisionError(error.phrase or str(error)) from None
        with self._lock, self._transaction() as cursor:
            row = cursor.execute("SELECT coalesce(max(number), 0) + 1 FROM decisions").fetchone()
            entry = Decision(
                number=int(row[0]),
                service_id=service_id,
                code=code,
                name=name,
                decision=decision,
                rationale=rationale,
                owner=owner,
                due=due,
                recorded_at=datetime.now(UTC),
                context=context,
            )
            _insert(cursor, entry)
        return entry

    def _transaction(self) -> Transaction:
        return Transaction(
            self._connection.cursor(),
            self.path,
            what=Phrase.of("decision_the"),
            error=DecisionError,
            read_only=self.read_only or not self._ready,
        )


def _settings_json(settings: Settings) -> str:
    return json.dumps(
        {
            "horizon": float(settings.horizon),
            "market_cut": float(settings.market_cut),
            "need_cut": float(settings.need_cut),
            "domains": list(settings.domains),
            "overrides": settings.plain_overrides(),
            "edition": settings.edition,
        },
        sort_keys=True,
    )


def _settings(text: str) -> Settings:
    value = json.loads(text)
    return Settings(
        horizon=float(value["horizon"]),
        market_cut=float(value["market_cut"]),
        need_cut=float(value["need_cut"]),
        domains=tuple(value["domains"]),
        overrides=value["overrides"],
        edition=str(value["edition"]),
    )


def _insert(cursor: duckdb.DuckDBPyConnection, entry: Decision) -> None:
    c = entry.context
    cursor.execute(
        f"INSERT INTO decisions ({_COLUMNS}) VALUES ({', '.join(['?'] * 15)})",
        [
            entry.number,
            entry.service_id,
            entry.code,
            entry.name,
            entry.decision,
            entry.rationale,
            entry.owner,
            entry.due,
            entry.recorded_at,
            c.edition,
            c.edition_name,
            c.scenario,
            c.round,
            c.quadrant,
            _settings_json(c.settings),
        ],
    )


def _decision(row: Sequence[object]) -> Decision:
    (number, service_id, code, name, decision, rationale, owner, due, recorded_at, edition,
     edition_name, scenario, round_name, quadrant, settings) = row  # fmt: skip
    context = Context(
        edition=str(edition),
        edition_name=str(edition_name),
        settings=_settings(str(settings)),
        quadrant=str(quadrant),
        scenario=str(scenario),
        round=str(round_name),
    )
    return Decision(
        number=int(number),  # type: ignore[call-overload]
        service_id=str(service_id),
        code=str(code),
        name=str(name),
        decision=str(decision),
        rationale=str(rationale),
        owner=str(owner),
        due=due if isinstance(due, date) else None,
        recorded_at=recorded_at,  # type: ignore[arg-type]
        context=context,
    )


def default_store() -> DecisionStore:
    """The process's one log on `STRATEGIEKAART_DB`; raises `DecisionError` when unusable."""
    return store_for(DecisionStore, str(db_path_from_env()))
