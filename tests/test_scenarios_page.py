"""The Scenario's page under AppTest: save, list, open, rename, duplicate, delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_support import chart_points, set_setting, shown_setting
from streamlit.testing.v1 import AppTest

from igemo_data.settings import Settings
from igemo_data.store import editions
from igemo_data.store.scenarios import ScenarioStore
from igemo_data.texts import escape_markdown, t

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/5_Scenarios.py"


@pytest.fixture
def fresh_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.duckdb"
    monkeypatch.setenv("STRATEGIEKAART_DB", str(path))
    return path


def _scenario_page(**query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query)
    at.switch_page(PAGE)
    return at.run()


def _submit(at: AppTest, name: str, author: str = "", note: str = "") -> AppTest:
    at.text_input(key="save_name").input(name)
    at.text_input(key="save_author").input(author)
    at.text_area(key="save_note").input(note)
    submit = next(b for b in at.button if b.proto.is_form_submitter)
    return submit.click().run()


def _stored(path: Path) -> ScenarioStore:
    from igemo_data.ui import session

    session.close_scenario_store()  # the page's cached store holds the file open
    return ScenarioStore(path)


def test_save_the_screen_as_a_scenario(fresh_store: Path) -> None:
    at = _scenario_page(horizon="50", market_cut="1.3", whatif="ruimte-o6:m1.8")
    assert not at.exception
    _submit(at, "Workshop mei", "An", "eerste ronde")
    assert not at.exception
    assert any("Bewaard" in s.value for s in at.success)
    store = _stored(fresh_store)
    (saved,) = store.list()
    store.close()
    assert saved.name == "Workshop mei" and saved.author == "An"
    assert saved.settings.horizon == pytest.approx(0.5)
    assert saved.settings.market_cut == pytest.approx(1.3)
    assert saved.settings.overrides == {"ruimte-o6": {"market": 1.8}}


def test_same_name_asks_before_overwriting(fresh_store: Path) -> None:
    at = _scenario_page(horizon="50")
    _submit(at, "Raad")
    set_setting(at, "horizon", 100)
    _submit(at, "raad")
    assert any("Overschrijven" in w.value for w in at.warning)
    store = _stored(fresh_store)
    assert store.list()[0].settings.horizon == pytest.approx(0.5)  # nothing replaced yet
    store.close()
    at.button(key="overwrite").click().run()
    assert not at.exception
    store = _stored(fresh_store)
    (only,) = store.list()
    store.close()
    assert only.settings.horizon == pytest.approx(1.0)


def test_open_restores_settings_on_every_page(fresh_store: Path) -> None:
    store = ScenarioStore(fresh_store)
    saved = store.save(
        "Toekomst",
        Settings(horizon=1.0, need_cut=1.8, overrides={"mens-s4": {"market": 2.0}}),
    )
    store.close()
    at = _scenario_page()
    at.selectbox(key="chosen_scenario").set_value(saved.id).run()
    at.button(key="open_scenario").click().run()
    assert not at.exception
    assert shown_setting(at, "horizon") == 100
    assert shown_setting(at, "need_cut") == pytest.approx(1.8)
    assert at.session_state["overrides"] == {"mens-s4": {"market": 2.0}}
    at.switch_page("pages/2_Mens.py").run()
    assert shown_setting(at, "horizon") == 100
    assert at.session_state["overrides"] == {"mens-s4": {"market": 2.0}}


def test_scenario_link_opens_it_in_a_fresh_session(fresh_store: Path) -> None:
    store = ScenarioStore(fresh_store)
    saved = store.save("Link", Settings(horizon=0.25, market_cut=1.2, domains=("MENS",)))
    store.close()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["scenario"] = saved.id
    at.run()
    assert not at.exception
    assert shown_setting(at, "horizon") == 25
    assert shown_setting(at, "market_cut") == pytest.approx(1.2)
    assert at.pills(key="domains").value == ["MENS"]
    assert any("Link" in m.value for m in at.sidebar.markdown)


def test_unknown_scenario_link_warns(fresh_store: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["scenario"] = "0123456789ab"
    at.run()
    assert not at.exception
    assert any("bestaat niet" in w.value for w in at.warning)
    assert shown_setting(at, "horizon") == 0


def test_rename_duplicate_and_delete_with_confirmation(fresh_store: Path) -> None:
    store = ScenarioStore(fresh_store)
    saved = store.save("Eerste", Settings(horizon=0.5))
    store.close()
    at = _scenario_page()
    at.text_input(key=f"rename_{saved.id}").input("Eerste ronde").run()
    at.button(key="rename").click().run()
    at.button(key="duplicate").click().run()
    assert not at.exception
    store = _stored(fresh_store)
    assert {s.name for s in store.list()} == {"Eerste ronde", "Eerste ronde (kopie)"}
    store.close()
    at.selectbox(key="chosen_scenario").set_value(saved.id).run()
    at.button(key="delete").click().run()
    assert any("verwijderen" in w.value for w in at.warning)
    store = _stored(fresh_store)
    assert len(store.list()) == 2  # not yet: it asks first
    store.close()
    at.button(key="delete_yes").click().run()
    assert not at.exception
    store = _stored(fresh_store)
    assert {s.name for s in store.list()} == {"Eerste ronde (kopie)"}
    store.close()


def test_names_are_shown_as_text(fresh_store: Path) -> None:
    store = ScenarioStore(fresh_store)
    store.save("**vet** <img src=x onerror=alert(1)>", Settings())
    store.close()
    at = _scenario_page()
    assert not at.exception
    table = at.dataframe[0].value
    assert table.iloc[0, 0] == "**vet** <img src=x onerror=alert(1)>"


def _expected_quadrant(row, horizon: float, market_cut: float = 1.5, need_cut: float = 1.5):
    from igemo_data.schema import quadrant_for

    market = (1 - horizon) * row.market_current + horizon * row.market_potential
    need = (1 - horizon) * row.need_current + horizon * row.need_future
    return quadrant_for(market >= market_cut, need >= need_cut)


def test_compare_a_scenario_with_the_plan(fresh_store: Path, services) -> None:
    store = ScenarioStore(fresh_store)
    future = store.save("Toekomst", Settings(horizon=1.0))
    store.close()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/9_Scenarios_vergelijken.py").run()
    assert not at.exception
    at.selectbox(key="compare_a").set_value("plan").run()
    at.selectbox(key="compare_b").set_value(future.id).run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 2
    moves = at.dataframe[0].value
    expected = {
        row.code
        for row in services.itertuples()
        if _expected_quadrant(row, 0.0) != _expected_quadrant(row, 1.0)
    }
    assert set(moves["Code"]) == expected
    e1 = moves[moves["Code"] == "e1"].iloc[0]
    assert (e1["Van"], e1["Naar"], e1["Marktpositie"]) == ("Elimineer", "Vermeerder", "1 → 2")
    assert at.get("download_button"), "the comparison can be downloaded for the board"


def test_presentation_mode_steps_through_the_domains(fresh_store: Path, services) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    assert "Alle werkdomeinen" in at.title[0].value
    assert len(chart_points(at)) == len(services)
    at.button(key="present_next").click().run()
    assert "Ruimte" in at.title[0].value
    assert set(chart_points(at)["code"]) == set(services[services.domain == "RUIMTE"].code)
    at.button(key="present_previous").click().run()
    at.button(key="present_previous").click().run()
    assert "Bestuur" in at.title[0].value
    at.button(key="present_exit").click().run()
    assert at.title[0].value == "Strategiekaart"


def _with_password(page_file: str = PAGE) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["facilitator_password"] = "workshop-2026"
    if page_file != "app.py":
        at.switch_page(page_file)
    return at.run()


def test_open_mode_lets_everyone_save(fresh_store: Path) -> None:
    at = _scenario_page()
    assert not at.text_input(key="save_name").disabled
    assert not any("facilitator" in e.label.lower() for e in at.sidebar.expander)


def test_with_a_password_a_viewer_cannot_save_or_delete(fresh_store: Path) -> None:
    store = ScenarioStore(fresh_store)
    store.save("Van de facilitator", Settings(horizon=0.5))
    store.close()
    at = _with_password()
    assert not at.exception
    assert any("facilitator" in i.value for i in at.info)
    keys = {w.key for w in at.text_input} | {b.key for b in at.button}
    assert "save_name" not in keys
    assert not {"delete", "rename", "duplicate", "delete_yes"} & keys
    # Viewing still works: the scenario can be opened, also from its link.
    at.button(key="open_scenario").click().run()
    assert shown_setting(at, "horizon") == 50
    store = _stored(fresh_store)
    assert [s.name for s in store.list()] == ["Van de facilitator"]
    store.close()


def test_a_viewer_cannot_change_through_a_link(fresh_store: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["facilitator_password"] = "workshop-2026"
    at.query_params.update({"horizon": "50", "whatif": "ruimte-o6:m2"})
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "save_name" not in {w.key for w in at.text_input}
    store = _stored(fresh_store)
    assert store.list() == []
    store.close()


def test_the_password_unlocks_and_is_not_kept(fresh_store: Path) -> None:
    at = _with_password()
    at.text_input(key="facilitator_password_input").input("fout").run()
    at.button(key="sign_in").click().run()
    assert any("klopt niet" in e.value for e in at.error)
    assert "fout" not in repr(at.session_state)
    at.text_input(key="facilitator_password_input").input("workshop-2026").run()
    at.button(key="sign_in").click().run()
    assert not at.exception
    assert "workshop-2026" not in repr(at.session_state)
    _submit(at, "Nu wel")
    store = _stored(fresh_store)
    assert [s.name for s in store.list()] == ["Nu wel"]
    store.close()
    at.button(key="sign_out").click().run()
    assert "save_name" not in {w.key for w in at.text_input}


def test_signed_in_facilitators_may_change(fresh_store: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    at.secrets["facilitator_password"] = "ongebruikt"
    at.switch_page(PAGE).run()
    assert "save_name" not in {w.key for w in at.text_input}
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    # Issue 13: a signed-in account is a facilitator only when its address is on the list.
    at.secrets["facilitators"] = ["directeur@igemo.be"]
    at.user = {"is_logged_in": True, "email": "directeur@igemo.be"}
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "save_name" in {w.key for w in at.text_input}


def test_the_sidebar_edition_drives_every_page_and_scenarios_record_it(
    fresh_store: Path, services
) -> None:

    rescored = services.copy()
    # Handel en horeca rescored strong on both axes in a new edition.
    rescored.loc[rescored["id"] == "ruimte-e4", ["market_current", "need_current"]] = 2.0
    store = editions.default_store()
    edition = store.save("Herziening 2026", rescored, author="Directie")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert chart_points(at).loc["ruimte-e4", "quadrant"] == "elimineer"
    at.selectbox(key="edition").set_value(edition.id).run()
    assert not at.exception
    assert chart_points(at).loc["ruimte-e4", "quadrant"] == "vermeerder"
    at.switch_page("pages/1_Ruimte.py").run()
    assert chart_points(at).loc["ruimte-e4", "quadrant"] == "vermeerder"
    at.switch_page(PAGE).run()
    _submit(at, "Op de herziening")
    saved = _stored(fresh_store).by_name("Op de herziening")
    assert saved.settings.edition == edition.id
    # Back to the plan, then open the scenario: it opens on its own edition.
    at.selectbox(key="edition").set_value("plan-2019-2024").run()
    at.selectbox(key="chosen_scenario").set_value(saved.id).run()
    at.button(key="open_scenario").click().run()
    assert at.selectbox(key="edition").value == edition.id
    assert chart_points(at).loc["ruimte-e4", "quadrant"] == "vermeerder"


def test_an_english_page_refuses_an_empty_name_in_english(fresh_store: Path) -> None:
    at = _scenario_page(lang="en")
    _submit(at, "   ")
    assert not at.exception
    assert [e.value for e in at.error] == [escape_markdown("Give the scenario a name.")]


def test_a_dutch_page_refuses_an_empty_name_as_before(fresh_store: Path) -> None:
    at = _scenario_page()
    _submit(at, "")
    assert [e.value for e in at.error] == [escape_markdown("Geef het scenario een naam.")]


# --- Issue 13, item 4: no lost update ---------------------------------------------------------


def test_a_scenario_changed_meanwhile_asks_before_overwriting(fresh_store: Path) -> None:
    first = _scenario_page(horizon="50")
    _submit(first, "Raad", "An")
    store = _stored(fresh_store)
    (saved,) = store.list()
    store.close()
    second = _scenario_page(scenario=saved.id)  # the other facilitator opens it by its link
    set_setting(first, "horizon", 100)
    set_setting(second, "horizon", 20)
    first.button(key="save_changes").click().run()
    first.button(key="save_changes_yes").click().run()  # issue 18, item 13: it asks first
    assert any("Bewaard" in s.value for s in first.success)
    second.button(key="save_changes").click().run()
    second.button(key="save_changes_yes").click().run()
    assert not second.exception
    assert not any("Bewaard" in s.value for s in second.success)
    assert any(
        "Intussen gewijzigd door An" in w.value and "overschrijven of als nieuw bewaren" in w.value
        for w in second.warning
    ), [w.value for w in second.warning]
    store = _stored(fresh_store)
    assert store.get(saved.id).settings.horizon == pytest.approx(1.0)  # the first's is kept
    store.close()
    second.button(key="overwrite_as_new").click().run()
    assert not second.exception
    store = _stored(fresh_store)
    kept = {s.name: s.settings.horizon for s in store.list()}
    store.close()
    assert kept == {"Raad": pytest.approx(1.0), "Raad (kopie)": pytest.approx(0.2)}


def test_a_scenario_changed_meanwhile_can_be_overwritten_knowingly(fresh_store: Path) -> None:
    first = _scenario_page(horizon="50")
    _submit(first, "Raad", "An")
    second = _scenario_page()
    second.selectbox(key="chosen_scenario").select_index(0).run()
    second.button(key="open_scenario").click().run()
    second = second.switch_page(PAGE).run()
    set_setting(first, "horizon", 100)
    first.button(key="save_changes").click().run()
    first.button(key="save_changes_yes").click().run()  # issue 18, item 13: it asks first
    set_setting(second, "horizon", 20)
    second.button(key="save_changes").click().run()
    second.button(key="save_changes_yes").click().run()
    assert any("Intussen gewijzigd" in w.value for w in second.warning)
    second.button(key="overwrite_changed").click().run()
    assert not second.exception
    assert any("Bewaard" in s.value for s in second.success)
    store = _stored(fresh_store)
    (only,) = store.list()
    store.close()
    assert only.settings.horizon == pytest.approx(0.2) and only.version == 3


# --- Issue 18, items 13 and 15 ----------------------------------------------------------------


def test_save_changes_asks_before_overwriting_and_quotes_the_note(fresh_store: Path) -> None:
    at = _scenario_page(horizon="50")
    _submit(at, "Raad", "An", "Horizon 50 %, *zoals besproken*")
    set_setting(at, "horizon", 100)
    at.button(key="save_changes").click().run()
    assert not at.exception
    store = _stored(fresh_store)
    assert store.by_name("Raad").settings.horizon == pytest.approx(0.5), "one click stores nothing"
    store.close()
    # The name and the note (which stays, and may no longer fit) are quoted, as text.
    asked = t("save_changes_confirm", name="Raad")
    note = t("save_changes_confirm_note", note="Horizon 50 %, *zoals besproken*")
    assert [w.value for w in at.warning] == [escape_markdown(f"{asked} {note}")]
    at.button(key="save_changes_cancel").click().run()
    assert not at.warning
    store = _stored(fresh_store)
    assert store.by_name("Raad").settings.horizon == pytest.approx(0.5)
    store.close()
    at.button(key="save_changes").click().run()
    at.button(key="save_changes_yes").click().run()
    assert any("Bewaard" in s.value for s in at.success)
    store = _stored(fresh_store)
    assert store.by_name("Raad").settings.horizon == pytest.approx(1.0)
    store.close()


def test_the_scenario_link_is_the_whole_address() -> None:
    from igemo_data.ui.actions import scenario_address

    assert scenario_address("http://127.0.0.1:8501/Scenarios", "663d7dd82043") == (
        "http://127.0.0.1:8501/?scenario=663d7dd82043"
    )
    # Served under a path of its own (server.baseUrlPath), behind a proxy.
    assert scenario_address("https://igemo.be/kaart/Scenarios", "663d7dd82043") == (
        "https://igemo.be/kaart/?scenario=663d7dd82043"
    )
    assert scenario_address(None, "663d7dd82043") == "?scenario=663d7dd82043"  # no browser


def test_opening_a_scenario_keeps_the_viewers_way_of_looking(fresh_store: Path) -> None:
    """Arrows and "only what moves" are the viewer's, like the language: a scenario keeps them."""
    store = ScenarioStore(fresh_store)
    saved = store.save("Kijk", Settings(horizon=0.5))
    store.close()
    at = _scenario_page(arrows="1", only_moves="1", lang="en")
    at.selectbox(key="chosen_scenario").set_value(saved.id).run()
    at.button(key="open_scenario").click().run()
    assert not at.exception
    assert shown_setting(at, "horizon") == 50
    kept = {key: at.session_state[f"_kept_{key}"] for key in ("arrows", "only_moves", "lang")}
    assert kept == {"arrows": True, "only_moves": True, "lang": "en"}
