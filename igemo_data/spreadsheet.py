"""Tables as CSV and XLSX files that a spreadsheet opens safely.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to a
spreadsheet ("CSV injection", OWASP), so such text is written so that a spreadsheet shows it
as text, never runs it. Numbers stay numbers. Every CSV and XLSX writer of the app is here and
uses the one neutraliser, `neutralised`.

A CSV is written as the reader's Excel opens it into columns: in Dutch (Excel in Belgium)
`;`-separated with decimal commas, in English `,`-separated with decimal points. Only number
cells get the comma; text is never touched.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from igemo_data.edition import MAX_NAME, Edition
from igemo_data.schema import COLUMNS, DECISIONS, DOMAINS, SCORE_COLUMNS, SCORE_MAX, SCORE_MIN
from igemo_data.texts import DEFAULT_LANGUAGE, decision_label, t

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text that gets, or got, one protective apostrophe in a file we read back (an edition's CSV).
_PROTECTED = re.compile("'*[" + re.escape("".join(FORMULA_STARTS)) + "]")
_SLUG = re.compile(r"[^a-z0-9]+")


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralised(value: object, *, reversible: bool = False) -> object:
    """Text a spreadsheet would run gets a leading apostrophe, the spreadsheets' text marker.

    With `reversible` (a file our own upload reads back), also text that already starts with
    apostrophes before such a character, so that `restored` undoes exactly what was added and
    a round trip changes nothing.
    """
    if not isinstance(value, str):
        return value
    if looks_like_formula(value) or (reversible and _PROTECTED.match(value)):
        return "'" + value
    return value


def restored(text: str) -> str:
    """Text as it was before `neutralised(…, reversible=True)`: one protective apostrophe off."""
    return text[1:] if text.startswith("'") and _PROTECTED.match(text) else text


def cell_text(value: object) -> str:
    """A cell as CSV text: empty for None, NA and NaN, the shortest exact text for a float."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else number_text(value)
    return str(value)


def number_text(value: float) -> str:
    """The shortest text that reads back as the same number: 1, 1.5, 1.3333333333333333."""
    return repr(float(value)).removesuffix(".0")


def csv_marks(lang: str = DEFAULT_LANGUAGE) -> tuple[str, str]:
    """The separator and decimal mark of a CSV in `lang`: `;` and `,` in Dutch, `,` and `.`
    in English. Excel splits a CSV on the list separator of the reader's settings, which is
    `;` wherever the decimal mark is a comma."""
    mark = t("decimal_mark", lang)
    return (";" if mark == "," else ","), mark


def _csv_cell(value: object, mark: str) -> object:
    """A table cell for a CSV: formula-looking text neutralised, a float with `mark`."""
    if isinstance(value, str):
        return neutralised(value)
    if mark != "." and isinstance(value, float | np.floating) and not math.isnan(value):
        return str(float(value)).replace(".", mark)
    return value


# --- Any table ----------------------------------------------------------------------------------


def csv_bytes(frame: pd.DataFrame, *, lang: str = DEFAULT_LANGUAGE) -> bytes:
    """UTF-8 with a byte-order mark, so Excel in Belgium opens the accents right; separator
    and decimal mark as the reader's Excel expects (`csv_marks`)."""
    separator, mark = csv_marks(lang)
    safe = frame.map(lambda value: _csv_cell(value, mark))
    return safe.to_csv(index=False, sep=separator, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, *, sheet: str = "", lang: str = DEFAULT_LANGUAGE) -> bytes:
    """One sheet, a header row, text cells typed as text (so `=1+1` stays `=1+1`).

    The sheet is named after the app (in `lang`) unless `sheet` names it.
    """
    sheet = sheet or t("app_title", lang)
    # Imported here: openpyxl is a tenth of the app's start-up, and only downloads need it.
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet[:31]
    worksheet.append([str(column) for column in frame.columns])
    for row in frame.itertuples(index=False):
        worksheet.append([None if _missing(value) else value for value in row])
    for cells in worksheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                # openpyxl would store "=…" as a formula; a string-typed cell is shown as text.
                cell.data_type = TYPE_STRING
                cell.quotePrefix = looks_like_formula(cell.value)
    for index, column in enumerate(frame.columns, start=1):
        width = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
        worksheet.column_dimensions[worksheet.cell(1, index).column_letter].width = min(
            60, width + 2
        )
    worksheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# --- A services table (an edition) --------------------------------------------------------------


def services_csv_bytes(services: pd.DataFrame, *, lang: str = DEFAULT_LANGUAGE) -> bytes:
    """The services as design §2's CSV: UTF-8, header row, technical column names in order;
    in Dutch `;`-separated with decimal commas (`1,5`), in English `,` and points (`1.5`).
    The loader reads both, so the file uploads back unchanged.

    With a byte-order mark, so Excel shows "Creëer" and not "CreÃ«er". A text cell that looks
    like a formula gets a leading apostrophe (OWASP's advice against CSV injection): Excel then
    shows it as text instead of running it. Our own upload takes the apostrophe off again
    (`restored`); other tools show it.
    """
    separator, mark = csv_marks(lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in services[list(COLUMNS)].itertuples(index=False):
        cells = []
        for column, value in zip(COLUMNS, row, strict=True):
            if column in SCORE_COLUMNS:
                cells.append(number_text(value).replace(".", mark))
            else:
                cells.append(str(neutralised(cell_text(value), reversible=True)))
        writer.writerow(cells)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# How wide each column of the workbook is; what each column means is the catalogue's
# `workbook_help_<column>`.
_COLUMN_WIDTH: Mapping[str, int] = {
    "id": 16,
    "domain": 12,
    "cluster": 30,
    "code": 8,
    "name": 30,
    "description": 40,
    "market_current": 16,
    "market_potential": 16,
    "need_current": 14,
    "need_future": 14,
    "plan_decision": 14,
    "plan_note": 60,
}


def column_header(column: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A column's name in the workbook of `lang`; the loader also takes the technical name."""
    return t(f"column_{column}", lang)


def decision_words(lang: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """The plan decisions as the workbook of `lang` writes them: Investeren, Afwachten, …"""
    return tuple(decision_label(decision, lang) for decision in DECISIONS)


def column_help(column: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """What a column of the services table means and which values it takes, in `lang`."""
    return t(
        f"workbook_help_{column}",
        lang,
        domains=", ".join(DOMAINS),
        decisions=", ".join(decision_words(lang)),
        low=f"{SCORE_MIN:g}",
        high=f"{SCORE_MAX:g}",
    )


def services_xlsx_bytes(
    services: pd.DataFrame, *, title: str = "", lang: str = DEFAULT_LANGUAGE
) -> bytes:
    """The services as an Excel workbook that doubles as the template for new scores.

    Sheet one holds the table (the loader reads only that sheet), with drop-down lists for
    domain and decision and a 1–2 check on the scores; sheet two explains each column. Every
    text cell is stored as text with Excel's quote prefix, so nothing a user typed (a name
    starting with "=") ever becomes a formula. Every word is written in `lang`, the column
    names and the decisions too ("Huidige marktpositie", "Investeren"): the loader takes
    those as well as the technical names of design §2.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t("workbook_sheet_services", lang)
    notes_title = t("workbook_sheet_notes", lang)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column_header(column, lang))
        cell.font = header_font
        cell.fill = header_fill
        sheet.column_dimensions[get_column_letter(index)].width = _COLUMN_WIDTH[column]
    for line, row in enumerate(services[list(COLUMNS)].itertuples(index=False), start=2):
        for index, (column, value) in enumerate(zip(COLUMNS, row, strict=True), start=1):
            cell = sheet.cell(row=line, column=index)
            if column in SCORE_COLUMNS:
                cell.value = float(value)
                continue
            text = cell_text(value)
            if not text:
                continue
            if column == "plan_decision" and text in DECISIONS:
                text = decision_label(text, lang)
            cell.value = text
            # openpyxl reads "=…" as a formula; a string cell with a quote prefix is text.
            cell.data_type = "s"
            if looks_like_formula(text):
                cell.quotePrefix = True
            if column in ("description", "plan_note"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = max(len(services) + 1, 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    rows = 1000 + len(services)  # room for new services below the last one
    domain_check = DataValidation(
        type="list", formula1='"' + ",".join(DOMAINS) + '"', allow_blank=False
    )
    decision_check = DataValidation(
        type="list", formula1='"' + ",".join(decision_words(lang)) + '"', allow_blank=True
    )
    score_check = DataValidation(
        type="decimal", operator="between", formula1=str(SCORE_MIN), formula2=str(SCORE_MAX)
    )
    for check, columns in (
        (domain_check, ("domain",)),
        (decision_check, ("plan_decision",)),
        (score_check, SCORE_COLUMNS),
    ):
        check.error = t("workbook_not_allowed", lang, notes=notes_title)
        check.errorTitle = t("app_title", lang)
        sheet.add_data_validation(check)
        for column in columns:
            letter = get_column_letter(COLUMNS.index(column) + 1)
            check.add(f"{letter}2:{letter}{rows}")

    notes = workbook.create_sheet(notes_title)
    notes.append(
        [
            t("workbook_notes_column", lang),
            t("workbook_notes_meaning", lang),
            t("workbook_notes_technical", lang),
        ]
    )
    for cell in notes[1]:
        cell.font = header_font
        cell.fill = header_fill
    for column in COLUMNS:
        notes.append([column_header(column, lang), column_help(column, lang), column])
    notes.append([])
    notes.append(["", t("workbook_notes_footer", lang)])
    notes.column_dimensions["A"].width = 26
    notes.column_dimensions["B"].width = 90
    notes.column_dimensions["C"].width = 24
    if title:
        workbook.properties.title = title[:MAX_NAME]
    workbook.properties.creator = t("app_title", lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download_name(edition: Edition, extension: str) -> str:
    """A file name for an edition's download: letters, digits and dashes only."""
    slug = _SLUG.sub("-", edition.name.lower()).strip("-")[:60] or edition.id
    return f"strategiekaart-{slug}.{extension}"
