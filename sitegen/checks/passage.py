"""The passage of an archived article closest to a quote that is not in it, and their first difference.

A reporter whose quote is not found needs to see where it goes wrong: a curly quote mark for a
straight one, a changed digit, a word left out. The quote is aligned word by word (difflib) with
the article around the longest run of words the two share.
"""

from __future__ import annotations

import difflib

from sitegen.messages import say

CONTEXT = 4  # words of the article shown on either side of the difference
_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


def difference(quote: str, article: str) -> str | None:
    """The closest passage and how the quote first differs from it, for a message; None if none is close."""
    words, text = quote.split(), article.split()
    anchor = difflib.SequenceMatcher(None, text, words, autojunk=False).find_longest_match(
        0, len(text), 0, len(words))
    if not words or anchor.size == 0:
        return None
    start = max(0, anchor.a - anchor.b - CONTEXT)
    window = text[start:anchor.a - anchor.b + len(words) + CONTEXT]
    matcher = difflib.SequenceMatcher(None, window, words, autojunk=False)
    if matcher.ratio() * (len(window) + len(words)) / (2 * len(words)) < 0.5:
        return None  # fewer than half the quote's words stand in the article here
    opcodes = matcher.get_opcodes()
    first = next((i for i, op in enumerate(opcodes) if op[0] == "equal"), 0)
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal" or (tag == "delete" and (index < first or j1 == len(words))):
            continue  # article words outside the quote's reach
        shown = _shown(window, i1, i2)
        return say("quote_closest", passage=shown, difference=_what(tag, window[i1:i2], words[j1:j2]))
    return None


def _what(tag: str, article: list[str], quote: list[str]) -> str:
    want, got = " ".join(article), " ".join(quote)
    if tag == "delete":
        return say("quote_leaves_out", want=want)
    if tag == "insert":
        return say("quote_adds", got=got)
    want, got = article[0], quote[0]  # the first word that differs
    if want.translate(_MARKS) == got.translate(_MARKS):
        at = next(i for i, (a, b) in enumerate(zip(want, got, strict=True)) if a != b)
        return say("quote_marks_differ", want=want[at], got=got[at])
    return say("quote_word_differs", want=want, got=got)


def _shown(window: list[str], i1: int, i2: int) -> str:
    first, last = max(0, i1 - CONTEXT), min(len(window), max(i2, i1 + 1) + CONTEXT)
    return ("…" if first > 0 else "") + " ".join(window[first:last]) + ("…" if last < len(window) else "")
