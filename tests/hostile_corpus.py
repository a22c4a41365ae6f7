"""A corpus of bad and hostile inputs, built on demand (a 50 MB file does not belong in git).

Each case is (name, bytes, outcome): "refused" must raise ServiceDataError with a Dutch problem
that names a line; "loaded" must load, keeping every text exactly as it was given.
"""

from __future__ import annotations

import gzip
import io
import random
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


def _with_doctype(doctype: str, reference: str) -> bytes:
    """The bundled workbook with a DOCTYPE in its sheet and the first name replaced by an
    entity reference: the XML tricks below only matter where a real file is read."""
    sheet = "xl/worksheets/sheet1.xml"
    normal = zipfile.ZipFile(io.BytesIO(_bundled_xlsx()))
    xml = normal.read(sheet).decode("utf-8")
    assert "<t>Ondernemerschap</t>" in xml, "openpyxl writes names as inline strings"
    xml = f'<?xml version="1.0"?><!DOCTYPE worksheet [{doctype}]>' + xml.split("?>", 1)[-1]
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
    "formula text in notes": (
        lambda: _with_cell(4, 11, '"=HYPERLINK(""http://x"")"'),
        "loaded",
    ),
}
