"""The data downloads: every table as CSV (UTF-8 with a BOM, so Excel reads Vietnamese) and JSON.

Which columns a table has, and how each is read off the model, lives here; what each column means,
in both languages, lives in content/site.yaml under `downloads`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sitegen.model.dataset import Dataset
from sitegen.read.numbers import plain
from sitegen.read.records import Observation
from sitegen.render.chartviews import ChartView

BOM = "\ufeff"


@dataclass(frozen=True)
class Table:
    """One download: its name and its rows (column -> value), columns in order."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[dict, ...]

    def files(self) -> dict[str, bytes]:
        """data/<name>.csv and data/<name>.json."""
        return {f"data/{self.name}.csv": _csv(self.columns, self.rows),
                f"data/{self.name}.json": _json(self.rows)}


def _json(rows: tuple[dict, ...]) -> bytes:
    """The rows as JSON; a value is a JSON number written exactly as data/ has it (numbers.plain):
    json.dumps would round a Decimal through a float, so each is marked, then written in place."""
    body = json.dumps(list(rows), ensure_ascii=False, indent=2, default=_marked) + "\n"
    return _MARKED.sub(lambda found: found[1], body).encode("utf-8")


def _marked(value: object) -> str:
    if isinstance(value, Decimal):
        return f"\0{plain(value)}\0"
    raise TypeError(type(value).__name__)


_MARKED = re.compile(r'"\\u0000(-?[0-9]+(?:\.[0-9]+)?)\\u0000"')


def _text(text: object, lang: str) -> str:
    return text(lang) if text is not None else ""  # type: ignore[operator]


def _observation(data: Dataset, o: Observation) -> dict:
    ind, src, prov = data.indicators[o.indicator], data.sources[o.source], data.provinces[o.province]
    return {"id": o.id, "province_id": o.province, "province_name_vi": prov.name.vi, "province_name_en": prov.name.en,
            "indicator_id": o.indicator, "indicator_label_vi": ind.label.vi, "indicator_label_en": ind.label.en,
            "pillar_id": ind.pillar, "value": o.value, "unit": ind.unit, "qualifier": o.qualifier,
            "as_of": o.as_of.text, "as_of_start": o.as_of.start.isoformat(), "as_of_end": o.as_of.end.isoformat(),
            "as_of_inferred": o.inferred, "source_id": o.source, "source_title": src.title, "quote": o.quote,
            "quote_en": o.quote_en or "", "note_vi": _text(o.note, "vi"), "note_en": _text(o.note, "en")}


_TABLES: dict[str, Callable[[Dataset], list[dict]]] = {
    "observations": lambda data: [_observation(data, o) for o in data.observations],
    "indicators": lambda data: [{
        "id": i.id, "pillar_id": i.pillar, "label_vi": i.label.vi, "label_en": i.label.en,
        "definition_vi": i.definition.vi, "definition_en": i.definition.en, "unit": i.unit,
        "higher_is_better": "" if i.higher_is_better is None else i.higher_is_better, "comparable": i.comparable,
        "related": " ".join(r.indicator for r in i.related)} for i in data.indicators.values()],
    "targets": lambda data: [{
        "id": t.id, "province_id": t.province, "indicator_id": t.indicator, "value": t.value,
        "unit": data.indicators[t.indicator].unit, "direction": t.direction,
        "deadline": t.deadline.text if t.deadline else "",
        "source_id": t.source, "quote": t.quote, "quote_en": t.quote_en or ""} for t in data.targets.values()],
    "events": lambda data: [{
        "id": e.id, "province_id": e.province, "date": e.date.text, "kind": e.kind, "title_vi": e.title.vi,
        "title_en": e.title.en, "source_id": e.source, "quote": e.quote, "quote_en": e.quote_en or ""}
        for e in data.events.values()],
    "sources": lambda data: [{
        "id": s.id, "title": s.title, "title_en": s.title_en or "", "outlet_vi": _text(s.outlet, "vi"),
        "outlet_en": _text(s.outlet, "en"), "url": s.url or "", "language": s.language,
        "published": s.published.text, "provinces": " ".join(s.provinces),
        "observations": len(data.of_source(s.id))} for s in data.sources.values()],
}
TABLES = tuple(_TABLES)  # in the order the data page lists them
CHART_COLUMNS = ("kind", "province_id", "province_name_vi", "province_name_en", "indicator_id",
                 "indicator_label_vi", "indicator_label_en", "value", "qualifier", "unit", "as_of",
                 "as_of_inferred", "deadline", "source_id", "source_title")


def columns(name: str) -> tuple[str, ...]:
    """The columns of a table, in order (chart CSVs: "charts")."""
    return CHART_COLUMNS if name == "charts" else _COLUMNS[name]


_COLUMNS = {
    "observations": ("id", "province_id", "province_name_vi", "province_name_en", "indicator_id",
                     "indicator_label_vi", "indicator_label_en", "pillar_id", "value", "unit", "qualifier", "as_of",
                     "as_of_start", "as_of_end", "as_of_inferred", "source_id", "source_title", "quote", "quote_en",
                     "note_vi", "note_en"),
    "indicators": ("id", "pillar_id", "label_vi", "label_en", "definition_vi", "definition_en", "unit",
                   "higher_is_better", "comparable", "related"),
    "targets": ("id", "province_id", "indicator_id", "value", "unit", "direction", "deadline", "source_id", "quote",
                "quote_en"),
    "events": ("id", "province_id", "date", "kind", "title_vi", "title_en", "source_id", "quote", "quote_en"),
    "sources": ("id", "title", "title_en", "outlet_vi", "outlet_en", "url", "language", "published", "provinces",
                "observations"),
}


def tables(data: Dataset) -> list[Table]:
    """Every downloadable table, in the order the data page lists them."""
    return [Table(name, _COLUMNS[name], tuple(_TABLES[name](data))) for name in TABLES]


def chart_csv(data: Dataset, view: ChartView) -> bytes:
    """The numbers behind one chart, with qualifier, unit and readable names; the same in both languages."""
    out = []
    for row in view.rows:
        item, obs = row.record, row.observation
        ind, prov = data.indicators[item.indicator], data.provinces[item.province]
        out.append({"kind": "observation" if obs else "target", "province_id": item.province,
                    "province_name_vi": prov.name.vi, "province_name_en": prov.name.en,
                    "indicator_id": item.indicator, "indicator_label_vi": ind.label.vi,
                    "indicator_label_en": ind.label.en, "value": row.value,
                    "qualifier": obs.qualifier if obs else row.target.direction,  # type: ignore[union-attr]
                    "unit": ind.unit, "as_of": obs.as_of.text if obs else "",
                    "as_of_inferred": obs.inferred if obs else "",
                    "deadline": row.target.deadline.text if row.target and row.target.deadline else "",
                    # one figure that several articles cite is one row: its sources, oldest first
                    "source_id": "; ".join(r.source for r in row.records),
                    "source_title": "; ".join(data.sources[r.source].title for r in row.records)})
    return _csv(CHART_COLUMNS, out)


def _csv(columns: tuple[str, ...], rows: tuple[dict, ...] | list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: ("true" if v is True else "false" if v is False else plain(v) if isinstance(v, Decimal) else v)
                      for k, v in row.items()} for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")
