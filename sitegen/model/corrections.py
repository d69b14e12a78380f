"""Corrections: every published value found wrong, newest first, for the corrections page and its feed.

A correction is written on the figure or target it corrects (`corrections:` in data/); the value it
has now is the record's `value`, or, for an earlier correction, what the next one says it `was`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sitegen.model.dataset import Dataset
from sitegen.read.period import Period
from sitegen.read.records import Observation, Target, Text


@dataclass(frozen=True)
class Entry:
    """One correction of one record: when, what it was and is now, why; `anchor` on the corrections page."""

    date: Period
    record: Observation | Target
    was: Decimal
    now: Decimal | None  # None: withdrawn
    why: Text
    anchor: str

    @property
    def is_target(self) -> bool:
        return isinstance(self.record, Target)


def anchor(record: Observation | Target) -> str:
    """The id on the corrections page of a record's newest correction (the figure's mark links to it)."""
    return f"target-{record.id}" if isinstance(record, Target) else record.id


def entries(data: Dataset) -> list[Entry]:
    """Every correction of every figure and target, newest first."""
    found = []
    for record in [*data.observations, *data.targets.values()]:
        made = sorted(record.corrections, key=lambda c: (c.date.end, c.date.start))
        for index, correction in enumerate(made):
            now = made[index + 1].was if index + 1 < len(made) else record.value
            newest = index == len(made) - 1
            found.append(Entry(correction.date, record, correction.was, now, correction.why,
                               anchor(record) if newest else f"{anchor(record)}-{index + 1}"))
    found += [Entry(r.retracted.date, r, r.value, None, r.retracted.why, f"withdrawn-{anchor(r)}")  # type: ignore[union-attr]
              for r in data.retracted]
    return sorted(found, key=lambda e: (e.date.end, e.date.start, e.anchor), reverse=True)
