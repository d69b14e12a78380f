"""The search index: the pages handed to Pagefind, its files added to the site.

Pagefind (its binary, from the `pagefind-bin` wheel) splits the index by language, so each edition
searches only itself. It already matches "bac kan" to "Bắc Kạn" (it strips combining marks), but
not "dinh" to "định": đ is a letter of its own, not d with a mark. So the copy of each page handed
to the indexer spells đ as ḍ (d with a dot below, a letter Vietnamese never uses), which Pagefind
folds to d; the script folds the reader's query the same way (`fold`) and turns ḍ back into đ in
what it shows. The published pages are not changed.

A figure is no record of its own: it is a heading with an id on its indicator page (the
`observation` macro), which Pagefind gives back among the page's anchors and sub-results. So a
figure is found once however many stories cite it, and a national site's 5,000 figures add no file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.cache import Cache, code_version, read_whole
from sitegen.render import pagefind

if TYPE_CHECKING:
    from sitegen.model.pages import Page

INDEXED = {"story.html", "indicator.html", "province.html", "glossary.html"}
# Pagefind's own files the site needs (not its ready-made interfaces), by name or folder.
KEPT = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "pagefind.", "wasm.", "index/", "fragment/",
        "filter/")
_CELL_END = re.compile(r"</(?:dt|dd|th|td|li)>")  # Pagefind runs such cells together: "Định nghĩaTỷ lệ"
KEEP = 4  # bundles kept in the cache: the preview goes back and forth between a few states
# Left out of the index: navigation and drawings, and words that are on every page of a kind and
# answer no query (the embed snippet, share and cite, "Định nghĩa", a table cell's own label, an
# indicator page's section headings).
SETTINGS = {"root_selector": "main", "exclude_selectors": [
    "nav", "svg", "script", ".chart-links", ".embed-code", ".reuse", ".kicker", ".facts > dt", ".cell-label",
    "#basis", "#observations", "#targets"]}


def fold(text: str) -> str:
    """Vietnamese without its marks, as typed on a keyboard without them: "Định Bắc Kạn" -> "Dinh Bac Kan"."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D")


def for_index(text: str) -> str:
    """The text as the indexer sees it: đ spelled ḍ, so that Pagefind's folding makes it d."""
    return text.replace("đ", "ḍ").replace("Đ", "Ḍ")


def inputs(pages: list[Page], files: dict[str, bytes]) -> list[tuple[Page, bytes]]:
    """What the index is made of: the indexed pages as rendered."""
    return [(p, files[p.file]) for p in pages if p.template in INDEXED and p.file in files]


def index(pages: Iterable[tuple[Page, bytes]], cache: Cache | None = None) -> dict[str, bytes]:
    """The Pagefind bundle for these pages, as files under pagefind/.

    Kept by its inputs, the code that makes it and Pagefind's version: in this process (the preview
    asks again after every save) and in cache, so a rebuild whose pages did not change does not run
    the indexer again.
    """
    wire = pagefind.wire(_requests(pages))
    key = hashlib.blake2b(digest_size=20)
    for message in wire:
        key.update(message)
    key.update(code_version(Path(__file__), Path(pagefind.__file__)).encode())  # this code and Pagefind's version
    with _lock:  # one indexer at a time; the preview may ask again while the last one runs
        if _last.get("key") != key.hexdigest():
            _last.clear()
            _last.update(key=key.hexdigest(), files=_kept(cache, key.hexdigest())
                         or _keep(cache, key.hexdigest(), pagefind.bundle(wire, KEPT)))
        return dict(_last["files"])


def _requests(pages: Iterable[tuple[Page, bytes]]) -> Iterable[dict]:
    """What Pagefind is asked, one request at a time: a new index, every page, its files."""
    yield {"type": "NewIndex", "config": SETTINGS}
    for page, html in sorted(pages, key=lambda item: item[0].file):
        url = "/" + page.file.removesuffix("index.html")  # pagefind.js puts the base path before it
        yield {"type": "AddFile", "index_id": 0, "url": url, "file_path": None,
               "file_contents": for_index(_CELL_END.sub(r" \g<0>", html.decode("utf-8")))}
    yield {"type": "GetFiles", "index_id": 0}


def _kept(cache: Cache | None, key: str) -> dict[str, bytes] | None:
    """The bundle made from these very inputs by an earlier build, if cache has it whole."""
    try:
        stored = json.loads(cache.get(f"{key}.json", read_whole) or b"null") if cache else None
    except ValueError:
        return None
    return {name: base64.b64decode(body) for name, body in stored.items()} if stored else None


def _keep(cache: Cache | None, key: str, files: dict[str, bytes]) -> dict[str, bytes]:
    """Store files as the bundle of key (one entry, written whole), with the few made last."""
    if cache:
        cache.prune(newest=KEEP - 1)
        cache.put(f"{key}.json", json.dumps({name: base64.b64encode(body).decode()
                                             for name, body in files.items()}).encode())
    return files


_last: dict = {}  # the last bundle made in this process: the preview re-indexes only when a page changed
_lock = threading.Lock()
