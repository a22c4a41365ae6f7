"""Every word a user sees, Dutch first and English second, and how numbers are written.

The catalogue is data (`catalogue.TEXTS`); `t` looks a word up; `formatting` holds the one
decimal-comma rule; `markdown` keeps untrusted text literal; `phrase` delays the choice of
language for messages found before the reader is known (the loader's problems), and `said`
gives errors those phrases (`error_text(error, lang)` is what a page shows).
"""

from igemo_data.texts.catalogue import DEFAULT_LANGUAGE, LANGUAGES, TEXTS
from igemo_data.texts.formatting import decimal, format_score, percent, score_slider_format
from igemo_data.texts.lookup import decision_label, domain_label, quadrant_label, t
from igemo_data.texts.markdown import escape_markdown
from igemo_data.texts.matching import normalise
from igemo_data.texts.phrase import Phrase
from igemo_data.texts.said import Said, error_text

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "TEXTS",
    "Phrase",
    "Said",
    "decimal",
    "decision_label",
    "domain_label",
    "error_text",
    "escape_markdown",
    "format_score",
    "normalise",
    "percent",
    "quadrant_label",
    "score_slider_format",
    "t",
]
