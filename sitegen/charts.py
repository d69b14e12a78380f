"""Every chart's Vega-Lite spec, built by Altair (drawing.py renders them to SVG).

The only module that imports altair. Styling lives in one registered theme; each chart kind is a
small function from rows to an immutable chart.
"""

from __future__ import annotations

import functools

import altair as alt

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
INK, MUTED, GRID = "#1a1a1a", "#595959", "#d9d9d9"
TARGET = "#767676"  # targets beside a province's figure
RANK_OF = 63  # a ranking of Vietnam's provinces, unless the indicator says otherwise
WIDTH = 320
STEP = 26  # pixels per bar or dot


@alt.theme.register("sitegen", enable=True)
def theme() -> alt.theme.ThemeConfig:
    """The house style: system fonts, quiet axes, transparent so dark mode shows through."""
    return {
        "config": {
            "background": "transparent",
            "aria": False,
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelColor": INK, "titleColor": INK, "domainColor": MUTED, "tickColor": MUTED,
                     "gridColor": GRID, "labelFontSize": 12, "titleFontSize": 12,
                     "titleFontWeight": "normal", "labelLimit": 180},
            "legend": {"labelColor": INK, "titleColor": INK, "labelFontSize": 12, "orient": "bottom",
                       "title": None},
            "text": {"color": INK, "fontSize": 12},
        }
    }


def bars(rows: list[dict]) -> dict:
    """Horizontal bars, one per row, in each row's colour, labelled with its formatted value."""
    return {**_bars(), "datasets": {"rows": rows}}


def dots(rows: list[dict], rank_of: int) -> dict:
    """Ranks as dots on a 1…N scale, 1 (best) on the left."""
    return {**_dots(rank_of), "datasets": {"rows": rows}}


# Each kind is built and validated by Altair once; a chart is that spec with its own rows, so
# rows carry everything that varies: label, order, colour, value and formatted label.
_ROWS = alt.NamedData("rows")
_Y = alt.Y("row:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=220))


@functools.cache
def _bars() -> dict:
    base = alt.Chart(_ROWS).encode(
        y=_Y, x=alt.X("value:Q", title=None, axis=alt.Axis(format=",~f", tickCount=4)))
    marks = base.mark_bar().encode(color=alt.Color("colour:N", scale=None))
    labels = base.mark_text(align="left", dx=4).encode(text="label:N")
    return (marks + labels).properties(width=WIDTH, height={"step": STEP}).to_dict()


@functools.cache
def _dots(rank_of: int) -> dict:
    ticks = sorted({1, *range(10, rank_of, 10), rank_of})
    base = alt.Chart(_ROWS).encode(
        y=_Y, x=alt.X("value:Q", title=None, scale=alt.Scale(domain=[1, rank_of], nice=False),
                      axis=alt.Axis(values=ticks, format="d")))
    marks = base.mark_circle(size=140, opacity=1).encode(color=alt.Color("colour:N", scale=None))
    labels = base.mark_text(align="left", dx=9).encode(text="label:N")
    return (marks + labels).properties(width=WIDTH, height={"step": STEP}).to_dict()
