"""Drawing: vl-convert turns chart specs into SVG and social cards into PNG, at build time.

The only module that imports vl_convert, and it imports nothing heavier, so the worker processes
that draw start quickly. Each drawing is cached on disk, keyed by what it is drawn from and the
renderer's version. A cold build has hundreds to draw, and vl-convert draws one at a time per
process, so misses are spread over one worker process per core; a handful is drawn in-process.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import vl_convert as vlc

from . import workers

SVG_FORM = 2  # bump when the SVG post-processing below changes, to refresh the disk cache
POOL_FROM = 24  # fewer misses than this are drawn in-process: starting workers costs about 0.5 s


def draw(charts: list[tuple[dict, dict]], cards: list[str], cache: Path | None) -> tuple[list[str], list[bytes]]:
    """SVG for each (Vega-Lite spec, d3 number locale) and PNG for each card SVG, in order."""
    jobs = [("svg", json.dumps(spec, sort_keys=True, ensure_ascii=False), json.dumps(locale, sort_keys=True))
            for spec, locale in charts] + [("png", svg, "") for svg in cards]
    files = [cache / f"{_key(job)}.{job[0]}" if cache else None for job in jobs]
    done: list[str | bytes | None] = [_read(file) for file in files]
    missing = [n for n, found in enumerate(done) if found is None]
    drawn = workers.map_on_cores(_draw, [jobs[n] for n in missing], POOL_FROM)
    for n, result in zip(missing, drawn, strict=True):
        done[n] = result
        if files[n]:
            files[n].parent.mkdir(parents=True, exist_ok=True)
            files[n].write_bytes(result.encode("utf-8") if isinstance(result, str) else result)
    return [str(d) for d in done[:len(charts)]], [bytes(d) for d in done[len(charts):]]  # type: ignore[arg-type]


def _key(job: tuple[str, str, str]) -> str:
    return hashlib.sha256("|".join((vlc.__version__, str(SVG_FORM), *job)).encode()).hexdigest()[:32]


def _read(file: Path | None) -> str | bytes | None:
    if file is None or not file.exists():
        return None
    return file.read_text(encoding="utf-8") if file.suffix == ".svg" else file.read_bytes()


def _draw(job: tuple[str, str, str]) -> str | bytes:
    kind, source, locale = job
    if kind == "png":
        return vlc.svg_to_png(source, scale=1)
    svg = vlc.vegalite_to_svg(json.loads(source), format_locale=json.loads(locale), allowed_base_urls=[])
    # Several charts share a page: give any ids Vega made (clip paths) this chart's own prefix.
    prefix = hashlib.sha256(source.encode()).hexdigest()[:8]
    svg = re.sub(r'(id="|url\(#)(clip\d+)', rf"\g<1>c{prefix}-\g<2>", svg)
    # The page names and describes the chart (role="img" on its wrapper); Vega's inner roles would
    # give assistive technology hundreds of unnamed marks instead.
    svg = re.sub(r' (role|aria-roledescription)="[^"]*"', "", svg)
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
