"""No silent partial or garbled import (issue 13, item 5).

A CSV that mixes UTF-8 and Windows-1252 is read place by place, every cell right, with a note
naming the line and the bytes read in the minority encoding; an XLSX whose stored dimension is
stale still loads every row; LibreOffice's own ODS loads like an XLSX, as safely.
"""

from __future__ import annotations

import csv
import io
import pyexpat
import re
import zipfile

import pandas as pd
import pytest
from hostile_corpus import bundled_ods, bundled_ods_rows, ods_archive, ods_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loading import (
    BUNDLED,
    assert_same_services,
    bundled_rows,
    csv_bytes,
    decimal_commas,
    line_of,
    with_cell,
    xlsx_bytes,
)

from igemo_data import ServiceDataError, load_services, read_services
from igemo_data.ods import ODS_WORDS, rows_from_ods
from igemo_data.schema import COLUMNS, SCORE_COLUMNS
from igemo_data.texts import t
from igemo_data.uploads import UPLOAD_TYPES, validate_upload
from igemo_data.xlsx import check_archive


@pytest.fixture(scope="module")
def bundled() -> pd.DataFrame:
    return load_services(BUNDLED)


# --- a CSV in UTF-8, Windows-1252, or both ----------------------------------------------------


def test_a_utf8_file_with_one_windows_1252_byte_keeps_every_cell(bundled: pd.DataFrame) -> None:
    """The issue's file: UTF-8 "…" in many descriptions and one "é" typed as the single byte
    E9. Read wholly as Windows-1252, 17 cells came out as "duurzaam bouwen â€¦"."""
    line = line_of("ruimte-o8")
    data = BUNDLED.read_bytes().replace(b"Klimaat,", b"Klimaat caf\xe9,", 1)
    data = data.replace(b"Jeugd,,", "Jeugd,jongeren …,".encode(), 1)
    expected = bundled.copy()
    expected.loc[line - 2, "name"] = "Klimaat café"
    expected.loc[line_of("mens-s5") - 2, "description"] = "jongeren …"
    assert data.count("…".encode()) == 14 and data.count(b"\xe9") == 1

    result = read_services(data)

    assert_same_services(result.services, expected)
    assert not result.services.map(lambda v: "â€" in str(v) or "Ã" in str(v)).any().any()
    assert result.warnings == [
        f"regel {line}: de byte E9 is geen UTF-8 zoals de rest van het bestand en is gelezen "
        "als Windows-1252: 'é'; kijk die waarde na"
    ]


def test_a_windows_1252_file_from_excel_loads_exactly_without_notes(bundled: pd.DataFrame) -> None:
    """Design §2: Belgian Excel's CSV (`;`, Windows-1252, decimal commas). "É…" is also a valid
    UTF-8 pair (C9 85), and still reads as Windows-1252 in a Windows-1252 file."""
    line = line_of("ruimte-o6")
    rows = with_cell(decimal_commas(bundled_rows()), line, "description", "ÉÉN ZONE… naïef «€»")
    expected = bundled.copy()
    expected.loc[line - 2, "description"] = "ÉÉN ZONE… naïef «€»"
    data = csv_bytes(rows, sep=";", encoding="cp1252")
    assert "É…".encode("cp1252").decode("utf-8") == "\u0245"  # the ambiguous pair, as UTF-8

    result = read_services(data)

    assert_same_services(result.services, expected)
    assert result.warnings == []


def test_utf8_pasted_into_a_windows_1252_file_is_read_as_utf8_and_noted(
    bundled: pd.DataFrame,
) -> None:
    line = line_of("mens-s9")
    data = csv_bytes(bundled_rows(), sep=";", encoding="cp1252")
    data = data.replace("Noord – Zuid".encode("cp1252"), "Noord – Zuid".encode())

    result = read_services(data)

    assert_same_services(result.services, bundled)
    assert result.warnings == [
        f"regel {line}: de bytes E2 80 93 zijn UTF-8 in een bestand dat verder Windows-1252 is, "
        "en zijn zo gelezen: '–'; kijk die waarde na"
    ]


def test_the_note_names_the_spreadsheet_line_after_quoted_line_breaks(
    bundled: pd.DataFrame,
) -> None:
    """A cell with line breaks (Alt+Enter) is one spreadsheet line, as in every other problem."""
    rows = with_cell(bundled_rows(), 3, "plan_note", "één\ntwee\nDrie")
    rows = with_cell(rows, 7, "name", "Caf\x00")  # replaced by the stray byte below
    data = csv_bytes(rows).replace(b"Caf\x00", b"Caf\xe9")
    result = read_services(data)
    assert result.services.loc[5, "name"] == "Café"
    assert result.warnings[0].startswith("regel 7: de byte E9")


def test_a_byte_in_neither_encoding_is_refused_naming_line_and_byte() -> None:
    """81, 8D, 8F, 90 and 9D are unused in Windows-1252: such a file cannot be read right."""
    line = line_of("mens-s1")
    data = BUNDLED.read_bytes().replace(b"rechtshulp", b"rechts\x81hulp", 1)
    with pytest.raises(ServiceDataError) as refusal:
        load_services(data)
    [problem] = refusal.value.problems
    assert (problem.line, problem.value) == (line, "81")
    assert "geen UTF-8 en geen Windows-1252" in problem.rule
    assert "byte" in refusal.value.text("en")


def test_many_places_are_summed_up_after_ten() -> None:
    data = BUNDLED.read_bytes().replace(b"Jeugd,,", ("Jeugd," + "ë" * 20 + ",").encode(), 1)
    data = data.replace("…".encode(), "…".encode("cp1252"), 12)  # 12 strays, 26 UTF-8 letters
    result = read_services(data)
    assert len(result.warnings) == 11
    assert all(" de byte 85 " in note for note in result.warnings[:10])
    assert result.warnings[-1].startswith("en nog 2 zulke plaatsen")
    assert result.services.loc[line_of("mens-s5") - 2, "description"] == "ë" * 20
    assert "…" in result.services.loc[line_of("ruimte-o5") - 2, "description"]


# Letters and signs of Dutch and French text that Windows-1252 has. Such text never holds
# "Ã" or "Â" before a sign, or "â" before "€", "‚" or "„": those bytes are UTF-8's.
_ALPHABET = list("aeZ ,;\"'\n-éèëêïîôöüûçàâÉÈËÏÖÜ…–—‘’“”€«»\u00a0°")
_CELL = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=10).filter(
    lambda text: not re.search("â[€‚„]", text)
)


@st.composite
def mixed_files(draw: st.DrawFn) -> tuple[list[list[str]], bytes, int | None]:
    """Services with random Dutch text as UTF-8, as Windows-1252, or as UTF-8 with one letter
    typed in Windows-1252: the rows, the bytes and the line of that letter (or None)."""
    rows = [list(COLUMNS)]
    for number in range(draw(st.integers(1, 5))):
        cells = dict.fromkeys(COLUMNS, "")
        cells.update(
            id=f"ruimte-x{number}",
            domain="RUIMTE",
            code=f"x{number}",
            name="Né naïef " + draw(_CELL),  # UTF-8 outnumbers the one stray byte
            description=draw(_CELL),
            plan_note=draw(_CELL),
        )
        cells.update(dict.fromkeys(SCORE_COLUMNS, "1,5"))
        rows.append([cells[name] for name in COLUMNS])
    sep = draw(st.sampled_from([",", ";"]))
    kind = draw(st.sampled_from(["utf-8", "cp1252", "mixed"]))
    if kind != "mixed":
        return rows, csv_bytes(rows, sep=sep, encoding=kind), None
    line = draw(st.integers(2, len(rows)))
    rows[line - 1][COLUMNS.index("name")] += "ë"
    data = csv_bytes(rows, sep=sep)
    end = len(csv_bytes(rows[:line], sep=sep))  # the stray "ë" ends line `line`'s name
    start = data.rindex("ë".encode(), 0, end)
    return rows, data[:start] + "ë".encode("cp1252") + data[start + 2 :], line


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_files())
def test_any_dutch_text_loads_exactly_in_either_encoding_or_a_mix(
    case: tuple[list[list[str]], bytes, int | None],
) -> None:
    rows, data, stray_line = case
    result = read_services(data)
    for row, expected in zip(result.services.to_dict("records"), rows[1:], strict=True):
        for name in ("name", "description", "plan_note"):
            assert row[name] == expected[COLUMNS.index(name)].strip(), name
    if stray_line is None:
        assert result.warnings == []
    else:
        assert result.warnings[0].startswith(f"regel {stray_line}: de byte EB ")


# --- XLSX whose stored dimension is stale ----------------------------------------------------


def _with_dimension(workbook: bytes, dimension: str) -> bytes:
    """The workbook with its sheet's <dimension ref> rewritten, nothing else touched."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data
                )
                assert count == 1
            archive.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize("dimension", ["A1:L20", "A1", "B2:C3", "A1:L5000"])
def test_an_xlsx_with_a_stale_dimension_loads_every_row(
    bundled: pd.DataFrame, dimension: str
) -> None:
    """Read-only openpyxl stops where <dimension> says: A1:L20 gave 19 of 39 services as
    "in orde", A1 refused a valid file."""
    data = _with_dimension(xlsx_bytes(bundled_rows()), dimension)
    assert_same_services(load_services(data), bundled)


# --- ODS, LibreOffice Calc's own format ------------------------------------------------------


def test_an_ods_written_by_odfpy_loads_identically(bundled: pd.DataFrame) -> None:
    """pandas writes ODS with odfpy, the reader pandas itself uses: an independent writer."""
    frame = pd.read_csv(BUNDLED, dtype=str, keep_default_na=False)
    frame[list(SCORE_COLUMNS)] = frame[list(SCORE_COLUMNS)].astype(float)
    out = io.BytesIO()
    frame.to_excel(out, engine="odf", index=False, sheet_name="Diensten")
    data = out.getvalue()
    assert data[30:38] == b"mimetype"
    assert_same_services(load_services(data), bundled)


def test_an_ods_as_libreoffice_writes_it_loads_identically(bundled: pd.DataFrame) -> None:
    """Equal neighbouring cells as one repeated cell, 1,024 columns and a million empty rows
    of padding, a second sheet, numbers shown with a decimal comma."""
    data = bundled_ods()
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    assert b'table:number-columns-repeated="4" office:value-type="float"' in content
    assert b'number-rows-repeated="1048500"' in content
    assert_same_services(load_services(data), bundled)


def test_ods_cell_text_is_read_as_calc_shows_it(bundled: pd.DataFrame) -> None:
    """Paragraphs are lines; <text:s>, tabs and spans are text; a comment is not."""
    line = line_of("ruimte-o6")
    rows = bundled_ods_rows()
    rows[line - 1][COLUMNS.index("plan_note")] = "Markeer:  twee spaties\nen een regel"
    rows[line - 1][COLUMNS.index("name")] = " spatie vooraan"
    content = ods_content(rows).replace(
        b"<text:p>Markeer:",
        b"<office:annotation><dc:creator>Jan</dc:creator><text:p>opmerking</text:p>"
        b'</office:annotation><text:p><text:span text:style-name="T1">Markeer</text:span>:',
    )
    result = load_services(ods_archive(content))
    assert result.loc[line - 2, "plan_note"] == "Markeer:  twee spaties\nen een regel"
    assert result.loc[line - 2, "name"] == "spatie vooraan"  # stripped, as in every format
    assert "opmerking" not in "".join(result["plan_note"])


def test_an_ods_holding_a_doctype_past_the_archive_check_is_refused_by_the_parser() -> None:
    """The archive check reads the first 64 kB of each part; the ODS parser itself refuses
    any DOCTYPE or ENTITY it meets later, so entity tricks never expand."""
    laughs = '<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    data = bundled_ods(doctype=f"<!--{'x' * 100_000}--><!DOCTYPE x [{laughs}]>", first_cell="&b;")
    check_archive(data, ODS_WORDS)  # the pre-check does not see it
    with pytest.raises(ServiceDataError) as refusal:
        rows_from_ods(data)
    assert "DOCTYPE of ENTITY" in str(refusal.value)
    # openpyxl's parser is expat's too: since 2.4.1 it limits entity amplification.
    assert pyexpat.version_info >= (2, 4, 1)


def test_the_upload_offers_and_accepts_ods(bundled: pd.DataFrame) -> None:
    assert "ods" in UPLOAD_TYPES
    result = validate_upload(bundled_ods(), "diensten.ods")
    assert_same_services(result.services, bundled)
    for key in ("upload_label", "upload_limits", "upload_help"):
        for lang in ("nl", "en"):
            assert "ODS" in t(key, lang, mb=5) or ".ods" in t(key, lang, mb=5), key


def test_an_old_excel_file_is_still_refused_in_dutch() -> None:
    with pytest.raises(ServiceDataError) as refusal:
        validate_upload(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "oud.xls")
    assert "oud Excel-bestand (XLS)" in str(refusal.value)


def test_the_same_services_from_every_format(bundled: pd.DataFrame) -> None:
    """CSV, Windows-1252 CSV, XLSX and ODS of the same table give the same services."""
    rows = bundled_rows()
    for data in (
        BUNDLED.read_bytes(),
        csv_bytes(rows, sep=";", encoding="cp1252"),
        xlsx_bytes(rows),
        bundled_ods(),
    ):
        assert_same_services(load_services(data), bundled)
    assert len(list(csv.reader(io.StringIO(BUNDLED.read_text("utf-8"))))) == 40


@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_an_archive_asking_for_an_unknown_zip_version_is_refused_in_dutch(suffix: str) -> None:
    """zipfile raises NotImplementedError for it; the loader's contract is ServiceDataError."""
    services = pd.read_csv(BUNDLED, dtype=str, keep_default_na=False)
    buffer = io.BytesIO()
    services.to_excel(buffer, index=False, engine="openpyxl" if suffix == "xlsx" else "odf")
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 6 : central + 8] = (0xFF).to_bytes(2, "little")  # "version needed": 25.5
    with pytest.raises(ServiceDataError):
        read_services(io.BytesIO(bytes(data)))
