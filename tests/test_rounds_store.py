"""The rounds' store: one row per round × participant × service, nothing acknowledged lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from igemo_data.edition import PLAN_EDITION
from igemo_data.rounds import MAX_PARTICIPANTS, RoundError
from igemo_data.store.editions import EditionStore
from igemo_data.store.rounds import RoundStore, settle

ROOT = Path(__file__).resolve().parents[1]
IDS = ("ruimte-e1", "ruimte-e2", "mens-v1")
FULL = {"market_current": 1.5, "market_potential": 1.6, "need_current": 1.7, "need_future": 1.8}


@pytest.fixture
def store(tmp_path: Path):
    opened = RoundStore(tmp_path / "rondes.duckdb")
    yield opened
    opened.close()


def test_an_answer_changed_twice_is_one_row(store: RoundStore) -> None:
    found = store.open_round("Bestuur", PLAN_EDITION, IDS)
    store.answer(found.code, "token-a", "ruimte-e1", {"market_current": 1.2})
    store.answer(found.code, "token-a", "ruimte-e1", {**FULL, "need_future": None})
    rows = store.answers(found.code)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row.participant, row.market_current, row.need_current) == (1, 1.5, 1.7)
    assert pd.isna(row.need_future)
    assert store.own_answers(found.code, "token-b") == {}
    assert store.own_answers(found.code, "token-a")["ruimte-e1"]["market_current"] == 1.5


def test_thirty_participants_answering_at_once_are_stored_exactly_once(
    store: RoundStore,
) -> None:
    found = store.open_round("Bestuur", PLAN_EDITION, IDS)
    failures: list[BaseException] = []

    def participant(number: int) -> None:
        try:
            for service in IDS:
                for value in (1.1, 1.0 + number % 10 / 10):  # every answer changed once
                    store.answer(
                        found.code, f"token-{number}", service, {**FULL, "market_current": value}
                    )
        except BaseException as failure:
            failures.append(failure)

    threads = [threading.Thread(target=participant, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    rows = store.answers(found.code)
    assert len(rows) == 30 * len(IDS)
    assert not rows.duplicated(["participant", "service_id"]).any()
    assert sorted(rows["participant"].unique()) == list(range(1, 31))
    assert store.counts(found.code).participants == 30
    assert store.counts(found.code).scores == 30 * len(IDS) * 4


def test_a_participant_changes_only_their_own_answers(store: RoundStore) -> None:
    found = store.open_round("Bestuur", PLAN_EDITION, IDS, show_names=True)
    store.join(found.code, "token-a", "Ann")
    store.answer(found.code, "token-a", "ruimte-e1", FULL)
    store.answer(found.code, "token-b", "ruimte-e1", {"market_current": 2.0})
    rows = store.answers(found.code).set_index("participant")
    assert rows.loc[1, "market_current"] == 1.5 and rows.loc[1, "name"] == "Ann"
    assert rows.loc[2, "market_current"] == 2.0


@pytest.mark.parametrize(
    ("service", "scores", "words"),
    [
        ("ruimte-e1", {"market_current": 2.1}, "kies 1,0 tot 2,0"),
        ("ruimte-e1", {"market_current": 0}, "kies 1,0 tot 2,0"),
        ("ruimte-e3", FULL, "hoort niet bij deze ronde"),
        ("'; DROP TABLE rounds; --", FULL, "hoort niet bij deze ronde"),
        ("ruimte-e1", {"budget": 1.5}, "Onbekende score"),
    ],
)
def test_bad_answers_are_refused_in_dutch_and_store_nothing(
    store: RoundStore, service: str, scores: dict, words: str
) -> None:
    found = store.open_round("Bestuur", PLAN_EDITION, IDS)
    with pytest.raises(RoundError, match=words):
        store.answer(found.code, "token-a", service, scores)
    assert store.answers(found.code).empty and store.get(found.code) is not None


def test_an_oversized_name_is_refused(store: RoundStore) -> None:
    found = store.open_round("Bestuur", PLAN_EDITION, IDS)
    with pytest.raises(RoundError, match="hoogstens 60 tekens"):
        store.join(found.code, "token-a", "x" * 61)
    assert store.counts(found.code).participants == 0


def test_a_closed_or_unknown_code_takes_no_answers(store: RoundStore) -> None:
    found = store.open_round("Bestuur", PLAN_EDITION, IDS)
    store.answer(found.code, "token-a", "ruimte-e1", FULL)
    store.close_round(found.code)
    with pytest.raises(RoundError, match="gesloten"):
        store.answer(found.code, "token-a", "ruimte-e1", {"market_current": 1.0})
    with pytest.raises(RoundError, match="gesloten"):
        store.join(found.code, "token-b")
    with pytest.raises(RoundError, match="geen scoreronde"):
        store.answer("ABCDEFGH", "token-a", "ruimte-e1", FULL)
    assert store.answers(found.code).iloc[0].market_current == 1.5


def test_at_most_two_hundred_participants(store: RoundStore) -> None:
    found = store.open_round("Grote zaal", PLAN_EDITION, IDS)
    for number in range(MAX_PARTICIPANTS):
        store.join(found.code, f"token-{number}")
    with pytest.raises(RoundError, match="200 deelnemers"):
        store.answer(found.code, "token-new", "ruimte-e1", FULL)
    store.answer(found.code, "token-7", "ruimte-e1", FULL)  # who joined still answers
    assert store.counts(found.code).participants == MAX_PARTICIPANTS


def test_two_facilitators_revealing_at_once_is_harmless(store: RoundStore) -> None:
    found = store.open_round("Bestuur", PLAN_EDITION, IDS)
    store.answer(found.code, "token-a", "ruimte-e1", FULL)
    failures: list[BaseException] = []

    def reveal() -> None:
        try:
            store.reveal(found.code)
        except BaseException as failure:
            failures.append(failure)

    threads = [threading.Thread(target=reveal) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    again = store.get(found.code)
    assert again.revealed and not again.closed and len(store.answers(found.code)) == 1


def test_only_its_own_round_is_deleted(store: RoundStore) -> None:
    keep = store.open_round("Blijft", PLAN_EDITION, IDS)
    gone = store.open_round("Weg", PLAN_EDITION, IDS)
    for found in (keep, gone):
        store.answer(found.code, "token-a", "ruimte-e1", FULL)
    store.delete(gone.code)
    assert [r.code for r in store.list()] == [keep.code]
    assert len(store.answers(keep.code)) == 1 and store.answers(gone.code).empty


def test_settling_makes_an_edition_with_the_group_scores_and_provenance(
    tmp_path: Path, services: pd.DataFrame
) -> None:
    path = tmp_path / "samen.duckdb"
    rounds, editions = RoundStore(path), EditionStore(path)
    found = rounds.open_round("Najaar", PLAN_EDITION, IDS)
    rounds.answer(found.code, "a", "ruimte-e1", {**FULL, "market_current": 1.2})
    rounds.answer(found.code, "b", "ruimte-e1", {**FULL, "market_current": 1.8})
    made = settle(rounds, editions, found.code, name="Najaar: groep")
    settled = editions.services(made.id).set_index("id")
    plan = services.set_index("id")
    assert settled.loc["ruimte-e1", "market_current"] == pytest.approx(1.5)  # (1,2 + 1,8) / 2
    assert settled.loc["ruimte-e1", "need_future"] == pytest.approx(1.8)
    for kept in ("ruimte-e2", "mens-v1", "bestuur-w1"):  # asked or not, nobody scored them
        assert settled.loc[kept].market_current == plan.loc[kept].market_current
    assert found.code in made.note and "2 deelnemers" in made.note
    assert "ruimte-e2" in made.note and "ruimte-e1," not in made.note
    assert made.based_on == PLAN_EDITION
    assert rounds.get(found.code).settled == made.id
    rounds.close()
    editions.close()


def test_sigkill_mid_round_keeps_every_acknowledged_answer(tmp_path: Path) -> None:
    path = tmp_path / "kill.duckdb"
    first = RoundStore(path)
    found = first.open_round("Bestuur", PLAN_EDITION, IDS)
    first.close()
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from igemo_data.store.rounds import RoundStore
        store = RoundStore({str(path)!r})
        n = 0
        while True:
            service = {list(IDS)!r}[n % 3]
            store.answer({found.code!r}, f"token-{{n}}", service, {{"market_current": 1.5}})
            print(n, flush=True)
            n += 1
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, bufsize=1
    )
    acknowledged: list[int] = []
    deadline = time.monotonic() + 60
    assert process.stdout is not None
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        acknowledged.append(int(line))
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert len(acknowledged) >= 40, "the answering process did not get going"
    reopened = RoundStore(path)
    rows = reopened.answers(found.code)
    assert len(rows) >= len(acknowledged)
    # The round goes on: a new answer after the restart is taken.
    reopened.answer(found.code, "after-restart", "ruimte-e2", {"market_current": 1.9})
    assert len(reopened.answers(found.code)) == len(rows) + 1
    reopened.close()
