"""The fact-check: every quote stands verbatim in its archived article and states its value."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from . import i18n

_SCALES = ((10**9, ("tỷ",)), (10**6, ("triệu",)), (10**3, ("nghìn", "ngàn")))


def normalise(text: str) -> str:
    """Compose Unicode (NFC) and fold every run of whitespace into one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def renderings(value: float) -> list[str]:
    """The ways an article may write value: 127.178, 127178, 56,83, 02, 3 triệu, 92.24."""
    exact = Decimal(str(value))
    forms = {i18n.number(value, "vi")}
    if exact == exact.to_integral_value():
        whole = int(exact)
        forms.add(str(whole))
        if 0 <= whole < 10:
            forms.add(f"0{whole}")
        for scale, words in _SCALES:
            if whole >= scale and whole % (scale // 10) == 0:
                forms.update(f"{i18n.number(whole / scale, 'vi')} {word}" for word in words)
    else:
        forms.add(format(exact.normalize(), "f"))
    return sorted(forms, key=lambda form: (-len(form), form))


def states(quote: str, value: float) -> bool:
    """True when the quote writes value as a number of its own (not inside a longer number)."""
    text = normalise(quote)
    return any(_standalone(text, form) for form in renderings(value))


def _standalone(text: str, form: str) -> bool:
    """form occurs in text with no digit, nor a digit after . or , , running into it on either side."""
    start = text.find(form)
    while start != -1:
        end = start + len(form)
        before, after = text[max(0, start - 2):start], text[end:end + 2]
        if not (before[-1:].isdecimal() or (before[-1:] in (".", ",") and before[:1].isdecimal())
                or after[:1].isdecimal() or (after[:1] in (".", ",") and after[1:].isdecimal())):
            return True
        start = text.find(form, start + 1)
    return False


def separator_slip(quote: str, value: float) -> str | None:
    """If value looks like "127.178" read as a decimal, return the whole number meant."""
    text = format(Decimal(str(value)).normalize(), "f")
    whole, _, decimals = text.partition(".")
    if len(decimals) == 3 and re.search(rf"(?<![\d.,]){re.escape(text)}(?!\d)", normalise(quote)):
        return whole + decimals
    return None
