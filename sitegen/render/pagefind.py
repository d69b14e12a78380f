"""Pagefind, the search indexer, driven over `pagefind --service`: requests in, the bundle's files out.

Pagefind's documented Python API (`pagefind.index.PagefindIndex`, 1.5.2) was tried both ways and not
taken. One `add_html_file` per page waits 0.1 s before reading each answer (about 25 s for this
site's pages instead of about 1 s), and `get_files` reads at most 2 MiB in one answer (this site's
bundle is 2.09 MB). `add_directory` over the pages written to a folder, then writing the bundle, is
as fast as this client, but Pagefind then numbers the pages in the order the file system lists the
folder: the same pages gave different index files on ext4 and on tmpfs, so builds would no longer be
byte-identical from one machine to the next. The wrapper also has no deadline, does not report a
process that exits before answering, and leaves the indexer running after an error answer. So the
same binary (from the `pagefind-bin` wheel) is driven here over the protocol that API wraps, pages in
sorted order, with what the API lacks: a deadline on every read, Pagefind's own error message
reported at once, and the process always stopped.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import selectors
import subprocess
import threading
from collections.abc import Iterable

from sitegen.errors import BuildError, Problem
from sitegen.messages import say
from sitegen.read.numbers import plain

DEADLINE = 60.0  # seconds without a new answer before the indexer is given up as hung


def wire(requests: Iterable[dict]) -> list[bytes]:
    """The requests as `pagefind --service` reads them: base64 of each one's JSON (UTF-8), then a comma."""
    return [base64.b64encode(json.dumps({"message_id": n, "payload": payload}, ensure_ascii=False).encode()) + b","
            for n, payload in enumerate(requests, 1)]


def bundle(messages: list[bytes], kept: tuple[str, ...]) -> dict[str, bytes]:
    """Run the indexer on the messages; the files of its last answer whose names start with kept."""
    files = {}
    for item in _run(messages)[-1]["payload"]["files"]:
        name = item["path"]
        if name.startswith(kept):
            body = base64.b64decode(item["content"])
            if name == "pagefind-entry.json":  # its languages come in a different order each run
                body = json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False,
                                  separators=(",", ":")).encode("utf-8")
            files[f"pagefind/{name}"] = body
    return files


def binary() -> str:
    """The indexer the pagefind-bin wheel ships."""
    from pagefind_bin import get_executable

    return str(get_executable())


def _run(messages: list[bytes]) -> list[dict]:
    """Send the messages and read the answers up to the last one, each within DEADLINE seconds."""
    try:
        process = subprocess.Popen([binary(), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
    except (ImportError, OSError) as exc:
        raise _failed(say("search_no_binary", reason=exc)) from None
    said = bytearray()  # what Pagefind writes to stderr: its own words when it fails
    helpers = [threading.Thread(target=_feed, args=(process, messages), daemon=True),
               threading.Thread(target=lambda: said.extend(process.stderr.read()), daemon=True)]
    for helper in helpers:
        helper.start()
    try:
        return _answers(process, len(messages))
    except _Stopped:
        process.wait(timeout=5)
        helpers[1].join(timeout=5)  # all it said, up to its last words
        lines = bytes(said).decode("utf-8", "replace").strip().splitlines()
        raise _failed(lines[-1] if lines else say("search_stopped")) from None
    finally:
        process.kill()  # it has answered everything asked; it would otherwise wait for more
        process.wait()
        for helper in helpers:
            helper.join(timeout=5)
        for stream in (process.stdin, process.stdout, process.stderr):
            with contextlib.suppress(OSError):
                stream.close()


class _Stopped(Exception):
    """The indexer closed its output before the last answer."""


def _answers(process: subprocess.Popen, last: int) -> list[dict]:
    answers: list[dict] = []
    pending = b""
    with selectors.DefaultSelector() as waiting:
        waiting.register(process.stdout, selectors.EVENT_READ)
        while not answers or answers[-1].get("message_id") != last:
            if not waiting.select(timeout=DEADLINE):
                raise _failed(say("search_hung", seconds=plain(DEADLINE)))
            chunk = os.read(process.stdout.fileno(), 1 << 20)
            if not chunk:
                raise _Stopped
            *whole, pending = (pending + chunk).split(b",")
            for answer in (json.loads(base64.b64decode(part)) for part in whole if part.strip()):
                if answer["payload"].get("type") == "Error":
                    raise _failed(answer["payload"].get("message", say("search_stopped")))
                answers.append(answer)
    return answers


def _failed(reason: str) -> BuildError:
    return BuildError([Problem("pagefind", 0, 0, say("search_failed", reason=reason))])


def _feed(process: subprocess.Popen, messages: list[bytes]) -> None:
    try:
        process.stdin.writelines(messages)
        process.stdin.flush()
    except (BrokenPipeError, ValueError, OSError):
        pass  # the indexer stopped; the reader reports it
