"""The charts of `igemo_data.charts`, read back from the Vega-Lite spec they produce.

Geometry is checked the way a projector shows it: data coordinates are turned into pixels with
the chart's own scale domains and size, and every marker (with its code beside it) must stand
free of every other one, on its quadrant's side of both cut lines, inside the frame.
"""

from __future__ import annotations

import math
import random
import time

import altair as alt
import numpy as np
import pandas as pd
import pytest
import vl_convert as vlc

from igemo_data import charts, classify
from igemo_data.schema import DOMAINS, QUADRANTS
from igemo_data.texts import decision_label, domain_label, quadrant_label, t

CUT = 1.5
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Written out from design §3, not taken from the code under test.
STRONG_SIDES = {
    "vermeerder": (True, True),
    "creeer": (False, True),
    "verminder": (True, False),
    "elimineer": (False, False),
}
DUTCH_WORDS = {"vermeerder": "Vermeerder", "creeer": "Creëer", "verminder": "Verminder"}
DUTCH_WORDS["elimineer"] = "Elimineer"
# A bold sans-serif code is about this wide per character, in em.
CODE_EM = 0.6


# --- Reading a spec back ------------------------------------------------------------------------


def spec_of(chart: alt.TopLevelMixin) -> dict:
    return chart.to_dict()


def layer_data(spec: dict, layer: dict) -> pd.DataFrame:
    data = layer.get("data") or spec.get("data")
    if "values" in data:
        return pd.DataFrame(data["values"])
    return pd.DataFrame(spec["datasets"][data["name"]])


def mark_of(layer: dict) -> dict:
    mark = layer["mark"]
    return {"type": mark} if isinstance(mark, str) else mark


def point_layers(spec: dict) -> list[dict]:
    """Layers that draw service markers, solid or hollow (not arrowheads)."""
    return [
        layer
        for layer in spec["layer"]
        if mark_of(layer)["type"] == "point" and mark_of(layer).get("shape") != "triangle-up"
    ]


def solid_layer(spec: dict) -> dict:
    (layer,) = [layer for layer in point_layers(spec) if "description" in layer.get("encoding", {})]
    return layer


def hollow_layers(spec: dict) -> list[dict]:
    return [layer for layer in point_layers(spec) if mark_of(layer).get("filled") is False]


class Pixels:
    """Data → pixel conversion with the chart's own scales; pixel y runs down, as on screen."""

    def __init__(self, spec: dict) -> None:
        encoding = spec["layer"][0]["encoding"]
        self.x_domain = encoding["x"]["scale"]["domain"]
        self.y_domain = encoding["y"]["scale"]["domain"]
        self.width = spec["width"]
        self.height = spec["height"]

    def x(self, value):
        low, high = self.x_domain
        return (np.asarray(value, dtype=float) - low) / (high - low) * self.width

    def y(self, value):
        low, high = self.y_domain
        return self.height - (np.asarray(value, dtype=float) - low) / (high - low) * self.height


def marker_boxes(spec: dict) -> pd.DataFrame:
    """Every marker drawn (solid and hollow) and its code label, as pixel boxes."""
    pixels = Pixels(spec)
    solid = solid_layer(spec)
    size_range = solid["encoding"]["size"]["scale"]["range"]
    solid_side = math.sqrt(max(size_range))
    label_layers = [
        layer
        for layer in spec["layer"]
        if mark_of(layer)["type"] == "text"
        and layer["encoding"].get("text", {}).get("field") == "code"
    ]
    (label_mark,) = {(mark_of(layer)["dx"], mark_of(layer)["fontSize"]) for layer in label_layers}
    dx, font = label_mark
    rows = []
    for layer in point_layers(spec):
        data = layer_data(spec, layer)
        side = solid_side if layer is solid else math.sqrt(mark_of(layer)["size"])
        for row in data.itertuples(index=False):
            x, y = float(pixels.x(row.x)), float(pixels.y(row.y))
            rows.append(
                {
                    "id": row.id,
                    "code": row.code,
                    "hollow": layer is not solid,
                    "x": x,
                    "y": y,
                    "side": side,
                    "label_left": x + dx,
                    "label_right": x + dx + CODE_EM * font * len(str(row.code)),
                    "label_top": y - font / 2,
                    "label_bottom": y + font / 2,
                }
            )
    return pd.DataFrame(rows)


def condition_of(channel: dict) -> dict:
    condition = channel["condition"]
    (single,) = condition if isinstance(condition, list) else [condition]
    return single


def overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Do two boxes (left, top, right, bottom) share any area?"""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def collisions(boxes: pd.DataFrame) -> list[tuple[str, str, str]]:
    """Pairs whose markers overlap, or whose code runs into another marker or code."""
    items = []
    for row in boxes.itertuples(index=False):
        half = row.side / 2
        marker = (row.x - half, row.y - half, row.x + half, row.y + half)
        label = (row.label_left, row.label_top, row.label_right, row.label_bottom)
        name = f"{row.id}{' (hollow)' if row.hollow else ''}"
        items.append((name, marker, label))
    found = []
    for i, (name_a, marker_a, label_a) in enumerate(items):
        for name_b, marker_b, label_b in items[i + 1 :]:
            for what, box_a, box_b in (
                ("markers", marker_a, marker_b),
                ("code on marker", label_a, marker_b),
                ("marker on code", marker_a, label_b),
                ("codes", label_a, label_b),
            ):
                if overlaps(box_a, box_b):
                    found.append((name_a, name_b, what))
    return found


def random_services(seed: int, count: int, values: tuple[float, ...]) -> pd.DataFrame:
    """A plan-shaped table whose scores tie and nearly tie, e.g. 1.5 beside 1.52."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        domain = DOMAINS[i % len(DOMAINS)]
        rows.append(
            {
                "id": f"{domain.lower()}-x{i}",
                "domain": domain,
                "cluster": f"Cluster {i % 4}",
                "code": f"x{i}",
                "name": f"Dienst {i}",
                "description": "",
                "market_current": rng.choice(values),
                "market_potential": rng.choice(values),
                "need_current": rng.choice(values),
                "need_future": rng.choice(values),
                "plan_decision": "",
                "plan_note": "",
            }
        )
    return pd.DataFrame(rows)


# --- spread_positions ---------------------------------------------------------------------------


def test_spread_is_deterministic(services):
    first = charts.spread_positions(classify(services), market_cut=CUT, need_cut=CUT)
    second = charts.spread_positions(classify(services), market_cut=CUT, need_cut=CUT)
    pd.testing.assert_frame_equal(first, second)
    assert first["id"].tolist() == services["id"].tolist()


def test_spread_returns_a_copy_with_x_and_y(baseline):
    spread = charts.spread_positions(baseline, market_cut=CUT, need_cut=CUT)
    assert "x" not in baseline.columns
    assert spread[["x", "y"]].notna().all().all()
    pd.testing.assert_frame_equal(spread.drop(columns=["x", "y"]), baseline)


def test_a_what_if_moves_only_its_own_service(services, baseline):
    overrides = {"mens-s5": {"market": 1.8}, "ruimte-o6": {"need": 1.2}}
    with_what_ifs = classify(services, overrides=overrides)
    ghosts = baseline[baseline["id"].isin(list(overrides))]
    before = charts.spread_positions(baseline, market_cut=CUT, need_cut=CUT).set_index("id")
    after = charts.spread_positions(
        with_what_ifs, market_cut=CUT, need_cut=CUT, base=ghosts
    ).set_index("id")
    others = [i for i in before.index if i not in overrides]
    pd.testing.assert_frame_equal(before.loc[others, ["x", "y"]], after.loc[others, ["x", "y"]])
    for service_id in overrides:
        assert (before.loc[service_id, ["x", "y"]] != after.loc[service_id, ["x", "y"]]).any()


def test_services_away_from_a_what_if_keep_their_place_without_a_base(services, baseline):
    # ruimte-e2 leaves the crowd on (2, 2) for the empty Verminder quadrant; no ghost frame.
    moved = classify(services, overrides={"ruimte-e2": {"market": 1.9, "need": 1.1}})
    before = charts.spread_positions(baseline, market_cut=CUT, need_cut=CUT).set_index("id")
    after = charts.spread_positions(moved, market_cut=CUT, need_cut=CUT).set_index("id")
    old_spot = (baseline["market"] == 2) & (baseline["need"] == 2)
    unrelated = baseline.loc[~old_spot, "id"].tolist()
    assert len(unrelated) == 31
    pd.testing.assert_frame_equal(
        before.loc[unrelated, ["x", "y"]], after.loc[unrelated, ["x", "y"]]
    )


@pytest.mark.parametrize("horizon", [0.0, 0.5, 1.0])
def test_bundled_services_never_overlap(services, horizon):
    table = classify(services, horizon=horizon)
    spec = spec_of(charts.quadrant_chart(table, market_cut=CUT, need_cut=CUT))
    boxes = marker_boxes(spec)
    assert len(boxes) == len(services)
    assert collisions(boxes) == []


def test_bundled_spots_really_are_crowded(baseline):
    # The reason for spreading: the plan's 39 services share four spots at horizon 0.
    assert baseline.groupby(["market", "need"]).size().to_dict() == {
        (1.0, 1.0): 27,
        (1.0, 2.0): 4,
        (2.0, 2.0): 8,
    }


RANDOM_CASES = [
    # (seed, services, score values, horizon, market cut, need cut)
    (0, 39, (1.0, 2.0), 0.0, 1.5, 1.5),
    (1, 60, (1.0, 1.5, 2.0), 0.5, 1.5, 1.5),
    (2, 60, (1.0, 1.48, 1.5, 1.52, 2.0), 0.0, 1.5, 1.5),
    (3, 80, (1.0, 1.25, 1.5, 1.75, 2.0), 0.3, 1.5, 1.5),
    (4, 50, (1.0, 1.3, 1.32, 1.7, 2.0), 0.0, 1.3, 1.7),
    (5, 50, (1.0, 1.5, 2.0), 1.0, 1.25, 1.75),
    (6, 40, (1.0, 1.01, 1.99, 2.0), 0.0, 1.5, 1.5),
]


@pytest.mark.parametrize(
    ("seed", "count", "values", "horizon", "market_cut", "need_cut"), RANDOM_CASES
)
def test_random_ties_never_overlap_and_stay_on_their_side(
    seed, count, values, horizon, market_cut, need_cut
):
    table = classify(
        random_services(seed, count, values),
        horizon=horizon,
        market_cut=market_cut,
        need_cut=need_cut,
    )
    spec = spec_of(charts.quadrant_chart(table, market_cut=market_cut, need_cut=need_cut))
    boxes = marker_boxes(spec)
    assert collisions(boxes) == []
    assert_on_their_side(spec, table, market_cut, need_cut)


def assert_on_their_side(spec: dict, table: pd.DataFrame, market_cut: float, need_cut: float):
    """Each marker lies wholly on its quadrant's side of both cut lines, inside the frame."""
    pixels = Pixels(spec)
    boxes = marker_boxes(spec).query("not hollow").set_index("id")
    points = layer_data(spec, solid_layer(spec)).set_index("id")
    cut_x, cut_y = float(pixels.x(market_cut)), float(pixels.y(need_cut))
    for row in table.itertuples(index=False):
        market_strong, need_strong = STRONG_SIDES[row.quadrant]
        x, y = points.loc[row.id, "x"], points.loc[row.id, "y"]
        assert (x >= market_cut) == market_strong, (row.id, x)
        assert (y >= need_cut) == need_strong, (row.id, y)
        box = boxes.loc[row.id]
        half = box["side"] / 2
        if market_strong:
            assert box["x"] - half > cut_x, row.id
        else:
            assert box["label_right"] < cut_x, row.id
        if need_strong:
            assert box["y"] + half < cut_y, row.id  # screen y runs down
        else:
            assert box["y"] - half > cut_y, row.id
        assert box["x"] - half >= 0 and box["label_right"] <= pixels.width, row.id
        assert box["y"] - half >= 0 and box["y"] + half <= pixels.height, row.id


@pytest.mark.parametrize("horizon", [0.0, 0.5, 1.0])
@pytest.mark.parametrize(("market_cut", "need_cut"), [(1.5, 1.5), (1.3, 1.7), (1.0, 1.0)])
def test_bundled_services_stay_on_their_side(services, horizon, market_cut, need_cut):
    table = classify(services, horizon=horizon, market_cut=market_cut, need_cut=need_cut)
    spec = spec_of(charts.quadrant_chart(table, market_cut=market_cut, need_cut=need_cut))
    assert_on_their_side(spec, table, market_cut, need_cut)


def test_a_service_on_the_cut_spreads_into_the_strong_side(services):
    table = classify(services, horizon=0.5)  # e1 and seven others sit exactly on (1.5, 1.5)
    on_cut = table[(table["market"] == 1.5) & (table["need"] == 1.5)]
    assert len(on_cut) == 8
    spread = charts.spread_positions(on_cut, market_cut=CUT, need_cut=CUT)
    assert (spread["x"] >= CUT).all()
    assert (spread["y"] >= CUT).all()


def test_scores_of_one_and_two_sit_on_their_value_and_spread_inwards(baseline):
    spread = charts.spread_positions(baseline, market_cut=CUT, need_cut=CUT)
    for (market, need), group in spread.groupby(["market", "need"]):
        # Some service of the group sits exactly on its spot; the rest lie towards the cuts.
        assert ((group["x"] - market).abs().lt(1e-9) & (group["y"] - need).abs().lt(1e-9)).any()
        toward_x = np.sign(CUT - market)
        toward_y = np.sign(CUT - need)
        assert ((group["x"] - market) * toward_x >= -1e-9).all()
        assert ((group["y"] - need) * toward_y >= -1e-9).all()


def test_spread_of_a_thousand_services_is_quick():
    table = classify(random_services(7, 1000, (1.0, 1.25, 1.5, 1.75, 2.0)), horizon=0.4)
    start = time.perf_counter()
    spread = charts.spread_positions(table, market_cut=CUT, need_cut=CUT)
    elapsed = time.perf_counter() - start
    assert len(spread) == 1000
    assert elapsed < 1.0
    # Far beyond the room in a quadrant markers must share cells, but never leave their side.
    strong_x = table["market"] >= CUT
    assert ((spread["x"] >= CUT) == strong_x).all()


# --- quadrant_chart: the spec -------------------------------------------------------------------


@pytest.fixture(scope="module")
def overview(baseline) -> dict:
    return spec_of(charts.quadrant_chart(baseline, market_cut=1.3, need_cut=1.7))


@pytest.fixture(scope="module")
def baseline_13_17(services) -> pd.DataFrame:
    return classify(services, market_cut=1.3, need_cut=1.7)


def test_four_quadrant_backgrounds_with_the_dutch_words(overview):
    rects = [layer for layer in overview["layer"] if mark_of(layer)["type"] == "rect"]
    (background,) = rects
    tiles = layer_data(overview, background).set_index("quadrant")
    assert sorted(tiles.index) == sorted(QUADRANTS)
    colours = background["encoding"]["fill"]["scale"]
    assert len(set(colours["range"])) == 4
    words = {}
    for layer in overview["layer"]:
        if mark_of(layer)["type"] == "text" and layer["encoding"]["text"]["field"] == "word":
            data = layer_data(overview, layer)
            for row in data.itertuples(index=False):
                words[row.quadrant] = (row.word, row.x, row.word_y, mark_of(layer)["fontSize"])
    assert {key: value[0] for key, value in words.items()} == DUTCH_WORDS
    for quadrant, (_, x, y, size) in words.items():
        tile = tiles.loc[quadrant]
        assert tile["x"] <= x <= tile["x2"] and tile["y"] <= y <= tile["y2"], quadrant
        assert size >= 30
    # The words stay in the bands outside 1–2, where markers never go.
    assert all(y > 2 or y < 1 for _, _, y, _ in words.values())


def test_questions_under_the_words(overview):
    questions = set()
    for layer in overview["layer"]:
        if mark_of(layer)["type"] == "text" and layer["encoding"]["text"]["field"] == "question":
            questions |= set(layer_data(overview, layer)["question"])
    assert questions == {t(f"question_{q}", "nl") for q in QUADRANTS}


def test_cut_lines_drawn_at_the_cuts(overview):
    rules = [
        layer
        for layer in overview["layer"]
        if mark_of(layer)["type"] == "rule" and set(layer["encoding"]) in ({"x"}, {"y"})
    ]
    positions = {
        next(iter(layer["encoding"])): layer_data(overview, layer).iloc[0].tolist()
        for layer in rules
    }
    assert positions == {"x": [1.3], "y": [1.7]}
    for layer in rules:
        assert mark_of(layer)["strokeDash"]


def test_axes_titles_ticks_and_decimal_comma(overview):
    encoding = overview["layer"][0]["encoding"]
    assert encoding["x"]["axis"]["title"] == "Marktpositie"
    assert encoding["y"]["axis"]["title"] == "Behoefte"
    assert encoding["x"]["axis"]["values"] == [1.0, 1.5, 2.0]
    assert encoding["y"]["axis"]["values"] == [1.0, 1.5, 2.0]
    for axis in (encoding["x"]["axis"], encoding["y"]["axis"]):
        assert axis["labelFontSize"] >= 16
        assert axis["titleFontSize"] >= 20
    svg = vlc.vegalite_to_svg(overview)
    for text in (">1,5<", ">zwak", ">sterk", ">Marktpositie<", ">Behoefte<"):
        assert text in svg, text
    assert ">1.5<" not in svg


def test_description_names_service_code_domain_and_quadrant(overview, baseline_13_17):
    points = layer_data(overview, solid_layer(overview)).set_index("id")
    assert points.loc["ruimte-e1", "description"] == "Ondernemerschap (e1, Ruimte): Elimineer"
    assert points.loc["ruimte-e2", "description"] == "Bedrijfshuisvesting (e2, Ruimte): Vermeerder"
    assert points.loc["mens-v1", "description"] == "Cultuur (v1, Mens): Elimineer"
    assert (
        points.loc["bestuur-v1", "description"]
        == "Gemeentelijke veiligheid (v1, Bestuur): Elimineer"
    )
    for row in baseline_13_17.itertuples(index=False):
        expected = (
            f"{row.name} ({row.code}, {domain_label(row.domain)}): {quadrant_label(row.quadrant)}"
        )
        assert points.loc[row.id, "description"] == expected
    assert solid_layer(overview)["encoding"]["description"]["field"] == "description"


def test_description_reaches_the_svg_aria_label(baseline):
    svg = vlc.vegalite_to_svg(
        spec_of(charts.quadrant_chart(baseline, market_cut=CUT, need_cut=CUT))
    )
    assert 'aria-label="Ondernemerschap (e1, Ruimte): Elimineer"' in svg
    # Only the service markers speak: 39 of them, plus the two axes and the legend.
    assert svg.count('aria-label="') == 39 + 3


def test_click_selection_named_dienst_on_id(overview):
    (param,) = overview["params"]
    assert param["name"] == "dienst"
    assert param["select"] == {"type": "point", "fields": ["id"], "on": "click"}
    assert param["views"] == [solid_layer(overview)["name"]]
    assert layer_data(overview, solid_layer(overview))["id"].is_unique


def test_not_selectable_has_no_selection(baseline):
    spec = spec_of(charts.quadrant_chart(baseline, market_cut=CUT, need_cut=CUT, selectable=False))
    assert "params" not in spec


def test_tooltip_shows_scores_decision_and_quadrant_in_dutch(overview, baseline_13_17):
    solid = solid_layer(overview)
    titles = {item["title"]: item["field"] for item in solid["encoding"]["tooltip"]}
    for key in (
        "field_name",
        "field_domain",
        "field_cluster",
        "field_market_current",
        "field_market_potential",
        "field_need_current",
        "field_need_future",
        "field_market",
        "field_need",
        "field_quadrant",
        "field_plan_decision",
    ):
        assert t(key, "nl") in titles, key
    points = layer_data(overview, solid).set_index("id")
    e4 = baseline_13_17.set_index("id").loc["ruimte-e4"]
    assert points.loc["ruimte-e4", titles[t("field_plan_decision", "nl")]] == decision_label(
        e4["plan_decision"]
    )
    assert points.loc["ruimte-e4", titles[t("field_need_future", "nl")]] == "2"
    assert points.loc["bestuur-w1", titles[t("field_plan_decision", "nl")]] == "Niet vermeld"


def test_tooltip_scores_carry_a_decimal_comma(services):
    table = classify(services, horizon=0.5)
    points = layer_data(
        spec := spec_of(charts.quadrant_chart(table, market_cut=CUT, need_cut=CUT)),
        solid_layer(spec),
    ).set_index("id")
    assert points.loc["ruimte-e1", "market_text"] == "1,5"


def test_each_domain_has_its_own_colour_and_shape_with_a_dutch_legend(overview):
    encoding = solid_layer(overview)["encoding"]
    labels = [domain_label(d) for d in DOMAINS]
    for channel in ("color", "shape"):
        scale = encoding[channel]["scale"]
        assert scale["domain"] == labels
        assert len(set(scale["range"])) == len(DOMAINS)
        assert encoding[channel]["legend"]["title"] == "Werkdomein"
        assert encoding[channel]["legend"]["labelFontSize"] >= 16
    assert min(encoding["size"]["scale"]["range"]) >= 400


def test_codes_are_labelled_large_beside_every_marker(overview, baseline_13_17):
    labels = [
        layer
        for layer in overview["layer"]
        if mark_of(layer)["type"] == "text" and layer["encoding"]["text"]["field"] == "code"
    ]
    (label,) = labels
    assert mark_of(label)["fontSize"] >= 16
    assert sorted(layer_data(overview, label)["code"]) == sorted(baseline_13_17["code"])


def test_svg_renderer_and_title(baseline):
    spec = spec_of(
        charts.quadrant_chart(
            baseline, market_cut=CUT, need_cut=CUT, title="Scenario A", subtitle="3 juni 2025"
        )
    )
    assert spec["usermeta"] == {"embedOptions": {"renderer": "svg"}}
    assert spec["title"]["text"] == "Scenario A"
    assert spec["title"]["subtitle"] == "3 juni 2025"
    assert spec["title"]["fontSize"] >= 20
    assert "title" not in spec_of(charts.quadrant_chart(baseline, market_cut=CUT, need_cut=CUT))


def test_english_labels(baseline):
    spec = spec_of(charts.quadrant_chart(baseline, market_cut=CUT, need_cut=CUT, lang="en"))
    points = layer_data(spec, solid_layer(spec)).set_index("id")
    assert points.loc["ruimte-e1", "description"] == "Ondernemerschap (e1, Space): Eliminate"
    assert spec["layer"][0]["encoding"]["x"]["axis"]["title"] == "Market position"


# --- ghosts -------------------------------------------------------------------------------------


def test_ghosts_only_for_services_with_a_what_if(services, baseline):
    overrides = {"ruimte-o6": {"market": 1.8}, "bestuur-w5": {"need": 1.9}}
    table = classify(services, overrides=overrides)
    ghosts = baseline[baseline["id"].isin(list(overrides))]
    spec = spec_of(charts.quadrant_chart(table, market_cut=CUT, need_cut=CUT, ghosts=ghosts))
    hollow_ids = sorted(
        service_id for layer in hollow_layers(spec) for service_id in layer_data(spec, layer)["id"]
    )
    assert hollow_ids == sorted(overrides)
    # Each ghost sits where its service stood without the what-if.
    plain = charts.spread_positions(baseline, market_cut=CUT, need_cut=CUT).set_index("id")
    for layer in hollow_layers(spec):
        for row in layer_data(spec, layer).itertuples(index=False):
            assert (row.x, row.y) == pytest.approx(tuple(plain.loc[row.id, ["x", "y"]]))
            assert mark_of(layer)["opacity"] < 1
    # A thin line links each ghost to its marker.
    links = [
        layer
        for layer in spec["layer"]
        if mark_of(layer)["type"] == "rule" and "x2" in layer["encoding"]
    ]
    assert len(links) == 1 and len(layer_data(spec, links[0])) == len(overrides)
    assert collisions(marker_boxes(spec)) == []
    assert_on_their_side(spec, table, CUT, CUT)


def test_no_ghosts_without_what_ifs(baseline):
    spec = spec_of(charts.quadrant_chart(baseline, market_cut=CUT, need_cut=CUT))
    assert hollow_layers(spec) == []
    empty = baseline.iloc[0:0]
    spec = spec_of(charts.quadrant_chart(baseline, market_cut=CUT, need_cut=CUT, ghosts=empty))
    assert hollow_layers(spec) == []


# --- evolution arrows ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def now_and_future(services) -> tuple[pd.DataFrame, pd.DataFrame]:
    return classify(services, horizon=0.0), classify(services, horizon=1.0)


@pytest.fixture(scope="module")
def arrows(now_and_future) -> pd.DataFrame:
    now, future = now_and_future
    return charts.evolution_arrows(now, future, market_cut=CUT, need_cut=CUT)


def test_arrows_for_exactly_the_services_that_move(services, arrows):
    moving = services[
        (services["market_current"] != services["market_potential"])
        | (services["need_current"] != services["need_future"])
    ]
    assert arrows["id"].tolist() == moving["id"].tolist()
    assert "ruimte-e2" not in set(arrows["id"])  # 2, 2, 2, 2


def test_e1_crosses_from_elimineer_to_vermeerder(arrows):
    e1 = arrows.set_index("id").loc["ruimte-e1"]
    assert (e1["quadrant_from"], e1["quadrant_to"]) == ("elimineer", "vermeerder")
    assert e1["crosses"]
    assert e1["x"] < CUT < e1["x2"] and e1["y"] < CUT < e1["y2"]


def test_crossing_follows_the_quadrants(now_and_future, arrows):
    now, future = (frame.set_index("id")["quadrant"] for frame in now_and_future)
    for row in arrows.itertuples(index=False):
        assert row.crosses == (now[row.id] != future[row.id]), row.id


def test_arrows_start_at_the_horizon_zero_markers(now_and_future, arrows):
    now, _ = now_and_future
    spread = charts.spread_positions(now, market_cut=CUT, need_cut=CUT).set_index("id")
    for row in arrows.itertuples(index=False):
        assert (row.x, row.y) == pytest.approx(tuple(spread.loc[row.id, ["x", "y"]]))


def test_arrow_ends_stand_free(now_and_future, arrows):
    now, _ = now_and_future
    spec = spec_of(charts.quadrant_chart(now, market_cut=CUT, need_cut=CUT, arrows=arrows))
    boxes = marker_boxes(spec)
    assert sorted(boxes.query("hollow")["id"]) == sorted(arrows["id"])
    assert collisions(boxes) == []


def test_crossing_arrows_are_thick_and_vermilion(now_and_future, services):
    now, _ = now_and_future
    # o7 keeps its quadrant when only its market moves from 1 to 1.4: a thin grey arrow.
    future = classify(services, horizon=1.0, overrides={"ruimte-o7": {"market": 1.4}})
    arrows = charts.evolution_arrows(now, future, market_cut=CUT, need_cut=CUT)
    assert not arrows.set_index("id").loc["ruimte-o7", "crosses"]
    spec = spec_of(charts.quadrant_chart(now, market_cut=CUT, need_cut=CUT, arrows=arrows))
    (lines,) = [
        layer
        for layer in spec["layer"]
        if mark_of(layer)["type"] == "rule" and "stroke" in layer.get("encoding", {})
    ]
    stroke, width = lines["encoding"]["stroke"], lines["encoding"]["strokeWidth"]
    assert condition_of(stroke)["value"] == charts.CROSSING_COLOR == "#D55E00"
    assert stroke["value"] != charts.CROSSING_COLOR
    assert condition_of(width)["value"] > width["value"]
    assert "crosses" in condition_of(stroke)["test"]
    data = layer_data(spec, lines).set_index("id")
    assert data.loc["ruimte-e1", "crosses"] and not data.loc["ruimte-o7", "crosses"]
    heads = [layer for layer in spec["layer"] if mark_of(layer).get("shape") == "triangle-up"]
    assert len(heads) == 1 and heads[0]["encoding"]["angle"]["field"] == "angle"


def test_arrowheads_point_along_their_arrow(now_and_future, arrows):
    now, _ = now_and_future
    spec = spec_of(charts.quadrant_chart(now, market_cut=CUT, need_cut=CUT, arrows=arrows))
    pixels = Pixels(spec)
    (head,) = [layer for layer in spec["layer"] if mark_of(layer).get("shape") == "triangle-up"]
    for row in layer_data(spec, head).itertuples(index=False):
        dx = float(pixels.x(row.x2) - pixels.x(row.x))
        dy = float(pixels.y(row.y2) - pixels.y(row.y))  # screen: down is positive
        # Vega turns the upward triangle clockwise by `angle` degrees.
        expected = math.degrees(math.atan2(dx, -dy)) % 360
        assert row.angle == pytest.approx(expected, abs=1e-6), row.id


# --- rendering ----------------------------------------------------------------------------------


@pytest.mark.parametrize("with_arrows", [False, True])
def test_overview_renders_to_png(now_and_future, arrows, with_arrows, tmp_path):
    now, _ = now_and_future
    chart = charts.quadrant_chart(
        now,
        market_cut=CUT,
        need_cut=CUT,
        arrows=arrows if with_arrows else None,
        title="Strategiekaart",
        subtitle="Horizon nu, grenzen 1,5",
    )
    png = vlc.vegalite_to_png(chart.to_dict(), scale=1)
    assert png.startswith(PNG_SIGNATURE)
    (tmp_path / "overview.png").write_bytes(png)


def test_heatmap_and_cluster_chart_render(services, baseline):
    for chart in (charts.score_heatmap(services), charts.cluster_quadrant_chart(baseline)):
        assert vlc.vegalite_to_png(chart.to_dict(), scale=1).startswith(PNG_SIGNATURE)


# --- score_heatmap ------------------------------------------------------------------------------


def test_heatmap_rows_in_plan_order_with_four_dutch_columns(services):
    spec = spec_of(charts.score_heatmap(services))
    rect = next(layer for layer in spec["layer"] if mark_of(layer)["type"] == "rect")
    encoding = {**spec.get("encoding", {}), **rect.get("encoding", {})}
    expected_rows = [f"{c}  {n}" for c, n in zip(services["code"], services["name"], strict=True)]
    assert encoding["y"]["sort"] == expected_rows
    assert encoding["x"]["sort"] == [
        "Huidige marktpositie",
        "Potentiële marktpositie",
        "Huidige behoefte",
        "Toekomstige behoefte",
    ]
    assert encoding["color"]["scale"]["domain"] == [1.0, 2.0]
    assert encoding["y"]["axis"]["labelFontSize"] >= 16
    data = layer_data(spec, rect)
    assert len(data) == 4 * len(services)
    e1 = data[data["service"] == "e1  Ondernemerschap"].set_index("score")["value"]
    assert e1.to_dict() == {
        "Huidige marktpositie": 1.0,
        "Potentiële marktpositie": 2.0,
        "Huidige behoefte": 1.0,
        "Toekomstige behoefte": 2.0,
    }


def test_heatmap_prints_values_with_a_decimal_comma(services):
    halves = services.assign(market_current=1.5)
    spec = spec_of(charts.score_heatmap(halves))
    text = next(layer for layer in spec["layer"] if mark_of(layer)["type"] == "text")
    assert text.get("encoding", {}).get("text", spec.get("encoding", {}).get("text"))["field"] == (
        "value_text"
    )
    assert "1,5" in set(layer_data(spec, text)["value_text"])
    assert mark_of(text)["fontSize"] >= 16


def test_heatmap_keeps_services_with_the_same_code_apart(services):
    spec = spec_of(charts.score_heatmap(services))
    rect = next(layer for layer in spec["layer"] if mark_of(layer)["type"] == "rect")
    assert layer_data(spec, rect)["service"].nunique() == len(services)


# --- cluster_quadrant_chart ---------------------------------------------------------------------


def test_cluster_counts_match_the_table(services):
    table = classify(services, horizon=1.0)
    spec = spec_of(charts.cluster_quadrant_chart(table))
    rect = next(layer for layer in spec["layer"] if mark_of(layer)["type"] == "rect")
    data = layer_data(spec, rect)
    expected = table.groupby(["cluster", "quadrant"]).size()
    counted = data.set_index(["cluster", "quadrant"])["count"]
    assert counted[counted > 0].sort_index().to_dict() == expected.sort_index().to_dict()
    assert counted.sum() == len(table)
    colours = charts.quadrant_colors()
    assert set(colours) == set(QUADRANTS)
    for row in data.itertuples(index=False):
        if row.count:
            assert row.fill == colours[row.quadrant]
    assert list(dict.fromkeys(data["cluster"])) == list(dict.fromkeys(table["cluster"]))


def test_the_quadrant_background_uses_the_shared_palette(overview):
    background = next(layer for layer in overview["layer"] if mark_of(layer)["type"] == "rect")
    scale = background["encoding"]["fill"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == charts.quadrant_colors()
