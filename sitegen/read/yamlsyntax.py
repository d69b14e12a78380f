"""YAML syntax slips a reporter makes, found at the line where they must be fixed.

PyYAML reports an unclosed quote where the next quote happens to close it, often lines later, a
colon inside a text and a line indented too far alike as "mapping values are not allowed", and a
value starting with a character YAML reserves ("@", "`", "%") in its own terms; this finds the line
the slip is on and what it is (layout slips: see indentation.py).
"""

from __future__ import annotations

import re

from sitegen.messages import say
from sitegen.read import indentation

_OPENER = re.compile(r"^\s*(?:-\s+)?(?:[^\s\"'#\[{][^:#]*:\s+)?([\"'\[{])")
_FIELD = re.compile(r"^(\s*(?:-\s+)?)([^\s\"'#][^:#]*?):\s+(.*?)\s*$")
_BLOCK = re.compile(r":\s+[|>][-+0-9]*\s*(?:#.*)?$")
_CLOSERS = {'"': '"', "'": "'", "[": "]", "{": "}"}
_SHOWN = 60  # characters of the line shown in a message


def explain(text: str, line: int, reason: str) -> tuple[int, int, str] | None:
    """(line, column, message) for a syntax error PyYAML found at line (1-based), or None."""
    lines = text.split("\n")
    found = _unclosed(lines, min(line, len(lines)))
    if found is None and 0 < line <= len(lines):
        found = indentation.explain(lines, line, reason)
    if found is None and "mapping values are not allowed" in reason and 0 < line <= len(lines):
        found = _colon(lines[line - 1], line)
    if found is None and "cannot start any token" in reason and 0 < line <= len(lines):
        found = _reserved(lines[line - 1], line)
    return found


def _unclosed(lines: list[str], last: int) -> tuple[int, int, str] | None:
    """The first quote or bracket up to line `last` that is never closed, or is closed too early."""
    number = 0
    while number < last:
        line = lines[number]
        number += 1
        if _BLOCK.search(line):  # a block of text ("key: |"): its lines are text, not YAML
            indent = _indent(line)
            while number < last and (not lines[number].strip() or _indent(lines[number]) > indent):
                number += 1
            continue
        if not (match := _OPENER.match(line)):
            continue
        start = match.start(1)
        opener = line[start]
        end = _close(line, start)
        if end is not None:
            if opener in "\"'" and _text_after(line[end + 1:]):
                other = "'" if opener == '"' else '"'
                shown = _shown(line[start:end + 1 + _SHOWN // 3])
                return number, start + 1, say("yaml_quote_inside", quote=opener, other=other, shown=shown)
            continue
        after = _closed_later(lines, number, last, _CLOSERS[opener])
        if after is None:
            return number, start + 1, say("yaml_unclosed", open=opener, close=_CLOSERS[opener], shown=_shown(line))
        number = after
    return None


def _closed_later(lines: list[str], first: int, last: int, closer: str) -> int | None:
    """The index of the line after the one that closes a text or list going on over several lines."""
    for index in range(first, last):
        at = lines[index].find(closer)
        if at != -1:
            return None if _text_after(lines[index][at + 1:]) else index + 1
    return None


def _close(line: str, start: int) -> int | None:
    """The index of what closes the quote or bracket opened at start, on the same line, or None."""
    opener, depth, quote, index = line[start], 0, "", start
    while index < len(line):
        char = line[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote and quote == "'" and line[index + 1:index + 2] == "'":
                index += 1
            elif char == quote:
                quote = ""
                if opener in "\"'":
                    return index
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def _text_after(rest: str) -> bool:
    """True when something other than spaces, a comma, a closing bracket, a colon or a comment follows."""
    rest = rest.strip()
    return bool(rest) and not rest.startswith(("#", ",", "]", "}", ":"))  # ":" ends a quoted key


def _colon(line: str, number: int) -> tuple[int, int, str] | None:
    match = _FIELD.match(line)
    if not match or match.group(3)[:1] in ("\"", "'"):
        return None
    _, key, value = match.groups()
    quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    column = match.start(3) + 1
    return number, column, say("yaml_colon", key=key, fixed=f"{key}: {quoted}")


def _reserved(line: str, number: int) -> tuple[int, int, str] | None:
    """A value that starts with a character YAML keeps for itself ("@", "`", "%"): put it in quotes."""
    match = _FIELD.match(line)
    if not match or not match.group(3) or match.group(3)[0] not in "@`%|>!&*":
        return None
    prefix, key, value = match.groups()
    quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    return number, match.start(3) + 1, say("yaml_start_quote", char=value[0], fixed=f"{key}: {quoted}")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _shown(line: str) -> str:
    """The line as shown in a message: its end, where a closing mark belongs."""
    line = line.strip()
    return line if len(line) <= _SHOWN else "…" + line[1 - _SHOWN:]
