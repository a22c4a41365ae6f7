"""Looking words up in the catalogue: one entry point, `t`, and the labels built on it."""

from __future__ import annotations

from igemo_data.texts.catalogue import DEFAULT_LANGUAGE, TEXTS


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for `key` in `lang` (Dutch when the language is unknown), filled with `values`."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def quadrant_label(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return t(f"quadrant_{key}", lang)


def domain_label(domain: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return t(f"domain_{domain}", lang)


def decision_label(decision: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return t(f"decision_{decision or 'none'}", lang)
