"""The bundled `data/services.csv` against design §2 and against the plan it was read from.

The plan's text lies next to the repository (`../shared/seeds/`). Without it these cross-checks
are skipped on a developer's machine, but under CI a missing plan is a failure: the data must
never silently stop being checked against its source.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from igemo_data.loading import load_services, read_services

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "services.csv"
PLAN = REPO.parent / "shared" / "seeds" / "000_4fc32f664ca47980.txt"

# Design §2, written out here so that a change in `schema.py` cannot slip past the contract.
DESIGN_COLUMNS = [
    "id",
    "domain",
    "cluster",
    "code",
    "name",
    "description",
    "market_current",
    "market_potential",
    "need_current",
    "need_future",
    "plan_decision",
    "plan_note",
]
SCORES = ["market_current", "market_potential", "need_current", "need_future"]
DESIGN_DECISIONS = {"invest", "wait", "niche", "phase_out", "no_invest"}
SECTIONS = {"RUIMTE": "8.2.1", "MENS": "8.2.2", "BESTUUR": "8.2.3"}

# One row of a plan table: "... (o5) 1 2 1 2"; w7's name wraps over lines before its scores.
PLAN_ROW = re.compile(r"\((\w\d+)\)\s*\n?\s*\n?\s*([12]) ([12]) ([12]) ([12])")


@pytest.fixture(scope="module")
def services() -> pd.DataFrame:
    return load_services(BUNDLED)


def plan_text_or_skip(path: Path) -> str:
    """The plan's text; absent, skip on a developer's machine and fail under CI."""
    if not path.exists():
        if "CI" in os.environ:
            pytest.fail(f"the plan text {path} is missing, and under CI it must be there")
        pytest.skip(f"the plan text {path} is not next to the repository")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def part_8_2() -> str:
    text = plan_text_or_skip(PLAN)
    start, end = text.index("8.2.1. Werkdomein RUIMTE"), text.index("8.3. Conclusie")
    assert start < end
    return text[start:end]


def sections(part: str) -> dict[str, str]:
    """Part 8.2 cut into its three werkdomeinen: {"RUIMTE": text of 8.2.1, ...}."""
    heads = list(re.finditer(r"8\.2\.(\d)\. Werkdomein (RUIMTE|MENS|BESTUUR)", part))
    assert [(h.group(1), h.group(2)) for h in heads] == [
        ("1", "RUIMTE"),
        ("2", "MENS"),
        ("3", "BESTUUR"),
    ]
    ends = [h.start() for h in heads[1:]] + [len(part)]
    return {h.group(2): part[h.start() : end] for h, end in zip(heads, ends, strict=True)}


def strategies(section: str) -> list[str]:
    """The section's "Strategie:" paragraphs, each up to the next bullet (U+F0D8) or the end."""
    return re.findall(r"Strategie:(.*?)(?=\uf0d8|\Z)", section, flags=re.S)


def normalised(text: str) -> str:
    for curly, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip().lower()


# --- the file itself --------------------------------------------------------------------------


def test_the_bundled_file_loads(services: pd.DataFrame) -> None:
    assert len(services) == 39
    assert services["domain"].value_counts().to_dict() == {"RUIMTE": 14, "MENS": 13, "BESTUUR": 12}
    assert services["id"].is_unique
    assert list(services.columns) == DESIGN_COLUMNS
    for column in SCORES:
        assert services[column].dtype == "float64", column
        assert services[column].between(1.0, 2.0).all(), column


def test_the_bundled_file_loads_without_warnings() -> None:
    assert read_services(BUNDLED).warnings == []


def test_the_file_is_written_as_design_2_says() -> None:
    raw = BUNDLED.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    assert text.splitlines()[0] == ",".join(DESIGN_COLUMNS)
    rows = list(csv.reader(text.splitlines()))
    assert all(len(row) == len(DESIGN_COLUMNS) for row in rows)


def test_the_loader_reads_what_the_file_says(services: pd.DataFrame) -> None:
    """Checked against the standard library's reading, value by value."""
    with BUNDLED.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert services["id"].tolist() == [r["id"] for r in records]
    for loaded, record in zip(services.to_dict("records"), records, strict=True):
        for column in DESIGN_COLUMNS:
            expected = float(record[column]) if column in SCORES else record[column]
            assert loaded[column] == expected, (record["id"], column)


def test_ids_are_domain_and_code(services: pd.DataFrame) -> None:
    expected = services["domain"].str.lower() + "-" + services["code"]
    assert (services["id"] == expected).all()
    assert (services["id"] == services["id"].str.lower()).all()
    # the plan's v1 and v2 occur twice; only the domain tells them apart
    assert sorted(services.loc[services["code"] == "v1", "id"]) == ["bestuur-v1", "mens-v1"]


def test_the_decision_vocabulary(services: pd.DataFrame) -> None:
    decided = services[services["plan_decision"] != ""]
    assert set(decided["plan_decision"]) == DESIGN_DECISIONS  # each word is used, none other
    for row in decided.itertuples():
        section = SECTIONS[row.domain]
        assert row.plan_note.startswith(f"{section}: "), (row.id, row.plan_note)
        assert len(row.plan_note) > len(f"{section}: ") + 5, row.id
    undecided = services[services["plan_decision"] == ""]
    assert (undecided["plan_note"] == "").all()  # no note without a decision to explain
    assert sorted(undecided["id"]) == ["bestuur-w1", "bestuur-w9"]


# Words each decision's note must hold, as the plan phrases that decision.
DECISION_WORDS = {
    "invest": r"investe|voortbouwen",
    "wait": r"afwachtende houding",
    "niche": r"niches",
    "phase_out": r"afbouwen",
    "no_invest": r"niet .*(investe|geïnvesteerd)",
}


def test_each_note_says_its_decision(services: pd.DataFrame) -> None:
    for row in services[services["plan_decision"] != ""].itertuples():
        assert re.search(DECISION_WORDS[row.plan_decision], row.plan_note), row.id
        if row.plan_decision == "invest":
            assert not re.search(r"\bniet\b", row.plan_note), row.id


# --- against the plan ---------------------------------------------------------------------


def test_the_plan_file_is_required_under_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "weg.txt"
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="must be there"):
        plan_text_or_skip(missing)
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        plan_text_or_skip(missing)


def test_scores_match_the_plan_row_by_row(services: pd.DataFrame, part_8_2: str) -> None:
    table = PLAN_ROW.findall(part_8_2)
    assert len(table) == 39
    assert [code for code, *_ in table] == services["code"].tolist()
    for (code, *scores), row in zip(table, services.itertuples(), strict=True):
        assert row.code == code
        assert [getattr(row, column) for column in SCORES] == [float(s) for s in scores], row.id


def test_domains_follow_the_plan_sections(services: pd.DataFrame, part_8_2: str) -> None:
    for domain, text in sections(part_8_2).items():
        codes = [code for code, *_ in PLAN_ROW.findall(text)]
        assert codes == services.loc[services["domain"] == domain, "code"].tolist(), domain


def test_clusters_follow_the_plan_headings(services: pd.DataFrame, part_8_2: str) -> None:
    """Each service sits under its cluster's heading in the plan's table."""
    clusters = set(services["cluster"])
    headings = [
        (m.start(), m.group(1).strip())
        for m in re.finditer(r"^[ \t]*([^\n(]+?)[ \t]*$", part_8_2, flags=re.M)
        if m.group(1).strip() in clusters
    ]
    rows = list(PLAN_ROW.finditer(part_8_2))
    for match, row in zip(rows, services.itertuples(), strict=True):
        above = [name for start, name in headings if start < match.start()]
        assert above and above[-1] == row.cluster, row.id


def test_decisions_follow_the_plan_strategies(services: pd.DataFrame, part_8_2: str) -> None:
    """A service has a decision exactly when its cluster's "Strategie:" paragraph names it, or
    when that paragraph names no service at all and so decides for the whole cluster."""
    for domain, text in sections(part_8_2).items():
        mine = services[services["domain"] == domain]
        clusters = list(dict.fromkeys(mine["cluster"]))
        paragraphs = strategies(text)
        assert len(paragraphs) == len(clusters), domain  # one strategy per cluster, in order
        for cluster, paragraph in zip(clusters, paragraphs, strict=True):
            in_cluster = mine[mine["cluster"] == cluster]
            named = set(re.findall(r"\((\w\d+)\)", paragraph))
            assert named <= set(in_cluster["code"]), (cluster, named)
            decided = set(in_cluster.loc[in_cluster["plan_decision"] != "", "code"])
            if named:
                assert decided == named, cluster
            else:
                assert decided == set(in_cluster["code"]), cluster
                assert set(in_cluster["plan_decision"]) == {"no_invest"}, cluster
                assert "beslist niet te investeren" in normalised(paragraph), cluster


def test_quoted_words_are_the_plans_own(services: pd.DataFrame, part_8_2: str) -> None:
    """What a note puts between quotation marks stands in its section of the plan verbatim."""
    texts = {domain: normalised(text) for domain, text in sections(part_8_2).items()}
    misquoted = [
        (row.id, quote)
        for row in services.itertuples()
        for quote in re.findall(r'"([^"]+)"', row.plan_note)
        if normalised(quote) not in texts[row.domain]
    ]
    assert misquoted == []
