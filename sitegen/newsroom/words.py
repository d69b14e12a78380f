"""Changed words marked in a text, with a few words around each change, so that an editor sees what
changed in a long paragraph: [-old-]{+new+} as plain text, ~~old~~ **new** as Markdown."""

from __future__ import annotations

import difflib
from collections.abc import Callable

CONTEXT = 5  # words shown on either side of a change
Segment = tuple[str, str]  # ("=", "words kept") | ("-", "words removed") | ("+", "words added")


def hunks(old: str, new: str, context: int = CONTEXT) -> list[list[Segment]]:
    """The changes from old to new, word by word, each with up to `context` words around it;
    changes fewer than twice that many words apart share one hunk."""
    a, b = old.split(), new.split()
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    groups: list[list[int]] = []
    for index, op in enumerate(ops):
        if op[0] == "equal":
            continue
        near = groups and index - groups[-1][-1] == 2 and ops[index - 1][2] - ops[index - 1][1] <= 2 * context
        groups[-1].append(index) if near else groups.append([index])
    found = []
    for group in groups:
        hunk: list[Segment] = []
        first, last = group[0], group[-1]
        if first > 0:  # the words before the first change
            i1, i2 = ops[first - 1][1], ops[first - 1][2]
            hunk.append(("=", ("… " if i2 - i1 > context else "") + " ".join(a[max(i1, i2 - context):i2])))
        for tag, i1, i2, j1, j2 in ops[first:last + 1]:
            if tag == "equal":
                hunk.append(("=", " ".join(a[i1:i2])))
                continue
            hunk += [("-", " ".join(a[i1:i2]))] if i2 > i1 else []
            hunk += [("+", " ".join(b[j1:j2]))] if j2 > j1 else []
        if last + 1 < len(ops):  # the words after the last change
            i1, i2 = ops[last + 1][1], ops[last + 1][2]
            hunk.append(("=", " ".join(a[i1:min(i2, i1 + context)]) + (" …" if i2 - i1 > context else "")))
        found.append(hunk)
    return found


def text(hunk: list[Segment]) -> str:
    """A hunk as plain text: … kept [-removed-]{+added+} kept …"""
    return _joined(hunk, {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}, str)


def markdown(hunk: list[Segment], escape: Callable[[str], str]) -> str:
    """A hunk as Markdown: … kept ~~removed~~ **added** kept …"""
    return _joined(hunk, {"=": "{}", "-": "~~{}~~", "+": "**{}**"}, escape, glue=" ")


def _joined(hunk: list[Segment], marks: dict[str, str], escape: Callable[[str], str], glue: str = "") -> str:
    """The segments with their marks; a removal and the addition that replaces it side by side (glue)."""
    out = ""
    for index, (kind, words) in enumerate(hunk):
        if not words:
            continue
        glued = kind == "+" and index and hunk[index - 1][0] == "-"  # [-old-]{+new+}
        out += (glue if glued else " " if out else "") + marks[kind].format(escape(words))
    return out
