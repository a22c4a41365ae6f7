"""Reading and validating a services file (design §2).

Directors bring files saved by Excel in Belgium: `;`-separated, Windows-1252, decimal commas,
a byte-order mark. Those must load. Anything else that is wrong is refused with every problem
listed at once, in Dutch, so a person can fix the whole file in one go.
"""

from __future__ import annotations

import csv
import io
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
    TEXT_COLUMNS,
)

# Larger inputs are not a services portfolio but an accident or an attack.
# Limits against accidents and attacks, each far above a real portfolio (100,000 services
# make a 16 MB CSV): a bigger file, a zip that unpacks to more, or longer texts are refused.
MAX_BYTES = 32 * 1024 * 1024
MAX_UNPACKED = 128 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_PROBLEMS = 200
MAX_TEXT = {
    "id": 80,
    "domain": 20,
    "cluster": 120,
    "code": 20,
    "name": 200,
    "description": 1000,
    "plan_decision": 20,
    "plan_note": 2000,
}
_VALUE_SHOWN = 60

_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_XLSX_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and .xlsx with a password
# Control characters other than tab, newline and carriage return never occur in a text file.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_END = re.compile(r"\r\n|\n|\r")
# Everything `str.splitlines` breaks on, so a shown value never breaks a line.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_QUOTED = re.compile(r'"[^"]*(?:""[^"]*)*"')


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, where a spreadsheet user would look for it."""

    line: int
    column: str
    value: str
    rule: str

    def __str__(self) -> str:
        column = f", kolom '{_one_line(self.column)}'" if self.column else ""
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


def _one_line(text: str) -> str:
    """`text` with its line breaks shown as ↵, so a list of problems stays a list."""
    return _LINE_BREAKS.sub("↵", text)


def _shorten(value: str) -> str:
    value = _one_line(value)
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
            [Problem(1, "", str(source), f"het bestand kan niet gelezen worden: {_reason(error)}")]
        ) from error
    except ValueError as error:  # a path holding a NUL character
        raise ServiceDataError(
            [Problem(1, "", repr(source), "dit is geen geldige bestandsnaam")]
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


def _reason(error: OSError) -> str:
    """Why a file cannot be opened, in Dutch (the system's own message may be English)."""
    if isinstance(error, FileNotFoundError):
        return "het bestaat niet"
    if isinstance(error, IsADirectoryError):
        return "dit is een map, geen bestand"
    if isinstance(error, PermissionError):
        return "er is geen toelating om het te lezen"
    return f"leesfout (foutcode {error.errno})" if error.errno else "leesfout"


def _rows_from_bytes(data: bytes) -> list[list[str]]:
    """Rows of text cells, the header first; row i is spreadsheet line i + 1."""
    if not data.strip():
        raise ServiceDataError([Problem(1, "", "", "het bestand is leeg")])
    if data.startswith(_XLSX_MAGIC):
        return _rows_from_xlsx(data)
    text = _decode(data)
    if not text.strip():  # only a byte-order mark, or only white space
        raise ServiceDataError([Problem(1, "", "", "het bestand is leeg")])
    return _rows_from_csv(text)


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or, when it is not UTF-8, Windows-1252.

    Deciding per file, not per byte sequence: Windows-1252 text can hold byte pairs that are
    also valid UTF-8 ("CAFÉ" and a non-breaking space), which must not turn into other letters.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith(_OLE2_MAGIC):
        raise ServiceDataError(
            [
                Problem(
                    1,
                    "",
                    data[:8].hex(" "),
                    "dit is een oud Excel-bestand (XLS) of een Excel-bestand met wachtwoord; "
                    "bewaar de tabel als XLSX zonder wachtwoord, of als CSV",
                )
            ]
        )
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
    """The separator that splits the header into the most known column names.

    Counting separators alone is fooled by padding (a tab after every value of a `,` file).
    """
    first_line = _LINE_END.split(text, maxsplit=1)[0]

    def fit(sep: str) -> tuple[int, int]:
        cells = first_line.split(sep)
        known = sum(cell.strip(' \t"\ufeff').lower() in COLUMNS for cell in cells)
        return known, len(cells)

    best = max((";", ",", "\t"), key=fit)
    return best if best in first_line else ","


def _field_pattern(delimiter: str) -> re.Pattern[str]:
    """One CSV field and what ends it: the delimiter, a line end or the end of the text.

    Unlike the `csv` module this allows stray spaces around a quoted value (`a, "b, c" ,d`),
    which hand-edited files hold, while still refusing text glued to a closing quote.
    """
    sep = re.escape(delimiter)
    space = "[ ]*" if delimiter == "\t" else "[ \t]*"
    return re.compile(
        rf'{space}"(?P<quoted>[^"]*(?:""[^"]*)*)"{space}(?P<quoted_end>{sep}|\r\n|\n|\r|\Z)'
        rf'|(?P<plain>(?!{space}")[^{sep}\r\n]*)(?P<plain_end>{sep}|\r\n|\n|\r|\Z)'
    )


def _rows_from_csv(text: str) -> list[list[str]]:
    delimiter = _sniff_delimiter(text)
    fast = _rows_with_csv_module(text, delimiter)
    return fast if fast is not None else _rows_with_pattern(text, delimiter)


def _rows_with_pattern(text: str, delimiter: str) -> list[list[str]]:
    field = _field_pattern(delimiter)
    rows: list[list[str]] = []
    row: list[str] = []
    pos = 0
    while pos < len(text):
        match = field.match(text, pos)
        if match is None:
            raise ServiceDataError([_quote_problem(text, pos, delimiter, rows, row)])
        if match.group("quoted") is not None:
            row.append(match.group("quoted").replace('""', '"'))
            ending = match.group("quoted_end")
        else:
            row.append(match.group("plain"))
            ending = match.group("plain_end")
        pos = match.end()
        if ending != delimiter:
            rows.append(row)
            row = []
    if row:  # the text ended right after a delimiter: one more, empty, field
        rows.append([*row, ""])
    return rows


def _rows_with_csv_module(text: str, delimiter: str) -> list[list[str]] | None:
    """Python's C reader, when it reads the text as `_field_pattern` would.

    Its fields can differ only in leading spaces, which validation strips anyway. Spaces after
    a closing quote, a tab before an opening one, or any malformed quoting make it give up
    (None), and the careful reader takes over and names the problem.
    """
    sep = re.escape(delimiter)
    # skipinitialspace covers spaces before an opening quote; a tab there it does not.
    if re.search(rf'(?:^|{sep})[ ]*\t[ \t]*"', text, flags=re.MULTILINE):
        return None
    try:
        reader = csv.reader(
            io.StringIO(text, newline=""), delimiter=delimiter, strict=True, skipinitialspace=True
        )
        rows = list(reader)
    except csv.Error:
        return None
    # The C reader gives an empty list for an empty line; the careful reader one empty field.
    return [row or [""] for row in rows]


def _quote_problem(
    text: str, pos: int, delimiter: str, rows: list[list[str]], row: list[str]
) -> Problem:
    """Why the field at `pos`, which opens with a quote, cannot be read."""
    line = len(rows) + 1  # a record with quoted newlines is still one spreadsheet line
    header = [cell.strip().lstrip("\ufeff").lower() for cell in rows[0]] if rows else []
    column = header[len(row)] if len(row) < len(header) else f"kolom {len(row) + 1}"
    start = text.index('"', pos)
    closed = _QUOTED.match(text, start)
    if closed is None:
        return Problem(
            line,
            column,
            text[start : start + _VALUE_SHOWN],
            "het aanhalingsteken aan het begin van deze waarde wordt nergens gesloten",
        )
    stop = re.compile(rf"{re.escape(delimiter)}|\r|\n").search(text, closed.end())
    return Problem(
        line,
        column,
        text[start : stop.start() if stop else len(text)],
        "na het sluitende aanhalingsteken staat nog tekst; zet de hele waarde tussen "
        'aanhalingstekens en verdubbel elk aanhalingsteken erin ("")',
    )


def _check_zip(data: bytes) -> None:
    """Refuse a zip bomb before anything is unpacked: the sizes the archive declares are the
    most `zipfile` will ever unpack, so they can be trusted as an upper bound."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ServiceDataError(
            [Problem(1, "", "", "het Excel-bestand (XLSX) is beschadigd of onleesbaar")]
        ) from error
    if unpacked <= MAX_UNPACKED and _declares_entities(data):
        raise ServiceDataError(
            [
                Problem(
                    1,
                    "",
                    "<!DOCTYPE>",
                    "het Excel-bestand bevat XML-definities (DOCTYPE of ENTITY) die Excel zelf "
                    "nooit schrijft; zo'n bestand wordt niet geopend",
                )
            ]
        )
    if unpacked > MAX_UNPACKED:
        raise ServiceDataError(
            [
                Problem(
                    1,
                    "",
                    f"{unpacked} bytes uitgepakt",
                    f"het Excel-bestand pakt uit tot meer dan {MAX_UNPACKED // (1024 * 1024)} MB; "
                    "dat is geen tabel met diensten",
                )
            ]
        )


def _declares_entities(data: bytes) -> bool:
    """Whether any XML part declares a DOCTYPE: Excel never writes one, while entity tricks
    (billion laughs, external entities) need it. Checked before the XML parser sees them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    continue
                with archive.open(info) as part:
                    # The DOCTYPE must come before the root element, at the top of the part.
                    head = part.read(64 * 1024).upper()
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    return True
    except Exception as error:  # a broken archive fails in zlib, zipfile or struct alike
        raise ServiceDataError(
            [Problem(1, "", "", "het Excel-bestand (XLSX) is beschadigd of onleesbaar")]
        ) from error
    return False


def _rows_from_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    _check_zip(data)
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
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            rows.append([_cell_text(value) for value in row])
            if len(rows) > MAX_ROWS + 1:
                raise ServiceDataError(
                    [Problem(MAX_ROWS + 2, "", "", f"hoogstens {MAX_ROWS} diensten per bestand")]
                )
    except ServiceDataError:
        raise
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

    if len(rows) > MAX_ROWS + 1:
        raise ServiceDataError(
            [Problem(MAX_ROWS + 2, "", "", f"hoogstens {MAX_ROWS} diensten per bestand")]
        )
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
    unknown = [
        rows[0][i].strip() or f"kolom {i + 1} zonder naam"
        for i, name in enumerate(header)
        if name not in COLUMNS
    ]
    if unknown:
        shown = ", ".join(f"'{_shorten(name)}'" for name in unknown[:10])
        notes.append(f"Onbekende kolommen worden genegeerd: {shown}.")
    if problems:
        raise ServiceDataError(problems)

    # Rows are checked column by column (vectorised): a 100,000-service file stays interactive.
    width = len(header)
    lines: list[int] = []
    kept: list[list[str]] = []
    located: list[tuple[int, int, Problem]] = []
    for index, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue  # blank lines are what Excel leaves behind, not services
        if len(raw) != width:
            located.append((index, 0, _ragged(index, raw, header)))
            continue
        lines.append(index)
        kept.append(raw)

    table = pd.DataFrame(kept, columns=range(width), dtype="str") if kept else None
    cells = {
        name: (
            table[positions[name]].str.strip()
            if table is not None and name in positions
            else pd.Series([""] * len(kept), dtype="str")
        )
        for name in COLUMNS
    }
    line_of = pd.Series(lines, dtype="int64")
    located.extend(_column_problems(cells, line_of))

    if not kept and not located:
        located.append((2, 0, Problem(2, "", "", "er staan geen diensten onder de kopregel")))
    if located:
        raise ServiceDataError(_capped(located))

    services = pd.DataFrame({name: cells[name] for name in COLUMNS})
    services["id"] = services["id"].str.lower()
    services["domain"] = services["domain"].str.upper()
    services["plan_decision"] = services["plan_decision"].str.lower()
    for column in SCORE_COLUMNS:
        services[column] = _as_numbers(services[column]).astype("float64")
    for column in TEXT_COLUMNS:
        services[column] = services[column].astype("str")
    return LoadResult(services=services, warnings=notes)


def _as_numbers(texts: pd.Series) -> pd.Series:
    return pd.to_numeric(texts.str.replace(",", ".", regex=False), errors="coerce")


def _column_problems(
    cells: dict[str, pd.Series], line_of: pd.Series
) -> list[tuple[int, int, Problem]]:
    """Every rule of design §2 per column; only the rows that break one become Problems."""
    found: list[tuple[int, int, Problem]] = []

    def add(mask: pd.Series, order: int, column: str, rule, shown: pd.Series | None) -> None:
        for row in mask[mask].index:
            value = "" if shown is None else str(shown[row])
            text = rule(value) if callable(rule) else rule
            found.append(
                (int(line_of[row]), order, Problem(int(line_of[row]), column, value, text))
            )

    for order, name in enumerate(("id", "name", "domain"), start=1):
        add(cells[name] == "", order, name, f"'{name}' mag niet leeg zijn", None)
    domain = cells["domain"].str.upper()
    add(
        (domain != "") & ~domain.isin(DOMAINS),
        4,
        "domain",
        f"het werkdomein moet een van {_listed(DOMAINS)} zijn",
        cells["domain"],
    )
    decision = cells["plan_decision"].str.lower()
    add(
        (decision != "") & ~decision.isin(DECISIONS),
        5,
        "plan_decision",
        f"de beslissing moet leeg zijn of een van {_listed(DECISIONS)}",
        cells["plan_decision"],
    )
    for order, name in enumerate(SCORE_COLUMNS, start=6):
        text = cells[name]
        blank = text == ""
        shaped = text.str.fullmatch(_NUMBER.pattern).fillna(False).astype(bool)
        value = _as_numbers(text.where(shaped, ""))
        outside = shaped & ~value.between(SCORE_MIN, SCORE_MAX)
        add(
            blank,
            order,
            name,
            "een score mag niet leeg zijn; geef een getal van 1 tot en met 2",
            None,
        )
        add(
            ~blank & ~shaped,
            order,
            name,
            "een score moet een getal zijn van 1 tot en met 2 (bv. 1, 1,5 of 2)",
            text,
        )
        add(outside, order, name, "een score moet liggen tussen 1 en 2 (grenzen inbegrepen)", text)
    ids = cells["id"].str.lower()
    add(
        (ids != "") & ~ids.str.fullmatch(_ID.pattern).fillna(False).astype(bool),
        2,
        "id",
        "een id bestaat uit kleine letters, cijfers en - _ . (zoals ruimte-e1); "
        "ze staat in links en bestandsnamen",
        cells["id"],
    )
    for name, limit in MAX_TEXT.items():
        add(
            cells[name].str.len() > limit,
            20,
            name,
            lambda value, limit=limit: (
                f"deze tekst is {len(value)} tekens lang; hoogstens {limit} zijn toegestaan"
            ),
            cells[name],
        )
    repeated = (ids != "") & ids.duplicated(keep="first")
    if repeated.any():
        first_line = line_of.groupby(ids).transform("min")
        for row in repeated[repeated].index:
            found.append(
                (
                    int(line_of[row]),
                    99,
                    Problem(
                        int(line_of[row]),
                        "id",
                        str(ids[row]),
                        f"deze id staat al op regel {int(first_line[row])}; "
                        "elke id moet uniek zijn",
                    ),
                )
            )
    return found


def _capped(located: list[tuple[int, int, Problem]]) -> list[Problem]:
    """All problems in line order; past MAX_PROBLEMS the rest of the file is not listed."""
    located.sort(key=lambda item: (item[0], item[1]))
    problems: list[Problem] = []
    index = 0
    while index < len(located):
        line = located[index][0]
        while index < len(located) and located[index][0] == line:
            problems.append(located[index][2])
            index += 1
        if len(problems) >= MAX_PROBLEMS and index < len(located):
            problems.append(Problem(line, "", "", "te veel problemen; de rest is niet nagekeken"))
            break
    return problems


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


def _listed(values: Iterable[str]) -> str:
    return ", ".join(values)
