"""The one value that says which matrix is on screen: horizon, cut lines, domains, what-ifs, data.

Pages, charts, exports, scenarios and the URL codec all pass this value whole, so a setting
exists once and the horizon has one unit everywhere: a fraction from 0 (now) to 1 (future).
Percent belongs to the slider widget and the URL only (`url_state`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Final

from igemo_data.edition import PLAN_EDITION
from igemo_data.schema import DEFAULT_CUT, DOMAINS, SCORE_MAX, SCORE_MIN
from igemo_data.texts import Phrase
from igemo_data.texts.said import Refused

__all__ = ["DEFAULT_SETTINGS", "PLAN_EDITION", "Settings", "SettingsError"]
AXES: Final = ("market", "need")

Overrides = Mapping[str, Mapping[str, float]]


class SettingsError(Refused):
    """Settings that no matrix can be drawn from; `str` is Dutch, `text(lang)` any language."""


@dataclass(frozen=True)
class Settings:
    """The matrix settings of one screen, one scenario or one slide."""

    horizon: float = 0.0  # 0 = now, 1 = future (design §3)
    market_cut: float = DEFAULT_CUT
    need_cut: float = DEFAULT_CUT
    domains: tuple[str, ...] = DOMAINS
    overrides: Overrides = field(default_factory=dict)
    edition: str = PLAN_EDITION  # the data the matrix is drawn from

    def check(self) -> Settings:
        """Raise `SettingsError` for a value no slider could have set; return self when fine."""
        _in_range(Phrase.of("settings_what_horizon"), self.horizon, 0.0, 1.0)
        _in_range(Phrase.of("settings_what_market_cut"), self.market_cut, SCORE_MIN, SCORE_MAX)
        _in_range(Phrase.of("settings_what_need_cut"), self.need_cut, SCORE_MIN, SCORE_MAX)
        unknown = [d for d in self.domains if d not in DOMAINS]
        if unknown:
            raise SettingsError(Phrase.of("settings_unknown_domain", domains=", ".join(unknown)))
        for service_id, values in self.overrides.items():
            for axis, value in values.items():
                if axis not in AXES:
                    raise SettingsError(
                        Phrase.of("settings_unknown_what_if", axis=axis, service=service_id)
                    )
                what = Phrase.of("settings_what_if", axis=axis, service=service_id)
                _in_range(what, value, SCORE_MIN, SCORE_MAX)
        return self

    def plain_overrides(self) -> dict[str, dict[str, float]]:
        """The what-ifs as plain dicts: comparable, JSON-ready and safe to change."""
        return {key: dict(values) for key, values in self.overrides.items()}

    def same_matrix(self, other: Settings) -> bool:
        """Whether both settings draw the same matrix (float cuts compared with tolerance)."""
        return (
            math.isclose(self.horizon, other.horizon, abs_tol=1e-12)
            and math.isclose(self.market_cut, other.market_cut)
            and math.isclose(self.need_cut, other.need_cut)
            and tuple(self.domains) == tuple(other.domains)
            and self.edition == other.edition
            and self.plain_overrides() == other.plain_overrides()
        )

    def at(self, horizon: float) -> Settings:
        """The same matrix at another horizon (the arrows' now and future ends)."""
        return replace(self, horizon=horizon)

    def without_what_ifs(self) -> Settings:
        """The same matrix without what-ifs (where the ghosts of what-if services stand)."""
        return replace(self, overrides={})


DEFAULT_SETTINGS: Final = Settings()


def _in_range(what: Phrase, value: object, low: float, high: float) -> None:
    if not isinstance(value, int | float) or math.isnan(value) or not low <= value <= high:
        raise SettingsError(
            Phrase.of("settings_out_of_range", what=what, low=low, high=high, value=repr(value))
        )
