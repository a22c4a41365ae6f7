"""Errors that say why in the catalogue's words: Dutch as `str(error)`, any language on demand.

A store, a setting or an upload refuses something long before the page knows its reader, so
the error keeps the phrase it was written from. `str(error)` stays the Dutch text that logs,
tests and today's pages read; `text(lang)` writes the same refusal for an English reader.
"""

from __future__ import annotations

from igemo_data.texts.catalogue import DEFAULT_LANGUAGE
from igemo_data.texts.phrase import Phrase


class Said(Exception):
    """An exception whose message is a catalogue phrase (or, from older callers, plain text)."""

    def __init__(self, message: Phrase | str):
        self.phrase = message if isinstance(message, Phrase) else None
        super().__init__(message.text(DEFAULT_LANGUAGE) if isinstance(message, Phrase) else message)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message in `lang`; plain text given by a caller stays as it was given."""
        return self.phrase.text(lang) if self.phrase is not None else str(self)


class Refused(Said, ValueError):
    """A value no screen could have set (a horizon of 2, a cut of 0): a programmer's mistake,
    said in words anyway because it may reach a page."""


def error_text(error: BaseException, lang: str = DEFAULT_LANGUAGE) -> str:
    """What a page shows for `error`: its words in `lang` when it has them, else `str(error)`.

    Any error with a `text(lang)` method qualifies (`Said`, the loader's `ServiceDataError`).
    """
    text = getattr(error, "text", None)
    return text(lang) if callable(text) else str(error)
