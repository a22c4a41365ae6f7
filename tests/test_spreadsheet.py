"""Exported tables open in a spreadsheet with formula-looking text shown as text."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from igemo_data.schema import COLUMNS, SCORE_COLUMNS
from igemo_data.spreadsheet import (
    csv_bytes,
    neutralised,
    restored,
    services_csv_bytes,
    services_xlsx_bytes,
    xlsx_bytes,
)
from igemo_data.uploads import validate_upload

HOSTILE = pd.DataFrame(
    {
        "name": ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "Gewoon", "één"],
        "score": [1.0, 1.5, 2.0, 1.25, None, 1.75],
    }
)


@pytest.mark.parametrize("text", ["=1", "+1", "-1", "@a", "\t=1"])
def test_formula_starts_are_neutralised(text: str) -> None:
    assert neutralised(text) == "'" + text


@pytest.mark.parametrize("text", ["=1", "\t=1", "\r@a", "'=1", "''+2", "plain", "'plain", ""])
def test_a_file_we_read_back_gets_exactly_its_text_back(text: str) -> None:
    assert restored(str(neutralised(text, reversible=True))) == text


def test_plain_values_stay(text: str = "Publieke ruimte") -> None:
    assert neutralised(text) == text and neutralised(1.5) == 1.5


def test_xlsx_has_no_formula_cells_and_keeps_numbers() -> None:
    data = xlsx_bytes(HOSTILE)
    assert data[:4] == b"PK\x03\x04"
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(min_row=2))
    assert all(row[0].data_type == "s" for row in rows)
    assert [row[0].value for row in rows] == HOSTILE["name"].tolist()
    assert rows[1][1].value == 1.5 and rows[1][1].data_type == "n"
    assert rows[4][1].value is None


def test_csv_neutralises_and_keeps_accents() -> None:
    data = csv_bytes(HOSTILE, lang="en")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["name", "score"]
    assert [r[0] for r in rows[1:5]] == ["'" + n for n in HOSTILE["name"][:4]]
    assert rows[6][0] == "één"
    assert not any(r[0].startswith(("=", "+", "-", "@")) for r in rows[1:])


def test_the_workbook_speaks_dutch_by_default_and_english_when_asked(services) -> None:
    from igemo_data.spreadsheet import services_xlsx_bytes

    dutch = load_workbook(io.BytesIO(services_xlsx_bytes(services)))
    english = load_workbook(io.BytesIO(services_xlsx_bytes(services, lang="en")))
    assert dutch.sheetnames == ["Diensten", "Toelichting"]
    assert english.sheetnames == ["Services", "Notes"]
    (check, *_) = dutch["Diensten"].data_validations.dataValidation
    assert check.error == "Deze waarde is niet toegestaan; zie het blad Toelichting."
    (check, *_) = english["Services"].data_validations.dataValidation
    assert check.error == "This value is not allowed; see the sheet Notes."
    assert dutch["Toelichting"]["B2"].value == (
        "uniek, kleine letters: <werkdomein>-<code>, bv. ruimte-e1"
    )
    assert english["Notes"]["B8"].value == (
        "current market position, a number from 1 to 2 inclusive"
    )
    assert dutch["Toelichting"]["B8"].value == "huidige marktpositie, getal van 1 tot en met 2"
    # The column names are written in the workbook's language (issue 18, item 12); the
    # technical names of design §2 stay valid (next test and tests/test_loading.py).
    assert [c.value for c in dutch["Diensten"][1]] == DUTCH_HEADER
    assert [c.value for c in english["Services"][1]] == ENGLISH_HEADER


def test_an_english_workbook_uploads_like_a_dutch_one(services) -> None:
    from igemo_data.spreadsheet import services_xlsx_bytes
    from igemo_data.uploads import validate_upload

    english = validate_upload(services_xlsx_bytes(services, lang="en"), "scores.xlsx").services
    pd.testing.assert_frame_equal(
        english, validate_upload(services_xlsx_bytes(services), "x.xlsx").services
    )


def test_a_table_sheet_is_named_after_the_app_in_its_language() -> None:
    frame = pd.DataFrame({"a": [1]})
    assert load_workbook(io.BytesIO(xlsx_bytes(frame))).sheetnames == ["Strategiekaart"]
    assert load_workbook(io.BytesIO(xlsx_bytes(frame, lang="en"))).sheetnames == ["Strategy map"]


# --- Issue 18, item 12: a CSV as Excel in the reader's country opens it; a Dutch workbook ------

DUTCH_HEADER = [
    "Id",
    "Werkdomein",
    "Cluster",
    "Code",
    "Naam",
    "Beschrijving",
    "Huidige marktpositie",
    "Potentiële marktpositie",
    "Huidige behoefte",
    "Toekomstige behoefte",
    "Beslissing van het plan",
    "Wat het plan zegt",
]
ENGLISH_HEADER = [
    "Id",
    "Work domain",
    "Cluster",
    "Code",
    "Name",
    "Description",
    "Current market position",
    "Potential market position",
    "Current need",
    "Future need",
    "Plan decision",
    "What the plan says",
]
# Text that looks like a number, a list or a formula: a CSV writer must leave it exactly.
TRICKY = ["1.5", "1,5; of 2.0", "=1,5+2", "'-1.5", "Café; bistro, bar"]


def _rows(data: bytes, separator: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=separator))


def test_a_dutch_table_csv_has_semicolons_and_decimal_commas() -> None:
    frame = pd.DataFrame(
        {"Naam": TRICKY, "Score": [1.5, 2.0, 1.25, None, 1 / 3 + 1], "Aantal": [1, 2, 3, 4, 5]}
    )
    data = csv_bytes(frame, lang="nl")
    assert data.startswith(b"\xef\xbb\xbf")  # Excel then reads UTF-8
    assert data.decode("utf-8-sig").splitlines()[0] == "Naam;Score;Aantal"
    rows = _rows(data, ";")
    assert [row[1] for row in rows[1:]] == ["1,5", "2,0", "1,25", "", "1,3333333333333333"]
    assert [row[2] for row in rows[1:]] == ["1", "2", "3", "4", "5"]
    # Text is never touched, only neutralised where it looks like a formula.
    assert [row[0] for row in rows[1:]] == [str(neutralised(text)) for text in TRICKY]
    assert rows[1][0] == "1.5" and rows[5][0] == "Café; bistro, bar"


def test_an_english_table_csv_has_commas_and_points() -> None:
    frame = pd.DataFrame({"Name": TRICKY, "Score": [1.5, 2.0, 1.25, None, 1.75]})
    text = csv_bytes(frame, lang="en").decode("utf-8-sig")
    assert text.splitlines()[0] == "Name,Score"
    rows = _rows(text.encode(), ",")
    assert [row[1] for row in rows[1:]] == ["1.5", "2.0", "1.25", "", "1.75"]
    assert [row[0] for row in rows[1:]] == [str(neutralised(text)) for text in TRICKY]


def test_the_table_csv_is_dutch_by_default() -> None:
    assert csv_bytes(pd.DataFrame({"a": [1.5], "b": ["x"]})) == "\ufeffa;b\r\n1,5;x\r\n".encode()


def _tricky_services(services: pd.DataFrame) -> pd.DataFrame:
    changed = services.copy()
    for row, text in enumerate(TRICKY):
        changed.loc[row, "name"] = text
    changed.loc[6, "plan_note"] = '=HYPERLINK("http://x"; "klik")\nen; 1,5'
    changed.loc[7, "market_current"] = 1 / 3 + 1  # no short decimal text
    changed.loc[8, "need_future"] = 1.55
    return changed


def test_a_dutch_edition_csv_has_semicolons_and_decimal_commas(services: pd.DataFrame) -> None:
    changed = _tricky_services(services)
    data = services_csv_bytes(changed, lang="nl")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = _rows(data, ";")
    assert rows[0] == list(COLUMNS)  # the technical names of design §2
    scores = [COLUMNS.index(column) for column in SCORE_COLUMNS]
    assert rows[8][COLUMNS.index("market_current")] == "1,3333333333333333"
    assert rows[9][COLUMNS.index("need_future")] == "1,55"
    assert all("." not in row[i] for row in rows[1:] for i in scores)
    assert [row[COLUMNS.index("name")] for row in rows[1:6]] == [
        str(neutralised(text, reversible=True)) for text in TRICKY
    ]


def test_an_english_edition_csv_has_commas_and_points(services: pd.DataFrame) -> None:
    changed = _tricky_services(services)
    rows = _rows(services_csv_bytes(changed, lang="en"), ",")
    assert rows[0] == list(COLUMNS)
    assert rows[9][COLUMNS.index("need_future")] == "1.55"
    assert all("," not in row[COLUMNS.index(c)] for row in rows[1:] for c in SCORE_COLUMNS)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_edition_csv_loads_back_identically(services: pd.DataFrame, lang: str) -> None:
    changed = _tricky_services(services)
    result = validate_upload(services_csv_bytes(changed, lang=lang), "terug.csv")
    assert result.warnings == []
    pd.testing.assert_frame_equal(result.services, changed)  # formula-like text intact


def test_the_dutch_workbook_writes_dutch_decisions_and_offers_them(services: pd.DataFrame) -> None:
    sheet = load_workbook(io.BytesIO(services_xlsx_bytes(services))).worksheets[0]
    column = COLUMNS.index("plan_decision") + 1
    written = {sheet.cell(row, column).value for row in range(2, len(services) + 2)}
    assert written == {"Investeren", "Afwachten", "Niche", "Afbouwen", "Niet investeren", None}
    lists = [v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert '"Investeren,Afwachten,Niche,Afbouwen,Niet investeren"' in lists
    notes = load_workbook(io.BytesIO(services_xlsx_bytes(services))).worksheets[1]
    assert [notes.cell(row, 1).value for row in range(2, 14)] == DUTCH_HEADER
    assert [notes.cell(row, 3).value for row in range(2, 14)] == list(COLUMNS)


def test_the_english_workbook_writes_english_decisions(services: pd.DataFrame) -> None:
    sheet = load_workbook(io.BytesIO(services_xlsx_bytes(services, lang="en"))).worksheets[0]
    column = COLUMNS.index("plan_decision") + 1
    written = {sheet.cell(row, column).value for row in range(2, len(services) + 2)}
    assert written == {"Invest", "Wait", "Niche", "Phase out", "No investment", None}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_workbook_uploads_back_identically(services: pd.DataFrame, lang: str) -> None:
    changed = _tricky_services(services)
    result = validate_upload(services_xlsx_bytes(changed, lang=lang), "terug.xlsx")
    assert result.warnings == []
    pd.testing.assert_frame_equal(result.services, changed)
