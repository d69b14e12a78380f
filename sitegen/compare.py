"""Who leads, by how much, as of when: comparisons read off the observations."""

from __future__ import annotations

from dataclasses import dataclass

from .data import Conflict, Dataset
from .records import Indicator, Observation, Target


def history(data: Dataset, province: str, indicator: str) -> list[Observation]:
    """Every observation of one province and indicator, oldest first."""
    return data.series(province, indicator)


def latest(data: Dataset, province: str, indicator: str) -> Observation | None:
    """The most recent observation (then the most recently published source)."""
    found = history(data, province, indicator)
    return found[-1] if found else None


def conflicts_of(data: Dataset, obs: Observation) -> list[Observation]:
    """Observations from other sources that disagree with obs for the same period."""
    out = []
    for conflict in data.conflicts:
        if conflict.first is obs:
            out.append(conflict.second)
        elif conflict.second is obs:
            out.append(conflict.first)
    return out


def conflicts_for(data: Dataset, indicator: str) -> list[Conflict]:
    return [c for c in data.conflicts if c.first.indicator == indicator]


@dataclass(frozen=True)
class Comparison:
    """The latest figure of each province for one indicator, and who leads."""

    indicator: Indicator
    figures: dict[str, Observation]
    leader: str | None
    trailer: str | None
    gap: float | None
    same_period: bool


def compare(data: Dataset, indicator: Indicator, provinces: list[str]) -> Comparison:
    """Compare the provinces' latest figures; leader is None when they tie or one is missing."""
    figures = {p: obs for p in provinces if (obs := latest(data, p, indicator.id))}
    leader = trailer = gap = None
    if len(figures) == 2 and indicator.higher_is_better is not None:
        (a, first), (b, second) = figures.items()
        if first.value != second.value:
            better = (first.value > second.value) == indicator.higher_is_better
            leader, trailer = (a, b) if better else (b, a)
            gap = abs(first.value - second.value)
    periods = {o.as_of.text for o in figures.values()}
    return Comparison(indicator, figures, leader, trailer, gap, len(periods) <= 1)


def provinces_compared(data: Dataset) -> list[str]:
    """The provinces (not the national average) in data order."""
    return [p.id for p in data.provinces.values() if p.kind == "province"]


def target_progress(data: Dataset, target: Target) -> tuple[Observation | None, float | None]:
    """The latest figure toward a target and what remains (0 when met)."""
    obs = latest(data, target.province, target.indicator)
    if obs is None:
        return None, None
    if target.direction == "at-most":
        return obs, max(0.0, obs.value - target.value)
    return obs, max(0.0, target.value - obs.value)
