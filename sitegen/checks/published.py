"""What readers have already seen stays accountable: the published state (origin/main) against the data.

A published figure or target whose value changes needs a correction (`corrections:` with the value
it `was`), and an archived article whose recorded hash changes needs a new `transcription_fixes`
entry. Where the published state is unknown (no git checkout, no origin/main) nothing is compared.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import Problem
from sitegen.messages import say
from sitegen.model import dataset as data
from sitegen.newsroom import diff
from sitegen.read import history
from sitegen.read.history import Commit


@dataclass(frozen=True)
class State:
    """The published figures and targets (flattened, as the diff compares them) and sources' seals."""

    commit: Commit
    records: dict[str, dict[str, diff.Entry]]  # "figure" | "target" -> id -> entry
    seals: dict[str, tuple[str | None, int]]  # source id -> (sha256, number of transcription fixes)


_STATES: dict[str, State] = {}  # by commit: a preview loads the published state once


def unrecorded(root: Path, dataset: data.Dataset) -> list[Problem]:
    """A problem for every published value changed without a correction, and every unexplained new seal."""
    commit = history.published(root)
    if commit is None:
        return []
    state = _state(root, commit)
    problems = []
    now = {"figure": {o.id: o for o in dataset.observations}, "target": dict(dataset.targets)}
    for kind, records in now.items():
        entries = {key: (diff.figure if kind == "figure" else diff.target)(r) for key, r in records.items()}
        for old_id, new_id in diff.matched(kind, state.records[kind], entries):
            was = state.records[kind][old_id].fields.get("value")
            record = records[new_id]
            if was != entries[new_id].fields.get("value") and not _corrected(entries[new_id].fields, was):
                problems.append(Problem(*record.at("value"), say("correction_missing", was=was, ref=str(commit))))
    for source in dataset.sources.values():
        sealed, fixes = state.seals.get(source.id, (None, 0))
        if sealed and source.sha256 and source.sha256 != sealed and len(source.transcription_fixes) <= fixes:
            problems.append(Problem(*source.at("sha256"), say("transcription_fix_missing", file=source.file,
                                                               ref=str(commit))))
    return problems


def _corrected(fields: dict[str, str], was: str | None) -> bool:
    """True when one of the record's corrections says it was the published value."""
    return any(name.startswith("corrections.") and name.endswith(".was") and value == was
               for name, value in fields.items())


def _state(root: Path, commit: Commit) -> State:
    if commit.sha not in _STATES:
        with tempfile.TemporaryDirectory(prefix="sitegen-published-") as tmp:
            old, _ = data.load(history.extract(root, commit, Path(tmp)))
        _STATES[commit.sha] = State(commit, {
            "figure": {o.id: diff.figure(o) for o in old.observations},
            "target": {t.id: diff.target(t) for t in old.targets.values()}},
            {s.id: (s.sha256, len(s.transcription_fixes)) for s in old.sources.values()})
    return _STATES[commit.sha]
