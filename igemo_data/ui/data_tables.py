"""How the data page shows a table of services, its problems and its differences.

Every text a user brought is shown through a table (drawn as text) or through
`escape_markdown`, never as HTML.
"""

from __future__ import annotations

import math
from numbers import Real

import pandas as pd
import streamlit as st

from igemo_data import compare, edition, edition_tables
from igemo_data.loading import ServiceDataError
from igemo_data.schema import DECISIONS, DOMAINS, SCORE_COLUMNS, SCORE_MAX, SCORE_MIN
from igemo_data.texts import decision_label, domain_label, escape_markdown, format_score, t
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


def edit_services(
    services: pd.DataFrame, lang: str, key: str, on_change=None, args: tuple = ()
) -> pd.DataFrame:
    """The table in Streamlit's editor; `key` names one editor (see data_page.Pending)."""
    return st.data_editor(
        services,
        key=key,
        on_change=on_change,
        args=args,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=table_height(len(services) + 1),
        row_height=TABLE_ROW_HEIGHT,
        column_order=SHOWN_ORDER,
        column_config=column_config(lang, editable=True),
        placeholder="—",
    )


# --- Edits not yet saved, as a director reads them ------------------------------------------
SUMMARY_ITEMS = 6  # changes named next to the save button; the rest are counted


def pending_changes(original: pd.DataFrame, edited: pd.DataFrame, lang: str) -> list[str]:
    """Every difference between the editor's table and the edition it started from, in words:
    "e1 Huidige marktpositie 1 → 1,5", "nieuw: e5 Toerisme", "verwijderd: v2 Archief".

    Rows are matched by the editor's row index (kept for every row it did not add), so an edit
    to a service's id or code is a change of that row, not a new service. Works on any table,
    also one the loader would refuse: it only reads cells.
    """
    changes: list[str] = []
    columns = [column for column in SHOWN_ORDER if column in original.columns]
    kept = original.index.intersection(edited.index, sort=False)
    for index in edited.index:
        if index not in kept:
            continue
        was, now = original.loc[index], edited.loc[index]
        for column in columns:
            if not _same(was[column], now[column]):
                changes.append(
                    t(
                        "edit_change",
                        lang,
                        code=_cell(was["code"], "code", lang),
                        field=t(f"field_{column}", lang),
                        old=_cell(was[column], column, lang),
                        new=_cell(now[column], column, lang),
                    )
                )
    for key, table, rows in (
        ("edit_added", edited, edited.index.difference(original.index, sort=False)),
        ("edit_removed", original, original.index.difference(edited.index, sort=False)),
    ):
        for index in rows:
            row = table.loc[index]
            code, name = _cell(row["code"], "code", lang), _cell(row["name"], "name", lang)
            changes.append(t(key, lang, code=code, name=name))
    return changes


def pending_summary(changes: list[str], lang: str) -> str:
    """One line for beside the save button: the count, then the first few changes."""
    if not changes:
        return t("edits_none", lang)
    named = "; ".join(changes[:SUMMARY_ITEMS])
    if len(changes) > SUMMARY_ITEMS:
        named += " " + t("edits_more", lang, count=len(changes) - SUMMARY_ITEMS)
    key = "edits_pending_one" if len(changes) == 1 else "edits_pending_many"
    return t(key, lang, count=len(changes), changes=named)


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _same(old: object, new: object) -> bool:
    """Equal cells; an empty cell equals an empty text (the editor writes None for both)."""
    old_empty = _missing(old) or old == ""
    new_empty = _missing(new) or new == ""
    if old_empty or new_empty:
        return old_empty and new_empty
    if isinstance(old, Real) and isinstance(new, Real):
        return math.isclose(float(old), float(new), abs_tol=1e-12)
    return str(old) == str(new)


def _cell(value: object, column: str, lang: str) -> str:
    """A cell as the table shows it: a score with the language's decimal mark, a domain or a
    decision in words, an empty cell as "(leeg)"."""
    if _missing(value) or value == "":
        return t("edit_empty", lang)
    if column in SCORE_COLUMNS and isinstance(value, Real):
        return format_score(float(value), lang)
    if column == "domain" and value in DOMAINS:
        return domain_label(str(value), lang)
    if column == "plan_decision" and value in DECISIONS:
        return decision_label(str(value), lang)
    return str(value)


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
