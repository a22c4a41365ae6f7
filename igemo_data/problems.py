"""What is wrong with an input file, said where a spreadsheet user would look for it.

Each problem keeps its Dutch words in plain fields (`rule`, `column`, `value`), exactly as
tests, logs and today's pages read them, and the catalogue phrases they were written from,
so a page can show the same problem in the reader's language (`in_language`, `text`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from igemo_data.schema import MAX_ROWS
from igemo_data.texts import DEFAULT_LANGUAGE, Phrase, t

_VALUE_SHOWN = 60
# Everything `str.splitlines` breaks on, so a shown value never breaks a line.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, where a spreadsheet user would look for it.

    `column`, `value` and `rule` are Dutch; `phrases` says which of them came from the
    catalogue, so `in_language` can write them again in another language.
    """

    line: int
    column: str
    value: str
    rule: str
    phrases: tuple[tuple[str, Phrase], ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def said(cls, line: int, column: str | Phrase, value: str | Phrase, rule: Phrase) -> Problem:
        """A problem whose words come from the catalogue, its plain fields written in Dutch."""
        parts = {"column": column, "value": value, "rule": rule}
        phrases = tuple((name, part) for name, part in parts.items() if isinstance(part, Phrase))
        dutch = {
            name: part.text(DEFAULT_LANGUAGE) if isinstance(part, Phrase) else part
            for name, part in parts.items()
        }
        return cls(line, dutch["column"], dutch["value"], dutch["rule"], phrases)

    def in_language(self, lang: str) -> Problem:
        """The same problem with its catalogue words written in `lang` (Dutch: itself)."""
        if not self.phrases:
            return self
        return replace(self, **{name: phrase.text(lang) for name, phrase in self.phrases})

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """One line: where, which value, and the rule it breaks."""
        shown = self.in_language(lang)
        place = {"line": shown.line, "value": shorten(shown.value), "rule": shown.rule}
        if shown.column:
            return t("load_problem_at_column", lang, column=one_line(shown.column), **place)
        return t("load_problem_at", lang, **place)

    def __str__(self) -> str:
        return self.text(DEFAULT_LANGUAGE)


class ServiceDataError(ValueError):
    """A services file was refused; `problems` lists everything that is wrong with it."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__(self.text(DEFAULT_LANGUAGE))

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The refusal and every problem, one per line, in `lang`; Dutch is `str(error)`."""
        count = len(self.problems)
        head = (
            t("load_refused_one", lang) if count == 1 else t("load_refused_many", lang, count=count)
        )
        return "\n".join([head, *(f"- {p.text(lang)}" for p in self.problems)])

    def as_records(self, lang: str = DEFAULT_LANGUAGE) -> list[dict[str, object]]:
        """The problems as rows for a table (line, column, value, rule)."""
        return [
            {
                "regel": p.line,
                "kolom": p.column,
                "waarde": shorten(p.value),
                "regel_uitleg": p.rule,
            }
            for p in (problem.in_language(lang) for problem in self.problems)
        ]


class ServiceDataWarning(UserWarning):
    """Something in an accepted file was ignored (for example an unknown column)."""


def one_line(text: str) -> str:
    """`text` with its line breaks shown as ↵, so a list of problems stays a list."""
    return _LINE_BREAKS.sub("↵", text)


def shorten(value: str) -> str:
    value = one_line(value)
    return value if len(value) <= _VALUE_SHOWN else value[: _VALUE_SHOWN - 1] + "…"


def too_many_rows() -> Problem:
    """Raised by the CSV and the XLSX reader alike, on the line just past the last service
    allowed, where a spreadsheet user finds the excess."""
    return Problem.said(MAX_ROWS + 2, "", "", Phrase.of("load_too_many_rows", limit=MAX_ROWS))
