"""Who leads, by how much, as of when, and how sure we are; and whether a target is met.

Everything here is computed once, when the model is built; templates only format the results.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Literal

from sitegen.model.dataset import Dataset
from sitegen.read.records import Indicator, Observation, Target

Definition = Literal["same", "probably-same", "different"]
Agreement = Literal["one", "agree", "slight", "differ"]  # from least to most doubt


@dataclass(frozen=True)
class Comparison:
    """The latest figure of each province for one indicator, who leads, and the confidence flags.

    The flags rest on what the data records: `definition` on the indicator's `comparable` and on
    how each article behind the figures shown defines them (its `basis`): "same" when every one of
    them does, "probably-same" when one gives no definition (`undefined` holds its figures), and
    "different" when the indicator is not comparable. `sources` says whether other articles give
    figures for the same periods: none ("one"), compatible ones ("agree"), or ones that cannot
    both hold, within 2% ("slight") or not ("differ"); `differing` holds, per province concerned,
    its figure shown and then the others'.
    """

    indicator: Indicator
    figures: dict[str, Observation]
    leader: str | None
    trailer: str | None
    gap: Decimal | None  # rounded as a reader should see it
    gap_qualifier: str  # exact | over | about | nearly
    definition: Definition | None  # None unless every province compared has a figure
    undefined: tuple[Observation, ...]  # figures shown whose article gives no definition
    same_period: bool
    sources: Agreement
    differing: tuple[tuple[Observation, ...], ...] = ()

    @property
    def same_definition(self) -> bool:
        """True when the provinces are taken to measure the same way (for certain or probably)."""
        return self.definition in ("same", "probably-same")

    @property
    def sources_agree(self) -> bool:
        """True when no other article gives a figure that cannot hold beside one shown."""
        return self.sources in ("one", "agree")

    @property
    def both(self) -> bool:
        """True when every province compared has a figure."""
        return len(self.figures) == 2

    @property
    def dated(self) -> bool:
        """True when every figure's period is stated by its article (none inferred)."""
        return not any(o.inferred for o in self.figures.values())


def compare(data: Dataset, indicator: Indicator, provinces: list[str]) -> Comparison:
    """Compare the provinces' latest figures; leader is None when they tie, one is missing, the
    indicator has no better direction, or the provinces define it differently (not comparable)."""
    figures = {p: obs for p in provinces if (obs := data.latest(p, indicator.id))}
    leader = trailer = gap = None
    qualifier = "exact"
    if len(figures) == 2 and indicator.higher_is_better is not None and indicator.comparable:
        (a, first), (b, second) = figures.items()
        if first.value != second.value:
            better = (first.value > second.value) == indicator.higher_is_better
            leader, trailer = (a, b) if better else (b, a)
            gap, qualifier = _rounded(abs(first.value - second.value),
                                      _gap_qualifier(figures[leader].qualifier, figures[trailer].qualifier))
    periods = {o.as_of.text for o in figures.values()}
    definition, undefined = _definition(indicator, figures) if len(figures) == 2 else (None, ())
    sources, differing = _agreement(data, figures)
    return Comparison(indicator, figures, leader, trailer, gap, qualifier, definition, undefined,
                      len(periods) <= 1, sources, differing)


def _definition(indicator: Indicator, figures: dict[str, Observation]) -> tuple[Definition, tuple[Observation, ...]]:
    """Same, probably the same or different, by the articles' own words recorded in `basis`."""
    if not indicator.comparable:
        return "different", ()
    defined = {(w.province, w.source) for w in indicator.basis if w.words is not None}
    undefined = tuple(o for o in figures.values() if (o.province, o.source) not in defined)
    return ("probably-same" if undefined else "same"), undefined


def _agreement(data: Dataset, figures: dict[str, Observation]) -> tuple[Agreement, tuple[tuple[Observation, ...], ...]]:
    """Whether other articles give figures for the periods of those shown, and which cannot both hold."""
    states: list[Agreement] = ["one"]
    differing = []
    for obs in figures.values():
        series = data.series(obs.province, obs.indicator)
        if any(o.source != obs.source and o.as_of.overlaps(obs.as_of) for o in series):
            states.append("agree")
        if found := data.conflicts_of(obs):
            differing.append((obs, *(c.second if c.first.id == obs.id else c.first for c in found)))
            states.append("differ" if any(not c.slight for c in found) else "slight")
    return max(states, key=["one", "agree", "slight", "differ"].index), tuple(differing)


def _gap_qualifier(lead: str, trail: str) -> str:
    """A gap is only as exact as its figures: "over 70%" against 58.9% leads by over 11.1."""
    if lead in ("over", "at-least") and trail in ("exact", "up-to", "about", "nearly"):
        return "over"
    return "about" if {"about", "nearly"} & {lead, trail} else "exact"


def _rounded(gap: Decimal, qualifier: str) -> tuple[Decimal, str]:
    """A gap to the precision a reader needs: whole points from 10 up, tenths below (halves up).

    19.94 -> "nearly 20"; over 11.1 -> "over 11"; 2.5 -> 2.5.
    """
    step = Decimal(1) if gap >= 10 else Decimal("0.1")
    if qualifier == "over":
        return gap.quantize(step, ROUND_FLOOR), "over"
    shown = gap.quantize(step, ROUND_HALF_UP)
    if shown == gap or qualifier == "about":
        return shown, qualifier
    return shown, "nearly" if shown > gap else "over"


def provinces_compared(data: Dataset) -> list[str]:
    """The provinces (not the national average) in data order."""
    return [p.id for p in data.provinces.values() if p.kind == "province"]


Verdict = Literal["met", "not-met", "not-yet", "earlier-above", "earlier-below", "no-figure", "not-comparable"]


@dataclass(frozen=True)
class Progress:
    """How a target stands: the figure the verdict rests on, the verdict and what remains.

    A target is met only by a figure of its own indicator and definition whose period ends inside
    the target's window, from when the goal was stated (its article's publication) to its deadline;
    an undated figure counts only if its article appeared after the goal was stated. A goal whose
    article gives no deadline has a window that never closes: a figure inside it that falls short
    says "not yet" (not-yet), never "not met". A figure from
    before says only that the level was already reached (or not) back then; a goal defined otherwise
    than its indicator's figures (`comparable: false`) gets no verdict.
    """

    target: Target
    figure: Observation | None
    verdict: Verdict
    remaining: Decimal | None


def progress(data: Dataset, target: Target) -> Progress:
    """The verdict on one target."""
    series = data.series(target.province, target.indicator)
    if not series:
        return Progress(target, None, "no-figure", None)
    if not target.comparable:
        return Progress(target, data.cited_alike(series[-1])[0], "not-comparable", None)
    opened, closes = data.sources[target.source].published.start, target.due
    inside = [o for o in series if opened <= o.as_of.end <= closes and (not o.inferred or o.as_of.start >= opened)]
    # a figure several articles cite: the first article's record, as its chart's one mark names it
    figure = data.cited_alike(inside[-1] if inside else series[-1])[0]
    left = max(Decimal(0), figure.value - target.value) if target.direction == "at-most" \
        else max(Decimal(0), target.value - figure.value)
    if target.direction == "exact":
        left = abs(target.value - figure.value)
    reached = left == 0
    if inside:
        return Progress(target, figure, "met" if reached else "not-met" if target.deadline else "not-yet", left)
    return Progress(target, figure, "earlier-above" if reached else "earlier-below", left)


@dataclass(frozen=True)
class Coverage:
    """How much of one pillar (or of everything, pillar None) each province reports, and both do."""

    pillar: str | None
    total: int
    reported: dict[str, int]  # by province: indicators with a figure for it
    both: int  # indicators with a figure for every province compared
    comparable: int  # of those, measured the same way

    def only(self, province: str) -> int:
        """Indicators reported for this province alone."""
        return self.reported[province] - self.both


def coverage(comparisons: list[Comparison], provinces: list[str], pillar: str | None = None) -> Coverage:
    """Count what can be compared, for one pillar or (pillar None) for all the comparisons given."""
    mine = [c for c in comparisons if pillar is None or c.indicator.pillar == pillar]
    return Coverage(pillar, len(mine), {p: sum(p in c.figures for c in mine) for p in provinces},
                    sum(c.both for c in mine), sum(c.both and c.same_definition for c in mine))
