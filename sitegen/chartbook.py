"""The site's charts: which exist, what rows each shows, and their rendered figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import compare, i18n
from .content import ChartDef
from .data import Dataset
from .records import Observation, Target

HISTORY_ROWS = 24  # an indicator's own chart shows every figure up to this many bars


@dataclass(frozen=True)
class Row:
    """One bar or dot: its label, series (province or "target"), value and where it came from."""

    label: str
    series: str
    value: float
    shown: str
    observation: Observation | None = None
    target: Target | None = None

    def csv(self) -> dict:
        """The row in machine form, the same in both languages."""
        item = self.observation or self.target
        return {"kind": "observation" if self.observation else "target", "province_id": item.province,
                "indicator_id": item.indicator, "value": int(self.value) if self.value == int(self.value)
                else self.value, "as_of": self.observation.as_of.text if self.observation else "",
                "deadline": self.target.deadline.text if self.target else "", "source_id": item.source}


@dataclass
class Figure:
    """A chart ready for a page in one language."""

    id: str
    lang: str
    title: str
    description: str
    rows: list[Row]
    unit: str
    spec: dict = field(repr=False)
    svg: str = ""


def definitions(data: Dataset, defs: list[ChartDef]) -> dict[str, ChartDef]:
    """The named charts from content/charts.yaml plus one chart per indicator and per target."""
    out = {d.id: d for d in defs}
    for indicator in data.indicators.values():
        if found := data.of_indicator(indicator.id):
            # Every figure while that stays readable; past that, each province's latest, best first.
            many = len(found) > HISTORY_ROWS
            out[f"indicator-{indicator.id}"] = ChartDef(
                id=f"indicator-{indicator.id}", kind="compare" if many else "history", indicators=[indicator.id],
                order="value" if many else "data", title=indicator.label)
    for target in data.targets.values():
        key = f"target-{target.province}-{target.indicator}"
        if key not in out and compare.latest(data, target.province, target.indicator):
            out[key] = ChartDef(id=key, kind="target", indicators=[target.indicator],
                                provinces=[target.province], title=data.indicators[target.indicator].label)
    return out


def figure(data: Dataset, chart: ChartDef, lang: str) -> Figure:
    """Rows, description and Vega-Lite spec of one chart in one language."""
    indicator = data.indicators[chart.indicators[0]]
    rows = {"compare": _compare_rows, "history": _history_rows, "target": _target_rows}[chart.kind](
        data, chart, lang)
    from . import charts  # Altair loads only when a chart is drawn, not for `check`

    colour = {data.provinces[p].name(lang): data.provinces[p].colour.light for p in data.provinces}
    colour[_TARGET(lang)] = "#767676"
    plain = [{"row": r.label, "order": i, "colour": colour[r.series], "value": r.value, "label": r.shown}
             for i, r in enumerate(rows)]
    spec = (charts.dots(plain, indicator.rank_of or 63) if indicator.unit == "rank"
            else charts.bars(plain))
    return Figure(id=chart.id, lang=lang, title=chart.title(lang),
                  description=_describe(data, chart, rows, lang), rows=rows, unit=indicator.unit,
                  spec=spec)


def _TARGET(lang: str) -> str:
    return "mục tiêu" if lang == "vi" else "target"


def _shown(data: Dataset, obs: Observation, lang: str) -> str:
    ind = data.indicators[obs.indicator]
    return i18n.value(obs.value, ind.unit, lang, obs.qualifier, ind.rank_of)


def _compare_rows(data: Dataset, chart: ChartDef, lang: str) -> list[Row]:
    provinces = chart.provinces or compare.provinces_compared(data)
    rows = []
    for ind_id in chart.indicators:
        ind = data.indicators[ind_id]
        for p in provinces:
            obs = compare.latest(data, p, ind_id)
            if obs:
                name = data.provinces[p].name(lang)
                label = name if len(chart.indicators) == 1 else f"{ind.label(lang)} · {name}"
                rows.append(Row(label, name, obs.value, _shown(data, obs, lang), obs))
    if chart.order == "value":
        lower_is_better = data.indicators[chart.indicators[0]].higher_is_better is False
        rows.sort(key=lambda r: r.value, reverse=not lower_is_better)  # best first
    return rows


def _history_rows(data: Dataset, chart: ChartDef, lang: str) -> list[Row]:
    ind_id = chart.indicators[0]
    rows: list[Row] = []
    for p in chart.provinces or list(data.provinces):
        for obs in compare.history(data, p, ind_id):
            name = data.provinces[p].name(lang)
            label = f"{name} · {i18n.period_short(obs.as_of, lang)}"
            if any(r.label == label for r in rows):
                label = f"{label} · {obs.source}"
            rows.append(Row(label, name, obs.value, _shown(data, obs, lang), obs))
    return rows


def _target_rows(data: Dataset, chart: ChartDef, lang: str) -> list[Row]:
    ind = data.indicators[chart.indicators[0]]
    province = chart.provinces[0]
    obs = compare.latest(data, province, ind.id)
    name = data.provinces[province].name(lang)
    rows = [Row(f"{name} · {i18n.period_short(obs.as_of, lang)}", name, obs.value, _shown(data, obs, lang), obs)]
    for target in data.targets.values():
        if (target.province, target.indicator) == (province, ind.id):
            label = f"{_TARGET(lang).capitalize()} · {i18n.period_short(target.deadline, lang)}"
            rows.append(Row(label, _TARGET(lang), target.value,
                            i18n.value(target.value, ind.unit, lang, rank_of=ind.rank_of), target=target))
    return rows


def _describe(data: Dataset, chart: ChartDef, rows: list[Row], lang: str) -> str:
    """One or two sentences that say what the chart shows, generated from its rows."""
    if chart.kind == "compare":
        parts = []
        for ind_id in chart.indicators:
            ind = data.indicators[ind_id]
            result = compare.compare(data, ind, chart.provinces or compare.provinces_compared(data))
            parts.append(sentence(data, result, lang))
        return " ".join(parts)
    listed = "; ".join(f"{r.label}: {r.shown}" for r in rows)
    return f"{chart.title(lang)} — {listed}."


def _gap_qualifier(result: compare.Comparison) -> str:
    """A gap is only as exact as the leader's figure: "over 70%" against 58.9% leads by over 11.1."""
    lead, trail = result.figures[result.leader].qualifier, result.figures[result.trailer].qualifier
    if lead in ("over", "at-least") and trail in ("exact", "up-to", "about"):
        return "over"
    return "about" if "about" in (lead, trail) else "exact"


def sentence(data: Dataset, result: compare.Comparison, lang: str) -> str:
    """Who leads, by how much, as of when — in the reader's language."""
    ind = result.indicator
    label = ind.label(lang)
    def fig(p: str) -> str:
        obs = result.figures[p]
        return f"{_shown(data, obs, lang)} ({i18n.period(obs.as_of, lang)})"
    if result.leader is None:
        known = ", ".join(f"{data.provinces[p].name(lang)} {fig(p)}" for p in result.figures)
        return (f"{label}: {known}." if lang == "en" else f"{label}: {known}.") if known else ""
    lead, trail = data.provinces[result.leader].name(lang), data.provinces[result.trailer].name(lang)
    gap = i18n.value(round(result.gap, 2), "count", lang, _gap_qualifier(result))
    gap += {"percent": " điểm %" if lang == "vi" else " percentage points",
            "rank": " bậc" if lang == "vi" else " places"}.get(ind.unit, "")
    if lang == "vi":
        return (f"{label}: {lead} dẫn trước {trail} {gap} — {fig(result.leader)} so với "
                f"{fig(result.trailer)}.")
    return f"{label}: {lead} leads {trail} by {gap} — {fig(result.leader)} against {fig(result.trailer)}."
