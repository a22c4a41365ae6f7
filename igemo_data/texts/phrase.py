"""A text chosen now and written later, in whichever language the reader turns out to use."""

from __future__ import annotations

from dataclasses import dataclass

from igemo_data.texts.catalogue import DEFAULT_LANGUAGE
from igemo_data.texts.formatting import decimal, format_score
from igemo_data.texts.lookup import t


@dataclass(frozen=True)
class Phrase:
    """A catalogue key and the values it is filled with, not yet written in a language.

    The loader finds a problem long before a page knows who reads it, so it keeps the phrase
    and writes it out on demand. A float among the values is a score or a cut and is written
    with the language's decimal mark; a Phrase or a `Number` among the values is written in
    the same language; anything else is written as `str.format` writes it.
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **values: object) -> Phrase:
        return cls(key, tuple(values.items()))

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return t(self.key, lang, **{name: _written(value, lang) for name, value in self.values})


@dataclass(frozen=True)
class Number:
    """A number written with a fixed count of decimals (`6,0 MB`), where a score would trim."""

    value: float
    digits: int = 1

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return decimal(self.value, lang, digits=self.digits)


def _written(value: object, lang: str) -> object:
    if isinstance(value, Phrase | Number):
        return value.text(lang)
    if isinstance(value, float):
        return format_score(value, lang)
    return value
