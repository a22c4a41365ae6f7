"""The live control's public seam and data (issue 17, item 4), and the offline board pack's
page (item 6), without a browser (tests/test_browser_live.py drives both in Chromium)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from apptest_support import chart_points, live_control, set_setting, shown_setting
from streamlit.testing.v1 import AppTest
from test_live import build_for

from igemo_data import classify
from igemo_data.charts import html_pack, live
from igemo_data.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def _app(page_file: str = "app.py", **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query)
    if page_file != "app.py":
        at.switch_page(page_file)
    return at.run()


def test_the_session_key_is_a_seam_that_moves_chart_url_and_control(services) -> None:
    at = _app()
    set_setting(at, "horizon", 37)
    set_setting(at, "market_cut", 1.45)
    assert not at.exception
    assert shown_setting(at, "horizon") == 37
    assert shown_setting(at, "market_cut") == pytest.approx(1.45)
    assert at.query_params["horizon"] in ("37", ["37"])
    points = chart_points(at)
    table = classify(services, horizon=0.37, market_cut=1.45).set_index("id")
    assert points["quadrant"].to_dict() == table["quadrant"].to_dict()


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("horizon", 250, 100),
        ("horizon", -3, 0),
        ("horizon", "vijftig", 0),
        ("horizon", math.nan, 0),
        ("market_cut", 7, 2.0),
        ("need_cut", 1.234, 1.23),
    ],
)
def test_what_no_slider_could_set_is_held_to_its_range(key, value, shown) -> None:
    at = _app()
    set_setting(at, key, value)
    assert not at.exception
    assert shown_setting(at, key) == pytest.approx(shown)


def test_the_control_speaks_the_viewers_language() -> None:
    at = _app(lang="en", horizon="20")
    data = live_control(at)
    assert data["labels"]["horizon"] == "Time horizon"
    assert data["labels"]["play"].startswith("▶")
    assert data["decimal"] == "."
    assert data["values"] == {"horizon": 20, "market_cut": 150, "need_cut": 150}
    assert data["key_step"] == 5


def test_a_werkdomein_page_draws_the_live_chart_of_its_services(services) -> None:
    at = _app("pages/2_Mens.py", horizon="60")
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    binds = {p["name"]: p.get("bind") for p in spec["params"]}
    assert binds[live.HORIZON_PARAM] == {"element": "#sk-live-horizon"}, "drawn live"
    points = chart_points(at)
    mens = services[services["domain"] == "MENS"]
    assert sorted(points.index) == sorted(mens["id"])
    table = classify(mens, horizon=0.6).set_index("id")
    assert points["quadrant"].to_dict() == table["quadrant"].to_dict()


def test_the_board_pack_is_one_page_that_escapes_what_it_is_given(services) -> None:
    settings = Settings(horizon=0.2, market_cut=1.4)
    spec = live.live_spec(
        build_for(services, settings), settings, lang="nl", inputs=html_pack.PACK_INPUTS, steps=3
    )
    spec["datasets"]["points"][0]["name"] = "</script><b>x</b>"
    page = html_pack.interactive_html(
        live.at_settings(spec, settings, html_pack.PACK_INPUTS),
        settings,
        title="<Plan & co>",
        heading="<Plan & co>",
        settings_line="regel",
        note="noot",
        labels={"horizon": "Tijdshorizon (%)", "play": "▶", "pause": "⏸", "replay": "↺"},
    ).decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("</head>\n<body>") == 1
    assert "<title>&lt;Plan &amp; co&gt;</title>" in page
    assert "<h1>&lt;Plan &amp; co&gt;</h1>" in page
    assert "</script><b>" not in page and "<\\/script><b>x<\\/b>" in page
    assert "<script src=" not in page  # Vega is in the page, nothing to fetch
    assert 'value="20"' in page and 'id="pack-market" value="140"' in page
