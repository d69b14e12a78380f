"""Component calls as a reporter writes them in a story, and the slips Jinja reads wrongly, silently or
in its own terms: a missing comma (Jinja joins "a" "b" into one name), curly quotes from a word
processor, a name out of quotes, a brace too many or too few (shown to readers as text), a missing
parenthesis. Each is found on its line, named, and shown with the call as it should be written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.messages import say

NAMES = ("figure", "chart", "claim", "target")
_NAME = re.compile(rf"\b({'|'.join(NAMES)})\b")
_TOKEN = re.compile(r"""(?P<string>"[^"]*"|'[^']*')|(?P<curly>[“‘][^”’“‘]*[”’]?)|(?P<word>[\w-]+)"""
                    r"""|(?P<mark>[=,])|(?P<other>\S)""")


@dataclass(frozen=True)
class Slip:
    """A call written wrongly: where (line and column, 1-based, in the body), what, and the right call."""

    line: int
    col: int
    message: str


def slips(body: str) -> list[Slip]:
    """Every component call in a story body that is written wrongly."""
    found = []
    for number, line in enumerate(body.split("\n"), 1):
        for match in _NAME.finditer(line):
            slip = _call(line, match.start(), match.group(1))
            if slip:
                found.append(Slip(number, slip[0], slip[1]))
    return found


def _call(line: str, at: int, name: str) -> tuple[int, str] | None:
    """(column, message) for the call of name starting at `at`, if it is written wrongly."""
    before = line[:at].rstrip()
    opened = len(before) - len(before.rstrip("{"))
    start = len(before) - opened if opened else at
    rest = line[at + len(name):]
    if not rest.lstrip().startswith("("):
        return None  # "figure" as a word of the text
    inside, closed, after = _inside(rest.lstrip()[1:])
    braces = len(after) - len(after.lstrip("}"))
    if not opened and not braces:
        return None  # not a component: "the figure (below)"
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(inside)]
    found = []
    if any(kind == "curly" for kind, _ in tokens):
        found.append(say("call_curly"))
    for (kind, text), (next_kind, next_text) in zip(tokens, tokens[1:], strict=False):
        if kind in ("string", "curly", "word") and next_kind in ("string", "curly", "word"):
            found.append(say("call_comma", first=text, second=next_text))
    for index, (kind, text) in enumerate(tokens):
        keyword = index + 1 < len(tokens) and tokens[index + 1][1] == "="
        value = index and tokens[index - 1][1] == "="
        if kind == "word" and not keyword and not value and text not in ("true", "false") and not text.isdecimal():
            found.append(say("call_unquoted", word=text))
    if not closed and braces:
        found.append(say("call_paren"))
    if opened != 2 or braces != 2:
        found.append(say("call_braces", opened="{" * opened or "—", closed="}" * braces or "—"))
    if not found:
        return None
    return start + 1, say("call_slip", name=name, slips="; ".join(found), fixed=_fixed(name, tokens))


def _inside(text: str) -> tuple[str, bool, str]:
    """The arguments' text up to the closing parenthesis (or a brace, if it is missing), whether it
    was closed, and what follows."""
    depth, quote = 0, ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")" and depth == 0:
            return text[:index], True, text[index + 1:].lstrip()
        elif char == ")":
            depth -= 1
        elif char == "}":
            return text[:index], False, text[index:]
    return text, False, ""


def _fixed(name: str, tokens: list[tuple[str, str]]) -> str:
    """The call as it should be written: names in straight quotes, commas between, options after."""
    args, options, index = [], [], 0
    while index < len(tokens):
        kind, text = tokens[index]
        if kind == "word" and index + 2 < len(tokens) and tokens[index + 1][1] == "=":
            options.append(f"{text}={tokens[index + 2][1].strip(chr(34) + chr(39))}")
            index += 3
            continue
        if kind in ("string", "curly", "word"):
            args.append('"' + text.strip("\"'“”‘’") + '"')
        index += 1
    return "{{ " + f"{name}({', '.join(args + options)})" + " }}"
