"""The decision log: append-only, superseding without erasing, safe to reopen and to kill."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from igemo_data import decisions, spreadsheet, strategy_map
from igemo_data.decisions import AGREES, DISAGREES, Context
from igemo_data.settings import Settings
from igemo_data.store import base
from igemo_data.store.decisions import DecisionError, DecisionStore

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = Context(
    edition="plan-2019-2024",
    edition_name="Plan 2019–2024",
    settings=Settings(horizon=0.5, overrides={"ruimte-o6": {"market": 1.8}}),
    quadrant="creeer",
    scenario="Workshop mei",
)


def _record(store: DecisionStore, decision: str, *, service: str = "ruimte-o6", **fields):
    values = {"rationale": "", "owner": "", "due": None, **fields}
    return store.record(
        service_id=service,
        code=service.split("-")[1],
        name=f"Dienst {service}",
        decision=decision,
        context=CONTEXT,
        **values,
    )


@pytest.fixture
def store(tmp_path: Path) -> DecisionStore:
    return DecisionStore(tmp_path / "log.duckdb")


def test_a_new_decision_supersedes_but_never_erases(store: DecisionStore) -> None:
    first = _record(store, "invest", rationale="Groeit", owner="An", due=date(2027, 3, 1))
    _record(store, "wait", service="mens-s4")
    second = _record(store, "phase_out", rationale="Toch niet", owner="Bo")
    history = store.for_service("ruimte-o6")
    assert [entry.decision for entry in history] == ["phase_out", "invest"]  # newest first
    assert history[1].rationale == "Groeit" and history[1].due == date(2027, 3, 1)
    assert history[1].context.settings == CONTEXT.settings
    assert history[1].context.scenario == "Workshop mei"
    in_force = decisions.latest(store.all())
    assert in_force["ruimte-o6"] == second and in_force["mens-s4"].decision == "wait"
    assert store.in_force() == in_force
    assert decisions.history(store.all(), "ruimte-o6") == [second, first]
    assert [entry.number for entry in store.all()] == [1, 2, 3]


def test_the_log_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "log.duckdb"
    store = DecisionStore(path)
    _record(store, "niche", rationale="regel 1\nregel 2")
    store.close()
    reopened = DecisionStore(path)
    (entry,) = reopened.all()
    assert entry.decision == "niche" and entry.rationale == "regel 1\nregel 2"
    _record(reopened, "invest")
    assert [e.number for e in reopened.for_service("ruimte-o6")] == [2, 1]
    reopened.close()


def test_a_failed_write_leaves_the_log_as_it_was(store: DecisionStore, monkeypatch) -> None:
    _record(store, "invest")
    import igemo_data.store.decisions as module

    real_insert = module._insert

    def broken_insert(cursor, entry):
        real_insert(cursor, entry)  # the first half of a write …
        raise duckdb.IOException("schijf vol")  # … then the disk fails

    monkeypatch.setattr(module, "_insert", broken_insert)
    with pytest.raises(DecisionError, match="ongewijzigd"):
        _record(store, "wait")
    monkeypatch.undo()
    assert [entry.decision for entry in store.all()] == ["invest"]


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"rationale": "x" * (decisions.MAX_RATIONALE + 1)}, "motivering mag hoogstens 2000"),
        ({"owner": "y" * (decisions.MAX_OWNER + 1)}, "trekker mag hoogstens 120"),
        ({"due": "morgen"}, "geen datum"),
    ],
)
def test_bad_input_is_refused_and_stores_nothing(store: DecisionStore, fields, words) -> None:
    with pytest.raises(DecisionError, match=words):
        _record(store, "invest", **fields)
    with pytest.raises(DecisionError, match="Onbekende beslissing"):
        _record(store, "DROP TABLE decisions")
    assert store.all() == []


def test_text_is_kept_as_typed_without_control_characters(store: DecisionStore) -> None:
    typed = "<script>alert(1)</script> **vet** =1+1\r\nlijn\x00twee\x1b"
    entry = _record(store, "invest", rationale=typed, owner="  '; DROP TABLE decisions; --  ")
    assert entry.rationale == "<script>alert(1)</script> **vet** =1+1\nlijntwee"
    assert store.all()[0].owner == "'; DROP TABLE decisions; --"


def test_a_read_only_store_shows_nothing_new_and_refuses_to_record(
    tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "old.duckdb"
    duckdb.connect(str(path)).close()  # a file from before decisions
    monkeypatch.setattr(base, "_folder_writable", lambda folder: False)
    store = DecisionStore(path)
    assert store.read_only and store.all() == [] and store.for_service("ruimte-o6") == []
    with pytest.raises(DecisionError, match="alleen-lezen"):
        _record(store, "invest")
    store.close()


def test_sigkill_while_recording_loses_nothing_reported(tmp_path: Path) -> None:
    path = tmp_path / "kill.duckdb"
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from igemo_data.decisions import Context
        from igemo_data.settings import Settings
        from igemo_data.store.decisions import DecisionStore
        store = DecisionStore({str(path)!r})
        context = Context("plan-2019-2024", "Plan", Settings(), "creeer")
        while True:
            entry = store.record(service_id="ruimte-o6", code="o6", name="Publieke ruimte",
                                 decision="invest", rationale="r", owner="", due=None,
                                 context=context)
            print(entry.number, flush=True)
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, bufsize=1
    )
    reported: list[int] = []
    deadline = time.monotonic() + 60
    assert process.stdout is not None
    while len(reported) < 30 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        reported.append(int(line))
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert len(reported) >= 30, "the recording process did not get going"
    reopened = DecisionStore(path)
    numbers = [entry.number for entry in reopened.all()]
    reopened.close()
    assert set(reported) <= set(numbers)
    assert numbers == list(range(1, len(numbers) + 1))  # whole entries, none half-written


def test_agreement_reads_the_8_3_headings() -> None:
    assert decisions.agreement("invest", "creeer") == AGREES
    assert decisions.agreement("wait", "verminder") == AGREES
    assert decisions.agreement("invest", "elimineer") == DISAGREES
    assert decisions.agreement("phase_out", "vermeerder") == DISAGREES


def test_decided_marks_and_the_decisions_view(store: DecisionStore, baseline) -> None:
    _record(store, "invest", service="ruimte-o6")  # o6 is Creëer now: follows
    _record(store, "phase_out", service="mens-s4")
    in_force = decisions.latest(store.all())
    marks = decisions.decided_marks(baseline, in_force, "nl")
    assert set(marks) == {"ruimte-o6", "mens-s4"}
    quadrant = baseline.set_index("id")["quadrant"]
    for sid, (state, words) in marks.items():
        assert state == decisions.agreement(in_force[sid].decision, quadrant[sid])
        assert "beslist" in words
    effective = decisions.effective_decisions(baseline, in_force)
    assert effective.set_index("id").loc["mens-s4", "plan_decision"] == "phase_out"
    untouched = effective[~effective["id"].isin(list(in_force))]
    expected = baseline[~baseline["id"].isin(list(in_force))]
    assert untouched["plan_decision"].tolist() == expected["plan_decision"].tolist()
    smap = strategy_map.strategy_map(effective).set_index("id")
    assert smap.loc["mens-s4", "plan_heading"] == "eliminate"


def test_the_log_exports_through_the_one_neutraliser(store: DecisionStore) -> None:
    _record(store, "invest", rationale='=HYPERLINK("http://x")', owner="@An")
    _record(store, "wait", rationale="later")
    table = decisions.log_table(store.all(), "nl")
    assert table["Beslissing"].tolist() == ["Afwachten", "Investeren"]  # newest first
    assert table["Status"].tolist() == ["geldt", "vervangen"]
    text = spreadsheet.csv_bytes(table, lang="nl").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@An" in text
    sheet = load_workbook(io.BytesIO(spreadsheet.xlsx_bytes(table, lang="en"))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    typed = next(cell for cell in cells if cell.value == '=HYPERLINK("http://x")')
    assert typed.data_type == "s"
    assert typed.quotePrefix
