"""Search that forgives what a keyboard makes hard: capitals and accents."""

from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    """Lower case without accents, so 'creeer' finds 'Creëer' and 'CREËERT'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
