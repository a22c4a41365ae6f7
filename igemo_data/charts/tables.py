"""Tables drawn as charts: the four scores per service, and services per cluster and quadrant."""

from __future__ import annotations

import altair as alt
import pandas as pd

from igemo_data.charts.marks import _number_expr
from igemo_data.charts.theme import (
    INK,
    LEGEND_FONT_SIZE,
    QUADRANT_COLORS,
    TICKS,
    USERMETA,
)
from igemo_data.schema import (
    QUADRANTS,
    SCORE_COLUMNS,
    SCORE_MAX,
    SCORE_MIN,
)
from igemo_data.texts import DEFAULT_LANGUAGE, domain_label, format_score, quadrant_label, t


def _text_color_on(field: str, threshold: float) -> alt.ColorValue:
    """White text on the dark end of a sequential scale, ink on the light end.

    Channel objects throughout: a shorthand string or an `alt.when` makes Altair hash all its
    schema classes on every `encode` (vega/altair#3547)."""
    return alt.ColorValue(
        INK, condition={"test": f"datum.{field} >= {threshold}", "value": "white"}
    )


def _grid_axis(**options) -> alt.Axis:
    """The axis of a table-like chart: row or column names only, no line and no ticks."""
    return alt.Axis(
        **{"labelColor": INK, "domain": False, "ticks": False, "labelPadding": 8, **options}
    )


def score_heatmap(services: pd.DataFrame, *, lang: str = DEFAULT_LANGUAGE) -> alt.LayerChart:
    """The four scores per service: one row per service in the plan's order, value printed."""
    labels = [
        f"{code}  {name}" for code, name in zip(services["code"], services["name"], strict=True)
    ]
    seen: dict[str, int] = {}
    unique = []
    for label, domain in zip(labels, services["domain"], strict=True):
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({domain_label(domain, lang)})")
    titles = [t(f"field_{column}", lang) for column in SCORE_COLUMNS]
    rows = []
    for label, (_, service) in zip(unique, services.iterrows(), strict=True):
        for column, title in zip(SCORE_COLUMNS, titles, strict=True):
            value = float(service[column])
            rows.append(
                {
                    "service": label,
                    "score": title,
                    "value": value,
                    "value_text": format_score(value, lang),
                    "score_text": f"{title}: {format_score(value, lang)}",
                    "name": str(service["name"]),
                }
            )
    data = pd.DataFrame(rows)
    x = alt.X(
        "score:N",
        sort=titles,
        title=None,
        axis=alt.Axis(
            orient="top",
            labelAngle=0,
            labelFontSize=16,
            labelFontWeight="bold",
            labelColor=INK,
            # Two lines ("Huidige" / "marktpositie"); Vega hangs the second line below the
            # first, so the padding lifts both clear of the first row.
            labelExpr="split(datum.label, ' ')",
            labelBaseline="bottom",
            labelLineHeight=20,
            labelLimit=200,
            domain=False,
            ticks=False,
            labelPadding=28,
        ),
        scale=alt.Scale(paddingInner=0.04),
    )
    y = alt.Y(
        "service:N",
        sort=unique,
        title=None,
        axis=_grid_axis(labelFontSize=17, labelLimit=420),
        scale=alt.Scale(paddingInner=0.08),
    )
    base = alt.Chart(data).encode(x=x, y=y)
    cells = base.mark_rect(aria=False).encode(
        color=alt.Color(
            "value:Q",
            scale=alt.Scale(domain=[SCORE_MIN, SCORE_MAX], scheme="blues"),
            legend=alt.Legend(
                title=t("field_score", lang),
                titleFontSize=LEGEND_FONT_SIZE,
                labelFontSize=16,
                values=list(TICKS),
                labelExpr=_number_expr(lang),
                gradientLength=200,
                gradientThickness=18,
            ),
        ),
        tooltip=[
            alt.Tooltip("name:N", title=t("field_name", lang)),
            alt.Tooltip("score_text:N", title=t("field_score", lang)),
        ],
    )
    values = base.mark_text(fontSize=18, fontWeight="bold", aria=False).encode(
        text=alt.Text("value_text:N"),
        color=_text_color_on("value", 1.6),
    )
    return alt.layer(cells, values).properties(
        width=alt.Step(150), height=alt.Step(32), usermeta=USERMETA
    )


def cluster_quadrant_chart(table: pd.DataFrame, *, lang: str = DEFAULT_LANGUAGE) -> alt.LayerChart:
    """Services per cluster and quadrant: a grid laid out like a table, counts printed."""
    clusters = list(dict.fromkeys(table["cluster"].astype(str)))
    words = [quadrant_label(q, lang) for q in QUADRANTS]
    counts = table.groupby(["cluster", "quadrant"]).size()
    rows = []
    for cluster in clusters:
        for quadrant, word in zip(QUADRANTS, words, strict=True):
            count = int(counts.get((cluster, quadrant), 0))
            rows.append(
                {
                    "cluster": cluster,
                    "quadrant": quadrant,
                    "quadrant_label": word,
                    "count": count,
                    "count_text": str(count) if count else "–",
                    "fill": QUADRANT_COLORS[quadrant] if count else "#F4F4F4",
                }
            )
    data = pd.DataFrame(rows)
    base = alt.Chart(data).encode(
        x=alt.X(
            "quadrant_label:N",
            sort=words,
            title=None,
            axis=_grid_axis(orient="top", labelAngle=0, labelFontSize=18, labelFontWeight="bold"),
            scale=alt.Scale(paddingInner=0.06),
        ),
        y=alt.Y(
            "cluster:N",
            sort=clusters,
            title=None,
            axis=_grid_axis(labelFontSize=18, labelLimit=360),
            scale=alt.Scale(paddingInner=0.08),
        ),
    )
    cells = base.mark_rect(aria=False, stroke="#9A9A9A", strokeWidth=1).encode(
        fill=alt.Fill("fill:N", scale=None, legend=None),
        tooltip=[
            alt.Tooltip("cluster:N", title=t("field_cluster", lang)),
            alt.Tooltip("quadrant_label:N", title=t("field_quadrant", lang)),
            alt.Tooltip("count:Q", title=t("field_count", lang)),
        ],
    )
    numbers = base.mark_text(fontSize=22, fontWeight="bold", aria=False).encode(
        text=alt.Text("count_text:N"),
        color=alt.ColorValue("#9A9A9A", condition={"test": "datum.count > 0", "value": INK}),
    )
    return alt.layer(cells, numbers).properties(
        width=alt.Step(140), height=alt.Step(44), usermeta=USERMETA
    )
