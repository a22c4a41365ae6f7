"""Strategiekaart 8.3: every service under the plan's three headings, as decided and as placed now.

Expected headings and counts are derived here from data/services.csv with plain csv reading,
design §3's rule and the mapping of issue 8 written out by hand, never read back from the app.
"""

from __future__ import annotations

import csv
import json
import struct
from collections import Counter
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from apptest_support import set_setting
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from igemo_data import classify, strategy_map, url_state
from igemo_data.charts import export, text_metrics
from igemo_data.charts import strategy_map as strategy_map_charts
from igemo_data.charts.strategy_map import strategy_map_chart
from igemo_data.schema import DECISIONS, QUADRANTS
from igemo_data.settings import Settings
from igemo_data.strategy_map import heading_counts

ROOT = Path(__file__).resolve().parent.parent
SERVICES_CSV = ROOT / "data" / "services.csv"
PAGE = "pages/10_Strategiekaart_8_3.py"
ON = date(2026, 11, 26)
TOLERANCE = 1e-9

# Issue 8: the plan's decisions and the matrix's quadrants under part 8.3's three headings.
DECISION_TO_HEADING = {
    "invest": "invest",
    "wait": "reduce",
    "niche": "reduce",
    "phase_out": "eliminate",
    "no_invest": "eliminate",
    "": "",
}
QUADRANT_TO_HEADING = {
    "vermeerder": "invest",
    "creeer": "invest",
    "verminder": "reduce",
    "elimineer": "eliminate",
}
HEADING_WORDS = {
    "invest": "Vermeerderen en creëren (investeren)",
    "reduce": "Verminderen / afwachten / niches",
    "eliminate": "Elimineren",
}


# --- The expected answer, from the data file ------------------------------------------------


def read_services() -> list[dict[str, str]]:
    with SERVICES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


SERVICES = read_services()


def quadrant(row: dict[str, str], horizon: float, override: dict[str, float] | None = None):
    override = override or {}
    market = (1 - horizon) * float(row["market_current"]) + horizon * float(row["market_potential"])
    need = (1 - horizon) * float(row["need_current"]) + horizon * float(row["need_future"])
    market = override.get("market", market)
    need = override.get("need", need)
    strong_market, strong_need = market >= 1.5 - TOLERANCE, need >= 1.5 - TOLERANCE
    if strong_need:
        return "vermeerder" if strong_market else "creeer"
    return "verminder" if strong_market else "elimineer"


def expected_headings(horizon: float = 0.0, overrides=None) -> dict[str, tuple[str, str]]:
    """id -> (plan heading, matrix heading)."""
    return {
        row["id"]: (
            DECISION_TO_HEADING[row["plan_decision"]],
            QUADRANT_TO_HEADING[quadrant(row, horizon, (overrides or {}).get(row["id"]))],
        )
        for row in SERVICES
    }


def expected_differing(horizon: float = 0.0, overrides=None) -> int:
    return sum(
        1
        for plan, matrix in expected_headings(horizon, overrides).values()
        if plan and plan != matrix
    )


# --- The mapping -----------------------------------------------------------------------------


@pytest.mark.parametrize("decision", [*DECISIONS, ""])
def test_every_plan_decision_has_its_heading(decision: str) -> None:
    assert strategy_map.plan_heading(decision) == DECISION_TO_HEADING[decision]


def test_a_missing_decision_is_not_stated() -> None:
    assert strategy_map.plan_heading(None) == ""
    assert strategy_map.plan_heading(float("nan")) == ""


@pytest.mark.parametrize("quadrant_key", QUADRANTS)
def test_every_quadrant_has_its_heading(quadrant_key: str) -> None:
    assert strategy_map.matrix_heading(quadrant_key) == QUADRANT_TO_HEADING[quadrant_key]


def test_every_heading_has_the_plans_words() -> None:
    for heading, words in HEADING_WORDS.items():
        assert strategy_map.heading_label(heading, "nl") == words
    assert strategy_map.heading_label("", "nl") == "Niet vermeld in de tekst"


# --- The map of the bundled data -------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_map(services: pd.DataFrame) -> pd.DataFrame:
    return strategy_map.strategy_map(classify(services))


def test_counts_per_heading_at_horizon_zero(plan_map: pd.DataFrame) -> None:
    expected = expected_headings(0.0)
    plan = Counter(p for p, _ in expected.values())
    matrix = Counter(m for _, m in expected.values())
    counts = heading_counts(plan_map).set_index("heading")
    for heading in ("invest", "reduce", "eliminate"):
        assert counts.loc[heading, "plan"] == plan[heading], heading
        assert counts.loc[heading, "matrix"] == matrix[heading], heading
    assert counts.loc["not_stated", "plan"] == plan[""]
    assert counts.loc["not_stated", "matrix"] == 0
    assert counts["plan"].sum() == counts["matrix"].sum() == len(SERVICES)


def test_every_service_once_in_the_plans_order(plan_map: pd.DataFrame) -> None:
    # The file lists the services as the plan does, werkdomein by werkdomein, cluster by cluster.
    assert list(plan_map["id"]) == [row["id"] for row in SERVICES]
    assert list(plan_map.columns[:7]) == [
        "id",
        "domain",
        "cluster",
        "code",
        "name",
        "plan_decision",
        "quadrant",
    ]


def test_headings_and_differences_per_service(plan_map: pd.DataFrame) -> None:
    expected = expected_headings(0.0)
    for row in plan_map.itertuples():
        plan, matrix = expected[row.id]
        assert (row.plan_heading, row.matrix_heading) == (plan, matrix), row.id
        assert row.differs == (plan != "" and plan != matrix), row.id
    assert strategy_map.differing_count(plan_map) == expected_differing(0.0)


def test_a_service_the_plan_does_not_state_never_differs(plan_map: pd.DataFrame) -> None:
    silent = plan_map[plan_map["plan_heading"] == ""]
    assert set(silent["id"]) == {row["id"] for row in SERVICES if not row["plan_decision"]}
    assert not silent["differs"].any()
    assert strategy_map.stated_count(plan_map) == len(SERVICES) - len(silent)


def test_clusters_stay_together_in_the_order_the_plan_names_them() -> None:
    table = pd.DataFrame(
        {
            "id": ["a-1", "b-1", "a-2", "a-3"],
            "domain": ["A", "B", "A", "A"],
            "cluster": ["x", "y", "z", "x"],
            "code": ["1", "1", "2", "3"],
            "name": ["one", "two", "three", "four"],
            "plan_decision": ["invest", "", "wait", None],
            "quadrant": ["elimineer", "creeer", "verminder", "vermeerder"],
        }
    )
    frame = strategy_map.strategy_map(table)
    assert list(frame["id"]) == ["a-1", "a-3", "a-2", "b-1"]
    assert list(frame["differs"]) == [True, False, False, False]


def test_a_what_if_across_a_cut_line_changes_the_map(services: pd.DataFrame) -> None:
    # Gezin en opvoeding (s4) scores 1 everywhere (Elimineer); the plan says "afwachten".
    what_if = {"mens-s4": {"market": 2.0, "need": 2.0}}
    before = strategy_map.strategy_map(classify(services)).set_index("id")
    after = strategy_map.strategy_map(classify(services, overrides=what_if)).set_index("id")
    assert expected_headings(0.0)["mens-s4"] == ("reduce", "eliminate")
    assert expected_headings(0.0, what_if)["mens-s4"] == ("reduce", "invest")
    assert before.loc["mens-s4", "matrix_heading"] == "eliminate"
    assert after.loc["mens-s4", "matrix_heading"] == "invest"
    assert after.loc["mens-s4", "differs"]
    assert heading_counts(after).set_index("heading").loc["invest", "matrix"] == (
        heading_counts(before).set_index("heading").loc["invest", "matrix"] + 1
    )
    assert (
        _placed(strategy_map_chart(after.reset_index()), "mens-s4", "matrix")
        == HEADING_WORDS["invest"]
    )


def test_a_quadrant_move_under_the_same_heading_leaves_the_map(services: pd.DataFrame) -> None:
    # Mobiliteit (o6): market 1, need 2 is Creëer; market 1.8 makes it Vermeerder: both invest.
    what_if = {"ruimte-o6": {"market": 1.8}}
    before = strategy_map.strategy_map(classify(services))
    after = strategy_map.strategy_map(classify(services, overrides=what_if))
    assert before.set_index("id").loc["ruimte-o6", "quadrant"] == "creeer"
    assert after.set_index("id").loc["ruimte-o6", "quadrant"] == "vermeerder"
    pd.testing.assert_frame_equal(before.drop(columns="quadrant"), after.drop(columns="quadrant"))


def test_the_horizon_moves_services_across_headings(services: pd.DataFrame) -> None:
    future = strategy_map.strategy_map(classify(services, horizon=1.0))
    assert strategy_map.differing_count(future) == expected_differing(1.0)
    assert future.set_index("id").loc["ruimte-e1", "matrix_heading"] == "invest"


# --- The chart -------------------------------------------------------------------------------


def _datasets(spec: dict) -> pd.DataFrame:
    return pd.concat([pd.DataFrame(rows) for rows in spec["datasets"].values()], ignore_index=True)


def _name_lines(chart) -> pd.DataFrame:
    rows = _datasets(chart.to_dict())
    return rows[rows["id"].notna()] if "id" in rows else rows.iloc[0:0]


def _placed(chart, service_id: str, side: str) -> str:
    """The heading a service's name is drawn under, read from its description."""
    lines = _name_lines(chart)
    first = lines[(lines["id"] == service_id) & (lines["side"] == side) & lines["first"]]
    assert len(first) == 1
    return first["description"].iloc[0].split(": ", 1)[1].split(" · ")[0]


def _font_sizes(spec: dict) -> set[float]:
    return {
        layer["mark"]["fontSize"]
        for layer in spec["layer"]
        if isinstance(layer.get("mark"), dict) and layer["mark"].get("type") == "text"
    }


def test_the_chart_names_every_service_on_both_sides(plan_map: pd.DataFrame) -> None:
    chart = strategy_map_chart(plan_map, lang="nl")
    lines = _name_lines(chart)
    for row in SERVICES:
        for side in ("plan", "matrix"):
            own = lines[(lines["id"] == row["id"]) & (lines["side"] == side)]
            # Long names wrap: their lines, read in order, give the name back.
            assert " ".join(own["text"]) == row["name"], (row["id"], side)
    text = json.dumps(chart.to_dict(), ensure_ascii=False)
    for words in HEADING_WORDS.values():
        assert words in text
    assert "Niet vermeld in de tekst".lower() in text


def test_the_chart_marks_exactly_the_differing_services(plan_map: pd.DataFrame) -> None:
    spec = strategy_map_chart(plan_map, lang="nl").to_dict()
    lines = _name_lines(strategy_map_chart(plan_map, lang="nl"))
    bold = {
        (row["id"], row["side"])
        for row in lines[lines["first"] & lines["differs"]].to_dict("records")
    }
    differing = {sid for sid, (p, m) in expected_headings(0.0).items() if p and p != m}
    assert bold == {(sid, side) for sid in differing for side in ("plan", "matrix")}
    chips = [
        layer
        for layer in spec["layer"]
        if isinstance(layer.get("mark"), dict) and layer["mark"].get("stroke") == "#D55E00"
    ]
    assert len(chips) == 1
    # One chip per differing service on each side, and one in the key.
    assert len(spec["datasets"][chips[0]["data"]["name"]]) == 2 * len(differing) + 1


def test_the_chart_is_legible_on_a_projector(services: pd.DataFrame) -> None:
    for horizon in (0.0, 0.5, 1.0):
        frame = strategy_map.strategy_map(classify(services, horizon=horizon))
        spec = strategy_map_chart(frame, lang="nl").to_dict()
        assert min(_font_sizes(spec)) >= 16, horizon


def test_an_empty_selection_still_draws(services: pd.DataFrame) -> None:
    empty = strategy_map.strategy_map(classify(services).iloc[0:0])
    assert empty.empty
    assert heading_counts(empty)["plan"].sum() == 0
    strategy_map_chart(empty, lang="en").to_dict()


def test_wrapping_keeps_every_word_and_breaks_between_words() -> None:
    name = "Ruimtelijke ordening en stedenbouw"
    lines = text_metrics.wrap(name, 200, 18)
    assert len(lines) == 2 and " ".join(lines) == name
    assert all(text_metrics.text_width(line, 18) <= 200 for line in lines)
    assert text_metrics.wrap("Ondernemerschap", 10, 18) == ["Ondernemerschap"]
    assert text_metrics.text_width("Ab", 18, bold=True) > text_metrics.text_width("Ab", 18)


# --- The slide -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def slide(services: pd.DataFrame) -> dict:
    frame = strategy_map.strategy_map(classify(services, horizon=0.5))
    return strategy_map_charts.slide(
        frame,
        Settings(horizon=0.5, domains=("RUIMTE", "MENS")),
        lang="nl",
        scenario_name="Workshop <mei> & co",
        on=ON,
    )


def test_the_slide_is_full_hd_white_and_legible(slide: dict) -> None:
    assert (slide["width"], slide["height"]) == (1920, 1080)
    assert slide["background"] == "white"
    assert min(_font_sizes(slide)) >= 16


@pytest.mark.parametrize("horizon", [0.0, 0.25, 0.5, 0.75, 1.0])
def test_the_bundled_map_fits_a_slide_at_every_horizon(
    services: pd.DataFrame, horizon: float
) -> None:
    frame = strategy_map.strategy_map(classify(services, horizon=horizon))
    spec = strategy_map_charts.slide(frame, Settings(), lang="nl", scenario_name="x", on=ON)
    assert (spec["width"], spec["height"]) == (1920, 1080)
    assert min(_font_sizes(spec)) >= 16


def test_the_slide_png_is_twice_a_full_hd_slide(slide: dict) -> None:
    data = export.png(slide)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (2 * 1920, 2 * 1080)


def test_the_slide_pdf_is_a_pdf(slide: dict) -> None:
    data = export.pdf(slide)
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


def test_the_slide_names_the_map_the_scenario_and_the_date(slide: dict) -> None:
    text = export.svg(slide)
    assert "Strategiekaart 8.3 — Workshop &lt;mei&gt; &amp; co" in text
    assert "26-11-2026" in text
    assert "Ruimte, Mens" in text
    assert "Volgens het plan" in text and "Volgens de matrix bij tijdshorizon 50 %" in text
    assert "matrix nu" not in text  # issue 18, item 4: the horizon shown, never "nu" at 50 %


# --- The page --------------------------------------------------------------------------------


def _page(**query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query)
    at.switch_page(PAGE)
    return at.run()


def _chart_rows(at: AppTest) -> pd.DataFrame:
    """The rows of the page's chart that are service names, wherever Streamlit put the data."""
    chart = at.get("vega_lite_chart")[0]
    frames = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets]
    frames += [
        pd.DataFrame(rows) for rows in json.loads(chart.proto.spec).get("datasets", {}).values()
    ]
    named = [f for f in frames if "id" in f.columns and "side" in f.columns]
    return pd.concat(named, ignore_index=True)


def _differing_metric(at: AppTest) -> int:
    return int(at.metric[0].value.split("/")[0])


def test_the_page_runs_and_follows_the_horizon_slider() -> None:
    at = _page()
    assert not at.exception, at.exception
    assert at.title[0].value == "Strategiekaart 8.3"
    assert _differing_metric(at) == expected_differing(0.0)
    assert len(at.get("vega_lite_chart")) == 1
    assert {button.proto.label for button in at.get("download_button")} == {
        "Strategiekaart (PNG)",
        "Strategiekaart (PDF)",
    }

    set_setting(at, "horizon", 100)
    assert not at.exception
    assert expected_differing(1.0) != expected_differing(0.0)
    assert _differing_metric(at) == expected_differing(1.0)


def test_the_page_shows_the_counts_per_heading() -> None:
    at = _page()
    table = at.dataframe[0].value
    expected = expected_headings(0.0)
    plan = Counter(p for p, _ in expected.values())
    matrix = Counter(m for _, m in expected.values())
    assert list(table.iloc[:, 1]) == [plan["invest"], plan["reduce"], plan["eliminate"], plan[""]]
    assert list(table.iloc[:3, 2]) == [matrix["invest"], matrix["reduce"], matrix["eliminate"]]


def test_the_page_follows_the_what_ifs() -> None:
    what_if = {"mens-s4": {"market": 2.0, "need": 2.0}}
    at = _page(whatif=url_state.encode_overrides(what_if))
    assert not at.exception
    # s4 stays "different", from Elimineren to Vermeerderen: the count holds, its place moves.
    assert _differing_metric(at) == expected_differing(0.0, what_if)
    rows = _chart_rows(at)
    s4 = rows[(rows["id"] == "mens-s4") & (rows["side"] == "matrix") & rows["first"].astype(bool)]
    assert HEADING_WORDS["invest"] in s4["description"].iloc[0]


def test_the_page_follows_the_cut_lines() -> None:
    at = _page()
    set_setting(at, "market_cut", 1.0)
    assert not at.exception
    # Every market position is ≥ 1: nothing is weak on the market axis, nothing is eliminated.
    table = at.dataframe[0].value
    assert table.iloc[2, 2] == 0


def test_the_page_follows_the_werkdomeinen() -> None:
    at = _page(domains="MENS")
    assert not at.exception
    mens = [row["id"] for row in SERVICES if row["domain"] == "MENS"]
    assert sorted(set(_chart_rows(at)["id"])) == sorted(mens)
    differing = {sid for sid, (p, m) in expected_headings(0.0).items() if p and p != m}
    assert _differing_metric(at) == len(differing & set(mens))

    nothing = _page(domains="")
    assert not nothing.exception
    assert nothing.info[0].value == "Kies in de zijbalk minstens één werkdomein."
    assert not nothing.get("vega_lite_chart")


def test_the_page_runs_in_english() -> None:
    at = _page(lang="en")
    assert not at.exception
    assert at.title[0].value == "Strategy map 8.3"
    assert _differing_metric(at) == expected_differing(0.0)


# --- In a browser ------------------------------------------------------------------------------


@pytest.mark.browser
def test_the_page_in_a_browser_moves_a_service_when_the_horizon_crosses_a_cut() -> None:
    """Opens the page from a direct link, saves screenshots, and presses the horizon slider:
    Ondernemerschap (e1, 1 → 2 on both axes) reaches both cuts at 50 % and moves on the
    matrix side from Elimineren to the plan's own heading."""
    from browser import (
        StreamlitServer,
        exceptions,
        launch_chromium,
        new_context,
        open_app,
        press_slider,
        require_chromium,
        screenshot,
    )
    from playwright.sync_api import expect, sync_playwright

    require_chromium()
    row = next(r for r in SERVICES if r["id"] == "ruimte-e1")
    prefix = f"{row['name']} ({row['code']}, Ruimte) · Volgens de matrix bij tijdshorizon "

    def label(horizon: float) -> str:
        plan, matrix = expected_headings(horizon)["ruimte-e1"]
        state = (
            "andere hoofding dan in het plan"
            if plan != matrix
            else "zelfde hoofding als in het plan"
        )
        return f"{prefix}{round(horizon * 100)} %: {HEADING_WORDS[matrix]} · {state}"

    assert label(0.0) != label(0.5)
    with StreamlitServer() as server, sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            context = new_context(chromium)
            page = context.new_page()
            open_app(page, server.url + "/Strategiekaart_8_3")
            assert exceptions(page) == []
            expect(page.get_by_test_id("stMain").locator("h1")).to_have_text("Strategiekaart 8.3")
            e1 = page.locator(f'svg [aria-label^="{prefix}"]')
            expect(e1).to_have_attribute("aria-label", label(0.0))
            # Every service's name on both sides speaks to a screen reader.
            expect(page.locator('svg [aria-label*=" · Volgens "]')).to_have_count(2 * len(SERVICES))
            page.mouse.move(0, 0)
            screenshot(page, "strategiekaart-8-3")
            screenshot(page, "strategiekaart-8-3-full-page", full_page=True)

            press_slider(page, "Tijdshorizon", "ArrowRight", 10)
            expect(e1).to_have_attribute("aria-label", label(0.5))
            assert exceptions(page) == []
            screenshot(page, "strategiekaart-8-3-horizon-50")
            context.close()
        finally:
            chromium.close()
