"""A Diff written for people: plain text for the terminal, Markdown for a GitHub job summary.

Both say the same, in the same order: archived articles changed (loudly), what readers will see
differently, then each kind of record. A changed text shows its changed words marked
([-old-]{+new+}, or ~~old~~ **new**), a short value old → new, an item added to a list
(a correction) as "added: was 92.24, because …".
"""

from __future__ import annotations

from collections.abc import Callable

from sitegen.messages import say
from sitegen.newsroom import words
from sitegen.newsroom.diff import KINDS, Change, Diff
from sitegen.newsroom.entries import shown_name
from sitegen.newsroom.visible import PageChange

MARKS = {"added": "+", "removed": "-", "changed": "~"}
ICONS = {"added": "➕", "removed": "➖", "changed": "✏️"}
PAGES_SHOWN = 12  # pages listed under "what readers will see differently"; the rest are counted


def text(diff: Diff) -> str:
    """The diff as plain text, one record per line and one changed field per indented line."""
    lines = [say("diff_heading", ref=str(diff.commit)), ""]
    altered, added = _archive(diff)
    if altered:
        lines += [say("diff_archive_heading")]
        for change in altered:
            lines += [f"  !! {_archive_line(change)}"] + [f"      {words.text(h)}" for h in change.hunks]
        lines.append("")
    if added:
        lines += [say("diff_archive_added")] + [f"  + {a.file}" for a in added] + [""]
    if found := _pages(diff):
        heading, pages, more = found
        lines += [heading] + [f"  {p.path} ({', '.join(p.langs)}){_page_words(p, words.text)}" for p in pages]
        lines += [f"  {line}" for line in more] + [""]
    for kind, changes in _by_kind(diff):
        lines.append(f"{_kind(kind)}: {_counts(changes)}")
        for change in changes:
            lines.append(f"  {MARKS[change.status]} {change.label}   {change.where}")
            lines += [f"      {line}" for field in change.fields for line in _field(change, *field)]
        lines.append("")
    return "\n".join(lines + _closing(diff, str))


def markdown(diff: Diff) -> str:
    """The diff as GitHub-flavoured Markdown, for $GITHUB_STEP_SUMMARY or a pull-request comment."""
    lines = [f"### {_md(say('diff_heading', ref=str(diff.commit)))}", ""]
    altered, added = _archive(diff)
    if altered:
        lines += ["> [!WARNING]", f"> **{_md(say('diff_archive_heading'))}**", ">"]
        for change in altered:
            lines += [f"> - {_md(_archive_line(change))}"] + [f">   - {words.markdown(h, _md)}" for h in change.hunks]
        lines.append("")
    if added:
        lines += [f"#### {_md(say('diff_archive_added'))}", ""] + [f"- `{a.file}`" for a in added] + [""]
    if found := _pages(diff):
        heading, pages, more = found
        lines += [f"#### {_md(heading)}", ""]
        lines += [f"- `{p.path}` ({', '.join(p.langs)}){_page_words(p, _md_hunk)}" for p in pages]
        lines += [f"- {_md(line)}" for line in more] + [""]
    for kind, changes in _by_kind(diff):
        lines += [f"#### {_md(_kind(kind))}: {_md(_counts(changes))}", ""]
        for change in changes:
            lines.append(f"- {ICONS[change.status]} **{_md(say('diff_' + change.status))}** "
                         f"{_md(change.label)} — `{change.where}`")
            lines += [f"  - {line}" for field in change.fields for line in _field(change, *field, markdown=True)]
        lines.append("")
    return "\n".join(lines + _closing(diff, lambda line: f"**{_md(line)}**"))


def _pages(diff: Diff) -> tuple[str, list[PageChange], list[str]] | None:
    """What readers will see differently: the heading, the pages listed, and a line for the rest (or
    for none); None when it is not known (the data has problems)."""
    if diff.pages is None:
        return None
    rest = len(diff.pages) - PAGES_SHOWN
    more = [say("diff_pages_more", count=rest)] if rest > 0 else [] if diff.pages else [say("diff_pages_none")]
    return say("diff_pages", count=len(diff.pages)), diff.pages[:PAGES_SHOWN], more


def _page_words(page: PageChange, form: Callable) -> str:
    if page.status != "changed":
        return f": {say('diff_page_' + page.status)}"
    return f": {form(page.hunk)}" if page.hunk else ""


def _md_hunk(hunk: list) -> str:
    return words.markdown(hunk, _md)


def _closing(diff: Diff, strong: Callable[[str], str]) -> list[str]:
    lines = []
    if not diff.changes and not diff.archive:
        lines += [say("diff_none"), ""]
    if diff.problems:
        lines += [strong(say("diff_problems", count=diff.problems)), ""]
    if diff.old_problems:
        lines += [say("diff_old_problems", count=diff.old_problems, ref=str(diff.commit)), ""]
    return lines


def _archive(diff: Diff) -> tuple[list, list]:
    """Archived articles changed or removed (never expected: shown loudly), and new ones."""
    return [a for a in diff.archive if a.status != "added"], [a for a in diff.archive if a.status == "added"]


def _by_kind(diff: Diff) -> list[tuple[str, list[Change]]]:
    return [(kind, found) for kind in KINDS if (found := diff.of(kind))]


def _kind(kind: str) -> str:
    return say("diff_kind_" + kind)


def _counts(changes: list[Change]) -> str:
    count = {s: sum(c.status == s for c in changes) for s in ("added", "changed", "removed")}
    return say("diff_counts", **count)


def _archive_line(change) -> str:
    return say("diff_archive_line", file=change.file, status=say("diff_" + change.status),
               added=change.added, removed=change.removed)


def _field(change: Change, name: str, old: str | None, new: str | None, markdown: bool = False) -> list[str]:
    """One changed field as lines: a text's changed words marked, a value old → new, an item added or removed."""
    shown = f"`{shown_name(name)}`" if markdown else shown_name(name)
    quoted, esc = (lambda v: _md(_quoted(v))) if markdown else _quoted, _md if markdown else str
    if change.status != "changed":  # a record added or removed: its fields as they are
        return [f"{shown}: {quoted(new if old is None else old)}"]
    if old is None or new is None:  # a field, or an item of a list (a correction), added or removed
        return [f"{shown}: {esc(say('diff_' + ('added' if old is None else 'removed')))}: {quoted(old or new)}"]
    if " " in old.strip() and " " in new.strip():  # a text: its changed words, marked
        marked = [words.markdown(h, _md) if markdown else words.text(h) for h in words.hunks(old, new)]
        return [f"{shown}: {hunk}" for hunk in marked]
    if markdown:
        return [f"{shown}: ~~{quoted(old)}~~ → **{quoted(new)}**"]
    return [f"{shown}: {quoted(old)} → {quoted(new)}"]


def _quoted(value: str | None) -> str:
    """Long or spaced text in quotes, so that its ends show; numbers and ids as they are."""
    value = (value or "").replace("\n", " ")
    return f"“{value}”" if " " in value or not value else value


def _md(value: str) -> str:
    """Text that Markdown shows as written (no emphasis, links, tables or HTML from the data)."""
    for char in "\\`*_[]<>|~#":
        value = value.replace(char, "\\" + char)
    return value
