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
from sitegen.messages import language, say
from sitegen.model import compare
from sitegen.model.dataset import FILES, Dataset
from sitegen.read.numbers import plain

if TYPE_CHECKING:
    from sitegen.render.chartviews import ChartView

CLAIMS = ("leads", "trails")
OPTIONS = {"figure": ("date",), "chart": (), "claim": (), "target": ("date",)}  # what a story may pass by name


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
            raise ComponentError(_unsupported(result, province, verb, other), spared=spared)
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
        if unknown := [key for key in kwargs if key not in OPTIONS[name]]:
            raise ComponentError(_option(name, unknown[0], args, kwargs))
        try:
            inspect.signature(method).bind(*args, **kwargs)
        except TypeError:
            raise ComponentError(say("component_arity", name=name, usage=say(f"usage_{name}"),
                                     got=_call(name, args, kwargs))) from None
        if not all(isinstance(a, str) for a in args) or not all(isinstance(v, bool) for v in kwargs.values()):
            raise ComponentError(say("component_kind", name=name, usage=say(f"usage_{name}")))
        return method(*args, **kwargs)

    def _known(self, name: str, table: dict, kind: str) -> None:
        if name not in table:
            raise ComponentError(say("unknown_name", kind=say(f"kind_{kind}"), name=name,
                                     hint=nearest(name, table, FILES[kind])),
                                 spared=name in self.data.broken)


def _call(name: str, args: tuple, kwargs: dict) -> str:
    """A call as a story writes it: figure("bac-kan", "e-id-rate", date=false)."""
    written = [f'"{a}"' if isinstance(a, str) else str(a) for a in args]
    written += [f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in kwargs.items()]
    return "{{ " + f"{name}({', '.join(written)})" + " }}"


def _option(name: str, unknown: str, args: tuple, kwargs: dict) -> str:
    """A call with an option its component does not have ("ngay=false"): the options it has, and the call fixed."""
    options = OPTIONS[name]
    fixed = {(options[0] if len(options) == 1 and k == unknown else k): v for k, v in kwargs.items()
             if k in options or (k == unknown and len(options) == 1)}
    has = say("component_options", options=one_of(options), count=len(options)) if options \
        else say("component_no_options")
    return say("component_option", name=name, option=unknown, has=has, fixed=_call(name, args, fixed))


def _unsupported(result: compare.Comparison, province: str, verb: str, other: str) -> str:
    """Why a claim fails: the provinces measure the indicator differently, neither direction is better,
    or the figures say otherwise."""
    indicator = result.indicator
    call = f'claim("{province}", "{indicator.id}", "{verb}", "{other}")'
    a, b = result.figures[province], result.figures[other]
    figures = say("claim_figures", province=province, first=plain(a.value), first_as_of=a.as_of, other=other,
                  second=plain(b.value), second_as_of=b.as_of)
    side = say("and").join(_call("figure", (p, indicator.id), {}) for p in (province, other))
    if not indicator.comparable:
        note = indicator.comparable_note(language()).rstrip(".") if indicator.comparable_note else say("claim_no_note")
        return say("claim_not_comparable", call=call, indicator=indicator.id, note=note, figures=figures, side=side)
    if indicator.higher_is_better is None:
        return say("claim_no_direction", call=call, indicator=indicator.id, figures=figures, side=side)
    return say("claim_unsupported", call=call, figures=figures)
