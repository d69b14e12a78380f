"""Components a story or template can call: figure(), chart(), claim() and target().

Each renders from the model in the page's language, with a link to the quoted sentence, through a
partial in templates/components/. A call with an unknown name, the wrong arguments or a claim the
data denies raises ComponentError, which the caller turns into a problem at its line.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from sitegen.errors import nearest, one_of
from sitegen.messages import say
from sitegen.model import compare
from sitegen.model.dataset import FILES, Dataset
from sitegen.read.numbers import plain

if TYPE_CHECKING:
    from sitegen.render.chartviews import ChartView

CLAIMS = ("leads", "trails")
USAGE = {"figure": 'figure("province", "indicator")  or  figure("province", "indicator", date=false)',
         "chart": 'chart("chart id")',
         "claim": 'claim("province", "indicator", "leads" or "trails", "other province")',
         "target": 'target("target id")  or  target("target id", date=false)'}
class ComponentError(Exception):
    """A component call the data cannot honour; `spared` when invalid data already explains it."""

    def __init__(self, message: str, spared: bool = False) -> None:
        super().__init__(message)
        self.spared = spared


@dataclass
class Components:
    """The component functions for one language; `render` draws a partial with a context."""

    data: Dataset
    charts: dict[tuple[str, str], ChartView]
    lang: str
    render: Callable[[str, dict], str]

    def figure(self, province: str, indicator: str, date: bool = True) -> Markup:
        """The latest figure of a province for an indicator, linked to its quote (date=False: no period)."""
        self._known(province, self.data.provinces, "province")
        self._known(indicator, self.data.indicators, "indicator")
        obs = self.data.latest(province, indicator)
        if obs is None:
            raise ComponentError(say("figure_none", province=province, indicator=indicator),
                                 spared=self.data.spared(province, indicator))
        return Markup(self.render("components/figure.html", {"obs": obs, "date": date}).strip())

    def chart(self, chart_id: str, embedded: bool = False) -> Markup:
        """A chart as an accessible <figure> with its SVG, data table, CSV link and embed code."""
        view = self.charts.get((chart_id, self.lang))
        if view is None:
            raise ComponentError(say("chart_none", id=chart_id,
                                     hint=nearest(chart_id, {k for k, _ in self.charts}, FILES["chart"])),
                                 spared=chart_id in self.data.broken or chart_id.startswith(("indicator-", "target-"))
                                 and bool(self.data.broken | self.data.broken_series))
        return Markup(self.render("components/chart.html", {"fig": view, "embedded": embedded}).strip())

    def claim(self, province: str, indicator: str, verb: str, other: str) -> Markup:
        """A sentence such as "Bắc Ninh leads Bắc Kạn on …", checked against the data."""
        for name in (province, other):
            self._known(name, self.data.provinces, "province")
        self._known(indicator, self.data.indicators, "indicator")
        if verb not in CLAIMS:
            raise ComponentError(say("claim_verb", verb=verb, valid=one_of(CLAIMS)))
        result = compare.compare(self.data, self.data.indicators[indicator], [province, other])
        spared = self.data.spared(province, indicator) or self.data.spared(other, indicator)
        if len(result.figures) < 2:
            missing = other if province in result.figures else province
            raise ComponentError(say("claim_missing", province=missing, indicator=indicator), spared=spared)
        if result.leader != (province if verb == "leads" else other):
            a, b = result.figures[province], result.figures[other]
            raise ComponentError(say("claim_unsupported", call=f'claim("{province}", "{indicator}", "{verb}", '
                                     f'"{other}")', province=province, first=plain(a.value), first_as_of=a.as_of,
                                     other=other, second=plain(b.value), second_as_of=b.as_of), spared=spared)
        return Markup(self.render("components/claim.html",
                                  {"r": result, "subject": province, "verb": verb, "other": other}).strip())

    def target(self, target_id: str, date: bool = True) -> Markup:
        """A stated goal: its value and deadline, linked to its quote on the targets page."""
        self._known(target_id, self.data.targets, "target")
        return Markup(self.render("components/target.html",
                                  {"target": self.data.targets[target_id], "date": date}).strip())

    def call(self, name: str, args: tuple, kwargs: dict) -> Markup:
        """Call a component by name after checking its arguments' number and kind."""
        method = getattr(self, name)
        try:
            inspect.signature(method).bind(*args, **kwargs)
        except TypeError:
            raise ComponentError(say("component_arity", name=name, usage=USAGE[name])) from None
        if not all(isinstance(a, str) for a in args) or not all(isinstance(v, bool) for v in kwargs.values()) \
                or "embedded" in kwargs:
            raise ComponentError(say("component_kind", name=name, usage=USAGE[name]))
        return method(*args, **kwargs)

    def _known(self, name: str, table: dict, kind: str) -> None:
        if name not in table:
            raise ComponentError(say("unknown_name", kind=say(f"kind_{kind}"), name=name,
                                     hint=nearest(name, table, FILES[kind])),
                                 spared=name in self.data.broken)
