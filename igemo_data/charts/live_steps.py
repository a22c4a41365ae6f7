"""A live chart's datasets that differ between horizon steps, joined into one row per mark.

`charts.live` builds the quadrant chart at every whole percent; a dataset whose rows differ
between steps (the points, their codes, the rings) becomes one row per mark here, and the
values that change live in a param, per field, step and row. The layer picks the shown step's
values with a calculate per field, so a slider step re-evaluates 39 rows, not 4,000, and the
browser moves the marks it has instead of rebuilding them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

# A dataset that differs between steps holds one row per mark, numbered by `_row`; the param
# `sk_at_<dataset>` holds each varying field's values per step and row, and `shown` which rows
# are drawn at a step (a ring round a moved service comes and goes). See `packed`.
STEP_PREFIX = "sk_at_"
STEP_ROW = "_row"
STEP_SHOWN = "shown"


def packed(
    versions: Sequence[list[dict]], current: int, param: str, step_expr: str
) -> tuple[list[dict], list[dict], dict[str, list]]:
    """A dataset whose rows differ between steps as one row per mark, and its steps' values.

    The same service's row at every step is joined into one row, which holds its values at the
    `current` step (what a reader without a browser sees) and its place `_row`. Each field that
    varies gets, in the `param`'s value, a list per step of every row's value (None where a
    row is not drawn at that step; `shown` says where it is). The transforms returned put the
    shown step's values in place. The values live in a param, not in the rows: Streamlit sends
    a chart's rows as an Arrow table, and a list in a cell does not arrive as a list.

    Why not every step's rows with a step filter: the filter meets every row of every step on
    each slider step (4,000 rows for 39 services), and each step's marks are new marks, so the
    browser removes and rebuilds every element; one row per mark is 100 times fewer
    evaluations, and the marks move in place (a drag is drawn at the display's rate).
    """
    order: list[tuple] = []
    by_key: dict[tuple, list[dict | None]] = {}
    for step, rows in enumerate(versions):
        seen: dict[object, int] = {}
        for row in rows:
            ident = row.get("id")
            key = (ident, seen.get(ident, 0))
            seen[ident] = key[1] + 1
            if key not in by_key:
                by_key[key] = [None] * len(versions)
                order.append(key)
            by_key[key][step] = row
    joined = [by_key[key] for key in order]
    fields = sorted({field for steps in joined for row in steps if row for field in row})
    varying = [
        field
        for field in fields
        if any(
            len({json.dumps(None if row is None else row.get(field)) for row in steps if row}) > 1
            for steps in joined
        )
    ]
    values: dict[str, list] = {
        field: [
            [None if steps[step] is None else steps[step].get(field) for steps in joined]
            for step in range(len(versions))
        ]
        for field in varying
    }
    packed = []
    for place, steps in enumerate(joined):
        shown = steps[current] or next(row for row in steps if row is not None)
        packed.append({**shown, STEP_ROW: place})
    picks: list[dict] = []
    if any(row is None for steps in joined for row in steps):
        values[STEP_SHOWN] = [
            [steps[step] is not None for steps in joined] for step in range(len(versions))
        ]
        picks.append({"filter": f"{param}.{STEP_SHOWN}[{step_expr}][datum.{STEP_ROW}]"})
    for field in varying:
        picks.append(
            {
                "calculate": f"{param}[{json.dumps(field)}][{step_expr}][datum.{STEP_ROW}]",
                "as": field,
            }
        )
    return packed, picks, values


def dataset_at(spec: Mapping, name: str, step: int) -> list[dict]:
    """A live spec's dataset as the browser holds it at horizon step `step` (for tests and the
    bench: the inverse of `packed`)."""
    values = step_values(spec).get(name)
    if values is None:
        return list(spec["datasets"][name])
    shown = values.get(STEP_SHOWN)
    step = min(step, *(len(steps) - 1 for steps in values.values()))
    return [
        {k: v for k, v in row.items() if k != STEP_ROW}
        for row in values_at(spec["datasets"][name], values, step)
        if shown is None or shown[step][row[STEP_ROW]]
    ]


def step_param(dataset: str) -> str:
    """The name of the param holding a packed dataset's values per step."""
    return STEP_PREFIX + re.sub(r"\W", "_", dataset)


def step_values(spec: Mapping) -> dict[str, dict[str, list]]:
    """Each packed dataset's name → its steps' values (the param `_packed` made for it)."""
    params = {p["name"]: p.get("value") for p in spec.get("params", [])}
    return {
        name: params[step_param(name)]
        for name in spec.get("datasets", {})
        if step_param(name) in params
    }


def rows_at(spec: Mapping, name: str, rows: Sequence[Mapping], step: int) -> list[dict]:
    """`rows`, the dataset `name` of a live spec as sent (Streamlit sends them apart from the
    spec), holding their values at horizon step `step`; other datasets' rows unchanged."""
    params = {p["name"]: p.get("value") for p in spec.get("params", [])}
    values = params.get(step_param(name))
    return [dict(row) for row in rows] if values is None else values_at(rows, values, step)


def values_at(rows: Sequence[Mapping], values: Mapping[str, list], step: int) -> list[dict]:
    """Packed rows holding their values at `step` (every row, drawn there or not)."""
    fields = [field for field in values if field != STEP_SHOWN]
    # A spec of fewer steps (tests) shows its last beyond them, as `stitch` does.
    step = min(step, *(len(steps) - 1 for steps in values.values()))
    return [
        {**row, **{field: values[field][step][row[STEP_ROW]] for field in fields}} for row in rows
    ]
