"""Access fails closed, under AppTest: an unreadable secrets file, wrong passwords, sign-in.

Issue 13, item 2. A broken `.streamlit/secrets.toml` is a real file that Streamlit's own
secrets loader reads (its `secrets.files` option points at it), not a mock of the loader.
"""

from __future__ import annotations

import logging
import subprocess
import tomllib
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from igemo_data.ui import access as ui_access

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/5_Scenarios.py"
PASSWORD_BOX = "facilitator_password_input"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback"}


@pytest.fixture
def fresh_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.duckdb"
    monkeypatch.setenv("STRATEGIEKAART_DB", str(path))
    return path


@pytest.fixture
def secrets_file(tmp_path: Path, fresh_store: Path) -> Iterator[Path]:
    """Where Streamlit looks for secrets during the test: a file the test writes (or not)."""
    path = tmp_path / ".streamlit" / "secrets.toml"
    path.parent.mkdir()
    kept = streamlit_config.get_option("secrets.files")
    streamlit_config.set_option("secrets.files", [str(path)])
    st.secrets._reset()  # forget secrets parsed before the test (none: no real file exists)
    try:
        yield path
    finally:
        streamlit_config.set_option("secrets.files", kept)
        st.secrets._reset()


def _page(page_file: str = PAGE, **secrets: object) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in secrets.items():
        at.secrets[key] = value
    if page_file != "app.py":
        at.switch_page(page_file)
    return at.run()


def _may_save(at: AppTest) -> bool:
    return "save_name" in {w.key for w in at.text_input}


def _ours(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "strategiekaart"]


@pytest.mark.parametrize(
    "content",
    [
        b'facilitator_password = "workshop-2026\n',  # the missing quote
        b"facilitator_password = workshop-2026\n",
        b'facilitator_password = "caf\xe9"\n',  # saved as Windows-1252, not UTF-8
    ],
)
def test_an_unreadable_secrets_file_locks_changes_and_keeps_viewing(
    secrets_file: Path, caplog: pytest.LogCaptureFixture, content: bytes
) -> None:
    secrets_file.write_bytes(content)
    caplog.set_level(logging.INFO, logger="strategiekaart")
    at = _page()
    assert not at.exception
    assert not _may_save(at)
    notice = [w.value for w in at.sidebar.warning]
    assert any("onleesbaar" in n and "niemand" in n for n in notice), notice
    assert any("onleesbaar" in i.value for i in at.info)
    assert str(secrets_file.parent.parent) not in repr(at.main) + repr(at.sidebar)
    logged = _ours(caplog)
    assert any("locked" in line for line in logged), logged
    # Viewing keeps working: the overview draws its chart.
    overview = _page("app.py")
    assert not overview.exception
    assert overview.get("vega_lite_chart")
    assert any("onleesbaar" in w.value for w in overview.sidebar.warning)


def test_the_notice_about_an_unreadable_file_is_english_on_an_english_page(
    secrets_file: Path,
) -> None:
    secrets_file.write_text('facilitator_password = "x\n', encoding="utf-8")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.switch_page(PAGE).run()
    assert any("cannot be read" in w.value for w in at.sidebar.warning)


def test_no_secrets_file_keeps_the_open_mode(secrets_file: Path) -> None:
    at = _page()
    assert not at.exception
    assert _may_save(at)
    assert not at.sidebar.warning


def _check(at: AppTest, password: str) -> AppTest:
    at.text_input(key=PASSWORD_BOX).input(password).run()
    return at.button(key="sign_in").click().run()


def test_the_password_box_is_emptied_by_every_check(fresh_store: Path) -> None:
    at = _page(facilitator_password="workshop-2026")
    for password in ("fout", "workshop-2026"):
        _check(at, password)
        if password == "fout":
            box = at.text_input(key=PASSWORD_BOX)
            # The browser only replaces what it shows when told to: set_value with "".
            assert box.proto.set_value and box.proto.value == ""
            assert box.value == ""
    assert _may_save(at)
    assert "workshop-2026" not in repr(at.session_state)


def test_wrong_passwords_make_the_session_wait(
    fresh_store: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(ui_access, "time", types.SimpleNamespace(monotonic=lambda: clock[0]))
    caplog.set_level(logging.INFO, logger="strategiekaart")
    at = _page(facilitator_password="workshop-2026")
    for tried in range(1, 6):
        _check(at, f"fout-{tried}")
        assert any("klopt niet" in e.value for e in at.error)
    assert any("opnieuw over 2 s" in w.value for w in at.warning)
    # During the wait even the right password is not checked.
    _check(at, "workshop-2026")
    assert not _may_save(at)
    assert any("opnieuw over 2 s" in w.value for w in at.warning)
    clock[0] += 2
    _check(at, "nog-fout")
    assert any("opnieuw over 4 s" in w.value for w in at.warning)
    clock[0] += 4
    _check(at, "workshop-2026")
    assert _may_save(at)
    assert not at.warning
    logged = _ours(caplog)
    assert sum("wrong" in line for line in logged) == 6
    assert any("try 5" in line for line in logged)
    assert any("refused" in line for line in logged)
    assert any("right after 6 failed" in line for line in logged)
    assert not [line for line in logged if "fout" in line or "workshop" in line]


def test_sign_in_makes_only_listed_addresses_facilitators(fresh_store: Path) -> None:
    listed = ["Directeur@IGEMO.be", "staf@igemo.be"]
    for email, may in (("directeur@igemo.be", True), ("gast@igemo.be", False)):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.secrets["auth"] = AUTH
        at.secrets["facilitators"] = listed
        at.user = {"is_logged_in": True, "email": email}
        at.switch_page(PAGE).run()
        assert not at.exception
        assert _may_save(at) is may
        said = " ".join(c.value for c in at.sidebar.caption)
        assert ("staat niet in de lijst" in said) is not may, said


def test_sign_in_without_a_list_makes_nobody_a_facilitator(fresh_store: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "directeur@igemo.be"}
    at.switch_page(PAGE).run()
    assert not at.exception
    assert not _may_save(at)
    assert any("geen lijst van facilitators" in w.value for w in at.sidebar.warning)


def test_visitors_see_no_tracebacks_and_secrets_stay_out_of_git() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    shown = config["client"]["showErrorDetails"]
    assert shown in {streamlit_config.ShowErrorDetailsConfigOptions.TYPE, "none"}
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=ROOT, check=False
    )
    if ignored.returncode == 128:
        pytest.skip("not a git checkout")
    assert ignored.returncode == 0
