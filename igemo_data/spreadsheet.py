"""Tables as CSV and XLSX files that a spreadsheet opens safely.

A cell that starts with `=`, `+`, `-` or `@` is a formula to Excel ("CSV injection"), so such
text is written so that a spreadsheet shows it as text, never runs it. Numbers stay numbers.
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralised(value: object) -> object:
    """Text a spreadsheet would run gets a leading apostrophe, the spreadsheets' text marker."""
    return f"'{value}" if looks_like_formula(value) else value


def csv_bytes(frame: pd.DataFrame, *, sep: str = ",") -> bytes:
    """UTF-8 with a byte-order mark, so Excel in Belgium opens the accents right."""
    safe = frame.map(neutralised)
    return safe.to_csv(index=False, sep=sep, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, *, sheet: str = "Strategiekaart") -> bytes:
    """One sheet, a header row, text cells typed as text (so `=1+1` stays `=1+1`)."""
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
