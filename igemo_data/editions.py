"""Editions of the services data: bring your own scores, keep every version, compare two.

An edition is a complete, validated services table (design §2) with a name, an author, a time
and a note. "Plan 2019–2024" is the first edition: it is read from data/services.csv every
time and is never stored, so nobody can change or delete it. Every accepted upload or edit in
the app becomes a new edition; editions are never changed afterwards, only added or deleted,
so a scenario that names the edition it was made on always opens on the same numbers.

Everything a user brings goes through `read_services`, the one loader with design §2's rules:
an upload is read from the bytes in memory, an edit in the app is written back to CSV text
first, so the same rules give the same line numbers (line 2 = the first service).

The editions live in the scenarios' DuckDB file (design §5), each service as a typed row. Rows
and not the CSV text because the database then guards the contract itself (CHECK constraints on
domain, decision and score range), a notebook can query the editions with plain SQL, and
reading an edition back needs no parsing. Every statement is parameterised; no SQL is ever
built from anything a user typed or uploaded.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import math
import re
import threading
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePath

import duckdb
import pandas as pd

from igemo_data import charts
from igemo_data.database import Transaction, open_database
from igemo_data.loading import LoadResult, Problem, ServiceDataError, load_services, read_services
from igemo_data.matrix import classify
from igemo_data.scenarios import MAX_NAME, MAX_TEXT, PLAN_EDITION, db_path_from_env
from igemo_data.schema import (
    COLUMNS,
    DECISIONS,
    DEFAULT_CUT,
    DOMAINS,
    SCORE_COLUMNS,
    SCORE_MAX,
    SCORE_MIN,
    TEXT_COLUMNS,
)
from igemo_data.texts import DEFAULT_LANGUAGE, t

ROOT = Path(__file__).resolve().parent.parent
PLAN_PATH = ROOT / "data" / "services.csv"
PLAN_NAME = "Plan 2019–2024"
PLAN_AUTHOR = "IGEMO"

# An upload larger than this is refused before a single byte of it is parsed: the plan's 39
# services take 6 kB, so 5 MB is room for thousands of services and nothing else.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // (1024 * 1024)
# What the upload widget offers. .xls and .txt are accepted so that their owners get the
# loader's Dutch explanation (save as XLSX or CSV) instead of a browser's refusal.
UPLOAD_TYPES = ("csv", "txt", "xlsx", "xls")

# Where pages keep the active edition (the sidebar's choice) and the URL parameter naming it.
ACTIVE_KEY = "_kept_edition"
WIDGET_KEY = "edition"
URL_PARAM = "edition"
_EDITION_ID = re.compile(r"[0-9a-f]{12}")

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
_FORMULA_START = ("=", "+", "-", "@")
_NEUTRALISED = re.compile(r"'*[=+\-@]")  # text that gets, or got, one protective apostrophe
_SLUG = re.compile(r"[^a-z0-9]+")
_XLSX_MAGIC = b"PK\x03\x04"


class EditionError(Exception):
    """An edition could not be stored, found or deleted; the message is Dutch, for the user."""


@dataclass(frozen=True)
class Edition:
    id: str
    name: str
    author: str
    note: str
    created_at: datetime | None  # None for the plan, which is no upload but the plan itself
    count: int  # services in the edition
    source: str = ""  # the uploaded file's name, or "" for an edit in the app
    based_on: str = ""  # the edition that was active when this one was made

    @property
    def builtin(self) -> bool:
        return self.id == PLAN_EDITION


# --- Validation -------------------------------------------------------------------------------


def validate_upload(data: bytes, filename: str = "") -> LoadResult:
    """An uploaded CSV or XLSX file as a services table, or `ServiceDataError` listing why not.

    The size is checked first, before anything is parsed. In a CSV file, a text cell that our
    own download protected against formula execution (a leading apostrophe, see
    `to_csv_bytes`) gets its apostrophe back off, so a downloaded file uploads unchanged.
    """
    check_upload_size(len(data), filename)
    suffix = PurePath(_name_only(filename)).suffix.lower().lstrip(".")
    if filename and suffix not in UPLOAD_TYPES:
        raise ServiceDataError(
            [
                Problem(
                    1,
                    "",
                    _name_only(filename),
                    "alleen een CSV-bestand (.csv, .txt) of een Excel-bestand (.xlsx) kan "
                    "gelezen worden",
                )
            ]
        )
    result = read_services(bytes(data))
    if bytes(data[:4]) == _XLSX_MAGIC:
        return result  # Excel keeps its text marker out of the value; nothing to take back
    services = result.services
    for column in TEXT_COLUMNS:
        services[column] = [_restore_text(value) for value in services[column]]
    return LoadResult(services=services, warnings=result.warnings)


def check_upload_size(size: int, filename: str = "") -> None:
    """Refuse a file over `MAX_UPLOAD_BYTES` (a `ServiceDataError`), before it is read at all."""
    if size > MAX_UPLOAD_BYTES:
        raise ServiceDataError(
            [
                Problem(
                    1,
                    "",
                    f"{_name_only(filename)}: {_megabytes(size)}".lstrip(": "),
                    f"een bestand mag hoogstens {MAX_UPLOAD_MB} MB zijn; het is niet gelezen",
                )
            ]
        )


def validate_edit(frame: pd.DataFrame) -> LoadResult:
    """A table edited in the app, checked by exactly the rules of an upload.

    The table is written as CSV text and read back with `read_services`, so a problem's line
    is the spreadsheet line of a downloaded file: line 2 is the table's first row. Empty cells
    of new rows (None, NaN) are empty fields; a completely empty row is skipped, as in a file.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([str(column) for column in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_cell_for_csv(value) for value in row])
    return read_services(buffer.getvalue().encode("utf-8"))


def _cell_for_csv(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else _number_text(value)
    return str(value)


def _number_text(value: float) -> str:
    """The shortest text that reads back as the same number: 1, 1.5, 1.3333333333333333."""
    return repr(float(value)).removesuffix(".0")


def _name_only(filename: str) -> str:
    # A browser sends a bare name; anything with a path in it is shown without the path.
    return PurePath(str(filename).replace("\\", "/")).name if filename else ""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def _restore_text(value: str) -> str:
    return value[1:] if value.startswith("'") and _NEUTRALISED.match(value) else value


# --- Downloads --------------------------------------------------------------------------------


def _neutralise(value: str) -> str:
    """Text a spreadsheet would run as a formula, with a leading apostrophe that makes it text.

    Also text that already starts with apostrophes before such a character, so that
    `_restore_text` undoes exactly what was added and a round trip changes nothing.
    """
    return "'" + value if _NEUTRALISED.match(value) else value


def to_csv_bytes(services: pd.DataFrame) -> bytes:
    """The services as design §2's CSV: UTF-8, comma-separated, header row, columns in order.

    With a byte-order mark, so Excel shows "Creëer" and not "CreÃ«er". A text cell starting
    with =, +, - or @ gets a leading apostrophe (OWASP's advice against CSV injection):
    Excel then shows it as text instead of running it. Our own upload takes the apostrophe off
    again; other tools show it.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in services[list(COLUMNS)].itertuples(index=False):
        cells = []
        for column, value in zip(COLUMNS, row, strict=True):
            if column in SCORE_COLUMNS:
                cells.append(_number_text(value))
            else:
                cells.append(_neutralise(_cell_for_csv(value)))
        writer.writerow(cells)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


_COLUMN_HELP: Mapping[str, tuple[str, int]] = {
    "id": ("uniek, kleine letters: <werkdomein>-<code>, bv. ruimte-e1", 16),
    "domain": ("werkdomein: " + ", ".join(DOMAINS), 12),
    "cluster": ("de groep uit het plan, bv. Lokale economie en werk", 30),
    "code": ("de code uit het plan, bv. e1, o6, v2", 8),
    "name": ("korte naam van de dienst", 30),
    "description": ("toelichting, mag leeg zijn", 40),
    "market_current": ("huidige marktpositie, getal van 1 tot en met 2", 16),
    "market_potential": ("potentiële marktpositie, getal van 1 tot en met 2", 16),
    "need_current": ("huidige behoefte, getal van 1 tot en met 2", 14),
    "need_future": ("toekomstige behoefte, getal van 1 tot en met 2", 14),
    "plan_decision": ("leeg of een van " + ", ".join(DECISIONS), 14),
    "plan_note": ("wat het plan zegt, met het deel, bv. 8.2.1: …", 60),
}


def to_xlsx_bytes(services: pd.DataFrame, *, title: str = "") -> bytes:
    """The services as an Excel workbook that doubles as the template for new scores.

    Sheet one holds the table (the loader reads only that sheet), with drop-down lists for
    domain and decision and a 1–2 check on the scores; sheet two explains each column. Every
    text cell is stored as text with Excel's quote prefix, so nothing a user typed (a name
    starting with "=") ever becomes a formula.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Diensten"
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column)
        cell.font = header_font
        cell.fill = header_fill
        sheet.column_dimensions[get_column_letter(index)].width = _COLUMN_HELP[column][1]
    for line, row in enumerate(services[list(COLUMNS)].itertuples(index=False), start=2):
        for index, (column, value) in enumerate(zip(COLUMNS, row, strict=True), start=1):
            cell = sheet.cell(row=line, column=index)
            if column in SCORE_COLUMNS:
                cell.value = float(value)
                continue
            text = _cell_for_csv(value)
            if not text:
                continue
            cell.value = text
            # openpyxl reads "=…" as a formula; a string cell with a quote prefix is text.
            cell.data_type = "s"
            if text.startswith(_FORMULA_START):
                cell.quotePrefix = True
            if column in ("description", "plan_note"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = max(len(services) + 1, 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    rows = 1000 + len(services)  # room for new services below the last one
    domain_check = DataValidation(
        type="list", formula1='"' + ",".join(DOMAINS) + '"', allow_blank=False
    )
    decision_check = DataValidation(
        type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True
    )
    score_check = DataValidation(
        type="decimal", operator="between", formula1=str(SCORE_MIN), formula2=str(SCORE_MAX)
    )
    for check, columns in (
        (domain_check, ("domain",)),
        (decision_check, ("plan_decision",)),
        (score_check, SCORE_COLUMNS),
    ):
        check.error = "Deze waarde is niet toegestaan; zie het blad Toelichting."
        check.errorTitle = "Strategiekaart"
        sheet.add_data_validation(check)
        for column in columns:
            letter = get_column_letter(COLUMNS.index(column) + 1)
            check.add(f"{letter}2:{letter}{rows}")

    notes = workbook.create_sheet("Toelichting")
    notes.append(["kolom", "betekenis en regel"])
    for cell in notes[1]:
        cell.font = header_font
        cell.fill = header_fill
    for column in COLUMNS:
        notes.append([column, _COLUMN_HELP[column][0]])
    notes.append([])
    notes.append(
        [
            "",
            "Alleen het eerste blad wordt gelezen. Elke id is uniek; onbekende kolommen worden "
            "genegeerd. Bewaar als .xlsx of als CSV (puntkomma of komma).",
        ]
    )
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 90
    if title:
        workbook.properties.title = title[:MAX_NAME]
    workbook.properties.creator = "Strategiekaart"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download_name(edition: Edition, extension: str) -> str:
    """A file name for an edition's download: letters, digits and dashes only."""
    slug = _SLUG.sub("-", edition.name.lower()).strip("-")[:60] or edition.id
    return f"strategiekaart-{slug}.{extension}"


# --- The store --------------------------------------------------------------------------------

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
        self._lock = threading.Lock()
        self._cache: dict[str, pd.DataFrame] = {}
        self._baselines: dict[str, pd.DataFrame] = {}
        # Every page's sidebar lists the editions on every rerun; only this store writes them
        # (DuckDB lets one process write a file), so the list is read again after a change only.
        self._listed: tuple[Edition, ...] | None = None
        # Only opening may set a damaged file aside; creating our tables is a separate step,
        # so the scenarios in the same file are never moved because of the editions.
        opened = open_database(self.path, "SELECT 1", EditionError)
        self._connection = opened.connection
        self.read_only = opened.read_only
        self.warning = opened.warning
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
            raise EditionError(
                f"De edities in {self.path} kunnen niet gelezen worden: {error}"
            ) from error

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
            "De scores en beslissingen uit het strategisch plan 2019–2024.",
            None,
            len(self._frame(PLAN_EDITION)),
            source=self.plan_path.name,
        )

    def list(self) -> list[Edition]:
        """The plan's edition first, then every stored edition, the newest first."""
        if not self._ready:
            return [self.plan()]
        with self._lock:
            if self._listed is None:
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
                self._listed = (self.plan(), *(_edition(row) for row in rows))
            return list(self._listed)

    def _forget_list(self) -> None:
        with self._lock:
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
        cached = self._cache.get(edition_id)
        if cached is None:
            cached = self._read_services(edition_id)
            self._cache[edition_id] = cached
        return cached

    def baseline(self, edition_id: str) -> pd.DataFrame:
        """The edition read as the plan reads it (horizon now, cuts 1.5, no what-ifs).

        Every page compares the screen with it on every rerun; an edition never changes, so
        it is classified once. A fresh copy each call, like `services`.
        """
        cached = self._baselines.get(edition_id)
        if cached is None:
            cached = classify(self.services(edition_id))
            self._baselines[edition_id] = cached
        return cached.copy()

    def _read_services(self, edition_id: str) -> pd.DataFrame:
        if edition_id == PLAN_EDITION:
            try:
                return load_services(self.plan_path)
            except ServiceDataError as error:
                raise EditionError(
                    f"De gegevens van het plan ({self.plan_path}) kunnen niet geladen worden: "
                    f"{error}"
                ) from error
        if not is_edition_id(edition_id) or not self._ready:
            raise EditionError("Deze editie bestaat niet (meer).")
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
            raise EditionError("Deze editie bestaat niet (meer).")
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
        name = _clean_text("naam", name, MAX_NAME, required=True)
        author = _clean_text("auteur", author, MAX_NAME)
        note = _clean_text("notitie", note, MAX_TEXT)
        source = _name_only(source)[:MAX_NAME]
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
        rows = [
            [edition.id, position, *row]
            for position, row in enumerate(checked[list(COLUMNS)].itertuples(index=False))
        ]
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
            cursor.executemany(
                f"INSERT INTO edition_services (edition_id, position, {_SERVICE_COLUMNS}) "
                f"VALUES ({', '.join(['?'] * (len(COLUMNS) + 2))})",
                rows,
            )
        self._cache[edition.id] = checked
        self._forget_list()
        return edition

    def delete(self, edition_id: str) -> None:
        """Delete a stored edition; never the plan's, never one a saved scenario opens on."""
        if edition_id == PLAN_EDITION:
            raise EditionError(
                f"De editie '{PLAN_NAME}' is de basis van alles en kan niet verwijderd worden."
            )
        used = self.scenarios_using(edition_id)
        if used:
            shown = ", ".join(f"'{name}'" for name in used[:5])
            more = f" en {len(used) - 5} andere" if len(used) > 5 else ""
            raise EditionError(
                f"Deze editie wordt gebruikt door de scenario's {shown}{more}; die openen erop. "
                "Verwijder eerst die scenario's."
            )
        with self._lock, self._transaction() as cursor:
            if not _select_edition(cursor, "e.id = ?", edition_id):
                raise EditionError("Deze editie bestaat niet (meer).")
            cursor.execute("DELETE FROM edition_services WHERE edition_id = ?", [edition_id])
            cursor.execute("DELETE FROM editions WHERE id = ?", [edition_id])
        self._cache.pop(edition_id, None)
        self._baselines.pop(edition_id, None)
        self._forget_list()

    def _transaction(self) -> Transaction:
        return Transaction(
            self._cursor(),
            self.path,
            what="De editie",
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


def _clean_text(what: str, value: str, limit: int, *, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise EditionError(f"Geef de editie een {what}.")
    if len(text) > limit:
        raise EditionError(f"De {what} van een editie mag hoogstens {limit} tekens lang zijn.")
    return text


def _same_name(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _name_taken(existing: Edition) -> EditionError:
    return EditionError(
        f"Er bestaat al een editie met de naam '{existing.name}'. Kies een andere naam."
    )


def is_edition_id(value: str) -> bool:
    """Whether `value` has the form of a stored edition's id (12 hexadecimal digits)."""
    return bool(_EDITION_ID.fullmatch(value or ""))


def is_known_form(value: str) -> bool:
    """Whether `value` could name an edition: the plan's id or a stored edition's form."""
    return value == PLAN_EDITION or is_edition_id(value)


@functools.cache
def shared_store(path: str, plan_path: str) -> EditionStore:
    """One store per process and file (what `st.cache_resource` would give, without Streamlit)."""
    return EditionStore(path, plan_path)


def default_store(plan_path: str | Path = PLAN_PATH) -> EditionStore:
    """The process's store on `STRATEGIEKAART_DB`; raises `EditionError` when unusable."""
    return shared_store(str(db_path_from_env()), str(plan_path))


# --- The active edition -----------------------------------------------------------------------


def edition_from_query(params: Mapping[str, str | list[str]]) -> str:
    """The edition a link names (`?edition=…`), or the plan's when it names none or nonsense."""
    value = params.get(URL_PARAM)
    if isinstance(value, list):
        value = value[0] if value else None
    value = (value or "").strip().lower()
    return value if is_known_form(value) else PLAN_EDITION


def active_id(state: Mapping[str, object]) -> str:
    """The active edition's id as kept in session state, the plan's when none is kept."""
    value = state.get(ACTIVE_KEY)
    return value if isinstance(value, str) and is_known_form(value) else PLAN_EDITION


@dataclass(frozen=True)
class Active:
    edition: Edition
    services: pd.DataFrame
    warning: str | None = None  # Dutch: why the wanted edition is not the one shown


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


def _gone_warning() -> str:
    return f"De gekozen editie bestaat niet (meer); je ziet de gegevens van {PLAN_NAME}."


def suggested_name(stem: str, when: datetime | None = None) -> str:
    """A default name for a new edition: what it came from and when, e.g. "scores.xlsx 12-05"."""
    when = (when or datetime.now(UTC)).astimezone()
    return f"{_name_only(stem) or stem} ({when:%d-%m-%Y %H:%M})"[:MAX_NAME]


# --- Comparing two editions -------------------------------------------------------------------

_SUMMARY = ["id", "code", "name", "domain", "cluster", "market", "need", "quadrant"]
_MOVE_COLUMNS = list(charts.MOVE_COLUMNS)
_CHANGE_COLUMNS = ["id", "code", "name", "domain", "field", "old", "new"]
_TEXT_FIELDS = ("domain", "cluster", "code", "name", "description", "plan_decision", "plan_note")


@dataclass(frozen=True)
class EditionDiff:
    """What changed from an old edition to a new one, the way a technology radar shows it.

    `old` and `new` are both editions classified with the same horizon and cuts. `added` and
    `removed` are services only in the new or only in the old edition (by id); `changed_scores`
    and `changed_texts` list one row per changed field (id, code, name, domain, field, old,
    new); `moves` every service in both whose place on the matrix changed, and `crosses` marks
    the ones that land in another quadrant.
    """

    old: pd.DataFrame
    new: pd.DataFrame
    added: pd.DataFrame
    removed: pd.DataFrame
    changed_scores: pd.DataFrame
    changed_texts: pd.DataFrame
    moves: pd.DataFrame
    horizon: float = 0.0
    market_cut: float = DEFAULT_CUT
    need_cut: float = DEFAULT_CUT
    unchanged: list[str] = field(default_factory=list)

    @property
    def quadrant_moves(self) -> pd.DataFrame:
        return self.moves[self.moves["crosses"]].reset_index(drop=True)

    @property
    def identical(self) -> bool:
        parts = (self.added, self.removed, self.changed_scores, self.changed_texts)
        return not any(len(part) for part in parts)


def compare_editions(
    old: pd.DataFrame,
    new: pd.DataFrame,
    *,
    horizon: float = 0.0,
    market_cut: float = DEFAULT_CUT,
    need_cut: float = DEFAULT_CUT,
) -> EditionDiff:
    """New, removed and changed services, and moves on the matrix, from `old` to `new`.

    Both are services tables (design §2); services are matched by id. Places and quadrants are
    computed for the given horizon and cuts, without what-ifs: a comparison is about the data.
    """
    old_table = classify(old, horizon=horizon, market_cut=market_cut, need_cut=need_cut)
    new_table = classify(new, horizon=horizon, market_cut=market_cut, need_cut=need_cut)
    old_ids = set(old_table["id"])
    new_ids = set(new_table["id"])
    added = new_table[~new_table["id"].isin(old_ids)][_SUMMARY].reset_index(drop=True)
    removed = old_table[~old_table["id"].isin(new_ids)][_SUMMARY].reset_index(drop=True)

    before = old_table.set_index("id")
    score_rows: list[dict[str, object]] = []
    text_rows: list[dict[str, object]] = []
    unchanged: list[str] = []
    for row in new_table[new_table["id"].isin(old_ids)].itertuples(index=False):
        was = before.loc[row.id]
        label = {"id": row.id, "code": row.code, "name": row.name, "domain": row.domain}
        changed = False
        for column in SCORE_COLUMNS:
            if not math.isclose(float(was[column]), float(getattr(row, column)), abs_tol=1e-12):
                score_rows.append(
                    {
                        **label,
                        "field": column,
                        "old": float(was[column]),
                        "new": getattr(row, column),
                    }
                )
                changed = True
        for column in _TEXT_FIELDS:
            if str(was[column]) != str(getattr(row, column)):
                text_rows.append(
                    {**label, "field": column, "old": str(was[column]), "new": getattr(row, column)}
                )
                changed = True
        if not changed:
            unchanged.append(row.id)

    arrows = edition_arrows(old_table, new_table, market_cut=market_cut, need_cut=need_cut)
    moves = arrows[_MOVE_COLUMNS].reset_index(drop=True)
    return EditionDiff(
        old=old_table,
        new=new_table,
        added=added,
        removed=removed,
        changed_scores=pd.DataFrame(score_rows, columns=_CHANGE_COLUMNS),
        changed_texts=pd.DataFrame(text_rows, columns=_CHANGE_COLUMNS),
        moves=moves,
        horizon=horizon,
        market_cut=market_cut,
        need_cut=need_cut,
        unchanged=unchanged,
    )


def edition_arrows(
    old_table: pd.DataFrame, new_table: pd.DataFrame, *, market_cut: float, need_cut: float
) -> pd.DataFrame:
    """Arrows from each service's place in the old edition to its place in the new one.

    Both tables are `classify` results with the same horizon and cuts; services in only one of
    them get no arrow. The frame has `charts.evolution_arrows`' columns, for
    `charts.quadrant_chart(new_table, arrows=…)`: the arrow ends at the new edition's marker
    and starts at a hollow marker where the service stood before.
    """
    common = set(old_table["id"]) & set(new_table["id"])
    old_common = old_table[old_table["id"].isin(common)].reset_index(drop=True)
    new_common = new_table[new_table["id"].isin(common)].reset_index(drop=True)
    if not len(old_common):
        return charts.evolution_arrows(
            old_table.iloc[0:0], new_table.iloc[0:0], market_cut=market_cut, need_cut=need_cut
        )
    return charts.evolution_arrows(old_common, new_common, market_cut=market_cut, need_cut=need_cut)


def comparison_chart(
    diff: EditionDiff,
    *,
    lang: str = DEFAULT_LANGUAGE,
    domains: Sequence[str] = DOMAINS,
    title: str | None = None,
    subtitle: str | None = None,
):
    """The new edition on the matrix, with an arrow from every moved service's old place."""
    table = diff.new[diff.new["domain"].isin(list(domains))].reset_index(drop=True)
    arrows = diff.moves[diff.moves["domain"].isin(list(domains))]
    # The arrows' own geometry comes from quadrant_chart; evolution_arrows' x/y are not needed.
    return charts.quadrant_chart(
        table,
        market_cut=diff.market_cut,
        need_cut=diff.need_cut,
        lang=lang,
        arrows=arrows,
        title=title,
        subtitle=subtitle,
        selectable=False,
    )


# --- Tables for the screen --------------------------------------------------------------------

TABLE_ROW_HEIGHT = 38  # px per table row at the theme's 18 px font


def table_height(rows: int, limit: int | None = None) -> int:
    """Pixels for a table that shows its header and `rows` rows without an inner scrollbar."""
    height = (max(rows, 1) + 1) * TABLE_ROW_HEIGHT + 3
    return min(height, limit) if limit else height


def problem_table(
    error: ServiceDataError, lang: str = DEFAULT_LANGUAGE, rows: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every problem as one row: line, column, value, rule; with `rows` (the edited table) also
    the service on that line, so a problem in the editor can be found without counting rows."""
    records = error.as_records()
    table = pd.DataFrame(
        {
            t("problem_line", lang): [int(r["regel"]) for r in records],  # type: ignore[call-overload]
            t("problem_column", lang): [str(r["kolom"]) for r in records],
            t("problem_value", lang): [str(r["waarde"]) for r in records],
            t("problem_rule", lang): [str(r["regel_uitleg"]) for r in records],
        }
    )
    if rows is not None:
        services = []
        for record in records:
            position = int(record["regel"]) - 2  # type: ignore[call-overload]
            if 0 <= position < len(rows):
                row = rows.iloc[position]
                parts = [_cell_for_csv(row.get(c)) for c in ("code", "name") if c in rows]
                services.append(" · ".join(p for p in parts if p) or "—")
            else:
                services.append("")
        table.insert(1, t("problem_service", lang), services)
    return table


def edition_rows(
    editions: Sequence[Edition], lang: str = DEFAULT_LANGUAGE, active: str = PLAN_EDITION
) -> pd.DataFrame:
    """The editions as a table for the screen, the active one marked."""
    names = {edition.id: edition.name for edition in editions}
    rows = []
    for edition in editions:
        if edition.builtin:
            origin = t("edition_origin_plan", lang)
        elif edition.source:
            origin = t("edition_origin_upload", lang, file=edition.source)
        else:
            origin = t("edition_origin_edit", lang, name=names.get(edition.based_on, "—"))
        rows.append(
            {
                t("edition_active", lang): "●" if edition.id == active else "",
                t("save_name", lang): edition.name,
                t("save_author", lang): edition.author,
                t("field_created", lang): (
                    edition.created_at.astimezone().strftime("%d-%m-%Y %H:%M")
                    if edition.created_at
                    else "—"
                ),
                t("edition_count", lang): edition.count,
                t("edition_origin", lang): origin,
                t("save_note", lang): edition.note,
            }
        )
    return pd.DataFrame(rows)


def change_rows(changes: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Changed fields as a table: service, field (in words), old and new value."""
    labels = {column: t(f"field_{column}", lang) for column in SCORE_COLUMNS}
    labels.update(
        {
            "domain": t("field_domain", lang),
            "cluster": t("field_cluster", lang),
            "code": t("field_code", lang),
            "name": t("field_name", lang),
            "description": t("field_description", lang),
            "plan_decision": t("field_plan_decision", lang),
            "plan_note": t("field_plan_note", lang),
        }
    )

    def shown(column: str, value: object) -> str:
        if column in SCORE_COLUMNS:
            return charts.format_score(float(value), lang)  # type: ignore[arg-type]
        return str(value)

    return pd.DataFrame(
        {
            t("field_code", lang): changes["code"],
            t("field_name", lang): changes["name"],
            t("edition_field", lang): [labels.get(f, f) for f in changes["field"]],
            t("edition_old", lang): [
                shown(f, v) for f, v in zip(changes["field"], changes["old"], strict=True)
            ],
            t("edition_new", lang): [
                shown(f, v) for f, v in zip(changes["field"], changes["new"], strict=True)
            ],
        }
    )
