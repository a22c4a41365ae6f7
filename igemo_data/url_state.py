"""The global settings as URL query parameters, so a copied link shows the same screen.

Streamlit's `bind="query-params"` keeps a widget in the URL of its own page only: a page
switch drops it. So the settings travel as plain parameters that we read and write here, and
a bad value in a hand-edited link falls back to its default instead of breaking the page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from igemo_data.schema import DEFAULT_CUT, DOMAINS, SCORE_MAX, SCORE_MIN
from igemo_data.texts import DEFAULT_LANGUAGE, LANGUAGES

HORIZON_STEP = 5  # percent; twenty steps from now to the future
CUT_STEP = 0.05
MAX_OVERRIDES = 1000

# The parameters this module owns; anything else in the URL is left alone.
KEYS = ("horizon", "market_cut", "need_cut", "domains", "lang", "arrows", "whatif")


@dataclass(frozen=True)
class UrlSettings:
    horizon: int = 0  # percent, as the slider shows it
    market_cut: float = DEFAULT_CUT
    need_cut: float = DEFAULT_CUT
    domains: tuple[str, ...] = DOMAINS
    lang: str = DEFAULT_LANGUAGE
    arrows: bool = False
    overrides: Mapping[str, Mapping[str, float]] = field(default_factory=dict)


DEFAULTS = UrlSettings()


def _first(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _number(text: str | None, low: float, high: float) -> float | None:
    try:
        value = float(str(text).replace(",", "."))
    except ValueError:
        return None
    if math.isnan(value) or not low <= value <= high:
        return None
    return value


def from_query(params: Mapping[str, str | list[str]]) -> UrlSettings:
    """Settings from a URL's parameters; what is missing or invalid keeps its default."""
    settings = DEFAULTS
    horizon = _number(_first(params.get("horizon")), 0, 100)
    if horizon is not None:
        settings = replace(settings, horizon=int(round(horizon / HORIZON_STEP) * HORIZON_STEP))
    for key in ("market_cut", "need_cut"):
        cut = _number(_first(params.get(key)), SCORE_MIN, SCORE_MAX)
        if cut is not None:
            settings = replace(settings, **{key: round(cut, 2)})
    domains = _first(params.get("domains"))
    if domains is not None:
        chosen = [d for d in DOMAINS if d in {p.strip().upper() for p in domains.split(",")}]
        settings = replace(settings, domains=tuple(chosen))
    lang = _first(params.get("lang"))
    if lang in LANGUAGES:
        settings = replace(settings, lang=lang)
    if _first(params.get("arrows")) in ("1", "true", "ja"):
        settings = replace(settings, arrows=True)
    whatif = _first(params.get("whatif"))
    if whatif:
        settings = replace(settings, overrides=decode_overrides(whatif))
    return settings


def to_query(settings: UrlSettings) -> dict[str, str]:
    """The parameters that differ from the defaults (a clean URL for the plain plan)."""
    query: dict[str, str] = {}
    if settings.horizon != DEFAULTS.horizon:
        query["horizon"] = str(settings.horizon)
    for key in ("market_cut", "need_cut"):
        value = getattr(settings, key)
        if not math.isclose(value, DEFAULT_CUT):
            query[key] = f"{value:g}"
    if tuple(settings.domains) != DOMAINS:
        query["domains"] = ",".join(settings.domains)
    if settings.lang != DEFAULT_LANGUAGE:
        query["lang"] = settings.lang
    if settings.arrows:
        query["arrows"] = "1"
    if settings.overrides:
        query["whatif"] = encode_overrides(settings.overrides)
    return query


def encode_overrides(overrides: Mapping[str, Mapping[str, float]]) -> str:
    """`ruimte-o6:m1.8;mens-s4:n2` — short enough for a link, readable by a person."""
    parts = []
    for service_id, values in overrides.items():
        axes = "".join(
            f"{axis[0]}{_exact(values[axis])}" for axis in ("market", "need") if axis in values
        )
        if axes:
            parts.append(f"{service_id}:{axes}")
    return ";".join(parts)


def _exact(value: float) -> str:
    """The shortest text that reads back as the same float (1.8, not 1.8000000000000000444)."""
    text = repr(float(value))
    return text.removesuffix(".0")


def decode_overrides(text: str) -> dict[str, dict[str, float]]:
    """The inverse of `encode_overrides`; malformed parts are skipped, never raised."""
    overrides: dict[str, dict[str, float]] = {}
    for part in text.split(";")[:MAX_OVERRIDES]:
        service_id, _, axes = part.partition(":")
        service_id = service_id.strip().lower()
        values: dict[str, float] = {}
        for chunk in axes.replace("n", " n").replace("m", " m").split():
            axis = {"m": "market", "n": "need"}.get(chunk[0])
            value = _number(chunk[1:], SCORE_MIN, SCORE_MAX)
            if axis and value is not None:
                values[axis] = value
        if service_id and values:
            overrides[service_id] = values
    return overrides
