"""The scoring round's views under AppTest: the facilitator's page and the participant's phone."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from apptest_support import chart_points, live_control
from streamlit.testing.v1 import AppTest

from igemo_data.edition import PLAN_EDITION
from igemo_data.store import rounds
from igemo_data.texts import t
from igemo_data.ui.round_participant import score_key

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/11_Scoreronde.py"
IDS = ("ruimte-e1", "ruimte-e2", "ruimte-e3")
FULL = {"market_current": 1.5, "market_potential": 1.5, "need_current": 1.5, "need_future": 1.5}


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> rounds.RoundStore:
    monkeypatch.setenv("STRATEGIEKAART_DB", str(tmp_path / "store.duckdb"))
    return rounds.default_store()


def _page(**secrets: object) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in secrets.items():
        at.secrets[key] = value
    at.switch_page(PAGE)
    return at.run()


def _phone(code: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"ronde": code, **query})
    return at.run()


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_the_facilitator_opens_a_round_and_sees_the_way_in(store: rounds.RoundStore) -> None:
    at = _page()
    assert not at.exception
    assert at.title[0].value == "Scoreronde"
    at.text_input(key="round_title").input("Najaar 2026")
    at.radio(key="round_scope").set_value("MENS")
    at.toggle(key="round_names").set_value(True)
    _button(at, "Ronde openen").click().run()
    assert not at.exception
    [found] = store.list()
    assert found.title == "Najaar 2026" and found.show_names and found.edition == PLAN_EDITION
    assert found.services and all(sid.startswith("mens-") for sid in found.services)
    shown = " ".join(m.value for m in at.markdown)
    assert f"/?ronde={found.code}" in shown and found.code in shown
    assert at.get("image"), "the QR code is shown"
    assert [m.label for m in at.metric] == ["Deelnemers", "Gescoorde diensten", "Scores"]
    assert at.metric[0].value == "0"
    assert live_control(at)["labels"]["horizon"] == "Tijdshorizon"


def test_a_round_without_a_title_is_refused_in_dutch(store: rounds.RoundStore) -> None:
    at = _page()
    _button(at, "Ronde openen").click().run()
    assert store.list() == []
    assert any("Geef de ronde een titel" in e.value for e in at.error)


def test_the_participant_answers_on_the_phone(store: rounds.RoundStore) -> None:
    found = store.open_round("Bestuur", PLAN_EDITION, IDS)
    at = _phone(found.code.lower())  # a code typed in lower case works too
    assert not at.exception
    assert at.sidebar.children == {}, "no sidebar on the phone"
    assert at.title[0].value == "Bestuur"
    assert at.get("progress")[0].proto.text == "0 van 3 gescoord"
    slider = at.select_slider(key=score_key("ruimte-e1", "market_current"))
    assert slider.value is None and slider.options[0] == "weet niet" and slider.options[-1] == "2,0"
    slider.set_value(1.7).run()
    assert not at.exception
    token_answers = store.answers(found.code)
    assert len(token_answers) == 1 and token_answers.iloc[0].market_current == 1.7
    assert at.get("progress")[0].proto.text == "1 van 3 gescoord"
    at.button(key="round_next").click().run()
    assert at.session_state["round_card"] == "ruimte-e2"
    assert at.selectbox(key="round_go_ruimte-e2").value == "ruimte-e2"
    at.text_input(key="round_participant_name").input("Ann").run()
    assert store.answers(found.code).iloc[0]["name"] == "Ann"
    # Back on the first card the stored answer is there again.
    at.button(key="round_previous").click().run()
    assert at.select_slider(key=score_key("ruimte-e1", "market_current")).value == 1.7


def test_the_phone_speaks_english(store: rounds.RoundStore) -> None:
    found = store.open_round("Board", PLAN_EDITION, IDS)
    at = _phone(found.code, lang="en")
    assert at.get("progress")[0].proto.text == "0 of 3 scored"
    assert at.select_slider(key=score_key("ruimte-e1", "need_future")).options[0] == "don't know"


@pytest.mark.parametrize("closed", [False, True])
def test_a_wrong_or_closed_code_is_refused(store: rounds.RoundStore, closed: bool) -> None:
    found = store.open_round("Bestuur", PLAN_EDITION, IDS)
    code = found.code if closed else "ZZZZZZZZ"
    if closed:
        store.close_round(found.code)
    at = _phone(code)
    assert not at.exception
    words = "gesloten" if closed else "geen scoreronde"
    assert any(words in e.value for e in at.error)
    assert not at.get("select_slider")


def test_the_phone_sees_nobody_elses_answers(store: rounds.RoundStore) -> None:
    found = store.open_round("Bestuur", PLAN_EDITION, IDS, show_names=True)
    store.join(found.code, "someone-else", "Geheime Gert")
    store.answer(found.code, "someone-else", "ruimte-e1", {**FULL, "market_current": 1.9})
    store.reveal(found.code)
    at = _phone(found.code)
    shown = [
        e.value for kind in ("title", "markdown", "caption", "subheader") for e in at.get(kind)
    ]
    assert shown and not any("Geheime Gert" in str(text) for text in shown)
    assert at.text_input(key="round_participant_name").value == ""
    assert not at.get("vega_lite_chart")
    assert at.get("progress")[0].proto.text == "0 van 3 gescoord"
    assert at.select_slider(key=score_key("ruimte-e1", "market_current")).value is None


def _answered_round(store: rounds.RoundStore) -> rounds.Round:
    found = store.open_round("Bestuur", PLAN_EDITION, IDS)
    # ruimte-e1: two raters in two quadrants; ruimte-e2: two in one.
    store.answer(found.code, "a", "ruimte-e1", {**FULL, "market_current": 1.2})
    store.answer(found.code, "b", "ruimte-e1", {**FULL, "market_current": 1.8})
    store.answer(found.code, "a", "ruimte-e2", FULL)
    store.answer(found.code, "b", "ruimte-e2", FULL)
    return found


def test_reveal_shows_the_chart_and_where_the_board_disagrees(store: rounds.RoundStore) -> None:
    found = _answered_round(store)
    at = _page()
    assert not [c for c in at.get("vega_lite_chart")], "nothing is shown before the reveal"
    _button(at, "Onthullen").click().run()
    assert not at.exception and store.get(found.code).revealed
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2  # the room's matrix and the chosen service's answers
    points = chart_points(at, 0)
    assert sorted(points.index) == sorted(IDS)
    # e1: raters at market 1,2 and 1,8, need 1,5: Creëer and Vermeerder; the group's median 1,5
    # stands in Vermeerder. e2: both in Vermeerder. e3: nobody, the plan's own place.
    assert points.loc["ruimte-e1", "description"].endswith(": Vermeerder · verdeeld")
    assert points.loc["ruimte-e2", "description"].endswith(": Vermeerder")
    assert points.loc["ruimte-e1", "shares"] == "1 van 2 zien Vermeerder, 1 Creëer"
    pick = at.radio(key="round_pick")
    # ruimte-e1 is divided (1 of 2 in Creëer, 1 in Vermeerder): first; ruimte-e3 has no answers.
    assert pick.options[0].startswith("e1") and len(pick.options) == 2
    assert "1 van 2 zien" in pick.proto.captions[0] and "2 van 2 zien" in pick.proto.captions[1]
    pick.set_value("ruimte-e2").run()
    assert not at.exception
    assert live_control(at)["labels"]["horizon"] == "Tijdshorizon"


def test_only_facilitators_open_reveal_or_delete(store: rounds.RoundStore) -> None:
    _answered_round(store)
    at = _page(facilitator_password="workshop-2026")
    assert not at.exception
    labels = {b.label for b in at.button}
    assert not {"Ronde openen", "Onthullen", "Ronde sluiten", t("delete")} & labels
    assert "round_title" not in {w.key for w in at.text_input}
    assert any("facilitator" in i.value for i in at.info)


def test_settle_makes_the_active_edition(store: rounds.RoundStore) -> None:
    found = _answered_round(store)
    store.reveal(found.code)
    at = _page()
    _button(at, "Vastleggen als nieuwe editie").click().run()
    assert not at.exception
    assert any("scores van de groep" in s.value for s in at.success)
    assert store.get(found.code).settled
    assert at.selectbox(key="edition").value == store.get(found.code).settled


def test_a_second_round_shows_the_group_median_and_the_own_earlier_answer(
    store: rounds.RoundStore,
) -> None:
    first = store.open_round("Bestuur", PLAN_EDITION, IDS)
    mine = "t" * 40
    store.answer(first.code, mine, "ruimte-e1", {**FULL, "market_current": 1.2})
    store.answer(first.code, "other", "ruimte-e1", {**FULL, "market_current": 1.8})
    store.reveal(first.code)
    at = _page()
    _button(at, "Tweede ronde starten").click().run()
    assert not at.exception
    second = store.list()[0]
    assert second.previous == first.code and store.get(first.code).closed
    assert second.services == first.services
    phone = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    phone.session_state["_round_token"] = mine
    phone.query_params["ronde"] = second.code
    phone.run()
    captions = [c.value for c in phone.caption]
    # The first round's median of 1,2 and 1,8 is 1,5; this phone gave 1,2.
    assert "Eerste ronde: groep 1,5 · jij 1,2" in captions
    assert "Eerste ronde: groep 1,5 · jij 1,5" in captions  # the other scores: both 1,5
    # Revealed, the second round shows the spread before and after per service.
    store.answer(second.code, mine, "ruimte-e1", FULL)
    store.answer(second.code, "other", "ruimte-e1", FULL)
    store.reveal(second.code)
    at = _page()
    (frame,) = at.dataframe
    table = frame.value.set_index("Code")
    assert table.loc["e1", "Oneens, eerste ronde"] == "50 %"
    assert table.loc["e1", "Oneens, deze ronde"] == "0 %"


def test_the_answers_download_neutralises_formulas(services) -> None:
    from igemo_data import spreadsheet
    from igemo_data.ui.round_reveal import answers_table

    given = pd.DataFrame(
        {
            "participant": [1],
            "name": ['=HYPERLINK("http://x")'],
            "service_id": ["ruimte-e1"],
            **{c: [1.5] for c in FULL},
        }
    )
    table = answers_table(given, services, show_names=True, lang="nl")
    assert list(table.columns[:4]) == ["Deelnemer", "Naam", "Code", "Dienst"]
    text = spreadsheet.csv_bytes(table, lang="nl").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "1,5" in text


def test_the_minutes_list_where_the_board_disagreed_in_the_round_held_on_the_edition(
    store: rounds.RoundStore,
) -> None:
    # Issue 16 with issue 14: "where a round was held — the disagreement list".
    from igemo_data import load_services
    from igemo_data.settings import Settings
    from igemo_data.ui.frame import Workshop
    from igemo_data.ui.minutes import round_disagreement

    ws = Workshop(load_services(ROOT / "data" / "services.csv"), "nl", Settings())
    found = _answered_round(store)
    assert round_disagreement(ws) is None, "a round nobody revealed was not discussed"
    store.reveal(found.code)
    listed = round_disagreement(ws)
    # ruimte-e1: 1 of 2 raters in each of two quadrants; ruimte-e2: both in one.
    assert listed["id"].tolist() == ["ruimte-e1", "ruimte-e2"]
    assert listed["disagreement"].tolist() == [0.5, 0.0]
    other = Workshop(ws.services, "nl", Settings(edition="een-andere-editie"))
    assert round_disagreement(other) is None


def test_held_for_prefers_the_round_an_edition_was_settled_from() -> None:
    from datetime import UTC, datetime

    def made(code: str, *, revealed: bool, edition: str = PLAN_EDITION, settled: str = ""):
        when = datetime(2026, 11, 30, tzinfo=UTC)
        return rounds.Round(
            code, code, edition, ("ruimte-e1",), False, revealed, False, when, "", settled
        )

    newest_first = [
        made("C", revealed=True),
        made("B", revealed=False),
        made("A", revealed=True, settled="nieuw"),
    ]
    assert rounds.held_for(newest_first, PLAN_EDITION).code == "C"
    assert rounds.held_for(newest_first, "nieuw").code == "A"
    assert rounds.held_for(newest_first[1:2], PLAN_EDITION) is None
