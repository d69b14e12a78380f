"""Reloading open pages after each build, under the published pages' own Content-Security-Policy.

The policy allows scripts and connections from the page's own origin only (`script-src 'self'`,
`connect-src 'self'`) and no inline script, so the preview adds to each HTML page it serves one
tag, `<script src="/__preview/reload.js" data-epoch="N" defer>`: a file of this package, never
published. N counts the builds finished when the page was served. The script asks
`/__preview/epoch?since=N`, which answers once a later build has finished, written its files and
left nothing half-done (or after POLL_SECONDS, and the script asks again); then it reloads the page.
A page served during a build waits for the build to end, so it too is never half-built.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import parse_qs

from sitegen.messages import say

PREFIX = "/__preview/"  # outside every base path but "/", where no built file has this name
SCRIPT = Path(__file__).with_name("reload.js")
POLL_SECONDS = 30.0  # how long one question of an open page waits for a build


def tagged(page: bytes, epoch: int) -> bytes:
    """page with the reload script's tag just before its `</body>` (at its end if it has none)."""
    tag = f'<script src="{PREFIX}reload.js" data-epoch="{epoch}" defer></script>'.encode()
    at = page.rfind(b"</body>")
    return page + tag if at < 0 else page[:at] + tag + page[at:]


class Reloads:
    """The count of finished builds (the epoch), which open pages wait on."""

    def __init__(self) -> None:
        self.epoch = 0
        self.building = False
        self.changed = threading.Condition()

    @contextlib.contextmanager
    def build(self) -> Iterator[None]:
        """Mark a build as running; when it ends, good or not, count it and wake every waiting page."""
        with self.changed:
            self.building = True
        try:
            yield
        finally:
            with self.changed:
                self.building = False
                self.epoch += 1
                self.changed.notify_all()

    def settled(self, timeout: float) -> int:
        """The epoch once no build is running (or after timeout): what a file served now belongs to."""
        with self.changed:
            self.changed.wait_for(lambda: not self.building, timeout)
            return self.epoch

    def after(self, since: int, timeout: float) -> int:
        """The epoch once a build other than since has finished, or since after timeout.

        "Other", not "later": a page of an earlier run of the preview reloads at once.
        """
        with self.changed:
            self.changed.wait_for(lambda: not self.building and self.epoch != since, timeout)
            return self.epoch

    def answer(self, path: str, query: str, start: Callable) -> Iterable[bytes]:
        """The reload script, or the epoch after `since`; 404 for any other path under PREFIX."""
        since = parse_qs(query).get("since", [""])[-1]
        if path == PREFIX + "reload.js":
            status, kind, body = "200 OK", "text/javascript; charset=utf-8", SCRIPT.read_bytes()
        elif path == PREFIX + "epoch" and since.isdecimal():
            status, kind = "200 OK", "text/plain; charset=utf-8"
            body = str(self.after(int(since), POLL_SECONDS)).encode()
        elif path == PREFIX + "epoch":  # only the script asks, always with a number
            status, kind, body = "400 Bad Request", "text/plain; charset=utf-8", b"since=N"
        else:
            status, kind, body = "404 Not Found", "text/plain; charset=utf-8", say("not_found").encode("utf-8")
        start(status, [("Content-Type", kind), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
        return [body]
