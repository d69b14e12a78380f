"""The site's charts: which exist, what rows each shows, and their views ready for a page."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from sitegen.errors import Problem, nearest
from sitegen.messages import say
from sitegen.model import compare
from sitegen.model.dataset import FILES, Dataset
from sitegen.read import locales
from sitegen.read.content import ChartDef, Formats
from sitegen.read.records import Observation, Target

HISTORY_ROWS = 24  # an indicator's own chart shows every figure up to this many bars
DERIVED = ("indicator-", "target-")  # prefixes of the charts every indicator and target gets


@dataclass(frozen=True)
class Row:
    """One bar or dot: its label, series (province or "target"), value and where it came from."""

    label: str
    series: str
    value: Decimal
    shown: str
    observation: Observation | None = None
    target: Target | None = None
    also: tuple[Observation, ...] = ()  # other articles citing the same figure: one mark, "2 nguồn"

    @property
    def record(self) -> Observation | Target:
        """The observation or target the row shows."""
        return self.observation or self.target  # type: ignore[return-value]

    @property
    def records(self) -> list[Observation | Target]:
        """Every record the row stands for: its own, then other articles' citing the same figure."""
        return [self.record, *self.also]


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
        elif _spared(data, chart):
            data.broken.add(chart.id)  # it shows what was left out as invalid: its callers are spared too
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


def _spared(data: Dataset, chart: ChartDef) -> bool:
    """True when a chart names an indicator or province that was left out as invalid (reported already)."""
    return any(name in data.broken and name not in table for name, table in
               [*((i, data.indicators) for i in chart.indicators), *((p, data.provinces) for p in chart.provinces)])


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


def rows(data: Dataset, chart: ChartDef, lang: str, formats: Formats) -> list[Row]:
    """The bars, dots and reference lines of a chart in one language, in the order they are shown."""
    return {"compare": _compare_rows, "history": _history_rows, "target": _target_rows}[chart.kind](
        data, chart, lang, formats)


def _when(obs: Observation, lang: str, formats: Formats) -> str:
    """A row's period, marked "≈ bài đăng …" when it is only the article's publication (inferred)."""
    return locales.when(obs.as_of, obs.inferred, lang, formats, short=True)


def source_name(data: Dataset, source: str, lang: str) -> str:
    """The outlet that published a source, or its title where the outlet is not recorded."""
    found = data.sources[source]
    return found.outlet(lang) if found.outlet else found.title


def _shown(data: Dataset, obs: Observation, lang: str, formats: Formats) -> str:
    ind = data.indicators[obs.indicator]
    return locales.value(obs.value, ind.unit, lang, formats, obs.qualifier, ind.rank_of)


def _row(data: Dataset, obs: Observation, label: str, lang: str, formats: Formats) -> Row:
    """One mark for a figure, however many articles cite it ("· 2 nguồn")."""
    alike = data.cited_alike(obs)
    if len(alike) > 1:
        label = f"{label} · {formats.sources(lang).format(n=locales.number(len(alike), lang))}"
    name = data.provinces[obs.province].name(lang)
    return Row(label, name, obs.value, _shown(data, obs, lang, formats), alike[0],
               also=tuple(o for o in alike[1:]))


def _compare_rows(data: Dataset, chart: ChartDef, lang: str, formats: Formats) -> list[Row]:
    provinces = chart.provinces or compare.provinces_compared(data)
    rows = []
    for ind_id in chart.indicators:
        ind = data.indicators[ind_id]
        for p in provinces:
            if obs := data.latest(p, ind_id):
                label = f"{data.provinces[p].name(lang)} · {_when(obs, lang, formats)}"
                rows.append(_row(data, obs, label if len(chart.indicators) == 1 else f"{ind.label(lang)} · {label}",
                                 lang, formats))
    if chart.order == "value":
        lower_is_better = data.indicators[chart.indicators[0]].higher_is_better is False
        rows.sort(key=lambda r: r.value, reverse=not lower_is_better)  # best first
    return rows


def _history_rows(data: Dataset, chart: ChartDef, lang: str, formats: Formats) -> list[Row]:
    ind_id = chart.indicators[0]
    rows: list[Row] = []
    for p in chart.provinces or list(data.provinces):
        for obs in data.series(p, ind_id):
            if any(obs in row.records for row in rows):
                continue  # one figure, one mark: its other citations are on the row already
            label = f"{data.provinces[p].name(lang)} · {_when(obs, lang, formats)}"
            same = [n for n, r in enumerate(rows) if r.label == label or r.label.startswith(f"{label} · ")]
            for n in same:  # sources that differ for one period: each mark is named by its source
                if rows[n].label == label:
                    rows[n] = replace(rows[n], label=f"{label} · {source_name(data, rows[n].record.source, lang)}")
            if same:
                label = f"{label} · {source_name(data, obs.source, lang)}"
            rows.append(_row(data, obs, label, lang, formats))
    return rows


def _target_rows(data: Dataset, chart: ChartDef, lang: str, formats: Formats) -> list[Row]:
    ind = data.indicators[chart.indicators[0]]
    province = chart.provinces[0]
    name = data.provinces[province].name(lang)
    rows = [_row(data, obs, f"{name} · {_when(obs, lang, formats)}", lang, formats)
            for obs in data.series(province, ind.id)[-1:]]
    for target in data.targets_where(province=province, indicator=ind.id):
        due = locales.period_short(target.deadline, lang) if target.deadline else formats.no_deadline(lang)
        label = f"{formats.target_label(lang).capitalize()} · {due}"
        rows.append(Row(label, formats.target_label(lang), target.value,
                        locales.value(target.value, ind.unit, lang, formats, rank_of=ind.rank_of), target=target))
    return rows
