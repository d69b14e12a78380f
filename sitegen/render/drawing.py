"""Drawing: vl-convert turns chart specs into SVG, and `raster` paints social cards as JPEG, at build time.

The only module that imports vl_convert, and it imports nothing heavier, so the worker processes
that draw start quickly. Each drawing is cached on disk, keyed by what it is drawn from and the
renderer's version and a hash of this very module (so a change to the drawing code can never serve
a stale drawing); each file is written atomically and checked when read, and a full build prunes
the drawings it no longer uses. A cold build has hundreds to draw, and vl-convert draws one at a
time per process, so misses are spread over one worker process per core (charts first, then the cards,
which the build needs only when it writes); a handful is drawn in-process.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import vl_convert as vlc

from sitegen.cache import Cache, code_version
from sitegen.render import raster, workers

FONTS = Path(__file__).parents[1] / "fonts"  # the font the site serves, so text is measured as readers see it
vlc.register_font_directory(str(FONTS))
VEGA_BASE = "https://vega.github.io/vega-datasets/"  # what Vega puts before a mark's link
POOL_FROM = 24  # fewer misses than this are drawn in-process: starting workers costs about 0.5 s


class Drawing:
    """The drawings of one build, under way: what the cache lacks is drawn on worker processes,
    charts first, while the build renders its pages; the cards are needed only when it writes."""

    def __init__(self, charts: list[tuple[dict, dict]], cards: list[str], cache: Cache) -> None:
        self.jobs = [("svg", json.dumps(spec, sort_keys=True, ensure_ascii=False), json.dumps(locale, sort_keys=True))
                     for spec, locale in charts] + [("jpg", svg, "") for svg in cards]
        self.count, self.cache = len(charts), cache
        self.names = [f"{_key(job)}.{job[0]}" for job in self.jobs]
        # A chart's SVG is read, to be inlined; a cached card is only checked: the site links to it.
        self.done: list[str | Path | None] = [_text(cache.get(name, _svg)) if n < self.count
                                              else cache.path(name) if cache.get(name, _jpeg) else None
                                              for n, name in enumerate(self.names)]
        # Two charts can have the same spec (a named chart and an indicator's, in one language): draw it once.
        first = {name: n for n, name in reversed(list(enumerate(self.names)))}
        missing = [n for n, found in enumerate(self.done) if found is None and first[self.names[n]] == n]
        self.missing = [[n for n in missing if n < self.count], [n for n in missing if n >= self.count]]
        self.work = workers.Background(_draw, [[self.jobs[n] for n in group] for group in self.missing], POOL_FROM)

    @property
    def busy(self) -> bool:
        """Worker processes are at work, or waiting for more (the build has other threads then)."""
        return self.work.pool is not None

    def svgs(self) -> list[str]:
        """The charts' SVGs, in order (waits for them)."""
        self._collect(0)
        return [str(d) for d in self.done[:self.count]]

    def card_files(self) -> list[Path]:
        """The cards' JPEGs as the cache keeps them, in order (waits for them): the site links to
        these files instead of holding and writing hundreds of megabytes again."""
        self._collect(1)
        return [self.cache.path(name) for name in self.names[self.count:]]

    def _collect(self, group: int) -> None:
        if not self.missing[group]:
            return  # drawn, or found in the cache
        drawn = {}
        for n, result in zip(self.missing[group], self.work.results(group), strict=True):
            file = self.cache.put(self.names[n], result.encode("utf-8") if isinstance(result, str) else result)
            drawn[self.names[n]] = result if isinstance(result, str) else file  # a card's bytes are on disk now
        for n, name in enumerate(self.names):
            self.done[n] = drawn.get(name, self.done[n])
        self.missing[group] = []

    def __enter__(self) -> Drawing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers, dropping what nobody asked for yet."""
        self.work.__exit__(None, None, None)


@functools.cache
def _version() -> str:
    """What a drawing depends on besides its input: the renderers, the fonts and the drawing code."""
    return code_version(Path(__file__), Path(raster.__file__), *sorted(FONTS.glob("*.ttf")))


def _key(job: tuple[str, str, str]) -> str:
    return hashlib.sha256("|".join((_version(), *job)).encode()).hexdigest()[:32]


def _text(body: bytes | None) -> str | None:
    return body.decode("utf-8") if body is not None else None


_ACTIVE = re.compile(rb"<script|<foreignObject|\son\w+\s*=", re.I)  # never inlined, whoever wrote the cache


def _svg(file: Path) -> bytes | None:
    """A cached chart SVG, or None when it is missing, was left unfinished or holds anything active."""
    body = file.read_bytes()
    whole = body.startswith(b"<svg") and body.rstrip().endswith(b"</svg>") and not _ACTIVE.search(body)
    return body if whole else None


def _framed(first: bytes, last: bytes) -> Callable[[Path], bytes | None]:
    """The check of a cached image: its start when the file begins with `first` and ends with `last`
    (so it was written whole), without reading what lies between."""
    def check(file: Path) -> bytes | None:
        with open(file, "rb") as opened:
            start = opened.read(len(first))
            opened.seek(-len(last), os.SEEK_END)
            end = opened.read()
        return start if start == first and end == last else None
    return check


_jpeg = _framed(b"\xff\xd8\xff", b"\xff\xd9")  # a JPEG's start-of-image and end-of-image markers
_png = _framed(b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82")  # a PNG's signature and its IEND chunk


def pictures(svgs: list[str], cache: Cache, drawing: Drawing | None = None) -> Callable[[], list[Path]]:
    """Charts to download (templates/picture.svg) as PNG files in the cache, in order: painted from
    the SVG already drawn, a fifth of the cost of laying the chart out again. The misses start at
    once, on the workers of `drawing` while it has them, else on every core; the files are ready
    when the returned function is called."""
    names = [f"{_key(('png', svg, ''))}.png" for svg in svgs]
    missing = {name: ("png", svg, "") for name, svg in zip(names, svgs, strict=True) if not cache.get(name, _png)}
    if drawing is not None and drawing.busy:
        group = drawing.work.add(list(missing.values()))
        drawn: Callable[[], list] = lambda: drawing.work.results(group)  # noqa: E731
    else:
        done = workers.map_on_cores(_draw, list(missing.values()), POOL_FROM)
        drawn = lambda: done  # noqa: E731

    def files() -> list[Path]:
        for name, png in zip(missing, drawn(), strict=True):
            cache.put(name, png)
        return [cache.path(name) for name in names]
    return files


def _draw(job: tuple[str, str, str]) -> str | bytes:
    kind, source, locale = job
    if kind == "jpg":
        return raster.paint(source)
    if kind == "png":  # a chart to download: twice the drawing's size, for sharp text on any screen
        return vlc.svg_to_png(source, scale=2)
    svg = vlc.vegalite_to_svg(json.loads(source), format_locale=json.loads(locale), allowed_base_urls=[])
    # Several charts share a page: give any ids Vega made (clip paths) this chart's own prefix.
    prefix = hashlib.sha256(source.encode()).hexdigest()[:8]
    svg = re.sub(r'(id="|url\(#)(clip\d+)', rf"\g<1>c{prefix}-\g<2>", svg)
    # The page names and describes the chart (role="img" on its wrapper); Vega's inner roles would
    # give assistive technology hundreds of unnamed marks instead.
    svg = re.sub(r' (role|aria-roledescription)="[^"]*"', "", svg)
    # A mark's description becomes its native tooltip; its link leads to its quote. Vega resolves
    # links against its own loader's address: take that off. The page's table and quotes serve
    # keyboard and screen-reader users, so the links stay out of the tab order.
    svg = re.sub(r'<path aria-label="([^"]*)"([^>]*)/>', r"<path\2><title>\1</title></path>", svg)
    svg = re.sub(r' aria-label="[^"]*"', "", svg)
    svg = re.sub(rf'<a xlink:href="{re.escape(VEGA_BASE)}', '<a tabindex="-1" xlink:href="', svg)
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
