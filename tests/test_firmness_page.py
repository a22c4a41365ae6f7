"""Issue 15 under AppTest: the page Gevoeligheid and the charts' toggle "Toon hoe vast"."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from apptest_support import chart_points
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from igemo_data.charts.firmness import marker_fill
from igemo_data.firmness import sensitivity

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/12_Gevoeligheid.py"


def _app(page_file: str = "app.py", **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query)
    if page_file != "app.py":
        at.switch_page(page_file)
    return at.run()


def _table_texts(at: AppTest) -> list[str]:
    """Every text the page's table chart writes (its datasets travel as Arrow)."""
    chart = at.get("vega_lite_chart")[0]
    frames = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets]
    for values in json.loads(chart.proto.spec).get("datasets", {}).values():
        frames.append(pd.DataFrame(values))
    return [text for frame in frames if "text" in frame for text in frame["text"]]


def test_the_page_lists_every_service_most_fragile_first(services: pd.DataFrame) -> None:
    at = _app(PAGE, horizon="50")
    assert not at.exception
    assert at.title[0].value == "Gevoeligheid"
    assert at.slider(key="uncertainty").value == 0.1
    texts = _table_texts(at)
    assert set(services["code"]) <= set(texts)
    # At 50 % the plan's e1-like services sit on both cuts: a coin toss, listed before e2
    # (2 everywhere, never leaves Vermeerder).
    codes = [c for c in texts if c in set(services["code"])]
    assert codes.index("e1") < codes.index("e2")
    assert "Potentiële marktpositie 2 → 1,9 brengt o7 van Verminder naar Elimineer" in texts


def test_no_uncertainty_leaves_every_service_where_it_is() -> None:
    at = _app(PAGE, horizon="50")
    at.slider(key="uncertainty").set_value(0.0).run()
    assert not at.exception
    shares = [t for t in _table_texts(at) if t.endswith(" %") and t[:-2].isdigit()]
    assert shares and set(shares) == {"100 %"}


def test_the_page_speaks_english() -> None:
    at = _app(PAGE, lang="en", horizon="50")
    assert not at.exception
    assert at.title[0].value == "Sensitivity"
    assert "Chances per quadrant" in _table_texts(at)


def assert_filled_by_their_chance(points, services, horizon: float) -> None:
    """Each marker filled by its chance to stay in its quadrant (the default uncertainty)."""
    expected = sensitivity(services, horizon=horizon, uncertainty=0.1).set_index("id")
    for service_id, row in points.iterrows():
        stay = expected.at[service_id, f"p_{row['quadrant']}"]
        assert abs(row["fill_opacity"] - float(marker_fill(stay))) < 1e-3


def test_the_toggle_fills_the_markers_and_is_kept_across_pages(services) -> None:
    at = _app(horizon="50")
    assert "fill_opacity" not in chart_points(at).columns
    at.toggle(key="firmness").set_value(True).run()
    assert not at.exception
    points = chart_points(at)
    assert_filled_by_their_chance(points, services, horizon=0.5)
    assert points.at["ruimte-e2", "fill_opacity"] == 1.0
    assert points.at["ruimte-e1", "fill_opacity"] < 0.7
    at.switch_page("pages/1_Ruimte.py").run()
    assert not at.exception
    assert at.toggle(key="firmness").value
    assert "fill_opacity" in chart_points(at).columns


def test_the_toggle_travels_in_the_link() -> None:
    # A copied link reproduces the screen (issue 17, item 4), "Toon hoe vast" included.
    at = _app(horizon="50")
    at.toggle(key="firmness").set_value(True).run()
    assert at.query_params.get("firmness") in ("1", ["1"])
    fresh = _app(horizon="50", firmness="1")
    assert not fresh.exception
    assert fresh.toggle(key="firmness").value
    assert "fill_opacity" in chart_points(fresh).columns


def test_presenting_with_the_toggle_fills_the_markers(services) -> None:
    # Presentation shows the marks the overview showed: "Toon hoe vast" from the link.
    at = _app(present="1", horizon="50", firmness="1")
    assert not at.exception
    assert_filled_by_their_chance(chart_points(at), services, horizon=0.5)
