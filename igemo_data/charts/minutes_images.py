"""The maps in the minutes: the overview and one per werkdomein, as the board's slides.

Each is the slide a download gives (`export.slide_spec`: title, settings, date, key beside
the plot) rendered to PNG at 3840 × 2160: placed at an A4 page's text width that is about
570 dpi, sharp in print and when zoomed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from igemo_data.charts import export
from igemo_data.minutes.content import Picture
from igemo_data.settings import Settings
from igemo_data.texts import domain_label, t
from igemo_data.workshop import only_domains


def minutes_pictures(
    table: pd.DataFrame,
    settings: Settings,
    *,
    lang: str,
    scenario_name: str,
    on: date,
    ghosts: pd.DataFrame | None = None,
) -> list[Picture]:
    """The overview of the werkdomeinen in `settings`, then each of them alone."""
    shown = only_domains(table, settings.domains)
    plates = [(t("minutes_chart_overview", lang), shown, settings)]
    for domain in settings.domains:
        plates.append(
            (
                t("page_domain", lang, domain=domain_label(domain, lang)),
                only_domains(table, [domain]),
                replace(settings, domains=(domain,)),
            )
        )
    pictures = []
    for title, rows, plate_settings in plates:
        if rows.empty:
            continue
        spec = export.slide_spec(
            rows, plate_settings, lang=lang, scenario_name=scenario_name, on=on, ghosts=ghosts
        )
        pictures.append(
            Picture(
                title,
                export.png(spec),
                export.SLIDE_WIDTH * export.PNG_SCALE,
                export.SLIDE_HEIGHT * export.PNG_SCALE,
            )
        )
    return pictures
