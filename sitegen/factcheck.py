"""The fact-check: every quote stands verbatim in its archived article and states its value."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from . import i18n

_SCALES = {"vi": ((10**9, ("tỷ",)), (10**6, ("triệu",)), (10**3, ("nghìn", "ngàn"))),
           "en": ((10**9, ("billion",)), (10**6, ("million",)), (10**3, ("thousand",)))}

# Claims articles make in words rather than digits: "đứng đầu cả nước" is rank 1, "toàn bộ" 100%.
_WORDS = {("rank", 1): {"vi": ("đứng đầu", "dẫn đầu", "cao nhất", "thứ nhất"),
                        "en": ("first", "top", "highest", "leads")},
          ("percent", 100): {"vi": ("toàn bộ", "tất cả", "hoàn thành", "mỗi", "mọi"),
                             "en": ("all", "every", "completed", "each")}}


def normalise(text: str) -> str:
    """Compose Unicode (NFC) and fold every run of whitespace into one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def renderings(value: float, unit: str = "", lang: str = "vi") -> list[str]:
    """The ways an article may write value: 127.178, 127178, 56,83, 02, 3 triệu, 92.24, "toàn bộ"."""
    exact = Decimal(str(value))
    forms = {i18n.number(value, lang)}
    if exact == exact.to_integral_value():
        whole = int(exact)
        forms.add(str(whole))
        if 0 <= whole < 10:
            forms.add(f"0{whole}")
        for scale, words in _SCALES[lang]:
            if whole >= scale and whole % (scale // 10) == 0:
                forms.update(f"{i18n.number(whole / scale, lang)} {word}" for word in words)
        forms.update(_WORDS.get((unit, whole), {}).get(lang, ()))
    else:
        forms.add(format(exact.normalize(), "f"))
    return sorted(forms, key=lambda form: (-len(form), form))


def states(quote: str, value: float, unit: str = "", lang: str = "vi") -> bool:
    """True when the quote writes value as a number of its own (not inside a longer number)."""
    text = normalise(quote)
    return any(_standalone(text, form) for form in renderings(value, unit, lang))


def _standalone(text: str, form: str) -> bool:
    """form occurs in text with no digit, nor a digit after . or , , running into it on either side;
    a form in words stands as whole words."""
    wordy = form[:1].isalpha()
    folded, form = (text.casefold(), form.casefold()) if wordy else (text, form)
    start = folded.find(form)
    while start != -1:
        end = start + len(form)
        before, after = folded[max(0, start - 2):start], folded[end:end + 2]
        if wordy:
            if not before[-1:].isalnum() and not after[:1].isalnum():
                return True
        elif not (before[-1:].isdecimal() or (before[-1:] in (".", ",") and before[:1].isdecimal())
                  or after[:1].isdecimal() or (after[:1] in (".", ",") and after[1:].isdecimal())):
            return True
        start = folded.find(form, start + 1)
    return False


def separator_slip(quote: str, value: float) -> str | None:
    """If value looks like "127.178" read as a decimal, return the whole number meant."""
    text = format(Decimal(str(value)).normalize(), "f")
    whole, _, decimals = text.partition(".")
    if len(decimals) == 3 and re.search(rf"(?<![\d.,]){re.escape(text)}(?!\d)", normalise(quote)):
        return whole + decimals
    return None
