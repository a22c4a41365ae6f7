"""The frame the matrix sits in: the plan's mission, goals, ambitions, challenges and more.

The content lives in `data/plan.json`, in the plan's own Dutch; this module reads it into
dataclasses, refuses a malformed file with every problem named, and filters it for the page's
search box. Nothing here touches Streamlit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path
from typing import Any

from igemo_data.texts import escape_markdown, normalise

PLAN_PATH = Path(__file__).resolve().parent.parent / "data" / "plan.json"

_SECTION_NUMBER = re.compile(r"\d+(\.\d+)*")
_SECTION_ID = re.compile(r"[a-z][a-z0-9_-]*")
_SECTION_KEYS = {"id", "title", "section", "intro", "items", "summary"}
_ITEM_KEYS = {"number", "title", "text", "section", "items"}


@dataclass(frozen=True)
class Item:
    """One goal, ambition, challenge, …; its sub-items are sub-goals, questions or key points."""

    title: str
    text: str
    section: str
    number: str = ""
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Section:
    """One part of the plan. `summary` marks a section that paraphrases long prose."""

    id: str
    title: str
    section: str
    intro: str
    items: tuple[Item, ...]
    summary: bool = False


@dataclass(frozen=True)
class Plan:
    title: str
    sections: tuple[Section, ...]

    def item_count(self) -> int:
        """How many items the sections hold (sub-items not counted)."""
        return sum(len(section.items) for section in self.sections)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)


# --- Loading -------------------------------------------------------------------------------


def load_plan(path: str | PathLike[str] | None = None) -> Plan:
    """The plan's frame from `path` (default `data/plan.json`); ValueError lists every problem."""
    source = Path(path) if path is not None else PLAN_PATH
    try:
        raw = source.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{source.name} is geen UTF-8-tekst (byte {error.start}): sla het bestand op als UTF-8."
        ) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"{source.name} is geen geldige JSON (regel {error.lineno}, kolom {error.colno}): "
            f"{error.msg}."
        ) from None
    problems: list[str] = []
    plan = _plan(data, problems)
    if problems:
        listed = "\n".join(f"- {problem}" for problem in problems)
        raise ValueError(f"{source.name} heeft niet de verwachte opbouw:\n{listed}")
    assert plan is not None
    return plan


def _plan(data: Any, problems: list[str]) -> Plan | None:
    if not isinstance(data, dict):
        problems.append("het bestand moet één JSON-object zijn met 'title' en 'sections'")
        return None
    _unknown_keys(data, {"title", "sections"}, "het plan", problems)
    title = _text(data, "title", "het plan", problems, required=True)
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        problems.append("het plan: 'sections' moet een niet-lege lijst van secties zijn")
        return None
    sections = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_sections, start=1):
        section = _section(raw, f"sectie {index}", problems)
        if section is None:
            continue
        if section.id and section.id in seen:
            problems.append(f"sectie {index}: id '{section.id}' komt meer dan één keer voor")
        seen.add(section.id)
        sections.append(section)
    return Plan(title=title, sections=tuple(sections))


def _section(raw: Any, where: str, problems: list[str]) -> Section | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: moet een JSON-object zijn")
        return None
    section_id = raw.get("id")
    if isinstance(section_id, str) and _SECTION_ID.fullmatch(section_id):
        where = f"{where} ('{section_id}')"
    else:
        problems.append(
            f"{where}: 'id' moet een korte naam in kleine letters zijn (bv. 'ambities'), "
            f"niet {_shown(section_id)}"
        )
        section_id = ""
    _unknown_keys(raw, _SECTION_KEYS, where, problems)
    title = _text(raw, "title", where, problems, required=True)
    number = _section_number(raw, where, problems)
    intro = _text(raw, "intro", where, problems)
    summary = raw.get("summary", False)
    if not isinstance(summary, bool):
        problems.append(f"{where}: 'summary' moet true of false zijn, niet {_shown(summary)}")
        summary = False
    raw_items = raw.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        problems.append(f"{where}: 'items' moet een niet-lege lijst van onderdelen zijn")
        raw_items = []
    items = [
        _item(item, f"{where}, onderdeel {index}", problems, depth=0)
        for index, item in enumerate(raw_items, start=1)
    ]
    return Section(
        id=section_id,
        title=title,
        section=number,
        intro=intro,
        items=tuple(item for item in items if item is not None),
        summary=summary,
    )


def _item(raw: Any, where: str, problems: list[str], *, depth: int) -> Item | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: moet een JSON-object zijn")
        return None
    _unknown_keys(raw, _ITEM_KEYS, where, problems)
    # Items carry a title as their heading; sub-items (questions, sub-goals) may be text alone.
    title = _text(raw, "title", where, problems, required=depth == 0)
    text = _text(raw, "text", where, problems, required=depth > 0 and not title)
    number = _text(raw, "number", where, problems)
    section = _section_number(raw, where, problems)
    raw_items = raw.get("items", [])
    if depth > 0 and raw_items:
        problems.append(f"{where}: een subonderdeel kan zelf geen onderdelen ('items') hebben")
        raw_items = []
    if not isinstance(raw_items, list):
        problems.append(f"{where}: 'items' moet een lijst van subonderdelen zijn")
        raw_items = []
    items = [
        _item(item, f"{where}, subonderdeel {index}", problems, depth=depth + 1)
        for index, item in enumerate(raw_items, start=1)
    ]
    return Item(
        title=title,
        text=text,
        section=section,
        number=number,
        items=tuple(item for item in items if item is not None),
    )


def _text(
    raw: dict[str, Any], key: str, where: str, problems: list[str], *, required: bool = False
) -> str:
    value = raw.get(key, None if required else "")
    if not isinstance(value, str):
        if value is None:
            problems.append(f"{where}: '{key}' ontbreekt")
        else:
            problems.append(f"{where}: '{key}' moet tekst zijn, niet {_shown(value)}")
        return ""
    if required and not value.strip():
        problems.append(f"{where}: '{key}' is leeg")
    return value


def _section_number(raw: dict[str, Any], where: str, problems: list[str]) -> str:
    value = raw.get("section")
    if isinstance(value, str) and _SECTION_NUMBER.fullmatch(value):
        return value
    problems.append(
        f"{where}: 'section' moet het nummer van het deel in het plan zijn (bv. '3.2'), "
        f"niet {_shown(value)}"
    )
    return ""


def _unknown_keys(raw: dict[str, Any], known: set[str], where: str, problems: list[str]) -> None:
    unknown = sorted(str(key) for key in raw if key not in known)
    if unknown:
        allowed = ", ".join(f"'{key}'" for key in sorted(known))
        names = ", ".join(f"'{key}'" for key in unknown)
        problems.append(f"{where}: onbekende sleutel(s) {names}; toegelaten zijn {allowed}")


def _shown(value: Any) -> str:
    if value is None:
        return "niets (ontbreekt)"
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 40 else shown[:39] + "…"


# --- Searching -----------------------------------------------------------------------------


def query_words(query: str) -> tuple[str, ...]:
    return tuple(normalise(query).split())


def search(plan: Plan, query: str) -> Plan:
    """The sections and items holding every word of `query`, in the plan's order.

    A word counts as found when the item, one of its sub-items or its section's own title or
    intro holds it. Of a matching item, only the sub-items that match on their own are kept,
    unless the item's own title and text already hold every word or the words only occur
    spread over several sub-items; then the item is kept whole.
    """
    words = query_words(query)
    if not words:
        return plan
    sections = []
    for section in plan.sections:
        remaining = _missing(words, section.title, section.intro)
        if not remaining:
            sections.append(section)
            continue
        items = tuple(kept for item in section.items if (kept := _matching(item, remaining)))
        if items:
            sections.append(replace(section, items=items))
    return replace(plan, sections=tuple(sections))


def _matching(item: Item, words: tuple[str, ...]) -> Item | None:
    remaining = _missing(words, item.number, item.title, item.text)
    if not remaining:
        return item
    sub_items = tuple(kept for sub in item.items if (kept := _matching(sub, remaining)))
    if sub_items:
        return replace(item, items=sub_items)
    if not _missing(remaining, *(_all_text(sub) for sub in item.items)):
        return item
    return None


def _missing(words: tuple[str, ...], *texts: str) -> tuple[str, ...]:
    haystack = normalise(" ".join(texts))
    return tuple(word for word in words if word not in haystack)


def _all_text(item: Item) -> str:
    return " ".join([item.number, item.title, item.text, *map(_all_text, item.items)])


# --- Showing -------------------------------------------------------------------------------


def item_heading(item: Item) -> str:
    """The heading as the plan numbers it, e.g. '7.1. IGEMO als dienstverlenende vereniging'."""
    return f"{item.number}. {item.title}" if item.number else item.title


def sub_items_markdown(items: tuple[Item, ...]) -> str:
    """Sub-items as a markdown list; only the bold number or label is markup of our own."""
    lines = []
    for item in items:
        label = " ".join(part for part in (item.number and f"{item.number}.", item.title) if part)
        text = escape_markdown(item.text)
        lines.append(f"- **{escape_markdown(label)}** {text}" if label else f"- {text}")
    return "\n".join(lines)
