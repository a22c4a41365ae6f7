"""Reading and validating a services file (design §2).

Directors bring files saved by Excel in Belgium: `;`-separated, Windows-1252, decimal commas,
a byte-order mark. Those must load. Anything else that is wrong is refused with every problem
listed at once, in Dutch, so a person can fix the whole file in one go.

This module reads bytes into rows of text (CSV here, XLSX in `xlsx`); `validation` holds the
rules, `problems` the refusal, and every word comes from the texts catalogue.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from os import PathLike
from typing import BinaryIO

import pandas as pd

from igemo_data.decoding import BOM, NOT_TEXT, NotText, decode
from igemo_data.ods import is_ods, rows_from_ods
from igemo_data.problems import Problem, ServiceDataError, ServiceDataWarning
from igemo_data.schema import (
    COLUMNS,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_PROBLEMS,
    MAX_ROWS,
    MAX_TEXT,
    MAX_UNPACKED,
)
from igemo_data.texts import Phrase
from igemo_data.validation import LoadResult, column_key, column_number, validate
from igemo_data.xlsx import XLSX_MAGIC, rows_from_xlsx

__all__ = [
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "MAX_TEXT",
    "MAX_UNPACKED",
    "LoadResult",
    "Problem",
    "ServiceDataError",
    "ServiceDataWarning",
    "load_services",
    "read_services",
]

_VALUE_SHOWN = 60
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and .xlsx with a password
_LINE_END = re.compile(r"\r\n|\n|\r")
_QUOTED = re.compile(r'"[^"]*(?:""[^"]*)*"')


def read_services(source: str | PathLike[str] | bytes | BinaryIO) -> LoadResult:
    """Load and validate a services file, returning the warnings instead of emitting them.

    The page shows warnings next to the table; `load_services` is the notebook-friendly form.
    """
    data = _read_bytes(source)
    rows, notes = _rows_from_bytes(data)
    result = validate(rows)
    return LoadResult(services=result.services, warnings=[*notes, *result.warnings])


def load_services(source: str | PathLike[str] | bytes | BinaryIO) -> pd.DataFrame:
    """Load a services file (CSV, XLSX or ODS) as a DataFrame with the columns of design §2.

    Raises `ServiceDataError` (and nothing else) when the input is not acceptable.
    """
    result = read_services(source)
    for message in result.warnings:
        warnings.warn(message, ServiceDataWarning, stacklevel=2)
    return result.services


def _refused(value: str | Phrase, rule: Phrase) -> ServiceDataError:
    """A whole file refused at once, on its first line."""
    return ServiceDataError([Problem.said(1, "", value, rule)])


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
        raise _refused(str(source), Phrase.of("load_cannot_read", reason=_reason(error))) from error
    except ValueError as error:  # a path holding a NUL character
        raise _refused(repr(source), Phrase.of("load_bad_file_name")) from error
    if isinstance(data, str):
        raise _refused("", Phrase.of("load_bytes_not_text"))
    if len(data) > MAX_BYTES:
        raise _refused(
            Phrase.of("load_value_bytes", count=len(data)),
            Phrase.of("load_too_many_bytes", limit=MAX_BYTES),
        )
    return data


def _reason(error: OSError) -> Phrase:
    """Why a file cannot be opened, from the catalogue (the system's own message may be English)."""
    if isinstance(error, FileNotFoundError):
        return Phrase.of("load_reason_missing")
    if isinstance(error, IsADirectoryError):
        return Phrase.of("load_reason_directory")
    if isinstance(error, PermissionError):
        return Phrase.of("load_reason_permission")
    if error.errno:
        return Phrase.of("load_reason_code", code=error.errno)
    return Phrase.of("load_reason_unknown")


def _rows_from_bytes(data: bytes) -> tuple[list[list[str]], list[str]]:
    """Rows of text cells, the header first (row i is spreadsheet line i + 1), and the notes
    on how the file was read."""
    if not data.strip():
        raise _refused("", Phrase.of("load_empty"))
    if data.startswith(XLSX_MAGIC):  # a zip: an OpenDocument spreadsheet says so inside
        return (rows_from_ods(data) if is_ods(data) else rows_from_xlsx(data)), []
    text, notes = _decode(data)
    if not text.strip():  # only a byte-order mark, or only white space
        raise _refused("", Phrase.of("load_empty"))
    return _rows_from_csv(text), notes


def _decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8, Windows-1252 or a mix of both read place by place (see `decoding`), with a note
    for every place read in the minority encoding."""
    if data.removeprefix(BOM).startswith(_OLE2_MAGIC):
        raise _refused(data.removeprefix(BOM)[:8].hex(" "), Phrase.of("load_old_excel"))
    try:
        text, notes = decode(data)
    except NotText as error:
        raise _not_text(data) from error
    if NOT_TEXT.search(text):
        raise _not_text(data)
    return text, notes


def _not_text(data: bytes) -> ServiceDataError:
    return _refused(data[:8].hex(" "), Phrase.of("load_not_text"))


def _sniff_delimiter(text: str) -> str:
    """The separator that splits the header into the most known column names (technical or
    in a language, see `column_key`).

    Counting separators alone is fooled by padding (a tab after every value of a `,` file).
    """
    first_line = _LINE_END.split(text, maxsplit=1)[0]

    def fit(sep: str) -> tuple[int, int]:
        cells = first_line.split(sep)
        known = sum(column_key(cell.strip(' \t"\ufeff')) in COLUMNS for cell in cells)
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
    fast = rows_with_csv_module(text, delimiter)
    return fast if fast is not None else rows_with_pattern(text, delimiter)


def rows_with_pattern(text: str, delimiter: str) -> list[list[str]]:
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


def rows_with_csv_module(text: str, delimiter: str) -> list[list[str]] | None:
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
    header = [column_key(cell) for cell in rows[0]] if rows else []
    column = header[len(row)] if len(row) < len(header) else column_number(len(row) + 1)
    start = text.index('"', pos)
    closed = _QUOTED.match(text, start)
    if closed is None:
        value = text[start : start + _VALUE_SHOWN]
        return Problem.said(line, column, value, Phrase.of("load_quote_unclosed"))
    stop = re.compile(rf"{re.escape(delimiter)}|\r|\n").search(text, closed.end())
    value = text[start : stop.start() if stop else len(text)]
    return Problem.said(line, column, value, Phrase.of("load_quote_trailing"))
