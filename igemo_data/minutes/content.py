"""What the minutes say, as a list of plain blocks that a Word and a PDF writer both lay out.

The minutes are written here once, in the reader's language: title, date, edition and
scenario, the settings in words, every service with a decision in force (decision, rationale,
owner, due date, what it superseded) and, where a scoring round was held, its disagreement
list; then the counts, the moves and the four maps (PNG images drawn by `charts`). A board
reads the decisions first: they are what the workshop was for. The
writers (`word`, `pdf`) only lay the blocks out; neither decides what is said.

All text in a block is plain text: a writer must never read it as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from igemo_data.decisions import (
    AGREES,
    Decision,
    agreement,
    due_text,
    history,
    latest,
    plain_text,
)
from igemo_data.schema import QUADRANTS
from igemo_data.settings import Settings
from igemo_data.texts import (
    decimal,
    decision_label,
    domain_label,
    percent,
    quadrant_label,
    t,
)
from igemo_data.workshop import against_baseline, override_table, shifts


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 0 is the document's title


@dataclass(frozen=True)
class Paragraph:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Facts:
    """Label: value lines (date, edition, scenario)."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # shares of the text width, summing to 1


@dataclass(frozen=True)
class Picture:
    title: str
    png: bytes
    width: int  # px of the PNG, for its aspect ratio
    height: int


Block = Heading | Paragraph | Facts | Table | Picture


@dataclass(frozen=True)
class Minutes:
    lang: str
    title: str
    blocks: tuple[Block, ...]


def _clean(value: object) -> str:
    return plain_text("" if value is None else str(value))


def settings_text(settings: Settings, lang: str) -> str:
    """The matrix in words: horizon with what it means, both cuts, the werkdomeinen."""
    if settings.horizon <= 0:
        reading = t("minutes_reading_now", lang)
    elif settings.horizon >= 1:
        reading = t("minutes_reading_future", lang)
    else:
        reading = t("minutes_reading_between", lang)
    return t(
        "minutes_settings_text",
        lang,
        horizon=percent(settings.horizon),
        reading=reading,
        market=decimal(settings.market_cut, lang),
        need=decimal(settings.need_cut, lang),
        domains=", ".join(domain_label(d, lang) for d in settings.domains) or "—",
    )


def _what_ifs(services: pd.DataFrame, settings: Settings, lang: str) -> list[Block]:
    rows = override_table(services, settings.overrides)
    if rows.empty:
        return [Paragraph(t("minutes_what_ifs_none", lang))]
    lines = []
    for row in rows.itertuples():
        parts = []
        for axis, value in (("market", row.market), ("need", row.need)):
            if value is not None and not pd.isna(value):
                parts.append(f"{t(f'what_if_{axis}', lang).lower()} {decimal(value, lang)}")
        lines.append(f"{row.code} {row.name}: {', '.join(parts)}")
    return [Paragraph(t("minutes_what_ifs", lang)), Paragraph(_clean("\n".join(lines)))]


def _counts(baseline: pd.DataFrame, table: pd.DataFrame, lang: str) -> Table:
    against = against_baseline(baseline, table)
    rows = tuple(
        (
            quadrant_label(q, lang),
            str(against.counts[q] - against.changes[q]),
            str(against.counts[q]),
        )
        for q in QUADRANTS
    )
    header = (
        t("field_quadrant", lang),
        t("minutes_count_plan", lang),
        t("minutes_count_now", lang),
    )
    return Table(header, rows, (0.5, 0.25, 0.25))


def _moves(baseline: pd.DataFrame, table: pd.DataFrame, lang: str) -> list[Block]:
    moved = shifts(baseline[baseline["id"].isin(set(table["id"]))], table)
    if moved.empty:
        return [Paragraph(t("minutes_moves_none", lang))]
    rows = tuple(
        (
            _clean(row.code),
            _clean(row.name),
            quadrant_label(row.from_quadrant, lang),
            quadrant_label(row.to_quadrant, lang),
        )
        for row in moved.itertuples()
    )
    header = (
        t("field_code", lang),
        t("field_name", lang),
        t("field_from", lang),
        t("field_to", lang),
    )
    return [Table(header, rows, (0.1, 0.46, 0.22, 0.22))]


def _decisions(log: Sequence[Decision], table: pd.DataFrame, lang: str) -> list[Block]:
    in_force = latest(log)
    quadrants = dict(zip(table["id"], table["quadrant"], strict=True))
    order = [sid for sid in table["id"] if sid in in_force]
    order += [sid for sid in in_force if sid not in set(order)]  # decided in another edition
    if not order:
        return [Paragraph(t("minutes_decisions_none", lang))]
    rows = []
    earlier = []
    for sid in order:
        entry = in_force[sid]
        rows.append(
            (
                _clean(entry.code),
                _clean(entry.name),
                _decision_words(entry, quadrants.get(sid), lang),
                _clean(entry.rationale),
                _clean(entry.owner),
                due_text(entry.due),
            )
        )
        before = history(log, sid)[1:]
        if before:
            said = "; ".join(
                f"{decision_label(e.decision, lang)} ({e.recorded_at.astimezone():%d-%m-%Y})"
                for e in before
            )
            earlier.append(Paragraph(_clean(f"{entry.code} {entry.name}: {said}"), small=True))
    header = (
        t("field_code", lang),
        t("field_name", lang),
        t("decision_col_decision", lang),
        t("decision_col_rationale", lang),
        t("decision_col_owner", lang),
        t("decision_col_due", lang),
    )
    blocks: list[Block] = [Table(header, tuple(rows), (0.08, 0.16, 0.17, 0.28, 0.17, 0.14))]
    if earlier:
        blocks.append(Paragraph(t("minutes_superseded", lang)))
        blocks.extend(earlier)
    return blocks


def _decision_words(entry: Decision, quadrant: str | None, lang: str) -> str:
    """The decision, and under it when it goes against the quadrant the matrix gives now."""
    words = decision_label(entry.decision, lang)
    if quadrant is None or agreement(entry.decision, quadrant) == AGREES:
        return words
    return f"{words}\n{t('minutes_against', lang, quadrant=quadrant_label(quadrant, lang))}"


def _disagreement(disagreement: pd.DataFrame, services: pd.DataFrame, lang: str) -> Table:
    """Design §8's disagreement list (ids in order, `disagreement` 0–1) as code, name, share."""
    names = dict(
        zip(services["id"], zip(services["code"], services["name"], strict=True), strict=True)
    )
    rows = []
    for sid, value in zip(disagreement["id"], disagreement["disagreement"], strict=True):
        code, name = names.get(sid, (sid, ""))
        rows.append((_clean(code), _clean(name), f"{percent(float(value))} %"))
    header = (t("field_code", lang), t("field_name", lang), t("minutes_disagreement_col", lang))
    return Table(header, tuple(rows), (0.15, 0.6, 0.25))


def minutes(
    *,
    lang: str,
    on: date,
    edition_name: str,
    scenario_name: str,
    settings: Settings,
    services: pd.DataFrame,
    baseline: pd.DataFrame,
    table: pd.DataFrame,
    log: Sequence[Decision],
    pictures: Sequence[Picture],
    disagreement: pd.DataFrame | None = None,
) -> Minutes:
    """The minutes of one workshop.

    `table` is `classify`'s result at `settings` for the werkdomeinen shown, `baseline` the
    plan's own reading, `log` every decision recorded, `pictures` the maps. `disagreement`
    is where a scoring round was held: its disagreement list (design §8: `id` and
    `disagreement`, in the list's order); without it the minutes have no such section.
    """
    title = t("minutes_title", lang)
    blocks: list[Block] = [
        Heading(title, 0),
        Facts(
            (
                (t("minutes_date", lang), f"{on:%d-%m-%Y}"),
                (t("minutes_edition", lang), _clean(edition_name)),
                (
                    t("minutes_scenario", lang),
                    _clean(scenario_name) or t("minutes_no_scenario", lang),
                ),
            )
        ),
        Heading(t("minutes_settings", lang)),
        Paragraph(settings_text(settings, lang)),
        *_what_ifs(services, settings, lang),
        # What the board reads first: what was decided, then where the room disagreed.
        Heading(t("minutes_decisions", lang)),
        *_decisions(log, table, lang),
    ]
    if disagreement is not None:
        blocks.append(Heading(t("minutes_disagreement", lang)))
        blocks.append(_disagreement(disagreement, services, lang))
    blocks += [
        Heading(t("minutes_counts", lang)),
        _counts(baseline, table, lang),
        Heading(t("minutes_moves", lang)),
        *_moves(baseline, table, lang),
    ]
    if pictures:
        blocks.append(Heading(t("minutes_charts", lang)))
        blocks.extend(pictures)
    return Minutes(lang, title, tuple(blocks))
