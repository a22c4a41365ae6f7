"""The workshop's decisions: what was decided for a service, why, by whom, and in what setting.

A workshop discusses the services where plan and matrix disagree; the discussion ends in a
decision in the plan's own vocabulary (invest, wait, niche, phase_out, no_invest). Decisions
form a log: a new one for a service supersedes the one before but never erases it, so the
board can read how a decision came about. This module is the log's pure model (no store, no
Streamlit): the record, its context, the latest per service, the history of one service,
whether a decision goes with or against the quadrant the matrix computes, and the log as a
table for a spreadsheet. `igemo_data.store.decisions` keeps it in the DuckDB file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final

import pandas as pd

from igemo_data.schema import DECISIONS
from igemo_data.settings import Settings
from igemo_data.texts import decision_label, domain_label, percent, quadrant_label, t
from igemo_data.texts.formatting import decimal
from igemo_data.workshop import AGREES, DECISION_HEADING, DISAGREES, QUADRANT_HEADING

__all__ = [
    "AGREES",
    "DECISIONS",
    "DISAGREES",
    "MAX_OWNER",
    "MAX_RATIONALE",
    "Context",
    "Decision",
    "agreement",
    "decided_marks",
    "effective_decisions",
    "history",
    "latest",
    "log_table",
    "plain_text",
]

# A rationale is a paragraph or two of minutes, an owner a name or a team: enough for a
# board's minutes, short enough that one decision never floods the screen or the document.
MAX_RATIONALE: Final = 2000
MAX_OWNER: Final = 120

# Control characters are no text: XML (and so Word) refuses them, a PDF shows them as boxes.
# Line breaks and tabs stay; everything else below U+0020, DEL and the C1 block goes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def plain_text(text: str) -> str:
    """`text` without control characters, its line breaks as `\\n`: safe in XML and PDF."""
    unified = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", unified)


@dataclass(frozen=True)
class Context:
    """The setting a decision was taken in: the data, the scenario or round, the matrix.

    `quadrant` is where the matrix placed the service at that moment: the decision may go
    against it on purpose, and the minutes say so. `round` is the scoring round's name when
    the decision followed one (issue 14 fills it; empty otherwise).
    """

    edition: str
    edition_name: str
    settings: Settings
    quadrant: str
    scenario: str = ""  # the scenario's name as the screen showed it, "" when none was open
    round: str = ""


@dataclass(frozen=True)
class Decision:
    """One entry of the log. `number` orders the log: later entries have higher numbers."""

    number: int
    service_id: str
    code: str
    name: str
    decision: str
    rationale: str
    owner: str
    due: date | None
    recorded_at: datetime
    context: Context = field(compare=False)


def latest(decisions: Iterable[Decision]) -> dict[str, Decision]:
    """The decision in force per service: the one recorded last (the highest number)."""
    found: dict[str, Decision] = {}
    for entry in decisions:
        kept = found.get(entry.service_id)
        if kept is None or entry.number > kept.number:
            found[entry.service_id] = entry
    return found


def history(decisions: Iterable[Decision], service_id: str) -> list[Decision]:
    """Every decision for one service, newest first: superseded ones stay readable."""
    return sorted(
        (entry for entry in decisions if entry.service_id == service_id),
        key=lambda entry: entry.number,
        reverse=True,
    )


def agreement(decision: str, quadrant: str) -> str:
    """`AGREES` when the decision files the service under the 8.3 heading its quadrant does,
    else `DISAGREES` (the same reading as Plan versus matrix)."""
    same = DECISION_HEADING.get(decision) == QUADRANT_HEADING.get(quadrant)
    return AGREES if same else DISAGREES


def decided_marks(
    table: pd.DataFrame, in_force: Mapping[str, Decision], lang: str
) -> dict[str, tuple[str, str]]:
    """Per service of `table` with a decision: `AGREES` or `DISAGREES` with its quadrant now,
    and that in words ("o6 Publieke ruimte: beslist Investeren, tegen het kwadrant").

    The chart's toggle draws these: a decision against the matrix is visible at a glance.
    """
    marks = {}
    for service_id, code, name, quadrant in zip(
        table["id"].tolist(),
        table["code"].tolist(),
        table["name"].tolist(),
        table["quadrant"].tolist(),
        strict=True,
    ):
        entry = in_force.get(service_id)
        if entry is None:
            continue
        state = agreement(entry.decision, quadrant)
        words = t(
            "decision_mark_label",
            lang,
            code=code,
            name=name,
            decision=decision_label(entry.decision, lang),
            state=t("decision_key_agrees" if state == AGREES else "decision_key_against", lang),
        )
        marks[service_id] = (state, words)
    return marks


def effective_decisions(table: pd.DataFrame, in_force: Mapping[str, Decision]) -> pd.DataFrame:
    """`table` with `plan_decision` replaced by the decision in force where one was recorded.

    What "Volgens de beslissingen" files under the 8.3 headings: the workshop's decision where
    it took one, the plan's own elsewhere.
    """
    result = table.copy()
    result["plan_decision"] = [
        in_force[sid].decision if sid in in_force else plan
        for sid, plan in zip(result["id"], result["plan_decision"], strict=True)
    ]
    return result


def settings_in_words(settings: Settings, lang: str) -> str:
    """The matrix a decision or the minutes speak of, as one line of words."""
    domains = ", ".join(domain_label(d, lang) for d in settings.domains) or "—"
    what_ifs = len(settings.overrides)
    return t(
        "decision_settings_words",
        lang,
        horizon=percent(settings.horizon),
        market=decimal(settings.market_cut, lang),
        need=decimal(settings.need_cut, lang),
        domains=domains,
        what_ifs=what_ifs,
    )


def context_in_words(context: Context, lang: str) -> str:
    """Where a decision was taken: edition, scenario or round, settings, quadrant then."""
    parts = [context.edition_name]
    if context.round:
        parts.append(t("decision_round", lang, name=context.round))
    elif context.scenario:
        parts.append(context.scenario)
    parts.append(settings_in_words(context.settings, lang))
    parts.append(t("decision_quadrant_then", lang, quadrant=quadrant_label(context.quadrant, lang)))
    return " · ".join(parts)


def due_text(due: date | None) -> str:
    return f"{due:%d-%m-%Y}" if due else ""


def log_table(decisions: Iterable[Decision], lang: str) -> pd.DataFrame:
    """The whole log, newest first, as a board member reads it in a spreadsheet.

    Every text a user typed stays exactly as typed; `spreadsheet` neutralises what a
    spreadsheet would run.
    """
    rows = sorted(decisions, key=lambda entry: entry.number, reverse=True)
    in_force = {entry.number for entry in latest(rows).values()}
    return pd.DataFrame(
        {
            t("decision_col_recorded", lang): [
                f"{e.recorded_at.astimezone():%d-%m-%Y %H:%M}" for e in rows
            ],
            t("field_code", lang): [e.code for e in rows],
            t("field_name", lang): [e.name for e in rows],
            t("decision_col_decision", lang): [decision_label(e.decision, lang) for e in rows],
            t("decision_col_rationale", lang): [e.rationale for e in rows],
            t("decision_col_owner", lang): [e.owner for e in rows],
            t("decision_col_due", lang): [due_text(e.due) for e in rows],
            t("decision_col_quadrant", lang): [
                quadrant_label(e.context.quadrant, lang) for e in rows
            ],
            t("decision_col_context", lang): [context_in_words(e.context, lang) for e in rows],
            t("decision_col_in_force", lang): [
                t("decision_in_force" if e.number in in_force else "decision_superseded", lang)
                for e in rows
            ],
            "id": [e.service_id for e in rows],
        },
        columns=None,
    )


def is_decision(value: object) -> bool:
    return isinstance(value, str) and value in DECISIONS
