"""`build.py add-source data/sources/<id>.txt`: the entry a new archived article needs, ready to fill in.

It appends to data/sources.yaml an entry with the id, the file, its SHA-256 and a commented TODO
for every field only a reporter can know, and creates data/observations/<id>.yaml. It changes no
other line, and refuses an article that is already listed or a file outside data/sources/.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitegen.errors import BuildError, Problem
from sitegen.messages import say
from sitegen.read import period
from sitegen.read.articles import digest

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

ENTRY = """
# Added by `python build.py add-source`: replace every TODO, then run `python build.py check`.
- id: {id}
  file: {file}
  sha256: {sha256}          # seals the text; never edit it by hand (README, "Adding a source")
  title: "TODO"             # the headline, exactly as the article gives it
  title_en: "TODO"          # our English gloss of the headline
  outlet: null              # or {{vi: Báo …, en: … Newspaper}} when the text names its outlet
  language: vi              # vi | en: the language the article is written in
  published: "TODO"         # "2024-10-15", or the narrowest period the text supports: "2024-10/2024-12"
  published_note:           # how you worked the date out, in both languages
    vi: "TODO"
    en: "TODO"
  provinces: [TODO]         # the provinces it reports on: bac-kan, bac-ninh, vietnam
  defects: []               # known faults of the text (typos, repeated paragraphs), as {{vi: …, en: …}}
  added: "{added}"          # the day it was added to the site: the pages that show its figures say they changed then
  # url: https://…          # the article's address, where it is known
"""

OBSERVATIONS = """# Every quantitative figure in data/sources/{file}.
# Replace the [] below with one block per figure: copy a block from another file under
# data/observations/ (README, "Adding a figure"), with source: {id}.
[]
"""


def add_source(root: Path, name: str) -> int:
    """Scaffold the sources.yaml entry and the observations file of an archived article; the exit code."""
    path = (root / name).resolve() if not Path(name).is_absolute() else Path(name)
    archive = (root / "data" / "sources").resolve()
    if path.parent != archive or path.suffix != ".txt":
        raise BuildError([Problem(name, 0, 0, say("add_source_where"))])
    if not path.is_file():
        raise BuildError([Problem(name, 0, 0, say("add_source_missing"))])
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BuildError([Problem(name, 0, 0, say("add_source_not_utf8", at=exc.start))]) from None
    source_id = path.stem
    if not _ID.match(source_id):
        raise BuildError([Problem(name, 0, 0, say("add_source_id", id=source_id))])
    sources = root / "data" / "sources.yaml"
    listed = sources.read_text(encoding="utf-8") if sources.exists() else ""
    for number, line in enumerate(listed.split("\n"), 1):
        if re.match(rf"^\s*-?\s*(id:\s*{source_id}|file:\s*{re.escape(path.name)})\s*(#.*)?$", line):
            raise BuildError([Problem("data/sources.yaml", number, 1, say("add_source_listed", file=path.name))])
    observations = root / "data" / "observations" / f"{source_id}.yaml"
    if observations.exists():
        raise BuildError([Problem(f"data/observations/{source_id}.yaml", 1, 1, say("add_source_observations"))])
    entry = ENTRY.format(id=source_id, file=path.name, sha256=digest(path), added=period.today().isoformat())
    sources.write_text(listed + ("" if listed.endswith("\n") or not listed else "\n") + entry, encoding="utf-8")
    observations.parent.mkdir(parents=True, exist_ok=True)
    observations.write_text(OBSERVATIONS.format(id=source_id, file=path.name), encoding="utf-8")
    print(say("add_source_done", id=source_id, observations=f"data/observations/{source_id}.yaml"))
    return 0

