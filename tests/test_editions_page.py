"""The Gegevens and Edities vergelijken pages under AppTest: real uploads through
`st.file_uploader` (AppTest 1.67 drives it), edits through `st.data_editor`'s edit state.

Refused inputs show one table of problems and change nothing; accepted ones become a new,
active edition; the bundled plan never changes.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from igemo_data import load_services, spreadsheet
from igemo_data.edition import PLAN_NAME
from igemo_data.schema import COLUMNS
from igemo_data.settings import PLAN_EDITION
from igemo_data.store.base import forget_stores
from igemo_data.store.editions import EditionStore
from igemo_data.ui import session

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "services.csv"
DATA_PAGE = "pages/7_Gegevens.py"
COMPARE_PAGE = "pages/8_Edities_vergelijken.py"
SAVE = "Bewaren als nieuwe editie en actief maken"
PROBLEM_COLUMNS = ["Regel", "Kolom", "Waarde", "Probleem"]


@pytest.fixture
def fresh_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.duckdb"
    monkeypatch.setenv("STRATEGIEKAART_DB", str(path))
    forget_stores()
    yield path
    forget_stores()


def _page(page_file: str = DATA_PAGE) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(page_file)
    return at.run()


def _stored(path: Path) -> EditionStore:
    return EditionStore(path, BUNDLED)


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return at.file_uploader[0].set_value((name, data, "application/octet-stream")).run()


def _save(at: AppTest, name: str | None = None, form: str = "upload_form") -> AppTest:
    submit = next(
        b for b in at.button if b.proto.is_form_submitter and b.proto.form_id.startswith(form)
    )
    if name is not None:
        field = next(
            w for w in at.text_input if w.key and w.key.startswith(form.split("_")[0] + "_name")
        )
        field.input(name)
    return submit.click().run()


def _shown_table(at: AppTest) -> pd.DataFrame:
    """The active data as the page's last table holds it (design §2's columns; the Dutch
    headers are column labels)."""
    return at.dataframe[-1].value


def _belgian_csv(services: pd.DataFrame, *, encoding: str = "cp1252", bom: bool = False) -> bytes:
    lines = [";".join(COLUMNS)]
    for row in services.itertuples(index=False):
        cells = []
        for value in row:
            if isinstance(value, float):
                cells.append(f"{value:g}".replace(".", ","))
            elif any(mark in value for mark in ';"\n'):
                cells.append('"' + value.replace('"', '""') + '"')
            else:
                cells.append(value)
        lines.append(";".join(cells))
    return (b"\xef\xbb\xbf" if bom else b"") + "\r\n".join(lines).encode(encoding)


def _assert_nothing_changed(at: AppTest, path: Path, plan: pd.DataFrame) -> None:
    assert session.active_id(at.session_state) == PLAN_EDITION
    store = _stored(path)
    assert [e.id for e in store.list()] == [PLAN_EDITION]
    store.close()
    shown = _shown_table(at)
    assert list(shown["code"]) == list(plan["code"])
    assert list(shown["market_current"]) == list(plan["market_current"])


REFUSED = {
    "missing column": b"id,domain,code,name\nruimte-e1,RUIMTE,e1,A\n",
    "empty file": b"",
    "duplicate id": (
        ",".join(COLUMNS) + "\n"
        "ruimte-e1,RUIMTE,X,e1,A,,1,2,1,2,,\n"
        "ruimte-e1,RUIMTE,X,e2,B,,1,2,1,2,,\n"
    ).encode(),
    "score out of range": (",".join(COLUMNS) + "\nruimte-e1,RUIMTE,X,e1,A,,3,2,1,2,,\n").encode(),
    "score not a number": (
        ",".join(COLUMNS) + "\nruimte-e1,RUIMTE,X,e1,A,,veel,2,1,2,,\n"
    ).encode(),
    "unknown domain and decision": (
        ",".join(COLUMNS) + "\nruimte-e1,RUIMTE,X,e1,A,,1,2,1,2,misschien,\n"
        "elders-x1,ELDERS,X,x1,B,,1,2,1,2,,\n"
    ).encode(),
    "ragged row": (",".join(COLUMNS) + "\nruimte-e1,RUIMTE,X,e1\n").encode(),
    "binary junk": bytes(range(256)) * 4,
    "broken xlsx": b"PK\x03\x04" + b"\x00" * 200,
    "over 5 MB": b"x" * (5 * 1024 * 1024 + 1),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_upload_shows_every_problem_and_changes_nothing(
    case: str, fresh_store: Path, services: pd.DataFrame
) -> None:
    at = _page()
    suffix = "xlsx" if case == "broken xlsx" else "csv"
    at = _upload(at, f"{case}.{suffix}", REFUSED[case])
    assert not at.exception
    assert any("geweigerd" in e.value for e in at.error), [e.value for e in at.error]
    problems = at.dataframe[0].value
    assert list(problems.columns) == PROBLEM_COLUMNS
    assert len(problems) >= 1 and problems["Probleem"].str.len().min() > 0
    assert not [b for b in at.button if b.proto.is_form_submitter and "upload" in b.proto.form_id]
    _assert_nothing_changed(at, fresh_store, services)


def test_every_problem_of_a_file_is_listed_at_once(fresh_store: Path) -> None:
    at = _upload(_page(), "fouten.csv", REFUSED["unknown domain and decision"])
    problems = at.dataframe[0].value
    assert problems[["Regel", "Kolom"]].values.tolist() == [
        [2, "plan_decision"],
        [3, "domain"],
    ]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("cp1252", False), ("cp1252", True), ("utf-8", True), ("utf-8", False)],
)
def test_a_belgian_excel_csv_becomes_the_active_edition(
    encoding: str, bom: bool, fresh_store: Path, services: pd.DataFrame
) -> None:
    changed = services.copy()
    changed.loc[0, "market_current"] = 1.5  # written as 1,5
    changed.loc[1, "name"] = "Bedrijfshuisvesting à la carte"
    at = _upload(_page(), "scores.csv", _belgian_csv(changed, encoding=encoding, bom=bom))
    assert not at.exception
    assert any("in orde" in s.value for s in at.success)
    at = _save(at, "Workshop mei")
    assert not at.exception
    store = _stored(fresh_store)
    editions_now = store.list()
    assert [e.name for e in editions_now] == [PLAN_NAME, "Workshop mei"]
    new = editions_now[1]
    assert new.source == "scores.csv" and new.based_on == PLAN_EDITION
    pd.testing.assert_frame_equal(store.services(new.id), changed)
    store.close()
    assert session.active_id(at.session_state) == new.id
    shown = _shown_table(at)
    assert shown.loc[0, "market_current"] == 1.5
    assert shown.loc[1, "name"] == "Bedrijfshuisvesting à la carte"
    assert any("Workshop mei" in s.value for s in at.success)


def test_a_real_xlsx_written_with_openpyxl_is_uploaded(
    fresh_store: Path, services: pd.DataFrame
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for row in services.itertuples(index=False):
        sheet.append([value if value != "" else None for value in row])
    sheet.append(["ruimte-e5", "RUIMTE", "Lokale economie en werk", "e5", "Toerisme", None, 1.5,
                  2, 1.75, 2, "invest", None])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    at = _upload(_page(), "scores.xlsx", buffer.getvalue())
    assert any("40 diensten" in s.value for s in at.success)
    assert any("e5 Toerisme" in m.value for m in at.markdown)  # named as new
    at = _save(at, "Met toerisme")
    store = _stored(fresh_store)
    new = store.list()[1]
    assert new.count == 40 and store.services(new.id).iloc[-1]["need_current"] == 1.75
    store.close()


def test_edition_round_trip_switch_compare_and_the_plan_unchanged(
    fresh_store: Path, services: pd.DataFrame
) -> None:
    before = hashlib.sha256(BUNDLED.read_bytes()).hexdigest()
    changed = services.copy()
    changed.loc[0, ["market_current", "need_current"]] = 2.0  # e1: Elimineer → Vermeerder
    changed = changed[changed["id"] != "bestuur-v2"]  # one service removed
    at = _upload(_page(), "nieuw.csv", spreadsheet.services_csv_bytes(changed))
    at = _save(at, "Versie 2")
    new_id = session.active_id(at.session_state)
    assert new_id != PLAN_EDITION

    # Switch back to the plan, the way the editions list offers it.
    at.selectbox(key="chosen_edition").set_value(PLAN_EDITION).run()
    at.button(key="activate_edition").click().run()
    assert session.active_id(at.session_state) == PLAN_EDITION
    assert list(_shown_table(at)["market_current"]) == list(services["market_current"])

    # Compare: the plan against the new edition, like two releases of a radar.
    at.switch_page(COMPARE_PAGE).run()
    assert not at.exception
    at.selectbox(key="compare_old").set_value(PLAN_EDITION).run()
    at.selectbox(key="compare_new").set_value(new_id).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Nieuw": "0", "Verdwenen": "1", "Andere scores": "1", "Ander kwadrant": "1"}
    tables = [d.value for d in at.dataframe]
    moves = next(t for t in tables if "Van" in t.columns)
    assert moves[["Code", "Van", "Naar"]].values.tolist() == [["e1", "Elimineer", "Vermeerder"]]
    removed = next(t for t in tables if "Werkdomein" in t.columns)
    assert removed["Dienst"].tolist() == ["Nood- en rampenplanning"]
    assert at.get("vega_lite_chart"), "the comparison is drawn"

    # The bundled edition is what it always was.
    store = _stored(fresh_store)
    pd.testing.assert_frame_equal(store.services(PLAN_EDITION), load_services(BUNDLED))
    store.close()
    assert hashlib.sha256(BUNDLED.read_bytes()).hexdigest() == before


def test_an_edit_in_the_app_becomes_a_new_edition(fresh_store: Path) -> None:
    at = _page()
    at.toggle(key="edit_mode").set_value(True).run()
    editor = f"editor_{PLAN_EDITION}"
    at.session_state[editor] = {
        "edited_rows": {"0": {"market_current": 1.75, "name": "Ondernemen"}},
        "added_rows": [
            {
                "id": "ruimte-e5",
                "domain": "RUIMTE",
                "cluster": "Lokale economie en werk",
                "code": "e5",
                "name": "Toerisme",
                "market_current": 1,
                "market_potential": 2,
                "need_current": 1,
                "need_future": 2,
            },
        ],
        "deleted_rows": [38],
    }
    at.run()
    at = _save(at, "Bewerkt", form="edit_form")
    assert not at.exception
    store = _stored(fresh_store)
    (_, new) = store.list()
    saved = store.services(new.id)
    store.close()
    assert new.based_on == PLAN_EDITION and new.source == ""
    assert saved.loc[0, ["name", "market_current"]].tolist() == ["Ondernemen", 1.75]
    assert saved.iloc[-1]["id"] == "ruimte-e5" and "bestuur-v2" not in set(saved["id"])
    assert session.active_id(at.session_state) == new.id


def test_a_refused_edit_names_the_row_and_changes_nothing(
    fresh_store: Path, services: pd.DataFrame
) -> None:
    at = _page()
    at.toggle(key="edit_mode").set_value(True).run()
    at.session_state[f"editor_{PLAN_EDITION}"] = {
        "edited_rows": {"2": {"name": ""}, "3": {"id": "ruimte-e1"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at = _save(at, form="edit_form")
    assert not at.exception
    assert any("niet bewaard" in e.value for e in at.error)
    problems = next(d.value for d in at.dataframe if "Probleem" in d.value.columns)
    assert problems[["Regel", "Dienst", "Kolom"]].values.tolist() == [
        [4, "e3", "name"],
        [5, "e4 · Handel en horeca", "id"],
    ]
    assert session.active_id(at.session_state) == PLAN_EDITION
    store = _stored(fresh_store)
    assert len(store.list()) == 1
    store.close()


def test_user_text_is_escaped_in_markdown(fresh_store: Path, services: pd.DataFrame) -> None:
    changed = pd.concat(
        [
            services,
            services.iloc[[0]].assign(id="ruimte-x1", code="x1", name="<b>**vet**</b> :red[x]"),
        ],
        ignore_index=True,
    )
    at = _upload(_page(), "<img src=x>.csv", spreadsheet.services_csv_bytes(changed))
    named = next(m.value for m in at.markdown if m.value.startswith("Nieuw"))
    assert r"\<b\>\*\*vet\*\*\<\/b\> \:red\[x\]" in named


def test_the_pages_run_in_english(fresh_store: Path) -> None:
    for page_file in (DATA_PAGE, COMPARE_PAGE):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["lang"] = "en"
        at.switch_page(page_file)
        at.run()
        assert not at.exception
        assert at.title[0].value in {"Data", "Compare editions"}


def test_compare_asks_for_a_second_edition_first(fresh_store: Path) -> None:
    at = _page(COMPARE_PAGE)
    assert not at.exception
    assert any("nog maar één editie" in i.value for i in at.info)


# --- Issue 18, item 14: an edit outlives leaving the page, summed up beside the save button --

E1_EDIT = "e1 Huidige marktpositie 1 → 1,5"


def _edit_e1(at: AppTest) -> AppTest:
    """Ondernemerschap (e1, the table's first row) from market 1 to 1.5, as the editor sends it."""
    at.toggle(key="edit_mode").set_value(True).run()
    at.session_state[f"editor_{PLAN_EDITION}"] = {
        "edited_rows": {"0": {"market_current": 1.5}},
        "added_rows": [],
        "deleted_rows": [],
    }
    return at.run()


def _summary(at: AppTest) -> str:
    """What stands beside the save button (user text escaped: read back unescaped)."""
    found = [m.value for m in at.markdown if "wijziging" in m.value]
    return found[0].replace("\\", "") if found else ""


def test_an_edit_outlives_leaving_the_page_and_is_summed_up(fresh_store: Path) -> None:
    at = _edit_e1(_page())
    assert not at.exception
    assert E1_EDIT in _summary(at) and "1 wijziging" in _summary(at)

    at.switch_page("app.py").run()
    assert not at.exception
    # Elsewhere, the sidebar says that edits wait, one click from them.
    assert at.session_state[session.UNSAVED] is True

    at.switch_page(DATA_PAGE).run()
    assert not at.exception
    assert at.toggle(key="edit_mode").value is True
    assert any("niet-bewaarde wijzigingen" in w.value for w in at.warning)
    assert E1_EDIT in _summary(at)

    # The kept edit is what is saved.
    at = _save(at, "Na terugkeer", form="edit_form")
    assert not at.exception
    store = _stored(fresh_store)
    (_, new) = store.list()
    saved = store.services(new.id)
    store.close()
    assert saved.loc[0, "market_current"] == 1.5
    assert at.session_state[session.UNSAVED] is False


def test_discarding_the_kept_edits_asks_and_shows_the_edition_again(fresh_store: Path) -> None:
    at = _edit_e1(_page())
    at.switch_page("app.py").run()
    at.switch_page(DATA_PAGE).run()
    assert E1_EDIT in _summary(at)
    at.button(key=f"editor_discard_{PLAN_EDITION}").click().run()
    assert not at.exception
    assert _summary(at) == "" and at.session_state[session.UNSAVED] is False
    assert not any("niet-bewaarde wijzigingen" in w.value for w in at.warning)


def test_the_summary_names_new_removed_and_changed_services(services: pd.DataFrame) -> None:
    from igemo_data.ui import data_tables

    original = data_tables.for_editor(services)
    edited = original.drop(index=38).assign(
        name=lambda table: table["name"].where(table.index != 1, "Ondernemen")
    )
    edited.loc[39] = {**original.loc[0].to_dict(), "code": "e5", "name": "Toerisme"}
    changes = data_tables.pending_changes(original, edited, "nl")
    assert changes == [
        f"e2 Dienst {services.loc[1, 'name']} → Ondernemen",
        "nieuw: e5 Toerisme",
        f"verwijderd: {services.loc[38, 'code']} {services.loc[38, 'name']}",
    ]
    summary = data_tables.pending_summary(changes * 3, "en")
    assert summary.startswith("9 changes: ") and summary.endswith("… and 3 more")
