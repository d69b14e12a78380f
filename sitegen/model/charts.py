"""The site's charts: which exist, what rows each shows, and their views ready for a page."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from sitegen import i18n
from sitegen.errors import Problem, nearest
from sitegen.messages import say
from sitegen.model import compare
from sitegen.model.dataset import FILES, Dataset
from sitegen.read.content import ChartDef, Formats
from sitegen.read.records import Observation, Target
from sitegen.render import vegalite as charts

HISTORY_ROWS = 24  # an indicator's own chart shows every figure up to this many bars
DERIVED = ("indicator-", "target-")  # prefixes of the charts every indicator and target gets


@dataclass(frozen=True)
class Row:
    """One bar or dot: its label, series (province or "target"), value and where it came from."""

    label: str
    series: str
    value: float
    shown: str
    observation: Observation | None = None
    target: Target | None = None

    @property
    def record(self) -> Observation | Target:
        """The observation or target the row shows."""
        return self.observation or self.target  # type: ignore[return-value]


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
    specs: tuple[dict, ...] = field(repr=False, compare=False, hash=False)  # wide, narrow; none for one figure
    svgs: tuple[str, ...] = field(default=(), repr=False)

    @property
    def single(self) -> Row | None:
        """The one figure of a chart that is shown as a big number instead of drawn."""
        return self.rows[0] if not self.specs and self.rows else None

    @property
    def sources(self) -> list[str]:
        """The source ids of the rows, each once, in row order."""
        return list(dict.fromkeys(row.record.source for row in self.rows))


def definitions(data: Dataset, defs: list[ChartDef], problems: list[Problem]) -> dict[str, ChartDef]:
    """The named charts from content/charts.yaml plus one chart per indicator and per target.

    Chart ids are unique; the derived prefixes are reserved; a named chart must have something to show.
    """
    out: dict[str, ChartDef] = {}
    for chart in defs:
        if chart.id in out:
            problems.append(Problem(*chart.at("id"), say("chart_twice", id=chart.id, line=out[chart.id].where[1])))
        elif chart.id.startswith(DERIVED):
            problems.append(Problem(*chart.at("id"), say("chart_reserved", id=chart.id)))
        elif problem := _check(data, chart):
            problems.append(problem)
        else:
            out[chart.id] = chart
    for indicator in data.indicators.values():
        if found := data.of_indicator(indicator.id):
            many = len(found) > HISTORY_ROWS  # past that, each province's latest, best first
            out[f"indicator-{indicator.id}"] = ChartDef(
                id=f"indicator-{indicator.id}", kind="compare" if many else "history", indicators=[indicator.id],
                order="value" if many else "data", title=indicator.label)
    for target in data.targets.values():
        key = f"target-{target.province}-{target.indicator}"
        if key not in out and data.latest(target.province, target.indicator):
            out[key] = ChartDef(id=key, kind="target", indicators=[target.indicator],
                                provinces=[target.province], title=data.indicators[target.indicator].label)
    return out


def _check(data: Dataset, chart: ChartDef) -> Problem | None:
    """What is wrong with a named chart's indicators and provinces, if anything."""
    for name, table, kind in [*((i, data.indicators, "indicator") for i in chart.indicators),
                              *((p, data.provinces, "province") for p in chart.provinces)]:
        if name not in table:
            return None if name in data.broken else Problem(
                *chart.where, say("chart_unknown", id=chart.id, kind=say(f"kind_{kind}"), name=name,
                                  hint=nearest(name, table, FILES[kind])))
    if chart.kind == "target" and len(chart.provinces) != 1:
        return Problem(*chart.where, say("chart_target_province", id=chart.id))
    provinces = chart.provinces or list(data.provinces)
    if not any(data.series(p, i) for p in provinces for i in chart.indicators) and \
            not any(data.spared(p, i) for p in provinces for i in chart.indicators):
        return Problem(*chart.where, say("chart_empty", id=chart.id))
    return None


def view(data: Dataset, chart: ChartDef, lang: str, formats: Formats, base_path: str = "/",
         cache: Path | None = None) -> ChartView:
    """Rows, comparisons and Vega-Lite specs of one chart in one language (drawn later); cache is
    where the spec templates are kept between builds.

    A chart with a single figure and nothing to set it against is shown as a big number, not drawn.
    """
    indicator = data.indicators[chart.indicators[0]]
    rows = {"compare": _compare_rows, "history": _history_rows, "target": _target_rows}[chart.kind](
        data, chart, lang, formats)
    comparisons = tuple(compare.compare(data, data.indicators[i], chart.provinces or compare.provinces_compared(data))
                        for i in chart.indicators) if chart.kind == "compare" else ()
    bars = [r for r in rows if r.observation and data.provinces[r.observation.province].kind != "national"]
    refs = [r for r in rows if r not in bars]
    view = ChartView(id=chart.id, kind=chart.kind, lang=lang, title=chart.title(lang), rows=tuple(rows),
                     unit=indicator.unit, comparisons=comparisons, specs=())
    if len(bars) == 1 and not refs:
        return view
    colour = {data.provinces[p].name(lang): data.provinces[p].colour.light for p in data.provinces}
    prefix = base_path + ("en/" if lang == "en" else "")
    plain = [{"row": r.label, "order": i, "colour": colour[r.series], "value": r.value, "label": r.shown,
              "tip": f"{r.label}: {r.shown} — {_source_name(data, r.record.source, lang)}",
              "href": f"{prefix}indicators/{r.observation.indicator}/#{r.observation.id}",  # type: ignore[union-attr]
              **_tail(r.observation, indicator.unit)} for i, r in enumerate(bars)]
    marks = [{"value": r.value, "label": f"{r.label}: {r.shown}"} for r in refs]
    specs = []
    for size in charts.SIZES:
        ranks = indicator.unit == "rank"
        placed, lines, domain = charts.place(plain, marks, size, (0, 100) if indicator.unit == "percent" else None,
                                             (indicator.rank_of or RANK_OF) if ranks else None)
        values = charts.ticks(*domain, whole=ranks)
        axis = {"domain": domain, "ticks": values, "title": formats.axis[indicator.unit](lang)
                if indicator.unit in formats.axis else "",
                "labels": [(v, _tick(v, indicator.unit, lang, formats)) for v in values]}
        specs.append(charts.spec(placed, lines, axis, size, ranks, cache))
    return replace(view, specs=tuple(specs))


RANK_OF = 63  # a ranking of Vietnam's provinces, unless the indicator says otherwise


def _tail(obs: Observation | None, unit: str) -> dict:
    """Where a qualified value's lighter tail runs: past an "over", around an "about"."""
    if obs is None or unit == "rank" or obs.qualifier == "exact":
        return {"tail_from": None, "tail_to": None}
    reach = max(abs(obs.value) * 0.06, 100 * 0.03 if unit == "percent" else 0)
    if obs.qualifier in ("over", "at-least"):
        top = min(obs.value + reach, 100) if unit == "percent" else obs.value + reach
        return {"tail_from": obs.value, "tail_to": top}
    if obs.qualifier == "up-to":
        return {"tail_from": max(obs.value - reach, 0), "tail_to": obs.value}
    return {"tail_from": max(obs.value - reach / 2, 0), "tail_to": obs.value + reach / 2}


def _tick(value: float, unit: str, lang: str, formats: Formats) -> str:
    """An axis label: "50%", "5 tỷ", "10"."""
    if unit == "percent":
        return formats.unit["percent"](lang).format(n=i18n.number(value, lang))
    if unit == "rank":
        return str(int(value))
    if abs(value) >= 1_000_000:
        return i18n.compact(value, lang)
    return i18n.number(value, lang)


def _when(obs: Observation, lang: str) -> str:
    """A row's period, marked "≈" when it is only the article's publication (inferred)."""
    return ("≈ " if obs.inferred else "") + i18n.period_short(obs.as_of, lang)


def _source_name(data: Dataset, source: str, lang: str) -> str:
    found = data.sources[source]
    return found.outlet(lang) if found.outlet else found.title


def _shown(data: Dataset, obs: Observation, lang: str, formats: Formats) -> str:
    ind = data.indicators[obs.indicator]
    return i18n.value(obs.value, ind.unit, lang, formats, obs.qualifier, ind.rank_of)


def _compare_rows(data: Dataset, chart: ChartDef, lang: str, formats: Formats) -> list[Row]:
    provinces = chart.provinces or compare.provinces_compared(data)
    rows = []
    for ind_id in chart.indicators:
        ind = data.indicators[ind_id]
        for p in provinces:
            if obs := data.latest(p, ind_id):
                name = data.provinces[p].name(lang)
                label = name if len(chart.indicators) == 1 else f"{ind.label(lang)} · {name}"
                rows.append(Row(label, name, obs.value, _shown(data, obs, lang, formats), obs))
    if chart.order == "value":
        lower_is_better = data.indicators[chart.indicators[0]].higher_is_better is False
        rows.sort(key=lambda r: r.value, reverse=not lower_is_better)  # best first
    return rows


def _history_rows(data: Dataset, chart: ChartDef, lang: str, formats: Formats) -> list[Row]:
    ind_id = chart.indicators[0]
    rows: list[Row] = []
    for p in chart.provinces or list(data.provinces):
        for obs in data.series(p, ind_id):
            name = data.provinces[p].name(lang)
            label = f"{name} · {_when(obs, lang)}"
            if any(r.label == label for r in rows):  # two sources for one period: name the outlet or title
                source = data.sources[obs.source]
                label = f"{label} · {source.outlet(lang) if source.outlet else source.title}"
            rows.append(Row(label, name, obs.value, _shown(data, obs, lang, formats), obs))
    return rows


def _target_rows(data: Dataset, chart: ChartDef, lang: str, formats: Formats) -> list[Row]:
    ind = data.indicators[chart.indicators[0]]
    province = chart.provinces[0]
    name = data.provinces[province].name(lang)
    rows = [Row(f"{name} · {_when(obs, lang)}", name, obs.value, _shown(data, obs, lang, formats),
                obs) for obs in data.series(province, ind.id)[-1:]]
    for target in data.targets_where(province=province, indicator=ind.id):
        label = f"{formats.target_label(lang).capitalize()} · {i18n.period_short(target.deadline, lang)}"
        rows.append(Row(label, formats.target_label(lang), target.value,
                        i18n.value(target.value, ind.unit, lang, formats, rank_of=ind.rank_of), target=target))
    return rows
