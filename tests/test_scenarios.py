"""The scenario store: a workshop's result is stored whole, and never silently replaced or lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import duckdb
import pytest

from igemo_data.store.base import forget_stores, store_for
from igemo_data.store.scenarios import (
    ChangedMeanwhile,
    NameTaken,
    ScenarioError,
    ScenarioStore,
    Settings,
)

ROOT = Path(__file__).resolve().parent.parent

WORKSHOP = Settings(
    horizon=0.5,
    market_cut=1.45,
    need_cut=1.6,
    domains=("RUIMTE", "MENS"),
    overrides={"ruimte-o6": {"market": 1.8}, "mens-s4": {"need": 2.0}},
)


@pytest.fixture
def store(tmp_path: Path) -> ScenarioStore:
    store = ScenarioStore(tmp_path / "scenarios.duckdb")
    yield store
    store.close()


def test_save_and_open_restores_everything(store: ScenarioStore, tmp_path: Path) -> None:
    saved = store.save("Workshop 1", WORKSHOP, author="An", note="eerste ronde")
    store.close()
    reopened = ScenarioStore(tmp_path / "scenarios.duckdb")
    loaded = reopened.get(saved.id)
    assert loaded is not None
    assert loaded.settings == WORKSHOP
    assert (loaded.name, loaded.author, loaded.note) == ("Workshop 1", "An", "eerste ronde")
    assert loaded.created_at == saved.created_at
    reopened.close()


def test_list_newest_first(store: ScenarioStore) -> None:
    first = store.save("Eerste", Settings())
    second = store.save("Tweede", WORKSHOP)
    assert [s.id for s in store.list()] == [second.id, first.id]


def test_same_name_is_never_silently_replaced(store: ScenarioStore) -> None:
    original = store.save("Raad van bestuur", WORKSHOP)
    with pytest.raises(NameTaken) as taken:
        store.save("raad van bestuur ", Settings(horizon=1.0))
    assert taken.value.existing.id == original.id
    assert "Raad van bestuur" in str(taken.value)
    assert store.get(original.id).settings == WORKSHOP
    replaced = store.save("Raad van bestuur", Settings(horizon=1.0), overwrite=True)
    assert replaced.id == original.id
    assert store.get(original.id).settings.horizon == 1.0
    assert len(store.list()) == 1


def test_rename_duplicate_delete(store: ScenarioStore) -> None:
    a = store.save("A", WORKSHOP)
    b = store.save("B", Settings())
    with pytest.raises(NameTaken):
        store.rename(a.id, "b")
    assert store.rename(a.id, "A2").name == "A2"
    copy = store.duplicate(a.id, "A2 kopie")
    assert copy.id != a.id and copy.settings == WORKSHOP
    store.delete(b.id)
    assert store.get(b.id) is None
    assert {s.name for s in store.list()} == {"A2", "A2 kopie"}
    with pytest.raises(ScenarioError):
        store.delete(b.id)


@pytest.mark.parametrize(
    "settings",
    [
        Settings(horizon=1.5),
        Settings(market_cut=0.5),
        Settings(need_cut=float("nan")),
        Settings(domains=("ELDERS",)),
        Settings(overrides={"x": {"market": 3.0}}),
        Settings(overrides={"x": {"size": 1.5}}),
    ],
)
def test_invalid_settings_are_refused_and_nothing_stored(
    store: ScenarioStore, settings: Settings
) -> None:
    with pytest.raises(ScenarioError):
        store.save("Fout", settings)
    assert store.list() == []


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_names_must_be_given_and_short(store: ScenarioStore, name: str) -> None:
    with pytest.raises(ScenarioError):
        store.save(name, Settings())


def test_text_is_stored_as_given(store: ScenarioStore) -> None:
    hostile = "'); DROP TABLE scenarios; -- <script>alert(1)</script>"
    saved = store.save(hostile, Settings(), author=hostile, note=hostile)
    assert store.get(saved.id).name == hostile
    assert store.by_name(hostile).id == saved.id


def test_a_failed_save_stores_nothing(store: ScenarioStore, monkeypatch) -> None:
    store.save("Bestaand", WORKSHOP)
    import igemo_data.store.scenarios as module

    def broken_insert(cursor, scenario):
        cursor.execute("DELETE FROM scenarios")  # first half of a write …
        raise duckdb.IOException("schijf vol")  # … then the disk fails

    monkeypatch.setattr(module, "_insert", broken_insert)
    with pytest.raises(ScenarioError, match="ongewijzigd"):
        store.save("Nieuw", Settings())
    monkeypatch.undo()
    assert [s.name for s in store.list()] == ["Bestaand"]


def test_twenty_threads_save_at_once(store: ScenarioStore) -> None:
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def save(number: int) -> None:
        try:
            barrier.wait()
            store.save(f"Scenario {number}", Settings(horizon=number / 20))
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    stored = {s.name: s.settings.horizon for s in store.list()}
    assert stored == {f"Scenario {n}": n / 20 for n in range(20)}


def test_sigkill_while_saving_loses_nothing_reported(tmp_path: Path) -> None:
    path = tmp_path / "kill.duckdb"
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from igemo_data.store.scenarios import ScenarioStore
        from igemo_data.settings import Settings
        store = ScenarioStore({str(path)!r})
        n = 0
        while True:
            store.save(f"Scenario {{n}}", Settings(horizon=(n % 21) / 20))
            print(n, flush=True)
            n += 1
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
    assert len(reported) >= 30, "the saving process did not get going"
    reopened = ScenarioStore(path)
    names = {s.name for s in reopened.list()}
    reopened.close()
    assert {f"Scenario {n}" for n in reported} <= names


def test_damaged_file_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "kapot.duckdb"
    junk = b"dit is geen DuckDB-bestand" * 100
    path.write_bytes(junk)
    store = ScenarioStore(path)
    assert store.warning and "opzijgezet" in store.warning
    aside = [p for p in tmp_path.iterdir() if ".beschadigd-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == junk
    store.save("Na het herstel", Settings())
    assert [s.name for s in store.list()] == ["Na het herstel"]
    store.close()


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="bestaat niet"):
        ScenarioStore(tmp_path / "nergens" / "db.duckdb")


def test_missing_file_is_created(tmp_path: Path) -> None:
    path = tmp_path / "nieuw.duckdb"
    store = ScenarioStore(path)
    assert path.exists() and store.list() == [] and store.warning is None
    store.close()


def test_one_shared_store_per_file_until_forgotten(tmp_path: Path) -> None:
    path = str(tmp_path / "gedeeld.duckdb")
    first = store_for(ScenarioStore, path)
    assert store_for(ScenarioStore, path) is first
    forget_stores()
    again = store_for(ScenarioStore, path)
    assert again is not first
    forget_stores()
    first.close()
    again.close()


# --- The refusals in the reader's language ------------------------------------------------------


def test_a_name_too_long_is_refused_in_dutch_and_in_english(store: ScenarioStore) -> None:
    with pytest.raises(ScenarioError) as caught:
        store.save("x" * 121, WORKSHOP)
    assert str(caught.value) == "De naam mag hoogstens 120 tekens lang zijn."
    assert caught.value.text("nl") == str(caught.value)
    assert caught.value.text("en") == "The name may be at most 120 characters long."


def test_a_taken_name_is_refused_in_dutch_and_in_english(store: ScenarioStore) -> None:
    first = store.save("Raad", WORKSHOP)
    with pytest.raises(NameTaken) as caught:
        store.save("raad", WORKSHOP)
    saved = f"{first.updated_at:%d-%m-%Y %H:%M}"
    assert str(caught.value) == (
        f"Er bestaat al een scenario met de naam 'Raad' (laatst bewaard {saved}). "
        "Kies een andere naam of overschrijf het bewust."
    )
    assert caught.value.text("en") == (
        f"A scenario named 'Raad' already exists (last saved {saved}). "
        "Choose another name or overwrite it on purpose."
    )


def test_settings_refused_by_the_store_keep_their_english(store: ScenarioStore) -> None:
    with pytest.raises(ScenarioError) as caught:
        store.save("Raad", Settings(horizon=5.0))
    assert str(caught.value) == "De tijdshorizon moet tussen 0 en 1 liggen, niet 5.0."
    assert caught.value.text("en") == "The time horizon must lie between 0 and 1, not 5.0."


# --- Issue 13, item 4: no lost update ---------------------------------------------------------


def test_two_facilitators_on_one_file_never_lose_an_update(tmp_path: Path) -> None:
    path = tmp_path / "scenarios.duckdb"
    first, second = ScenarioStore(path), ScenarioStore(path)
    try:
        saved = first.save("Raad", WORKSHOP, author="An")
        seen_by_first = first.get(saved.id).version
        seen_by_second = second.get(saved.id).version
        first.update(saved.id, Settings(horizon=1.0), based_on=seen_by_first, by="An")
        with pytest.raises(ChangedMeanwhile) as caught:
            second.update(saved.id, Settings(horizon=0.2), based_on=seen_by_second, by="Bert")
        assert "intussen gewijzigd door An" in str(caught.value)
        assert "changed meanwhile by An" in caught.value.text("en")
        assert second.get(saved.id).settings.horizon == 1.0  # the first's, not lost
        # Asked, the second overwrites knowingly: based on the version now stored.
        now = caught.value.current.version
        kept = second.update(saved.id, Settings(horizon=0.2), based_on=now, by="Bert")
        assert (kept.version, kept.updated_by) == (now + 1, "Bert")
        assert first.get(saved.id).settings.horizon == 0.2
    finally:
        first.close()
        second.close()


def test_every_write_raises_the_version(store: ScenarioStore) -> None:
    saved = store.save("Raad", WORKSHOP)
    assert saved.version == 1
    updated = store.update(saved.id, Settings(horizon=1.0))
    renamed = store.rename(saved.id, "Raad juni")
    overwritten = store.save("raad juni", WORKSHOP, overwrite=True, based_on=renamed.version)
    assert (updated.version, renamed.version, overwritten.version) == (2, 3, 4)
    assert store.get(saved.id).version == 4
    with pytest.raises(ChangedMeanwhile):
        store.save("Raad juni", Settings(), overwrite=True, based_on=3)
    assert store.get(saved.id).settings == WORKSHOP


def test_a_store_file_from_before_versions_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "oud.duckdb"
    old = duckdb.connect(str(path))
    old.execute(
        """
        CREATE TABLE scenarios (
            id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, author VARCHAR NOT NULL,
            note VARCHAR NOT NULL, created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL, horizon DOUBLE NOT NULL,
            market_cut DOUBLE NOT NULL, need_cut DOUBLE NOT NULL, domains VARCHAR NOT NULL,
            overrides VARCHAR NOT NULL, edition VARCHAR NOT NULL
        );
        CREATE UNIQUE INDEX scenarios_name ON scenarios (lower(name));
        INSERT INTO scenarios VALUES ('abc123def456', 'Oud', 'An', '', now(), now(),
            0.5, 1.5, 1.5, '[]', '{}', 'plan');
        """
    )
    old.close()
    store = ScenarioStore(path)
    try:
        (found,) = store.list()
        assert (found.name, found.version, found.updated_by) == ("Oud", 1, "")
        assert store.update(found.id, Settings(horizon=1.0), based_on=1).version == 2
        with pytest.raises(NameTaken):
            store.save("OUD", Settings())  # the name index survived the migration
    finally:
        store.close()
