"""The global settings as URL query parameters, so a copied link shows the same screen.

Streamlit's `bind="query-params"` keeps a widget in the URL of its own page only: a page
switch drops it. So the settings travel as plain parameters that we read and write here, and
a bad value in a hand-edited link falls back to its default instead of breaking the page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from igemo_data.scenarios import PLAN_EDITION, Scenario, Settings
from igemo_data.schema import DEFAULT_CUT, DOMAINS, SCORE_MAX, SCORE_MIN
from igemo_data.texts import DEFAULT_LANGUAGE, LANGUAGES

HORIZON_STEP = 5  # percent; twenty steps from now to the future
CUT_STEP = 0.05
MAX_OVERRIDES = 1000

# The parameters this module owns; anything else in the URL is left alone.
# The settings a widget shows (the sidebar's, the overview's toggles, the edition chooser) …
WIDGET_KEYS = (
    "horizon",
    "market_cut",
    "need_cut",
    "domains",
    "lang",
    "arrows",
    "present",
    "edition",
)
# … and with the scenario and the what-ifs, every parameter of the URL this module owns.
KEYS = ("scenario", *WIDGET_KEYS, "whatif")
_SCENARIO_ID = re.compile(r"[0-9a-f]{12}")


@dataclass(frozen=True)
class UrlSettings:
    horizon: int = 0  # percent, as the slider shows it
    market_cut: float = DEFAULT_CUT
    need_cut: float = DEFAULT_CUT
    domains: tuple[str, ...] = DOMAINS
    lang: str = DEFAULT_LANGUAGE
    arrows: bool = False
    present: bool = False  # presentation mode: the chart alone, large, for the projector
    overrides: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    scenario: str = ""  # the id of the saved scenario these settings started from
    edition: str = PLAN_EDITION  # the data the matrix is drawn from


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


def scenario_id(params: Mapping[str, str | list[str]]) -> str:
    """The scenario a link names, or "" when it names none (or something that is no id)."""
    value = (_first(params.get("scenario")) or "").strip().lower()
    return value if _SCENARIO_ID.fullmatch(value) else ""


def from_query(params: Mapping[str, str | list[str]], base: UrlSettings = DEFAULTS) -> UrlSettings:
    """Settings from a URL's parameters on top of `base` (the defaults, or a scenario's)."""
    settings = base
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
    for flag in ("arrows", "present"):
        value = _first(params.get(flag))
        if value is not None:
            settings = replace(settings, **{flag: value in ("1", "true", "ja")})
    whatif = _first(params.get("whatif"))
    if whatif is not None:
        settings = replace(settings, overrides=decode_overrides(whatif))
    if "scenario" in params:
        settings = replace(settings, scenario=scenario_id(params))
    edition = (_first(params.get("edition")) or "").strip().lower()
    if edition == PLAN_EDITION or _SCENARIO_ID.fullmatch(edition):
        settings = replace(settings, edition=edition)
    return settings


def to_query(settings: UrlSettings, base: UrlSettings = DEFAULTS) -> dict[str, str]:
    """The parameters that differ from `base`: a clean URL for the plain plan or a scenario."""
    query: dict[str, str] = {}
    if settings.scenario:
        query["scenario"] = settings.scenario
    if settings.horizon != base.horizon:
        query["horizon"] = str(settings.horizon)
    for key in ("market_cut", "need_cut"):
        value = getattr(settings, key)
        if not math.isclose(value, getattr(base, key)):
            query[key] = f"{value:g}"
    if tuple(settings.domains) != tuple(base.domains):
        query["domains"] = ",".join(settings.domains)
    if settings.lang != base.lang:
        query["lang"] = settings.lang
    for flag in ("arrows", "present"):
        if getattr(settings, flag) != getattr(base, flag):
            query[flag] = "1" if getattr(settings, flag) else "0"
    if settings.edition != base.edition:
        query["edition"] = settings.edition
    if _plain(settings.overrides) != _plain(base.overrides):
        query["whatif"] = encode_overrides(settings.overrides)
    return query


def _plain(overrides: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    return {key: dict(value) for key, value in overrides.items()}


def same_workshop(a: UrlSettings, b: UrlSettings) -> bool:
    """Whether two settings show the same matrix (language and arrows aside)."""
    return (
        a.horizon == b.horizon
        and math.isclose(a.market_cut, b.market_cut)
        and math.isclose(a.need_cut, b.need_cut)
        and tuple(a.domains) == tuple(b.domains)
        and a.edition == b.edition
        and _plain(a.overrides) == _plain(b.overrides)
    )


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


def from_scenario(scenario: Scenario) -> UrlSettings:
    """A saved scenario as the settings it restores (the language stays the viewer's own)."""
    s = scenario.settings
    return UrlSettings(
        horizon=int(round(s.horizon * 100 / HORIZON_STEP) * HORIZON_STEP),
        market_cut=s.market_cut,
        need_cut=s.need_cut,
        domains=tuple(s.domains),
        overrides=_plain(s.overrides),
        scenario=scenario.id,
        edition=s.edition,
    )


def to_scenario_settings(settings: UrlSettings) -> Settings:
    """What a scenario stores of the screen: the data, the matrix settings and every what-if."""
    return Settings(
        horizon=settings.horizon / 100,
        market_cut=settings.market_cut,
        need_cut=settings.need_cut,
        domains=tuple(settings.domains),
        overrides=_plain(settings.overrides),
        edition=settings.edition,
    )
