"""Reading an Excel workbook (XLSX) safely: the archive and its XML are checked before
openpyxl parses anything, because a workbook is a zip of XML that anyone can hand-craft."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from igemo_data.problems import Problem, ServiceDataError, too_many_rows
from igemo_data.schema import MAX_COLUMNS, MAX_ROWS, MAX_UNPACKED
from igemo_data.texts import Phrase

XLSX_MAGIC = b"PK\x03\x04"
ARCHIVE_LIMIT_MB = MAX_UNPACKED // (1024 * 1024)


@dataclass(frozen=True)
class ArchiveWords:
    """What a refused archive is called: an Excel workbook or an OpenDocument spreadsheet."""

    broken: Phrase
    doctype: Phrase
    too_big: Phrase


XLSX_WORDS = ArchiveWords(
    broken=Phrase.of("load_xlsx_broken"),
    doctype=Phrase.of("load_xlsx_doctype"),
    too_big=Phrase.of("load_xlsx_too_big", limit=ARCHIVE_LIMIT_MB),
)


def rows_from_xlsx(data: bytes) -> list[list[str]]:
    """Rows of text cells of the first worksheet, the header first, as a CSV would give."""
    from openpyxl import load_workbook

    check_archive(data, XLSX_WORDS)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise _broken() from error
    except Exception as error:  # openpyxl raises many kinds for malformed XML
        raise _broken() from error
    try:
        sheet = workbook.worksheets[0]
        # The <dimension> a writer stores can be stale (A1:L20 over 40 rows, or only A1), and
        # read-only openpyxl stops where it says: forget it, and read every row there is.
        sheet.reset_dimensions()
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            rows.append([cell_text(value) for value in row])
            if len(rows) > MAX_ROWS + 1:
                raise ServiceDataError([too_many_rows()])
    except ServiceDataError:
        raise
    except Exception as error:  # malformed sheet XML surfaces only while iterating
        raise ServiceDataError(
            [Problem.said(1, "", "", Phrase.of("load_sheet_unreadable"))]
        ) from error
    finally:
        workbook.close()
    return tidy_rows(rows)


def tidy_rows(rows: list[list[str]]) -> list[list[str]]:
    """A sheet's rows without the empty ones after the last, all as wide as the widest row's
    last filled cell: spreadsheets pad rows, and trailing empty cells are not fields."""
    rows = list(rows)
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    width = max((len(_trim_trailing(row)) for row in rows), default=0)
    return [row[:width] + [""] * (width - len(row)) for row in rows]


def _broken() -> ServiceDataError:
    return refusal(XLSX_WORDS.broken)


def refusal(rule: Phrase, value: str | Phrase = "") -> ServiceDataError:
    """A whole file refused at once, on its first line."""
    return ServiceDataError([Problem.said(1, "", value, rule)])


def check_archive(data: bytes, words: ArchiveWords) -> None:
    """Refuse a zip bomb and XML entity tricks before anything is parsed.

    The sizes the archive declares are the most `zipfile` will ever unpack, so they can be
    trusted as an upper bound. XLSX and ODS alike are read by this rule.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    # NotImplementedError: a header asking for a zip version or method Python does not know.
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        raise refusal(words.broken) from error
    if unpacked > MAX_UNPACKED:
        raise refusal(words.too_big, Phrase.of("load_value_unpacked", count=unpacked))
    if _declares_entities(data, words):
        raise refusal(words.doctype, "<!DOCTYPE>")


def _declares_entities(data: bytes, words: ArchiveWords) -> bool:
    """Whether any XML part declares a DOCTYPE: Excel and LibreOffice never write one, while
    entity tricks (billion laughs, external entities) need it. Checked before the XML parser
    sees them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if not info.filename.lower().endswith((".xml", ".rels", ".vml", ".rdf")):
                    continue
                with archive.open(info) as part:
                    # The DOCTYPE must come before the root element, at the top of the part.
                    head = part.read(64 * 1024).upper()
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    return True
    except Exception as error:  # a broken archive fails in zlib, zipfile or struct alike
        raise refusal(words.broken) from error
    return False


def _trim_trailing(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV would hold: a whole number without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
