"""Faults: a missing, damaged, full or read-only store never takes the app down or loses data."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from igemo_data.settings import Settings
from igemo_data.store.scenarios import ScenarioError, ScenarioStore
from igemo_data.ui import session

ROOT = Path(__file__).resolve().parent.parent


def _app(db: Path, monkeypatch: pytest.MonkeyPatch, page_file: str = "app.py") -> AppTest:
    monkeypatch.setenv("STRATEGIEKAART_DB", str(db))
    session.close_scenario_store()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if page_file != "app.py":
        at.switch_page(page_file)
    return at.run()


def test_missing_file_is_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "nieuw.duckdb"
    at = _app(db, monkeypatch)
    assert not at.exception and not at.error and not at.warning
    assert db.exists()


def test_damaged_file_is_set_aside_and_the_app_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "scenarios.duckdb"
    junk = bytes(range(256)) * 64
    db.write_bytes(junk)
    at = _app(db, monkeypatch)
    assert not at.exception
    shown = [w.value.replace("\\", "") for w in at.warning]
    assert any("beschadigd" in w and "opzijgezet" in w for w in shown)
    assert len(at.get("vega_lite_chart")) >= 1, "the chart of the bundled data is shown"
    (aside,) = [p for p in tmp_path.iterdir() if ".beschadigd-" in p.name]
    assert aside.read_bytes() == junk
    session.close_scenario_store()


def test_missing_folder_is_a_clear_message_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(tmp_path / "bestaat-niet" / "db.duckdb", monkeypatch)
    assert not at.exception
    shown = [e.value.replace("\\", "") for e in at.error]  # markdown escapes aside
    assert any("bestaat niet" in e and "STRATEGIEKAART_DB" in e for e in shown)
    assert len(at.get("vega_lite_chart")) >= 1
    at = _app(tmp_path / "bestaat-niet" / "db.duckdb", monkeypatch, "pages/5_Scenarios.py")
    assert not at.exception
    assert any("bestaat niet" in e.value for e in at.error)


@contextlib.contextmanager
def _small_filesystem(path: Path, size: str) -> Iterator[bool]:
    """A tmpfs of `size` at `path` when this machine lets root mount one (True), else False."""
    path.mkdir()
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
            capture_output=True,
        ).returncode
        == 0
    )
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_full_disk_fails_clearly_and_keeps_what_was_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _small_filesystem(tmp_path / "klein", "2m") as mounted:
        store = ScenarioStore(tmp_path / "klein" / "s.duckdb")
        saved: list[str] = []
        if mounted:
            note = "x" * 4000
            with pytest.raises(ScenarioError, match="ongewijzigd"):
                for number in range(5000):
                    store.save(f"Scenario {number}", Settings(), note=note)
                    saved.append(f"Scenario {number}")
        else:  # no mount allowed here: make the disk fail the way a full one does
            for number in range(3):
                store.save(f"Scenario {number}", Settings())
                saved.append(f"Scenario {number}")
            import igemo_data.store.scenarios as module

            def full(*_args: object) -> None:
                raise duckdb.IOException("No space left on device")

            monkeypatch.setattr(module, "_insert", full)
            with pytest.raises(ScenarioError, match="ongewijzigd"):
                store.save("Te veel", Settings())
            monkeypatch.undo()
        assert saved, "something was stored before the disk filled up"
        names = {s.name for s in store.list()}
        assert set(saved) <= names
        store.close()


def test_read_only_store_fails_clearly_and_keeps_what_was_stored(tmp_path: Path) -> None:
    with _small_filesystem(tmp_path / "ro", "20m") as mounted:
        if not mounted:
            pytest.skip("this machine does not let root mount a file system")
        store = ScenarioStore(tmp_path / "ro" / "s.duckdb")
        store.save("Bewaard", Settings(horizon=0.5))
        store.close()
        subprocess.run(["mount", "-o", "remount,ro", str(tmp_path / "ro")], check=True)
        store = ScenarioStore(tmp_path / "ro" / "s.duckdb")
        assert store.read_only and "alleen-lezen" in (store.warning or "")
        with pytest.raises(ScenarioError) as failure:
            store.save("Nieuw", Settings())
        assert "ongewijzigd" in str(failure.value)
        assert [s.name for s in store.list()] == ["Bewaard"]
        assert store.list()[0].settings.horizon == 0.5
        store.close()


# --- Issue 13, item 1: a store that is only unwritable is not damaged -------------------------


def _shown(at: AppTest) -> list[str]:
    """Every notice on screen, markdown escapes aside."""
    found = (*at.error, *at.warning, *at.info, *at.success)
    return [element.value.replace("\\", "") for element in found]


def _fault(case: str, db: Path, monkeypatch: pytest.MonkeyPatch, stack: contextlib.ExitStack):
    """Break the store at `db` the way `case` names; what the app cannot undo itself."""
    from test_store_open import TOO_MANY_FILES, immutable, permission_denied, refuse

    if case == "unwritable":
        refuse(monkeypatch, db, permission_denied(db))
    elif case == "immutable":
        if not stack.enter_context(immutable(db)):
            from test_store_open import _imitate_immutable

            _imitate_immutable(monkeypatch, db)
    elif case == "too many open files":
        refuse(monkeypatch, db, TOO_MANY_FILES, read_only_too=True)
    else:  # damaged, and its move refused: it can be neither read nor set aside
        db.write_bytes(bytes(range(256)) * 64)
        if not stack.enter_context(immutable(db)):
            from test_store_open import _imitate_immutable

            _imitate_immutable(monkeypatch, db)


@pytest.mark.parametrize(
    "case", ["unwritable", "immutable", "too many open files", "damaged, cannot be moved"]
)
def test_an_unwritable_store_keeps_every_page_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    from test_store_open import assert_no_detail, listing, saved_store

    db = tmp_path / "s.duckdb"
    saved_store(db)
    with contextlib.ExitStack() as stack:
        _fault(case, db, monkeypatch, stack)
        before = listing(tmp_path)
        readable = case in ("unwritable", "immutable")
        try:
            at = _app(db, monkeypatch)
            assert not at.exception, at.exception
            assert len(at.get("vega_lite_chart")) >= 1, "the overview is drawn"
            shown = _shown(at)
            assert shown, "the page says what is wrong"
            for text in shown:
                assert_no_detail(text)
            at = _app(db, monkeypatch, "pages/5_Scenarios.py")
            assert not at.exception, at.exception
            shown = _shown(at)
            for text in shown:
                assert_no_detail(text)
            if readable:
                assert any("alleen-lezen" in text for text in shown)
                (table,) = at.dataframe
                assert list(table.value.iloc[:, 0]) == ["Bewaard"]
                at.text_input(key="save_name").input("Nieuw")
                next(b for b in at.button if b.proto.is_form_submitter).click().run()
                assert not at.exception, at.exception
                refused = [e.value.replace("\\", "") for e in at.error]
                assert any("ongewijzigd" in e and "alleen-lezen" in e for e in refused)
                for text in _shown(at):
                    assert_no_detail(text)
            else:
                assert any(
                    "te veel bestanden" in e or "niet opzijgezet" in e
                    for e in (e.value.replace("\\", "") for e in at.error)
                )
        finally:
            session.close_scenario_store()
        assert listing(tmp_path) == before, "nothing renamed, nothing rewritten"
