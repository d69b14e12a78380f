"""The live preview: the same build() as `python build.py`, rerun on every save.

Serves site/ under the same base path it will have when published, reloads the browser after
each rebuild (livereload), and shows the problems of a failed build in the browser, in place of
the page, until the next good save. watchfiles tells it of saves (inotify, not polling), gathering
a burst of saves into one rebuild.
"""

from __future__ import annotations

import html
import mimetypes
import re
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote

import watchfiles
from livereload import Server
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop

from sitegen import pipeline
from sitegen.config import Config
from sitegen.errors import BuildError, report
from sitegen.messages import language, say
from sitegen.render import search
from sitegen.render.memo import Memo
from sitegen.write import sitedir as output

_CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy"[^>]*>\n?')


class LaterIndex:
    """The preview's search index, made on another thread once a build has written its pages.

    A save shows in the browser without waiting for the index; `pagefind/` follows about half a
    second later, swapped in whole. A newer build's index supersedes one still being made, and an
    index whose pages did not change costs nothing (search.index remembers the last one).
    """

    def __init__(self, cache: Path | None = None) -> None:
        self.cache = cache  # where search.index keeps the last bundle between runs
        self.lock = threading.Lock()
        self.turn = 0
        self.thread: threading.Thread | None = None
        self.written: dict[str, bytes] = {}

    def __call__(self, out: Path, pages: list, records: list) -> None:
        with self.lock:
            self.turn += 1
            self.thread = threading.Thread(target=self._make, args=(self.turn, out, pages, records), daemon=True)
            self.thread.start()

    def wait(self) -> None:
        """Return once the index of the last build is written."""
        while (thread := self.thread) is not None and thread.is_alive():
            thread.join()

    def _make(self, turn: int, out: Path, pages: list, records: list) -> None:
        if turn != self.turn:
            return  # a newer build asked already
        try:
            files = search.index(pages, records, self.cache)
        except BuildError as exc:
            report(exc.problems, out.name)
            return
        with self.lock:
            if turn == self.turn and (files != self.written or not (out / "pagefind").is_dir()):
                output.replace_site(out / "pagefind", {name.removeprefix("pagefind/"): body
                                                       for name, body in files.items()})
                self.written = files


class Preview:
    """A small WSGI app over site/: files under the base path, or the last build's problems."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.problems: list[str] = []
        self.writer = output.Incremental()
        self.memo = Memo()
        self.index = LaterIndex(config.caches / "search")

    def rebuild(self) -> bool:
        """Build once; on bad input keep the last good site and remember the problems."""
        started = time.perf_counter()
        try:
            pipeline.build(self.config, write=self.writer, memo=self.memo, index_later=self.index)
        except BuildError as exc:
            report(exc.problems, self.config.out.name)
            self.problems = [str(p) for p in exc.problems]
            return False
        self.problems = []
        print(say("rebuilt", seconds=f"{time.perf_counter() - started:.2f}"))
        return True

    def __call__(self, environ: dict, start: Callable) -> Iterable[bytes]:
        path = unquote(environ.get("PATH_INFO") or "/")
        base = self.config.base_path
        if path == "/" and base != "/":
            start("302 Found", [("Location", base)])
            return [b""]
        file = self.resolve(path)
        if file is None:
            return self.respond(start, "404 Not Found", self.config.out / "404.html")
        if file.suffix == ".html" and self.problems:
            return self.error_page(start)
        return self.respond(start, "200 OK", file)

    def resolve(self, path: str) -> Path | None:
        """The file under site/ for a URL path, or None: never anything outside site/."""
        base = self.config.base_path
        if not path.startswith(base) or "\x00" in path:
            return None
        root = self.config.out.resolve()
        file = (root / path[len(base):].lstrip("/")).resolve()
        if file != root and root not in file.parents:
            return None
        if file.is_dir():
            file = file / "index.html"
        return file if file.is_file() else None

    def respond(self, start: Callable, status: str, file: Path) -> Iterable[bytes]:
        body = file.read_bytes() if file.is_file() else say("not_found").encode("utf-8")
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":
            # livereload adds an inline script, which the published pages' policy would refuse.
            body = _CSP.sub(b"", body)
            kind += "; charset=utf-8"
        start(status, [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [body]

    def error_page(self, start: Callable) -> Iterable[bytes]:
        # Plain HTML here on purpose: it must show even when the templates themselves are broken.
        items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in self.problems)
        body = (f"<!doctype html><html lang=\"{language()}\"><head><meta charset=\"utf-8\">"
                f"<title>{html.escape(say('preview_failed_title'))}</title></head><body><main>"
                f"<h1>{html.escape(say('preview_failed_title'))}</h1><p>{html.escape(say('preview_failed_help'))}</p>"
                f"<ol>{items}</ol></main></body></html>")
        start("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                             ("Cache-Control", "no-store")])
        return [body.encode("utf-8")]


class Saves(Watcher):
    """livereload's watcher, told of saves by watchfiles (inotify) instead of polling every 0.8 s.

    Only the watcher's public methods are overridden. watchfiles hands over the saves of a burst
    (an editor writing several files) as one batch once the folders have been quiet for QUIET_MS,
    so a burst gives one rebuild; saves made during a rebuild give one more, after it. Every
    rebuild reloads the whole page: examine() answers with livereload's own "__livereload__"
    path, which it never throttles and never treats as a stylesheet-only change.
    """

    QUIET_MS = 50
    RELOAD = "__livereload__"

    def __init__(self, rebuild: Callable[[], bool]) -> None:
        super().__init__()
        self.rebuild = rebuild
        self.folders: list[str] = []
        self.pending: set[str] = set()
        self.lock = threading.Lock()

    def watch(self, path: str, func: Callable | None = None, delay: float | None = None,
              ignore: Callable | None = None) -> None:
        super().watch(path, func, delay, ignore)  # livereload watches the working folder if it sees none
        self.folders.append(path)

    def start(self, callback: Callable[[], None]) -> bool:
        loop = IOLoop.current()

        def listen() -> None:
            for batch in watchfiles.watch(*self.folders, step=self.QUIET_MS):
                with self.lock:
                    self.pending.update(path for _, path in batch)
                loop.add_callback(callback)

        threading.Thread(target=listen, name="saves", daemon=True).start()
        return True  # livereload then leaves the watching to us

    def examine(self) -> tuple[str | None, float | None]:
        """Rebuild once for every save not yet built, then have livereload reload the page."""
        with self.lock:
            saved, self.pending = self.pending, set()
        if not saved:
            return None, None
        self.rebuild()
        self.filepath = self.RELOAD
        return self.RELOAD, None


def run(config: Config, host: str, port: int) -> int:
    """Build, then serve site/ and rebuild when content/, data/ or templates/ change."""
    preview = Preview(config)
    preview.rebuild()
    server = Server(app=preview, watcher=Saves(preview.rebuild))
    for folder in ("content", "data", "templates"):
        server.watch(str(config.root / folder))
    print(say("previewing", url=f"http://{host}:{port}{config.base_path}"))
    server.serve(host=host, port=port, debug=False, open_url_delay=None, restart_delay=0)
    return 0
