"""Scoring rounds, stored: the round, who joined it and every answer, one row each.

Rounds live in the scenarios' DuckDB file (design §5). An answer is one row per round ×
participant × service, written by upsert: a phone that sends the same answer twice, or changes
it, never makes a second row. Each answer is its own small transaction, committed before the
participant's screen says "bewaard", so a server killed mid-round keeps every answer it
acknowledged. Participants are known by the hash of their session's token
(`round_link.participant_key`), never by the token. Every statement is parameterised.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from igemo_data.edition import MAX_NAME, Edition
from igemo_data.round_link import join_code, participant_key
from igemo_data.rounds import (
    ANSWER_COLUMNS,
    MAX_PARTICIPANTS,
    RoundError,
    check_scores,
    clean_name,
    group_scores,
)
from igemo_data.schema import SCORE_COLUMNS
from igemo_data.store.base import (
    TextRules,
    Transaction,
    clean_text,
    db_path_from_env,
    explain_failure,
    open_database,
    store_for,
)
from igemo_data.store.editions import EditionStore
from igemo_data.texts import Phrase

_TEXT_RULES = TextRules(RoundError, missing="round_text_missing", too_long="round_text_too_long")
_SCORE_CHECK = " AND ".join(f"({c} IS NULL OR {c} BETWEEN 1 AND 2)" for c in SCORE_COLUMNS)
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS rounds (
    code VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    edition VARCHAR NOT NULL,
    services VARCHAR NOT NULL,
    show_names BOOLEAN NOT NULL,
    revealed BOOLEAN NOT NULL,
    closed BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    previous VARCHAR NOT NULL,
    settled VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS round_participants (
    round_code VARCHAR NOT NULL,
    participant VARCHAR NOT NULL,
    number INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    joined_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (round_code, participant)
);
CREATE TABLE IF NOT EXISTS round_answers (
    round_code VARCHAR NOT NULL,
    participant VARCHAR NOT NULL,
    service_id VARCHAR NOT NULL,
    market_current DOUBLE,
    market_potential DOUBLE,
    need_current DOUBLE,
    need_future DOUBLE,
    answered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (round_code, participant, service_id),
    CHECK ({_SCORE_CHECK})
);
"""
_ROUND_COLUMNS = (
    "code, title, edition, services, show_names, revealed, closed, created_at, previous, settled"
)
_SCORES = ", ".join(SCORE_COLUMNS)
_UPSERT = f"""
INSERT INTO round_answers (round_code, participant, service_id, {_SCORES}, answered_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (round_code, participant, service_id) DO UPDATE SET
{", ".join(f"{c} = excluded.{c}" for c in SCORE_COLUMNS)}, answered_at = excluded.answered_at
"""


@dataclass(frozen=True)
class Round:
    code: str
    title: str
    edition: str
    services: tuple[str, ...]  # the ids asked, in the edition's order
    show_names: bool
    revealed: bool
    closed: bool
    created_at: datetime
    previous: str = ""  # the round this one follows (a second, Delphi round), or ""
    settled: str = ""  # the edition this round became, or ""


@dataclass(frozen=True)
class Counts:
    """What the facilitator's live view shows."""

    participants: int
    answered: int  # (participant, service) pairs with at least one score
    scores: int  # scores given, "weet niet" not counted


class RoundStore:
    """The rounds in the scenarios' DuckDB file; one connection, a cursor per call."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.Lock()  # writes only: a reader never waits
        # Every answer needs its round and whether its participant joined: kept here, since
        # only this store (this process) writes the file; a change of a round forgets it.
        self._rounds: dict[str, Round] = {}
        self._joined_keys: set[tuple[str, str]] = set()
        opened = open_database(self.path, "SELECT 1", RoundError)
        self._connection = opened.connection
        self.read_only = opened.read_only
        if not self.read_only:
            try:
                self._connection.execute(_SCHEMA)
            except duckdb.Error as error:
                raise RoundError(explain_failure("round_unreadable", self.path, error)) from error

    def close(self) -> None:
        self._connection.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        return self._connection.cursor()

    def _transaction(self) -> Transaction:
        return Transaction(
            self._cursor(),
            self.path,
            what=Phrase.of("round_the"),
            error=RoundError,
            read_only=self.read_only,
        )

    def _read(self, sql: str, values: Sequence[object] | Mapping[str, object] = ()) -> list[tuple]:
        cursor = self._cursor()
        try:
            params = values if isinstance(values, Mapping) else list(values)
            return cursor.execute(sql, params).fetchall()
        except duckdb.CatalogException:
            return []  # a read-only file made before rounds existed has none
        finally:
            cursor.close()

    # --- the facilitator's side --------------------------------------------------------------

    def open_round(
        self,
        title: str,
        edition: str,
        service_ids: Sequence[str],
        *,
        show_names: bool = False,
        previous: str = "",
    ) -> Round:
        title = clean_text(
            _TEXT_RULES, Phrase.of("round_field_title"), title, MAX_NAME, required=True
        )
        if not service_ids:
            raise RoundError(Phrase.of("round_no_services"))
        with self._lock, self._transaction() as cursor:
            code = join_code()
            while cursor.execute("SELECT 1 FROM rounds WHERE code = ?", [code]).fetchone():
                code = join_code()
            created = datetime.now(UTC)
            cursor.execute(
                f"INSERT INTO rounds ({_ROUND_COLUMNS}) VALUES (?, ?, ?, ?, ?, false, false, ?, ?, '')",
                [
                    code,
                    title,
                    edition,
                    json.dumps(list(service_ids)),
                    show_names,
                    created,
                    previous,
                ],
            )
        return Round(
            code, title, edition, tuple(service_ids), show_names, False, False, created, previous
        )

    def get(self, code: str) -> Round | None:
        kept = self._rounds.get(code)
        if kept is not None:
            return kept
        rows = self._read(f"SELECT {_ROUND_COLUMNS} FROM rounds WHERE code = ?", [code])
        if not rows:
            return None
        found = _round(rows[0])
        self._rounds[code] = found
        return found

    def list(self) -> list[Round]:
        rows = self._read(f"SELECT {_ROUND_COLUMNS} FROM rounds ORDER BY created_at DESC, code")
        return [_round(row) for row in rows]

    def _set(self, code: str, column: str, value: object) -> None:
        # `column` is one of this module's literals; values are parameters.
        with self._lock, self._transaction() as cursor:
            if not cursor.execute("SELECT 1 FROM rounds WHERE code = ?", [code]).fetchone():
                raise RoundError(Phrase.of("round_gone"))
            cursor.execute(f"UPDATE rounds SET {column} = ? WHERE code = ?", [value, code])
            self._rounds.pop(code, None)  # under the lock: no answer slips in on a stale round

    def reveal(self, code: str) -> None:
        """Show the room's answers; revealing twice (two facilitators at once) changes nothing."""
        self._set(code, "revealed", True)

    def close_round(self, code: str) -> None:
        """Stop accepting answers: the code no longer works for participants."""
        self._set(code, "closed", True)

    def mark_settled(self, code: str, edition_id: str) -> None:
        self._set(code, "settled", edition_id)

    def delete(self, code: str) -> None:
        with self._lock, self._transaction() as cursor:
            cursor.execute("DELETE FROM round_answers WHERE round_code = ?", [code])
            cursor.execute("DELETE FROM round_participants WHERE round_code = ?", [code])
            cursor.execute("DELETE FROM rounds WHERE code = ?", [code])
            self._rounds.pop(code, None)
        self._joined_keys = {known for known in self._joined_keys if known[0] != code}

    def counts(self, code: str) -> Counts:
        given = " + ".join(f"({c} IS NOT NULL)::INTEGER" for c in SCORE_COLUMNS)
        rows = self._read(
            f"""
            SELECT (SELECT count(*) FROM round_participants WHERE round_code = $code),
                   count(*) FILTER (WHERE {given} > 0),
                   coalesce(sum({given}), 0)
            FROM round_answers WHERE round_code = $code
            """,
            {"code": code},
        )
        participants, answered, scores = rows[0] if rows else (0, 0, 0)
        return Counts(int(participants), int(answered), int(scores))

    def answers(self, code: str) -> pd.DataFrame:
        """Every answer of the round: `participant` is the joining order (1, 2, …), `name` the
        optional name; the four scores NaN where "weet niet"."""
        rows = self._read(
            f"""
            SELECT p.number, p.name, a.service_id, {", ".join(f"a.{c}" for c in SCORE_COLUMNS)}
            FROM round_answers AS a
            JOIN round_participants AS p
              ON p.round_code = a.round_code AND p.participant = a.participant
            WHERE a.round_code = ?
            ORDER BY p.number, a.service_id
            """,
            [code],
        )
        frame = pd.DataFrame.from_records(
            rows, columns=["participant", "name", "service_id", *SCORE_COLUMNS]
        )
        for column in SCORE_COLUMNS:
            frame[column] = pd.to_numeric(frame[column]).astype("float64")
        frame["participant"] = frame["participant"].astype("int64")
        return frame

    # --- the participant's side --------------------------------------------------------------

    def open_for_answers(self, code: str) -> Round:
        """The round a participant may answer, or `RoundError` saying why not."""
        found = self.get(code)
        if found is None:
            raise RoundError(Phrase.of("round_unknown_code"))
        if found.closed:
            raise RoundError(Phrase.of("round_closed"))
        return found

    def join(self, code: str, token: str, name: str = "") -> int:
        """The participant's number in the round, joining it (with `name`) on first contact."""
        self.open_for_answers(code)
        name = clean_name(name)
        key = participant_key(token)
        with self._lock, self._transaction() as cursor:
            number = self._joined(cursor, code, key, name, rename=True)
        self._joined_keys.add((code, key))  # only once committed
        return int(number or 0)

    def _joined(
        self, cursor: duckdb.DuckDBPyConnection, code: str, key: str, name: str, *, rename: bool
    ) -> int | None:
        if not rename and (code, key) in self._joined_keys:
            return None  # joined before: its number is not needed to answer
        row = cursor.execute(
            "SELECT number FROM round_participants WHERE round_code = ? AND participant = ?",
            [code, key],
        ).fetchone()
        if row:
            if rename:
                cursor.execute(
                    "UPDATE round_participants SET name = ? "
                    "WHERE round_code = ? AND participant = ?",
                    [name, code, key],
                )
            return int(row[0])
        count, last = cursor.execute(
            "SELECT count(*), coalesce(max(number), 0) FROM round_participants "
            "WHERE round_code = ?",
            [code],
        ).fetchone()
        if count >= MAX_PARTICIPANTS:
            raise RoundError(Phrase.of("round_full", limit=MAX_PARTICIPANTS))
        cursor.execute(
            "INSERT INTO round_participants VALUES (?, ?, ?, ?, ?)",
            [code, key, int(last) + 1, name, datetime.now(UTC)],
        )
        return int(last) + 1

    def answer(self, code: str, token: str, service_id: str, scores: Mapping[str, object]) -> None:
        """Store one participant's four scores for one service (None = "weet niet").

        Only that participant's row changes; a closed round, an unknown service or a score off
        the scale is refused in Dutch and nothing is stored.
        """
        found = self.open_for_answers(code)
        if service_id not in found.services:
            raise RoundError(Phrase.of("round_unknown_service", service=str(service_id)[:40]))
        checked = check_scores(scores)
        key = participant_key(token)
        with self._lock, self._transaction() as cursor:
            self.open_for_answers(code)  # again under the lock: closing waits for the same lock
            self._joined(cursor, code, key, "", rename=False)
            cursor.execute(
                _UPSERT,
                [code, key, service_id, *checked.values(), datetime.now(UTC)],
            )
        self._joined_keys.add((code, key))  # only once committed

    def own_answers(self, code: str, token: str) -> dict[str, dict[str, float | None]]:
        """This participant's answers in the round: service id → the four scores."""
        rows = self._read(
            f"SELECT service_id, {_SCORES} FROM round_answers "
            "WHERE round_code = ? AND participant = ?",
            [code, participant_key(token)],
        )
        return {
            str(row[0]): {
                c: (None if v is None else float(v))
                for c, v in zip(SCORE_COLUMNS, row[1:], strict=True)
            }
            for row in rows
        }

    def own_name(self, code: str, token: str) -> str:
        rows = self._read(
            "SELECT name FROM round_participants WHERE round_code = ? AND participant = ?",
            [code, participant_key(token)],
        )
        return str(rows[0][0]) if rows else ""


def _round(row: Sequence[object]) -> Round:
    code, title, edition, services, show_names, revealed, closed, created, previous, settled = row
    return Round(
        str(code),
        str(title),
        str(edition),
        tuple(json.loads(str(services))),
        bool(show_names),
        bool(revealed),
        bool(closed),
        created,  # type: ignore[arg-type]
        str(previous),
        str(settled),
    )


def default_store() -> RoundStore:
    """The process's round store on `STRATEGIEKAART_DB`; raises `RoundError` when unusable."""
    return store_for(RoundStore, str(db_path_from_env()))


def provenance(found: Round, participants: int, missing: Sequence[str], on: datetime) -> Phrase:
    """The note a settled edition carries: which round, when, how many, what kept its score."""
    kept = ", ".join(missing) if missing else "—"
    return Phrase.of(
        "round_provenance",
        title=found.title,
        code=found.code,
        date=f"{on:%d-%m-%Y}",
        count=participants,
        kept=kept,
    )


def held_for(found: Sequence[Round], edition_id: str) -> Round | None:
    """The round the minutes of an edition report: the round it was settled from, else the
    newest revealed round on it (a round nobody revealed was not discussed). `found` newest
    first, as `RoundStore.list` gives them."""
    for candidate in found:
        if candidate.settled == edition_id:
            return candidate
    return next((r for r in found if r.revealed and r.edition == edition_id), None)


def settled_services(
    services: pd.DataFrame, answers: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """The edition a round becomes: the group's scores, and the codes of services that kept
    the base edition's scores because nobody scored them."""
    group = group_scores(services, answers.loc[:, list(ANSWER_COLUMNS)])
    missing = group.loc[group["n_answers"] == 0, "id"].astype(str).tolist()
    return group.drop(columns=["n_answers"]), missing


def settle(
    store: RoundStore, editions: EditionStore, code: str, *, name: str, author: str = ""
) -> Edition:
    """Turn a round into a new edition with the group's scores and where they came from."""
    found = store.get(code)
    if found is None:
        raise RoundError(Phrase.of("round_gone"))
    answers = store.answers(code)
    services, missing = settled_services(editions.services(found.edition), answers)
    note = provenance(found, store.counts(code).participants, missing, datetime.now(UTC))
    edition = editions.save(
        name,
        services,
        author=author,
        note=note.text(),
        source=f"scoreronde-{code}",
        based_on=found.edition,
    )
    store.mark_settled(code, edition.id)
    return edition
