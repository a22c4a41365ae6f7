"""The global settings as URL query parameters, so a copied link shows the same screen.

Streamlit's `bind="query-params"` keeps a widget in the URL of its own page only: a page
switch drops it. So the settings travel as plain parameters that we read and write here, and
a bad value in a hand-edited link falls back to its default instead of breaking the page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from igemo_data.schema import DOMAINS, SCORE_MAX, SCORE_MIN
from igemo_data.settings import DEFAULT_SETTINGS, PLAN_EDITION, Settings
from igemo_data.texts import DEFAULT_LANGUAGE, LANGUAGES

HORIZON_STEP = 5  # percent per arrow key (and presentation key): twenty from now to the future
HORIZON_GRID = 1  # percent: a drag, Shift+arrow and play move in whole percents (issue 17)
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
    "only_moves",
    "firmness",
    "decisions",
)
# … and with the scenario and the what-ifs, every parameter of the URL this module owns.
KEYS = ("scenario", *WIDGET_KEYS, "whatif")
# On/off views: 1 or 0 in the URL. "firmness": "Toon hoe vast"; "decisions": "Toon beslissingen".
FLAGS = ("arrows", "present", "only_moves", "firmness", "decisions")
_SCENARIO_ID = re.compile(r"[0-9a-f]{12}")


@dataclass(frozen=True)
class Link:
    """What a URL carries: the matrix settings and how this viewer looks at them."""

    settings: Settings = DEFAULT_SETTINGS
    scenario: str = ""  # the id of the saved scenario these settings started from
    lang: str = DEFAULT_LANGUAGE
    arrows: bool = False
    present: bool = False  # presentation mode: the chart alone, large, for the projector
    only_moves: bool = False  # with arrows: only the services that change quadrant
    firmness: bool = False  # markers filled by their chance to stay ("Toon hoe vast")
    decisions: bool = False  # markers ringed by their decision ("Toon beslissingen")

    def with_settings(self, **changes: object) -> Link:
        return replace(self, settings=replace(self.settings, **changes))


DEFAULTS = Link()


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


def horizon_percent(horizon: float) -> int:
    """The horizon as the slider and the URL show it: a whole percent on the slider's grid."""
    return int(round(horizon * 100 / HORIZON_GRID) * HORIZON_GRID)


def horizon_fraction(percent: float) -> float:
    """The slider's or the URL's percent as the fraction every other module works with."""
    return int(round(percent / HORIZON_GRID) * HORIZON_GRID) / 100


def from_query(params: Mapping[str, str | list[str]], base: Link = DEFAULTS) -> Link:
    """Settings from a URL's parameters on top of `base` (the defaults, or a scenario's)."""
    link = base
    horizon = _number(_first(params.get("horizon")), 0, 100)
    if horizon is not None:
        link = link.with_settings(horizon=horizon_fraction(horizon))
    for key in ("market_cut", "need_cut"):
        cut = _number(_first(params.get(key)), SCORE_MIN, SCORE_MAX)
        if cut is not None:
            link = link.with_settings(**{key: round(cut, 2)})
    domains = _first(params.get("domains"))
    if domains is not None:
        chosen = [d for d in DOMAINS if d in {p.strip().upper() for p in domains.split(",")}]
        link = link.with_settings(domains=tuple(chosen))
    lang = _first(params.get("lang"))
    if lang in LANGUAGES:
        link = replace(link, lang=lang)
    for flag in FLAGS:
        value = _first(params.get(flag))
        if value is not None:
            link = replace(link, **{flag: value in ("1", "true", "ja")})
    whatif = _first(params.get("whatif"))
    if whatif is not None:
        link = link.with_settings(overrides=decode_overrides(whatif))
    if "scenario" in params:
        link = replace(link, scenario=scenario_id(params))
    edition = (_first(params.get("edition")) or "").strip().lower()
    if edition == PLAN_EDITION or _SCENARIO_ID.fullmatch(edition):
        link = link.with_settings(edition=edition)
    return link


def to_query(link: Link, base: Link = DEFAULTS) -> dict[str, str]:
    """The parameters that differ from `base`: a clean URL for the plain plan or a scenario."""
    query: dict[str, str] = {}
    settings, base_settings = link.settings, base.settings
    if link.scenario:
        query["scenario"] = link.scenario
    if horizon_percent(settings.horizon) != horizon_percent(base_settings.horizon):
        query["horizon"] = str(horizon_percent(settings.horizon))
    for key in ("market_cut", "need_cut"):
        value = getattr(settings, key)
        if not math.isclose(value, getattr(base_settings, key)):
            query[key] = f"{value:g}"
    if tuple(settings.domains) != tuple(base_settings.domains):
        query["domains"] = ",".join(settings.domains)
    if link.lang != base.lang:
        query["lang"] = link.lang
    for flag in FLAGS:
        if getattr(link, flag) != getattr(base, flag):
            query[flag] = "1" if getattr(link, flag) else "0"
    if settings.edition != base_settings.edition:
        query["edition"] = settings.edition
    if settings.plain_overrides() != base_settings.plain_overrides():
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


def from_scenario(scenario_id: str, settings: Settings) -> Link:
    """A saved scenario as the link that restores it (the language stays the viewer's own)."""
    snapped = replace(
        settings,
        horizon=horizon_fraction(settings.horizon * 100),
        domains=tuple(settings.domains),
        overrides=settings.plain_overrides(),
    )
    return Link(settings=snapped, scenario=scenario_id)
