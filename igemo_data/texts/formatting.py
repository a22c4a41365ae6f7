"""Numbers as a reader of each language writes them: the one decimal-comma rule.

Directors in Flanders read `1,5`; an English reader reads `1.5`. The mark itself is a word of
the catalogue (`decimal_mark`), so it follows the language exactly as every label does, and
an unknown language falls back to Dutch for its numbers as for its words.
"""

from __future__ import annotations

import math

from igemo_data.texts.catalogue import DEFAULT_LANGUAGE
from igemo_data.texts.lookup import t


def decimal(
    value: float, lang: str = DEFAULT_LANGUAGE, *, digits: int = 2, trim: bool = False
) -> str:
    """`value` with `digits` decimals and the language's mark: `1,50` in Dutch, `1.50` in English.

    With `trim`, trailing zeros and a bare mark go too (`1`, `1,5`, `1,33`): a score reads
    as the number a person would have typed.
    """
    text = f"{float(value):.{digits}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", t("decimal_mark", lang))


def format_score(value: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A score as a director reads it: `1`, `1,5`, `1,33` (decimal point in English).

    A missing score (None, NaN) is an empty text, so a table cell stays empty.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return decimal(value, lang, trim=True)


def score_slider_format(lang: str = DEFAULT_LANGUAGE) -> str:
    """How a score slider shows its number: "1,45" in Dutch, "1.45" in English.

    A slider's printf format cannot write a decimal comma; Streamlit's "localized" format
    writes the number as the browser's locale does, which in Flanders (nl-BE) is the comma
    the chart's axes use too.
    """
    return "localized" if t("decimal_mark", lang) == "," else "%.2f"


def percent(fraction: float) -> str:
    """A share or a horizon (0–1) as the whole percent a director reads: `0.35` → `35`."""
    return str(round(fraction * 100))
