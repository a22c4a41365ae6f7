"""The texts package: one decimal-comma rule, and loader problems in either language."""

from __future__ import annotations

import math
import re

import pytest

from igemo_data import ServiceDataError, read_services
from igemo_data.texts import Phrase, decimal, format_score, percent, score_slider_format, t


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [
        (1, "1", "1"),
        (1.5, "1,5", "1.5"),
        (4 / 3, "1,33", "1.33"),
        (2.0, "2", "2"),
        (10, "10", "10"),
    ],
)
def test_a_score_reads_as_typed_with_the_languages_mark(value, nl, en) -> None:
    assert (format_score(value, "nl"), format_score(value, "en")) == (nl, en)


def test_a_missing_score_is_an_empty_cell() -> None:
    assert format_score(None) == format_score(math.nan) == ""


def test_fixed_decimals_keep_their_zeros() -> None:
    assert decimal(1.5, "nl") == "1,50"
    assert decimal(1.5, "en") == "1.50"
    assert decimal(33.25, "nl", digits=1) == "33,2"
    assert decimal(3, "nl", digits=0, trim=True) == "3"


def test_an_unknown_language_writes_numbers_as_words_in_dutch() -> None:
    assert t("horizon", "fr") == t("horizon", "nl")
    assert format_score(1.5, "fr") == "1,5"
    assert score_slider_format("nl") == score_slider_format("fr") == "localized"
    assert score_slider_format("en") == "%.2f"


def test_a_phrase_writes_its_values_in_its_language() -> None:
    phrase = Phrase.of("load_score_outside", low=1.0, high=2.5)
    assert phrase.text("nl") == "een score moet liggen tussen 1 en 2,5 (grenzen inbegrepen)"
    assert phrase.text("en") == "a score must lie between 1 and 2.5 (both included)"
    nested = Phrase.of("load_cannot_read", reason=Phrase.of("load_reason_missing"))
    assert nested.text("en") == "the file cannot be read: it does not exist"


_BAD = b"id,domain,cluster,code,name,market_current,market_potential,need_current,need_future\n"
_BAD += b"a,STAD,c,x,n,3,1,1,1\n" + b"a,RUIMTE,c,x,n,1,1,1,1\n" + b"b,MENS,c,x,n,1,1,1,1,9\n"
_BAD += b"c,MENS,c,x,,1,,abc,1\n" + b"d,MENS,c,x,n,1,1,1\n"


def test_a_refusal_can_be_written_in_english_while_staying_dutch() -> None:
    with pytest.raises(ServiceDataError) as caught:
        read_services(_BAD)
    error = caught.value
    dutch = str(error)
    assert error.text("nl") == dutch
    assert error.as_records("nl") == error.as_records()
    assert [p.in_language("nl") for p in error.problems] == error.problems
    assert len(error.problems) == 8
    english = error.text("en")
    assert english.startswith("The file was refused:")
    assert len(english.splitlines()) == len(dutch.splitlines())
    words = set(re.findall(r"[a-z]+", english.lower()))
    assert not words & {"regel", "kolom", "waarde", "moet", "geweigerd", "het", "een"}, english
    # The Dutch fields stay as they were; only the rendering changes.
    assert all(
        p.rule == r["regel_uitleg"] for p, r in zip(error.problems, error.as_records(), strict=True)
    )


# --- Errors that carry their phrase --------------------------------------------------------------


def test_a_said_error_is_dutch_as_a_string_and_any_language_on_demand() -> None:
    from igemo_data.texts import Said, error_text

    error = Said(Phrase.of("scenario_gone"))
    assert str(error) == "Dit scenario bestaat niet (meer)."
    assert error.text("en") == "This scenario does not exist (any more)."
    assert error_text(error, "en") == error.text("en")
    plain = Said("al in woorden")  # plain text from an older caller stays as it was given
    assert plain.phrase is None and plain.text("en") == "al in woorden"
    assert error_text(ValueError("kapot"), "en") == "kapot"


def test_a_refused_value_is_still_a_value_error() -> None:
    from igemo_data.matrix import classify
    from igemo_data.texts.said import Refused

    services = read_services(
        b"id,domain,cluster,code,name,description,market_current,market_potential,"
        b"need_current,need_future,plan_decision,plan_note\r\n"
        b"ruimte-e1,RUIMTE,c,e1,n,,1,1,1,1,,\r\n"
    ).services
    with pytest.raises(ValueError, match=r"horizon moet tussen 0 en 1 liggen, niet 2\.0") as caught:
        classify(services, horizon=2.0)
    assert isinstance(caught.value, Refused)
    assert caught.value.text("en") == "horizon must lie between 0 and 1, not 2.0"


def test_a_fixed_number_in_a_phrase_keeps_its_decimals() -> None:
    from igemo_data.texts.phrase import Number

    phrase = Phrase.of("upload_size_value", size=Number(6.0))
    assert (phrase.text("nl"), phrase.text("en")) == ("6,0 MB", "6.0 MB")


@pytest.mark.parametrize(
    ("fraction", "shown"), [(0.0, "0"), (0.35, "35"), (1.0, "100"), (0.375, "38")]
)
def test_a_fraction_reads_as_a_whole_percent(fraction: float, shown: str) -> None:
    assert percent(fraction) == shown
