"""The plan's frame (`data/plan.json`): read faithfully from the plan, searchable, shown as text.

Counts are derived from the JSON and compared with what the plan's text states or numbers. The
plan's text lies next to the repository (`../shared/seeds/`); without it those cross-checks
are skipped on a developer's machine and fail under CI.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from igemo_data.plan_text import (
    Item,
    Plan,
    item_heading,
    load_plan,
    normalise,
    search,
    sub_items_markdown,
)
from igemo_data.texts import escape_markdown, t

ROOT = Path(__file__).resolve().parent.parent
PLAN_TEXT = ROOT.parent / "shared" / "seeds" / "000_4fc32f664ca47980.txt"
PAGE = "pages/6_Het_plan.py"
SECTION_IDS = [
    "missie",
    "waarden",
    "doelstellingen",
    "ambities",
    "uitdagingen",
    "werkvormen",
    "succesfactoren",
]
# Sections whose titles are the plan's own words; goals and ambitions carry short labels.
VERBATIM_TITLES = {"waarden", "uitdagingen", "werkvormen", "succesfactoren"}
ASCII_PUNCTUATION = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum())
WORD_JOINER = "\u2060"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


@pytest.fixture(scope="module")
def plan_text() -> str:
    if not PLAN_TEXT.exists():
        if "CI" in os.environ:
            pytest.fail(f"the plan text {PLAN_TEXT} is missing, and under CI it must be there")
        pytest.skip(f"the plan text {PLAN_TEXT} is not next to the repository")
    return PLAN_TEXT.read_text(encoding="utf-8")


def between(text: str, start: str, end: str) -> str:
    """The part of the plan from the first `start` to the next `end`."""
    begin = text.index(start)
    return text[begin : text.index(end, begin + len(start))]


def flat(text: str) -> str:
    """The plan's words without its line layout: words split over two lines joined again."""
    joined = re.sub(r"(?<=[a-zë])-[ \t]*\n\s*(?=[a-z])", "", text)
    return re.sub(r"\s+", " ", joined).strip()


def everything(item: Item) -> str:
    return " ".join([item.number, item.title, item.text, *map(everything, item.items)])


# --- The file and its counts ---------------------------------------------------------------


def test_the_bundled_plan_loads(plan: Plan) -> None:
    assert plan.title.startswith("Strategisch beleidsplan")
    assert [section.id for section in plan.sections] == SECTION_IDS
    for section in plan.sections:
        assert section.title.strip() and section.intro.strip() and section.items


def test_the_file_is_pretty_printed_utf8() -> None:
    raw = (ROOT / "data" / "plan.json").read_bytes()
    text = raw.decode("utf-8")
    assert "creëert" in text, "accents are written as themselves, not as \\u escapes"
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_the_counts_the_brief_expects(plan: Plan) -> None:
    counts = {section.id: len(section.items) for section in plan.sections}
    assert counts == {
        "missie": 1,
        "waarden": 5,
        "doelstellingen": 4,
        "ambities": 7,
        "uitdagingen": 7,
        "werkvormen": 3,
        "succesfactoren": 4,
    }
    questions = [q for item in plan.section("uitdagingen").items for q in item.items]
    assert [q.number for q in questions] == [str(n) for n in range(1, 17)]
    sub_goals = [g.number for item in plan.section("doelstellingen").items for g in item.items]
    assert sub_goals == ["2.1", "2.2", "3.1", "3.2", "3.3"]


def test_every_item_names_its_place_in_the_plan(plan: Plan) -> None:
    for section in plan.sections:
        for item in section.items:
            assert item.section.startswith(section.section), (section.id, item.title)
            for sub in item.items:
                assert sub.section == item.section


def test_values_are_the_plans_list(plan: Plan, plan_text: str) -> None:
    block = between(plan_text, "IGEMO heeft de volgende waarden en gedragsregels", "DEEL 5")
    values = re.findall(r"^\s*\uf0d8\s*(.+?)\s*$", block, flags=re.MULTILINE)
    assert len(values) == 5
    assert [item.title for item in plan.section("waarden").items] == values


def test_goals_and_sub_goals_are_the_plans(plan: Plan, plan_text: str) -> None:
    block = between(plan_text, "DEEL 5:", "DEEL 6:")
    goals = re.findall(r"Strategische doelstelling (\d+):", block)
    sub_goals = re.findall(r"Strategische subdoelstelling (\d+\.\d+)\.:", block)
    section = plan.section("doelstellingen")
    assert [item.number for item in section.items] == goals == ["1", "2", "3", "4"]
    assert [g.number for item in section.items for g in item.items] == sub_goals
    for item in section.items:
        for sub in item.items:
            assert sub.number.split(".")[0] == item.number


def test_ambitions_are_the_plans(plan: Plan, plan_text: str) -> None:
    block = between(plan_text, "DEEL 6:", "DEEL 7:")
    numbers = re.findall(r"^\s*(\d+)\. IGEMO ", block, flags=re.MULTILINE)
    assert numbers == [str(n) for n in range(1, 8)]
    assert [item.number for item in plan.section("ambities").items] == numbers


def test_challenges_and_their_questions_are_the_plans(plan: Plan, plan_text: str) -> None:
    block = between(plan_text, "3.2.  Strategische uitdagingen", "3.3.")
    stated = re.search(r"definieert IGEMO (\d+) strategische uitdagingen", block)
    assert stated and int(stated.group(1)) == len(plan.section("uitdagingen").items)
    # The table reads row by row: a challenge's number and name, then its questions, which
    # all start with a question word and run on from 1 to 16 across the challenges.
    grouping: dict[str, list[str]] = {}
    challenge = ""
    for number, first_word in re.findall(r"^\s*(\d+)\. (\S+)", block, flags=re.MULTILINE):
        if first_word in {"Wat", "Hoe", "Welk"}:
            grouping[challenge].append(number)
        else:
            challenge = number
            grouping[challenge] = []
    assert sum(map(len, grouping.values())) == 16
    assert grouping == {
        item.number: [q.number for q in item.items] for item in plan.section("uitdagingen").items
    }


def test_ways_of_working_are_the_plans(plan: Plan, plan_text: str) -> None:
    block = between(plan_text, "DEEL 7:", "DEEL 8:")
    stated = re.search(r"werden (\d+) werkvormen gedefinieerd", block)
    items = plan.section("werkvormen").items
    assert stated and int(stated.group(1)) == len(items) == 3
    headings = re.findall(r"^\s*(7\.\d)\. (.+?)\s*$", block, flags=re.MULTILINE)
    assert [(item.number, item.title) for item in items] == headings


def test_success_factors_have_the_plans_four_perspectives(plan: Plan, plan_text: str) -> None:
    block = plan_text[plan_text.index("DEEL 9:") :]
    stated = re.search(r"vanuit (\d+) perspectieven", block)
    items = plan.section("succesfactoren").items
    assert stated and int(stated.group(1)) == len(items) == 4
    headings = re.findall(r"^\s*(9\.\d)\.\s+(.+?)\s*$", block, flags=re.MULTILINE)
    assert [(item.number, item.title) for item in items] == headings


def test_quoted_text_is_the_plans_own_words(plan: Plan, plan_text: str) -> None:
    """Outside the sections marked as summaries, every text is a verbatim quote."""
    source = flat(plan_text)
    for section in plan.sections:
        if section.summary:
            continue
        for item in section.items:
            if section.id in VERBATIM_TITLES:
                assert flat(item.title) in source, item.title
            for text in [item.text, *(sub.text for sub in item.items)]:
                assert flat(text) in source, text


# --- Searching -----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["creeer", "creëer", "CREËER", "Creeer"])
def test_search_ignores_accents_and_capitals(plan: Plan, query: str) -> None:
    found = search(plan, query)
    assert found == search(plan, "creeer")
    questions = [q for item in found.section("uitdagingen").items for q in item.items]
    assert [q.number for q in questions] == ["13"]
    assert "creëert" in questions[0].text
    # 9.2's "gecreëerde" holds "creeer" too, but not "creeert".
    assert search(plan, "creeert") == search(plan, "Creëert") != found


def test_a_plain_query_finds_accented_words_and_back(plan: Plan) -> None:
    question_6 = "geëxpliciteerd"
    for query in ("geexpliciteerd", question_6, "GEËXPLICITEERD"):
        found = search(plan, query)
        assert found.item_count() == 1
        assert [q.number for q in found.section("uitdagingen").items[0].items] == ["6"]
    assert search(plan, "ïnnovatie").section("waarden").items[0].title == "Innovatie"


def test_search_filters_and_keeps_the_structure(plan: Plan) -> None:
    found = search(plan, "kennisbeheer")
    assert 0 < found.item_count() < plan.item_count()
    ids = [section.id for section in found.sections]
    assert ids == [sid for sid in SECTION_IDS if sid in ids], "sections stay in the plan's order"
    for section in found.sections:
        original = plan.section(section.id)
        assert (section.title, section.intro, section.section) == (
            original.title,
            original.intro,
            original.section,
        )
        for item in section.items:
            assert "kennisbeheer" in normalise(section.title + everything(item))


def test_every_word_must_be_found(plan: Plan) -> None:
    both = search(plan, "duurzaam wonen")
    assert 0 < both.item_count() < search(plan, "duurzaam").item_count()
    for section in both.sections:
        for item in section.items:
            text = normalise(section.title + section.intro + everything(item))
            assert "duurzaam" in text and "wonen" in text


def test_search_keeps_only_the_matching_questions(plan: Plan) -> None:
    found = search(plan, "verkoop")
    challenge = found.section("uitdagingen").items
    assert [(item.number, [q.number for q in item.items]) for item in challenge] == [("6", ["13"])]


def test_a_matching_title_keeps_the_whole_item(plan: Plan) -> None:
    found = search(plan, "talentmanagement")
    [challenge] = found.section("uitdagingen").items
    assert [q.number for q in challenge.items] == ["5", "6", "7"]


def test_a_matching_section_title_keeps_the_whole_section(plan: Plan) -> None:
    found = search(plan, "ambities")
    assert found.section("ambities") == plan.section("ambities")


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_an_empty_query_returns_everything(plan: Plan, query: str) -> None:
    assert search(plan, query) == plan


@pytest.mark.parametrize("query", ["xyzzy", "<script>alert(1)</script>", "kennisbeheer xyzzy"])
def test_a_query_without_hits_returns_an_empty_plan(plan: Plan, query: str) -> None:
    found = search(plan, query)
    assert found.sections == ()
    assert found.item_count() == 0
    assert found.title == plan.title


# --- Loading refuses a malformed file ------------------------------------------------------


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _good() -> dict:
    return {
        "title": "Plan",
        "sections": [
            {
                "id": "ambities",
                "title": "Ambities",
                "section": "6",
                "intro": "Inleiding.",
                "items": [{"number": "1", "title": "Eén", "text": "Tekst.", "section": "6"}],
            }
        ],
    }


def test_a_small_good_file_loads(tmp_path: Path) -> None:
    plan = load_plan(_write(tmp_path, _good()))
    assert plan.section("ambities").items[0] == Item(
        title="Eén", text="Tekst.", section="6", number="1"
    )


def test_invalid_json_is_refused_in_dutch(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text('{"title": "Plan",', encoding="utf-8")
    with pytest.raises(ValueError, match=r"geen geldige JSON \(regel 1, kolom"):
        load_plan(path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes('{"title": "Creëer"}'.encode("cp1252"))
    with pytest.raises(ValueError, match="geen UTF-8"):
        load_plan(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("sections"), "'sections' moet een niet-lege lijst"),
        (lambda d: d.update(sections=[]), "'sections' moet een niet-lege lijst"),
        (lambda d: d.update(title=""), "het plan: 'title' is leeg"),
        (lambda d: d["sections"][0].pop("title"), r"sectie 1 \('ambities'\): 'title' ontbreekt"),
        (lambda d: d["sections"][0].update(id="Ambities!"), "'id' moet een korte naam"),
        (lambda d: d["sections"][0].update(section="zes"), 'niet "zes"'),
        (lambda d: d["sections"][0].update(items=[]), "'items' moet een niet-lege lijst"),
        (lambda d: d["sections"][0].update(summary="ja"), "'summary' moet true of false"),
        (
            lambda d: d["sections"][0]["items"][0].pop("title"),
            r"sectie 1 \('ambities'\), onderdeel 1: 'title' ontbreekt",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(text=3),
            "'text' moet tekst zijn, niet 3",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(tekst="x"),
            "onbekende sleutel\\(s\\) 'tekst'",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(items=[{"section": "6"}]),
            "subonderdeel 1: 'text' ontbreekt",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(
                items=[{"text": "a", "section": "6", "items": [{"text": "b", "section": "6"}]}]
            ),
            "een subonderdeel kan zelf geen onderdelen",
        ),
        (lambda d: d["sections"].append(d["sections"][0]), "id 'ambities' komt meer dan één keer"),
        (lambda d: d.update(extra=1), "onbekende sleutel\\(s\\) 'extra'"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_problem(
    tmp_path: Path, change, message: str
) -> None:
    data = _good()
    change(data)
    with pytest.raises(ValueError, match=message) as refused:
        load_plan(_write(tmp_path, data))
    assert "plan.json heeft niet de verwachte opbouw" in str(refused.value)


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    data = _good()
    data["sections"][0].pop("intro")  # allowed: an intro may be left out
    data["sections"][0]["section"] = "6a"
    data["sections"][0]["items"][0]["title"] = ""
    with pytest.raises(ValueError) as refused:
        load_plan(_write(tmp_path, data))
    lines = str(refused.value).splitlines()[1:]
    assert len(lines) == 2
    assert any("'section'" in line for line in lines)
    assert any("'title' is leeg" in line for line in lines)


def test_a_top_level_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="één JSON-object"):
        load_plan(_write(tmp_path, [1, 2]))


# --- Showing as text -----------------------------------------------------------------------


def _unescaped(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        ":smile: :red[rood] :material/home: $x^2$",
        "# kop",
        "1. lijst",
        "**vet** _schuin_ `code` [link](https://x.be)",
        "a\\b &amp; | ~~weg~~",
        "https://x.be www.igemo.be info@igemo.be",
        "creëer ‘verkoop’ – 1-op-1",
    ],
)
def test_escaped_markdown_holds_no_markup(text: str) -> None:
    escaped = escape_markdown(text)
    bare = re.sub(r"\\[!-/:-@\[-`{-~]", "", escaped)
    assert not set(bare) & set(ASCII_PUNCTUATION), escaped
    assert _unescaped(escaped) == text


def test_addresses_do_not_become_links() -> None:
    escaped = escape_markdown("https://x.be www.igemo.be info@igemo.be")
    assert f"https{WORD_JOINER}\\:" in escaped
    assert f"www{WORD_JOINER}\\." in escaped
    assert f"info{WORD_JOINER}\\@" in escaped


def test_escaped_markdown_keeps_line_breaks_and_drops_indentation() -> None:
    assert escape_markdown("een\n    twee") == "een  \ntwee"
    assert escape_markdown("a\r\nb") == "a  \nb"


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Zl", "Zp", "Cs"])))
def test_escaping_shows_every_character(text: str) -> None:
    text = text.replace(WORD_JOINER, "").lstrip()
    escaped = escape_markdown(text)
    assert "\n" not in escaped
    assert _unescaped(escaped) == text


def test_item_headings_and_sub_items() -> None:
    goal = Item(
        title="Een duurzame leefomgeving",
        text="",
        section="5",
        number="2",
        items=(Item(title="", text="Het *realiseren*.", section="5", number="2.1"),),
    )
    assert item_heading(goal) == "2. Een duurzame leefomgeving"
    assert item_heading(Item(title="Innovatie", text="", section="4")) == "Innovatie"
    assert sub_items_markdown(goal.items) == "- **2\\.1\\.** Het \\*realiseren\\*\\."
    plain = (Item(title="", text="Een punt.", section="9.1"),)
    assert sub_items_markdown(plain) == "- Een punt\\."


# --- The page ------------------------------------------------------------------------------


def _page(**query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query)
    at.switch_page(PAGE)
    return at.run()


def _captions(at: AppTest) -> list[str]:
    return [caption.value for caption in at.caption]


def test_the_page_shows_every_section(plan: Plan) -> None:
    at = _page()
    assert not at.exception, at.exception
    assert at.title[0].value == t("page_plan")
    headers = [header.value for header in at.header]
    for section in plan.sections:
        assert escape_markdown(section.title) in headers
    assert len(at.subheader) == plan.item_count()
    assert t("plan_all", total=plan.item_count()) in _captions(at)


def test_typing_a_search_term_filters_the_page(plan: Plan) -> None:
    at = _page()
    before = len(at.subheader)
    at.text_input(key="plan_search").input("kennisbeheer").run()
    assert not at.exception
    found = search(plan, "kennisbeheer")
    assert 0 < len(at.subheader) == found.item_count() < before
    count_line = t(
        "plan_matches", count=found.item_count(), total=plan.item_count(), query="kennisbeheer"
    )
    assert count_line in _captions(at)
    assert t("plan_all", total=plan.item_count()) not in _captions(at)
    headers = [header.value for header in at.header]
    assert escape_markdown(plan.section("ambities").title) not in headers


def test_a_script_in_the_search_box_is_shown_as_text() -> None:
    at = _page()
    query = "<script>alert(1)</script>"
    at.text_input(key="plan_search").input(query).run()
    assert not at.exception
    assert len(at.subheader) == 0
    [info] = at.info
    assert info.value == t("plan_no_matches", query=escape_markdown(query))
    # The only HTML on the page is our own static style sheet (Streamlit's hints in Dutch).
    for element in at.get("html"):
        body = element.proto.body
        assert body.startswith("<style>") and body.endswith("</style>")
        assert query not in body and "script" not in body
    for element in [*at.markdown, *at.caption]:
        assert not element.proto.allow_html


def test_the_page_runs_in_english(plan: Plan) -> None:
    at = _page(lang="en")
    assert not at.exception
    assert at.title[0].value == t("page_plan", "en")
    assert t("plan_all", "en", total=plan.item_count()) in _captions(at)
    assert len(at.header) >= len(plan.sections)
