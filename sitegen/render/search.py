"""The search index: pages and figures handed to Pagefind, its files added to the site.

Pagefind (its binary, from the `pagefind-bin` wheel) splits the index by language, so each edition
searches only itself. It already matches "bac kan" to "Bắc Kạn" (it strips combining marks), but
not "dinh" to "định": đ is a letter of its own, not d with a mark. So the copy of each page handed
to the indexer spells đ as ḍ (d with a dot below, a letter Vietnamese never uses), which Pagefind
folds to d; the script folds the reader's query the same way (`fold`) and turns ḍ back into đ in
what it shows. The published pages are not changed.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import re
import subprocess
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.cache import versions, write_whole
from sitegen.errors import BuildError, Problem
from sitegen.messages import say
from sitegen.read import i18n
from sitegen.urls import LANGS

if TYPE_CHECKING:
    from sitegen.model.pages import Page
    from sitegen.model.sitemodel import Model

INDEXED = {"story.html", "indicator.html", "province.html", "glossary.html"}
# Pagefind's own files the site needs (not its ready-made interfaces), by name or folder.
KEPT = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "pagefind.", "wasm.", "index/", "fragment/",
        "filter/")
_CELL_END = re.compile(r"</(?:dt|dd|th|td|li)>")  # Pagefind runs such cells together: "Định nghĩaTỷ lệ"
KEEP = 4  # bundles kept in the cache: the preview goes back and forth between a few states
SETTINGS = {"root_selector": "main", "exclude_selectors": ["nav", "svg", "script", ".chart-links"]}


def fold(text: str) -> str:
    """Vietnamese without its marks, as typed on a keyboard without them: "Định Bắc Kạn" -> "Dinh Bac Kan"."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D")


def for_index(text: str) -> str:
    """The text as the indexer sees it: đ spelled ḍ, so that Pagefind's folding makes it d."""
    return text.replace("đ", "ḍ").replace("Đ", "Ḍ")


@dataclass(frozen=True)
class Record:
    """One thing a reader can find that is not a whole page: a figure, at its anchor."""

    url: str
    lang: str
    content: str
    meta: tuple[tuple[str, str], ...]


def figures(model: Model) -> list[Record]:
    """Every figure as its own record: province, indicator, value and period, linked to its quote."""
    data, formats = model.data, model.text.formats
    out = []
    for lang in LANGS:
        prefix = "/en/" if lang == "en" else "/"  # pagefind.js puts the base path before it
        for ind in data.indicators.values():
            for obs in data.of_indicator(ind.id):
                province = data.provinces[obs.province].name(lang)
                shown = i18n.value(obs.value, ind.unit, lang, formats, obs.qualifier, ind.rank_of)
                when = i18n.when(obs.as_of, obs.inferred, lang, formats) if obs.as_of else ""
                other = ind.label("vi" if lang == "en" else "en")  # a reader may use either language's term
                out.append(Record(f"{prefix}indicators/{ind.id}/#{obs.id}", lang,
                                  f"{province} {ind.label(lang)} {shown} {when} {other}",
                                  (("title", f"{province}: {ind.label(lang)}"), ("province", province),
                                   ("indicator", ind.label(lang)), ("other", other), ("value", shown),
                                   ("period", when), ("kind", "figure"))))
    return out


def inputs(model: Model, pages: list[Page], files: dict[str, bytes]) -> tuple[list[tuple[Page, bytes]], list[Record]]:
    """What the index is made of: the indexed pages as rendered, and every figure."""
    return [(p, files[p.file]) for p in pages if p.template in INDEXED and p.file in files], figures(model)


def index(pages: Iterable[tuple[Page, bytes]], records: list[Record], cache: Path | None = None) -> dict[str, bytes]:
    """The Pagefind bundle for these pages and records, as files under pagefind/.

    Kept by its inputs and Pagefind's version: in this process (the preview asks again after every
    save) and in cache, so a rebuild whose pages did not change does not run the indexer.
    """
    wire = [_message(n, request) for n, request in enumerate(_requests(pages, records), 1)]
    key = hashlib.blake2b(digest_size=20)
    for message in wire:
        key.update(message)
    key.update(versions())
    with _lock:  # one indexer at a time; the preview may ask again while the last one runs
        if _last.get("key") != key.hexdigest():
            _last.clear()
            _last.update(key=key.hexdigest(), files=_kept(cache, key.hexdigest())
                         or _keep(cache, key.hexdigest(), _bundle(_run(wire))))
        return dict(_last["files"])


def _age(file: Path) -> float:
    """Newest first; a file another build removed meanwhile counts as oldest."""
    try:
        return -file.stat().st_mtime
    except OSError:
        return 0.0


def _requests(pages: Iterable[tuple[Page, bytes]], records: list[Record]) -> Iterable[dict]:
    """What Pagefind is asked, one request at a time: a new index, every page and figure, its files."""
    yield {"type": "NewIndex", "config": SETTINGS}
    for page, html in sorted(pages, key=lambda item: item[0].file):
        url = "/" + page.file.removesuffix("index.html")  # pagefind.js puts the base path before it
        yield {"type": "AddFile", "index_id": 0, "url": url, "file_path": None,
               "file_contents": for_index(_CELL_END.sub(r" \g<0>", html.decode("utf-8")))}
    for r in records:
        yield {"type": "AddRecord", "index_id": 0, "url": r.url, "content": for_index(r.content),
               "language": r.lang, "meta": {k: for_index(v) for k, v in r.meta},
               "filters": {"kind": ["figure"]}, "sort": None}
    yield {"type": "GetFiles", "index_id": 0}


def _message(n: int, payload: dict) -> bytes:
    """One request as `pagefind --service` reads them: base64 of its JSON (UTF-8, not escaped), then a comma."""
    return base64.b64encode(json.dumps({"message_id": n, "payload": payload}, ensure_ascii=False).encode()) + b","


def _kept(cache: Path | None, key: str) -> dict[str, bytes] | None:
    """The bundle made from these very inputs by an earlier build, if cache has it whole."""
    try:
        stored = json.loads((cache / f"{key}.json").read_text(encoding="utf-8")) if cache else None
    except (OSError, ValueError):
        return None
    return {name: base64.b64decode(body) for name, body in stored.items()} if stored else None


def _keep(cache: Path | None, key: str, files: dict[str, bytes]) -> dict[str, bytes]:
    """Store files as the bundle of key (one file, written whole), with the few made last."""
    if cache:
        for old in sorted(cache.glob("*.json"), key=_age)[KEEP - 1:]:
            old.unlink(missing_ok=True)
        write_whole(cache / f"{key}.json",
                           json.dumps({name: base64.b64encode(body).decode() for name, body in files.items()}).encode())
    return files


_last: dict = {}  # the last bundle made in this process: the preview re-indexes only when a page changed
_lock = threading.Lock()


def _run(wire: list[bytes]) -> list[dict]:
    """Send the requests to `pagefind --service` and read its answers up to the last one."""
    last = len(wire)
    try:
        from pagefind_bin import get_executable

        process = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except (ImportError, OSError) as exc:
        raise _failed(f"no Pagefind binary ({exc})") from None
    feeder = threading.Thread(target=_feed, args=(process, wire), daemon=True)
    feeder.start()
    answers, pending = [], b""
    try:
        while not answers or answers[-1].get("message_id") != last:
            chunk = process.stdout.read1(1 << 20)
            if not chunk:
                raise _failed("the indexer stopped")
            *whole, pending = (pending + chunk).split(b",")
            new = [json.loads(base64.b64decode(part)) for part in whole if part.strip()]
            for answer in new:
                if answer["payload"].get("type") == "Error":
                    raise _failed(answer["payload"].get("message", "an error"))
            answers += new
    finally:
        process.kill()  # it has answered everything asked; it would otherwise wait for more
        process.wait()
        feeder.join()
        with contextlib.suppress(OSError):
            process.stdin.close()
        process.stdout.close()
    return answers


def _failed(reason: str) -> BuildError:
    return BuildError([Problem("pagefind", 0, 0, say("search_failed", reason=reason))])


def _feed(process: subprocess.Popen, wire: list[bytes]) -> None:
    try:
        process.stdin.writelines(wire)
        process.stdin.flush()
    except (BrokenPipeError, ValueError):
        pass  # the indexer stopped; the reader reports it


def _bundle(answers: list[dict]) -> dict[str, bytes]:
    """The files of the last answer that the site serves, under pagefind/, in a stable form."""
    files = {}
    for item in answers[-1]["payload"]["files"]:
        name = item["path"]
        if name.startswith(KEPT):
            body = base64.b64decode(item["content"])
            if name == "pagefind-entry.json":  # its languages come in a different order each run
                body = json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False,
                                  separators=(",", ":")).encode("utf-8")
            files[f"pagefind/{name}"] = body
    return files
