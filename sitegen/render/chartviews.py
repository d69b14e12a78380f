"""A chart ready for a page in one language: its rows, the comparisons it makes, its Vega-Lite
specs (one per size) and, once drawn, its SVGs."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from sitegen.cache import Cache
from sitegen.model import compare
from sitegen.model.charts import Row, source_name
from sitegen.model.charts import rows as chart_rows
from sitegen.model.dataset import Dataset
from sitegen.read import locales
from sitegen.read.content import ChartDef, Formats
from sitegen.read.records import Observation
from sitegen.render import vegalite
from sitegen.urls import Urls

ROOT = Urls()  # a site served from a domain's root
RANK_OF = 63  # a ranking of Vietnam's provinces, unless the indicator says otherwise


@dataclass(frozen=True)
class ChartView:
    """A chart ready for a page in one language: its rows, the comparisons it makes, its drawing."""

    id: str
    kind: str
    lang: str
    title: str
    rows: tuple[Row, ...]
    unit: str
    comparisons: tuple[compare.Comparison, ...]
    specs: tuple[dict, ...] = field(repr=False, compare=False, hash=False)  # one per size; none for one figure
    svgs: tuple[str, ...] = field(default=(), repr=False)

    @property
    def drawings(self) -> list[tuple[str, str]]:
        """Each drawing with the name of its size (narrow, mid, wide), which the stylesheet picks by;
        none before the chart is drawn (`check` draws nothing)."""
        return [(size.name, svg) for size, svg in zip(vegalite.SIZES, self.svgs, strict=False)]

    @property
    def single(self) -> Row | None:
        """The one figure of a chart that is shown as a big number instead of drawn."""
        return self.rows[0] if not self.specs and self.rows else None

    @property
    def sources(self) -> list[str]:
        """The source ids of the rows, each once, in row order."""
        return list(dict.fromkeys(record.source for row in self.rows for record in row.records))


def view(data: Dataset, chart: ChartDef, lang: str, formats: Formats, urls: Urls = ROOT,
         cache: Cache | None = None) -> ChartView:
    """Rows, comparisons and Vega-Lite specs of one chart in one language (drawn later); cache is
    where the spec templates are kept between builds.

    A chart with a single figure and nothing to set it against is shown as a big number, not drawn.
    """
    indicator = data.indicators[chart.indicators[0]]
    rows = chart_rows(data, chart, lang, formats)
    comparisons = tuple(compare.compare(data, data.indicators[i], chart.provinces or compare.provinces_compared(data))
                        for i in chart.indicators) if chart.kind == "compare" else ()
    bars = [r for r in rows if r.observation and data.provinces[r.observation.province].kind != "national"]
    refs = [r for r in rows if r not in bars]
    view = ChartView(id=chart.id, kind=chart.kind, lang=lang, title=chart.title(lang), rows=tuple(rows),
                     unit=indicator.unit, comparisons=comparisons, specs=())
    if len(bars) == 1 and not refs:
        return view
    colour = {data.provinces[p].name(lang): data.provinces[p].colour.light for p in data.provinces}
    plain = [{"row": r.label, "order": i, "colour": colour[r.series], "value": float(r.value), "label": r.shown,
              "tip": f"{r.label}: {r.shown} — {'; '.join(source_name(data, o.source, lang) for o in r.records)}",
              "href": urls.page(f"indicators/{r.observation.indicator}/#{r.observation.id}", lang),  # type: ignore[union-attr]
              **_tail(r.observation, indicator.unit)} for i, r in enumerate(bars)]
    marks = [{"value": float(r.value), "label": f"{r.label}: {r.shown}"} for r in refs]
    specs = []
    for size in vegalite.SIZES:
        ranks = indicator.unit == "rank"
        placed, lines, domain = vegalite.place(plain, marks, size, (0, 100) if indicator.unit == "percent" else None,
                                             (indicator.rank_of or RANK_OF) if ranks else None)
        values = vegalite.ticks(*domain, whole=ranks)
        axis = {"domain": domain, "ticks": values, "title": formats.axis[indicator.unit](lang)
                if indicator.unit in formats.axis else "",
                "labels": [(v, _tick(v, indicator.unit, lang, formats)) for v in values]}
        specs.append(vegalite.spec(placed, lines, axis, size, ranks, cache))
    return replace(view, specs=tuple(specs))


def picture(data: Dataset, view: ChartView, words: dict[str, str], credit: str) -> dict:
    """What templates/picture.svg sets above a drawn chart to download: its title, its sources, the
    keys the page gives under it (words: "source", "chart_key_qualified", "chart_key_inferred") and the
    credit line, with its wide drawing (the last) and that drawing's size."""
    names = "; ".join(dict.fromkeys(source_name(data, s, view.lang) for s in view.sources))
    observed = [r.observation for r in view.rows if r.observation]
    keys = [words[key] for key, shown in (("chart_key_qualified", any(o.qualifier != "exact" for o in observed)),
                                          ("chart_key_inferred", any(o.inferred for o in observed))) if shown]
    chart = view.svgs[-1] if view.svgs else ""
    height = re.search(r'<svg[^>]* height="([\d.]+)"', chart)
    return {"lang": view.lang, "title": view.title, "notes": [f"{words['source']}: {names}", *keys, credit],
            "chart": chart, "chart_height": math.ceil(float(height.group(1))) if height else 0,
            "width": vegalite.WIDE.width + 32}


def picture_file(view: ChartView) -> str:
    """Where a chart's downloadable image is: one per language, its words being that language's."""
    return f"data/charts/{view.id}-{view.lang}.png"


def _tail(obs: Observation | None, unit: str) -> dict:
    """Where a qualified value's lighter tail runs: past an "over", around an "about", below a "nearly"."""
    if obs is None or unit == "rank" or obs.qualifier == "exact":
        return {"tail_from": None, "tail_to": None}
    value = float(obs.value)  # a drawing's geometry, not a figure a reader reads
    reach = max(abs(value) * 0.06, 100 * 0.03 if unit == "percent" else 0)
    if obs.qualifier in ("over", "at-least"):
        top = min(value + reach, 100) if unit == "percent" else value + reach
        return {"tail_from": value, "tail_to": top}
    if obs.qualifier in ("up-to", "nearly"):
        return {"tail_from": max(value - reach, 0), "tail_to": value}
    return {"tail_from": max(value - reach / 2, 0), "tail_to": value + reach / 2}


def _tick(value: float, unit: str, lang: str, formats: Formats) -> str:
    """An axis label: "50%", "5 tỷ", "10"."""
    if unit == "percent":
        return formats.unit["percent"](lang).format(n=locales.number(value, lang))
    if unit == "rank":
        return str(int(value))
    if abs(value) >= 1_000_000:
        return locales.compact(value, lang)
    return locales.number(value, lang)


