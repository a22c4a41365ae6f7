"""What a user brings: an uploaded file or a table edited in the app, checked by one loader.

Everything goes through `read_services`, the one loader with design §2's rules: an upload is
read from the bytes in memory, an edit in the app is written back to CSV text first, so the
same rules give the same line numbers (line 2 = the first service).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import PurePath

import pandas as pd

from igemo_data.edition import MAX_NAME
from igemo_data.loading import LoadResult, Problem, ServiceDataError, read_services
from igemo_data.schema import TEXT_COLUMNS
from igemo_data.spreadsheet import cell_text, restored
from igemo_data.texts import Phrase
from igemo_data.texts.phrase import Number

# An upload larger than this is refused before a single byte of it is parsed: the plan's 39
# services take 6 kB, so 5 MB is room for thousands of services and nothing else. The server
# enforces the same limit before the app sees a byte: `server.maxUploadSize` in
# .streamlit/config.toml is this many MB, and Streamlit's upload handler turns it into
# maxUploadSize × 1024 × 1024 bytes (tests/test_upload_limit.py checks that they agree).
MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
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

    The table is written as CSV text and read back with `read_services`, so a problem's line
    is the spreadsheet line of a downloaded file: line 2 is the table's first row. Empty cells
    of new rows (None, NaN) are empty fields; a completely empty row is skipped, as in a file.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([str(column) for column in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([cell_text(value) for value in row])
    return read_services(buffer.getvalue().encode("utf-8"))


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
