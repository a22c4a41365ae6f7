"""Recording a decision under AppTest, from each of its three places, and who may not.

Plan versus matrix, the 8.3 page and the what-if panel share one form; each records into the
log, the history shows it beside the plan's own decision, the chart's toggle rings it and the
8.3 page files it under "Volgens de beslissingen". A viewer sees no form anywhere.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from igemo_data.store.decisions import DecisionStore
from igemo_data.texts import escape_markdown
from igemo_data.ui import session

ROOT = Path(__file__).resolve().parent.parent
PLAN_PAGE = "pages/4_Plan_versus_matrix.py"
SMAP_PAGE = "pages/10_Strategiekaart_8_3.py"


@pytest.fixture
def fresh_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.duckdb"
    monkeypatch.setenv("STRATEGIEKAART_DB", str(path))
    session.close_scenario_store()
    yield path
    session.close_scenario_store()


def _app(page: str | None = None, *, password: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if password:
        at.secrets["facilitator_password"] = "workshop-2026"
    if page:
        at.switch_page(page)
    return at.run()


def _record(at: AppTest, place: str, decision: str, rationale: str, owner: str, due=None):
    at.radio(key=f"decision_choice_{place}").set_value(decision)
    at.text_area(key=f"decision_rationale_{place}").input(rationale)
    at.text_input(key=f"decision_owner_{place}").input(owner)
    if due is not None:
        at.date_input(key=f"decision_due_{place}").set_value(due)
    return at.button(key=f"decision_submit_{place}").click().run()


def _log(path: Path) -> list:
    session.close_scenario_store()  # the page's shared store holds the file open
    store = DecisionStore(path)
    entries = store.all()
    store.close()
    return entries


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_record_from_plan_versus_matrix_and_read_the_history(fresh_store: Path) -> None:
    at = _app(PLAN_PAGE)
    assert not at.exception
    choices = at.selectbox(key="decision_service_plan").options
    assert len(choices) == 39
    at.selectbox(key="decision_service_plan").set_value("ruimte-o6").run()
    assert "Het plan besliste:** Investeren" in _markdown(at)
    assert any("Nog geen beslissing" in c.value for c in at.caption)
    _record(at, "plan", "phase_out", "Te duur **nu**", "An", date(2027, 3, 31))
    assert not at.exception
    said = escape_markdown("Vastgelegd: o6 Mobiliteit: Afbouwen.")
    assert [s.value for s in at.success] == [said]
    _record(at, "plan", "niche", "Toch een niche <b>", "Bo")
    (first, second) = _log(fresh_store)
    assert (first.decision, first.owner, first.due) == ("phase_out", "An", date(2027, 3, 31))
    assert (second.decision, second.rationale) == ("niche", "Toch een niche <b>")
    assert first.context.quadrant == "creeer" and second.context.edition == "plan-2019-2024"
    # The history, newest first, text shown as typed (escaped markdown), beside the plan's.
    shown = _markdown(at)
    assert shown.index("**Niche**") < shown.index("**Afbouwen**")
    assert r"Te duur \*\*nu\*\*" in shown and r"Toch een niche \<b\>" in shown
    assert "geldt" in shown and "vervangen" in shown


def test_record_from_the_8_3_page_and_see_it_under_the_decisions(fresh_store: Path) -> None:
    at = _app(SMAP_PAGE)
    assert not at.exception
    at.selectbox(key="decision_service_smap").set_value("ruimte-o6").run()
    _record(at, "smap", "phase_out", "Afbouwen volgens de workshop", "Cas")
    assert not at.exception
    (entry,) = _log(fresh_store)
    assert entry.service_id == "ruimte-o6" and entry.decision == "phase_out"
    at.segmented_control(key="smap_view").set_value("decisions").run()
    assert not at.exception
    texts = [rows for rows in _datasets(at).values() if {"kind", "text"} <= set(rows.columns)]
    sides = pd.concat(texts).query("kind == 'side'")["text"].tolist()
    assert sides == ["Volgens de beslissingen", "Volgens de matrix bij tijdshorizon 0 %"]
    lines = _name_lines(at)
    mobility = lines[(lines["text"] == "Mobiliteit") & (lines["side"] == "plan")]
    assert mobility["description"].str.contains("Elimineren").all() and len(mobility) == 1
    table = at.dataframe[0].value
    assert "Volgens de beslissingen" in table.columns


def test_record_from_the_what_if_panel_and_see_the_ring(fresh_store: Path) -> None:
    at = _app()
    at.toggle(key="decisions").set_value(True).run()
    assert _dataset_rows(at, "decided_rings_disagrees").empty
    at.selectbox(key="what_if_service").set_value("ruimte-o6").run()
    _record(at, "what_if", "phase_out", "", "")
    assert not at.exception
    (entry,) = _log(fresh_store)
    assert entry.context.quadrant == "creeer"
    rings = _dataset_rows(at, "decided_rings_disagrees")
    assert rings["id"].tolist() == ["ruimte-o6"]
    assert "beslist Afbouwen, tegen het kwadrant" in rings["label"].iloc[0]
    assert _dataset_rows(at, "decided_rings_agrees").empty
    at.toggle(key="decisions").set_value(False).run()
    assert _dataset_rows(at, "decided_rings_disagrees") is None  # no rings without the toggle


def test_the_toggle_travels_in_the_link(fresh_store: Path) -> None:
    # A copied link reproduces the screen (issue 17, item 4), "Toon beslissingen" included.
    at = _app()
    at.toggle(key="decisions").set_value(True).run()
    assert at.query_params.get("decisions") in ("1", ["1"])
    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    fresh.query_params["decisions"] = "1"
    fresh.run()
    assert not fresh.exception
    assert fresh.toggle(key="decisions").value
    assert _dataset_rows(fresh, "decided_rings_disagrees") is not None


def test_presenting_with_the_toggle_rings_the_decided(fresh_store: Path) -> None:
    at = _app()
    at.selectbox(key="what_if_service").set_value("ruimte-o6").run()
    _record(at, "what_if", "phase_out", "", "")
    assert not at.exception
    present = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    present.query_params.update({"present": "1", "decisions": "1"})
    present.run()
    assert not present.exception
    rings = _dataset_rows(present, "decided_rings_disagrees")
    assert rings is not None and rings["id"].tolist() == ["ruimte-o6"]


def test_a_viewer_sees_the_history_but_cannot_record_anywhere(fresh_store: Path) -> None:
    store = DecisionStore(fresh_store)
    from igemo_data.decisions import Context
    from igemo_data.settings import Settings

    store.record(
        service_id="ruimte-o6", code="o6", name="Mobiliteit", decision="invest",
        rationale="Van de facilitator", owner="An", due=None,
        context=Context("plan-2019-2024", "Plan", Settings(), "creeer"),
    )  # fmt: skip
    store.close()
    for page, place in ((PLAN_PAGE, "plan"), (SMAP_PAGE, "smap")):
        at = _app(page, password=True)
        at.selectbox(key=f"decision_service_{place}").set_value("ruimte-o6").run()
        assert not at.exception
        keys = {w.key for w in (*at.selectbox, *at.radio, *at.text_area, *at.button)}
        assert not {k for k in keys if k and k.startswith("decision_") and place in k} - {
            f"decision_service_{place}"
        }
        assert "Van de facilitator" in _markdown(at)
        assert any("Alleen een facilitator" in i.value for i in at.info)
    at = _app(password=True)
    at.selectbox(key="what_if_service").set_value("ruimte-o6").run()
    assert "decision_submit_what_if" not in {b.key for b in at.button}
    assert len(_log(fresh_store)) == 1


def _datasets(at: AppTest) -> dict[str, pd.DataFrame]:
    """Every dataset of the page's first chart, by name (Arrow or inline JSON)."""
    chart = at.get("vega_lite_chart")[0]
    found = {d.name: convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets}
    spec = json.loads(chart.proto.spec)
    found.update({name: pd.DataFrame(rows) for name, rows in spec.get("datasets", {}).items()})
    return found


def _dataset_rows(at: AppTest, prefix: str) -> pd.DataFrame | None:
    """The rows of the chart's dataset whose name starts with `prefix` (None: no such)."""
    return next((rows for name, rows in _datasets(at).items() if name.startswith(prefix)), None)


def _name_lines(at: AppTest) -> pd.DataFrame:
    """The 8.3 map's name lines: the dataset with each service's text, side and description."""
    wanted = {"text", "side", "description"}
    return pd.concat([rows for rows in _datasets(at).values() if wanted <= set(rows.columns)])
