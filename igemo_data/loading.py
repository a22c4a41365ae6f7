"""Reading and validating a services file (design §2).

Directors bring files saved by Excel in Belgium: `;`-separated, Windows-1252, decimal commas,
a byte-order mark. Those must load. Anything else that is wrong is refused with every problem
listed at once, in Dutch, so a person can fix the whole file in one go.
"""

from __future__ import annotations

import csv
import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import BinaryIO

import pandas as pd

from igemo_data.schema import (
    COLUMNS,
    DECISIONS,
    DOMAINS,
    REQUIRED_COLUMNS,
    SCORE_COLUMNS,
    SCORE_MAX,
    SCORE_MIN,
)

# Larger inputs are not a services portfolio but an accident or an attack.
MAX_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 200
MAX_PROBLEMS = 200
_VALUE_SHOWN = 60

_NUMBER = re.compile(r"[+]?(\d+([.,]\d*)?|[.,]\d+)")
_XLSX_MAGIC = b"PK\x03\x04"
# Control characters other than tab, newline and carriage return never occur in a text file.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, where a spreadsheet user would look for it."""

    line: int
    column: str
    value: str
    rule: str

    def __str__(self) -> str:
        column = f", kolom '{self.column}'" if self.column else ""
        return f"regel {self.line}{column}, waarde '{_shorten(self.value)}': {self.rule}"


class ServiceDataError(ValueError):
    """A services file was refused; `problems` lists everything that is wrong with it."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems: list[Problem] = list(problems)
        count = len(self.problems)
        head = (
            "Het bestand is geweigerd: 1 probleem."
            if count == 1
            else (f"Het bestand is geweigerd: {count} problemen.")
        )
        super().__init__("\n".join([head, *(f"- {p}" for p in self.problems)]))

    def as_records(self) -> list[dict[str, object]]:
        """The problems as rows for a table (line, column, value, rule)."""
        return [
            {
                "regel": p.line,
                "kolom": p.column,
                "waarde": _shorten(p.value),
                "regel_uitleg": p.rule,
            }
            for p in self.problems
        ]


class ServiceDataWarning(UserWarning):
    """Something in an accepted file was ignored (for example an unknown column)."""


@dataclass
class LoadResult:
    services: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def read_services(source: str | PathLike[str] | bytes | BinaryIO) -> LoadResult:
    """Load and validate a services file, returning the warnings instead of emitting them.

    The page shows warnings next to the table; `load_services` is the notebook-friendly form.
    """
    data = _read_bytes(source)
    rows = _rows_from_bytes(data)
    return _validate(rows)


def load_services(source: str | PathLike[str] | bytes | BinaryIO) -> pd.DataFrame:
    """Load a services file (CSV or XLSX) as a DataFrame with the columns of design §2.

    Raises `ServiceDataError` (and nothing else) when the input is not acceptable.
    """
    result = read_services(source)
    for message in result.warnings:
        warnings.warn(message, ServiceDataWarning, stacklevel=2)
    return result.services


def _shorten(value: str) -> str:
    return value if len(value) <= _VALUE_SHOWN else value[: _VALUE_SHOWN - 1] + "…"


def _read_bytes(source: str | PathLike[str] | bytes | BinaryIO) -> bytes:
    try:
        if isinstance(source, bytes | bytearray | memoryview):
            data = bytes(source)
        elif hasattr(source, "read"):
            data = source.read(MAX_BYTES + 1)  # type: ignore[union-attr]
        else:
            with open(source, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise ServiceDataError(
            [Problem(1, "", str(source), f"het bestand kan niet gelezen worden ({error.strerror})")]
        ) from error
    if isinstance(data, str):
        raise ServiceDataError([Problem(1, "", "", "geef het bestand als bytes, niet als tekst")])
    if len(data) > MAX_BYTES:
        raise ServiceDataError(
            [
                Problem(
                    1, "", f"{len(data)} bytes", f"een bestand mag hoogstens {MAX_BYTES} bytes zijn"
                )
            ]
        )
    return data


def _rows_from_bytes(data: bytes) -> list[list[str]]:
    """Rows of text cells, the header first; row i is spreadsheet line i + 1."""
    if not data.strip():
        raise ServiceDataError([Problem(1, "", "", "het bestand is leeg")])
    if data.startswith(_XLSX_MAGIC):
        return _rows_from_xlsx(data)
    text = _decode(data)
    return _rows_from_csv(text)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise _not_text(data) from error
    if _NOT_TEXT.search(text):
        raise _not_text(data)
    return text


def _not_text(data: bytes) -> ServiceDataError:
    head = data[:8].hex(" ")
    return ServiceDataError(
        [
            Problem(
                1,
                "",
                head,
                "dit is geen tekstbestand (CSV) en geen Excel-bestand (XLSX); "
                "bewaar de tabel als CSV of XLSX",
            )
        ]
    )


def _sniff_delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _rows_from_csv(text: str) -> list[list[str]]:
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text), strict=True
    )
    try:
        return [row for row in reader]
    except csv.Error as error:
        raise ServiceDataError(
            [Problem(reader.line_num, "", "", f"de CSV-opmaak klopt niet ({error})")]
        ) from error


def _rows_from_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ServiceDataError(
            [Problem(1, "", "", "het Excel-bestand (XLSX) is beschadigd of onleesbaar")]
        ) from error
    except Exception as error:  # openpyxl raises many kinds for malformed XML
        raise ServiceDataError(
            [Problem(1, "", "", "het Excel-bestand (XLSX) is beschadigd of onleesbaar")]
        ) from error
    try:
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    except Exception as error:  # malformed sheet XML surfaces only while iterating
        raise ServiceDataError(
            [Problem(1, "", "", "het eerste werkblad van het Excel-bestand is onleesbaar")]
        ) from error
    finally:
        workbook.close()
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    # Excel pads every row to the widest one; trailing empty cells are not fields.
    width = max((len(_trim_trailing(row)) for row in rows), default=0)
    return [row[:width] + [""] * (width - len(row)) for row in rows]


def _trim_trailing(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _validate(rows: list[list[str]]) -> LoadResult:
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ServiceDataError([Problem(1, "", "", "de eerste regel moet de kolomnamen bevatten")])
    header = [cell.strip().lstrip("\ufeff").lower() for cell in rows[0]]
    problems: list[Problem] = []
    notes: list[str] = []

    if len(header) > MAX_COLUMNS:
        raise ServiceDataError(
            [
                Problem(
                    1,
                    "",
                    f"{len(header)} kolommen",
                    f"hoogstens {MAX_COLUMNS} kolommen zijn toegestaan",
                )
            ]
        )
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in positions and name in COLUMNS:
            problems.append(
                Problem(1, name, rows[0][index], "deze kolom staat twee keer in de kopregel")
            )
        positions.setdefault(name, index)
    for name in REQUIRED_COLUMNS:
        if name not in positions:
            problems.append(
                Problem(1, name, "", f"de verplichte kolom '{name}' ontbreekt in de kopregel")
            )
    unknown = [rows[0][i].strip() for i, name in enumerate(header) if name not in COLUMNS]
    if unknown:
        shown = ", ".join(f"'{_shorten(name)}'" for name in unknown[:10])
        notes.append(f"Onbekende kolommen worden genegeerd: {shown}.")
    if problems:
        raise ServiceDataError(problems)

    records: list[dict[str, object]] = []
    seen_ids: dict[str, int] = {}
    width = len(header)
    for index, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue  # blank lines are what Excel leaves behind, not services
        if len(raw) != width:
            problems.append(_ragged(index, raw, header))
            continue
        record, row_problems = _validate_row(index, raw, positions)
        problems.extend(row_problems)
        service_id = str(record["id"])
        if service_id:
            if service_id in seen_ids:
                problems.append(
                    Problem(
                        index,
                        "id",
                        service_id,
                        f"deze id staat al op regel {seen_ids[service_id]}; elke id moet uniek zijn",
                    )
                )
            else:
                seen_ids[service_id] = index
        records.append(record)
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(index, "", "", "te veel problemen; de rest is niet nagekeken"))
            break

    if not records and not problems:
        problems.append(Problem(2, "", "", "er staan geen diensten onder de kopregel"))
    if problems:
        raise ServiceDataError(problems)

    services = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    for column in SCORE_COLUMNS:
        services[column] = services[column].astype("float64")
    return LoadResult(services=services, warnings=notes)


def _ragged(line: int, raw: list[str], header: list[str]) -> Problem:
    width = len(header)
    if len(raw) < width:
        missing = header[len(raw)]
        return Problem(
            line,
            missing,
            "",
            f"deze regel heeft {len(raw)} velden in plaats van {width}; "
            f"vanaf kolom '{missing}' ontbreekt alles",
        )
    return Problem(
        line,
        f"kolom {width + 1}",
        raw[width],
        f"deze regel heeft {len(raw)} velden in plaats van {width}; "
        "zit er een scheidingsteken te veel in een waarde? Zet zo'n waarde tussen aanhalingstekens",
    )


def _validate_row(
    line: int, raw: list[str], positions: dict[str, int]
) -> tuple[dict[str, object], list[Problem]]:
    def cell(name: str) -> str:
        index = positions.get(name)
        return raw[index].strip() if index is not None else ""

    problems: list[Problem] = []
    record: dict[str, object] = {name: cell(name) for name in COLUMNS}
    record["id"] = str(record["id"]).lower()
    record["domain"] = str(record["domain"]).upper()
    record["plan_decision"] = str(record["plan_decision"]).lower()

    for name in ("id", "name", "domain"):
        if not record[name]:
            problems.append(Problem(line, name, "", f"'{name}' mag niet leeg zijn"))
    if record["domain"] and record["domain"] not in DOMAINS:
        problems.append(
            Problem(
                line,
                "domain",
                cell("domain"),
                f"het werkdomein moet een van {_listed(DOMAINS)} zijn",
            )
        )
    if record["plan_decision"] and record["plan_decision"] not in DECISIONS:
        problems.append(
            Problem(
                line,
                "plan_decision",
                cell("plan_decision"),
                f"de beslissing moet leeg zijn of een van {_listed(DECISIONS)}",
            )
        )
    for name in SCORE_COLUMNS:
        value, rule = _score(cell(name))
        if rule:
            problems.append(Problem(line, name, cell(name), rule))
        record[name] = value
    return record, problems


def _listed(values: Iterable[str]) -> str:
    return ", ".join(values)


def _score(text: str) -> tuple[float, str]:
    if not text:
        return math.nan, "een score mag niet leeg zijn; geef een getal van 1 tot en met 2"
    if not _NUMBER.fullmatch(text):
        return math.nan, "een score moet een getal zijn van 1 tot en met 2 (bv. 1, 1,5 of 2)"
    value = float(text.replace(",", "."))
    if not SCORE_MIN <= value <= SCORE_MAX:
        return value, "een score moet liggen tussen 1 en 2 (grenzen inbegrepen)"
    return value, ""
