"""The records of one side of a diff, flattened to text fields an editor reads as old → new.

Each record becomes an Entry: its label, where it is written, and its fields by YAML name ("value",
"label.vi"). A list of records reads as one line per item ("corrections": "was 92.24, because …"),
never as a path of positions, and an empty list as no field at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sitegen.messages import language, say
from sitegen.model import loader
from sitegen.read import content
from sitegen.read.numbers import plain
from sitegen.read.period import Period
from sitegen.read.records import Correction, Observation, Record, Related, Target, Text, TranscriptionFix

# Fields in the order a reader of a change wants them: what the figure says first, where it comes from last.
ORDER = ("value", "qualifier", "as_of", "direction", "deadline", "date", "kind", "title", "label", "definition",
         "unit", "comparable", "comparable_note", "url", "published", "quote", "quote_en", "source", "province",
         "indicator")


@dataclass(frozen=True)
class Entry:
    """One record of one side, flattened to text fields: {"value": "72.3", "note.en": "…"}."""

    label: str
    where: str
    fields: dict[str, str]
    series: tuple = ()  # figures: (province, indicator, source), to pair a figure whose period changed


def snapshot(root: Path) -> tuple[dict[str, dict], int]:
    """The records of root by kind and id, flattened; the archived texts; how many problems loading found."""
    dataset, problems = loader.load(root)
    charts = content.load_chart_defs(root, problems, set())
    stories = content.load_stories(root, problems, "stories")
    found: dict[str, dict] = {
        "figure": {o.id: figure(o) for o in dataset.observations},
        "target": {t.id: Entry(t.id, _where(t), flat(t)) for t in dataset.targets.values()},
        "event": {e.id: Entry(e.id, _where(e), flat(e)) for e in dataset.events.values()},
        "indicator": {i.id: Entry(i.id, _where(i), flat(i)) for i in dataset.indicators.values()},
        "source": {s.id: Entry(s.id, _where(s), flat(s)) for s in dataset.sources.values()},
        "chart": {c.id: Entry(c.id, _where(c), flat(c)) for c in charts},
        "story": {f"{s.key}.{s.lang}": Entry(f"{s.key} ({s.lang})", s.path, {
            "title": s.title, "summary": s.summary, "date": s.date.isoformat(), "body": s.body}) for s in stories},
        "archive": {p.relative_to(root).as_posix(): p.read_bytes()
                    for p in sorted((root / "data" / "sources").glob("*")) if p.is_file()},
    }
    return found, len(problems)


def figure(obs: Observation) -> Entry:
    """A figure as compared: its fields, labelled by province, indicator, period and source."""
    fields = flat(obs)
    if obs.inferred:
        fields["as_of"] = say("diff_undated")
    label = f"{obs.province} · {obs.indicator} · {fields['as_of']} · {obs.source}"
    return Entry(label, _where(obs), fields, (obs.province, obs.indicator, obs.source))


def target(record: Target) -> Entry:
    """A target as compared, labelled by its id."""
    return Entry(record.id, _where(record), flat(record))


def _where(record: Record) -> str:
    path, line, _ = record.where
    return f"{path}:{line}"


def flat(value: object, prefix: str = "") -> dict[str, str]:
    """A record as text fields with dotted names: nested records by field; a list of records one
    field per item, "name.1", "name.2", told in one line each."""
    if isinstance(value, Record):
        names = sorted(type(value).model_fields, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))
        items: Iterable = ((name, getattr(value, name)) for name in names)
    elif isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list) and any(isinstance(v, (Record, dict, list)) for v in value):
        return {f"{prefix}.{i + 1}": _item(v) for i, v in enumerate(value)}
    elif isinstance(value, list) and not value:
        return {}  # an empty list is no field, not an empty one
    else:
        return {} if value is None else {prefix: _text(value)}
    out: dict[str, str] = {}
    for name, item in items:
        out.update(flat(item, f"{prefix}.{name}" if prefix else str(name)))
    return out


def _item(item: object) -> str:
    """One item of a list of records, in one line: a correction, a transcription fix, a related indicator."""
    lang = language()
    if isinstance(item, Correction):
        return say("diff_correction", was=plain(item.was), why=item.why(lang), date=item.date.text)
    if isinstance(item, TranscriptionFix):
        return f"{item.date.text}: {item.what}"
    if isinstance(item, Related):
        return f"{item.indicator}: {item.note(lang)}"
    if isinstance(item, Text):
        return item(lang)
    return "; ".join(f"{k}: {v}" for k, v in flat(item).items())


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, Period):
        return value.text
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value)


def shown_name(name: str) -> str:
    """A field's name as an editor reads it: "corrections.2" is one of the corrections."""
    head, _, tail = name.rpartition(".")
    return head if head and tail.isdecimal() else name
