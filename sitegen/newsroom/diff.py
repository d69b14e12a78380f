"""What changed in the data and stories between a commit and the working tree, by meaning.

Both sides are loaded with the project's own loader and compared record by record, by id: figures,
targets, events, stories and charts added, removed or changed (each changed field old → new), and
every archived article whose text changed. Shown as plain text or as Markdown (a GitHub job summary).
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.newsroom import visible, words
from sitegen.newsroom.entries import Entry, snapshot
from sitegen.read import history
from sitegen.read.history import Commit

KINDS = ("figure", "target", "event", "indicator", "source", "story", "chart")
STATUSES = ("changed", "added", "removed")
# The fields that introduce a record that was added or removed (all of them show when one changes).
SHOWN = {"figure": ("value", "qualifier", "as_of", "quote"), "target": ("value", "direction", "deadline", "quote"),
         "event": ("date", "kind", "title.vi", "quote"), "story": ("title", "date"),
         "chart": ("kind", "indicators", "title.vi"),
         "indicator": ("label.vi", "label.en", "unit", "definition.vi", "comparable"),
         "source": ("title", "outlet.vi", "published", "url", "provinces")}


@dataclass(frozen=True)
class Change:
    """A record added, removed or changed; fields are (name, old, new), None where absent."""

    kind: str
    status: str
    label: str
    where: str
    fields: tuple[tuple[str, str | None, str | None], ...]


@dataclass(frozen=True)
class ArchiveChange:
    """An archived article (data/sources/…) added, removed or changed, with its lines added and removed."""

    file: str
    status: str
    added: int
    removed: int
    hunks: tuple = ()  # the changed words, each with a few words around (see words.py)


@dataclass
class Diff:
    """Everything that differs between commit and the working tree."""

    commit: Commit
    changes: list[Change] = field(default_factory=list)
    archive: list[ArchiveChange] = field(default_factory=list)
    problems: int = 0  # problems in the working tree: records that failed to load are not compared
    old_problems: int = 0  # problems of the commit's data by today's rules (its records then show as added)
    pages: list[visible.PageChange] | None = None  # what readers will see differently (None: not known)

    def of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


def between(root: Path, ref: str | None = None) -> Diff:
    """Compare data/ and content/ at ref (see history.resolve) with the working tree under root."""
    commit = history.resolve(root, ref)
    with tempfile.TemporaryDirectory(prefix="sitegen-diff-") as tmp:
        before = history.extract(root, commit, Path(tmp))
        old, old_problems = snapshot(before)
        new, problems = snapshot(root)
        found = Diff(commit, problems=problems, old_problems=old_problems)
        for kind in KINDS:
            found.changes += compare(kind, old[kind], new[kind])
        found.archive = _archive(old["archive"], new["archive"])
        if (found.changes or found.archive) and not problems and not old_problems and (root / "templates").is_dir():
            shutil.copytree(root / "templates", before / "templates")  # both sides as today's templates show them
            found.pages = visible.compare(before, root)
    return found


def matched(kind: str, old: dict[str, Entry], new: dict[str, Entry]) -> list[tuple[str, str]]:
    """The (old id, new id) of every record on both sides: by id, and figures whose period changed by series."""
    pairs = [(key, key) for key in sorted(old.keys() & new.keys())]
    if kind == "figure":
        gone = {key: old[key] for key in old.keys() - new.keys()}
        came = {key: new[key] for key in new.keys() - old.keys()}
        pairs += _repaired(gone, came)
    return pairs


def compare(kind: str, old: dict[str, Entry], new: dict[str, Entry]) -> list[Change]:
    """The changes of one kind of record, matched by id (figures whose period changed, by series)."""
    keys = matched(kind, old, new)
    gone = {key: old[key] for key in old.keys() - {a for a, _ in keys}}
    came = {key: new[key] for key in new.keys() - {b for _, b in keys}}
    pairs = [(old[a], new[b]) for a, b in keys]
    changes = [Change(kind, "changed", after.label, after.where, _fields_changed(before.fields, after.fields))
               for before, after in pairs if before.fields != after.fields]
    changes += [Change(kind, "added", e.label, e.where, _shown(kind, e, new=True)) for e in came.values()]
    changes += [Change(kind, "removed", e.label, e.where, _shown(kind, e, new=False)) for e in gone.values()]
    return sorted(changes, key=lambda c: (STATUSES.index(c.status), c.where.split(":")[0], _line(c.where), c.label))


def _line(where: str) -> int:
    return int(where.rpartition(":")[2] or 0) if where.rpartition(":")[2].isdigit() else 0


def _repaired(gone: dict[str, Entry], came: dict[str, Entry]) -> list[tuple[str, str]]:
    """A figure whose period changed has a new id: pair it with the old one when its series is unambiguous."""
    pairs = []
    for series in {e.series for e in gone.values()} & {e.series for e in came.values()}:
        before = [k for k, e in gone.items() if e.series == series]
        after = [k for k, e in came.items() if e.series == series]
        if len(before) == len(after) == 1:
            pairs.append((before[0], after[0]))
    return sorted(pairs, key=lambda p: came[p[1]].label)


def _fields_changed(old: dict[str, str], new: dict[str, str]) -> tuple[tuple[str, str | None, str | None], ...]:
    names = list(new) + [name for name in old if name not in new]
    return tuple((n, old.get(n), new.get(n)) for n in names if old.get(n) != new.get(n))


def _shown(kind: str, entry: Entry, new: bool) -> tuple[tuple[str, str | None, str | None], ...]:
    return tuple((n, None if new else entry.fields[n], entry.fields[n] if new else None)
                 for n in SHOWN[kind] if n in entry.fields)


def _archive(old: dict[str, bytes], new: dict[str, bytes]) -> list[ArchiveChange]:
    found = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        status = "added" if before is None else "removed" if after is None else "changed"
        added, removed = line_counts(_lines(before), _lines(after))
        changed = words.hunks(*("\n".join(_lines(raw)) for raw in (before, after))) if status == "changed" else []
        found.append(ArchiveChange(name, status, added, removed, tuple(changed)))
    return found


def _lines(raw: bytes | None) -> list[str]:
    return raw.decode("utf-8", errors="replace").splitlines() if raw is not None else []


def line_counts(old: list[str], new: list[str]) -> tuple[int, int]:
    """How many lines were added and removed between old and new."""
    added = removed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return added, removed
