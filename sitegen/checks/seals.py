"""The archive is tamper-evident: each archived article's SHA-256, recorded in data/sources.yaml.

The site quotes the articles word for word, so their text may not drift. A changed file is a problem
until the entry says why, under `transcription_fixes` (a date and what was fixed: a character our
copy got wrong, a paragraph it dropped), and records the new hash. Against the published state, the
published-state rule (checks/published.py) also insists that a new hash comes with a new fix.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitegen.errors import Problem
from sitegen.messages import say
from sitegen.read.articles import digest

PLACEHOLDER = "TODO"  # what `build.py add-source` writes where only a reporter knows the answer


def sealed(dataset, root: Path) -> list[Problem]:
    """A problem for every source whose archived file has no recorded hash, or another one."""
    problems = []
    for source in dataset.sources.values():
        problems += placeholders(source)
        path = root / "data" / "sources" / source.file
        if source.id not in dataset.archive:  # missing or unreadable: reported already
            continue
        found = digest(path)
        if source.sha256 is None:
            problems.append(Problem(*source.at("file"), say("archive_hash_missing", file=source.file, sha256=found)))
        elif source.sha256 != found:
            key = "archive_line_endings" if _line_endings_only(path, source.sha256) else "archive_changed"
            problems.append(Problem(*source.at("sha256"), say(key, file=source.file, sha256=found)))
    return problems


def _line_endings_only(path: Path, sealed: str) -> bool:
    """True when the file differs from its seal only by Windows line endings (CRLF for LF)."""
    raw = path.read_bytes()
    return b"\r\n" in raw and hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest() == sealed


def placeholders(source) -> list[Problem]:
    """A problem for every field of a source entry that still holds add-source's TODO."""
    fields = [("title", source.title), ("title_en", source.title_en), ("published_note", source.published_note.vi),
              ("published_note", source.published_note.en)]
    unfilled = {name for name, value in fields if value and value.strip().startswith(PLACEHOLDER)}
    return [Problem(*source.at(name), say("add_source_todo", name=name)) for name in sorted(unfilled)]
