"""The scoring round's charts: what each mark stands for, read back from the specs."""

from __future__ import annotations

import struct
from datetime import date

import numpy as np
import pandas as pd
import pytest

from igemo_data import round_summary
from igemo_data.charts import export
from igemo_data.charts.round_chart import answers_dot_plot, round_chart, round_slide_spec
from igemo_data.settings import Settings

NA = np.nan
COLUMNS = ["participant", "name", "service_id", "market_current", "market_potential",
           "need_current", "need_future"]  # fmt: skip


@pytest.fixture
def answers() -> pd.DataFrame:
    rows = [
        (1, "Ann", "ruimte-e1", 2.0, 2.0, 2.0, 2.0),
        (2, "Bert", "ruimte-e1", 1.0, 1.0, 1.0, 1.0),
        (3, "", "ruimte-e1", 2.0, 2.0, 2.0, 2.0),
        (1, "Ann", "ruimte-e2", 1.2, 1.2, 1.2, NA),  # no position: "weet niet"
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def _layer(spec: dict, name: str) -> list[dict]:
    found = [layer for layer in spec["layer"] if layer["data"]["name"].startswith(name)]
    assert len(found) == 1, name
    return found[0]["data"]["values"]


def test_every_service_once_crosses_only_where_raters_have_positions(
    services: pd.DataFrame, answers: pd.DataFrame
) -> None:
    summary = round_summary(services, answers)
    spec = round_chart(summary, services, Settings(), lang="nl").to_dict(validate=False)
    points = {p["id"]: p for p in _layer(spec, "round_points")}
    assert sorted(points) == sorted(services["id"])
    e1 = points["ruimte-e1"]
    # Medians 2,0 everywhere: Vermeerder; one of three in Elimineer: divided.
    assert e1["quadrant"] == "vermeerder" and e1["description"].endswith("Vermeerder · verdeeld")
    assert e1["shares"] == "2 van 3 zien Vermeerder, 1 Elimineer" and e1["n"] == 3
    assert points["ruimte-e2"]["n"] == 0 and "verdeeld" not in points["ruimte-e2"]["description"]
    crosses = _layer(spec, "round_crosses")
    assert len(crosses) == 2  # e1's two arms: nobody else has a position
    across = next(c for c in crosses if c["y"] == c["y2"])
    # Market positions 1, 2, 2: quartiles 1,5 and 2,0, the arm 0,5 long where e1 is drawn.
    assert across["x2"] - across["x"] == pytest.approx(0.5, abs=0.01)
    assert len(_layer(spec, "round_divided")) == 1


def test_the_slide_is_twice_1920_by_1080(services: pd.DataFrame, answers: pd.DataFrame) -> None:
    summary = round_summary(services, answers)
    spec = round_slide_spec(
        summary, services, Settings(), lang="nl", title="Najaar", on=date(2026, 11, 30)
    )
    assert "30-11-2026" in spec["title"]["subtitle"] and spec["title"]["text"] == "Najaar"
    png = export.png(spec)
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (3840, 2160)
    assert export.pdf(spec).startswith(b"%PDF")


@pytest.mark.parametrize("names", [False, True])
def test_the_dots_are_every_answer_anonymous_unless_names_were_chosen(
    answers: pd.DataFrame, names: bool
) -> None:
    chosen = answers[answers["service_id"] == "ruimte-e1"]
    spec = answers_dot_plot(chosen, lang="nl", show_names=names).to_dict(validate=False)
    dots = _layer(spec, "round_dots")
    assert len(dots) == 12  # three raters × four scores
    who = {d["who"] for d in dots}
    assert who == ({"Ann", "Bert", "deelnemer 3"} if names else {"deelnemer 1", "deelnemer 2",
                                                                  "deelnemer 3"})  # fmt: skip
    medians = _layer(spec, "round_medians")
    assert [m["x"] for m in medians] == [2.0] * 4
    # Two raters gave 2,0 for each score: their dots stack, never on top of each other.
    twos = [(d["score"], d["y"]) for d in dots if d["x"] == 2.0]
    assert len(twos) == len(set(twos)) == 8
