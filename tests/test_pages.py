"""Every page under AppTest: it runs, and the chart's data follows the sliders.

Expected quadrants are derived here from data/services.csv with design §3's rule, never read
back from the app.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from apptest_support import chart_points, count_cells, live_control, set_setting, shown_setting
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from igemo_data.schema import quadrant_for
from igemo_data.texts import escape_markdown, quadrant_label, t
from igemo_data.ui.sidebar import PAGES

ROOT = Path(__file__).resolve().parent.parent
# Every file Streamlit serves as a page, so a new page is smoke-tested the day it is added.
PAGE_FILES = ["app.py", *sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))]


def _app(page_file: str = "app.py", **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query)
    if page_file != "app.py":
        at.switch_page(page_file)
    return at.run()


def _expected(services: pd.DataFrame, service_id: str, horizon: float, **cuts: float) -> str:
    row = services.set_index("id").loc[service_id]
    market = (1 - horizon) * row.market_current + horizon * row.market_potential
    need = (1 - horizon) * row.need_current + horizon * row.need_future
    return quadrant_for(market >= cuts.get("market_cut", 1.5), need >= cuts.get("need_cut", 1.5))


@pytest.mark.parametrize("page_file", PAGE_FILES)
def test_every_page_runs(page_file: str) -> None:
    at = _app(page_file)
    assert not at.exception, at.exception
    if page_file in {file for file, *_ in PAGES}:
        assert at.title, "every page in the navigation has a title"


def test_every_page_is_in_the_navigation() -> None:
    """The measurement pages are the bench's own (bench/meting/): no route of the app."""
    linked = {file for file, *_ in PAGES}
    assert set(PAGE_FILES) - linked == set()
    assert linked <= set(PAGE_FILES)


@pytest.mark.parametrize("page_file", [file for file, *_ in PAGES])
def test_every_page_runs_in_english(page_file: str) -> None:
    at = _app(page_file, lang="en")
    assert not at.exception
    assert live_control(at)["labels"]["horizon"] == "Time horizon"


@pytest.mark.parametrize(
    ("lang", "shown_as", "mark"), [("nl", "localized", ","), ("en", "%.2f", ".")]
)
def test_score_sliders_write_numbers_the_languages_way(lang: str, shown_as: str, mark: str) -> None:
    # "localized": the browser writes 1,45 in nl-BE (tests/test_browser.py reads it there).
    at = _app(lang=lang, whatif="ruimte-o6:m1.8")
    at.selectbox(key="what_if_service").set_value("ruimte-o6").run()
    keys = ("what_if_market", "what_if_need")
    assert {key: at.slider(key=key).proto.format for key in keys} == dict.fromkeys(keys, shown_as)
    # The cuts' live control writes its numbers with the language's decimal mark (issue 17).
    assert live_control(at)["decimal"] == mark


def test_overview_shows_every_service(services: pd.DataFrame) -> None:
    points = chart_points(_app())
    assert sorted(points.index) == sorted(services["id"])


@pytest.mark.parametrize(
    ("page_file", "domain"),
    [(file, domain) for file, _, _, domain in PAGES if domain],
)
def test_domain_page_shows_its_services(
    page_file: str, domain: str, services: pd.DataFrame
) -> None:
    points = chart_points(_app(page_file))
    assert sorted(points.index) == sorted(services[services["domain"] == domain]["id"])


def test_the_horizon_and_a_cut_move_services_on_a_domain_page(services: pd.DataFrame) -> None:
    at = _app("pages/2_Mens.py")
    mens = services[services["domain"] == "MENS"]["id"]
    set_setting(at, "horizon", 100)
    set_setting(at, "need_cut", 1.8)
    assert not at.exception
    points = chart_points(at)
    expected = {sid: _expected(services, sid, 1.0, need_cut=1.8) for sid in mens}
    assert expected != {sid: _expected(services, sid, 0.0) for sid in mens}
    assert {sid: points.loc[sid, "quadrant"] for sid in mens} == expected


def test_horizon_moves_a_named_service(services: pd.DataFrame) -> None:
    at = _app()
    # Ondernemerschap (e1) scores 1 now and 2 in the future on both axes.
    before = _expected(services, "ruimte-e1", 0.0)
    after = _expected(services, "ruimte-e1", 0.5)
    assert before != after
    assert chart_points(at).loc["ruimte-e1", "quadrant"] == before
    set_setting(at, "horizon", 50)
    assert not at.exception
    points = chart_points(at)
    assert points.loc["ruimte-e1", "quadrant"] == after
    for sid in services["id"]:
        assert points.loc[sid, "quadrant"] == _expected(services, sid, 0.5), sid


def _shown_counts(at: AppTest) -> dict[str, int]:
    (grid,) = [h for h in at.get("html") if "data-quadrant" in h.proto.body]
    return {key: number for key, _, number in count_cells(grid.proto.body)}


def test_quadrant_counts_follow_the_horizon(services: pd.DataFrame) -> None:
    at = _app()
    shown = {}
    for horizon in (0, 100):
        if horizon:
            set_setting(at, "horizon", horizon)
        expected = {key: 0 for key in ("vermeerder", "creeer", "verminder", "elimineer")}
        for sid in services["id"]:
            expected[_expected(services, sid, horizon / 100)] += 1
        shown[horizon] = _shown_counts(at)
        assert shown[horizon] == expected, horizon
    assert shown[0] != shown[100], "the data moves services between quadrants over time"


def test_cuts_move_named_services(services: pd.DataFrame) -> None:
    at = _app()
    set_setting(at, "market_cut", 1.0)
    set_setting(at, "need_cut", 2.0)
    points = chart_points(at)
    # With the market cut at 1 every position is strong; with the need cut at 2 only a need
    # of 2 is strong, so Bedrijfshuisvesting stays and Handel en horeca moves to Verminder.
    for sid in services["id"]:
        expected = _expected(services, sid, 0.0, market_cut=1.0, need_cut=2.0)
        assert points.loc[sid, "quadrant"] == expected, sid
    assert points.loc["ruimte-e4", "quadrant"] == "verminder"


def test_what_if_sliders_move_a_service(services: pd.DataFrame) -> None:
    at = _app()
    at.selectbox(key="what_if_service").set_value("ruimte-o6").run()
    # Mobiliteit: market 1, need 2 today → Creëer; a market position of 1.8 is strong.
    assert chart_points(at).loc["ruimte-o6", "quadrant"] == _expected(services, "ruimte-o6", 0)
    assert at.slider(key="what_if_market").value == pytest.approx(1.0)
    at.slider(key="what_if_market").set_value(1.8).run()
    assert not at.exception
    points = chart_points(at)
    assert points.loc["ruimte-o6", "quadrant"] == "vermeerder"
    assert at.session_state["overrides"] == {"ruimte-o6": {"market": 1.8}}
    # The what-if survives a change of horizon and shows on the domain page too.
    set_setting(at, "horizon", 100)
    assert chart_points(at).loc["ruimte-o6", "quadrant"] == "vermeerder"
    at.switch_page("pages/1_Ruimte.py").run()
    assert chart_points(at).loc["ruimte-o6", "quadrant"] == "vermeerder"


def test_reset_all_removes_what_ifs(services: pd.DataFrame) -> None:
    at = _app()
    at.selectbox(key="what_if_service").set_value("ruimte-o6").run()
    at.slider(key="what_if_need").set_value(1.0).run()
    assert chart_points(at).loc["ruimte-o6", "quadrant"] == "elimineer"
    at.button(key="reset_ruimte-o6").click().run()
    assert at.session_state["overrides"] == {}
    assert chart_points(at).loc["ruimte-o6", "quadrant"] == _expected(services, "ruimte-o6", 0)
    at.slider(key="what_if_need").set_value(1.0).run()
    at.button(key="reset_all").click().run()
    at.button(key="reset_all_yes").click().run()  # issue 18, item 13: it asks first
    assert at.session_state["overrides"] == {}


def test_settings_come_from_the_url(services: pd.DataFrame) -> None:
    at = _app(horizon="100", market_cut="1.2")
    assert shown_setting(at, "horizon") == 100
    assert shown_setting(at, "market_cut") == pytest.approx(1.2)
    points = chart_points(at)
    for sid in services["id"]:
        assert points.loc[sid, "quadrant"] == _expected(services, sid, 1.0, market_cut=1.2)


def test_a_link_to_a_deleted_scenario_says_so_once_and_shows_the_plan(
    services: pd.DataFrame,
) -> None:
    at = _app(scenario="0123456789ab", horizon="100")
    assert [w.value for w in at.warning] == [t("scenario_missing")]
    # The rest of the link still counts: the horizon from the URL, on the plan's own data.
    points = chart_points(at)
    for sid in services["id"]:
        assert points.loc[sid, "quadrant"] == _expected(services, sid, 1.0), sid
    set_setting(at, "horizon", 50)
    assert [w.value for w in at.warning] == []


def test_domain_filter_limits_the_overview(services: pd.DataFrame) -> None:
    at = _app()
    at.pills(key="domains").set_value(["MENS"]).run()
    points = chart_points(at)
    assert sorted(points.index) == sorted(services[services["domain"] == "MENS"]["id"])


def test_shifts_list_the_services_that_moved(services: pd.DataFrame) -> None:
    at = _app(horizon="100")
    shown = next(
        df.value for df in at.dataframe if "Van" in df.value.columns and "Naar" in df.value.columns
    )
    moved = [
        sid
        for sid in services["id"]
        if _expected(services, sid, 0.0) != _expected(services, sid, 1.0)
    ]
    assert len(shown) == len(moved)
    e1 = shown[shown["Code"] == "e1"].iloc[0]
    assert (e1["Van"], e1["Naar"]) == (quadrant_label("elimineer"), quadrant_label("vermeerder"))


def test_plan_versus_matrix_flags_disagreements(services: pd.DataFrame) -> None:
    at = _app("pages/4_Plan_versus_matrix.py")
    table = at.dataframe[0].value
    assert len(table) == len(services)
    row = table[table["Code"] == "e1"].iloc[0]
    # Ondernemerschap: the plan invests, the matrix says Elimineer today.
    assert row["Kwadrant"] == quadrant_label("elimineer")
    assert row["Overeenkomst"] == "te bespreken"
    set_setting(at, "horizon", 100)
    table = at.dataframe[0].value
    assert table[table["Code"] == "e1"].iloc[0]["Overeenkomst"] == "komt overeen"


def _found_ids(at: AppTest) -> set[str]:
    """The services the chart circles: its "found" dataset (sent as Arrow)."""
    chart = at.get("vega_lite_chart")[0]
    found = [
        convert_arrow_bytes_to_pandas_df(d.data.data)
        for d in chart.proto.datasets
        if d.name.startswith("found")
    ]
    return {sid for frame in found for sid in frame["id"]}


def test_search_circles_a_service_and_picks_it(services: pd.DataFrame) -> None:
    at = _app()
    assert _found_ids(at) == set()
    at.text_input(key="search_chart_overview").input("mobiliteit").run()
    assert not at.exception
    assert _found_ids(at) == {"ruimte-o6"}
    assert at.selectbox(key="what_if_service").value == "ruimte-o6"


def test_a_large_portfolio_is_drawn_dense_and_found_by_search(
    tmp_path, monkeypatch: pytest.MonkeyPatch, services: pd.DataFrame
) -> None:
    from igemo_data.ui import frame

    rows = []
    for copy in range(30):  # 1,170 services, the plan's scores repeated
        chunk = services.copy()
        chunk["id"] = chunk["id"] + f"-{copy}"
        chunk["name"] = chunk["name"] + f" {copy}"
        rows.append(chunk)
    big = pd.concat(rows, ignore_index=True)
    path = tmp_path / "groot.csv"
    big.to_csv(path, index=False)
    monkeypatch.setattr(frame, "DATA_PATH", path)
    at = _app()
    assert not at.exception
    chart = at.get("vega_lite_chart")[0]
    spec = json.loads(chart.proto.spec)
    # The dots travel as Arrow, the chart's top-level data, not as JSON in the spec.
    dots = convert_arrow_bytes_to_pandas_df(chart.proto.data.data)
    assert sorted(dots["id"]) == sorted(big["id"])
    assert len(chart.proto.spec) < 100_000
    assert spec["usermeta"]["embedOptions"]["renderer"] == "canvas"
    assert at.selectbox(key="what_if_service").options == []
    at.text_input(key="search_chart_overview").input("mobiliteit 17").run()
    assert _found_ids(at) == {"ruimte-o6-17"}
    assert at.selectbox(key="what_if_service").value == "ruimte-o6-17"
    at.slider(key="what_if_market").set_value(2.0).run()
    assert not at.exception
    assert at.session_state["overrides"] == {"ruimte-o6-17": {"market": 2.0}}


def test_a_what_if_on_a_service_named_in_markdown_is_listed_as_text(
    services: pd.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from igemo_data.ui import frame

    named = services.copy()
    name = "[Klik hier](https://example.org) **vet**"
    named.loc[named["id"] == "ruimte-o6", "name"] = name
    path = tmp_path / "namen.csv"
    named.to_csv(path, index=False)
    monkeypatch.setattr(frame, "DATA_PATH", path)
    at = _app()
    at.selectbox(key="what_if_service").set_value("ruimte-o6").run()
    at.slider(key="what_if_market").set_value(2.0).run()
    assert not at.exception
    listed = [m.value for m in at.markdown if "Klik hier" in m.value]
    assert listed == [f"**o6** {escape_markdown(name)}"]
    assert "[Klik hier](" not in listed[0] and "**vet**" not in listed[0]


def test_a_slider_move_changes_only_the_charts_data() -> None:
    """The browser keeps the drawn chart: a horizon move sends the same spec and the same rows
    (every step's layout is in them; issue 17), and the rows the chart shows are another step's."""
    at = _app()
    before = at.get("vega_lite_chart")[0]
    spec, rows = before.proto.spec, [d.data.data for d in before.proto.datasets]
    shown = chart_points(at)[["x", "y"]]
    set_setting(at, "horizon", 50)
    after = at.get("vega_lite_chart")[0]
    assert after.proto.spec == spec
    assert [d.data.data for d in after.proto.datasets] == rows
    assert not chart_points(at)[["x", "y"]].equals(shown)


def test_the_imports_are_out_of_the_collectors_sight_after_the_first_page() -> None:
    """Streamlit collects garbage after every run; what our imports bring must not be walked."""
    probe = (
        "import gc, streamlit, igemo_data.ui.frame\n"
        "print(gc.get_freeze_count(), len(gc.get_objects()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    frozen, walked = map(int, done.stdout.split())
    assert frozen > 10 * walked, (frozen, walked)


# --- Issue 18, item 7: readable arrows, also on the domain pages ---------------------------------


def _chart_rows(at: AppTest, prefix: str) -> pd.DataFrame:
    """The rows of the first chart's layers whose data is named `prefix…` (inline or sent
    as an Arrow dataset)."""
    chart = at.get("vega_lite_chart")[0]
    spec = json.loads(chart.proto.spec)
    named = {d.name: convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets}
    named |= {name: pd.DataFrame(rows) for name, rows in spec.get("datasets", {}).items()}
    frames = []
    for layer in spec.get("layer", []):
        data = layer.get("data") or {}
        if str(data.get("name", "")).startswith(prefix):
            frames.append(pd.DataFrame(data["values"]) if "values" in data else named[data["name"]])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["id"])


def _movers(services: pd.DataFrame, *, crossing: bool) -> set[str]:
    moving = services[
        (services["market_current"] != services["market_potential"])
        | (services["need_current"] != services["need_future"])
    ]["id"]
    return {
        sid
        for sid in moving
        if not crossing or _expected(services, sid, 0.0) != _expected(services, sid, 1.0)
    }


def test_only_what_moves_keeps_the_arrows_that_change_quadrant(services: pd.DataFrame) -> None:
    # o7 keeps its quadrant at these cuts (1 → 1.4 in market, need stays 1): no arrow then.
    at = _app(arrows="1", horizon="50", market_cut="1.5")
    only = at.toggle(key="only_moves")
    assert only.label == t("only_moves_toggle") and not only.disabled
    all_heads = set(_chart_rows(at, "arrow_heads")["id"])
    assert all_heads == _movers(services, crossing=False)
    only.set_value(True).run()
    assert not at.exception
    heads = set(_chart_rows(at, "arrow_heads")["id"])
    assert heads == _movers(services, crossing=True)
    assert at.query_params.get("only_moves") in ("1", ["1"])
    # The key on the chart names the horizon shown.
    words = set(_chart_rows(at, "arrow_key_")["text"])
    assert t("arrow_key_filled", percent=50) in words


def test_only_what_moves_comes_from_the_link(services: pd.DataFrame) -> None:
    at = _app(arrows="1", only_moves="1")
    assert at.toggle(key="only_moves").value is True
    assert set(_chart_rows(at, "arrow_heads")["id"]) == _movers(services, crossing=True)


def test_a_domain_page_has_the_arrows_and_the_shifts(services: pd.DataFrame) -> None:
    at = _app("pages/1_Ruimte.py", horizon="100")
    assert _chart_rows(at, "arrow_heads").empty
    assert at.toggle(key="only_moves").disabled
    at.toggle(key="arrows").set_value(True).run()
    assert not at.exception
    ruimte = set(services[services["domain"] == "RUIMTE"]["id"])
    assert set(_chart_rows(at, "arrow_heads")["id"]) == _movers(services, crossing=False) & ruimte
    at.toggle(key="only_moves").set_value(True).run()
    assert set(_chart_rows(at, "arrow_heads")["id"]) == _movers(services, crossing=True) & ruimte
    # The shifts list, as on the overview: e1 from Elimineer to Vermeerder.
    assert any(s.value == t("shifts_title") for s in at.subheader)
    shown = next(
        df.value for df in at.dataframe if "Van" in df.value.columns and "Naar" in df.value.columns
    )
    e1 = shown[shown["Code"] == "e1"].iloc[0]
    assert (e1["Van"], e1["Naar"]) == (quadrant_label("elimineer"), quadrant_label("vermeerder"))


# --- Issue 18, items 8, 13 and 16 -------------------------------------------------------------


def _html_texts(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def test_reset_all_asks_before_clearing_every_what_if(services: pd.DataFrame) -> None:
    at = _app(whatif="ruimte-o6:m1.8;mens-s4:n1")
    kept = {"ruimte-o6": {"market": 1.8}, "mens-s4": {"need": 1.0}}
    assert at.session_state["overrides"] == kept
    reset = at.button(key="reset_all")
    assert reset.proto.type != "primary", "a reset of everything is not the page's main action"
    reset.click().run()
    assert at.session_state["overrides"] == kept, "one click clears nothing"
    assert [w.value for w in at.warning] == [t("reset_all_confirm", count=2)]
    at.button(key="reset_all_cancel").click().run()
    assert at.session_state["overrides"] == kept and not at.warning
    at.button(key="reset_all").click().run()
    at.button(key="reset_all_yes").click().run()
    assert at.session_state["overrides"] == {}
    assert chart_points(at).loc["ruimte-o6", "quadrant"] == _expected(services, "ruimte-o6", 0)
    assert not at.warning


def test_presentation_shows_horizon_cuts_and_counts_and_steps_the_horizon(
    services: pd.DataFrame,
) -> None:
    at = _app(present="1", market_cut="1.4")
    status = next(body for body in _html_texts(at) if "Tijdshorizon" in body)
    assert "Tijdshorizon 0 %" in status and "Grens marktpositie 1,4" in status
    assert "Grens behoefte 1,5" in status
    grid = next(body for body in _html_texts(at) if "data-quadrant" in body)
    points = chart_points(at)
    shown = {key: number for key, _, number in count_cells(grid)}
    assert shown == {q: int((points["quadrant"] == q).sum()) for q in shown}
    assert sum(shown.values()) == len(services)
    for _ in range(10):
        at.button(key="present_horizon_up").click().run()
    assert not at.exception
    assert shown_setting(at, "horizon") == 50
    assert any("Tijdshorizon 50 %" in body for body in _html_texts(at))
    points = chart_points(at)
    for sid in services["id"]:
        assert points.loc[sid, "quadrant"] == _expected(services, sid, 0.5, market_cut=1.4), sid
    for _ in range(12):
        at.button(key="present_horizon_down").click().run()
    assert shown_setting(at, "horizon") == 0  # no lower than now
    # The buttons carry no arrow icon: Streamlit shows their key (← →) on them already.
    assert not at.button(key="present_previous").proto.icon
    assert not at.button(key="present_next").proto.icon


def test_the_settings_reset_says_the_what_ifs_stay() -> None:
    at = _app(whatif="ruimte-o6:m1.8", horizon="50")
    reset = next(b for b in at.sidebar.button if b.label == t("reset_settings"))
    assert "blijven staan" in reset.help
    reset.click().run()
    assert shown_setting(at, "horizon") == 0
    assert at.session_state["overrides"] == {"ruimte-o6": {"market": 1.8}}


def test_presentation_draws_the_overviews_marks(services: pd.DataFrame) -> None:
    """Arrows with one filled marker per service and tails, rings and count changes: the room
    reads the same marks in presentation as on the overview (issue 18, items 1, 6 and 8)."""
    at = _app(present="1", arrows="1", horizon="50")
    assert not at.exception
    # The overview's scheme: a tail dot where a service stands now, at most one white marker
    # where it stands at 100 % (the old scheme drew a second white copy at 50 %).
    tails, ends = _chart_rows(at, "arrow_tails"), _chart_rows(at, "arrow_ends")
    assert len(tails) > 0 and not tails["id"].duplicated().any()
    assert len(ends) > 0 and not ends["id"].duplicated().any()
    rings = _chart_rows(at, "moved_rings")
    moved = {
        sid
        for sid in services["id"]
        if _expected(services, sid, 0.5) != _expected(services, sid, 0.0)
    }
    assert set(rings["id"]) == moved
    grid = next(body for body in _html_texts(at) if "data-quadrant" in body)
    assert "data-change" in grid


# --- Issue 18, item 9: the sidebar's pages in groups ----------------------------------------


def test_the_sidebar_groups_every_page_once_and_names_the_groups() -> None:
    from igemo_data.ui.sidebar import PAGE_GROUPS

    grouped = [file for _, pages in PAGE_GROUPS for file, *_ in pages]
    assert len(grouped) == len(set(grouped)) and set(grouped) == set(PAGE_FILES)
    assert [file for file, *_ in PAGES] == grouped  # the sidebar's order is the groups' order
    at = _app()
    shown = [caption.value for caption in at.sidebar.caption]
    assert {"Workshop", "Bewaren en vergelijken", "Gegevens"} <= set(shown)
