"""Every chart: Altair builds the spec, vl-convert renders it to SVG at build time.

The only module that imports altair. Styling lives in one registered theme; each chart kind is a
small function from rows to an immutable chart.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc

from .i18n import D3_FORMAT_LOCALES

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
INK, MUTED, GRID = "#1a1a1a", "#595959", "#d9d9d9"
WIDTH = 320


@alt.theme.register("sitegen", enable=True)
def theme() -> alt.theme.ThemeConfig:
    """The house style: system fonts, quiet axes, transparent so dark mode shows through."""
    return {
        "config": {
            "background": None,
            "aria": False,
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelColor": INK, "titleColor": INK, "domainColor": MUTED, "tickColor": MUTED,
                     "gridColor": GRID, "labelFontSize": 12, "titleFontSize": 12,
                     "titleFontWeight": "normal", "labelLimit": 180},
            "legend": {"labelColor": INK, "titleColor": INK, "labelFontSize": 12, "orient": "bottom",
                       "title": None},
            "text": {"color": INK, "fontSize": 12},
            "bar": {"cornerRadiusEnd": 2},
        }
    }


def bars(rows: list[dict], colours: dict[str, str], axis_title: str, reverse: bool = False) -> alt.Chart:
    """Horizontal bars, one per row, coloured by series, each labelled with its formatted value."""
    frame = pd.DataFrame(rows)
    order = list(dict.fromkeys(frame["row"]))
    scale = alt.Scale(domain=list(colours), range=list(colours.values()))
    base = alt.Chart(frame).encode(
        y=alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=200)),
        x=alt.X("value:Q", title=axis_title, axis=alt.Axis(format=",~f", tickCount=4),
                scale=alt.Scale(reverse=reverse, zero=True)),
    )
    marks = base.mark_bar().encode(color=alt.Color("series:N", scale=scale, legend=alt.Legend()))
    labels = base.mark_text(align="left", dx=4).encode(text="label:N")
    return (marks + labels).properties(width=WIDTH, height={"step": 26})


def dots(rows: list[dict], colours: dict[str, str], axis_title: str, rank_of: int) -> alt.Chart:
    """Ranks as dots on a 1…N scale where further left is better."""
    frame = pd.DataFrame(rows)
    order = list(dict.fromkeys(frame["row"]))
    scale = alt.Scale(domain=list(colours), range=list(colours.values()))
    base = alt.Chart(frame).encode(
        y=alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=200)),
        x=alt.X("value:Q", title=axis_title, scale=alt.Scale(domain=[1, rank_of], nice=False),
                axis=alt.Axis(values=[1, 10, 20, 30, 40, 50, rank_of], format="d")),
    )
    marks = base.mark_circle(size=140, opacity=1).encode(
        color=alt.Color("series:N", scale=scale, legend=alt.Legend()))
    labels = base.mark_text(align="left", dx=9).encode(text="label:N")
    return (marks + labels).properties(width=WIDTH, height={"step": 26})


def spec(chart: alt.Chart) -> dict:
    """The Vega-Lite spec as a plain dict, data inline, validated by Altair."""
    return chart.to_dict()


def render(vega_lite: dict, lang: str, cache: Path | None) -> str:
    """Render a spec to SVG (cached on disk by spec, locale and renderer version)."""
    body = json.dumps(vega_lite, sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(f"{vlc.__version__}|{lang}|{body}".encode()).hexdigest()[:32]
    hit = cache / f"{key}.svg" if cache else None
    if hit and hit.exists():
        return hit.read_text(encoding="utf-8")
    svg = vlc.vegalite_to_svg(vega_lite, format_locale=D3_FORMAT_LOCALES[lang], allowed_base_urls=[])
    if hit:
        hit.parent.mkdir(parents=True, exist_ok=True)
        hit.write_text(svg, encoding="utf-8")
    return svg

