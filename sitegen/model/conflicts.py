"""Conflicts: two sources whose figures for the same province, indicator and time cannot both hold."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sitegen.errors import Note
from sitegen.messages import say
from sitegen.read.numbers import plain
from sitegen.read.records import Indicator, Observation


@dataclass(frozen=True)
class Conflict:
    """Two figures that cannot both be true; `slight` when they are within 2% of each other."""

    first: Observation
    second: Observation
    slight: bool = False


def _series(observations: list[Observation]) -> dict[tuple[str, str], list[Observation]]:
    groups: dict[tuple[str, str], list[Observation]] = {}
    for obs in observations:
        groups.setdefault((obs.province, obs.indicator), []).append(obs)
    return groups


def find(observations: list[Observation], indicators: dict[str, Indicator]) -> list[Conflict]:
    """Pairs of figures from different sources for the same province, indicator and time that cannot
    both hold, given their qualifiers: "over 90" and "over 95" can; 97 and "about 98" cannot."""
    found = []
    for group in _series(observations).values():
        unit = indicators[group[0].indicator].unit
        for i, first in enumerate(group):
            for second in group[i + 1:]:
                if first.source != second.source and first.as_of.overlaps(second.as_of) \
                        and not _compatible(first, second, unit):
                    found.append(Conflict(first, second, _slight(first.value, second.value)))
    order = {o.id: n for n, o in enumerate(observations)}
    return sorted(found, key=lambda c: (order[c.first.id], order[c.second.id]))


def _compatible(a: Observation, b: Observation, unit: str) -> bool:
    (a_low, a_high), (b_low, b_high) = _range(a, unit), _range(b, unit)
    return a_low <= b_high and b_low <= a_high


_ENDLESS = Decimal("Infinity")


def _range(obs: Observation, unit: str) -> tuple[Decimal, Decimal]:
    """The values a figure allows: "about 98" 97.5–98.5, "nearly 98" 97–98 (just under it), "over 90"
    90 and up (for a rank, 90 and down)."""
    value, up = obs.value, unit != "rank"
    step = Decimal(1).scaleb(value.normalize().as_tuple().exponent) if value % 1 else Decimal(1)
    if obs.qualifier == "about":
        return value - step / 2, value + step / 2
    if obs.qualifier == "nearly":
        return (value - step, value) if up else (value, value + step)
    if obs.qualifier in ("over", "at-least"):
        return (value, _ENDLESS) if up else (-_ENDLESS, value)
    if obs.qualifier == "up-to":
        return (-_ENDLESS, value) if up else (value, _ENDLESS)
    return value, value


def _slight(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= Decimal("0.02") * max(abs(a), abs(b))


def note(conflict: Conflict) -> Note:
    a, b = conflict.first, conflict.second
    return Note(*b.where, say("conflict_note_slight" if conflict.slight else "conflict_note",
                              province=b.province, indicator=b.indicator, second=plain(b.value), second_source=b.source,
                              second_as_of=b.as_of, first=plain(a.value), first_source=a.source, first_as_of=a.as_of,
                              first_where=f"{a.where[0]}:{a.where[1]}"))
