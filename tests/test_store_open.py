"""Opening the store: only a file DuckDB calls damaged is set aside; an unwritable one is read.

Tests run as root, which ignores file modes, so a service user's view is made two ways: a
subprocess that drops to `nobody` (uid 65534) on a copy in a world-readable folder (DuckDB's own
errors, in full), and a patched `duckdb.connect` / `os.replace` giving DuckDB 2.0.1's exact words.
Every text a case puts on screen is checked for paths, PIDs and the interpreter.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from igemo_data.settings import Settings
from igemo_data.store import base
from igemo_data.store.editions import EditionError, EditionStore
from igemo_data.store.scenarios import ScenarioError, ScenarioStore
from igemo_data.texts import TEXTS

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "services.csv"
NOBODY = 65534


def saved_store(path: Path, services: pd.DataFrame | None = None) -> None:
    """A store holding the scenario 'Bewaard' (horizon 0.5) and, given services, an edition."""
    scenarios = ScenarioStore(path)
    scenarios.save("Bewaard", Settings(horizon=0.5))
    scenarios.close()
    if services is not None:
        stored = EditionStore(path, BUNDLED)
        stored.save("Herzien", services)
        stored.close()


def assert_no_detail(text: str) -> None:
    """What a visitor reads names no path, no PID and no interpreter (the server log does)."""
    assert "/" not in text and "PID" not in text and "python" not in text.lower(), text


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith(".wal")}


def refuse(
    monkeypatch: pytest.MonkeyPatch, path: Path, message: str, *, read_only_too: bool = False
) -> None:
    """`duckdb.connect` fails on `path` with DuckDB's words; read-only still works unless told."""
    real = duckdb.connect

    def connect(database: str = ":memory:", read_only: bool = False, **kwargs: object):
        if str(database) == str(path) and (read_only_too or not read_only):
            raise duckdb.IOException(message)
        return real(database, read_only=read_only, **kwargs)

    monkeypatch.setattr(duckdb, "connect", connect)


def permission_denied(path: Path) -> str:
    return f'IO Error: Cannot open file "{path}": Permission denied'


TOO_MANY_FILES = 'IO Error: Cannot open file "/proc/self/cgroup": Too many open files'


# --- What DuckDB 2.0.1 calls damaged -----------------------------------------------------------


def _junk(real: bytes) -> bytes:
    return bytes(range(256)) * 64


def _truncated(real: bytes) -> bytes:
    # Cut off after 64 KiB, as a disk that filled up while copying would (DuckDB reads a store
    # cut in its second half without complaint: its blocks are allocated ahead).
    return real[: 64 * 1024]


def _flipped(real: bytes) -> bytes:
    broken = bytearray(real)
    broken[100] ^= 0xFF  # inside the checksummed database header
    return bytes(broken)


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "garbage": _junk,
    "empty": lambda real: b"",
    "truncated": _truncated,
    "flipped byte": _flipped,
}


def _duckdb_says(path: Path) -> duckdb.Error:
    """What DuckDB raises on opening `path` and reading the scenarios."""
    try:
        connection = duckdb.connect(str(path))
    except duckdb.Error as error:
        return error
    try:
        connection.execute("SELECT count(*) FROM scenarios").fetchall()
    except duckdb.Error as error:
        return error
    finally:
        connection.close()
    raise AssertionError("DuckDB read the damaged file without complaint")


def _real_store_bytes(folder: Path, services: pd.DataFrame) -> bytes:
    path = folder / "echt.duckdb"
    saved_store(path, services)
    return path.read_bytes()


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_file_is_set_aside_as_before(
    tmp_path: Path, services: pd.DataFrame, damage: str
) -> None:
    real = _real_store_bytes(tmp_path, services)
    broken = DAMAGES[damage](real)
    folder = tmp_path / "store"
    folder.mkdir()
    path = folder / "s.duckdb"
    path.write_bytes(broken)
    said = _duckdb_says(path)
    assert base.is_damaged(said), str(said)
    store = ScenarioStore(path)
    assert "beschadigd" in (store.warning or "") and "opzijgezet" in (store.warning or "")
    assert_no_detail(store.warning or "")
    (aside,) = [p for p in folder.iterdir() if ".beschadigd-" in p.name]
    assert aside.read_bytes() == broken, "the damaged file is kept as it was"
    store.save("Nieuw", Settings())  # the new file takes saves
    assert [s.name for s in store.list()] == ["Nieuw"]
    store.close()


def test_a_second_damaged_file_in_the_same_second_never_overwrites_the_first(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.duckdb"
    for round_ in (b"eerste", b"tweede"):
        path.write_bytes(round_ * 1000)
        ScenarioStore(path).close()
    asides = sorted(p.read_bytes()[:6] for p in tmp_path.iterdir() if ".beschadigd-" in p.name)
    assert asides == [b"eerste", b"tweede"]


# --- Unwritable, but readable: opened read-only, nothing moved ---------------------------------


def test_a_file_the_app_may_not_write_is_read_not_set_aside(
    tmp_path: Path, services: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.duckdb"
    saved_store(path, services)
    before = listing(tmp_path)
    refuse(monkeypatch, path, permission_denied(path))
    scenarios = ScenarioStore(path)
    stored = EditionStore(path, BUNDLED)
    assert scenarios.read_only and stored.read_only
    for warning in (scenarios.warning_phrase, stored.warning_phrase):
        assert warning is not None
        assert "alleen-lezen" in warning.text() and "schrijfrechten" in warning.text()
        assert "read-only" in warning.text("en") and "permission" in warning.text("en")
        assert_no_detail(warning.text())
        assert_no_detail(warning.text("en"))
    assert [s.name for s in scenarios.list()] == ["Bewaard"]
    assert scenarios.list()[0].settings.horizon == 0.5
    assert [e.name for e in stored.list()][1:] == ["Herzien"]
    with pytest.raises(ScenarioError, match="alleen-lezen") as refused:
        scenarios.save("Nieuw", Settings())
    assert "ongewijzigd" in str(refused.value)
    assert_no_detail(str(refused.value))
    with pytest.raises(EditionError, match="ongewijzigd") as refused_edition:
        stored.save("Nieuw", services)
    assert_no_detail(str(refused_edition.value))
    scenarios.close()
    stored.close()
    assert listing(tmp_path) == before, "nothing renamed, nothing rewritten"


def _world_readable_copy(source: Path, folder_mode: int, file_mode: int) -> Path:
    """`source` copied into a fresh /tmp folder that `nobody` can reach (pytest's is 0700),
    beside a readable copy of the plan: the checkout itself may sit in a 0700 folder too."""
    folder = Path(tempfile.mkdtemp(prefix="store-open-", dir="/tmp"))
    copy = folder / "s.duckdb"
    shutil.copy(source, copy)
    copy.chmod(file_mode)
    plan = folder / "services.csv"
    shutil.copy(BUNDLED, plan)
    plan.chmod(0o444)
    folder.chmod(folder_mode)
    return copy


_AS_NOBODY = textwrap.dedent(
    """
    import json, os, sys
    sys.path.insert(0, {root!r})
    from igemo_data.settings import Settings
    from igemo_data.store.editions import EditionStore
    from igemo_data.store.scenarios import ScenarioError, ScenarioStore
    from igemo_data.loading import load_services
    load_services({plan!r})  # every module it needs is loaded while root can read them
    os.setgid({nobody}); os.setuid({nobody})
    path = {path!r}
    scenarios = ScenarioStore(path)
    stored = EditionStore(path, {plan!r})  # the same file, a second store, as the app does
    try:
        scenarios.save("Nieuw", Settings())
        refused = None
    except ScenarioError as error:
        refused = error.text("nl") + " " + error.text("en")
    print(json.dumps({{
        "read_only": [scenarios.read_only, stored.read_only],
        "warnings": [s.warning_phrase.text(lang) for s in (scenarios, stored) for lang in ("nl", "en")],
        "scenarios": [s.name for s in scenarios.list()],
        "editions": [e.name for e in stored.list()],
        "refused": refused,
    }}))
    """
)


@pytest.mark.skipif(os.geteuid() != 0, reason="dropping to nobody needs root")
@pytest.mark.parametrize(
    ("folder_mode", "file_mode"),
    [(0o777, 0o444), (0o755, 0o444), (0o755, 0o666)],
    ids=["read-only file", "read-only file and folder", "writable file, locked folder"],
)
def test_a_service_user_who_may_only_read_sees_everything(
    tmp_path: Path, services: pd.DataFrame, folder_mode: int, file_mode: int
) -> None:
    source = tmp_path / "s.duckdb"
    saved_store(source, services)
    path = _world_readable_copy(source, folder_mode, file_mode)
    before = listing(path.parent)
    try:
        plan = str(path.parent / "services.csv")
        script = _AS_NOBODY.format(root=str(ROOT), nobody=NOBODY, path=str(path), plan=plan)
        run = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
        )
        assert run.returncode == 0, run.stderr
        seen = json.loads(run.stdout)
        assert seen["read_only"] == [True, True]
        assert seen["scenarios"] == ["Bewaard"]
        assert seen["editions"][1:] == ["Herzien"]
        assert "alleen-lezen" in seen["refused"] and "ongewijzigd" in seen["refused"]
        for text in [*seen["warnings"], seen["refused"]]:
            assert_no_detail(text)
        assert all("schrijfrechten" in w or "permission" in w for w in seen["warnings"])
        assert listing(path.parent) == before, "nothing renamed, nothing rewritten"
    finally:
        shutil.rmtree(path.parent)


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[bool]:
    """`chattr +i` on `path` when the file system allows it (True), undone afterwards."""
    done = (
        shutil.which("chattr")
        and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
    )
    try:
        yield bool(done)
    finally:
        if done:
            subprocess.run(["chattr", "-i", str(path)], check=True)


def _imitate_immutable(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    refuse(monkeypatch, path, f'IO Error: Cannot open file "{path}": Operation not permitted')

    def replace(source: object, target: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted", str(source))

    monkeypatch.setattr(os, "replace", replace)


def test_an_immutable_file_is_read_not_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.duckdb"
    saved_store(path)
    before = listing(tmp_path)
    with immutable(path) as real:
        if not real:
            _imitate_immutable(monkeypatch, path)
        store = ScenarioStore(path)
        assert store.read_only and "alleen-lezen" in (store.warning or "")
        assert "chattr -i" in (store.warning or "")
        assert_no_detail(store.warning or "")
        assert [s.name for s in store.list()] == ["Bewaard"]
        with pytest.raises(ScenarioError, match="ongewijzigd"):
            store.save("Nieuw", Settings())
        store.close()
    assert listing(tmp_path) == before


def test_a_damaged_file_that_cannot_be_moved_is_said_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.duckdb"
    path.write_bytes(_junk(b""))
    before = listing(tmp_path)
    with immutable(path) as real:
        if not real:
            _imitate_immutable(monkeypatch, path)
        for kind, error in ((ScenarioStore, ScenarioError), (EditionStore, EditionError)):
            with pytest.raises(error) as said:
                kind(path)
            assert "beschadigd" in str(said.value) and "niet opzijgezet" in str(said.value)
            assert "damaged" in said.value.text("en")
            assert_no_detail(str(said.value))
            assert_no_detail(said.value.text("en"))
    assert listing(tmp_path) == before


def test_a_failed_move_of_the_journal_puts_the_damaged_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.duckdb"
    path.write_bytes(_junk(b""))
    wal = tmp_path / "s.duckdb.wal"
    wal.write_bytes(b"journal")
    real_replace = os.replace

    def replace(source: object, target: object) -> None:
        if str(source).endswith(".wal"):
            raise PermissionError(errno.EACCES, "Permission denied", str(source))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ScenarioError, match="niet opzijgezet"):
        ScenarioStore(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.duckdb", "s.duckdb.wal"]


# --- Too many open files: nothing moved, said, and tried again next time ----------------------


def test_too_many_open_files_is_said_and_moves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.duckdb"
    saved_store(path)
    before = listing(tmp_path)
    refuse(monkeypatch, path, TOO_MANY_FILES, read_only_too=True)
    with pytest.raises(ScenarioError) as said:
        ScenarioStore(path)
    assert "te veel bestanden" in str(said.value) and "ulimit" in str(said.value)
    assert "too many files" in said.value.text("en")
    assert_no_detail(str(said.value))
    assert listing(tmp_path) == before
    monkeypatch.undo()  # the descriptors are back: the next page run opens it
    store = ScenarioStore(path)
    assert [s.name for s in store.list()] == ["Bewaard"] and not store.read_only
    store.close()


_OUT_OF_FILES = textwrap.dedent(
    """
    import os, resource, sys
    sys.path.insert(0, {root!r})
    from igemo_data.store.scenarios import ScenarioError, ScenarioStore
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
    held = []
    try:
        while True:
            held.append(os.open(os.devnull, os.O_RDONLY))
    except OSError:
        pass
    try:
        ScenarioStore({path!r})
        print("opened")
    except ScenarioError as error:
        print(error)
    """
)


def test_a_process_out_of_file_descriptors_moves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    saved_store(path)
    before = listing(tmp_path)
    run = subprocess.run(
        [sys.executable, "-c", _OUT_OF_FILES.format(root=str(ROOT), path=str(path))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "te veel bestanden" in run.stdout, run.stdout
    assert_no_detail(run.stdout)
    assert listing(tmp_path) == before


# --- In use by another process: said without its PID ------------------------------------------


def test_a_file_locked_by_another_process_names_no_pid(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "s.duckdb"
    saved_store(path)
    before = listing(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(path)!r}); print('open', flush=True); "
            "sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(ScenarioError) as said:
            ScenarioStore(path)
        assert "in gebruik" in str(said.value)
        logged = [r.getMessage() for r in caplog.records if r.name == "strategiekaart"]
        assert any("PID" in line and str(path) in line for line in logged), "the log says who"
        assert_no_detail(str(said.value))
        assert_no_detail(said.value.text("en"))
    finally:
        holder.communicate("", timeout=30)
    assert listing(tmp_path) == before


# --- A failed save says why without DuckDB's words ----------------------------------------------


def test_a_failed_save_names_the_cause_not_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.duckdb"
    store = ScenarioStore(path)
    import igemo_data.store.scenarios as module

    def full(*_args: object) -> None:
        raise duckdb.IOException(f'IO Error: Could not write file "{path}.wal": No space left')

    monkeypatch.setattr(module, "_insert", full)
    with pytest.raises(ScenarioError) as said:
        store.save("Te veel", Settings())
    assert "schijf" in str(said.value) and "vol" in str(said.value)
    assert "ongewijzigd" in str(said.value)
    assert_no_detail(str(said.value))
    assert_no_detail(said.value.text("en"))
    store.close()


def test_every_cause_has_its_words_and_its_fix() -> None:
    names = [name for name, _numbers, _words in base._CAUSES] + ["other"]
    for name in names:
        for key in (f"store_cause_{name}", f"store_fix_{name}"):
            assert TEXTS[key]["nl"].strip() and TEXTS[key]["en"].strip(), key
            assert_no_detail(TEXTS[key]["nl"])
    assert base.cause_of(PermissionError(errno.EACCES, "x")) == "permission"
    assert base.cause_of(OSError(errno.EMFILE, "x")) == "too_many_files"
    assert base.cause_of(duckdb.IOException(TOO_MANY_FILES)) == "too_many_files"
    assert base.cause_of(duckdb.IOException("Read-only file system")) == "read_only_disk"
    assert base.cause_of(duckdb.Error("something else")) == "other"
