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
