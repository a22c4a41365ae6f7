"""The rules of design §2 for a services table, checked on rows of text.

Every problem in the file is collected before refusing it, so a person can fix the whole
file in one go; the rows are checked column by column, so 100,000 services stay interactive.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from igemo_data.problems import Problem, ServiceDataError, shorten, too_many_rows
from igemo_data.schema import (
    COLUMNS,
    DECISIONS,
    DOMAINS,
    MAX_COLUMNS,
    MAX_PROBLEMS,
    MAX_ROWS,
    MAX_TEXT,
    REQUIRED_COLUMNS,
    SCORE_COLUMNS,
    SCORE_MAX,
    SCORE_MIN,
    TEXT_COLUMNS,
)
from igemo_data.texts import DEFAULT_LANGUAGE, LANGUAGES, Phrase, normalise, t

_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
# The score range as the rules say it: "van 1 tot en met 2 (bv. 1, 1,5 of 2)".
_RANGE = {"low": SCORE_MIN, "high": SCORE_MAX}


@dataclass
class LoadResult:
    services: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    """How a column name or a decision is compared: case, accents and spacing do not count."""
    return normalise(" ".join(text.lstrip("\ufeff").split()))


@cache
def _column_names() -> Mapping[str, str]:
    """Every name a column may have in a file → its technical name (design §2).

    The technical names stay valid; the names the workbook writes in each language (the
    catalogue's `column_<name>`) are aliases, so a Dutch template filled in Excel loads.
    """
    names = {_key(column): column for column in COLUMNS}
    for lang in LANGUAGES:
        names.update({_key(t(f"column_{column}", lang)): column for column in COLUMNS})
    return names


@cache
def _decision_names() -> Mapping[str, str]:
    """Every word a plan decision may be written as → its technical value: `invest`,
    `Investeren` and `Invest` are one decision."""
    names = {_key(decision): decision for decision in DECISIONS}
    for lang in LANGUAGES:
        names.update({_key(t(f"decision_{d}", lang)): d for d in DECISIONS})
    return names


def column_key(cell: str) -> str:
    """A header cell as the technical column it names, or lowercased when it names none."""
    return _column_names().get(_key(cell)) or cell.strip().lstrip("\ufeff").lower()


def decision_key(value: str) -> str:
    """A decision cell as its technical value, or lowercased when it is no known decision."""
    return _decision_names().get(_key(value)) or value.lower()


def _decision_words() -> Phrase:
    """The decisions a file may hold, technical and in the reader's words."""
    words = {d: Phrase.of(f"decision_{d}") for d in DECISIONS}
    return Phrase.of("load_decision_words", technical=_listed(DECISIONS), **words)


def column_number(number: int) -> Phrase:
    """A column without a (known) name, as a spreadsheet user counts it: 1 is the first."""
    return Phrase.of("load_column_number", number=number)


def validate(rows: list[list[str]]) -> LoadResult:
    """The rows (header first) as a services table, or `ServiceDataError` with every problem."""
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ServiceDataError([Problem.said(1, "", "", Phrase.of("load_no_header"))])
    header = [column_key(cell) for cell in rows[0]]
    problems: list[Problem] = []
    notes: list[str] = []

    if len(rows) > MAX_ROWS + 1:
        raise ServiceDataError([too_many_rows()])
    if len(header) > MAX_COLUMNS:
        raise ServiceDataError(
            [
                Problem.said(
                    1,
                    "",
                    Phrase.of("load_value_columns", count=len(header)),
                    Phrase.of("load_too_many_columns", limit=MAX_COLUMNS),
                )
            ]
        )
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in positions and name in COLUMNS:
            problems.append(Problem.said(1, name, rows[0][index], Phrase.of("load_column_twice")))
        positions.setdefault(name, index)
    for name in REQUIRED_COLUMNS:
        if name not in positions:
            problems.append(
                Problem.said(1, name, "", Phrase.of("load_column_missing", column=name))
            )
    unknown = [
        rows[0][i].strip() or Phrase.of("load_column_unnamed", number=i + 1).text(DEFAULT_LANGUAGE)
        for i, name in enumerate(header)
        if name not in COLUMNS
    ]
    if unknown:
        shown = ", ".join(f"'{shorten(name)}'" for name in unknown[:10])
        notes.append(Phrase.of("load_unknown_columns", columns=shown).text(DEFAULT_LANGUAGE))
    if problems:
        raise ServiceDataError(problems)

    # Rows are checked column by column (vectorised): a 100,000-service file stays interactive.
    width = len(header)
    lines: list[int] = []
    kept: list[list[str]] = []
    located: list[tuple[int, int, Problem]] = []
    for index, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue  # blank lines are what Excel leaves behind, not services
        if len(raw) != width:
            located.append((index, 0, _ragged(index, raw, header)))
            continue
        lines.append(index)
        kept.append(raw)

    table = pd.DataFrame(kept, columns=range(width), dtype="str") if kept else None
    cells = {
        name: (
            table[positions[name]].str.strip()
            if table is not None and name in positions
            else pd.Series([""] * len(kept), dtype="str")
        )
        for name in COLUMNS
    }
    line_of = pd.Series(lines, dtype="int64")
    located.extend(_column_problems(cells, line_of))

    if not kept and not located:
        located.append((2, 0, Problem.said(2, "", "", Phrase.of("load_no_services"))))
    if located:
        raise ServiceDataError(_capped(located))

    services = pd.DataFrame({name: cells[name] for name in COLUMNS})
    services["id"] = services["id"].str.lower()
    services["domain"] = services["domain"].str.upper()
    services["plan_decision"] = _decisions(services["plan_decision"])
    for column in SCORE_COLUMNS:
        services[column] = _as_numbers(services[column]).astype("float64")
    for column in TEXT_COLUMNS:
        services[column] = services[column].astype("str")
    return LoadResult(services=services, warnings=notes)


def _decisions(texts: pd.Series) -> pd.Series:
    """Each decision as its technical value; the usual ones without a lookup (100,000 rows)."""
    lowered = texts.str.lower()
    plain = lowered.isin(DECISIONS) | (lowered == "")
    if plain.all():
        return lowered
    return lowered.where(plain, texts.map(decision_key))


def _as_numbers(texts: pd.Series) -> pd.Series:
    return pd.to_numeric(texts.str.replace(",", ".", regex=False), errors="coerce")


def _column_problems(
    cells: dict[str, pd.Series], line_of: pd.Series
) -> list[tuple[int, int, Problem]]:
    """Every rule of design §2 per column; only the rows that break one become Problems."""
    found: list[tuple[int, int, Problem]] = []

    def add(
        mask: pd.Series,
        order: int,
        column: str,
        rule: Phrase | Callable[[str], Phrase],
        shown: pd.Series | None,
    ) -> None:
        for row in mask[mask].index:
            value = "" if shown is None else str(shown[row])
            phrase = rule(value) if callable(rule) else rule
            line = int(line_of[row])
            found.append((line, order, Problem.said(line, column, value, phrase)))

    for order, name in enumerate(("id", "name", "domain"), start=1):
        add(cells[name] == "", order, name, Phrase.of("load_blank", column=name), None)
    domain = cells["domain"].str.upper()
    add(
        (domain != "") & ~domain.isin(DOMAINS),
        4,
        "domain",
        Phrase.of("load_bad_domain", domains=_listed(DOMAINS)),
        cells["domain"],
    )
    decision = _decisions(cells["plan_decision"])
    add(
        (decision != "") & ~decision.isin(DECISIONS),
        5,
        "plan_decision",
        Phrase.of("load_bad_decision", decisions=_decision_words()),
        cells["plan_decision"],
    )
    middle = (SCORE_MIN + SCORE_MAX) / 2
    for order, name in enumerate(SCORE_COLUMNS, start=6):
        text = cells[name]
        blank = text == ""
        shaped = text.str.fullmatch(_NUMBER.pattern).fillna(False).astype(bool)
        value = _as_numbers(text.where(shaped, ""))
        outside = shaped & ~value.between(SCORE_MIN, SCORE_MAX)
        add(blank, order, name, Phrase.of("load_score_blank", **_RANGE), None)
        add(
            ~blank & ~shaped,
            order,
            name,
            Phrase.of("load_score_not_number", middle=middle, **_RANGE),
            text,
        )
        add(outside, order, name, Phrase.of("load_score_outside", **_RANGE), text)
    ids = cells["id"].str.lower()
    add(
        (ids != "") & ~ids.str.fullmatch(_ID.pattern).fillna(False).astype(bool),
        2,
        "id",
        Phrase.of("load_bad_id"),
        cells["id"],
    )
    for name, limit in MAX_TEXT.items():
        add(
            cells[name].str.len() > limit,
            20,
            name,
            lambda value, limit=limit: Phrase.of(
                "load_text_too_long", length=len(value), limit=limit
            ),
            cells[name],
        )
    repeated = (ids != "") & ids.duplicated(keep="first")
    if repeated.any():
        first_line = line_of.groupby(ids).transform("min")
        for row in repeated[repeated].index:
            line = int(line_of[row])
            phrase = Phrase.of("load_id_repeated", first=int(first_line[row]))
            found.append((line, 99, Problem.said(line, "id", str(ids[row]), phrase)))
    return found


def _capped(located: list[tuple[int, int, Problem]]) -> list[Problem]:
    """All problems in line order; past MAX_PROBLEMS the rest of the file is not listed."""
    located.sort(key=lambda item: (item[0], item[1]))
    problems: list[Problem] = []
    index = 0
    while index < len(located):
        line = located[index][0]
        while index < len(located) and located[index][0] == line:
            problems.append(located[index][2])
            index += 1
        if len(problems) >= MAX_PROBLEMS and index < len(located):
            problems.append(Problem.said(line, "", "", Phrase.of("load_too_many_problems")))
            break
    return problems


def _ragged(line: int, raw: list[str], header: list[str]) -> Problem:
    width = len(header)
    if len(raw) < width:
        missing = header[len(raw)]
        rule = Phrase.of("load_ragged_short", fields=len(raw), width=width, column=missing)
        return Problem.said(line, missing, "", rule)
    rule = Phrase.of("load_ragged_long", fields=len(raw), width=width)
    return Problem.said(line, column_number(width + 1), raw[width], rule)


def _listed(values: Iterable[str]) -> str:
    return ", ".join(values)
