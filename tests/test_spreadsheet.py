"""Exported tables open in a spreadsheet with formula-looking text shown as text."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from igemo_data.spreadsheet import csv_bytes, neutralised, restored, xlsx_bytes

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
    data = csv_bytes(HOSTILE)
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
    # The column names are the contract, the same in both languages.
    assert [c.value for c in dutch["Diensten"][1]] == [c.value for c in english["Services"][1]]


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
