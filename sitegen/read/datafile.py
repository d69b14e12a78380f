"""The reader: one YAML file into located records, every invalid one explained at its line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from sitegen.errors import BuildError, Problem
from sitegen.messages import say
from sitegen.read import yamlfile
from sitegen.read.explain import explain
from sitegen.read.names import Names
from sitegen.read.records import Record

R = TypeVar("R", bound=Record)

# Records of files read cleanly, with the bytes they were read from. Records are immutable, so a
# long-running preview reuses them while a file is unchanged; a new process starts empty.
_READ: dict[tuple[str, type, bool], tuple[bytes, list]] = {}


def read_records(path: Path, root: Path, model: type[R], problems: list[Problem],
                 single: bool = False, broken: set[str] | None = None, names: Names | None = None) -> list[R]:
    """Read one YAML file into located records; add a problem for each bad one and skip it.

    `single`: the file holds one mapping (one record), not a list. `broken` collects the ids of
    records that failed, so that references to them give no echo errors elsewhere. `names` tells
    the id of a province written by its name.
    """
    shown = path.relative_to(root).as_posix()
    if not path.exists():
        problems.append(Problem(shown, 1, 1, say("file_missing")))
        return []
    content = path.read_bytes()
    key = (str(path), model, single)
    if key in _READ and _READ[key][0] == content:
        return list(_READ[key][1])  # the same bytes read cleanly before (the preview's rebuilds)
    before = len(problems)
    try:
        raw, positions = yamlfile.loads(content, shown)
    except BuildError as exc:
        problems.extend(exc.problems)
        return []
    out = records_from(raw, positions, model, problems, single, broken, names)
    if len(problems) == before:
        _READ[key] = (content, out)
    return out


def records_from(raw: object, positions: yamlfile.Positions, model: type[R], problems: list[Problem],
                 single: bool = False, broken: set[str] | None = None, names: Names | None = None) -> list[R]:
    """Validate loaded YAML into located records, explaining each invalid one."""
    if (single and not isinstance(raw, dict)) or (not single and not isinstance(raw, list)):
        problems.append(positions.problem((), say("file_mapping" if single else "file_list")))
        return []
    out = []
    for index, item in enumerate([raw] if single else raw):
        loc = () if single else (index,)
        try:
            record = model.model_validate(item)
        except ValidationError as exc:
            problems.extend(explain(exc, positions, loc, model, names))
            if broken is not None and isinstance(item, dict) and isinstance(item.get("id"), str):
                broken.add(item["id"])  # known, though invalid: spare the reporter echo errors
            continue
        place(record, positions, loc)
        out.append(record)
    return out


def place(record: Record, positions: yamlfile.Positions, loc: tuple) -> None:
    """Remember where each record (and nested record) was written, for later messages."""
    record._where = (positions.path, *positions.at(loc))
    record._fields = {name: positions.values[loc + (name,)] for name in type(record).model_fields
                      if loc + (name,) in positions.values}
    for name in type(record).model_fields:
        child = getattr(record, name)
        children = child if isinstance(child, list) else [child]
        for index, item in enumerate(children):
            if isinstance(item, Record):
                place(item, positions, loc + ((name, index) if isinstance(child, list) else (name,)))


def ids_in(path: Path) -> set[str]:
    """Ids written in a file that failed validation as a whole, to avoid echo errors elsewhere."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return set(re.findall(r"^\s*-?\s*id:\s*([a-z0-9-]+)\s*$", text, flags=re.M))
