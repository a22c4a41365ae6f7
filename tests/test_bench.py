"""bench/slider_latency.py runs end to end on a tiny setting; its timings are not judged here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from browser import ROOT, require_chromium

pytestmark = pytest.mark.browser


def test_slider_latency_bench_runs(tmp_path: Path) -> None:
    require_chromium()
    output = tmp_path / "slider_latency.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "slider_latency.py"),
            "--presses",
            "2",
            "--warmup",
            "0",
            "--output",
            str(output),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    assert "ratio of medians" in done.stdout
    report = json.loads(output.read_text(encoding="utf-8"))
    assert set(report["pages"]) == {"overview", "chart_only", "slider_only"}
    for page in report["pages"].values():
        assert len(page["samples_ms"]) == 2
        assert page["min"] <= page["median"] <= page["max"]
    assert report["ratio_of_medians"] > 0


def test_live_loop_bench_runs(tmp_path: Path) -> None:
    """bench/live_loop.py (issue 17): floor, key press → marks, drag, release, in one run."""
    require_chromium()
    output = tmp_path / "live_loop.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "live_loop.py"),
            *("--presses", "3", "--drags", "1", "--releases", "2", "--output", str(output)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    assert "key press → marks changed" in done.stdout
    report = json.loads(output.read_text(encoding="utf-8"))
    assert report["floor_ms"]["n"] == 3
    assert report["press_changed_ms"]["n"] == 3, "every press changed the chart's marks"
    (dragged,) = report["drags"]
    assert dragged["steps"] >= 90 and dragged["frames_drawn"] > 10
    assert report["release_ms"]["n"] == 2
