"""The saved scenarios as a table, in the viewer's language."""

from __future__ import annotations

from igemo_data.store.scenarios import Scenario
from igemo_data.texts import decimal, percent, t


def scenario_rows(scenarios: list[Scenario], lang: str) -> list[dict[str, object]]:
    """The list of saved scenarios as table rows, in the viewer's language."""
    rows = []
    for scenario in scenarios:
        s = scenario.settings
        cuts = f"{decimal(s.market_cut, lang)} / {decimal(s.need_cut, lang)}"
        rows.append(
            {
                t("save_name", lang): scenario.name,
                t("save_author", lang): scenario.author,
                t("field_updated", lang): scenario.updated_at.astimezone().strftime(
                    "%d-%m-%Y %H:%M"
                ),
                t("horizon", lang): f"{percent(s.horizon)} %",
                t("field_settings", lang): cuts,
                t("field_what_ifs", lang): len(s.overrides),
                t("save_note", lang): scenario.note,
            }
        )
    return rows
