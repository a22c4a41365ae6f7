"""The minutes as a Word document (.docx), written with python-docx.

Every text goes in as a run of plain text (python-docx escapes it as XML text, never reads it
as markup); line breaks in a rationale become Word line breaks. Pictures are placed at the
text width of an A4 page, from PNGs drawn at 3840 px wide: about 570 dpi, sharp in print.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor

from igemo_data.decisions import plain_text
from igemo_data.minutes.content import Facts, Heading, Minutes, Paragraph, Picture, Table

A4_WIDTH_CM = 21.0
A4_HEIGHT_CM = 29.7
MARGIN_CM = 2.0
TEXT_WIDTH_CM = A4_WIDTH_CM - 2 * MARGIN_CM
MUTED = RGBColor(0x55, 0x55, 0x55)


def _lines(paragraph, text: str, *, bold: bool = False, size: float | None = None, muted=False):
    lines = plain_text(text).split("\n")
    for number, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if muted:
            run.font.color.rgb = MUTED
        if number < len(lines) - 1:
            run.add_break()
    return paragraph


def docx_bytes(minutes: Minutes) -> bytes:
    """The minutes as a .docx file: A4 portrait, real headings, tables and pictures."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(A4_WIDTH_CM), Cm(A4_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    core = document.core_properties
    core.title = plain_text(minutes.title)
    core.language = minutes.lang
    core.author = "Strategiekaart"
    for block in minutes.blocks:
        if isinstance(block, Heading):
            document.add_heading(plain_text(block.text), level=block.level)
        elif isinstance(block, Paragraph):
            _lines(document.add_paragraph(), block.text, size=9 if block.small else None,
                   muted=block.small)  # fmt: skip
        elif isinstance(block, Facts):
            for label, value in block.pairs:
                paragraph = document.add_paragraph()
                _lines(paragraph, f"{label}: ", bold=True)
                _lines(paragraph, value)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Picture):
            caption = document.add_paragraph()
            _lines(caption, block.title, bold=True)
            document.add_picture(io.BytesIO(block.png), width=Cm(TEXT_WIDTH_CM))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Cm(TEXT_WIDTH_CM * share) for share in block.widths]
    for cell, text, width in zip(table.rows[0].cells, block.header, widths, strict=True):
        cell.width = width
        _lines(cell.paragraphs[0], text, bold=True, size=9.5)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text, width in zip(cells, row, widths, strict=True):
            cell.width = width
            _lines(cell.paragraphs[0], text, size=9.5)
    document.add_paragraph()
