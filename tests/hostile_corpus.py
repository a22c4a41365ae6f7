"""A corpus of bad and hostile inputs, built on demand (a 50 MB file does not belong in git).

Each case is (name, bytes, outcome): "refused" must raise ServiceDataError with a Dutch problem
that names a line; "loaded" must load, keeping every text exactly as it was given.
"""

from __future__ import annotations

import gzip
import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = (ROOT / "data" / "services.csv").read_bytes()
HEADER, _, BODY = BUNDLED.partition(b"\n")
HOSTILE_NAMES = [
    "<img src=x onerror=alert(1)>",
    "<script>alert('xss')</script>",
    "=cmd|' /C calc'!A0",
    '+HYPERLINK("http://x")',
    "-2+3",
    "@SUM(A1)",
    "**vet** [link](javascript:alert(1))",
    "\u202eevil\u202c naam",
    "nul\u200bbreedte",
]


def _replace_names(names: list[str]) -> bytes:
    lines = BUNDLED.decode("utf-8").splitlines()
    out = [lines[0]]
    for index, line in enumerate(lines[1:]):
        cells = line.split(",", 5)
        if index < len(names):
            quoted = '"' + names[index].replace('"', '""') + '"'
            cells[4] = quoted
        out.append(",".join(cells))
    return ("\n".join(out) + "\n").encode("utf-8")


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    """A valid-looking XLSX whose sheet unpacks to 300 MB of spaces (compresses ~1000×)."""
    normal = zipfile.ZipFile(io.BytesIO(_xlsx([["id", "name"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in normal.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info, normal.read(info))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            chunk = b" " * (1024 * 1024)
            for _ in range(300):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _bundled_xlsx() -> bytes:
    lines = BUNDLED.decode("utf-8").splitlines()
    import csv

    rows = list(csv.reader(lines))
    return _xlsx([rows[0], *([*r[:6], *map(float, r[6:10]), *r[10:]] for r in rows[1:])])


def _with_doctype(doctype: str, reference: str, *, hidden: bool = False) -> bytes:
    """The bundled workbook with a DOCTYPE in its sheet and the first name replaced by an
    entity reference: the XML tricks below only matter where a real file is read."""
    sheet = "xl/worksheets/sheet1.xml"
    normal = zipfile.ZipFile(io.BytesIO(_bundled_xlsx()))
    xml = normal.read(sheet).decode("utf-8")
    assert "<t>Ondernemerschap</t>" in xml, "openpyxl writes names as inline strings"
    comment = f"<!--{'x' * 100_000}-->" if hidden else ""  # past what the archive check reads
    xml = f'<?xml version="1.0"?>{comment}<!DOCTYPE worksheet [{doctype}]>' + xml.split("?>", 1)[-1]
    xml = xml.replace("<t>Ondernemerschap</t>", f"<t>{reference}</t>", 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in normal.infolist():
            data = normal.read(info)
            if info.filename == sheet:
                data = xml.encode("utf-8")
            archive.writestr(info, data)
    return buffer.getvalue()


def _billion_laughs() -> bytes:
    """Nested entities that would expand to a billion 'ha's (the 'billion laughs' attack)."""
    entities = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    return _with_doctype(entities, "&l9;")


def _external_entity() -> bytes:
    """A cell that asks the XML parser to read /etc/passwd (XXE)."""
    return _with_doctype('<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;")


def _not_a_workbook_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("leesmij.txt", "geen werkboek")
    return buffer.getvalue()


def _with_cell(line: int, column: int, value: str) -> bytes:
    lines = BUNDLED.decode("utf-8").splitlines()
    cells = lines[line - 1].split(",")
    cells[column] = value
    lines[line - 1] = ",".join(cells)
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- OpenDocument spreadsheets (ODS), written as LibreOffice Calc writes them -------------

_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'office:version="1.3"'
)
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _ods_text(value: str) -> str:
    """A cell's text as LibreOffice writes it: a paragraph per line, runs of spaces as
    <text:s text:c="n"/>, a leading space as <text:s/>."""
    from xml.sax.saxutils import escape

    def spaced(line: str) -> str:
        out = escape(line)
        out = re.sub(r"  +", lambda m: f' <text:s text:c="{len(m.group()) - 1}"/>', out)
        return re.sub(r"^ ", "<text:s/>", out)

    return "".join(f"<text:p>{spaced(line)}</text:p>" for line in value.split("\n"))


def _ods_cell(value: object, repeat: int) -> str:
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value is None or value == "":
        return f"<table:table-cell{times}/>"
    if isinstance(value, float | int):
        shown = f"{value:g}".replace(".", ",")  # as a Belgian LibreOffice shows it
        return (
            f'<table:table-cell{times} office:value-type="float" office:value="{value!r}" '
            f'calcext:value-type="float"><text:p>{shown}</text:p></table:table-cell>'
        )
    return (
        f'<table:table-cell{times} office:value-type="string" calcext:value-type="string">'
        f"{_ods_text(str(value))}</table:table-cell>"
    )


def _ods_row(cells: list[object]) -> str:
    """Adjacent equal cells as one cell with a repeat count, then 1,024 columns' padding."""
    out, index = [], 0
    while index < len(cells):
        repeat = 1
        while index + repeat < len(cells) and cells[index + repeat] == cells[index]:
            repeat += 1
        out.append(_ods_cell(cells[index], repeat))
        index += repeat
    out.append(f'<table:table-cell table:number-columns-repeated="{1024 - len(cells)}"/>')
    return "<table:table-row>" + "".join(out) + "</table:table-row>"


def ods_content(rows: list[list[object]], *, doctype: str = "", first_cell: str = "") -> bytes:
    """content.xml of a workbook with `rows` on its first sheet, a second sheet after it."""
    body = "".join(_ods_row(row) for row in rows)
    if first_cell:
        body = body.replace("<text:p>id</text:p>", f"<text:p>{first_cell}</text:p>", 1)
    filler = (
        '<table:table-row table:number-rows-repeated="1048500">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}'
        f"<office:document-content {_ODS_NAMESPACES}><office:body><office:spreadsheet>"
        '<table:table table:name="Diensten"><table:table-column table:number-columns-repeated="1024"/>'
        f"{body}{filler}</table:table>"
        '<table:table table:name="Toelichting"><table:table-row><table:table-cell '
        'office:value-type="string"><text:p>niet de tabel</text:p></table:table-cell>'
        "</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    return xml.encode("utf-8")


def ods_archive(content: bytes, *, mimetype: bytes = ODS_MIMETYPE, manifest: str = "") -> bytes:
    """An ODS zip as LibreOffice lays it out: the mimetype first and stored, then the parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest or _ODS_MANIFEST)
    return buffer.getvalue()


def bundled_ods_rows() -> list[list[object]]:
    """The bundled services as a LibreOffice user has them: scores as numbers."""
    import csv

    rows = list(csv.reader(BUNDLED.decode("utf-8").splitlines()))
    return [rows[0], *([*r[:6], *map(float, r[6:10]), *r[10:]] for r in rows[1:])]


def bundled_ods(**options: str) -> bytes:
    return ods_archive(ods_content(bundled_ods_rows(), **options))


def _ods_zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODS_MIMETYPE)
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        with archive.open("content.xml", "w", force_zip64=True) as content:
            content.write(b'<?xml version="1.0"?><office:document-content>')
            for _ in range(300):
                content.write(b" " * (1024 * 1024))
            content.write(b"</office:document-content>")
    return buffer.getvalue()


def _ods_mimetype_bomb() -> bytes:
    """An ODS whose mimetype entry unpacks to 400 MB: read before the sizes are checked."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("mimetype", "w", force_zip64=True) as mimetype,
    ):
        mimetype.write(ODS_MIMETYPE)
        for _ in range(400):
            mimetype.write(b" " * (1024 * 1024))
    return buffer.getvalue()


_LAUGHS = '<!ENTITY l0 "ha">' + "".join(
    f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
)


def _ods_doctype(doctype: str, reference: str, *, hidden: bool = False) -> bytes:
    """The bundled ODS with a DOCTYPE and an entity reference in its first cell; `hidden`
    puts 100 kB of comment before the DOCTYPE, past what the archive check reads."""
    comment = f"<!--{'x' * 100_000}-->" if hidden else ""
    return bundled_ods(
        doctype=f"{comment}<!DOCTYPE office:document-content [{doctype}]>", first_cell=reference
    )


def _ods_repeated(what: str) -> bytes:
    """The first service's row, or the header's first cell, repeated a billion times: a few
    bytes that a DOM reader (odfpy, pandas) would unfold into a billion rows or cells."""
    xml = ods_content(bundled_ods_rows()).decode("utf-8")
    if what == "rows":
        header_end = xml.index("</table:table-row>") + len("</table:table-row>")
        xml = xml[:header_end] + xml[header_end:].replace(
            "<table:table-row>", '<table:table-row table:number-rows-repeated="1000000000">', 1
        )
    else:
        xml = xml.replace(
            "<table:table-cell office:value-type",
            '<table:table-cell table:number-columns-repeated="1000000000" office:value-type',
            1,
        )
    return ods_archive(xml.encode("utf-8"))


def _fifty_megabytes() -> bytes:
    rows = BODY * (50 * 1024 * 1024 // len(BODY) + 1)
    return HEADER + b"\n" + rows


CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "50 MB CSV": (_fifty_megabytes, "refused"),
    "XLSX zip bomb": (_zip_bomb, "refused"),
    "XLSX billion laughs": (_billion_laughs, "refused"),
    "XLSX external entity": (_external_entity, "refused"),
    "zip that is no workbook": (_not_a_workbook_zip, "refused"),
    "truncated XLSX": (lambda: _xlsx([["id"], ["x"]])[:300], "refused"),
    "old Excel (XLS) header": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
        "refused",
    ),
    "null bytes": (lambda: BUNDLED.replace(b"Mobiliteit", b"Mobi\x00liteit"), "refused"),
    "UTF-16 text": (lambda: BUNDLED.decode("utf-8").encode("utf-16"), "refused"),
    "gzip of the CSV": (lambda: gzip.compress(BUNDLED), "refused"),
    "PNG image": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "refused"),
    "PDF file": (
        lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01",
        "refused",
    ),
    "random bytes": (lambda: random.Random(7).randbytes(4096), "refused"),
    "empty file": (lambda: b"", "refused"),
    "only a byte-order mark": (lambda: b"\xef\xbb\xbf", "refused"),
    "10,000-character name": (lambda: _with_cell(2, 4, "x" * 10_000), "refused"),
    "one-megabyte note": (lambda: _with_cell(5, 11, "y" * 1_000_000), "refused"),
    "header with 10,000 columns": (
        lambda: (
            (HEADER.decode() + "," + ",".join(f"k{i}" for i in range(10_000)) + "\n").encode()
            + BODY
        ),
        "refused",
    ),
    "duplicate header columns": (lambda: HEADER + b",name\n" + BODY, "refused"),
    "unclosed quote": (lambda: BUNDLED + b'x-1,RUIMTE,c,x1,"open,1,1,1,1,,\n', "refused"),
    "numbers that are not scores": (lambda: _with_cell(3, 6, "1e308"), "refused"),
    "infinity as a score": (lambda: _with_cell(3, 7, "inf"), "refused"),
    "formula as id": (lambda: _with_cell(2, 0, "=1+1"), "refused"),
    "separators in an id": (lambda: _with_cell(2, 0, "ruimte;e1:m2"), "refused"),
    "250,000 rows": (
        lambda: (
            HEADER + b"\n" + b"".join(b"x-%d,RUIMTE,c,x,n,,1,1,1,1,,\n" % i for i in range(250_000))
        ),
        "refused",
    ),
    "HTML and script in names": (lambda: _replace_names(HOSTILE_NAMES), "loaded"),
    "mixed encodings": (
        lambda: BUNDLED.replace("Noord – Zuid".encode(), "Noord – Zuid".encode("cp1252")),
        "loaded",
    ),
    "ODS zip bomb": (_ods_zip_bomb, "refused"),
    "ODS whose mimetype is a zip bomb": (_ods_mimetype_bomb, "refused"),
    "ODS billion laughs": (lambda: _ods_doctype(_LAUGHS, "&l9;"), "refused"),
    "ODS billion laughs after a long comment": (
        lambda: _ods_doctype(_LAUGHS, "&l9;", hidden=True),
        "refused",
    ),
    "ODS external entity": (
        lambda: _ods_doctype('<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;", hidden=True),
        "refused",
    ),
    "ODS row repeated a billion times": (lambda: _ods_repeated("rows"), "refused"),
    "ODS header cell repeated a billion times": (lambda: _ods_repeated("cells"), "refused"),
    "ODS with a password": (
        lambda: ods_archive(
            b"\x8a\x13" * 500,
            manifest=_ODS_MANIFEST.replace(
                'media-type="text/xml"/>',
                'media-type="text/xml"><manifest:encryption-data/></manifest:file-entry>',
            ),
        ),
        "refused",
    ),
    "ODT text document": (
        lambda: ods_archive(b"<x/>", mimetype=b"application/vnd.oasis.opendocument.text"),
        "refused",
    ),
    "truncated ODS": (lambda: bundled_ods()[:400], "refused"),
    "XLSX billion laughs after a long comment": (
        lambda: _with_doctype(_LAUGHS, "&l9;", hidden=True),
        "refused",
    ),
    "formula text in notes": (
        lambda: _with_cell(4, 11, '"=HYPERLINK(""http://x"")"'),
        "loaded",
    ),
}
