"""Every chart's Vega-Lite spec, built by Altair (drawing.py renders them to SVG).

The only module that imports altair, and only when a kind of chart is new: the few spec templates
Altair builds and validates are kept on disk (see `_spec`), so most builds never import it. A chart
is drawn at three widths and the page shows the one that suits its box (CSS container queries), so its
text reads at 12–18 px in any column from a phone's to the widest. Its
text is set in the font the site serves (registered with vl-convert, so text is measured exactly as
readers see it). Each row's name sits above its bar, where it has the whole width; the value sits
inside a long bar or just past a short one; the x domain leaves room for it, so no label leaves the
chart. Targets and the national average are labelled reference lines, not bars; a lighter tail marks
an open-ended ("over") or fuzzy ("about") value. Each mark carries a tooltip and a link to its quote.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from sitegen.cache import Cache, code_version

FONT = "'Be Vietnam Pro', system-ui, sans-serif"
INK, MUTED, GRID, ON_BAR = "#1a1a1a", "#595959", "#d9d9d9", "#ffffff"
REFERENCE = "#5f5f5f"  # targets and the national average: reference lines
EM = 0.6  # a generous average advance of this font, in ems, to estimate a label's width


@dataclass(frozen=True)
class Size:
    """One rendering: total width in px, font size, pixels per row and bar thickness."""

    name: str
    width: int
    font: int
    step: int
    bar: int

    @property
    def plot(self) -> float:
        """The width the marks may use (the whole chart but a small margin)."""
        return self.width - 10

    def text_width(self, text: str) -> float:
        return len(text) * self.font * EM


# Each drawing is scaled to its box, so its 13 px text reads at 13 × box ÷ width px: the narrow one
# is shown in boxes up to 470 px wide (12.5–18 px), the middle one up to 690 px, the wide one up to
# the widest column, 960 px (12.5–17.3 px). The stylesheet picks one by the box, not by the window.
NARROW = Size("narrow", 340, 13, 52, 24)
MID = Size("mid", 500, 13, 50, 23)
WIDE = Size("wide", 720, 13, 48, 22)
SIZES = (NARROW, MID, WIDE)


THEME = {  # the house style: the site's font, quiet axes, transparent so dark mode shows through
    "config": {
        "background": "transparent",
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelColor": INK, "titleColor": INK, "domainColor": MUTED, "tickColor": MUTED,
                 "gridColor": GRID, "titleFontWeight": "normal"},
        "text": {"color": INK},
    }
}


def spec(rows: list[dict], refs: list[dict], axis: dict, size: Size, ranks: bool, cache: Cache | None = None) -> dict:
    """The chart for one size: rows (bars or rank dots) with their reference lines.

    rows: row (the name shown above), order, colour, value, label, tip, href, and from place():
    inside, end, tail_from, tail_to. refs: value, label, and from place() x and y (pixels). axis: domain, ticks, labels
    (tick value -> text), title. cache: the folder that keeps the spec templates between builds.
    """
    chart = json.loads(_spec(size, ranks, bool(refs), cache))  # a fresh copy, 8× faster than deepcopy
    labels = " : ".join(f"datum.value == {v!r} ? {text!r}" for v, text in axis["labels"])
    for layer in chart["layer"]:
        x = layer["encoding"].get("x", {})
        if isinstance(x.get("scale"), dict):
            x["scale"]["domain"] = list(axis["domain"])
        if "axis" in x:
            x["axis"].update(values=list(axis["ticks"]), labelExpr=f"{labels} : ''" if labels else "''",
                             title=axis["title"] or None)
        if layer["mark"].get("type") == "rule":
            layer["mark"]["y2"] = len(rows) * size.step
    chart["height"] = len(rows) * size.step
    return {**chart, "datasets": {"rows": rows, "refs": refs}}


def place(rows: list[dict], refs: list[dict], size: Size, domain: tuple[float, float] | None,
          rank_of: int | None = None) -> tuple[list[dict], list[dict], tuple[float, float]]:
    """Decide, for one size, where each value label goes and the domain that leaves room for it.

    Bars: a label goes inside its bar when it fits there, else just past its end, and the domain
    grows until every outside label fits. Ranks: the domain runs from a round worst rank down to 1
    (best on the right), and a label goes left of its dot near the right edge.
    """
    if rank_of is not None:
        worst = max([r["value"] for r in rows] + [r["value"] for r in refs])
        far = min(rank_of, max(10, math.ceil((worst + 3) / 10) * 10))
        domain = (far, 1)
        placed = [{**r, "inside": (far - r["value"]) / (far - 1 or 1) > 0.7, "end": r["value"],
                   "tail_from": None, "tail_to": None} for r in rows]
        return placed, _levels(refs, domain, size), domain
    top = max([r["tail_to"] or r["value"] for r in rows] + [r["value"] for r in refs] + [0]) or 1
    high = domain[1] if domain else top
    for _ in range(4):  # outside labels widen the domain, which may push more labels outside
        inside = {n: r["value"] / high * size.plot >= size.text_width(r["label"]) + 14 for n, r in enumerate(rows)}
        need = [high] + [(r["tail_to"] or r["value"]) * size.plot / max(size.plot - size.text_width(r["label"]) - 10, 1)
                         for n, r in enumerate(rows) if not inside[n]]
        wanted = max(need)
        if domain or wanted <= high * 1.001:
            break
        high = wanted
    placed = [{**r, "inside": inside[n], "end": max(r["value"], r["tail_to"] or 0)} for n, r in enumerate(rows)]
    bounds = (0.0, float(high))
    return placed, _levels(refs, bounds, size), bounds


def ticks(low: float, high: float, count: int = 4, whole: bool = False) -> list[float]:
    """Round tick values between low and high (0, 25, 50, 75, 100; 0, 5e9, 1e10…); whole numbers
    only for ranks, always with 1 (the best)."""
    span = abs(high - low) or 1
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw and (not whole or m != 2.5 or power >= 1))
    if whole:
        step = max(1, round(step))
        return sorted({1, *range(0, int(max(low, high)) + 1, step)} - {0})
    first, last = min(low, high), max(low, high)
    values, n = [], math.ceil(first / step)
    while n * step <= last + 1e-9:
        values.append(round(n * step, 10))
        n += 1
    return values


def _levels(refs: list[dict], domain: tuple[float, float], size: Size) -> list[dict]:
    """Stack reference labels in lines above the chart, right-aligned near its right edge."""
    low, high = domain
    out = []
    for level, ref in enumerate(sorted(refs, key=lambda r: r["value"])):
        at = (ref["value"] - low) / ((high - low) or 1) * size.plot
        start = max(0.0, min(at + 3, size.plot - size.text_width(ref["label"])))
        out.append({**ref, "y": -8 - level * (size.font + 6), "x": start})
    return out


def _spec(size: Size, ranks: bool, has_refs: bool, cache: Cache | None) -> str:
    """One validated spec per kind and size, as JSON; spec() fills in the domain, ticks and height.

    Building and validating one with Altair takes about a tenth of a second, and importing Altair
    as long again, so each is kept in this process and in cache, under a name that changes with
    this module's code and the libraries' versions: it is the very dict Altair made, as JSON.
    """
    code = code_version(Path(__file__))
    name = f"{size.name}-{'ranks' if ranks else 'bars'}-{'refs' if has_refs else 'plain'}-{code}.json"
    key = (name, cache.folder if cache else None)
    if key not in _MADE:
        kept = cache.get(name, _json) if cache else None
        if kept is None:
            kept = json.dumps(_build(size, ranks, has_refs)).encode("utf-8")
            if cache:
                cache.prune(keep=lambda other: other.endswith(f"-{code}.json"))  # made by other code
                cache.put(name, kept)
        _MADE[key] = kept.decode("utf-8")
    return _MADE[key]


_MADE: dict[tuple[str, Path | None], str] = {}  # the templates of this process, by name and cache


def _json(file: Path) -> bytes | None:
    """A kept template, unless it was left unfinished."""
    body = file.read_bytes()
    try:
        json.loads(body)
    except ValueError:
        return None
    return body


def _build(size: Size, ranks: bool, has_refs: bool) -> dict:
    """The spec template, built and validated by Altair. Rows are placed in pixels (a name line,
    then the bar), so nothing depends on band scales."""
    import altair as alt

    alt.theme.register("sitegen", enable=True)(lambda: THEME)
    _ROWS, _REFS = alt.NamedData("rows"), alt.NamedData("refs")  # noqa: N806
    count = 1
    scale = alt.Scale(domain=[0, 1], nice=False, zero=not ranks)
    axis = alt.Axis(values=[0], labelExpr="''", title="", labelFontSize=size.font,
                    titleFontSize=size.font, labelFlush=True, grid=True, labelOverlap=True, titlePadding=8)
    base = alt.Chart(_ROWS).transform_calculate(
        top=f"datum.order * {size.step} + {size.font + 6}",
        middle=f"datum.order * {size.step} + {size.font + 6 + size.bar / 2}",
        bottom=f"datum.order * {size.step} + {size.font + 6 + size.bar}",
        name=f"datum.order * {size.step} + {size.font + 2}")
    colour = alt.Color("colour:N", scale=None)
    link = {"href": alt.Href("href:N"), "description": alt.Description("tip:N")}
    px = {"scale": None}
    if ranks:
        marks = base.mark_circle(size=size.bar * 9, opacity=1).encode(
            x=alt.X("value:Q", scale=scale, axis=axis), y=alt.Y("middle:Q", **px), color=colour, **link)
    else:
        marks = base.mark_bar().encode(x=alt.X("value:Q", scale=scale, axis=axis), x2=alt.datum(0),
                                       y=alt.Y("top:Q", **px), y2="bottom:Q", color=colour, **link)
    layers = [marks]
    if not ranks:
        layers.insert(0, base.transform_filter("isValid(datum.tail_from)").mark_bar(opacity=0.35, aria=False).encode(
            x=alt.X("tail_from:Q", scale=scale), x2="tail_to:Q", y=alt.Y("top:Q", **px), y2="bottom:Q",
            color=colour))
    gap = size.bar // 2 + 6 if ranks else 5
    text = {"baseline": "middle", "fontSize": size.font, "fontWeight": 600, "aria": False}
    layers += [
        base.mark_text(align="left", baseline="bottom", x=0, fontSize=size.font, limit=size.plot, aria=False).encode(
            y=alt.Y("name:Q", **px), text="row:N"),
        base.transform_filter("!datum.inside").mark_text(align="left", dx=gap, **text).encode(
            x=alt.X("end:Q", scale=scale), y=alt.Y("middle:Q", **px), text="label:N"),
        base.transform_filter("datum.inside").mark_text(align="right", dx=-gap, color=INK if ranks else ON_BAR,
                                                        **text).encode(
            x=alt.X("value:Q", scale=scale), y=alt.Y("middle:Q", **px), text="label:N").properties(name="inside"),
    ]
    if has_refs:
        refs = alt.Chart(_REFS)
        layers.insert(0, refs.mark_rule(strokeDash=[5, 3], strokeWidth=2, color=REFERENCE, aria=False, y=0,
                                        y2=count * size.step).encode(x=alt.X("value:Q", scale=scale)))
        layers += [
            refs.mark_text(align="left", baseline="bottom", fontSize=size.font, aria=False).encode(
                x=alt.X("x:Q", **px), y=alt.Y("y:Q", **px), text="label:N"),
        ]
    out = alt.layer(*layers).properties(width=size.width, height=count * size.step).to_dict()
    out["autosize"] = {"type": "fit-x", "contains": "padding"}
    return out
