"""The editions' tables as the screen shows them: problems of an upload, the editions list.

Column headers come from the texts catalogue; the tables are plain DataFrames for any
table widget.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from igemo_data.edition import PLAN_EDITION, Edition
from igemo_data.loading import ServiceDataError
from igemo_data.schema import SCORE_COLUMNS
from igemo_data.spreadsheet import cell_text
from igemo_data.texts import DEFAULT_LANGUAGE, format_score, t


def problem_table(
    error: ServiceDataError, lang: str = DEFAULT_LANGUAGE, rows: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every problem as one row: line, column, value, rule; with `rows` (the edited table) also
    the service on that line, so a problem in the editor can be found without counting rows."""
    records = error.as_records()
    table = pd.DataFrame(
        {
            t("problem_line", lang): [int(r["regel"]) for r in records],  # type: ignore[call-overload]
            t("problem_column", lang): [str(r["kolom"]) for r in records],
            t("problem_value", lang): [str(r["waarde"]) for r in records],
            t("problem_rule", lang): [str(r["regel_uitleg"]) for r in records],
        }
    )
    if rows is not None:
        services = []
        for record in records:
            position = int(record["regel"]) - 2  # type: ignore[call-overload]
            if 0 <= position < len(rows):
                row = rows.iloc[position]
                parts = [cell_text(row.get(c)) for c in ("code", "name") if c in rows]
                services.append(" · ".join(p for p in parts if p) or "—")
            else:
                services.append("")
        table.insert(1, t("problem_service", lang), services)
    return table


def edition_rows(
    editions: Sequence[Edition], lang: str = DEFAULT_LANGUAGE, active: str = PLAN_EDITION
) -> pd.DataFrame:
    """The editions as a table for the screen, the active one marked."""
    names = {edition.id: edition.name for edition in editions}
    rows = []
    for edition in editions:
        if edition.builtin:
            origin = t("edition_origin_plan", lang)
        elif edition.source:
            origin = t("edition_origin_upload", lang, file=edition.source)
        else:
            origin = t("edition_origin_edit", lang, name=names.get(edition.based_on, "—"))
        rows.append(
            {
                t("edition_active", lang): "●" if edition.id == active else "",
                t("save_name", lang): edition.name,
                t("save_author", lang): edition.author,
                t("field_created", lang): (
                    edition.created_at.astimezone().strftime("%d-%m-%Y %H:%M")
                    if edition.created_at
                    else "—"
                ),
                t("edition_count", lang): edition.count,
                t("edition_origin", lang): origin,
                t("save_note", lang): edition.note,
            }
        )
    return pd.DataFrame(rows)


def change_rows(changes: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Changed fields as a table: service, field (in words), old and new value."""
    labels = {column: t(f"field_{column}", lang) for column in SCORE_COLUMNS}
    labels.update(
        {
            "domain": t("field_domain", lang),
            "cluster": t("field_cluster", lang),
            "code": t("field_code", lang),
            "name": t("field_name", lang),
            "description": t("field_description", lang),
            "plan_decision": t("field_plan_decision", lang),
            "plan_note": t("field_plan_note", lang),
        }
    )

    def shown(column: str, value: object) -> str:
        if column in SCORE_COLUMNS:
            return format_score(float(value), lang)  # type: ignore[arg-type]
        return str(value)

    return pd.DataFrame(
        {
            t("field_code", lang): changes["code"],
            t("field_name", lang): changes["name"],
            t("edition_field", lang): [labels.get(f, f) for f in changes["field"]],
            t("edition_old", lang): [
                shown(f, v) for f, v in zip(changes["field"], changes["old"], strict=True)
            ],
            t("edition_new", lang): [
                shown(f, v) for f, v in zip(changes["field"], changes["new"], strict=True)
            ],
        }
    )
