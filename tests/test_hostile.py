"""Every bad or hostile file is refused with a Dutch problem, or loaded with its text intact.

How long each takes and how much memory it costs is measured by bench/hostile.py (timed
assertions do not belong in tests); here a hang would still fail through pytest-timeout.
"""

from __future__ import annotations

import pytest
from hostile_corpus import CASES, HOSTILE_NAMES

from igemo_data import ServiceDataError, load_services, read_services

DUTCH_WORDS = ("bestand", "kolom", "regel", "tekens", "score", "id", "Excel", "hoogstens", "waarde")


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", list(CASES))
def test_each_hostile_file_is_refused_or_handled(name: str) -> None:
    build, outcome = CASES[name]
    data = build()
    if outcome == "refused":
        with pytest.raises(ServiceDataError) as refusal:
            load_services(data)
        problems = refusal.value.problems
        assert problems, name
        for problem in problems:
            assert problem.line >= 1
            assert any(word in problem.rule for word in DUTCH_WORDS), problem.rule
        assert len(str(refusal.value)) < 20_000, "the message stays readable"
    else:
        result = read_services(data)
        assert len(result.services) == 39


def test_hostile_names_are_kept_exactly() -> None:
    services = read_services(CASES["HTML and script in names"][0]()).services
    assert services["name"].tolist()[: len(HOSTILE_NAMES)] == HOSTILE_NAMES


def test_the_xml_tricks_sit_in_a_real_workbook() -> None:
    """Without the trick, the same workbook loads: the tricks are what is tested."""
    from hostile_corpus import _bundled_xlsx

    assert len(read_services(_bundled_xlsx()).services) == 39
