"""What a user brings: an uploaded file or a table edited in the app, checked by one loader.

Everything goes through the loader's rules of design §2: an upload is read from the bytes in
memory by `read_services`, an edit in the app is turned into the rows a CSV download would
hold and checked by the same `validate`, so the same rules give the same line numbers (line 2
= the first service).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import PurePath

import pandas as pd

from igemo_data.decoding import NOT_TEXT
from igemo_data.edition import MAX_NAME
from igemo_data.loading import LoadResult, Problem, ServiceDataError, read_services
from igemo_data.schema import TEXT_COLUMNS
from igemo_data.spreadsheet import cell_text, number_text, restored
from igemo_data.texts import Phrase
from igemo_data.texts.phrase import Number
from igemo_data.validation import validate

# An upload larger than this is refused before a single byte of it is parsed: the plan's 39
# services take 6 kB, so 5 MB is room for thousands of services and nothing else. "5 MB" means
# 5,000,000 bytes, as the words say and as Streamlit's upload box counts on Linux and macOS
# (it refuses a larger file in the browser). Streamlit's server counts the configured
# `server.maxUploadSize` (.streamlit/config.toml, MAX_UPLOAD_MB) as MB × 1024 × 1024 bytes and
# refuses larger bodies before the app sees a byte; between the two (a Windows browser counts
# 1024 too, a forged client) this rule refuses in Dutch. tests/test_upload_limit.py pins all three.
MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1000 * 1000
# What the upload widget offers: CSV, Excel and LibreOffice Calc's own ODS. .xls and .txt are
# accepted so that their owners get the loader's Dutch explanation (save as XLSX or CSV)
# instead of a browser's refusal.
UPLOAD_TYPES = ("csv", "txt", "xlsx", "ods", "xls")

_ZIP_MAGIC = b"PK\x03\x04"  # XLSX and ODS alike


def validate_upload(data: bytes, filename: str = "") -> LoadResult:
    """An uploaded CSV, XLSX or ODS file as a services table, or `ServiceDataError` listing why not.

    The size is checked first, before anything is parsed. In a CSV file, a text cell that our
    own download protected against formula execution (a leading apostrophe, see
    `spreadsheet.services_csv_bytes`) gets its apostrophe back off, so a downloaded file
    uploads unchanged.
    """
    check_upload_size(len(data), filename)
    suffix = PurePath(name_only(filename)).suffix.lower().lstrip(".")
    if filename and suffix not in UPLOAD_TYPES:
        raise ServiceDataError(
            [Problem.said(1, "", name_only(filename), Phrase.of("load_upload_type"))]
        )
    result = read_services(bytes(data))
    if bytes(data[:4]) == _ZIP_MAGIC:
        return result  # Excel and LibreOffice keep their text marker out of the value
    services = result.services
    for column in TEXT_COLUMNS:
        services[column] = [restored(value) for value in services[column]]
    return LoadResult(services=services, warnings=result.warnings)


def check_upload_size(size: int, filename: str = "") -> None:
    """Refuse a file over `MAX_UPLOAD_BYTES` (a `ServiceDataError`), before it is read at all."""
    if size > MAX_UPLOAD_BYTES:
        rule = Phrase.of("load_upload_too_big", mb=MAX_UPLOAD_MB)
        raise ServiceDataError([Problem.said(1, "", _size_shown(size, filename), rule)])


def validate_edit(frame: pd.DataFrame) -> LoadResult:
    """A table edited in the app, checked by exactly the rules of an upload.

    Each cell becomes the text a downloaded CSV would hold and the rows go through the
    loader's own `validate`, so a problem's line is the spreadsheet line of a downloaded file:
    line 2 is the table's first row. Empty cells of new rows (None, NaN) are empty fields; a
    completely empty row is skipped, as in a file. No CSV text is written and parsed again: a
    100,000-row edition is checked in about half the time (bench/edition_save.py).
    """
    columns = [_cell_texts(frame.iloc[:, i]) for i in range(frame.shape[1])]
    rows = [[str(column) for column in frame.columns], *map(list, zip(*columns, strict=True))]
    problems = [
        Problem.said(line, str(frame.columns[i]), _shown(text), Phrase.of("load_cell_not_text"))
        for line, row in enumerate(rows[1:], start=2)
        for i, text in enumerate(row)
        if NOT_TEXT.search(text)
    ]
    if problems:
        raise ServiceDataError(problems)
    return validate(rows)


def _shown(text: str) -> str:
    """A cell with its invisible control characters written out: "Bouw⟨U+0000⟩en"."""
    return NOT_TEXT.sub(lambda match: f"⟨U+{ord(match.group()):04X}⟩", text)


def _cell_texts(column: pd.Series) -> list[str]:
    """A column's cells as CSV text (`cell_text`), a float column without a call per cell."""
    values = column.tolist()
    if pd.api.types.is_float_dtype(column.dtype):
        return ["" if value != value else number_text(value) for value in values]
    return [cell_text(value) for value in values]


def name_only(filename: str) -> str:
    """A file's name without any path: a browser sends a bare name, anything else is trimmed."""
    return PurePath(str(filename).replace("\\", "/")).name if filename else ""


def suggested_name(stem: str, when: datetime | None = None) -> str:
    """A default name for a new edition: what it came from and when, e.g. "scores.xlsx 12-05"."""
    when = (when or datetime.now(UTC)).astimezone()
    return f"{name_only(stem) or stem} ({when:%d-%m-%Y %H:%M})"[:MAX_NAME]


def _size_shown(size: int, filename: str) -> Phrase:
    """The refused file as a problem's value: "scores.csv: 6,0 MB" (a point in English)."""
    megabytes = Number(size / (1024 * 1024), digits=1)
    name = name_only(filename).lstrip(": ")
    if name:
        return Phrase.of("upload_size_value_named", name=name, size=megabytes)
    return Phrase.of("upload_size_value", size=megabytes)
