"""How the data page shows a table of services, its problems and its differences.

Every text a user brought is shown through a table (drawn as text) or through
`escape_markdown`, never as HTML.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from igemo_data import compare, edition, edition_tables
from igemo_data.loading import ServiceDataError
from igemo_data.schema import DECISIONS, DOMAINS, SCORE_COLUMNS, SCORE_MAX, SCORE_MIN
from igemo_data.texts import decision_label, domain_label, escape_markdown, t
from igemo_data.ui import session
from igemo_data.ui.compat import TABLE_ROW_HEIGHT, table_height

# What a director looks for first stands left: the service, its scores, the plan's decision.
SHOWN_ORDER = (
    "code",
    "name",
    "domain",
    *SCORE_COLUMNS,
    "plan_decision",
    "plan_note",
    "cluster",
    "description",
    "id",
)


def column_config(lang: str, editable: bool) -> dict[str, object]:
    """Dutch headers over design §2's columns; drop-downs where the rules allow a few values."""

    def text(column: str, key: str, width: int, **extra: object):
        return st.column_config.TextColumn(t(key, lang), help=f"{column}", width=width, **extra)

    config: dict[str, object] = {
        "code": text("code", "field_code", 70, required=editable),
        "name": text("name", "field_name", 250, required=editable),
        "domain": text("domain", "field_domain", 130),
        "plan_decision": text("plan_decision", "field_plan_decision", 190),
        "plan_note": text("plan_note", "field_plan_note", 420),
        "cluster": text("cluster", "field_cluster", 210, required=editable),
        "description": text("description", "field_description", 260),
        "id": text("id", "field_id", 130, required=editable),
    }
    for column in SCORE_COLUMNS:
        config[column] = st.column_config.NumberColumn(
            t(f"short_{column}", lang),
            help=f"{t(f'field_{column}', lang)} ({column}), 1–2",
            width=150,
            min_value=SCORE_MIN if editable else None,
            max_value=SCORE_MAX if editable else None,
            required=editable,
        )
    if editable:
        # Drop-downs where the rules allow only a few values; the cell keeps the file's value.
        config["domain"] = st.column_config.SelectboxColumn(
            t("field_domain", lang),
            help="domain",
            width=130,
            options=list(DOMAINS),
            format_func=lambda d: domain_label(d, lang),
            required=True,
        )
        config["plan_decision"] = st.column_config.SelectboxColumn(
            t("field_plan_decision", lang),
            help="plan_decision",
            width=190,
            options=list(DECISIONS),
            format_func=lambda d: decision_label(d, lang),
        )
    return config


def readable(services: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as a director reads it: werkdomein and decision in words."""
    return services.assign(
        domain=[domain_label(d, lang) for d in services["domain"]],
        plan_decision=[decision_label(d, lang) for d in services["plan_decision"]],
    )


def for_editor(services: pd.DataFrame) -> pd.DataFrame:
    """The table for the editor: an empty decision is a missing value, which its drop-down has."""
    return services.assign(
        plan_decision=[d or None for d in services["plan_decision"]],
    )


def show_services(services: pd.DataFrame, lang: str) -> None:
    st.dataframe(
        readable(services, lang),
        hide_index=True,
        width="stretch",
        height=table_height(len(services)),
        row_height=TABLE_ROW_HEIGHT,
        column_order=SHOWN_ORDER,
        column_config=column_config(lang, editable=False),
        placeholder="—",
    )


def edit_services(services: pd.DataFrame, lang: str, edition_id: str) -> pd.DataFrame:
    return st.data_editor(
        for_editor(services),
        key=session.numbered(session.EDITOR, edition_id),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=table_height(len(services) + 1),
        row_height=TABLE_ROW_HEIGHT,
        column_order=SHOWN_ORDER,
        column_config=column_config(lang, editable=True),
        placeholder="—",
    )


def show_problems(
    message: str, error: ServiceDataError, lang: str, rows: pd.DataFrame | None = None
) -> None:
    st.error(message, icon=":material/block:")
    table = edition_tables.problem_table(error, lang, rows)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=table_height(len(table), 720),
        row_height=TABLE_ROW_HEIGHT,
    )


def difference_summary(active: pd.DataFrame, incoming: pd.DataFrame, lang: str) -> None:
    """How an accepted table differs from the active data, names shown as text."""
    diff = compare.compare_editions(active, incoming)
    changed = len(set(diff.changed_scores["id"]) | set(diff.changed_texts["id"]))
    st.write(
        t(
            "compared_to_active",
            lang,
            added=len(diff.added),
            removed=len(diff.removed),
            changed=changed,
        )
    )
    for key, frame in (("named_added", diff.added), ("named_removed", diff.removed)):
        if len(frame):
            names = ", ".join(f"{row.code} {row.name}" for row in frame.itertuples())
            st.markdown(escape_markdown(t(key, lang, names=names)))
    changes = pd.concat([diff.changed_scores, diff.changed_texts], ignore_index=True)
    if len(changes):
        st.dataframe(
            edition_tables.change_rows(changes, lang),
            hide_index=True,
            width="stretch",
            height=table_height(len(changes), 420),
            row_height=TABLE_ROW_HEIGHT,
        )


def edition_fields(
    lang: str, *, name_key: str, default_name: str, author_key: str, note_key: str
) -> tuple[str, str, str]:
    """Name, author and note of a new edition, inside a form; the default name is set once
    (a value= that changes would reset what was typed)."""
    name_column, author_column, note_column = st.columns([2, 1, 2])
    st.session_state.setdefault(name_key, default_name)
    name = name_column.text_input(t("save_name", lang), max_chars=edition.MAX_NAME, key=name_key)
    author = author_column.text_input(
        t("save_author", lang), max_chars=edition.MAX_NAME, key=author_key
    )
    note = note_column.text_input(t("save_note", lang), max_chars=edition.MAX_TEXT, key=note_key)
    return name, author, note
