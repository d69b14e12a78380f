"""A Diff written for people: plain text for the terminal, Markdown for a GitHub job summary."""

from __future__ import annotations

from sitegen.messages import say
from sitegen.newsroom.diff import KINDS, Change, Diff, line_counts

MARKS = {"added": "+", "removed": "-", "changed": "~"}
ICONS = {"added": "➕", "removed": "➖", "changed": "✏️"}


def text(diff: Diff) -> str:
    """The diff as plain text, one record per line and one changed field per indented line."""
    lines = [say("diff_heading", ref=str(diff.commit)), ""]
    altered, added = _archive(diff)
    if altered:
        lines += [say("diff_archive_heading")]
        lines += [f"  !! {_archive_line(a)}" for a in altered] + [""]
    if added:
        lines += [say("diff_archive_added")] + [f"  + {a.file}" for a in added] + [""]
    for kind, changes in _by_kind(diff):
        lines.append(f"{_kind(kind)}: {_counts(changes)}")
        for change in changes:
            lines.append(f"  {MARKS[change.status]} {change.label}   {change.where}")
            lines += [f"      {_field(name, old, new)}" for name, old, new in change.fields]
        lines.append("")
    if not diff.changes and not diff.archive:
        lines += [say("diff_none"), ""]
    if diff.problems:
        lines += [say("diff_problems", count=diff.problems), ""]
    if diff.old_problems:
        lines += [say("diff_old_problems", count=diff.old_problems, ref=str(diff.commit)), ""]
    return "\n".join(lines)


def markdown(diff: Diff) -> str:
    """The diff as GitHub-flavoured Markdown, for $GITHUB_STEP_SUMMARY or a pull-request comment."""
    lines = [f"### {_md(say('diff_heading', ref=str(diff.commit)))}", ""]
    altered, added = _archive(diff)
    if altered:
        lines += ["> [!WARNING]", f"> **{_md(say('diff_archive_heading'))}**", ">"]
        lines += [f"> - {_md(_archive_line(a))}" for a in altered] + [""]
    if added:
        lines += [f"#### {_md(say('diff_archive_added'))}", ""] + [f"- `{a.file}`" for a in added] + [""]
    for kind, changes in _by_kind(diff):
        lines += [f"#### {_md(_kind(kind))}: {_md(_counts(changes))}", ""]
        for change in changes:
            lines.append(f"- {ICONS[change.status]} **{_md(say('diff_' + change.status))}** "
                         f"{_md(change.label)} — `{change.where}`")
            lines += [f"  - {_md_field(name, old, new)}" for name, old, new in change.fields]
        lines.append("")
    if not diff.changes and not diff.archive:
        lines += [_md(say("diff_none")), ""]
    if diff.problems:
        lines += [f"**{_md(say('diff_problems', count=diff.problems))}**", ""]
    if diff.old_problems:
        lines += [_md(say("diff_old_problems", count=diff.old_problems, ref=str(diff.commit))), ""]
    return "\n".join(lines)


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


def _field(name: str, old: str | None, new: str | None) -> str:
    if name == "body":
        added, removed = line_counts((old or "").splitlines(), (new or "").splitlines())
        return f"{name}: {say('diff_body', added=added, removed=removed)}"
    if old is None:
        return f"{name}: {_quoted(new)}"
    if new is None:
        return f"{name}: {_quoted(old)} → {say('diff_gone')}"
    return f"{name}: {_quoted(old)} → {_quoted(new)}"


def _md_field(name: str, old: str | None, new: str | None) -> str:
    if name == "body":
        return _md(_field(name, old, new))
    if old is None:
        return f"`{name}`: {_md(_quoted(new))}"
    if new is None:
        return f"`{name}`: ~~{_md(_quoted(old))}~~ → *{_md(say('diff_gone'))}*"
    return f"`{name}`: ~~{_md(_quoted(old))}~~ → **{_md(_quoted(new))}**"


def _quoted(value: str | None) -> str:
    """Long or spaced text in quotes, so that its ends show; numbers and ids as they are."""
    value = (value or "").replace("\n", " ")
    return f"“{value}”" if " " in value or not value else value


def _md(value: str) -> str:
    """Text that Markdown shows as written (no emphasis, links, tables or HTML from the data)."""
    for char in "\\`*_[]<>|~#":
        value = value.replace(char, "\\" + char)
    return value
