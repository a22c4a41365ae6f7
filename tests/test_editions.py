"""Editions: uploads and edits checked by the loader's rules, stored, compared like releases.

Expected answers are written out by hand or derived from the bundled file here, never read
back from the module under test.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from generated import random_services
from openpyxl import Workbook, load_workbook

from igemo_data import charts, classify, load_services, uploads
from igemo_data.charts.comparison import comparison_chart, edition_arrows
from igemo_data.compare import compare_editions
from igemo_data.edition import PLAN_EDITION, PLAN_NAME, Edition, is_edition_id
from igemo_data.edition_tables import problem_table
from igemo_data.loading import ServiceDataError
from igemo_data.schema import COLUMNS
from igemo_data.settings import Settings
from igemo_data.spreadsheet import download_name
from igemo_data.spreadsheet import services_csv_bytes as to_csv_bytes
from igemo_data.spreadsheet import services_xlsx_bytes as to_xlsx_bytes
from igemo_data.store import base
from igemo_data.store.editions import EditionError, EditionStore, resolve
from igemo_data.store.scenarios import ScenarioStore
from igemo_data.texts import Phrase
from igemo_data.ui.session import ACTIVE_EDITION, active_id
from igemo_data.uploads import MAX_UPLOAD_BYTES, check_upload_size, validate_edit, validate_upload
from igemo_data.validation import column_key

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "services.csv"
HEADER = ",".join(COLUMNS)
FORMULAS = ["=1+1", "+32 3 123 45 67", "-minder", "@SUM(A1)", "'=al beschermd", "=HYPERLINK(1)"]


@pytest.fixture
def store(tmp_path: Path) -> EditionStore:
    opened = EditionStore(tmp_path / "store.duckdb", BUNDLED)
    yield opened
    opened.close()


def _rows(*lines: str) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode("utf-8")


def _service(sid: str = "ruimte-e1", **values: object) -> dict[str, object]:
    row: dict[str, object] = {
        "id": sid,
        "domain": "RUIMTE",
        "cluster": "Lokale economie en werk",
        "code": sid.split("-")[1],
        "name": "Ondernemerschap",
        "description": "",
        "market_current": 1.0,
        "market_potential": 2.0,
        "need_current": 1.0,
        "need_future": 2.0,
        "plan_decision": "invest",
        "plan_note": "",
    }
    row.update(values)
    return row


def _frame(*rows: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(COLUMNS))


# --- Uploads ----------------------------------------------------------------------------------


def test_a_file_over_five_megabytes_is_refused_before_it_is_parsed(monkeypatch) -> None:
    def must_not_parse(_data: bytes) -> None:
        raise AssertionError("a file over the limit was parsed")

    monkeypatch.setattr(uploads, "read_services", must_not_parse)
    with pytest.raises(ServiceDataError) as caught:
        validate_upload(b"x" * (MAX_UPLOAD_BYTES + 1), "groot.csv")
    (problem,) = caught.value.problems
    assert "hoogstens 5 MB" in problem.rule
    assert "groot.csv" in problem.value


def test_a_file_too_big_is_refused_in_dutch_and_in_english() -> None:
    with pytest.raises(ServiceDataError) as caught:
        check_upload_size(6 * 1024 * 1024, "map/groot.csv")
    assert str(caught.value) == (
        "Het bestand is geweigerd: 1 probleem.\n"
        "- regel 1, waarde 'groot.csv: 6,0 MB': een bestand mag hoogstens 5 MB zijn; "
        "het is niet gelezen"
    )
    english = caught.value.text("en")
    assert "'groot.csv: 6.0 MB'" in english
    assert "a file may be at most 5 MB; it was not read" in english


def test_a_taken_edition_name_is_refused_in_dutch_and_in_english(
    store: EditionStore, services: pd.DataFrame
) -> None:
    with pytest.raises(EditionError) as caught:
        store.save(PLAN_NAME, services)
    assert str(caught.value) == (
        f"Er bestaat al een editie met de naam '{PLAN_NAME}'. Kies een andere naam."
    )
    assert caught.value.text("en") == (
        f"An edition named '{PLAN_NAME}' already exists. Choose another name."
    )


def test_a_read_only_store_refuses_in_dutch_and_in_english(tmp_path: Path) -> None:
    with pytest.raises(EditionError) as caught:
        base.Transaction(
            duckdb.connect().cursor(),
            tmp_path / "x.duckdb",
            what=Phrase.of("edition_the"),
            error=EditionError,
            read_only=True,
        )
    # No path on screen (issue 13): the server log names the file.
    assert str(caught.value) == (
        "De editie kon niet bewaard worden: scenario's, edities, scoreronden en beslissingen "
        "zijn nu alleen-lezen. Wat eerder bewaard was, is ongewijzigd."
    )
    assert caught.value.text("en") == (
        "The edition could not be saved: scenarios, editions, scoring rounds and decisions are "
        "read-only now. What was saved before is unchanged."
    )


def test_the_limit_is_five_megabytes_exactly() -> None:
    check_upload_size(MAX_UPLOAD_BYTES, "precies.csv")  # no exception
    with pytest.raises(ServiceDataError):
        check_upload_size(MAX_UPLOAD_BYTES + 1, "precies.csv")
    assert MAX_UPLOAD_BYTES == 5_000_000


@pytest.mark.parametrize("name", ["scores.exe", "scores.pdf", "scores.py", "scores.pkl"])
def test_only_spreadsheet_files_are_read(name: str) -> None:
    with pytest.raises(ServiceDataError) as caught:
        validate_upload(BUNDLED.read_bytes(), name)
    assert "CSV" in caught.value.problems[0].rule


def test_an_old_excel_file_gets_the_loaders_advice() -> None:
    with pytest.raises(ServiceDataError) as caught:
        validate_upload(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "oud.xls")
    assert "XLSX" in caught.value.problems[0].rule


def test_a_path_in_the_file_name_is_not_shown() -> None:
    with pytest.raises(ServiceDataError) as caught:
        validate_upload(b"x" * (MAX_UPLOAD_BYTES + 1), "C:\\Users\\an\\Documents\\scores.csv")
    assert caught.value.problems[0].value.startswith("scores.csv")


def _belgian(services: pd.DataFrame, *, bom: bool, encoding: str) -> bytes:
    lines = [";".join(COLUMNS)]
    for row in services.itertuples(index=False):
        cells = []
        for value in row:
            if isinstance(value, float):
                cells.append(f"{value:g}".replace(".", ","))
            else:
                quoted = any(mark in value for mark in ';"\n')
                cells.append('"' + value.replace('"', '""') + '"' if quoted else value)
        lines.append(";".join(cells))
    data = "\r\n".join(lines).encode(encoding)
    return (b"\xef\xbb\xbf" if bom else b"") + data


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_belgian_excel_variants_load(services: pd.DataFrame, bom: bool, encoding: str) -> None:
    changed = services.copy()
    changed.loc[0, "market_current"] = 1.5
    changed.loc[1, "name"] = "Café à la carte"  # é, à: different bytes in Windows-1252
    result = validate_upload(_belgian(changed, bom=bom, encoding=encoding), "scores.csv")
    pd.testing.assert_frame_equal(result.services, changed)


def test_csv_round_trip_is_exact(services: pd.DataFrame) -> None:
    changed = services.copy()
    changed.loc[0, "market_current"] = 1 / 3 + 1  # a fraction no decimal text shortens
    changed.loc[1, "description"] = 'met "aanhalingstekens", komma\'s\nen een nieuwe regel'
    result = validate_upload(to_csv_bytes(changed), "terug.csv")
    pd.testing.assert_frame_equal(result.services, changed)


def test_csv_download_protects_formulas_and_the_upload_takes_it_back(
    services: pd.DataFrame,
) -> None:
    changed = services.copy()
    for row, text in enumerate(FORMULAS):
        changed.loc[row, "name"] = text
    data = to_csv_bytes(changed, lang="en")  # the Dutch one: tests/test_spreadsheet.py
    text = data.decode("utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbf")
    assert text.splitlines()[0] == HEADER
    for formula in FORMULAS:
        assert f",'{formula}," in text  # every formula-like name starts with an apostrophe
    result = validate_upload(data, "terug.csv")
    pd.testing.assert_frame_equal(result.services, changed)


def test_xlsx_has_no_formula_and_reads_back(services: pd.DataFrame) -> None:
    changed = services.copy()
    for row, text in enumerate(FORMULAS):
        changed.loc[row, "plan_note"] = text
    data = to_xlsx_bytes(changed, title="Workshop")
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    note_column = COLUMNS.index("plan_note") + 1
    for row, text in enumerate(FORMULAS, start=2):
        cell = sheet.cell(row=row, column=note_column)
        assert cell.value == text and cell.data_type == "s"
        if text.startswith(("=", "+", "-", "@")):
            assert cell.quotePrefix
    # The header names design §2's columns in order, in Dutch words (issue 18, item 12).
    assert [column_key(c.value) for c in sheet[1]] == list(COLUMNS)
    assert sheet.cell(row=2, column=COLUMNS.index("need_future") + 1).data_type == "n"
    assert workbook.sheetnames == ["Diensten", "Toelichting"]
    assert sheet.data_validations.dataValidation  # drop-downs and the 1–2 check
    pd.testing.assert_frame_equal(validate_upload(data, "terug.xlsx").services, changed)


def test_an_xlsx_written_by_hand_with_openpyxl_loads() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([*COLUMNS, "opmerking"])
    sheet.append(
        ["mens-s1", "MENS", "Samenleving", "s1", "Sociaal", None, 1, 2, 1.5, 2, None, None]
    )
    sheet.append(["Bestuur-W1", "bestuur", "Werking", "w1", "Financiën", "", 2, 2, 1, 1, "Wait"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = validate_upload(buffer.getvalue(), "met de hand.xlsx")
    assert list(result.services["id"]) == ["mens-s1", "bestuur-w1"]
    assert result.services.loc[0, "need_current"] == 1.5
    assert result.services.loc[1, "plan_decision"] == "wait"
    assert any("opmerking" in warning for warning in result.warnings)


def test_a_formula_in_an_uploaded_xlsx_is_never_calculated() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append(["mens-s1", "MENS", "Samenleving", "s1", "=HYPERLINK(\"http://x\")", None,
                  "=1+0.5", 2, 1, 2, None, None])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    # Only the values a spreadsheet cached are read; a formula nobody calculated has none.
    with pytest.raises(ServiceDataError) as caught:
        validate_upload(buffer.getvalue(), "formules.xlsx")
    assert {(p.line, p.column) for p in caught.value.problems} == {
        (2, "name"),
        (2, "market_current"),
    }


# --- Edits ------------------------------------------------------------------------------------


def test_an_edit_is_checked_with_the_loaders_rules_and_lines() -> None:
    edited = _frame(
        _service("ruimte-e1"),
        _service("ruimte-e2"),
        _service("ruimte-e1", market_current=3.0, domain="RUIMTE"),
    )
    with pytest.raises(ServiceDataError) as caught:
        validate_edit(edited)
    found = {(p.line, p.column) for p in caught.value.problems}
    # Line 2 is the first row, so the third row is line 4: its id repeats line 2's.
    assert found == {(4, "market_current"), (4, "id")}


def test_new_rows_from_the_editor_have_missing_values() -> None:
    edited = _frame(_service("ruimte-e1"))
    edited.loc[1] = [None] * len(COLUMNS)  # a row added and left empty: skipped
    edited.loc[2] = ["ruimte-e9", "RUIMTE", "X", "e9", None, None, 1.0, None, 1, 2, None, None]
    with pytest.raises(ServiceDataError) as caught:
        validate_edit(edited)
    assert {(p.line, p.column) for p in caught.value.problems} == {
        (4, "name"),
        (4, "market_potential"),
    }


def test_a_control_character_in_an_edited_cell_is_refused_at_its_line_and_column() -> None:
    edited = _frame(_service("ruimte-e1"), _service("ruimte-e2", code="e2", name="Bouw\x00en"))
    with pytest.raises(ServiceDataError) as caught:
        validate_edit(edited)
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.value) == (3, "name", "Bouw⟨U+0000⟩en")
    assert "stuurteken" in str(caught.value)


def test_a_valid_edit_gives_the_table_the_loader_gives() -> None:
    edited = _frame(_service("ruimte-e1", name="  Ondernemen  ", plan_decision=None))
    result = validate_edit(edited)
    assert result.services.loc[0, "name"] == "Ondernemen"
    assert result.services.loc[0, "plan_decision"] == ""
    assert result.services["market_current"].dtype == "float64"


# --- The store --------------------------------------------------------------------------------


def test_the_plan_is_the_first_edition_and_read_from_the_csv(store: EditionStore) -> None:
    (plan,) = store.list()
    assert (plan.id, plan.name, plan.builtin, plan.count) == (PLAN_EDITION, PLAN_NAME, True, 39)
    pd.testing.assert_frame_equal(store.services(PLAN_EDITION), load_services(BUNDLED))


def test_save_list_and_read_back(store: EditionStore, services: pd.DataFrame) -> None:
    changed = services.copy()
    changed.loc[0, "market_current"] = 1.25
    saved = store.save("Workshop mei", changed, author="An", note="eerste ronde", source="a.xlsx")
    assert saved.count == 39 and saved.based_on == "" and is_edition_id(saved.id)
    assert [e.name for e in store.list()] == [PLAN_NAME, "Workshop mei"]
    reopened = EditionStore(store.path, BUNDLED)  # reads from the file, not from memory
    pd.testing.assert_frame_equal(reopened.services(saved.id), changed)
    assert reopened.get(saved.id) == store.get(saved.id)
    assert reopened.get(saved.id).source == "a.xlsx"


def test_services_are_a_copy(store: EditionStore) -> None:
    first = store.services(PLAN_EDITION)
    first.loc[0, "name"] = "veranderd"
    assert store.services(PLAN_EDITION).loc[0, "name"] == "Ondernemerschap"


def test_each_editions_baseline_is_its_own_plain_reading_and_a_copy(
    store: EditionStore, services: pd.DataFrame
) -> None:
    changed = services.copy()
    changed.loc[0, ["market_current", "need_current"]] = [2.0, 2.0]  # e1: Elimineer → Vermeerder
    saved = store.save("Workshop mei", changed)
    for edition_id, data in ((PLAN_EDITION, services), (saved.id, changed)):
        first = store.baseline(edition_id)
        pd.testing.assert_frame_equal(first, classify(data, horizon=0.0))
        first.loc[0, "quadrant"] = "veranderd"
        assert store.baseline(edition_id).loc[0, "quadrant"] != "veranderd"
    assert store.baseline(PLAN_EDITION).loc[0, "quadrant"] == "elimineer"
    assert store.baseline(saved.id).loc[0, "quadrant"] == "vermeerder"


def test_the_plan_cannot_be_deleted_or_overwritten(
    store: EditionStore, services: pd.DataFrame
) -> None:
    before = hashlib.sha256(BUNDLED.read_bytes()).hexdigest()
    with pytest.raises(EditionError, match="niet verwijderd"):
        store.delete(PLAN_EDITION)
    with pytest.raises(EditionError, match="bestaat al"):
        store.save("plan 2019–2024", services)
    assert not hasattr(store, "update")  # editions are never changed, only added
    assert hashlib.sha256(BUNDLED.read_bytes()).hexdigest() == before


def test_names_are_unique_and_required(store: EditionStore, services: pd.DataFrame) -> None:
    store.save("Raad", services)
    with pytest.raises(EditionError, match="bestaat al"):
        store.save(" raad ", services)
    with pytest.raises(EditionError, match="naam"):
        store.save("   ", services)
    with pytest.raises(EditionError, match="hoogstens"):
        store.save("x" * 121, services)
    assert len(store.list()) == 2


def test_the_list_follows_every_save_and_delete(
    store: EditionStore, services: pd.DataFrame
) -> None:
    assert [e.name for e in store.list()] == [PLAN_NAME]
    first = store.save("Eerste", services)
    assert [e.name for e in store.list()] == [PLAN_NAME, "Eerste"]
    store.save("Tweede", services)
    assert [e.name for e in store.list()] == [PLAN_NAME, "Tweede", "Eerste"]
    store.delete(first.id)
    assert [e.name for e in store.list()] == [PLAN_NAME, "Tweede"]
    store.list().clear()  # a caller's list is its own
    assert len(store.list()) == 2


def test_an_invalid_table_is_never_stored(store: EditionStore, services: pd.DataFrame) -> None:
    broken = services.copy()
    broken.loc[3, "need_future"] = 2.5
    with pytest.raises(ServiceDataError) as caught:
        store.save("Kapot", broken)
    assert [(p.line, p.column) for p in caught.value.problems] == [(5, "need_future")]
    assert len(store.list()) == 1


def test_user_text_is_stored_as_data_never_as_sql(
    store: EditionStore, services: pd.DataFrame
) -> None:
    name = "x'); DROP TABLE editions; --"
    changed = services.copy()
    changed.loc[0, "name"] = "'; DELETE FROM edition_services; --"
    saved = store.save(name, changed, author="Robert'); --", note='"; SELECT 1; --')
    reopened = EditionStore(store.path, BUNDLED)  # reads from the file, not from memory
    assert reopened.get(saved.id).name == name
    assert reopened.by_name(name).id == saved.id
    assert reopened.services(saved.id).loc[0, "name"] == changed.loc[0, "name"]


def test_the_database_itself_guards_the_rules(store: EditionStore, services: pd.DataFrame) -> None:
    saved = store.save("Goed", services)
    connection = duckdb.connect(str(store.path))
    try:
        with pytest.raises(duckdb.ConstraintException):
            connection.execute(
                "UPDATE edition_services SET market_current = 3 WHERE edition_id = ?", [saved.id]
            )
        with pytest.raises(duckdb.ConstraintException):
            connection.execute(
                "UPDATE edition_services SET domain = 'ELDERS' WHERE edition_id = ?", [saved.id]
            )
    finally:
        connection.close()


def test_delete_and_what_a_delete_leaves(store: EditionStore, services: pd.DataFrame) -> None:
    kept = store.save("Blijft", services)
    gone = store.save("Weg", services.iloc[:5])
    store.delete(gone.id)
    assert [e.id for e in store.list()] == [PLAN_EDITION, kept.id]
    with pytest.raises(EditionError, match="bestaat niet"):
        store.services(gone.id)
    with pytest.raises(EditionError, match="bestaat niet"):
        store.delete(gone.id)
    connection = duckdb.connect(str(store.path))
    try:
        (rows,) = connection.execute(
            "SELECT count(*) FROM edition_services WHERE edition_id = ?", [gone.id]
        ).fetchone()
    finally:
        connection.close()
    assert rows == 0


def test_an_edition_a_scenario_opens_on_is_not_deleted(
    store: EditionStore, services: pd.DataFrame
) -> None:
    # The scenarios live in the same file; DuckDB shares one database per file in a process.
    scenarios = ScenarioStore(store.path)
    saved = store.save("Basis", services)
    scenarios.save("Workshop", Settings(edition=saved.id))
    with pytest.raises(EditionError, match="Workshop"):
        store.delete(saved.id)
    assert store.scenarios_using(saved.id) == ["Workshop"]
    assert [s.settings.edition for s in scenarios.list()] == [saved.id]
    scenarios.close()


def test_a_damaged_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "kapot.duckdb"
    path.write_bytes(b"dit is geen database" * 100)
    opened = EditionStore(path, BUNDLED)
    assert opened.warning and "opzijgezet" in opened.warning
    assert list(tmp_path.glob("kapot.duckdb.beschadigd-*"))
    assert [e.id for e in opened.list()] == [PLAN_EDITION]
    opened.close()


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(EditionError, match="bestaat niet"):
        EditionStore(tmp_path / "nergens" / "store.duckdb", BUNDLED)


def test_a_read_only_folder_shows_editions_but_refuses_to_save(
    tmp_path: Path, services: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = EditionStore(tmp_path / "store.duckdb", BUNDLED)
    saved = first.save("Bewaard", services)
    first.close()
    # As on a read-only disk (root writes anywhere, so the disk is imitated): opening for
    # writing fails and the folder is not writable.
    real_connect = duckdb.connect

    def connect(path: str, read_only: bool = False):
        if not read_only:
            raise duckdb.IOException("Cannot open file: Read-only file system")
        return real_connect(path, read_only=True)

    monkeypatch.setattr(duckdb, "connect", connect)
    monkeypatch.setattr(base.os, "access", lambda path, mode: False)
    opened = EditionStore(tmp_path / "store.duckdb", BUNDLED)
    assert opened.read_only and "alleen-lezen" in (opened.warning or "")
    assert [e.name for e in opened.list()] == [PLAN_NAME, "Bewaard"]
    pd.testing.assert_frame_equal(opened.services(saved.id), services)
    with pytest.raises(EditionError, match="ongewijzigd"):
        opened.save("Nieuw", services)
    with pytest.raises(EditionError, match="alleen-lezen"):
        opened.delete(saved.id)
    opened.close()


# --- The active edition -----------------------------------------------------------------------


def test_the_kept_choice_names_an_edition_or_the_plan() -> None:
    assert active_id({ACTIVE_EDITION: "0123456789ab"}) == "0123456789ab"
    for wrong in ("", "x", "'; DROP TABLE editions", "0123456789abc"):
        assert active_id({ACTIVE_EDITION: wrong}) == PLAN_EDITION
    assert active_id({}) == PLAN_EDITION
    assert active_id({ACTIVE_EDITION: 42}) == PLAN_EDITION


def test_a_gone_edition_falls_back_to_the_plan(store: EditionStore) -> None:
    active = resolve(store, "0123456789ab", BUNDLED)
    assert active.edition.id == PLAN_EDITION and "bestaat niet" in active.warning
    assert resolve(None, PLAN_EDITION, BUNDLED).warning is None


def test_download_names_are_safe() -> None:
    edition = Edition("0123456789ab", "../../Workshop <mei>", "", "", None, 1)
    assert download_name(edition, "xlsx") == "strategiekaart-workshop-mei.xlsx"


# --- Comparing ----------------------------------------------------------------------------------


def test_compare_finds_new_removed_changed_and_moved() -> None:
    old = _frame(
        _service("ruimte-e1"),  # 1, 1 now: Elimineer
        _service("ruimte-e2", name="Bedrijfshuisvesting", market_current=2.0, need_current=2.0),
        _service("ruimte-e3", name="Tewerkstelling"),
    )
    new = _frame(
        _service("ruimte-e1", market_current=2.0, need_current=1.6),  # now Vermeerder
        _service("ruimte-e2", name="Bedrijven", market_current=2.0, need_current=2.0),
        _service("ruimte-e4", name="Handel"),
    )
    diff = compare_editions(old, new, Settings(horizon=0.0))
    assert list(diff.added["id"]) == ["ruimte-e4"]
    assert list(diff.removed["id"]) == ["ruimte-e3"]
    assert diff.changed_scores[["id", "field", "old", "new"]].values.tolist() == [
        ["ruimte-e1", "market_current", 1.0, 2.0],
        ["ruimte-e1", "need_current", 1.0, 1.6],
    ]
    assert diff.changed_texts[["id", "field", "old", "new"]].values.tolist() == [
        ["ruimte-e2", "name", "Bedrijfshuisvesting", "Bedrijven"],
    ]
    (move,) = diff.quadrant_moves.itertuples()
    assert (move.id, move.quadrant_from, move.quadrant_to) == (
        "ruimte-e1",
        "elimineer",
        "vermeerder",
    )
    assert not diff.identical


def test_quadrant_moves_follow_the_horizon_and_cuts() -> None:
    old = _frame(_service("ruimte-e1"))  # 1→2 on both axes
    new = _frame(_service("ruimte-e1", market_potential=1.0))
    # At horizon 0 only a potential changed: the same place, no arrow.
    assert compare_editions(old, new, Settings(horizon=0.0)).moves.empty
    # In the future the market position drops from 2 to 1: Vermeerder to Creëer.
    future = compare_editions(old, new, Settings(horizon=1.0)).quadrant_moves
    assert (future.loc[0, "quadrant_from"], future.loc[0, "quadrant_to"]) == (
        "vermeerder",
        "creeer",
    )
    # With the market cut at 1 every position is strong: it moves, but stays in its quadrant.
    cut = compare_editions(old, new, Settings(horizon=1.0, market_cut=1.0))
    assert len(cut.moves) == 1 and cut.quadrant_moves.empty


def test_an_edition_compared_with_itself_is_identical(services: pd.DataFrame) -> None:
    diff = compare_editions(services, services.copy(), Settings(horizon=0.5))
    assert diff.identical and diff.moves.empty and len(diff.unchanged) == 39


def test_edition_arrows_have_the_evolution_arrows_format(services: pd.DataFrame) -> None:
    new = services.copy()
    new.loc[0, "market_current"] = 2.0
    old_table = classify(services)
    new_table = classify(new)
    arrows = edition_arrows(old_table, new_table, Settings())
    reference = charts.evolution_arrows(old_table, new_table, Settings())
    assert list(arrows.columns) == list(reference.columns)
    assert list(arrows["id"]) == ["ruimte-e1"]
    assert math.isclose(arrows.loc[0, "market_to"], 2.0)


def test_the_comparison_chart_draws_the_new_edition(services: pd.DataFrame) -> None:
    new = pd.concat(
        [services.iloc[1:], _frame(_service("ruimte-e9", name="Nieuw"))], ignore_index=True
    )
    new.loc[0, "need_current"] = 1.0
    diff = compare_editions(services, new)
    spec = comparison_chart(diff, title="Plan → Nieuw").to_dict()
    datasets = [layer["data"]["values"] for layer in spec["layer"]]
    ids = {row.get("id") for rows in datasets for row in rows if "quadrant" in row}
    assert "ruimte-e9" in ids and "ruimte-e1" not in ids


def test_problem_table_names_the_service_of_an_edited_row() -> None:
    edited = _frame(_service("ruimte-e1"), _service("ruimte-e2", code="e2", name=""))
    with pytest.raises(ServiceDataError) as caught:
        validate_edit(edited)
    table = problem_table(caught.value, "nl", edited)
    assert list(table.columns) == ["Regel", "Dienst", "Kolom", "Waarde", "Probleem"]
    assert table.iloc[0].tolist()[:3] == [3, "e2", "name"]


@pytest.mark.parametrize("start", ["\t", "\r"])
def test_a_tab_or_carriage_return_start_is_neutralised_in_both_downloads(
    services: pd.DataFrame, start: str
) -> None:
    # A spreadsheet strips the tab or return and runs the rest: the same rule as any export.
    text = start + "=HYPERLINK(1)"
    changed = services.copy()
    changed.loc[0, "name"] = text
    english = to_csv_bytes(changed, lang="en").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(english, newline="")))
    assert rows[1][COLUMNS.index("name")] == "'" + text
    assert validate_upload(to_csv_bytes(changed), "terug.csv").services.loc[0, "name"] == text
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(changed))).worksheets[0]
    cell = sheet.cell(row=2, column=COLUMNS.index("name") + 1)
    assert cell.data_type == "s" and cell.quotePrefix


# --- Issue 13, item 3: large editions are saved in bulk, readers never wait, memory is bounded ---


def test_a_hundred_thousand_services_are_stored_exactly(tmp_path: Path) -> None:
    big = random_services(13, 100_000, (1.0, 1.25, 1.5, 1.52, 1.75, 2.0))
    big.loc[7, "name"] = "'; DROP TABLE editions; --"
    big.loc[8, "description"] = "=HYPERLINK(1)"
    path = tmp_path / "groot.duckdb"
    writer = EditionStore(path, BUNDLED)
    saved = writer.save("Groot", big, author="An")
    writer.close()
    reader = EditionStore(path, BUNDLED)  # nothing from the writer's memory
    try:
        assert reader.get(saved.id).count == 100_000
        back = reader.services(saved.id)
    finally:
        reader.close()
    pd.testing.assert_frame_equal(back, validate_edit(big).services)


def test_a_reader_never_waits_for_a_save(store: EditionStore, services: pd.DataFrame) -> None:
    store.save("Eerst", services)
    listed: list[list[Edition]] = []
    with store._lock:  # a save in progress holds the write lock for all of its transaction
        store._forget_list()  # and a page arrives that has no list yet
        reader = threading.Thread(target=lambda: listed.append(store.list()), daemon=True)
        reader.start()
        reader.join(timeout=20)
        assert not reader.is_alive(), "the edition list waited for the writer's lock"
    assert [e.name for e in listed[0]] == [PLAN_NAME, "Eerst"]


def test_a_list_read_during_a_save_is_not_kept_stale(
    store: EditionStore, services: pd.DataFrame
) -> None:
    store.list()
    generation = store._generation
    store.save("Nieuw", services)
    assert store._generation > generation
    assert [e.name for e in store.list()] == [PLAN_NAME, "Nieuw"]


def test_the_memory_never_holds_more_than_its_bound() -> None:
    from igemo_data.store.recent import Recent, frame_bytes

    small = pd.DataFrame({"x": ["a" * 50] * 100})
    large = pd.DataFrame({"x": ["b" * 50] * 5_000})
    memory = Recent(limit=3, budget=3 * frame_bytes(small) + frame_bytes(large) // 2)
    for step in range(20):
        memory.put(step, large if step % 4 == 0 else small)
        count, size = memory.held()
        assert count <= 3
        assert size <= memory.budget or count == 1, (step, count, size)
    assert memory.get(19) is not None and memory.get(0) is None
    memory.put("huge", pd.concat([large] * 4))  # larger than the budget: kept, alone
    assert memory.held()[0] == 1 and memory.get("huge") is not None


def test_the_editions_read_stay_within_the_stores_bound(
    store: EditionStore, services: pd.DataFrame
) -> None:
    ids = [store.save(f"Editie {n}", services).id for n in range(store.memory.limit + 4)]
    for edition_id in ids:
        store.services(edition_id)
        store.baseline(edition_id)
        assert store.memory.held()[0] <= store.memory.limit
    pd.testing.assert_frame_equal(store.services(ids[0]), validate_edit(services).services)
