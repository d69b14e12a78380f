"""Components a story or template can call: figure(), chart() and claim().

Each renders from the data in the page's language, with a link to the quoted sentence, through a
partial in templates/components/. In stories, a bad call is recorded as a problem at its line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from . import compare
from .data import Dataset
from .errors import Problem, one_of

if TYPE_CHECKING:
    from .chartbook import Figure

CLAIMS = ("leads", "trails")


class ComponentError(Exception):
    """A component was called with a name the data does not know, or a claim the data denies."""


@dataclass
class Components:
    """The component functions for one language; `render` draws a partial with a context."""

    data: Dataset
    figures: dict[str, Figure]
    lang: str
    render: Callable[[str, dict], str]

    def figure(self, province: str, indicator: str, date: bool = True) -> Markup:
        """The latest figure of a province for an indicator, linked to its quote (date=False: no period)."""
        self._known(province, self.data.provinces, "province")
        self._known(indicator, self.data.indicators, "indicator")
        obs = compare.latest(self.data, province, indicator)
        if obs is None:
            raise ComponentError(f"figure(\"{province}\", \"{indicator}\"): {province} has no "
                                 f"observation of {indicator}")
        return Markup(self.render("components/figure.html", {"obs": obs, "date": date}).strip())

    def target(self, target_id: str, date: bool = True) -> Markup:
        """A stated goal: its value and deadline, linked to its quote on the targets page."""
        self._known(target_id, self.data.targets, "target")
        return Markup(self.render("components/target.html",
                                  {"target": self.data.targets[target_id], "date": date}).strip())

    def chart(self, chart_id: str, embedded: bool = False) -> Markup:
        """A chart as an accessible <figure> with its SVG, data table, CSV link and embed code."""
        key = f"{chart_id}:{self.lang}"
        if key not in self.figures:
            names = {k.rsplit(":", 1)[0] for k in self.figures}
            raise ComponentError(f"chart(\"{chart_id}\"): no such chart; valid ones are: {one_of(names)}")
        return Markup(self.render("components/chart.html", {"fig": self.figures[key], "embedded": embedded}).strip())

    def claim(self, province: str, indicator: str, verb: str, other: str) -> Markup:
        """A sentence such as "Bắc Ninh leads Bắc Kạn on …", checked against the data."""
        for name in (province, other):
            self._known(name, self.data.provinces, "province")
        self._known(indicator, self.data.indicators, "indicator")
        if verb not in CLAIMS:
            raise ComponentError(f"claim(): '{verb}' is not a claim; valid ones are: {one_of(CLAIMS)}")
        result = compare.compare(self.data, self.data.indicators[indicator], [province, other])
        if len(result.figures) < 2:
            missing = other if province in result.figures else province
            raise ComponentError(f"claim(): {missing} has no observation of {indicator} to compare")
        winner = province if verb == "leads" else other
        if result.leader != winner:
            a, b = result.figures[province], result.figures[other]
            raise ComponentError(f"claim(\"{province}\", \"{indicator}\", \"{verb}\", \"{other}\") is "
                                 f"not supported by the data: {province} {a.value:g} ({a.as_of}) against "
                                 f"{other} {b.value:g} ({b.as_of})")
        return Markup(self.render("components/claim.html",
                                  {"result": result, "subject": province, "verb": verb, "other": other}).strip())

    def _known(self, name: str, table: dict, kind: str) -> None:
        if name not in table:
            raise ComponentError(f"unknown {kind} '{name}'; valid ones are: {one_of(table)}")


def story_line() -> int:
    """The line of the story template that is calling a component right now."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return 1


@dataclass
class Collected:
    """Component calls in a story: each renders to a token, swapped for its HTML after sanitising."""

    components: Components
    path: str
    first_line: int
    source_lines: list[str]
    problems: list[Problem] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    def wrap(self, name: str) -> Callable[..., str]:
        def call(*args: str, **kwargs: bool) -> str:
            try:
                html = getattr(self.components, name)(*args, **kwargs)
            except (ComponentError, TypeError) as exc:
                line = story_line()
                text = self.source_lines[line - 1] if line <= len(self.source_lines) else ""
                col = max(text.find(f"{name}("), 0) + 1
                self.problems.append(Problem(self.path, self.first_line + line - 1, col, str(exc)))
                return ""
            self.parts.append(str(html))
            return f"\ue000{len(self.parts) - 1}\ue001"
        return call
