"""The minutes as a PDF (A4), laid out with ReportLab's platypus: real, searchable text.

ReportLab reads a paragraph's text as its own small markup language, so every text is
escaped first (`&`, `<`, `>`): what a user typed is printed as typed, never read as markup.
The font is a TrueType font embedded in the file: DejaVu Sans where the system has it (it
covers most scripts), else Bitstream Vera, which ReportLab ships (Latin-1 and more); a
character neither has is printed as "?" rather than as an empty box. Pictures are placed at
the text width from PNGs 3840 px wide: about 570 dpi on A4.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as Para
from reportlab.platypus import Table as Grid

from igemo_data.decisions import plain_text
from igemo_data.minutes.content import Facts, Heading, Minutes, Paragraph, Picture, Table
from igemo_data.texts import t

MARGIN = 20 * mm
TEXT_WIDTH = A4[0] - 2 * MARGIN
INK = colors.HexColor("#1F1F1F")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#8A8A8A")
HEAD_FILL = colors.HexColor("#EDEDED")
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@functools.cache
def _fonts() -> tuple[str, str]:
    """The regular and bold font names, registered once per process."""
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        files = (str(regular), str(bold))
    else:
        files = ("Vera.ttf", "VeraBd.ttf")  # found in ReportLab's own fonts folder
    pdfmetrics.registerFont(TTFont("MinutesSans", files[0]))
    pdfmetrics.registerFont(TTFont("MinutesSans-Bold", files[1]))
    return "MinutesSans", "MinutesSans-Bold"


@functools.cache
def _known(font: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def _markup(text: str, font: str) -> str:
    """`text` as ReportLab paragraph markup that prints exactly these characters."""
    known = _known(font)
    printable = "".join(c if ord(c) in known or c == "\n" else "?" for c in plain_text(text))
    return "<br/>".join(escape(line) for line in printable.split("\n"))


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()

    def style(name: str, size: float, *, font: str = regular, color=INK, before=0, after=4):
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=size * 1.3,
            textColor=color,
            alignment=TA_LEFT,
            spaceBefore=before,
            spaceAfter=after,
        )

    return {
        "title": style("title", 20, font=bold, after=10),
        "h1": style("h1", 14, font=bold, before=10, after=6),
        "h2": style("h2", 12, font=bold, before=8, after=4),
        "body": style("body", 10),
        "small": style("small", 8.5, color=MUTED),
        "cell": style("cell", 8.5, after=0),
        "head": style("head", 8.5, font=bold, after=0),
        "caption": style("caption", 10, font=bold, before=6, after=4),
    }


def _para(text: str, kind: str) -> Para:
    style = _styles()[kind]
    return Para(_markup(text, style.fontName), style)


def pdf_bytes(minutes: Minutes) -> bytes:
    """The minutes as an A4 PDF with a page number on every page."""
    out = io.BytesIO()
    regular, _ = _fonts()
    footer = plain_text(minutes.title)

    def page_footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 12 * mm, _markup_plain(footer, regular))
        number = t("minutes_page", minutes.lang, page=document.page)
        canvas.drawRightString(A4[0] - MARGIN, 12 * mm, number)
        canvas.restoreState()

    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=footer,
        author="Strategiekaart",
        lang=minutes.lang,
    )
    story = []
    for block in minutes.blocks:
        story.extend(_flowables(block))
    document.build(story, onFirstPage=page_footer, onLaterPages=page_footer)
    return out.getvalue()


def _markup_plain(text: str, font: str) -> str:
    """Text for the canvas (which prints it literally): control characters and unknown
    characters replaced, nothing escaped."""
    known = _known(font)
    return "".join(c if ord(c) in known else "?" for c in plain_text(text).replace("\n", " "))


def _flowables(block) -> list:
    if isinstance(block, Heading):
        kind = {0: "title", 1: "h1"}.get(block.level, "h2")
        return [_para(block.text, kind)]
    if isinstance(block, Paragraph):
        return [_para(block.text, "small" if block.small else "body")]
    if isinstance(block, Facts):
        rows = [[_para(label, "head"), _para(value, "cell")] for label, value in block.pairs]
        grid = Grid(rows, colWidths=[35 * mm, TEXT_WIDTH - 35 * mm], hAlign="LEFT")
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return [grid, Spacer(1, 4 * mm)]
    if isinstance(block, Table):
        rows = [[_para(text, "head") for text in block.header]]
        rows += [[_para(text, "cell") for text in row] for row in block.rows]
        grid = Grid(
            rows,
            colWidths=[TEXT_WIDTH * share for share in block.widths],
            repeatRows=1,
            hAlign="LEFT",
        )
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                    ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return [grid, Spacer(1, 4 * mm)]
    if isinstance(block, Picture):
        height = TEXT_WIDTH * block.height / block.width
        image = Image(io.BytesIO(block.png), width=TEXT_WIDTH, height=height)
        return [KeepTogether([_para(block.title, "caption"), image]), Spacer(1, 3 * mm)]
    raise TypeError(f"unknown block {block!r}")
