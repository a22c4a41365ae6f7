"""Reading an OpenDocument spreadsheet (ODS, LibreOffice Calc's own format) safely.

Many Flemish public bodies save as ODS. Like an XLSX it is a zip of XML that anyone can
hand-craft, so the archive is checked as an XLSX is (`xlsx.check_archive`: zip bomb, DOCTYPE)
and the first sheet is read by a streaming expat parser of our own that also refuses any
DOCTYPE or entity the pre-check missed, and bounds what ODS's repeat counts can multiply:
`table:number-rows-repeated="1000000000"` on one row is a few bytes that a DOM reader
(odfpy, and pandas through it) would unfold into a billion rows.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from igemo_data.problems import ServiceDataError, too_many_rows
from igemo_data.schema import MAX_COLUMNS, MAX_ROWS
from igemo_data.texts import Phrase
from igemo_data.xlsx import (
    ARCHIVE_LIMIT_MB,
    ArchiveWords,
    cell_text,
    check_archive,
    refusal,
    tidy_rows,
)

ODS_WORDS = ArchiveWords(
    broken=Phrase.of("load_ods_broken"),
    doctype=Phrase.of("load_ods_doctype"),
    too_big=Phrase.of("load_ods_too_big", limit=ARCHIVE_LIMIT_MB),
)
_MIMETYPE = b"application/vnd.oasis.opendocument"
_SPREADSHEET = b"application/vnd.oasis.opendocument.spreadsheet"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")
_PARAGRAPHS = (_TEXT + "p", _TEXT + "h")
# Inside a cell only its paragraphs are its text: a comment or a drawn shape is not.
_NOT_CELL_TEXT = (_OFFICE + "annotation", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0 ")
_NUMBER_TYPES = ("float", "percentage", "currency")
_WIDTH = MAX_COLUMNS + 1  # one more than allowed, so validation can say there are too many
_CHUNK = 64 * 1024


def is_ods(data: bytes) -> bool:
    """Whether a zip is an OpenDocument file: its first entry, stored as is, names the type."""
    if data[30:38] == b"mimetype" and data[38:].startswith(_MIMETYPE):
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _mimetype(archive).startswith(_MIMETYPE)
    except Exception:  # no mimetype entry, or no readable zip: not ours to say
        return False


def _mimetype(archive: zipfile.ZipFile) -> bytes:
    """The first bytes of the mimetype entry, read before the archive's sizes are checked:
    never more, so a mimetype that unpacks to gigabytes is never unpacked."""
    with archive.open("mimetype") as entry:
        return entry.read(200)


def rows_from_ods(data: bytes) -> list[list[str]]:
    """Rows of text cells of the first sheet, the header first, as a CSV would give."""
    check_archive(data, ODS_WORDS)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        _check_kind(archive)
        try:
            with archive.open("content.xml") as content:
                rows = _first_sheet(content)
        except ServiceDataError:
            raise
        except Exception as error:  # expat, zlib or a missing part: the file is damaged
            raise refusal(ODS_WORDS.broken) from error
    return tidy_rows(rows)


def _check_kind(archive: zipfile.ZipFile) -> None:
    """Refuse a text document or drawing, and a file with a password, by name."""
    try:
        kind = _mimetype(archive)
        manifest = archive.read("META-INF/manifest.xml")
    except Exception as error:
        raise refusal(ODS_WORDS.broken) from error
    if not kind.startswith(_SPREADSHEET):
        raise refusal(Phrase.of("load_ods_not_spreadsheet"), kind.decode("ascii", "replace"))
    if b"encryption-data" in manifest:
        raise refusal(Phrase.of("load_ods_password"))


class _Done(Exception):
    """The first sheet has ended: nothing after it is read."""


@dataclass
class _Sheet:
    """What the parser has seen of the first sheet so far."""

    rows: list[list[str]] = field(default_factory=list)
    empty_rows: int = 0  # empty rows not yet added: they count only if a filled row follows
    depth: int = 0  # 0 before the first table, then how deep inside it
    row: list[str] | None = None
    row_repeat: int = 1
    cell: list[str] | None = None
    cell_attributes: dict[str, str] = field(default_factory=dict)
    cell_repeat: int = 1
    paragraphs: int = 0
    in_paragraph: int = 0
    hidden: int = 0  # inside a comment or a shape of a cell


def _first_sheet(content: io.BufferedIOBase) -> list[list[str]]:
    sheet = _Sheet()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _no_doctype
    parser.EntityDeclHandler = _no_doctype
    parser.ExternalEntityRefHandler = _no_doctype
    parser.StartElementHandler = lambda name, attributes: _start(sheet, name, attributes)
    parser.EndElementHandler = lambda name: _end(sheet, name)
    parser.CharacterDataHandler = lambda text: _characters(sheet, text)
    try:
        while chunk := content.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Done:
        pass
    return sheet.rows


def _no_doctype(*_: object) -> None:
    raise refusal(ODS_WORDS.doctype, "<!DOCTYPE>")


def _start(sheet: _Sheet, name: str, attributes: dict[str, str]) -> None:
    if sheet.depth == 0:
        if name == _TABLE + "table":
            sheet.depth = 1
        return
    sheet.depth += 1
    if sheet.cell is not None:
        _start_in_cell(sheet, name, attributes)
    elif name == _TABLE + "table-row":
        sheet.row = []
        sheet.row_repeat = _count(attributes.get(_TABLE + "number-rows-repeated"))
    elif name in _CELLS and sheet.row is not None:
        sheet.cell = []
        sheet.cell_attributes = attributes
        sheet.cell_repeat = _count(attributes.get(_TABLE + "number-columns-repeated"))
        sheet.paragraphs = sheet.in_paragraph = sheet.hidden = 0


def _start_in_cell(sheet: _Sheet, name: str, attributes: dict[str, str]) -> None:
    """Spaces, tabs and line breaks are elements in ODS text; paragraphs are lines."""
    cell = sheet.cell if sheet.cell is not None else []
    if sheet.hidden or name.startswith(_NOT_CELL_TEXT):
        sheet.hidden += 1
    elif name in _PARAGRAPHS:
        if sheet.paragraphs:
            cell.append("\n")
        sheet.paragraphs += 1
        sheet.in_paragraph += 1
    elif name == _TEXT + "s":  # c spaces; a thousand is more than any real cell holds
        cell.append(" " * min(_count(attributes.get(_TEXT + "c")), 1000))
    elif name == _TEXT + "tab":
        cell.append("\t")
    elif name == _TEXT + "line-break":
        cell.append("\n")


def _characters(sheet: _Sheet, text: str) -> None:
    if sheet.cell is not None and sheet.in_paragraph and not sheet.hidden:
        sheet.cell.append(text)


def _end(sheet: _Sheet, name: str) -> None:
    if sheet.depth == 0:
        return
    sheet.depth -= 1
    if sheet.depth == 0:
        raise _Done
    if sheet.cell is not None:
        if name in _CELLS:
            _end_cell(sheet)
        elif sheet.hidden:
            sheet.hidden -= 1
        elif name in _PARAGRAPHS:
            sheet.in_paragraph -= 1
    elif name == _TABLE + "table-row" and sheet.row is not None:
        _end_row(sheet)


def _end_cell(sheet: _Sheet) -> None:
    row = sheet.row if sheet.row is not None else []
    value = _cell_value(sheet.cell_attributes, "".join(sheet.cell or []))
    room = max(_WIDTH - len(row), 0)  # past the widest allowed row, cells are not kept
    row.extend([value] * min(sheet.cell_repeat, room))
    sheet.cell = None


def _end_row(sheet: _Sheet) -> None:
    """A row, repeated as often as it says; empty rows wait until a filled one follows, so the
    million empty rows LibreOffice writes after the data never become rows."""
    row, repeat = sheet.row or [], sheet.row_repeat
    sheet.row = None
    if not any(cell.strip() for cell in row):
        sheet.empty_rows += repeat
        return
    _add(sheet.rows, [[]], sheet.empty_rows)
    sheet.empty_rows = 0
    _add(sheet.rows, [row], repeat)


def _add(rows: list[list[str]], row: list[list[str]], times: int) -> None:
    allowed = MAX_ROWS + 1 - len(rows)  # the header and every service allowed
    if times > allowed:
        raise ServiceDataError([too_many_rows()])
    rows.extend(row * times)


def _count(value: str | None) -> int:
    """A repeat count: a positive whole number, 1 when missing or malformed."""
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1


def _cell_value(attributes: dict[str, str], text: str) -> str:
    """A cell as text: a number as its stored value (not as shown: "1,5" in a Belgian
    LibreOffice is 1.5), as an XLSX cell is read; anything else as its text."""
    kind = attributes.get(_OFFICE + "value-type", "")
    if kind in _NUMBER_TYPES:
        try:
            return cell_text(float(attributes[_OFFICE + "value"]))
        except (KeyError, ValueError):
            return text
    if kind == "boolean":
        return str(attributes.get(_OFFICE + "boolean-value", text).lower() == "true")
    if kind == "date" and _OFFICE + "date-value" in attributes:
        stamp = attributes[_OFFICE + "date-value"].replace("T", " ")
        return stamp if " " in stamp else stamp + " 00:00:00"
    if kind == "string" and _OFFICE + "string-value" in attributes:
        return attributes[_OFFICE + "string-value"]
    return text
