"""What readers have already seen stays accountable: the data against the last published state.

A published figure or target whose value changes needs a correction (`corrections:` with the value
it `was`); one that is removed must be withdrawn in the open (`retracted:`); an archived article
whose recorded hash changes needs a new `transcription_fixes` entry. Values compare as exact
decimals. The published state is the reference the workflows pass (the commit Pages last published,
a pull request's base), else origin/main when it resolves; `none` (before the first publication:
readers have seen nothing) and a folder without git history (a tarball of the project) skip the rule,
and say so in a note.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import Problem, Skipped
from sitegen.messages import say
from sitegen.model import loader
from sitegen.model.dataset import Dataset
from sitegen.read import history
from sitegen.read.history import Commit
from sitegen.read.numbers import plain
from sitegen.read.records import Observation, Target


@dataclass(frozen=True)
class State:
    """The published figures and targets by id, and each source's seal with its number of fixes."""

    commit: Commit
    figures: dict[str, Observation]
    targets: dict[str, Target]
    seals: dict[str, tuple[str | None, int]]


_STATES: dict[str, State] = {}  # by commit: a preview loads the published state once


def unrecorded(root: Path, data: Dataset, reference: str | None = None) -> Iterator[Problem]:
    """A problem for every published value changed without a correction, and every unexplained new seal."""
    if reference == history.NEVER:
        yield Skipped("data", 0, 0, say("published_never"))
        return
    try:
        commit = history.published(root, reference)
    except history.Unresolved as exc:  # a reference was given: never publish unguarded
        yield Problem(exc.reference, 0, 0, say("published_unknown", ref=exc.reference))
        return
    if commit is None:
        yield Skipped("data", 0, 0, say("published_skipped"))
        return
    state = _state(root, commit)
    withdrawn = {r.id for r in data.retracted}
    for published, now in ((state.figures, {o.id: o for o in data.observations}), (state.targets, data.targets)):
        pairs = list(_matched(published, now))
        for old, new in pairs:
            yield from _changed(old, new, commit)
        kept = {old.id for old, _ in pairs} | withdrawn
        for old in (r for key, r in published.items() if key not in kept and not _unreadable(data, r)):
            yield Problem(*_was(root, old), say("published_removed", province=old.province, indicator=old.indicator,
                                                value=plain(old.value), ref=str(commit)))
    for source in data.sources.values():
        sealed, fixes = state.seals.get(source.id, (None, 0))
        if sealed and source.sha256 and source.sha256 != sealed and len(source.transcription_fixes) <= fixes:
            yield Problem(*source.at("sha256"), say("transcription_fix_missing", file=source.file, ref=str(commit)))


def _changed(old: Observation | Target, new: Observation | Target, commit: Commit) -> Iterator[Problem]:
    if old.value != new.value and not any(c.was == old.value for c in new.corrections):
        yield Problem(*new.at("value"), say("correction_missing", was=plain(old.value), ref=str(commit)))


def _was(root: Path, record: Observation | Target) -> tuple[str, int, int]:
    """Where a deleted record stood: its line in the published file, in the file as it is now (its last line
    when it has fewer), or the file's start when the file is gone too."""
    path, line, _ = record.where
    try:
        lines = len((root / path).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return path, 1, 1
    return path, max(1, min(line, lines)), 1


def _unreadable(data: Dataset, record: Observation | Target) -> bool:
    """A record that may be missing only because its file has a problem now: that problem is the report."""
    return record.id in data.broken or data.spared(record.province, record.indicator)


def _matched(old: dict, new: dict) -> Iterator[tuple]:
    """Each published record with its record now: by id, or for a figure whose period was fixed, by
    its series and article when that leaves no doubt."""
    yield from ((old[key], new[key]) for key in sorted(old.keys() & new.keys()))
    gone = [r for key, r in old.items() if key not in new and isinstance(r, Observation)]
    came = [r for key, r in new.items() if key not in old and isinstance(r, Observation)]
    for series in sorted({_series(r) for r in gone} & {_series(r) for r in came}):
        before, after = [r for r in gone if _series(r) == series], [r for r in came if _series(r) == series]
        if len(before) == len(after) == 1:
            yield before[0], after[0]


def _series(obs: Observation) -> tuple[str, str, str]:
    return obs.province, obs.indicator, obs.source


def _state(root: Path, commit: Commit) -> State:
    if commit.sha not in _STATES:
        with tempfile.TemporaryDirectory(prefix="sitegen-published-") as tmp:
            old, _ = loader.load(history.extract(root, commit, Path(tmp)))
        _STATES[commit.sha] = State(commit, {o.id: o for o in old.observations}, dict(old.targets),
                                    {s.id: (s.sha256, len(s.transcription_fixes)) for s in old.sources.values()})
    return _STATES[commit.sha]
