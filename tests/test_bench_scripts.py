"""The bench scripts run end to end on a tiny size; their timings are not judged here.

Timed assertions do not belong in tests (a loaded machine would fail them): these check only
that each script exits 0 and writes the JSON shape bench/run_all.py reads. The browser scripts
(slider_latency, scale's browser part, startup) are left to tests/test_bench.py and the bench.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def _run(script: str, tmp_path: Path, *args: str) -> dict:
    output = tmp_path / f"{script}.json"
    done = subprocess.run(
        [sys.executable, str(BENCH / f"{script}.py"), *args, "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    report = json.loads(output.read_text(encoding="utf-8"))
    assert report["name"] == script
    assert {"measured_at", "command", "machine", "tables", "summary", "targets"} <= set(report)
    assert report["machine"]["cpus"] >= 1 and len(report["machine"]["load_average"]) == 3
    for table in report["tables"]:
        assert table["title"] and table["columns"] and table["rows"]
        assert all(len(row) == len(table["columns"]) for row in table["rows"])
    for row in report["summary"]:
        assert row["section"] and row["what"]
        if row["n"]:
            assert row["min"] <= row["median"] <= row["max"]
        assert row["met"] in (True, False, None)
        assert (row["met"] is None) == (row["limit"] is None)
    assert all(row in report["summary"] for row in report["targets"])
    assert report["tables"][0]["title"] in done.stdout
    return report


def _stats(entry: dict, count: int) -> None:
    assert entry["count"] == len(entry["samples"]) == count
    assert entry["min"] <= entry["median"] <= entry["max"]


def test_scale_runs_on_the_bundled_size(tmp_path: Path) -> None:
    report = _run("scale", tmp_path, "--sizes", "39", "--no-browser", "--repeat", "1")
    result = report["results"]["39"]
    assert "error" not in result, result
    for key in ("load_services_ms", "classify_ms", "overview_ms"):
        assert len(result[key]) == 1
    assert result["overview_exceptions"] == []
    assert report["browser"] is None


def test_generated_portfolios_are_fixed_and_valid(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    import common

    from igemo_data import load_services

    first = common.write_portfolio(50, tmp_path / "a.csv")
    second = common.write_portfolio(50, tmp_path / "b.csv")
    assert first.read_bytes() == second.read_bytes()
    services = load_services(first)
    assert len(services) == 50 and services["id"].is_unique
    assert services["id"].str.fullmatch(r"(ruimte|mens|bestuur)-g\d{6}").all()
    scores = services[["market_current", "market_potential", "need_current", "need_future"]]
    assert set(scores.stack()) <= {1.0, 1.25, 1.5, 1.75, 2.0}


def test_export_runs_once(tmp_path: Path) -> None:
    report = _run("export", tmp_path, "--repeat", "1")
    assert set(report["formats"]) == {"png", "svg", "pdf"}
    for entry in report["formats"].values():
        for kind in ("first_call", "same_spec", "changed_spec"):
            _stats(entry[kind], 1)
    assert [t["what"] for t in report["targets"]] == ["PNG, later, changed spec"]

    sys.path.insert(0, str(BENCH))
    import run_all

    table = run_all.markdown(report["summary"]).splitlines()
    assert "| target | met? |" in table[0]
    assert len(table) == 2 + len(report["summary"])


def test_apptest_pages_runs_once(tmp_path: Path) -> None:
    report = _run("apptest_pages", tmp_path, "--repeat", "1")
    assert "app.py" in report["pages"] and "pages/99_Meting.py" in report["pages"]
    _stats(report["empty_page"], 2)  # measured before and after the pages
    for entry in report["pages"].values():
        _stats(entry, 1)
        assert entry["ratio_to_empty"] > 0


# A case name may hold a comma itself.
@pytest.mark.parametrize("cases", ["empty file,PNG image", "10,000-character name,empty file"])
def test_hostile_runs_the_named_cases(tmp_path: Path, cases: str) -> None:
    report = _run("hostile", tmp_path, "--cases", cases, "--repeat", "1")
    names = [entry["case"] for entry in report["cases"]]
    assert ",".join(names) == cases
    for entry in report["cases"]:
        assert entry["outcome"] == "refused"
        assert len(entry["ms"]) == 1


def test_sensitivity_runs_on_the_bundled_size(tmp_path: Path) -> None:
    report = _run("sensitivity", tmp_path, "--sizes", "39", "--repeat", "1")
    assert report["sizes"] == [39]
    assert set(report["pages"]) == {"pages/12_Gevoeligheid.py", "app.py"}
    for entry in report["pages"].values():
        _stats(entry, 2)  # one rerun in each of the two turns
    assert [t["what"] for t in report["targets"]] == [
        "AppTest rerun after a horizon change, pages/12_Gevoeligheid.py"
    ]


def test_round_load_runs_on_three_phones(tmp_path: Path) -> None:
    report = _run("round_load", tmp_path, "--participants", "3", "--seconds", "4", "--presses", "3")
    result = report["results"]
    assert result["errors"] == [] and result["duplicates"] == 0
    assert result["answers"] >= 3 and result["rows_stored"] == result["cards_acknowledged"]
    assert len(result["latency"]["reveal: key press on the horizon (fragment run)"]) == 3
