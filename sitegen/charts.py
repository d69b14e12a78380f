"""Every chart: Altair builds the spec, vl-convert renders it to SVG at build time.

The only module that imports altair. Styling lives in one registered theme; each chart kind is a
small function from rows to an immutable chart.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path

import altair as alt
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
    return (marks + labels).properties(width=WIDTH, height={"step": 26}).to_dict()


@functools.cache
def _dots(rank_of: int) -> dict:
    ticks = sorted({1, *range(10, rank_of, 10), rank_of})
    base = alt.Chart(_ROWS).encode(
        y=_Y, x=alt.X("value:Q", title=None, scale=alt.Scale(domain=[1, rank_of], nice=False),
                      axis=alt.Axis(values=ticks, format="d")))
    marks = base.mark_circle(size=140, opacity=1).encode(color=alt.Color("colour:N", scale=None))
    labels = base.mark_text(align="left", dx=9).encode(text="label:N")
    return (marks + labels).properties(width=WIDTH, height={"step": 26}).to_dict()


def validate(vega_lite: dict) -> alt.LayerChart:
    """Check a finished spec against the Vega-Lite schema (the tests call this for every chart)."""
    return alt.LayerChart.from_dict(vega_lite)


_SVG_FORM = 2  # bump when the post-processing below changes, to refresh the disk cache


def render(vega_lite: dict, lang: str, cache: Path | None) -> str:
    """Render a spec to SVG (cached on disk by spec, locale and renderer version)."""
    body = json.dumps(vega_lite, sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(f"{vlc.__version__}|{_SVG_FORM}|{lang}|{body}".encode()).hexdigest()[:32]
    hit = cache / f"{key}.svg" if cache else None
    if hit and hit.exists():
        return hit.read_text(encoding="utf-8")
    svg = vlc.vegalite_to_svg(vega_lite, format_locale=D3_FORMAT_LOCALES[lang], allowed_base_urls=[])
    # Several charts share a page: give any ids Vega made (clip paths) this chart's own prefix.
    svg = re.sub(r'(id="|url\(#)(clip\d+)', rf"\g<1>c{key[:8]}-\g<2>", svg)
    # The page names and describes the chart (role="img" on its wrapper); Vega's inner roles would
    # give assistive technology hundreds of unnamed marks instead.
    svg = re.sub(r' (role|aria-roledescription)="[^"]*"', "", svg)
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    if hit:
        hit.parent.mkdir(parents=True, exist_ok=True)
        hit.write_text(svg, encoding="utf-8")
    return svg



def card(svg: str, cache: Path | None) -> bytes:
    """A social card: the SVG from templates/card.svg as PNG (vl-convert), cached on disk."""
    key = hashlib.sha256(f"{vlc.__version__}|card|{svg}".encode()).hexdigest()[:32]
    hit = cache / f"{key}.png" if cache else None
    if hit and hit.exists():
        return hit.read_bytes()
    png = vlc.svg_to_png(svg, scale=1)
    if hit:
        hit.parent.mkdir(parents=True, exist_ok=True)
        hit.write_bytes(png)
    return png
