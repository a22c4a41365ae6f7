"""The charts of `igemo_data.charts`, read back from the Vega-Lite spec they produce.

Geometry is checked the way a projector shows it: data coordinates are turned into pixels with
the chart's own scale domains and size, and every marker (with its code beside it) must stand
free of every other one, on its quadrant's side of both cut lines, inside the frame.
"""

from __future__ import annotations

import json
import math
import time

import altair as alt
import numpy as np
import pandas as pd
import pytest
import vl_convert as vlc
from generated import random_services

from igemo_data import charts, classify, workshop
from igemo_data.charts import theme
from igemo_data.charts.layout import spread_positions
from igemo_data.schema import DOMAINS, QUADRANTS
from igemo_data.settings import Settings
from igemo_data.texts import decision_label, domain_label, quadrant_label, t
from igemo_data.ui import compat

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


def stroke_width(layer: dict) -> float:
    """A marker layer's outline width when nothing is selected (the widest it is drawn with)."""
    channel = layer["encoding"].get("strokeWidth")
    if channel is None:
        return float(mark_of(layer)["strokeWidth"])
    conditions = channel.get("condition", [])
    conditions = conditions if isinstance(conditions, list) else [conditions]
    widths = [c["value"] for c in conditions if "param" not in c]
    return float(max([channel["value"], *widths]))


def marker_boxes(spec: dict) -> pd.DataFrame:
    """Every marker drawn (solid and hollow) and its code label, as pixel boxes.

    `side` is the symbol's box (Vega draws every shape within sqrt(size)); `extent` adds the
    outline, which sticks out half its width beyond the shape (a little more at a diamond's
    tips: 1.5 times the width covers the miter).
    """
    pixels = Pixels(spec)
    solid = solid_layer(spec)
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
        stroke = stroke_width(layer)
        for row in data.itertuples(index=False):
            x, y = float(pixels.x(row.x)), float(pixels.y(row.y))
            side = math.sqrt(row.size)
            rows.append(
                {
                    "id": row.id,
                    "code": row.code,
                    "hollow": layer is not solid,
                    "x": x,
                    "y": y,
                    "side": side,
                    "extent": side + 1.5 * stroke,
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


# --- spread_positions ---------------------------------------------------------------------------


def test_spread_is_deterministic(services):
    first = spread_positions(classify(services), Settings(market_cut=CUT, need_cut=CUT))
    second = spread_positions(classify(services), Settings(market_cut=CUT, need_cut=CUT))
    pd.testing.assert_frame_equal(first, second)
    assert first["id"].tolist() == services["id"].tolist()


def test_spread_returns_a_copy_with_x_and_y(baseline):
    spread = spread_positions(baseline, Settings(market_cut=CUT, need_cut=CUT))
    assert "x" not in baseline.columns
    assert spread[["x", "y"]].notna().all().all()
    pd.testing.assert_frame_equal(spread.drop(columns=["x", "y"]), baseline)


def test_a_what_if_moves_only_its_own_service(services, baseline):
    overrides = {"mens-s5": {"market": 1.8}, "ruimte-o6": {"need": 1.2}}
    with_what_ifs = classify(services, overrides=overrides)
    ghosts = baseline[baseline["id"].isin(list(overrides))]
    before = spread_positions(baseline, Settings(market_cut=CUT, need_cut=CUT)).set_index("id")
    after = spread_positions(
        with_what_ifs, Settings(market_cut=CUT, need_cut=CUT), base=ghosts
    ).set_index("id")
    others = [i for i in before.index if i not in overrides]
    pd.testing.assert_frame_equal(before.loc[others, ["x", "y"]], after.loc[others, ["x", "y"]])
    for service_id in overrides:
        assert (before.loc[service_id, ["x", "y"]] != after.loc[service_id, ["x", "y"]]).any()


def test_services_away_from_a_what_if_keep_their_place_without_a_base(services, baseline):
    # ruimte-e2 leaves the crowd on (2, 2) for the empty Verminder quadrant; no ghost frame.
    moved = classify(services, overrides={"ruimte-e2": {"market": 1.9, "need": 1.1}})
    before = spread_positions(baseline, Settings(market_cut=CUT, need_cut=CUT)).set_index("id")
    after = spread_positions(moved, Settings(market_cut=CUT, need_cut=CUT)).set_index("id")
    old_spot = (baseline["market"] == 2) & (baseline["need"] == 2)
    unrelated = baseline.loc[~old_spot, "id"].tolist()
    assert len(unrelated) == 31
    pd.testing.assert_frame_equal(
        before.loc[unrelated, ["x", "y"]], after.loc[unrelated, ["x", "y"]]
    )


def assert_markers_stand_apart(boxes: pd.DataFrame, gap: float = 3.0) -> None:
    """Between any two markers drawn, outline included, at least `gap` px of background.

    Two markers are apart when their boxes are apart along x or along y (the larger of the
    two distances between centres), so this also holds for the straight-line distance.
    """
    xs, ys, extents = (boxes[column].to_numpy() for column in ("x", "y", "extent"))
    separation = np.maximum(np.abs(xs[:, None] - xs), np.abs(ys[:, None] - ys))
    needed = (extents[:, None] + extents) / 2 + gap
    np.fill_diagonal(separation, np.inf)
    worst = np.unravel_index(np.argmin(separation - needed), separation.shape)
    pair = (boxes["code"].iloc[worst[0]], boxes["code"].iloc[worst[1]])
    assert separation[worst] > needed[worst], (pair, separation[worst], needed[worst])


def test_markers_keep_a_visible_gap_on_the_overview(baseline):
    # The overview's size: stacked squares (w1 over w9) must not read as one solid bar.
    spec = spec_of(
        charts.quadrant_chart(
            baseline, Settings(market_cut=CUT, need_cut=CUT), width=920, height=700
        )
    )
    boxes = marker_boxes(spec)
    assert len(boxes) == len(baseline)
    distances = np.hypot(
        boxes["x"].to_numpy()[:, None] - boxes["x"].to_numpy(),
        boxes["y"].to_numpy()[:, None] - boxes["y"].to_numpy(),
    )
    np.fill_diagonal(distances, np.inf)
    assert distances.min() > boxes["extent"].max() + 3
    assert_markers_stand_apart(boxes)
    # The squares that read as a solid bar (w1 right above w9, drawn as large as a diamond's
    # box, 3 px apart): now drawn at their own size, with twice as much air between them.
    squares = boxes.set_index("id").loc[["bestuur-w1", "bestuur-w9"]]
    assert squares["x"].iloc[0] == pytest.approx(squares["x"].iloc[1])
    air = abs(squares["y"].iloc[0] - squares["y"].iloc[1]) - squares["extent"].max()
    assert air >= 7


@pytest.mark.parametrize(("width", "height"), [(920, 700), (680, 600), (1650, 760), (900, 700)])
@pytest.mark.parametrize("horizon", [0.0, 0.5, 1.0])
def test_markers_keep_a_visible_gap_at_every_screen_size(services, horizon, width, height):
    table = classify(services, horizon=horizon)
    spec = spec_of(
        charts.quadrant_chart(
            table, Settings(market_cut=CUT, need_cut=CUT), width=width, height=height
        )
    )
    assert_markers_stand_apart(marker_boxes(spec))


def test_markers_keep_a_visible_gap_with_arrows_and_ghosts(services, now_and_future, arrows):
    now, _ = now_and_future
    spec = spec_of(
        charts.quadrant_chart(
            now,
            Settings(market_cut=CUT, need_cut=CUT),
            arrows=arrows,
            width=920,
            height=700,
        )
    )
    assert_markers_stand_apart(marker_boxes(spec))
    overrides = {"mens-s5": {"market": 1.8}, "ruimte-o6": {"need": 1.2}}
    table = classify(services, overrides=overrides)
    ghosts = now[now["id"].isin(list(overrides))]
    spec = spec_of(
        charts.quadrant_chart(table, Settings(market_cut=CUT, need_cut=CUT), ghosts=ghosts)
    )
    assert_markers_stand_apart(marker_boxes(spec))


@pytest.mark.parametrize("horizon", [0.0, 0.5, 1.0])
def test_bundled_services_never_overlap(services, horizon):
    table = classify(services, horizon=horizon)
    spec = spec_of(charts.quadrant_chart(table, Settings(market_cut=CUT, need_cut=CUT)))
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
    spec = spec_of(charts.quadrant_chart(table, Settings(market_cut=market_cut, need_cut=need_cut)))
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
    spec = spec_of(charts.quadrant_chart(table, Settings(market_cut=market_cut, need_cut=need_cut)))
    assert_on_their_side(spec, table, market_cut, need_cut)


def test_a_service_on_the_cut_spreads_into_the_strong_side(services):
    table = classify(services, horizon=0.5)  # e1 and seven others sit exactly on (1.5, 1.5)
    on_cut = table[(table["market"] == 1.5) & (table["need"] == 1.5)]
    assert len(on_cut) == 8
    spread = spread_positions(on_cut, Settings(market_cut=CUT, need_cut=CUT))
    assert (spread["x"] >= CUT).all()
    assert (spread["y"] >= CUT).all()


def test_scores_of_one_and_two_sit_on_their_value_and_spread_inwards(baseline):
    spread = spread_positions(baseline, Settings(market_cut=CUT, need_cut=CUT))
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
    spread = spread_positions(table, Settings(market_cut=CUT, need_cut=CUT))
    elapsed = time.perf_counter() - start
    assert len(spread) == 1000
    assert elapsed < 1.0
    # Far beyond the room in a quadrant markers must share cells, but never leave their side.
    strong_x = table["market"] >= CUT
    assert ((spread["x"] >= CUT) == strong_x).all()


# --- quadrant_chart: the spec -------------------------------------------------------------------


@pytest.fixture(scope="module")
def overview(baseline) -> dict:
    return spec_of(charts.quadrant_chart(baseline, Settings(market_cut=1.3, need_cut=1.7)))


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
    # Issue 18, item 5: the middle tick is the cut (1,3 and 1,7 here), never a fixed 1,5 in
    # the middle of a quadrant.
    assert encoding["x"]["axis"]["values"] == [1.0, 1.3, 2.0]
    assert encoding["y"]["axis"]["values"] == [1.0, 1.7, 2.0]
    for axis in (encoding["x"]["axis"], encoding["y"]["axis"]):
        assert axis["labelFontSize"] >= 16
        assert axis["titleFontSize"] >= 20
    svg = vlc.vegalite_to_svg(overview)
    for text in (">1,3<", ">1,7<", ">zwak", ">sterk", ">Marktpositie<", ">Behoefte<"):
        assert text in svg, text
    assert ">1.3<" not in svg and ">1,5<" not in svg


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
        spec_of(charts.quadrant_chart(baseline, Settings(market_cut=CUT, need_cut=CUT)))
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
    spec = spec_of(
        charts.quadrant_chart(baseline, Settings(market_cut=CUT, need_cut=CUT), selectable=False)
    )
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
        spec := spec_of(charts.quadrant_chart(table, Settings(market_cut=CUT, need_cut=CUT))),
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
    # Each marker's size travels with its row, fixed per domain, with no scale in between.
    assert encoding["size"] == {
        "field": "size",
        "type": "quantitative",
        "scale": None,
        "legend": None,
    }
    points = layer_data(overview, solid_layer(overview))
    sizes = points.groupby("domain")["size"].unique()
    assert {domain: list(values) for domain, values in sizes.items()} == {
        domain: [size] for domain, size in theme.DOMAIN_MARKER_SIZES.items()
    }
    assert points["size"].min() >= 400


def test_the_legend_lists_only_the_domains_on_the_chart(baseline):
    # A domain page: only Mens. Its colour and shape stay the ones it has on the overview.
    mens = baseline[baseline["domain"] == "MENS"].reset_index(drop=True)
    spec = spec_of(charts.quadrant_chart(mens, Settings(market_cut=CUT, need_cut=CUT)))
    encoding = solid_layer(spec)["encoding"]
    assert encoding["color"]["scale"] == {"domain": ["Mens"], "range": ["#CC79A7"]}
    assert encoding["shape"]["scale"] == {"domain": ["Mens"], "range": ["diamond"]}
    svg = vlc.vegalite_to_svg(spec)
    assert ">Mens<" in svg and ">Ruimte<" not in svg and ">Bestuur<" not in svg
    two = baseline[baseline["domain"].isin(["BESTUUR", "RUIMTE"])].reset_index(drop=True)
    spec = spec_of(charts.quadrant_chart(two, Settings(market_cut=CUT, need_cut=CUT)))
    encoding = solid_layer(spec)["encoding"]
    assert encoding["color"]["scale"] == {
        "domain": ["Ruimte", "Bestuur"],
        "range": [theme.DOMAIN_COLORS["RUIMTE"], theme.DOMAIN_COLORS["BESTUUR"]],
    }
    assert encoding["shape"]["scale"]["range"] == ["circle", "square"]


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
            baseline,
            Settings(market_cut=CUT, need_cut=CUT),
            title="Scenario A",
            subtitle="3 juni 2025",
        )
    )
    assert spec["usermeta"] == {"embedOptions": {"renderer": "svg"}}
    assert spec["title"]["text"] == "Scenario A"
    assert spec["title"]["subtitle"] == "3 juni 2025"
    assert spec["title"]["fontSize"] >= 20
    assert "title" not in spec_of(
        charts.quadrant_chart(baseline, Settings(market_cut=CUT, need_cut=CUT))
    )


def test_english_labels(baseline):
    spec = spec_of(
        charts.quadrant_chart(baseline, Settings(market_cut=CUT, need_cut=CUT), lang="en")
    )
    points = layer_data(spec, solid_layer(spec)).set_index("id")
    assert points.loc["ruimte-e1", "description"] == "Ondernemerschap (e1, Space): Eliminate"
    assert spec["layer"][0]["encoding"]["x"]["axis"]["title"] == "Market position"


# --- ghosts -------------------------------------------------------------------------------------


def test_ghosts_only_for_services_with_a_what_if(services, baseline):
    overrides = {"ruimte-o6": {"market": 1.8}, "bestuur-w5": {"need": 1.9}}
    table = classify(services, overrides=overrides)
    ghosts = baseline[baseline["id"].isin(list(overrides))]
    spec = spec_of(
        charts.quadrant_chart(table, Settings(market_cut=CUT, need_cut=CUT), ghosts=ghosts)
    )
    hollow_ids = sorted(
        service_id for layer in hollow_layers(spec) for service_id in layer_data(spec, layer)["id"]
    )
    assert hollow_ids == sorted(overrides)
    # Each ghost sits where its service stood without the what-if.
    plain = spread_positions(baseline, Settings(market_cut=CUT, need_cut=CUT)).set_index("id")
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


def test_services_with_a_what_if_never_step_back(services, baseline, now_and_future, arrows):
    overrides = {"ruimte-o6": {"market": 1.8}, "bestuur-w5": {"need": 1.9}}
    table = classify(services, overrides=overrides)
    ghosts = baseline[baseline["id"].isin(list(overrides))]
    spec = spec_of(
        charts.quadrant_chart(
            table, Settings(market_cut=CUT, need_cut=CUT), ghosts=ghosts, arrows=arrows
        )
    )
    points = layer_data(spec, solid_layer(spec)).set_index("id")
    assert set(points.index[points["what_if"].notna()]) == set(overrides)
    assert "what_if" in solid_layer(spec)["encoding"]["opacity"]["condition"]["test"]


def test_no_ghosts_without_what_ifs(baseline):
    spec = spec_of(charts.quadrant_chart(baseline, Settings(market_cut=CUT, need_cut=CUT)))
    assert hollow_layers(spec) == []
    empty = baseline.iloc[0:0]
    spec = spec_of(
        charts.quadrant_chart(baseline, Settings(market_cut=CUT, need_cut=CUT), ghosts=empty)
    )
    assert hollow_layers(spec) == []


# --- evolution arrows ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def now_and_future(services) -> tuple[pd.DataFrame, pd.DataFrame]:
    return classify(services, horizon=0.0), classify(services, horizon=1.0)


@pytest.fixture(scope="module")
def arrows(now_and_future) -> pd.DataFrame:
    now, future = now_and_future
    return charts.evolution_arrows(now, future, Settings(market_cut=CUT, need_cut=CUT))


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
    spread = spread_positions(now, Settings(market_cut=CUT, need_cut=CUT)).set_index("id")
    for row in arrows.itertuples(index=False):
        assert (row.x, row.y) == pytest.approx(tuple(spread.loc[row.id, ["x", "y"]]))


def test_arrow_ends_stand_free(now_and_future, arrows):
    now, _ = now_and_future
    spec = spec_of(
        charts.quadrant_chart(now, Settings(market_cut=CUT, need_cut=CUT), arrows=arrows)
    )
    boxes = marker_boxes(spec)
    assert sorted(boxes.query("hollow")["id"]) == sorted(arrows["id"])
    assert collisions(boxes) == []


def arrow_layers(spec: dict) -> tuple[dict, dict, dict]:
    """The arrows' white halo, their curves and their heads."""
    lines = [layer for layer in spec["layer"] if mark_of(layer)["type"] == "line"]
    (halo,) = [layer for layer in lines if "stroke" not in layer["encoding"]]
    (curves,) = [layer for layer in lines if "stroke" in layer["encoding"]]
    (heads,) = [layer for layer in spec["layer"] if mark_of(layer).get("shape") == "triangle-up"]
    return halo, curves, heads


def test_crossing_arrows_are_thick_and_vermilion(now_and_future, services):
    now, _ = now_and_future
    # o7 keeps its quadrant when only its market moves from 1 to 1.4: a thin grey arrow.
    future = classify(services, horizon=1.0, overrides={"ruimte-o7": {"market": 1.4}})
    arrows = charts.evolution_arrows(now, future, Settings(market_cut=CUT, need_cut=CUT))
    assert not arrows.set_index("id").loc["ruimte-o7", "crosses"]
    spec = spec_of(
        charts.quadrant_chart(now, Settings(market_cut=CUT, need_cut=CUT), arrows=arrows)
    )
    halo, lines, heads = arrow_layers(spec)
    stroke, width = lines["encoding"]["stroke"], lines["encoding"]["strokeWidth"]
    assert condition_of(stroke)["value"] == theme.CROSSING_COLOR == "#D55E00"
    assert stroke["value"] != theme.CROSSING_COLOR
    assert "crosses" in condition_of(stroke)["test"]
    # Visibly thicker: 3.5 px against 1.5 px.
    assert condition_of(width)["value"] >= 2 * width["value"]
    assert heads["encoding"]["fill"] == stroke
    data = layer_data(spec, lines)
    assert data[data["id"] == "ruimte-e1"]["crosses"].all()
    assert not data[data["id"] == "ruimte-o7"]["crosses"].any()
    assert heads["encoding"]["angle"]["field"] == "angle"
    # Under every arrow a wider white halo, so it stands clear of what it runs over.
    assert mark_of(halo)["color"] == "white"
    halo_width = halo["encoding"]["strokeWidth"]
    assert condition_of(halo_width)["value"] > condition_of(width)["value"]
    assert halo_width["value"] > width["value"]


def test_arrows_run_beneath_the_markers_and_their_codes(now_and_future, arrows):
    now, _ = now_and_future
    spec = spec_of(
        charts.quadrant_chart(now, Settings(market_cut=CUT, need_cut=CUT), arrows=arrows)
    )
    order = {id(layer): i for i, layer in enumerate(spec["layer"])}
    first_marker = min(order[id(layer)] for layer in point_layers(spec))
    for layer in arrow_layers(spec):
        assert order[id(layer)] < first_marker
    # Codes come last, each on a white outline of its own so an arrow never hides a letter.
    codes = [
        layer
        for layer in spec["layer"]
        if mark_of(layer)["type"] == "text" and layer["encoding"]["text"]["field"] == "code"
    ]
    last = len(spec["layer"]) - 1
    assert [order[id(layer)] for layer in codes] == [last - 1, last]
    assert mark_of(codes[0])["stroke"] == "white" and mark_of(codes[0])["strokeWidth"] >= 4


def test_markers_an_arrow_leaves_are_rimmed_in_its_colour(now_and_future, arrows):
    now, _ = now_and_future
    spec = spec_of(
        charts.quadrant_chart(now, Settings(market_cut=CUT, need_cut=CUT), arrows=arrows)
    )
    solid = solid_layer(spec)
    points = layer_data(spec, solid).set_index("id")
    moving = set(arrows["id"])
    assert set(points.index[points["arrow"].notna()]) == moving
    assert (points.loc[sorted(moving), "arrow"] == "cross").all()  # all 16 cross at horizon 0
    rims = solid["encoding"]["stroke"]["condition"]
    assert {"test": "datum.arrow === 'cross'", "value": theme.CROSSING_COLOR} in rims
    widths = solid["encoding"]["strokeWidth"]["condition"]
    assert {"test": "datum.arrow", "value": theme.RIM_STROKE} in widths
    # The selection still thickens the clicked marker's outline, first.
    assert widths[0]["param"] == "dienst"
    # Services that stay put step back, so an arrow shows through them.
    assert solid["encoding"]["opacity"] == {
        "condition": {"test": "datum.arrow || datum.what_if", "value": 1},
        "value": theme.STILL_OPACITY,
    }
    plain = solid_layer(spec_of(charts.quadrant_chart(now, Settings(market_cut=CUT, need_cut=CUT))))
    assert "opacity" not in plain["encoding"]


def test_future_places_are_hollow_white_with_a_strong_outline(now_and_future, arrows):
    now, _ = now_and_future
    spec = spec_of(
        charts.quadrant_chart(now, Settings(market_cut=CUT, need_cut=CUT), arrows=arrows)
    )
    layers = hollow_layers(spec)
    # One layer per shape, the shape on the mark (a shape channel would split the legend).
    assert len(layers) == len({mark_of(layer)["shape"] for layer in layers}) >= 2
    for ends in layers:
        mark = mark_of(ends)
        assert mark["fill"] == "white" and mark["opacity"] == 1
        assert mark["strokeWidth"] >= 2.5
        assert "shape" not in ends["encoding"]
        assert ends["encoding"]["stroke"] == {
            "field": "outline",
            "type": "nominal",
            "scale": None,
            "legend": None,
        }
        for row in layer_data(spec, ends).itertuples(index=False):
            assert row.outline == theme.DOMAIN_COLORS[row.domain]  # full strength, not faded
            assert row.shape == theme.DOMAIN_SHAPES[row.domain] == mark["shape"]


def outside_outline(shape: str, half: float, dx: float, dy: float) -> float:
    """How far a point lies outside a symbol's outline (`half` its extent), in pixels."""
    dx, dy = abs(dx), abs(dy)
    if shape == "square":
        return max(dx, dy) - half
    if shape == "diamond":
        return (dx + dy - half) / math.sqrt(2)
    return math.hypot(dx, dy) - half


def test_arrows_start_at_their_markers_edge_and_point_at_their_end(now_and_future, arrows):
    now, _ = now_and_future
    spec = spec_of(
        charts.quadrant_chart(now, Settings(market_cut=CUT, need_cut=CUT), arrows=arrows)
    )
    pixels = Pixels(spec)
    _, lines, heads = arrow_layers(spec)
    markers = marker_boxes(spec)
    solid = markers.query("not hollow").set_index("id")
    hollow = markers.query("hollow").set_index("id")
    heads = layer_data(spec, heads).set_index("id")
    domains = now.set_index("id")["domain"]
    assert sorted(heads.index) == sorted(arrows["id"])
    for service_id, path in layer_data(spec, lines).groupby("id"):
        path = path.sort_values("step")
        shape = theme.DOMAIN_SHAPES[domains[service_id]]
        xs, ys = pixels.x(path["x"]), pixels.y(path["y"])  # screen: y runs down
        # The first point lies just outside the start marker's (rimmed) outline.
        start = solid.loc[service_id]
        half = start["side"] / 2 + theme.RIM_STROKE / 2
        gap = outside_outline(shape, half, xs[0] - start["x"], ys[0] - start["y"])
        assert gap == pytest.approx(theme.ARROW_GAP, abs=0.5), service_id
        # The curve ends at its head; the head points at the hollow marker it is going to.
        head = heads.loc[service_id]
        hx, hy = float(pixels.x(head["x"])), float(pixels.y(head["y"]))
        assert (xs[-1], ys[-1]) == pytest.approx((hx, hy))
        end = hollow.loc[service_id]
        to_end = math.degrees(math.atan2(end["x"] - hx, -(end["y"] - hy))) % 360
        assert abs((head["angle"] - to_end + 180) % 360 - 180) < 20, service_id
        # Its tip stops just short of that marker's outline.
        reach = theme.HEAD_REACH[bool(head["crosses"])]
        tip_x = hx + reach * math.sin(math.radians(head["angle"]))
        tip_y = hy - reach * math.cos(math.radians(head["angle"]))
        half = end["side"] / 2 + theme.HOLLOW_STROKE / 2
        gap = outside_outline(shape, half, tip_x - end["x"], tip_y - end["y"])
        assert 0 < gap < theme.ARROW_GAP + 2, service_id


def test_arrows_go_round_markers_that_have_arrows_of_their_own(now_and_future, arrows):
    # An arrow running under another moving (rimmed) marker would seem to leave from there.
    now, _ = now_and_future
    spec = spec_of(
        charts.quadrant_chart(now, Settings(market_cut=CUT, need_cut=CUT), arrows=arrows)
    )
    pixels = Pixels(spec)
    _, lines, _ = arrow_layers(spec)
    solid = marker_boxes(spec).query("not hollow")
    busy = solid[solid["id"].isin(set(arrows["id"]))]
    for service_id, path in layer_data(spec, lines).groupby("id"):
        path = path.sort_values("step")
        xs, ys = pixels.x(path["x"]), pixels.y(path["y"])
        for other in busy[busy["id"] != service_id].itertuples(index=False):
            half = other.side / 2
            for x0, y0, x1, y1 in zip(xs[:-1], ys[:-1], xs[1:], ys[1:], strict=True):
                k = np.linspace(0, 1, max(2, int(math.hypot(x1 - x0, y1 - y0) * 2)))
                inside = (np.abs(x0 + (x1 - x0) * k - other.x) < half) & (
                    np.abs(y0 + (y1 - y0) * k - other.y) < half
                )
                assert not inside.any(), (service_id, other.id)


# --- rendering ----------------------------------------------------------------------------------


@pytest.mark.parametrize("with_arrows", [False, True])
def test_overview_renders_to_png(now_and_future, arrows, with_arrows, tmp_path):
    now, _ = now_and_future
    chart = charts.quadrant_chart(
        now,
        Settings(market_cut=CUT, need_cut=CUT),
        arrows=arrows if with_arrows else None,
        title="Strategiekaart",
        subtitle="Horizon nu, grenzen 1,5",
    )
    png = vlc.vegalite_to_png(chart.to_dict(), scale=1)
    assert png.startswith(PNG_SIGNATURE)
    (tmp_path / "overview.png").write_bytes(png)


def chart_cases(services, now_and_future, arrows) -> dict[str, alt.TopLevelMixin]:
    now, _ = now_and_future
    overrides = {"mens-s5": {"market": 1.8}, "ruimte-o6": {"need": 1.2}}
    ghosts = now[now["id"].isin(list(overrides))]
    with_what_ifs = classify(services, overrides=overrides)
    return {
        "overview": charts.quadrant_chart(
            now, Settings(market_cut=CUT, need_cut=CUT), width=920, height=700
        ),
        "arrows": charts.quadrant_chart(now, Settings(market_cut=CUT, need_cut=CUT), arrows=arrows),
        "ghosts and arrows": charts.quadrant_chart(
            with_what_ifs,
            Settings(market_cut=CUT, need_cut=CUT),
            ghosts=ghosts,
            arrows=arrows,
        ),
        "titled, not selectable": charts.quadrant_chart(
            now,
            Settings(market_cut=1.3, need_cut=1.7),
            title="Plan",
            subtitle="Nu",
            selectable=False,
        ),
        "english": charts.quadrant_chart(now, Settings(market_cut=CUT, need_cut=CUT), lang="en"),
        "heatmap": charts.score_heatmap(services),
        "clusters": charts.cluster_quadrant_chart(now),
    }


def test_the_unvalidated_spec_pages_use_is_the_validated_one(services, now_and_future, arrows):
    # Pages hand `to_dict(validate=False)` to Streamlit; it must be exactly the spec that
    # passes Vega-Lite's schema, and draw.
    for name, chart in chart_cases(services, now_and_future, arrows).items():
        fast = chart.to_dict(validate=False)
        assert fast == chart.to_dict(), name
        assert vlc.vegalite_to_png(fast, scale=1).startswith(PNG_SIGNATURE), name


def test_a_spec_is_a_copy_the_chart_does_not_share(services, now_and_future, arrows):
    # Streamlit and export change the spec they are given; the chart must not change with it.
    chart = chart_cases(services, now_and_future, arrows)["ghosts and arrows"]
    spec = chart.to_dict(validate=False)
    before = json.dumps(spec, sort_keys=True)
    for layer in spec["layer"]:
        layer["data"]["values"][0]["x"] = -1
        layer["encoding"].pop("x", None)
        layer["mark"]["type"] = "bar"
    spec["params"][0]["name"] = "other"
    assert json.dumps(chart.to_dict(validate=False), sort_keys=True) == before


def test_two_charts_in_one_spec_keep_their_own_data(services, baseline):
    # The comparison PDF puts two quadrant charts side by side in one spec: each layer's rows
    # are named after their content, so the two sets of services never clash.
    later = classify(services, horizon=1.0)
    halves = []
    for table in (baseline, later):
        spec = charts.quadrant_chart(
            table, Settings(market_cut=CUT, need_cut=CUT), selectable=False
        )
        spec = spec.to_dict(validate=False)
        spec.pop("$schema")
        halves.append(spec)
    names = [{layer["data"]["name"] for layer in half["layer"]} for half in halves]
    points = [layer_data(half, solid_layer(half)) for half in halves]
    assert not points[0].equals(points[1])
    assert solid_layer(halves[0])["data"]["name"] != solid_layer(halves[1])["data"]["name"]
    assert names[0] & names[1]  # the quadrant tints are the same, and shared
    page = {"hconcat": halves, "config": halves[0]["config"]}
    assert vlc.vegalite_to_png(page, scale=1).startswith(PNG_SIGNATURE)


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


def test_datasets_sent_as_arrow_read_back_as_streamlit_would_send_them(
    services: pd.DataFrame,
) -> None:
    from streamlit.dataframe_util import (
        convert_anything_to_arrow_bytes,
        convert_arrow_bytes_to_pandas_df,
    )

    table = classify(services, horizon=0.4, overrides={"ruimte-o6": {"market": 1.9}})
    ghosts = classify(services, horizon=0.4)
    chart = charts.quadrant_chart(
        table,
        Settings(market_cut=1.45, need_cut=1.5),
        lang="nl",
        ghosts=ghosts[ghosts["id"] == "ruimte-o6"],
    )
    spec = charts.with_named_datasets(charts.as_spec(chart))
    sent = compat.with_arrow_datasets(spec)
    assert set(sent["datasets"]) == set(spec["datasets"]) and len(spec["datasets"]) > 5
    for name, rows in spec["datasets"].items():
        assert isinstance(sent["datasets"][name], bytes), name
        ours = convert_arrow_bytes_to_pandas_df(sent["datasets"][name])
        theirs = convert_arrow_bytes_to_pandas_df(convert_anything_to_arrow_bytes(rows))
        pd.testing.assert_frame_equal(ours, theirs, obj=name)
    # The rest of the spec is untouched.
    assert {k: v for k, v in sent.items() if k != "datasets"} == {
        k: v for k, v in spec.items() if k != "datasets"
    }


def test_rows_pyarrow_cannot_type_are_left_to_streamlit() -> None:
    spec = {"datasets": {"mixed": [{"a": 1}, {"a": "een"}], "empty": [], "rows": [{"a": 1}]}}
    sent = compat.with_arrow_datasets(spec)
    assert sent["datasets"]["mixed"] == [{"a": 1}, {"a": "een"}]
    assert sent["datasets"]["empty"] == []
    assert isinstance(sent["datasets"]["rows"], bytes)


# --- issue 18, item 1: one meaning per mark at every horizon -------------------------------------


def layers_named(spec: dict, prefix: str) -> list[dict]:
    """The layers whose inline rows are named `prefix…` (each layer names its own rows)."""
    return [
        layer
        for layer in spec["layer"]
        if str((layer.get("data") or {}).get("name", "")).startswith(prefix)
    ]


def rows_named(spec: dict, prefix: str) -> pd.DataFrame:
    frames = [layer_data(spec, layer) for layer in layers_named(spec, prefix)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["id"])


def evolution_spec(services, horizon: float) -> dict:
    """The overview with arrows at `horizon`, as the page draws it."""
    settings = Settings(horizon=horizon, market_cut=CUT, need_cut=CUT)
    arrows = charts.evolution_arrows(
        classify(services, horizon=0.0), classify(services, horizon=1.0), settings
    )
    table = classify(services, horizon=horizon)
    return spec_of(charts.quadrant_chart(table, settings, arrows=arrows, evolution_at=horizon))


@pytest.mark.parametrize("horizon", [0.0, 0.5, 1.0])
def test_each_service_is_one_filled_marker_on_its_own_arrow(services, horizon):
    spec = evolution_spec(services, horizon)
    pixels = Pixels(spec)
    solid = layer_data(spec, solid_layer(spec))
    moving = set(
        charts.evolution_arrows(
            classify(services, horizon=0.0), classify(services, horizon=1.0), Settings()
        )["id"]
    )
    # One filled marker per service, and its code beside it once in full ink.
    assert solid["id"].value_counts().max() == 1 and len(solid) == 39
    codes = [
        layer
        for layer in spec["layer"]
        if mark_of(layer)["type"] == "text" and layer["encoding"]["text"]["field"] == "code"
    ]
    drawn = layer_data(spec, codes[-1])
    assert drawn[~drawn["hollow"]]["id"].value_counts().max() == 1
    # At most one hollow marker (its place at 100 %) and one tail dot (now) per service.
    hollow = rows_named(spec, "arrow_ends")
    tails = rows_named(spec, "arrow_tails")
    assert not hollow["id"].duplicated().any() and not tails["id"].duplicated().any()
    assert set(hollow["id"]) == (moving if horizon < 1 else set())
    assert set(tails["id"]) == (moving if horizon > 0 else set())
    # Tail dots are small and carry no code: only solid and hollow markers are labelled.
    for layer in layers_named(spec, "arrow_tails"):
        assert mark_of(layer)["size"] < min(theme.DOMAIN_MARKER_SIZES.values()) / 3
    assert set(drawn["id"]) <= set(solid["id"])
    assert set(drawn[drawn["hollow"]]["id"]) == set(hollow["id"])
    # One head per service, and its arrow touches its filled marker.
    _, lines, heads = arrow_layers(spec)
    assert layer_data(spec, heads)["id"].value_counts().to_dict() == dict.fromkeys(moving, 1)
    paths = layer_data(spec, lines)
    at = solid.set_index("id")
    for service_id, path in paths.groupby("id"):
        xs, ys = pixels.x(path["x"]), pixels.y(path["y"])
        mx, my = float(pixels.x(at.loc[service_id, "x"])), float(pixels.y(at.loc[service_id, "y"]))
        # A square's corner lies sqrt(2) times its half side out; the curve stops at the head.
        half = math.sqrt(at.loc[service_id, "size"]) / 2 * math.sqrt(2)
        reach = half + theme.RIM_STROKE + theme.ARROW_GAP
        nearest = float(np.min(np.hypot(xs - mx, ys - my)))
        assert nearest <= reach + theme.HEAD_REACH[True] + 1, (service_id, horizon)


@pytest.mark.parametrize(
    ("horizon", "kinds"),
    [
        (0.0, ("filled", "hollow", "arrow")),
        (0.5, ("filled", "tail", "hollow", "arrow")),
        (1.0, ("filled", "tail", "arrow")),
    ],
)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_key_on_the_chart_says_what_each_mark_means(services, horizon, kinds, lang):
    settings = Settings(horizon=horizon, market_cut=CUT, need_cut=CUT)
    table = classify(services, horizon=horizon)
    arrows = charts.evolution_arrows(
        classify(services, horizon=0.0), classify(services, horizon=1.0), settings
    )
    spec = spec_of(
        charts.quadrant_chart(table, settings, lang=lang, arrows=arrows, evolution_at=horizon)
    )
    words = rows_named(spec, "arrow_key_")
    texts = set(words["text"].dropna())
    expected = {
        "filled": t("arrow_key_filled", lang, percent=round(horizon * 100)),
        "tail": t("arrow_key_tail", lang),
        "hollow": t("arrow_key_hollow", lang),
        "arrow": t("arrow_key_arrow", lang),
    }
    assert texts == {t("arrow_key_title", lang)} | {expected[kind] for kind in kinds}
    if lang == "nl":
        assert f"op {round(horizon * 100)} %" in expected["filled"]
    # On the chart, below the plot (under the axis) and within its width, legible on a projector.
    pixels = Pixels(spec)
    assert (pixels.y(words["y"]) > spec["height"] + 60).all()
    assert (pixels.x(words["x"]) >= 0).all() and (pixels.x(words["x"]) < spec["width"]).all()
    for layer in layers_named(spec, "arrow_key_"):
        if mark_of(layer)["type"] == "text":
            assert mark_of(layer)["fontSize"] >= 16
    # The white sample is hollow, the tail sample small and filled.
    samples = {
        str(layer["data"]["name"]).split("_")[2]: mark_of(layer)
        for layer in layers_named(spec, "arrow_key_")
        if mark_of(layer)["type"] == "point" and mark_of(layer)["shape"] == "circle"
    }
    assert samples["filled"]["filled"] is True
    if "hollow" in kinds:
        assert samples["hollow"]["filled"] is False and samples["hollow"]["fill"] == "white"
    if "tail" in kinds:
        assert samples["tail"]["size"] < samples["filled"]["size"] / 2


def test_without_evolution_at_no_key_and_no_tails(services, now_and_future, arrows):
    # The edition comparison keeps its own reading: old place hollow, new place filled.
    now, _ = now_and_future
    spec = spec_of(
        charts.quadrant_chart(now, Settings(market_cut=CUT, need_cut=CUT), arrows=arrows)
    )
    assert layers_named(spec, "arrow_key_") == [] and layers_named(spec, "arrow_tails") == []


# --- Issue 18, item 6: what moved, ringed on the map ---------------------------------------------


def moved_spec(services, horizon: float, **extra) -> tuple[dict, tuple[str, ...]]:
    """The overview at `horizon`, its services in another quadrant than the plan's ringed."""
    table = classify(services, horizon=horizon)
    moved = workshop.against_baseline(classify(services), table).moved
    spec = spec_of(charts.quadrant_chart(table, Settings(horizon=horizon), moved=moved, **extra))
    return spec, moved


@pytest.mark.parametrize("horizon", [0.5, 1.0])
def test_one_ring_per_moved_service_on_its_marker(services, horizon):
    spec, moved = moved_spec(services, horizon)
    assert len(moved) >= 5
    (ring_layer,) = layers_named(spec, "moved_rings")
    rings = layer_data(spec, ring_layer)
    assert sorted(rings["id"]) == sorted(moved)  # one each, no more
    markers = layer_data(spec, solid_layer(spec)).set_index("id")
    for ring in rings.itertuples():
        assert (ring.x, ring.y) == (markers.loc[ring.id, "x"], markers.loc[ring.id, "y"])
    mark = mark_of(ring_layer)
    # A ring round the marker, not a fill on it: hollow, wider than the widest marker, thick.
    assert mark["filled"] is False and mark["shape"] == "circle"
    assert math.sqrt(mark["size"]) > math.sqrt(max(theme.DOMAIN_MARKER_SIZES.values())) + 4
    assert mark["strokeWidth"] >= 3 > max(theme.MARKER_STROKE, theme.RIM_STROKE)
    # Its colour is no quadrant's tint and no werkdomein's colour, nor the search's vermilion.
    others = {*theme.QUADRANT_COLORS.values(), *theme.DOMAIN_COLORS.values()}
    assert mark["color"].upper() not in {c.upper() for c in others | {theme.CROSSING_COLOR}}
    # Drawn beneath the markers and their codes, which are never hidden by a ring.
    index = spec["layer"].index(ring_layer)
    assert index < spec["layer"].index(solid_layer(spec))
    # The view is named, so a page (and the browser test) can find the rings' marks.
    assert ring_layer["name"] == "moved_rings"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_key_on_the_chart_says_what_a_ring_means(services, lang):
    table = classify(services, horizon=1.0)
    moved = workshop.against_baseline(classify(services), table).moved
    spec = spec_of(charts.quadrant_chart(table, Settings(horizon=1.0), lang=lang, moved=moved))
    words = rows_named(spec, "moved_key_text")
    assert list(words["text"]) == [t("moved_key", lang)]
    if lang == "nl":
        assert words["text"][0] == "omcirkeld: ander kwadrant dan het plan"
    # Under the plot's bottom right corner, below the tick labels (the stamp with horizon and
    # cuts holds the top right on a screen), legible on a projector.
    pixels = Pixels(spec)
    assert spec["height"] + 60 < float(pixels.y(words["y"][0])) < spec["height"] + 95
    assert spec["width"] / 2 < float(pixels.x(words["x"][0])) < spec["width"]
    (text,) = layers_named(spec, "moved_key_text")
    assert mark_of(text)["fontSize"] >= 16 and mark_of(text)["align"] == "left"
    assert mark_of(text)["xOffset"] > 0  # the words start right after the sample
    (sample,) = layers_named(spec, "moved_key_ring")
    assert "xOffset" not in mark_of(sample)
    assert mark_of(sample)["filled"] is False


def test_the_ring_key_and_the_screen_stamp_keep_apart(services):
    table = classify(services, horizon=1.0)
    moved = workshop.against_baseline(classify(services), table).moved
    chart = charts.quadrant_chart(table, Settings(horizon=1.0), moved=moved, on_screen=True)
    spec = spec_of(chart)
    pixels = Pixels(spec)
    key_y = float(pixels.y(rows_named(spec, "moved_key_text")["y"][0]))
    stamp_y = float(pixels.y(rows_named(spec, "stamp")["y"][0]))
    assert stamp_y < 0 < spec["height"] < key_y


def test_on_a_wide_plot_the_ring_key_shares_the_top_row_clear_of_the_stamp(services):
    """The presentation's plot: the key adds no height, and ends well before the stamp."""
    table = classify(services, horizon=1.0)
    moved = workshop.against_baseline(classify(services), table).moved
    chart = charts.quadrant_chart(
        table, Settings(horizon=1.0), moved=moved, on_screen=True, width=1560, height=600
    )
    spec = spec_of(chart)
    pixels = Pixels(spec)
    key = rows_named(spec, "moved_key_text")
    key_x, key_y = float(pixels.x(key["x"][0])), float(pixels.y(key["y"][0]))
    assert -40 < key_y < 0
    stamp = rows_named(spec, "stamp")
    stamp_words = t("chart_stamp", "nl", percent="100", market="1,5", need="1,5")
    stamp_left = float(pixels.x(stamp["x"][0])) - len(stamp_words) * 13
    assert key_x + len(t("moved_key", "nl")) * 11 < stamp_left


def test_no_ring_and_no_key_when_nothing_moved(services):
    spec, moved = moved_spec(services, 0.0)
    assert moved == ()
    assert len(layers_named(spec, "moved_")) == 3  # there, so a slider move swaps rows only
    assert rows_named(spec, "moved_").empty
    # Nor when the caller follows no moves (slides, comparisons): the chart is as before.
    plain = spec_of(charts.quadrant_chart(classify(services, horizon=1.0), Settings(horizon=1.0)))
    assert layers_named(plain, "moved_") == []


def test_the_first_move_changes_only_the_charts_data(services):
    """From nothing moved to sixteen: the browser swaps rows instead of redrawing the chart."""
    specs = []
    for horizon in (0.0, 1.0):
        table = classify(services, horizon=horizon)
        moved = workshop.against_baseline(classify(services), table).moved
        chart = charts.quadrant_chart(table, Settings(horizon=horizon), moved=moved)
        specs.append(charts.with_named_datasets(charts.as_spec(chart)))
    now, future = specs
    assert {k: v for k, v in now.items() if k != "datasets"} == {
        k: v for k, v in future.items() if k != "datasets"
    }
    assert now["datasets"]["moved_rings"] == [] and len(future["datasets"]["moved_rings"]) == 16


def test_rings_with_arrows_and_what_ifs_still_one_per_move(services, now_and_future, arrows):
    overrides = {"ruimte-o6": {"market": 1.9}}
    settings = Settings(horizon=0.5, overrides=overrides)
    table = classify(services, horizon=0.5, overrides=overrides)
    ghosts = classify(services, horizon=0.5)
    ghosts = ghosts[ghosts["id"] == "ruimte-o6"]
    moved = workshop.against_baseline(classify(services), table).moved
    assert "ruimte-o6" in moved
    spec = spec_of(
        charts.quadrant_chart(
            table, settings, ghosts=ghosts, arrows=arrows, evolution_at=0.5, moved=moved
        )
    )
    rings = rows_named(spec, "moved_rings")
    assert sorted(rings["id"]) == sorted(moved)
    assert layers_named(spec, "arrow_key_") and layers_named(spec, "moved_key_")  # both keys


def test_a_moved_chart_still_renders_to_png(services):
    spec, _ = moved_spec(services, 1.0)
    assert vlc.vegalite_to_png(spec, scale=1).startswith(PNG_SIGNATURE)
