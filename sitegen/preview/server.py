"""The live preview: the same build() as `python build.py`, rerun on every save.

Serves site/ under the base path it will be published under, each page exactly as built (its
Content-Security-Policy included) but for one script tag that reloads it after the next build
(reloads.py); shows the problems of a failed build in place of the pages until the next good save.
The server is the standard library's (wsgiref, a thread per request, so that the open pages'
waiting questions never hold up a file).
"""

from __future__ import annotations

import errno
import html
import mimetypes
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from sitegen import messages, pipeline
from sitegen.cache import Cache
from sitegen.config import Config
from sitegen.errors import BuildError, Problem, report
from sitegen.messages import language, say
from sitegen.preview import reloads
from sitegen.preview.saves import Saves
from sitegen.preview.searchindex import LaterIndex
from sitegen.render.memo import Memo
from sitegen.write import sitedir

WATCHED = ("content", "data", "templates")
# The error page's policy: no stricter page is published (its own origin's reload script, nothing else).
ERROR_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"
SETTLE_SECONDS = 120.0  # the longest a request waits for a build under way (a cold build takes ~30 s)


class Preview:
    """A small WSGI app over site/: files under the base path, or the last build's problems."""

    def __init__(self, config: Config, lang: str | None = None) -> None:
        self.config = config
        self.lang = lang  # --lang as given: it outranks the site's messages_lang, read again on every rebuild
        self.problems: list[str] = []
        self.writer = sitedir.Incremental()
        self.memo = Memo()
        self.built: tuple[bytes, bytes] | None = None  # the inputs of the last good build
        self.index = LaterIndex(Cache(config.caches).part("search"))
        self.reloads = reloads.Reloads()
        self.one_at_a_time = threading.Lock()

    def rebuild(self) -> bool:
        """Build once; on bad input keep the last good site and remember the problems."""
        with self.one_at_a_time, self.reloads.build():
            messages.use(messages.choose(self.lang, self.config.root))  # messages_lang may have just changed
            started = time.perf_counter()
            self.memo.refresh(self.config.root)
            if self.memo.inputs == self.built and not self.problems:  # saved, but not a byte changed
                print(say("rebuilt", seconds=f"{time.perf_counter() - started:.2f}"))
                return True
            try:
                pipeline.build(self.config, write=self.writer, memo=self.memo, index_later=self.index)
            except BuildError as exc:
                report(exc.problems, self.config.out.name)
                self.problems = [str(p) for p in exc.problems]
                return False
            self.problems, self.built = [], self.memo.inputs  # what this build read (a later save is seen next time)
            print(say("rebuilt", seconds=f"{time.perf_counter() - started:.2f}"))
            return True

    def __call__(self, environ: dict, start: Callable) -> Iterable[bytes]:
        path = _path(environ)
        if path.startswith(reloads.PREFIX):
            return self.reloads.answer(path, environ.get("QUERY_STRING", ""), start)
        base = self.config.base_path
        if path == "/" and base != "/":
            start("302 Found", [("Location", base), ("Content-Length", "0")])
            return [b""]
        epoch = self.reloads.settled(SETTLE_SECONDS)  # never a file of a build under way
        file = self.resolve(path)
        if file is not None and file.suffix == ".html" and self.problems:
            return self.error_page(start, epoch)
        if file is None or (body := _read(file)) is None:
            file, status = self.config.out / "404.html", "404 Not Found"
            body = _read(file) or say("not_found").encode("utf-8")
        else:
            status = "200 OK"
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":
            body, kind = reloads.tagged(body, epoch), kind + "; charset=utf-8"
        return _send(start, status, kind, body, environ)

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

    def error_page(self, start: Callable, epoch: int) -> Iterable[bytes]:
        # Plain HTML here on purpose: it must show even when the templates themselves are broken.
        items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in self.problems)
        body = (f"<!doctype html><html lang=\"{language()}\"><head><meta charset=\"utf-8\">"
                f"<meta http-equiv=\"Content-Security-Policy\" content=\"{ERROR_POLICY}\">"
                f"<title>{html.escape(say('preview_failed_title'))}</title></head><body><main>"
                f"<h1>{html.escape(say('preview_failed_title'))}</h1><p>{html.escape(say('preview_failed_help'))}</p>"
                f"<ol>{items}</ol></main></body></html>")
        return _send(start, "500 Internal Server Error", "text/html; charset=utf-8",
                     reloads.tagged(body.encode("utf-8"), epoch), {})


def _path(environ: dict) -> str:
    """The request's path, decoded once: the server unquoted it, and WSGI hands it over as Latin-1."""
    path = environ.get("PATH_INFO") or "/"
    try:
        return path.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return "\x00"  # bytes that are no UTF-8 name no file: resolve() refuses it


def _read(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except OSError:  # removed since it was found (a rebuild dropped it, the index swapped in)
        return None


def _send(start: Callable, status: str, kind: str, body: bytes, environ: dict) -> Iterable[bytes]:
    start(status, [("Content-Type", kind), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
    return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


class _Server(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True  # an open page's waiting question does not keep the preview from stopping


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows rebuilds and problems, not every request


def listen(app: Preview, host: str, port: int) -> WSGIServer:
    """A server for app, bound to host and port (0: any free one); serve_forever() answers."""
    return make_server(host, port, app, server_class=_Server, handler_class=_Quiet)


def _unavailable(exc: OSError, host: str, port: int) -> Problem:
    """Why the address cannot be taken, in our words (the system's are English, and name no option)."""
    if exc.errno == errno.EADDRINUSE:
        return Problem("--port", 0, 0, say("preview_port_in_use", port=port, other=port + 1 if port < 65535 else 8000))
    if exc.errno == errno.EACCES:
        return Problem("--port", 0, 0, say("preview_port_reserved", port=port))
    if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
        return Problem("--host", 0, 0, say("preview_host_unknown", host=host))
    return Problem("--host", 0, 0, say("preview_unavailable", address=f"{host}:{port}", reason=exc.strerror or exc))


def run(config: Config, host: str, port: int, lang: str | None = None) -> int:
    """Take the address, build, then serve site/ and rebuild when content/, data/ or templates/ change."""
    preview = Preview(config, lang)
    try:
        server = listen(preview, host, port)
    except OSError as exc:  # the port is taken, or the address is not this machine's
        return report([_unavailable(exc, host, port)], "", checked=True)
    saves = Saves([config.root / folder for folder in WATCHED], preview.rebuild)
    saves.start()  # before the first build: a save made during it gives one rebuild more
    with server:
        try:
            preview.rebuild()  # a browser that asks meanwhile waits in the queue
            saves.watching.wait(timeout=10)  # so that the line below means: saves are seen from now
            print(say("previewing", url=f"http://{host}:{port}{config.base_path}"))
            server.serve_forever()
        except KeyboardInterrupt:
            pass  # Ctrl-C: the reporter is done
        finally:
            saves.stop()
    return 0
