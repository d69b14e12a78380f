"""Layout slips in YAML, told as what they are: a line indented too far or lined up with nothing above
it, a field without its colon. PyYAML reports them as "mapping values are not allowed" or "did not
find expected key", at a place where a reporter would look for something else (a colon in a text).
"""

from __future__ import annotations

import re

from sitegen.messages import say

_FIELD = re.compile(r"^(\s*(?:-\s+)?)([^\s\"'#][^:#]*?):(?:\s+(.*?))?\s*$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")  # a field name, as data files spell them
_DASH = re.compile(r"^(\s*)-(?:\s+|$)")


def explain(lines: list[str], number: int, reason: str) -> tuple[int, int, str] | None:
    """(line, column, message) for a layout slip PyYAML noticed on line `number` (1-based), or None."""
    above = _above(lines, number - 1)
    if above is None or not lines[number - 1].strip():
        return None
    line, prev = lines[number - 1], lines[above]
    if "mapping values are not allowed" in reason:
        return _no_colon(prev, above + 1) or _too_deep(line, number, prev, above + 1)
    if "expected ':'" in reason:
        return _no_colon(prev, above + 1) or _no_colon(line, number)
    if "expected key" in reason or "expected '-'" in reason or "expected <block end>" in reason:
        return _misaligned(lines, number, above)
    return None


def _above(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above index that holds YAML (not blank, not a comment)."""
    for at in range(index - 1, -1, -1):
        if lines[at].strip() and not lines[at].lstrip().startswith("#"):
            return at
    return None


def _no_colon(prev: str, number: int) -> tuple[int, int, str] | None:
    """The line above is a field without its colon, or without the space after it, or a dash without its space."""
    body = prev.strip()
    head = _DASH.match(prev)
    start = head.end() if head else len(prev) - len(prev.lstrip())
    text = prev[start:].rstrip()
    if body.startswith("-") and not head and _NAME.match(body[1:].split(":")[0]):  # "-province: alpha"
        return number, start + 1, say("yaml_dash_space", fixed="- " + body[1:].lstrip())
    word, _, rest = text.partition(" ")
    name, colon, value = word.partition(":")
    if colon and value and _NAME.match(name):  # "province:alpha"
        return number, start + len(name) + 2, say("yaml_colon_space", name=name,
                                                  fixed=f"{name}: {value}{' ' + rest if rest else ''}")
    if not colon and rest and _NAME.match(word) and ": " not in text:  # "province alpha"
        return number, start + len(word) + 1, say("yaml_colon_missing", name=word, fixed=f"{word}: {rest}")
    return None


def _too_deep(line: str, number: int, prev: str, prev_number: int) -> tuple[int, int, str] | None:
    """A field indented further than the field above, so that YAML reads it as more of that field's text."""
    field, above = _FIELD.match(line), _FIELD.match(prev)
    if not (field and above and above.group(3)) or not _NAME.match(field.group(2)):
        return None  # a text that goes on over lines and holds a colon is not an indentation slip
    got, want = _indent(line), len(above.group(1))  # the column where the field above starts its name
    if got <= want:
        return None
    return number, 1, say("yaml_indent_deeper", got=_spaces(got), want=_spaces(want), shown=_shown(prev),
                          line=prev_number)


def _misaligned(lines: list[str], number: int, above: int) -> tuple[int, int, str] | None:
    """A line whose indentation lines up with no line above it: the nearest level it could mean."""
    line = lines[number - 1]
    got, dash = _indent(line), bool(_DASH.match(line))
    levels = _levels(lines, above, dash)
    if not levels or got in {col for col, _ in levels}:
        return None
    want, like = min(levels, key=lambda level: (abs(level[0] - got), -level[0]))
    return number, 1, say("yaml_indent_misaligned", got=_spaces(got), want=_spaces(want), shown=_shown(lines[like]),
                          line=like + 1, rule=say("yaml_rule_items" if dash else "yaml_rule_fields"))


def _levels(lines: list[str], index: int, dash: bool) -> list[tuple[int, int]]:
    """(column, line index) of the open levels at line index: its own, then each enclosing one's;
    for a list item, the columns of the dashes above, else the columns of the fields."""
    levels: list[tuple[int, int]] = []
    limit = None
    for at in range(index, -1, -1):
        text = lines[at]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        head = _DASH.match(text)
        dash_col, field_col = (len(head.group(1)), head.end()) if head else (None, _indent(text))
        if limit is not None and min(c for c in (dash_col, field_col) if c is not None) >= limit:
            continue  # a line inside an earlier sibling, not an enclosing one
        col = dash_col if dash else field_col
        if col is not None and (limit is None or col < limit):
            levels.append((col, at))
        limit = dash_col if dash_col is not None else field_col
    return levels


def _shown(line: str) -> str:
    """The start of a line, as a message shows it."""
    line = line.strip()
    return line if len(line) <= 40 else line[:39] + "…"


def _spaces(count: int) -> str:
    return say("yaml_spaces", count=count) if count else say("yaml_no_spaces")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
